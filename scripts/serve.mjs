// A small static file server for the page: correct MIME types (application/wasm for streaming
// compilation), nothing cached without asking (no-cache, with an ETag to revalidate), and the
// Content-Security-Policy the page is written for on everything but HTML pages. A page states
// its own policy (the project's pages, in a <meta> tag: tests/node/serve.test.mjs checks it), so
// an author's test page beside them under npm start may have an inline script; the strict
// policy on scripts is what a worker runs under (its own response's). The tests send it with HTML pages too (`pageCsp`).
// Usage: node scripts/serve.mjs [dir=www] [--port 8080] [--host 127.0.0.1]
// Also imported by the end-to-end tests: startServer({ root, port: 0 }).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * Creates (does not start) an http.Server serving the files under `root`. `whenBuilt(file)`,
 * if given, is asked about a file that is missing: a Promise (resolved once the file is there
 * or will not come) holds the request until then, as npm start does for the wasm builds it
 * is still making; anything else answers 404 at once. `pageCsp`: HTML pages get the CSP too.
 */
export function createStaticServer(root, { whenBuilt, pageCsp = false } = {}) {
  const base = path.resolve(root);
  return http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A page in an origin of its own (an <iframe sandbox="allow-scripts"> without
    // allow-same-origin, as course platforms set it) fetches the modules and the wasm from
    // origin null: CORS must allow it.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(res, 400, 'bad request\n');
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      send(res, 403, 'forbidden\n');
      return;
    }
    fs.stat(file, (err, stat) => {
      if (!err && stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: pathname + '/' });
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      const sendFile = (mayWait) => fs.stat(file, (err2, stat2) => {
        if (err2 || !stat2.isFile()) {
          const built = mayWait ? whenBuilt?.(file) : null;
          if (built) built.then(() => sendFile(false));
          else send(res, 404, 'not found\n');
          return;
        }
        const ext = path.extname(file).toLowerCase();
        const headers = {
          'Content-Type': TYPES[ext] ?? 'application/octet-stream',
          // A validator, as static hosts send: the training worker's second fetch of the
          // page's modules and wasm is a 304, not the whole file again.
          ETag: `W/"${stat2.ino}-${stat2.size}-${stat2.mtimeMs}"`,
          ...(ext !== '.html' || pageCsp ? { 'Content-Security-Policy': CSP } : {}),
        };
        // Compared weakly (W/ or not), as a GET's If-None-Match is; `*` is any file.
        const tags = req.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, '')) ?? [];
        if (tags.includes('*') || tags.includes(headers.ETag.slice(2))) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { ...headers, 'Content-Length': stat2.size });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        fs.createReadStream(file).pipe(res);
      });
      sendFile(true);
    });
  });
}

/** Starts serving `root`; port 0 picks a free port. Resolves to { server, url, close }. */
export function startServer({ root = 'www', port = 8080, host = '127.0.0.1', whenBuilt, pageCsp } = {}) {
  const server = createStaticServer(root, { whenBuilt, pageCsp });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: actual } = server.address();
      resolve({
        server,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

/** The command line's options: [dir=www] [--port 8080] [--host 127.0.0.1] (PORT, HOST from the environment). */
export function parseArgs(argv, usage = 'usage: node scripts/serve.mjs [dir=www] [--port 8080] [--host 127.0.0.1]') {
  const opts = { root: 'www', port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log(usage);
      process.exit(0);
    } else opts.root = a;
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error(`serve: bad port ${opts.port}`);
    process.exit(2);
  }
  return opts;
}

/** Serves `opts` (parseArgs' options, and startServer's whenBuilt) until stopped, saying where; exits 1 on failure. */
export function serveFromCommandLine(opts) {
  if (!fs.existsSync(path.join(opts.root, 'index.html'))) {
    console.error(`serve: ${path.resolve(opts.root)} has no index.html`);
    process.exit(1);
  }
  // A build is there (npm start builds the relaxed-SIMD one, Chromium's, first; the others follow).
  const pkg = path.join(opts.root, 'pkg');
  if (!opts.whenBuilt && !(fs.existsSync(pkg) && fs.readdirSync(pkg).some((f) => f.endsWith('.wasm')))) {
    console.warn(`serve: warning: ${opts.root}/pkg has no wasm yet (build it: npm run build:wasm)`);
  }
  return startServer(opts).then(
    ({ url }) => {
      console.log(`Serving ${path.resolve(opts.root)} at ${url}  (Ctrl+C to stop)`);
    },
    (err) => {
      console.error(err.code === 'EADDRINUSE'
        ? `serve: port ${opts.port} is in use; try PORT=8081 npm start or --port 8081`
        : `serve: ${err.message}`);
      process.exit(1);
    },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serveFromCommandLine(parseArgs(process.argv.slice(2)));
}

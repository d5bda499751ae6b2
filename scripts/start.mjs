// npm start: installs what is missing (scripts/setup.sh), builds the wasm build that
// Chromium-based browsers load (relaxed SIMD), serves www/ at once, and builds the SIMD,
// scalar and files builds (www/pkg/files/: the file methods, loaded at the first file action)
// while it serves: a browser that asks for one of those before it is built gets it once it is
// (the request waits). A fresh machine serves the page after the wasm-bindgen
// install and one build, not three.
// Usage: npm start [-- --port 8080] [-- --host 127.0.0.1]   (or PORT=… HOST=… npm start)
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, serveFromCommandLine } from './serve.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(REPO);
const opts = parseArgs(process.argv.slice(2), 'usage: npm start [-- --port 8080] [-- --host 127.0.0.1]');

for (const args of [['scripts/setup.sh'], ['scripts/build-wasm.sh', 'relaxed-simd']]) {
  if (spawnSync('bash', args, { stdio: 'inherit' }).status !== 0) process.exit(1);
}

// The other builds, in a process group of their own so that stopping the server stops them.
let building = true;
// The files build first of them: every browser asks for it at its first file action.
const rest = spawn('bash', ['scripts/build-wasm.sh', '--add', 'files', 'simd', 'scalar'], { stdio: 'inherit', detached: true });
rest.on('exit', (code) => {
  building = false;
  console.log(code === 0
    ? 'start: all four wasm builds are in www/pkg'
    : `start: building the files, SIMD and scalar wasm failed (exit ${code}); the file methods, or browsers without relaxed SIMD, do not work`);
});
const stop = () => {
  if (!building) return;
  try { process.kill(-rest.pid, 'SIGTERM'); } catch { /* already gone */ }
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const pkg = path.resolve(opts.root, 'pkg') + path.sep;
const filesPkg = `${pkg}files${path.sep}`;
/**
 * A file the builds still make (a .wasm of www/pkg, any file of www/pkg/files: the files
 * build's glue too): resolves once it is there or the builds ended.
 */
function whenBuilt(file) {
  if (!building || !file.startsWith(pkg) || !(file.endsWith('.wasm') || file.startsWith(filesPkg))) return null;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!building || fs.existsSync(file)) {
        clearInterval(poll);
        resolve();
      }
    }, 200);
  });
}
serveFromCommandLine({ ...opts, whenBuilt });

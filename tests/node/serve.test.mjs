// scripts/serve.mjs as npm start uses it (scripts/start.mjs): the page is served while the
// later wasm builds are still being made, and a request for one of those waits until it is
// there instead of failing; anything else missing is a 404 at once. The strict CSP goes with
// what a page loads; an HTML page states its own (the project's do).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP, startServer } from '../../scripts/serve.mjs';

function site() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-serve-'));
  fs.mkdirSync(path.join(root, 'pkg'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  return root;
}

test('a file still being built is sent once it is there; the page is served meanwhile', async () => {
  const root = site();
  const wasm = path.join(root, 'pkg', 'later_bg.wasm');
  let built;
  const done = new Promise((resolve) => { built = resolve; });
  const asked = [];
  const server = await startServer({ root, port: 0, whenBuilt: (file) => { asked.push(file); return done; } });
  try {
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    const t0 = Date.now();
    const pending = fetch(`${server.url}pkg/later_bg.wasm`);
    setTimeout(() => {
      fs.writeFileSync(wasm, Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
      built();
    }, 300);
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], [0, 97, 115, 109, 1, 0, 0, 0]);
    assert.ok(Date.now() - t0 >= 250, 'the request waited for the build');
    assert.deepEqual(asked, [wasm]);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a missing file that will not come is a 404, at once or once the builds end', async () => {
  const root = site();
  const server = await startServer({ root, port: 0, whenBuilt: (file) => (file.endsWith('.wasm') ? Promise.resolve() : null) });
  const plain = await startServer({ root, port: 0 });
  try {
    assert.equal((await fetch(`${server.url}pkg/never_bg.wasm`)).status, 404);
    assert.equal((await fetch(`${server.url}missing.js`)).status, 404);
    assert.equal((await fetch(`${plain.url}pkg/never_bg.wasm`)).status, 404);
  } finally {
    await server.close();
    await plain.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the strict CSP goes with scripts and the wasm, not with HTML pages: the project\'s pages state it themselves, an author\'s may run an inline script', async () => {
  const root = site();
  fs.writeFileSync(path.join(root, 'train-worker.js'), '');
  const server = await startServer({ root, port: 0 });
  const tests = await startServer({ root, port: 0, pageCsp: true });
  try {
    assert.equal((await fetch(server.url)).headers.get('content-security-policy'), null, 'an HTML page');
    assert.equal((await fetch(`${server.url}train-worker.js`)).headers.get('content-security-policy'), CSP, 'a script (a worker runs under its own response\'s CSP)');
    assert.equal((await fetch(tests.url)).headers.get('content-security-policy'), CSP, 'pageCsp: an HTML page too (the end-to-end tests)');
  } finally {
    await server.close();
    await tests.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const www = fileURLToPath(new URL('../../www/', import.meta.url));
  const pages = fs.readdirSync(www).filter((f) => f.endsWith('.html'));
  assert.ok(pages.includes('index.html') && pages.length >= 4, pages.join(' '));
  for (const name of pages) {
    const html = fs.readFileSync(path.join(www, name), 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)">/);
    assert.equal(meta?.[1], CSP, `${name} states the page's CSP in a <meta> tag`);
    assert.ok(meta.index < html.search(/<script|<link/), `${name}: the CSP comes before anything it governs`);
  }
});

test('node scripts/serve.mjs warns of a missing wasm only when pkg/ has none (one build alone, as the relaxed-SIMD one after its first build, is no warning)', async () => {
  const { spawn } = await import('node:child_process');
  const script = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
  /** What the command line prints to stderr before it says it serves. */
  const warnings = (root) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => { if (/Serving/.test(String(d))) { child.kill(); resolve(err); } });
    child.on('exit', (code) => { if (code) reject(new Error(`serve exited ${code}: ${err}`)); });
  });
  const root = site();
  assert.match(await warnings(root), /has no wasm yet/);
  fs.writeFileSync(path.join(root, 'pkg', 'rnn_playground_relaxed_bg.wasm'), '');
  assert.equal(await warnings(root), '');
  fs.rmSync(root, { recursive: true, force: true });
});

test('a file asked again with its ETag (weak or not, or *) is a 304; another tag or a changed file is a 200', async () => {
  const root = site();
  const file = path.join(root, 'pkg', 'a_bg.wasm');
  fs.writeFileSync(file, Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  const server = await startServer({ root, port: 0 });
  try {
    const url = `${server.url}pkg/a_bg.wasm`;
    const first = await fetch(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache', 'always revalidated: never stale while developing');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/".+"$/);
    await first.arrayBuffer();
    for (const asked of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
      const again = await fetch(url, { headers: { 'If-None-Match': asked } });
      assert.equal(again.status, 304, `If-None-Match: ${asked}`);
    }
    assert.equal((await fetch(url, { headers: { 'If-None-Match': '"other"' } })).status, 200);
    // A rebuild of the same size: its time changes the ETag.
    fs.writeFileSync(file, Buffer.from([0, 97, 115, 109, 1, 0, 0, 1]));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = await fetch(url, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.deepEqual([...new Uint8Array(await changed.arrayBuffer())], [0, 97, 115, 109, 1, 0, 0, 1]);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// The npm package as its users get it: `npm pack` (after the wasm is built) makes the tarball
// whose file list is checked; examples/plain is served from the unpacked tarball;
// examples/vite installs the tarball and is built with `vite build`, examples/webpack with
// webpack 5 (as Docusaurus bundles); examples/vitepress installs
// it and is built with `vitepress build`, which renders its pages in Node first. Each page is
// loaded under the page's CSP and must train with no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, newPage, assertClean, CHROMIUM, LAUNCH_ARGS } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { chromium } from 'playwright-core';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
// What the tarball must hold, no more and no less.
const EXPECTED_FILES = [
  'LICENSE',
  'custom-elements.json',
  'README.md',
  'package.json',
  'www/charts.js',
  'www/controls.js',
  'www/demo.js',
  'www/element-style.js',
  'www/element.d.ts',
  'www/element.js',
  'www/embed.css',
  'www/embed.html',
  'www/embed.js',
  'www/engine.d.ts',
  'www/engine.js',
  'www/equations.js',
  'www/favicon.svg',
  'www/file-actions.js',
  'www/files-build.js',
  'www/file-methods.js',
  'www/files-worker.js',
  'www/module-worker.js',
  'www/frame-clock.js',
  'www/files.js',
  'www/i18n.js',
  'www/keyboard.js',
  'www/locales/en.js',
  'www/locales/zh-CN.js',
  'www/loop.js',
  'www/messages.js',
  'www/pace.js',
  'www/page-lang.js',
  'www/probe.js',
  'www/pytorch-dialog.js',
  'www/pytorch-shapes.js',
  'www/react.d.ts',
  'www/readouts.js',
  'www/pkg/rnn_playground.d.ts',
  'www/pkg/rnn_playground.js',
  'www/pkg/rnn_playground_bg.wasm',
  'www/pkg/rnn_playground_relaxed_bg.wasm',
  'www/pkg/rnn_playground_scalar_bg.wasm',
  'www/pkg/files/rnn_playground.js',
  'www/pkg/files/rnn_playground_bg.wasm',
  'www/rnn-playground.d.ts',
  'www/rnn-playground.js',
  'www/script-trainer.js',
  'www/session.js',
  'www/setting-attributes.d.ts',
  'www/settings-schema.js',
  'www/settings.js',
  'www/step-cost.js',
  'www/step-phases.js',
  'www/svelte.d.ts',
  'www/train-worker.js',
  'www/turns.js',
  'www/unrolled.js',
  'www/view.js',
  'www/vue.d.ts',
  'www/worker-loop.js',
  'www/worker-training.js',
];

let work;
let tarball;
let browser;
before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-playground-package-'));
  // --ignore-scripts: npm test has built www/pkg already (prepack would build it again).
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  tarball = path.join(work, TARBALL);
});
// Servers still open after a failed test (its close() not reached), which would keep Node running.
const servers = new Set();
after(async () => {
  for (const server of servers) await server.close();
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const launch = async () => (browser ??= await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS }));

/**
 * Copies examples/`name` (without what its builds and installs leave: `skip`) into the work
 * folder, points its rnn-playground dependency at the tarball just packed (its lockfile pins
 * the rest), and installs it. Returns the copy's path.
 */
function installExample(name, skip) {
  const source = path.join(REPO, 'examples', name);
  const project = path.join(work, name);
  fs.cpSync(source, project, { recursive: true, filter: (src) => !skip.includes(path.relative(source, src).split(path.sep).join('/')) });
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  manifest.dependencies['rnn-playground'] = `file:${tarball}`;
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });
  return project;
}

/**
 * Serves `root` under the CSP and opens `page` there (`listen(page)` called first, to hear its
 * console from the start); returns { page, context, problems, close }.
 */
async function serveAndOpen(root, pagePath = '', listen = () => {}) {
  // The CSP with every page: VitePress's pages state none of their own.
  const server = await startServer({ root, port: 0, pageCsp: true });
  servers.add(server);
  const env = { url: server.url, browser: await launch() };
  const opened = await newPage(env, { viewport: { width: 1000, height: 1800 } });
  listen(opened.page);
  await opened.page.goto(server.url + pagePath);
  return { ...opened, close: async () => { await opened.context.close(); servers.delete(server); await server.close(); } };
}

test('npm pack: the tarball holds the element, the engine API, the declarations, every wasm build, README and LICENSE', () => {
  assert.ok(fs.existsSync(tarball), `npm pack did not write ${TARBALL}`);
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
  assert.deepEqual(listed, [...EXPECTED_FILES].sort());
  assert.equal(pkg.exports['.'].default, './www/rnn-playground.js');
  assert.equal(pkg.exports['.'].types, './www/rnn-playground.d.ts');
  assert.equal(pkg.types, './www/rnn-playground.d.ts');
  assert.deepEqual(pkg.sideEffects, ['./www/rnn-playground.js', './www/embed.js']);
  assert.ok(!pkg.private, 'a private package cannot be published');
  for (const [name, target] of Object.entries({ main: pkg.main, default: pkg.exports['.'].default, types: pkg.types })) {
    assert.ok(listed.includes(target.replace('./', '')), `${name} points at ${target}, which is not in the tarball`);
  }
});

test('examples/plain: the package unpacked by the README\'s command (www/ and the licence, no Markdown a site generator would publish as a page) with a plain <script type="module"> trains under the CSP', async () => {
  const source = path.join(REPO, 'examples', 'plain');
  const site = path.join(work, 'plain');
  // Everything but an rnn-playground/ folder unpacked there by hand: the test unpacks its own.
  fs.cpSync(source, site, { recursive: true, filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'rnn-playground' });
  const unpacked = path.join(site, 'rnn-playground');
  fs.mkdirSync(unpacked);
  const command = /^mkdir rnn-playground && tar (.+)$/m.exec(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8'));
  assert.ok(command, 'the README gives no unpack command');
  execFileSync('tar', command[1].split(' ').map((arg) => (arg === TARBALL ? tarball : arg)), { cwd: site });
  const files = fs.readdirSync(unpacked, { recursive: true });
  // (MkDocs had rendered the README into a page, put it in the search and failed --strict on its links.)
  assert.deepEqual(files.filter((f) => f.endsWith('.md')), [], 'Markdown unpacked beside the page');
  assert.ok(files.includes('LICENSE') && files.includes(path.join('www', 'rnn-playground.js')), files.join(', '));
  const { page, problems, close } = await serveAndOpen(site);
  await page.waitForFunction(() => document.getElementById('lstm')?.stepCount >= 10, undefined, { timeout: 20_000 });
  assert.match(await page.locator('#lstm-status').textContent(), /^step \d+, loss \d/);
  const first = page.locator('rnn-playground').first();
  await first.locator('[data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 10, undefined, { timeout: 20_000 });
  assertClean(problems);
  await close();
});

test('examples/vite: installs the tarball, builds with vite build, and the built page trains under the CSP', { timeout: 300_000 }, async () => {
  const project = installExample('vite', ['node_modules', 'dist']);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });
  const built = path.join(project, 'dist');
  const assets = fs.readdirSync(path.join(built, 'assets'));
  // The three speed builds and the files build.
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 4, `vite build shipped: ${assets.join(', ')}`);

  const { page, problems, close } = await serveAndOpen(built);
  await page.waitForFunction(() => /20 LSTM windows trained with the relaxed-simd build/.test(document.getElementById('engine').textContent), undefined, { timeout: 20_000 });
  const el = page.locator('rnn-playground');
  await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'ready', undefined, { timeout: 20_000 });
  assert.equal(await el.evaluate((e) => e.config.cell), 'gru');
  await el.locator('[data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 10, undefined, { timeout: 20_000 });
  // A file action runs in the files worker, bundled by Vite with the files build it loads.
  const infos = [];
  page.on('console', (m) => { if (m.type() === 'info') infos.push(m.text()); });
  await el.evaluate((e) => e.setAttribute('controls', 'play,files'));
  const [download] = await Promise.all([page.waitForEvent('download'), el.locator('[data-action="export-weights"]').click()]);
  assert.ok(JSON.parse(fs.readFileSync(await download.path(), 'utf8'))['rnn.weight_hh_l0'], 'not the run\'s weights');
  assert.deepEqual(infos.filter((t) => /main thread/.test(t)), [], 'a worker did not start');
  assertClean(problems);
  await close();
});

test('examples/webpack: installs the tarball, builds with webpack 5 (as Docusaurus bundles: import.meta.url a file:// path), and the built page trains in the training worker and exports in the files worker, under the CSP (both had fallen back to the main thread, their bare copies\' imports missing)', { timeout: 300_000 }, async () => {
  const project = installExample('webpack', ['node_modules', 'public/assets']);
  execFileSync('npx', ['webpack', '--no-stats'], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });
  const built = path.join(project, 'public');
  const assets = fs.readdirSync(path.join(built, 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 4, `webpack shipped: ${assets.join(', ')}`);

  const infos = [];
  const { page, problems, close } = await serveAndOpen(built, 'index.html', (p) => p.on('console', (m) => { if (m.type() === 'info') infos.push(m.text()); }));
  await page.waitForFunction(() => /20 LSTM windows trained with the relaxed-simd build/.test(document.getElementById('engine').textContent), undefined, { timeout: 20_000 });
  const el = page.locator('rnn-playground');
  await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'ready', undefined, { timeout: 20_000 });
  await el.locator('[data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 10, undefined, { timeout: 20_000 });
  assert.equal(page.workers().length, 1, 'the training worker does not run (a failed one is ended)');
  await el.evaluate((e) => e.setAttribute('controls', 'play,files'));
  const [download] = await Promise.all([page.waitForEvent('download'), el.locator('[data-action="export-weights"]').click()]);
  assert.ok(JSON.parse(fs.readFileSync(await download.path(), 'utf8'))['rnn.weight_hh_l0'], 'not the run\'s weights');
  assert.equal(page.workers().length, 2, 'the files worker does not run');
  assert.deepEqual(infos.filter((t) => /main thread/.test(t)), [], 'a worker did not start');
  assertClean(problems);
  await close();
});

test('examples/vitepress: installs the tarball, vitepress build renders its page in Node, and both elements train under the CSP', { timeout: 300_000 }, async () => {
  // Its lockfile pins VitePress and the rest, but not the package's content: the local tarball
  // has no integrity there, so a new `npm pack` is what npm ci installs (not a cached old one).
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'vitepress', 'package-lock.json'), 'utf8'));
  assert.equal(lock.packages['node_modules/vitepress']?.version, JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'vitepress', 'package.json'), 'utf8')).devDependencies.vitepress);
  assert.equal(lock.packages['node_modules/rnn-playground'].integrity, undefined, 'examples/vitepress/package-lock.json pins the tarball\'s content');
  const project = installExample('vitepress', ['node_modules', '.vitepress/dist', '.vitepress/cache']);
  // Renders every page on the server: its theme imports 'rnn-playground' in Node.
  execFileSync('npx', ['vitepress', 'build'], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });
  const built = path.join(project, '.vitepress', 'dist');
  const html = fs.readFileSync(path.join(built, 'index.html'), 'utf8');
  assert.equal(html.match(/<rnn-playground\b/g)?.length, 2, 'the server-rendered page holds both tags');
  const assets = fs.readdirSync(path.join(built, 'assets'));
  // Four builds (three speed builds and the files build), by content hash (the training
  // worker's own bundle names its copy of the glue's default build in Vite's style, beside
  // VitePress's: one build, two names).
  const builds = new Set(assets.filter((f) => f.endsWith('.wasm')).map((f) => f.match(/[.-]([\w-]{8})\.wasm$/)?.[1] ?? f));
  assert.equal(builds.size, 4, `vitepress build shipped: ${assets.join(', ')}`);

  const { page, problems, close } = await serveAndOpen(built);
  for (const id of ['lstm', 'gru']) {
    const el = page.locator(`rnn-playground#${id}`);
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction((i) => ['ready', 'running'].includes(document.getElementById(i).state), id, { timeout: 20_000 });
    // The server-rendered tag itself was upgraded (hydration kept it; nothing replaced it).
    assert.ok(await el.evaluate((e) => e instanceof customElements.get('rnn-playground') && e.shadowRoot !== null));
  }
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((e) => e.config.cell)), ['lstm', 'gru']);
  // The first trains when its Play is pressed; the second has autoplay.
  await page.locator('rnn-playground#lstm [data-action="play"]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((e) => e.stepCount >= 10), undefined, { timeout: 20_000 });
  const counts = await page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((e) => e.stepCount));
  await page.waitForFunction((before) => [...document.querySelectorAll('rnn-playground')].every((e, i) => e.stepCount > before[i]), counts, { timeout: 20_000 });
  assertClean(problems);
  await close();
});

test('the README shows the tested snippets: each line of its embedding examples stands in the example files, and its unpack command is the one the plain page\'s test runs', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('## Embed it in your tutorial');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const all = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], lines: m[2].split('\n').map((l) => l.trim()).filter(Boolean) }));
  // The unpack command (sh), which the examples/plain test runs as written.
  assert.deepEqual(all.filter((b) => b.lang === 'sh').map((b) => b.lines.length), [1], 'the section has one unpack command');
  const blocks = all.filter((b) => b.lang !== 'sh');
  assert.equal(blocks.length, 3, 'the section has the plain page, the bundler import and the iframe snippets');
  const plain = fs.readFileSync(path.join(REPO, 'examples', 'plain', 'index.html'), 'utf8');
  const vite = fs.readFileSync(path.join(REPO, 'examples', 'vite', 'main.js'), 'utf8');
  for (const line of blocks[0].lines) assert.ok(plain.includes(line), `README line not in examples/plain/index.html: ${line}`);
  for (const line of blocks[1].lines) assert.ok(vite.includes(line), `README line not in examples/vite/main.js: ${line}`);
  // The iframe's query is the one element.test.mjs loads embed.html with.
  const tested = fs.readFileSync(path.join(REPO, 'tests', 'e2e', 'element.test.mjs'), 'utf8');
  const query = blocks[2].lines[0].match(/embed\.html(\?[^"]*)/)[1];
  assert.ok(tested.includes(`embed.html${query}`), `the README's embed.html${query} is not what the tests load`);
});

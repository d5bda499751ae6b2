// npm run bench: the project's performance figures, measured on this machine, in one table.
//   node scripts/bench.mjs [--strict] [--skip-native] [--size]
// Training speed of the built wasm module in headless Chromium (RNN, LSTM, GRU at hidden 32;
// train(n) inside wasm and step() called from JS), the same after 10^6 steps, one animation
// frame of the real page at 1200×800 CSS px and DPR 2, the gzipped size of everything the page
// loads (HTML, CSS, JS, wasm: each response of a load in headless Chromium), navigation to the
// first chart drawn, the page's frame intervals and input delay while it trains (one element at
// each size the page offers, and 24 at once: scripts/bench-frames.mjs), wasm memory after 10^6
// steps against 10^3, and native speed (cargo bench
// --bench steps). Medians throughout. --size: only the size figures (build, then one load each
// of dist/ and www/).
// Exits 0 when it ran (FAIL rows are printed, not fatal); --strict exits 1 on any FAIL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, CSP } from './serve.mjs';
import { nativeScale, torchScale, browserScale, scaleReport, env, median, percentile } from './bench-scale.mjs';
import { responsiveness, workerThroughput, throughputText, shareMeasures, THROUGHPUT_WARM_MS } from './bench-frames.mjs';
import { CHROMIUM, LAUNCH_ARGS, REPO, WWW } from '../tests/e2e/helpers.mjs';

const argv = process.argv.slice(2);
const STRICT = argv.includes('--strict');
const SKIP_NATIVE = argv.includes('--skip-native');
const SIZE_ONLY = argv.includes('--size');
for (const a of argv) {
  if (a === '-h' || a === '--help') {
    console.log('usage: npm run bench [-- --strict] [-- --skip-native] [-- --size]');
    process.exit(0);
  }
  if (!['--strict', '--skip-native', '--size'].includes(a)) {
    console.error(`bench: unknown argument ${a}`);
    process.exit(2);
  }
}

const VIEWPORT = { width: 1200, height: 800 };
const DPR = 2;
const FRAMES = 200;
const NAV_LOADS = 7;
const LOSS_BOUND_BYTES = 4097 * 4;
const WASM_PAGE = 65536;
const started = performance.now();
const load0 = os.loadavg();
const loads = [load0[0]];
const log = (msg) => { loads.push(os.loadavg()[0]); console.error(`bench: ${msg}`); };
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

// --- the page, built from the current source as npm run build does: www/pkg, then dist/ ---
for (const [cmd, args] of [['bash', ['scripts/build-wasm.sh']], ['node', ['scripts/build-dist.mjs']]]) {
  log(`${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`bench: ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

// --- table ---
const rows = [];
const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : String(x));
const fmtMs = (x) => `${x.toFixed(2)} ms`;
const fmtKB = (b) => `${(b / 1000).toFixed(1)} KB`;
/** pass: true / false / null (information only, or not measured). */
function row(figure, target, measured, pass) {
  rows.push({ figure, target, measured, result: pass === null ? (target === '—' ? 'info' : 'n/a') : pass ? 'PASS' : 'FAIL' });
}

// --- native: cargo bench --bench steps (benches/steps.rs), once in full (its 10^6 row) and
// twice more with --quick; the per-cell figure is the median of the three runs.
function native() {
  if (SKIP_NATIVE) return null;
  const out = { rnn: [], lstm: [], gru: [] };
  for (const extra of [[], ['--', '--quick'], ['--', '--quick']]) {
    log(`native: cargo bench --bench steps ${extra.join(' ')} (${elapsed()})`);
    const r = spawnSync('cargo', ['bench', '--bench', 'steps', ...extra], { cwd: REPO, env, encoding: 'utf8' });
    if (r.status !== 0) {
      log(`cargo bench failed (exit ${r.status}):\n${r.stderr.split('\n').slice(-15).join('\n')}`);
      return { error: `cargo bench failed (exit ${r.status})` };
    }
    for (const line of r.stdout.split('\n')) {
      let m = line.match(/^(rnn|lstm|gru)\s+(\d+)\s*$/);
      if (m) out[m[1]].push(Number(m[2]));
      m = line.match(/^rnn, steps 0 to 10\^5\s+(\d+)/);
      if (m) out.first = Number(m[1]);
      m = line.match(/^rnn, steps 10\^6 to 10\^6\+10\^5\s+(\d+)/);
      if (m) out.later = Number(m[1]);
    }
  }
  if (!out.rnn.length) return { error: 'cargo bench printed no figures' };
  return out;
}

// --- in the browser: a blank same-origin page under the page's CSP, for the engine figures ---
const BENCH_PATH = '/__bench__';
const BENCH_HTML = '<!doctype html><html lang="en"><meta charset="utf-8"><title>rnn-playground bench</title><link rel="icon" href="favicon.svg"><p>bench</p></html>';

/** Installs window.__bench: the module (loaded as the page loads it, the build wasmBuild() names) and timers. */
async function setupBench(page) {
  return page.evaluate(async () => {
    const mod = await import('/engine.js');
    const { wasmBuild } = mod;
    const exports = await mod.ready();
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    /** Steps per second of `reps` calls of fn(n) in a row: the median and each. */
    const rates = (fn, n, reps) => {
      const all = [];
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        fn(n);
        all.push((n * 1000) / (performance.now() - t0));
      }
      return { median: median(all), all };
    };
    const trainers = {};
    window.__bench = {
      mod,
      memory: () => exports.memory.buffer.byteLength,
      /**
       * Speed figures on fresh trainers after `warm` steps each: `reps` rounds, each timing one
       * call per figure in turn (so a burst of other load spreads over the figures).
       * figures: [{ name, cell, n, warm, js }]; js: step() called from JS n times, else train(n).
       */
      speeds(figures, reps) {
        const ts = figures.map((f) => {
          const t = new mod.Trainer({ cell: f.cell });
          for (let i = 0; i < f.warm; i++) t.step();
          return t;
        });
        const all = figures.map(() => []);
        for (let r = 0; r < reps; r++) {
          figures.forEach((f, i) => {
            const t = ts[i];
            const fn = f.js ? (k) => { for (let j = 0; j < k; j++) t.step(); } : (k) => t.train(k);
            all[i].push(rates(fn, f.n, 1).median);
          });
        }
        ts.forEach((t) => t.free());
        return Object.fromEntries(figures.map((f, i) => [f.name, { median: median(all[i]), all: all[i] }]));
      },
      /** Long runs, in parts (each evaluate call returns): named trainers. */
      create(key, cell) { trainers[key] = new mod.Trainer({ cell }); return trainers[key].stepCount; },
      advance(key, until) {
        const t = trainers[key];
        if (t.stepCount < until) t.train(until - t.stepCount);
        return t.stepCount;
      },
      /** `reps` calls of train(n) on each of two trainers, alternating a, b, a, b, … */
      alternate(a, b, n, reps) {
        const ra = [];
        const rb = [];
        for (let r = 0; r < reps; r++) {
          ra.push(rates((k) => trainers[a].train(k), n, 1).median);
          rb.push(rates((k) => trainers[b].train(k), n, 1).median);
        }
        return { a: { median: median(ra), all: ra }, b: { median: median(rb), all: rb } };
      },
      info(key) { const t = trainers[key]; return { step: t.stepCount, losses: t.losses().length, stride: t.lossStride }; },
      free(key) { trainers[key].free(); delete trainers[key]; },
    };
    return { build: wasmBuild(), memory: exports.memory.buffer.byteLength };
  });
}

async function engineFigures(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + BENCH_PATH.slice(1));
  const setup = await setupBench(page);
  const res = { build: setup.build, isolated: await page.evaluate(() => crossOriginIsolated), long: {} };

  // Memory, on the fresh module before anything else: one RNN trainer after 10^3 steps and
  // after 10^6 (and the loss history's length there).
  log(`memory: one RNN trainer to 10^6 steps (${elapsed()})`);
  await page.evaluate(() => window.__bench.create('rnn', 'rnn'));
  await page.evaluate(() => window.__bench.advance('rnn', 1000));
  res.memAt1e3 = await page.evaluate(() => window.__bench.memory());
  for (let s = 100_000; s <= 1_000_000; s += 100_000) await page.evaluate((u) => window.__bench.advance('rnn', u), s);
  res.memAt1e6 = await page.evaluate(() => window.__bench.memory());
  res.memInfo = await page.evaluate(() => window.__bench.info('rnn'));
  await page.evaluate(() => window.__bench.free('rnn'));

  // Speed: fresh trainers, warmed up, medians of 7 calls.
  log(`speed figures (${elapsed()})`);
  Object.assign(res, await page.evaluate(() => window.__bench.speeds([
    { name: 'rnnTrain', cell: 'rnn', n: 20_000, warm: 5_000 },
    { name: 'rnnStep', cell: 'rnn', n: 20_000, warm: 5_000, js: true },
    { name: 'lstmTrain', cell: 'lstm', n: 10_000, warm: 2_000 },
    { name: 'gruTrain', cell: 'gru', n: 10_000, warm: 2_000 },
  ], 7)));

  // 10^6: per cell (the wasm code already warm from the above) one trainer trained to 10^6
  // steps, then a fresh one; then 5 × 2·10^4 steps timed on each, alternating fresh, long,
  // fresh, long, …: steps 0 to 10^5 against steps 10^6 to 10^6 + 10^5, under the same
  // machine conditions (this 2-core machine's speed drifts by tens of percent over seconds).
  for (const cell of ['rnn', 'gru', 'lstm']) {
    log(`long run, ${cell}: 10^6 + 2·10^5 steps (${elapsed()})`);
    await page.evaluate((c) => window.__bench.create('long', c), cell);
    for (let s = 100_000; s <= 1_000_000; s += 100_000) await page.evaluate((u) => window.__bench.advance('long', u), s);
    await page.evaluate((c) => window.__bench.create('fresh', c), cell);
    const { a: first, b: later } = await page.evaluate(() => window.__bench.alternate('fresh', 'long', 20_000, 5));
    await page.evaluate(() => { window.__bench.free('long'); window.__bench.free('fresh'); });
    res.long[cell] = { first, later };
  }
  res.errors = errors;
  await context.close();
  return res;
}

// --- the real page: size of what it loads, navigation to the first chart, frame time ---

/** In the page before its scripts: records when a chart first shows something besides its background. */
function firstChartProbe() {
  window.__firstChart = null;
  const drawn = (c) => {
    if (c.width < 2 || c.height < 2) return false;
    const r = c.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight || r.width === 0) return false; // on screen only
    const ctx = c.getContext('2d');
    for (const f of [0.3, 0.5, 0.7]) {
      const d = ctx.getImageData(0, Math.floor(c.height * f), c.width, 1).data;
      let first = -1;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] < 128) continue;
        const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        if (first < 0) first = rgb;
        else if (rgb !== first) return true; // two opaque colours: background and ink
      }
    }
    return false;
  };
  const check = () => {
    if (window.__firstChart) return true;
    for (const c of document.querySelector('rnn-playground')?.shadowRoot?.querySelectorAll('canvas[data-chart]') ?? []) {
      if (drawn(c)) {
        window.__firstChart = { now: performance.now(), epoch: performance.timeOrigin + performance.now(), chart: c.dataset.chart };
        return true;
      }
    }
    return false;
  };
  const onFrame = () => { if (!check()) requestAnimationFrame(onFrame); };
  const onTimer = () => { if (!check()) setTimeout(onTimer, 2); };
  requestAnimationFrame(onFrame);
  setTimeout(onTimer, 0);
}

/** In the page before its scripts: times each call of the training loop's rAF callback. */
function frameProbe() {
  const raf = window.requestAnimationFrame.bind(window);
  const rec = (window.__frames = { on: false, tick: [], full: [] });
  const channel = new MessageChannel();
  let pending = 0;
  channel.port1.onmessage = () => {
    if (pending) rec.full.push(performance.now() - pending);
    pending = 0;
  };
  window.requestAnimationFrame = function (cb) {
    if (cb.name !== 'bound tick') return raf(cb); // TrainingLoop.tick (bound in its constructor)
    return raf((ts) => {
      const t0 = performance.now();
      cb(ts);
      const t1 = performance.now();
      if (rec.on) {
        rec.tick.push(t1 - t0);
        // The next task runs after this frame's style, layout, paint and canvas flush.
        pending = t0;
        channel.port2.postMessage(0);
      }
    });
  };
}

async function pageFigures(browser, url, isolatedUrl, distUrl) {
  const res = { errors: [] };
  const newPage = async (probe) => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') res.errors.push(m.text()); });
    page.on('pageerror', (e) => res.errors.push(e.message));
    if (probe) await page.addInitScript(probe);
    return { context, page };
  };

  // Navigation and size: fresh context per load; the first load's responses are weighed.
  // Once for www/ (what npm start serves) and, when built, for dist/ (npm run build).
  // The loads of www/ and dist/ alternate, so that neither gets the browser's first, cold load.
  const navigate = async (base, r, i) => {
    const { context, page } = await newPage(firstChartProbe);
    const bodies = [];
    const seen = new Set();
    if (i === 0) {
      // Every response from the page's server: the HTML, its CSS, every module, the wasm (and
      // the icon, when the browser asks for it).
      page.on('response', (resp) => {
        const u = new URL(resp.url());
        if (u.origin !== new URL(base).origin || resp.status() !== 200) return;
        const p = u.pathname.endsWith('/') ? `${u.pathname}index.html` : u.pathname;
        // Each file once: the worker's second fetch of a module or the wasm the page has is a
        // revalidation (a 304 on the wire, serve.mjs sends ETags), which Chromium reports as the
        // cached 200.
        if (seen.has(p)) return;
        seen.add(p);
        bodies.push(resp.body().then((b) => ({ path: p, bytes: b.length, gz: zlib.gzipSync(b, { level: 9 }).length })));
      });
    }
    const t0 = Date.now();
    await page.goto(base, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstChart, null, { timeout: 20_000, polling: 50 });
    const first = await page.evaluate(() => window.__firstChart);
    r.nav.push(first.epoch - t0);
    r.navInPage.push(first.now);
    r.navParts.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { dcl: nav?.domContentLoadedEventEnd ?? NaN, wasmStart: wasm?.startTime ?? NaN, wasmEnd: wasm?.responseEnd ?? NaN };
    }));
    r.firstChart = first.chart;
    if (i === 0) {
      await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'ready');
      await page.waitForLoadState('networkidle');
      // Then what Play loads: the training worker's modules (its requests are the page's). The
      // run trains on the main thread until the worker is ready, which has loaded them all then.
      const status = await page.evaluate(async () => {
        document.querySelector('rnn-playground').play();
        const { trainingWorkerStatus } = await import('/worker-training.js');
        while (!trainingWorkerStatus() || trainingWorkerStatus().status === 'starting') await new Promise((r) => setTimeout(r, 20));
        return trainingWorkerStatus().status;
      });
      if (status !== 'ready') throw new Error(`the training worker did not start (${status})`);
      r.files = await Promise.all(bodies);
    }
    await context.close();
  };
  const loads = SIZE_ONLY ? 1 : NAV_LOADS;
  log(`navigation and size: ${loads} load(s) of www/${distUrl ? ' and of dist/, alternating' : ''} (${elapsed()})`);
  Object.assign(res, { nav: [], navInPage: [], navParts: [], files: [] });
  if (distUrl) res.dist = { nav: [], navInPage: [], navParts: [], files: [] };
  for (let i = 0; i < loads; i++) {
    await navigate(url, res, i);
    if (distUrl) await navigate(distUrl, res.dist, i);
  }
  if (SIZE_ONLY) return res;

  // Frame: the page's own training loop at speed 1 (one trainUntilDiverged(1) per frame, then readouts and
  // the live charts), each rAF callback timed; then the same work with all four charts.
  log(`frame time: ${FRAMES} frames of the page's loop, ${FRAMES} with every chart (${elapsed()})`);
  const { context, page } = await newPage(frameProbe);
  await page.goto(isolatedUrl);
  res.isolated = await page.evaluate(() => crossOriginIsolated);
  await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'ready');
  res.canvases = await page.evaluate(() => [...document.querySelector('rnn-playground').shadowRoot.querySelectorAll('canvas[data-chart]')]
    .map((c) => `${c.dataset.chart} ${c.width}×${c.height}`));
  await page.click('rnn-playground [data-action="play"]');
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 30);
  await page.evaluate(() => { window.__frames.on = true; });
  await page.waitForFunction((n) => window.__frames.full.length >= n, FRAMES, { timeout: 60_000, polling: 100 });
  await page.click('rnn-playground [data-action="play"]'); // pause
  const frames = await page.evaluate(() => ({ tick: window.__frames.tick.slice(), full: window.__frames.full.slice() }));
  res.tick = frames.tick.slice(0, FRAMES);
  res.tickFull = frames.full.slice(0, FRAMES);

  // Every chart: trainUntilDiverged(1) + drawStrip + drawLoss + drawHidden + drawPreview (the wasm calls
  // charts.js makes, on the page's own canvases and options), once per animation frame,
  // on a trainer of the page's settings; each part timed as well.
  res.all = await page.evaluate(async (n) => {
    const w = await import('/engine.js');
    await w.ready();
    const cv = {};
    const demo = document.querySelector('rnn-playground');
    for (const c of demo.shadowRoot.querySelectorAll('canvas[data-chart]')) cv[c.dataset.chart] = c;
    const options = { dark: matchMedia('(prefers-color-scheme: dark)').matches, pixelRatio: devicePixelRatio || 1 };
    // The trainer's settings of the element's config (which also has speed and the stop rules).
    const config = Object.fromEntries(Object.keys(w.defaultConfig()).map((k) => [k, demo.config[k]]));
    const t = new w.Trainer(config);
    t.train(30);
    const out = { total: [], full: [], train: [], strip: [], loss: [], hidden: [], preview: [] };
    const channel = new MessageChannel();
    let pending = 0;
    channel.port1.onmessage = () => { if (pending) out.full.push(performance.now() - pending); pending = 0; };
    await new Promise((done) => {
      let i = -10; // 10 frames of warm-up
      const frame = () => {
        const t0 = performance.now();
        t.trainUntilDiverged(1);
        const t1 = performance.now();
        w.drawStrip(cv.strip, t, options);
        const t2 = performance.now();
        w.drawLoss(cv.loss, t, options);
        const t3 = performance.now();
        w.drawHidden(cv.hidden, t, options);
        const t4 = performance.now();
        w.drawPreview(cv.preview, options);
        const t5 = performance.now();
        if (i >= 0) {
          out.total.push(t5 - t0); out.train.push(t1 - t0); out.strip.push(t2 - t1);
          out.loss.push(t3 - t2); out.hidden.push(t4 - t3); out.preview.push(t5 - t4);
          pending = t0;
          channel.port2.postMessage(0);
        }
        if (++i < n) requestAnimationFrame(frame);
        else setTimeout(done, 50);
      };
      requestAnimationFrame(frame);
    });
    t.free();
    return out;
  }, FRAMES);
  await context.close();
  return res;
}

// --- size: what index.html loads ---
/** The size rows. The target applies to the deployable site (npm run build: minified JS);
 *  www/ is the development tree, its JavaScript unminified and commented. */
function sizeRows(pg) {
  for (const [where, r, target] of [['dist/', pg.dist, true], ['www/, unminified', pg, false]]) {
    if (!r) continue;
    const gz = r.files.reduce((s, f) => s + f.gz, 0);
    row(`what index.html loads, Play's worker included (HTML, CSS, JS, wasm), gzip -9 (${where})`, target ? '≤ 150 KB' : '—', `${fmtKB(gz)} (${r.files.length} files)`, target ? gz <= 150_000 : null);
  }
  // Not in a load: the file methods' build, which the page fetches at its first file action.
  const files = ['rnn_playground.js', 'rnn_playground_bg.wasm'].map((f) => path.join(REPO, 'dist', 'pkg', 'files', f));
  if (files.every((f) => fs.existsSync(f))) {
    const gz = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
    row('the files build the page loads at its first file action (dist/pkg/files/: glue and wasm), gzip -9', '—', fmtKB(gz), null);
  }
}

/** The size notes: each file of each load. */
function sizeNotes(pg) {
  return [['www/', pg], ['dist/', pg.dist]].filter(([, r]) => r).map(([where, r]) =>
    `- size, ${where}: every response of one load of index.html in headless Chromium (its page.on('response'): the HTML, CSS, modules, wasm; then what Play loads, the worker's modules; each file once), ` +
    `each body gzip level 9, KB = 1000 bytes: ${r.files.map((f) => `${f.path.slice(1)} ${(f.gz / 1000).toFixed(1)}`).join(', ')}.`);
}

if (SIZE_ONLY) {
  const plain = await startServer({ root: WWW, port: 0 });
  const distServer = await startServer({ root: path.join(REPO, 'dist'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  let pg;
  try {
    pg = await pageFigures(browser, plain.url, null, distServer.url);
  } finally {
    await browser.close().catch(() => {});
    await plain.close();
    await distServer.close();
  }
  sizeRows(pg);
  for (const r of rows) console.log(`${r.figure}: ${r.measured} (target ${r.target}) ${r.result}`);
  console.log(sizeNotes(pg).join('\n'));
  process.exit(STRICT && rows.some((r) => r.result === 'FAIL') ? 1 : 0);
}

// --- run ---
const nat = native();
log(`browser figures (${elapsed()})`);
// Two servers of www/ (scripts/serve.mjs, with the page's CSP): a plain one for navigation and
// size, as the page is served; and one that also makes the pages cross-origin isolated
// (COOP + COEP) for the timings, so that performance.now() has 5 µs resolution instead of
// 100 µs. The latter also serves the bench page: a blank page on the same origin.
const plain = await startServer({ root: WWW, port: 0 });
const DIST = path.join(REPO, 'dist');
const distServer = await startServer({ root: DIST, port: 0 });
const isolated = await startServer({ root: WWW, port: 0 });
const [staticHandler] = isolated.server.listeners('request');
isolated.server.removeAllListeners('request');
isolated.server.on('request', (req, res) => {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  if (req.method === 'GET' && new URL(req.url, 'http://localhost').pathname === BENCH_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' });
    res.end(BENCH_HTML);
  } else staticHandler(req, res);
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
let eng;
let pg;
let scale;
let resp;
let through;
try {
  eng = await engineFigures(browser, isolated.url);
  pg = await pageFigures(browser, plain.url, isolated.url, distServer.url);
  resp = await responsiveness(browser, distServer.url, log);
  through = await workerThroughput(browser, distServer.url, log);
  const chromiumScale = await browserScale(browser, isolated.url + BENCH_PATH.slice(1), log);
  scale = scaleReport({ native: SKIP_NATIVE ? { error: 'skipped (--skip-native)' } : nativeScale(log), torch: torchScale(log), chromium: chromiumScale });
} finally {
  await browser.close().catch(() => {});
  await plain.close();
  await isolated.close();
  await distServer.close();
}
const browserVersion = browser.version();
const load1 = os.loadavg();

// --- rows ---
row('RNN h32 train(n), Chromium', '≥ 100,000 steps/s', `${fmtInt(eng.rnnTrain.median)} steps/s`, eng.rnnTrain.median >= 100_000);
row('RNN h32 step() from JS, once per step', '≥ 60,000 steps/s', `${fmtInt(eng.rnnStep.median)} steps/s`, eng.rnnStep.median >= 60_000);
row('LSTM h32 train(n)', '≥ 30,000 steps/s', `${fmtInt(eng.lstmTrain.median)} steps/s`, eng.lstmTrain.median >= 30_000);
row('GRU h32 train(n)', '≥ 40,000 steps/s', `${fmtInt(eng.gruTrain.median)} steps/s`, eng.gruTrain.median >= 40_000);
for (const cell of ['rnn', 'gru', 'lstm']) {
  const { first, later } = eng.long[cell];
  const change = later.median / first.median - 1;
  row(`${cell.toUpperCase()} train(n) at 10^6..10^6+10^5 vs first 10^5`, 'within 10% (not slower)',
    `${fmtInt(later.median)} vs ${fmtInt(first.median)} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%)`,
    change >= -0.10);
}
const allTotal = pg.all.total;
row('frame: train(1) + all 4 charts, median', '≤ 4 ms', fmtMs(median(allTotal)), median(allTotal) <= 4);
row('frame: train(1) + all 4 charts, p95', '≤ 8 ms', fmtMs(percentile(allTotal, 95)), percentile(allTotal, 95) <= 8);
row("frame: the page's own rAF tick, median", '≤ 4 ms', fmtMs(median(pg.tick)), median(pg.tick) <= 4);
row("frame: the page's own rAF tick, p95", '≤ 8 ms', fmtMs(percentile(pg.tick, 95)), percentile(pg.tick, 95) <= 8);
// Responsiveness while training (issue 21): dist/, one playing element per size, then 24.
for (const c of resp.cases) {
  row(`frame interval while training, p95: ${c.name}`, '≤ 20 ms', `${fmtMs(c.frameP95)} (median ${fmtMs(c.frameMedian)})`, c.frameP95 <= 20);
  row(`input delay while training, p95: ${c.name}`, '≤ 50 ms', `${fmtMs(c.inputP95)} (${c.inputs} events)`, c.inputP95 <= 50);
}
row(`frame interval, ${resp.many.elements} playing elements in view, p95`, '≤ 25 ms', `${fmtMs(resp.many.frameP95)} (median ${fmtMs(resp.many.frameMedian)})`, resp.many.frameP95 <= 25);
for (const t of through) {
  row(`training in the worker, ${shareMeasures(t)} as a share of Trainer.train(n) on the main thread: ${t.name}`, '≥ 90 %',
    throughputText(t), t.share >= 0.9);
}
sizeRows(pg);
for (const [where, r] of [['www/', pg], ['dist/', pg.dist]]) {
  if (!r) continue;
  const nav = median(r.nav);
  row(`navigation to first chart drawn, median (${where})`, '≤ 300 ms', `${nav.toFixed(0)} ms`, nav <= 300);
}
const { memAt1e3, memAt1e6, memInfo: info } = eng;
const growth = memAt1e6 - memAt1e3;
const allowed = Math.ceil(LOSS_BOUND_BYTES / WASM_PAGE) * WASM_PAGE;
row('wasm memory, 10^6 steps vs 10^3 (RNN)', `growth ≤ ${allowed / 1024} KiB`,
  `${(memAt1e3 / 1048576).toFixed(2)} → ${(memAt1e6 / 1048576).toFixed(2)} MiB (${growth >= 0 ? '+' : ''}${growth / 1024} KiB)`,
  growth <= allowed);
if (!nat) {
  row('native RNN h32', '≥ 150,000 steps/s', 'skipped (--skip-native)', null);
} else if (nat.error) {
  row('native RNN h32', '≥ 150,000 steps/s', nat.error, false);
} else {
  row('native RNN h32', '≥ 150,000 steps/s', `${fmtInt(median(nat.rnn))} steps/s`, median(nat.rnn) >= 150_000);
  row('native LSTM h32 / GRU h32', '—', `${fmtInt(median(nat.lstm))} / ${fmtInt(median(nat.gru))} steps/s`, null);
  if (nat.first && nat.later) {
    const c = nat.later / nat.first - 1;
    row('native RNN at 10^6..10^6+10^5 vs first 10^5', '—',
      `${fmtInt(nat.later)} vs ${fmtInt(nat.first)} (${c >= 0 ? '+' : ''}${(c * 100).toFixed(1)}%)`, null);
  }
}

// --- print ---
const cols = ['figure', 'target', 'measured', 'result'];
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
const out = [];
const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
out.push(`rnn-playground bench: ${browserVersion} headless (${eng.build} wasm), ` +
  `${os.cpus().length} cores, load average ${la(load0)} at start, ${la(load1)} at end (1-min peak ${Math.max(...loads, load1[0]).toFixed(2)}), ${elapsed()}`);
if (load0[0] >= 1.5 || Math.max(...loads, load1[0]) >= 2.5) {
  out.push('WARNING: load average high: other jobs were probably running (the bench itself keeps about one core busy); speeds may read low.');
}
out.push(line(cols));
out.push(`| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const r of rows) out.push(line(cols.map((c) => r[c])));
const med = (k) => median(pg.all[k]).toFixed(2);
out.push('');
out.push('Notes:');
out.push(`- speed: fresh Trainer({cell}) (hidden 32, otherwise the tutorial's settings), warmed up, median of 7 timed calls (RNN 2·10^4 steps each, LSTM/GRU 10^4); step(): a JS loop of step() calls. ` +
  `Timers: performance.now() ${eng.isolated && pg.isolated ? 'at 5 µs resolution (pages made cross-origin isolated for the timings)' : 'at 100 µs resolution (not cross-origin isolated)'}.`);
out.push('- 10^6: per cell, the wasm code already warm, one trainer trained to 10^6 steps and a fresh one, then 2·10^4 steps timed on each in turn, 5 times: steps 0 to 10^5 against 10^6 to 1.1·10^6 under the same machine conditions; each figure the median of its 5. Being faster later counts as a pass. ' +
  `All runs (rates in steps/s): ${['rnn', 'gru', 'lstm'].map((c) => `${c} first ${eng.long[c].first.all.map(fmtInt).join(' ')}; later ${eng.long[c].later.all.map(fmtInt).join(' ')}`).join('; ')}.`);
out.push(`- frame: ${VIEWPORT.width}×${VIEWPORT.height} CSS px, DPR ${DPR}, index.html; canvases (device px) ${pg.canvases.join(', ')}. Timed: the main-thread JS+wasm work of the frame's rAF callback, canvas commands issued included (Chromium rasterises canvases later, outside this figure). ` +
  `"all 4 charts" = train(1) + drawStrip + drawLoss + drawHidden + drawPreview in one rAF callback (the wasm calls charts.js makes, on the page's own canvases and options), ${allTotal.length} frames; ` +
  `"the page's own rAF tick" = TrainingLoop.tick at speed 1 (train(1), readouts, strip + loss + hidden: the page redraws the preview only on reset or a settings change), ${pg.tick.length} frames.`);
out.push(`- frame parts (medians, ms): train(1) ${med('train')}, strip ${med('strip')}, loss ${med('loss')}, hidden ${med('hidden')}, preview ${med('preview')}. ` +
  `Rough whole-frame cost, from the callback's start to the next task after the frame (adds style, layout, paint and canvas flush): all 4 charts median ${median(pg.all.full).toFixed(2)} / p95 ${percentile(pg.all.full, 95).toFixed(2)} ms; page tick median ${median(pg.tickFull).toFixed(2)} / p95 ${percentile(pg.tickFull, 95).toFixed(2)} ms.`);
out.push('- responsiveness (scripts/bench-frames.mjs): dist/ at 1200×800, one <rnn-playground autoplay> at speed 1 per size (and the tutorial\'s at speed max), 1.5 s of training, then 3 s of requestAnimationFrame intervals and of pointermove delays (event timeStamp to the first listener) over its strip chart every 50 ms; then 24 playing elements (charts="strip", controls="none") in view. ' +
  `Steps/s while measured: ${resp.cases.map((c) => `${c.name} ${c.stepsPerSecond.toFixed(1)}`).join('; ')}. ` +
  `Training ran: ${resp.cases.map((c) => `${c.name} ${c.where}`).join('; ')}; ${resp.many.elements} elements ${resp.many.where}.`);
out.push(`- worker throughput (scripts/bench-frames.mjs workerThroughput): one element at speed 1000 (and at speed max, 0) in the worker against Trainer.train(n) on the main thread in calls of about 50 ms, each side warmed up for ${THROUGHPUT_WARM_MS / 1000} s, then rounds taken in turn (` +
  `${through.map((t) => `${t.name}: ${t.rounds} of ${t.ms} ms each side, ${t.where}`).join('; ')}); ` +
  'the figure is the median over the rounds of the worker\'s steps over its own time inside train() against the main thread\'s rate (at speed 1000, at most 1000 windows a frame cap the element\'s wall-time rate at about 60 000 steps/s: ' +
  `${through.filter((t) => t.speed > 0).map((t) => `${t.name} ${t.worker.toFixed(1)} steps/s of wall time`).join(', ')}); at speed max, the element\'s steps over wall time, the rounds\' steady state (each after 300 ms of play). ` +
  `Exact state of the largest run: ${through.map((t) => `${t.name} ${(t.exactBytes / 2 ** 20).toFixed(1)} MiB, exactState() ${t.exactMs.toFixed(0)} ms, restoreExactState() ${t.restoreMs.toFixed(0)} ms`).join('; ')}.`);
out.push(...sizeNotes(pg));
for (const [where, r] of [['www/', pg], ['dist/', pg.dist]]) {
  if (!r) continue;
  const np = (k) => r.navParts.map((x) => x[k].toFixed(0)).join(', ');
  out.push(`- navigation, ${where}: from Date.now() before page.goto to the first on-screen chart canvas with two opaque colours in a sampled row (polled every rAF and every ~2-4 ms), fresh context each, ${r.nav.length} loads: ` +
    `${r.nav.map((x) => x.toFixed(0)).join(', ')} ms; the same in-page (performance.now() from navigation start): ${r.navInPage.map((x) => x.toFixed(0)).join(', ')} ms; first chart seen: ${r.firstChart}. ` +
    `In-page milestones (ms): DOMContentLoaded ${np('dcl')}; .wasm request start ${np('wasmStart')}, response end ${np('wasmEnd')}.`);
}
out.push(`- memory: WebAssembly.Memory byteLength (the wasm exports' memory) of a fresh module with one RNN trainer, after 10^3 and after 10^6 steps; it grows in 64 KiB pages, so the loss history bound (4097 f32 = ${LOSS_BOUND_BYTES} B) rounds up to one page. ` +
  `At 10^6: losses().length ${info.losses}, lossStride ${info.stride}.`);
if (nat && !nat.error) {
  out.push('- native: cargo bench --bench steps, once in full and twice with -- --quick (benches/steps.rs: each run the median of 5 × 2·10^4 steps after 2·10^3 warm-up; ' +
    `its 10^6 row times one 10^5 run each, not interleaved); the figure is the median of the 3 runs: rnn ${nat.rnn.map(fmtInt).join(', ')}; lstm ${nat.lstm.map(fmtInt).join(', ')}; gru ${nat.gru.map(fmtInt).join(', ')}.`);
}
const probeNoise = /willReadFrequently/;
const errs = [...eng.errors, ...pg.errors];
const probeWarnings = errs.filter((e) => probeNoise.test(e)).length;
const others = errs.filter((e) => !probeNoise.test(e));
if (probeWarnings) out.push(`- ${probeWarnings} console warning(s) "Multiple readback operations using getImageData…" come from the bench's own first-chart probe, not the page.`);
out.push(others.length ? `- console errors/warnings during the bench: ${others.join(' | ')}` : '- no other console error or warning during the bench.');
out.push('', 'Scale (issue 10): the engine at every size', ...scale.lines);
console.log(out.join('\n'));

const failed = rows.filter((r) => r.result === 'FAIL').length + scale.failed;
if (STRICT && failed) {
  console.error(`bench: ${failed} figure(s) FAIL (--strict)`);
  process.exit(1);
}

// The page's responsiveness while it trains (issue 21's targets), in headless Chromium on the
// built site (dist/): for each network size the page offers, one playing <rnn-playground> at
// speed 1 (and the tutorial's at speed max, the worker then training all the time), its frame
// intervals (requestAnimationFrame timestamps) and the delay of pointer input (pointermove over
// its strip chart, from the event's timeStamp to its first listener); and 24 small playing
// elements in view at once, their frame intervals; where the training ran (the training worker,
// or the main thread where none started). Then the worker's throughput: the steps/s of one
// element training in the worker against Trainer.train(n) on the main thread at the same
// configuration: at speed 1000 over its time inside train(), at the tutorial's size and the
// largest; at speed max (0) over wall time, at the tutorial's size; and the time to take the
// largest run's exact state out and back (exactState(), restoreExactState()).
//   node scripts/bench-frames.mjs         (after `npm run build`; `npm run bench` runs it too)
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startServer, CSP } from './serve.mjs';
import { median, percentile } from './bench-scale.mjs';
import { CHROMIUM, LAUNCH_ARGS, REPO } from '../tests/e2e/helpers.mjs';

/** The sizes the page offers, from the tutorial's to the largest. */
export const CASES = [
  { name: 'tutorial settings (RNN h32)', attrs: '' },
  { name: 'tutorial settings (RNN h32), speed max', attrs: 'speed="max"' },
  { name: 'GRU h256, T 100', attrs: 'cell="gru" hidden-size="256" time-step="100"' },
  { name: 'LSTM h256, 4 layers, T 200', attrs: 'cell="lstm" hidden-size="256" layers="4" time-step="200"' },
];
export const MANY = 24;
const WARM_MS = 1500;
const MEASURE_MS = 3000;
const PAGE = '__frames__.html';
const STYLE = '__frames__.css';
// (The page's CSP allows no inline styles: the layout is a stylesheet of its own.)
const CSS = `body { margin: 0 } .one { display: block; width: 1100px }
.many { display: inline-block; width: 190px; height: 190px; margin: 2px }`;

const html = (body) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>frames</title>
<link rel="icon" href="favicon.svg"><link rel="stylesheet" href="${STYLE}">
<script type="module" src="rnn-playground.js"></script><body>${body}</body></html>`;

/** Records rAF intervals and pointer delays from when `__probe.on` is set. */
function probe() {
  const p = (window.__probe = { on: false, frames: [], input: [] });
  let last = 0;
  const frame = (t) => {
    if (p.on && last) p.frames.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener('pointermove', (e) => { if (p.on) p.input.push(performance.now() - e.timeStamp); }, { capture: true });
}

const p95 = (xs) => percentile(xs, 95);
/** The first and third quartiles of shares (fractions) as percentages: "85–101 %". */
const quartiles = (shares) => `${(100 * percentile(shares, 25)).toFixed(0)}–${(100 * percentile(shares, 75)).toFixed(0)} %`;

/** One page of `body`, its elements playing for WARM_MS, then MEASURE_MS of frames (and, with
 * `pointer`, a pointermove over the first element's strip chart every 50 ms). */
async function measure(browser, url, body, pointer) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.route(`${url}${PAGE}`, (route) => route.fulfill({
    status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': CSP }, body: html(body),
  }));
  await context.route(`${url}${STYLE}`, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/css' }, body: CSS }));
  await context.addInitScript(probe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + PAGE);
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((e) => e.state === 'running'), null, { timeout: 60_000 });
  await page.waitForTimeout(WARM_MS);
  const steps0 = await page.evaluate(() => document.querySelector('rnn-playground').stepCount);
  await page.evaluate(() => { window.__probe.on = true; });
  const box = pointer ? await page.locator('rnn-playground canvas').first().boundingBox() : null;
  const end = Date.now() + MEASURE_MS;
  for (let i = 0; Date.now() < end; i++) {
    if (box) await page.mouse.move(box.x + box.width * (0.2 + 0.6 * ((i % 20) / 20)), box.y + box.height / 2);
    await page.waitForTimeout(50);
  }
  const res = await page.evaluate(() => { window.__probe.on = false; return window.__probe; });
  const steps = (await page.evaluate(() => document.querySelector('rnn-playground').stepCount)) - steps0;
  const worker = await page.evaluate(async () => (await import('./worker-training.js')).trainingWorkerStatus());
  await context.close();
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  return { frames: res.frames, input: res.input, stepsPerSecond: (steps * 1000) / MEASURE_MS, where: where(worker) };
}

/** Where the elements trained, from trainingWorkerStatus(). */
const where = (s) => (s?.status === 'ready' ? `in the worker (${s.runs} runs)` : `on the main thread (${s?.reason ?? 'no worker'})`);

/** Milliseconds each side of the throughput comparison trains before its rounds (its wasm tiered up). */
export const THROUGHPUT_WARM_MS = 1000;

/**
 * The sizes of the throughput comparison; per size, `rounds` rounds of `ms` on each side. The
 * tutorial's size takes many short rounds: this machine's speed moves between two levels about
 * 1.5× apart for 0.1 s to seconds at a time (docs/performance.md), so that a few long rounds
 * give a ratio that moves by ±10 % from one run to the next.
 */
export const THROUGHPUT = [
  { name: 'tutorial settings (RNN h32)', speed: 1000, attrs: '', config: {}, rounds: 16, ms: 500 },
  { name: 'tutorial settings (RNN h32), speed max', speed: 0, attrs: '', config: {}, rounds: 16, ms: 500 },
  { name: 'LSTM h256, 4 layers, T 200', speed: 1000, attrs: 'cell="lstm" hidden-size="256" layers="4" time-step="200"',
    config: { cell: 'lstm', hidden: 256, layers: 4, timeStep: 200 }, rounds: 4, ms: 3000 },
];

/**
 * What a throughput case's share measures: at speed 0 (max) the element's steps per second of
 * wall time (what the page shows); at a speed that caps it (1000 windows a frame is about 60,000
 * steps/s), the worker's rate while it trains (its time inside train()).
 */
export const shareMeasures = (t) => (t.speed === 0 ? 'its steps/s of wall time' : 'its rate while it trains');

/** One workerThroughput() result in words: the share, how it was measured, the rates. */
export const throughputText = (t) => `${(100 * t.share).toFixed(0)} % (median of ${t.rounds} rounds of ${t.ms} ms, quartiles ${quartiles(t.counted)}; ${t.worker.toFixed(1)} steps/s of wall time, ${t.busy.toFixed(1)} while the worker trains, ${t.main.toFixed(1)} on the main thread)`;

/**
 * Steps/s of one element in the worker (at the case's speed) against Trainer.train(n) on the
 * main thread, same configuration, in rounds taken in turn (the element playing for `ms`, then
 * paused while Trainer.train(n) runs here as long), each side warmed up first for
 * THROUGHPUT_WARM_MS (the first windows of a fresh worker train several times slower); and the
 * run's exactState() / restoreExactState() times and bytes. Returns per case: `shares`, each
 * round's worker steps/s while it trains (its time inside train(), not waiting for frames) over
 * the main thread's; `wallShares`, each round's element steps/s of wall time over the main
 * thread's; `counted`, the one of the two `shareMeasures` names, and `share`, its median;
 * `worker` (steps/s of wall time), `busy` and `main` (steps/s over all rounds). `cases`:
 * THROUGHPUT or some of its entries.
 */
export async function workerThroughput(browser, url, log = () => {}, cases = THROUGHPUT) {
  const out = [];
  for (const c of cases) {
    log(`throughput: ${c.name}`);
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const body = `<rnn-playground class="one" loading="eager" speed="${c.speed}" charts="strip loss" ${c.attrs}></rnn-playground>`;
    await context.route(`${url}${PAGE}`, (route) => route.fulfill({
      status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': CSP }, body: html(body),
    }));
    await context.route(`${url}${STYLE}`, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/css' }, body: CSS }));
    const page = await context.newPage();
    await page.goto(url + PAGE);
    await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'ready', null, { timeout: 60_000 });
    const r = await page.evaluate(async ({ config, ms, rounds, warmMs }) => {
      const { trainingWorkerStatus } = await import('./worker-training.js');
      const { Trainer } = await import('./engine.js');
      const el = document.querySelector('rnn-playground');
      const sleep = (t) => new Promise((res) => setTimeout(res, t));
      // The main thread's trainer: the same configuration, Trainer.train(n) in calls of about
      // 50 ms (n from a call of at least 5 ms, after warmMs of training).
      const t = new Trainer(config);
      const trainFor = (budget, n) => {
        let steps = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < budget) { t.train(n); steps += n; }
        return { steps, ms: performance.now() - t0 };
      };
      trainFor(warmMs, 1);
      const timed = (k) => {
        const t0 = performance.now();
        t.train(k);
        return performance.now() - t0;
      };
      let k = 1;
      let callMs;
      while ((callMs = timed(k)) < 5) k *= 2;
      const n = Math.max(1, Math.round((k * 50) / callMs));
      // The worker: it starts (the first frames train here), the run goes there, warmMs of turns.
      el.play();
      while (!(trainingWorkerStatus()?.trained.steps > 0)) await sleep(20);
      await sleep(warmMs);
      const sum = { wallSteps: 0, wallMs: 0, busySteps: 0, busyMs: 0, mainSteps: 0, mainMs: 0 };
      const shares = [];
      const wallShares = [];
      for (let round = 0; round < rounds; round++) {
        if (round > 0) {
          el.play();
          await sleep(300); // the run back in the worker
        }
        const a = el.stepCount;
        const before = trainingWorkerStatus().trained;
        const t0 = performance.now();
        await sleep(ms);
        const wallSteps = el.stepCount - a;
        const wallMs = performance.now() - t0;
        const after = trainingWorkerStatus().trained;
        const busySteps = after.steps - before.steps;
        const busyMs = after.ms - before.ms;
        if (!(busySteps > 0 && busyMs > 0)) throw new Error(`round ${round + 1}: the worker trained nothing`);
        await el.pause();
        const main = trainFor(ms, n);
        shares.push((busySteps / busyMs) / (main.steps / main.ms));
        wallShares.push((wallSteps / wallMs) / (main.steps / main.ms));
        sum.wallSteps += wallSteps;
        sum.wallMs += wallMs;
        sum.busySteps += busySteps;
        sum.busyMs += busyMs;
        sum.mainSteps += main.steps;
        sum.mainMs += main.ms;
      }
      const status = trainingWorkerStatus();
      // Taking the run out and back: the page's trainer's exact state.
      const t2 = performance.now();
      const bytes = el.trainer.exactState();
      const t3 = performance.now();
      t.restoreExactState(bytes);
      const t4 = performance.now();
      t.free();
      return {
        shares,
        wallShares,
        worker: (sum.wallSteps * 1000) / sum.wallMs,
        busy: (sum.busySteps * 1000) / sum.busyMs,
        main: (sum.mainSteps * 1000) / sum.mainMs,
        status, exactMs: t3 - t2, restoreMs: t4 - t3, exactBytes: bytes.length,
      };
    }, { config: c.config, ms: c.ms, rounds: c.rounds, warmMs: THROUGHPUT_WARM_MS });
    await context.close();
    const counted = c.speed === 0 ? r.wallShares : r.shares;
    out.push({ ...c, ...r, counted, share: median(counted), where: where(r.status) });
  }
  return out;
}

/** Every figure: per case frame median/p95 and input p95, and the 24 elements' frames. */
export async function responsiveness(browser, url, log = () => {}) {
  const cases = [];
  for (const c of CASES) {
    log(`responsiveness: ${c.name}`);
    const r = await measure(browser, url, `<rnn-playground class="one" autoplay ${c.attrs}></rnn-playground>`, true);
    cases.push({ ...c, frameMedian: median(r.frames), frameP95: p95(r.frames), inputP95: p95(r.input), inputs: r.input.length, stepsPerSecond: r.stepsPerSecond, where: r.where });
  }
  log(`responsiveness: ${MANY} playing elements in view`);
  const cell = 'class="many" autoplay controls="none" charts="strip"';
  const r = await measure(browser, url, Array.from({ length: MANY }, () => `<rnn-playground ${cell}></rnn-playground>`).join(''), false);
  return { cases, many: { elements: MANY, frameMedian: median(r.frames), frameP95: p95(r.frames), where: r.where } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer({ root: path.join(REPO, 'dist'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  try {
    const r = await responsiveness(browser, server.url, (m) => console.error(`bench-frames: ${m}`));
    const ms = (x) => `${x.toFixed(1)} ms`;
    for (const c of r.cases) {
      console.log(`${c.name}: frame interval median ${ms(c.frameMedian)}, p95 ${ms(c.frameP95)} (target ≤ 20 ms); input delay p95 ${ms(c.inputP95)} over ${c.inputs} events (target ≤ 50 ms); ${c.stepsPerSecond.toFixed(1)} steps/s; training ${c.where}`);
    }
    console.log(`${r.many.elements} playing elements: frame interval median ${ms(r.many.frameMedian)}, p95 ${ms(r.many.frameP95)} (target ≤ 25 ms); training ${r.many.where}`);
    for (const t of await workerThroughput(browser, server.url, (m) => console.error(`bench-frames: ${m}`))) {
      console.log(`${t.name}: one element ${t.where}, ${shareMeasures(t)} against Trainer.train(n) on the main thread (target ≥ 90 %): ${throughputText(t)}`);
      if (t.speed > 0) console.log(`${t.name}: exact state ${(t.exactBytes / 2 ** 20).toFixed(1)} MiB: exactState() ${ms(t.exactMs)}, restoreExactState() ${ms(t.restoreMs)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

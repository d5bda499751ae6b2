// Shared set-up for the end-to-end tests: the project's own static server (with the page's
// Content-Security-Policy) on a free port, Debian's Chromium driven by playwright-core,
// and a page that records console errors, page errors, CSP violations and any request
// that leaves the test server's origin.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, CSP } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
export const WWW = path.join(REPO, 'www');
export const OUTPUT = path.join(here, 'output');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-dev-shm-usage',
];

/**
 * Loads the engine's file methods in `page` (engine.js readyFiles(): the element loads the
 * engine without them, and them at `el.pause()`; its own file actions run them in the files
 * worker), so that a test can call `el.trainer.exportWeights()` and the rest without pausing
 * the element.
 */
export async function loadFileMethods(page) {
  await page.evaluate(async () => { await (await import('/engine.js')).readyFiles(); });
}

/** The page's demo: the one <rnn-playground> element of index.html (Playwright's CSS pierces its open shadow root). */
export const DEMO = 'rnn-playground';

/** Starts the server (on www/, or `root`) and the browser; returns { url, browser, close }. */
export async function start({ root = WWW } = {}) {
  if (!fs.existsSync(path.join(root, 'pkg', 'rnn_playground_bg.wasm'))) {
    throw new Error(`${path.relative(REPO, root)}/pkg is not built: run \`npm run build\` (npm test does it)`);
  }
  // The CSP with every page as with its scripts: a page without its own still runs under it.
  const server = await startServer({ root, port: 0, pageCsp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh browser context and page that record everything that must not happen: console
 * errors, page errors, CSP violations, failed requests and requests to another origin.
 * Returns { page, context, problems }.
 */
export async function newPage(env, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1, reducedMotion = 'no-preference', initScript } = {}) {
  const context = await env.browser.newContext({ colorScheme, viewport, deviceScaleFactor, reducedMotion, acceptDownloads: true });
  const page = await context.newPage();
  const origin = new URL(env.url).origin;
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /Content[- ]Security[- ]Policy|Refused to/i.test(text)) {
      problems.push(`console.${msg.type()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('blob:') || u.startsWith('data:')) return;
    if (new URL(u).origin !== origin) problems.push(`request to another origin: ${u}`);
  });
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith('blob:')) problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  // CSP violations also arrive as DOM events; report them on the console, where they are caught.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  if (initScript) await page.addInitScript(initScript);
  return { page, context, problems };
}

/**
 * Opens the page with `query` in a fresh context and waits until the demo is mounted.
 * `initScript` runs in the page before its own scripts (to simulate another browser).
 * Returns { page, context, problems, demo }; `problems` collects everything that must not happen.
 */
export async function open(env, query = '', { waitReady = true, ...options } = {}) {
  const { page, context, problems } = await newPage(env, options);
  await page.goto(env.url + query);
  const demo = page.locator(DEMO);
  if (waitReady) await waitState(page, 'ready', { timeout: 20_000 });
  return { page, context, problems, demo };
}

/**
 * Opens `body` (HTML that goes inside <body>) as a page of the test server's origin, under the
 * page's CSP (or `csp`), with the package's main module loaded. `files` maps more paths (under
 * /__test__/) to their contents: a string (served as JSON) or { body, type, until, status }
 * (`until`: a Promise the response waits for; `status`, 200 unless given). Returns { page,
 * context, problems }.
 */
export async function openHtml(env, body, { files = {}, csp = CSP, ...options } = {}) {
  const { page, context, problems } = await newPage(env, options);
  const base = `${env.url}__test__/`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test</title>
<link rel="icon" href="/favicon.svg"><script type="module" src="/rnn-playground.js"></script></head>
<body>${body}</body></html>`;
  const all = { 'page.html': [html, 'text/html'], ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? [v, 'application/json'] : [v.body, v.type, v.until, v.status]])) };
  for (const [name, [content, type, until, status = 200]] of Object.entries(all)) {
    await page.route(base + name, async (route) => {
      await until;
      await route.fulfill({ status, body: content, contentType: type, headers: { 'Content-Security-Policy': csp } });
    });
  }
  await page.goto(base + 'page.html');
  return { page, context, problems };
}

/** Fails if the page logged errors, broke the CSP or reached another origin. */
/** An initScript (newPage, openHtml) that keeps each console.warn's text in window.warnings, as well as writing it. */
export function recordWarnings() {
  window.warnings = [];
  const warn = console.warn.bind(console);
  console.warn = (...args) => { window.warnings.push(args.join(' ')); warn(...args); };
}

export function assertClean(problems) {
  assert.deepEqual(problems, [], `the page had problems:\n${problems.join('\n')}`);
}

/** The demo element's state, step count, last loss and settings (its public properties). */
export async function demoData(page) {
  return page.locator(DEMO).evaluate((el) => ({
    state: el.state,
    step: el.stepCount,
    loss: el.loss,
    config: el.config ?? {},
  }));
}

/** Two animation frames of `page`: what a change laid out and drew has settled. */
export const nextFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Waits until the (first) demo element's `state` is `state`. */
export async function waitState(page, state, options = {}) {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.state === want, [DEMO, state], options);
}

export const field = (page, name) => page.locator(`${DEMO} [data-field="${name}"]`);
export const action = (page, name) => page.locator(`${DEMO} [data-action="${name}"]`);
export const messages = (page) => page.locator(`${DEMO} [data-messages]`);
/** The run's messages (stopped, diverged): under the buttons where they are shown. */
export const runMessages = (page) => page.locator(`${DEMO} [data-run-messages]`);
/** The messages of a file the reader chose or exported: under the Files buttons where they are shown. */
export const fileMessages = (page) => page.locator(`${DEMO} [data-file-messages]`);

/** Sets a number input (or any input) and commits it like a person: type, then leave the field. */
export async function setInput(page, name, value) {
  const el = field(page, name);
  await el.fill(String(value));
  await el.press('Tab');
}

/**
 * Plays until the step counter reaches `steps`, pauses, and returns the lowest loss the
 * readouts showed on the way (one window's loss jumps about; the lowest shows it learned).
 */
export async function trainLowestLoss(page, steps) {
  const lowest = page.locator(DEMO).evaluate((el, steps) => new Promise((resolve) => {
    let min = Infinity;
    el.addEventListener('step', function onStep(e) {
      if (Number.isFinite(e.detail.loss)) min = Math.min(min, e.detail.loss);
      if (e.detail.step >= steps) { el.removeEventListener('step', onStep); resolve(min); }
    });
  }), steps);
  await action(page, 'play').click();
  const min = await lowest;
  await action(page, 'play').click();
  return min;
}

/** Waits until the step counter shows `n`. */
export async function waitStep(page, n) {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel).stepCount === want, [DEMO, n]);
}

/**
 * Pixel statistics of a canvas: for each colour class, the number of pixels and, per column,
 * the mean row. Red = target, blue = prediction (the tutorial's colours). `skipTop` leaves
 * out that fraction of the rows at the top (where the strip chart's legend is).
 */
export async function canvasColours(page, chart, { skipTop = 0 } = {}) {
  return page.locator(`${DEMO} canvas[data-chart="${chart}"]`).evaluate((canvas, skipTop) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const classes = { red: [], blue: [] };
    const sums = { red: new Float64Array(width), blue: new Float64Array(width) };
    const counts = { red: new Uint32Array(width), blue: new Uint32Array(width) };
    for (let y = Math.round(skipTop * height); y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a < 128) continue;
        let c = null;
        if (r > 150 && r - Math.max(g, b) > 70) c = 'red';
        else if (b > 150 && b - Math.max(r, g) > 50 && b - r > 70) c = 'blue';
        if (c) {
          sums[c][x] += y;
          counts[c][x] += 1;
        }
      }
    }
    const out = { width, height };
    for (const c of Object.keys(classes)) {
      let total = 0;
      const meanY = [];
      for (let x = 0; x < width; x++) {
        total += counts[c][x];
        meanY.push(counts[c][x] ? sums[c][x] / counts[c][x] : null);
      }
      out[c] = { total, meanY };
    }
    return out;
  }, skipTop);
}

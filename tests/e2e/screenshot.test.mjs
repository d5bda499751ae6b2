// Screenshots of the running page: the README's pictures (screenshot, tutorial, gradient-flow,
// unrolled .png) and light/dark/phone views for a person to look at, all in tests/e2e/output/
// (ignored: npm test leaves git clean); `npm run screenshots` writes the README's into docs/.
// Also checks the phone layout fits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, open, assertClean, action, REPO, OUTPUT, DEMO } from './helpers.mjs';

/** Where the README's pictures go: docs/ with RNN_PLAYGROUND_DOCS=1 (npm run screenshots), else OUTPUT. */
const DOCS = process.env.RNN_PLAYGROUND_DOCS === '1' ? path.join(REPO, 'docs') : OUTPUT;

let env;
before(async () => {
  env = await start();
  fs.mkdirSync(OUTPUT, { recursive: true });
});
after(async () => { await env?.close(); });

async function trainAndShoot(query, file, opts, { running = false } = {}) {
  const { page, context, problems } = await open(env, query, opts);
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 240, DEMO, { timeout: 30_000 });
  if (!running) await action(page, 'play').click();
  // Shown while running, the steps/s readout has a value; the focus ring is left out.
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: file, fullPage: true });
  if (running) await action(page, 'play').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assertClean(problems);
  await context.close();
  return { overflow };
}

test('docs/screenshot.png: the page after some training (desktop, light)', async () => {
  const { overflow } = await trainAndShoot('?speed=2', path.join(DOCS, 'screenshot.png'), { viewport: { width: 1280, height: 800 } }, { running: true });
  assert.equal(overflow, 0);
});

test('dark mode', async () => {
  await trainAndShoot('?cell=lstm&speed=3', path.join(OUTPUT, 'dark.png'), { colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
});

test('phone width (360 px) has no horizontal scrolling', async () => {
  const { overflow } = await trainAndShoot('?speed=3', path.join(OUTPUT, 'phone.png'), { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  assert.equal(overflow, 0, 'the page scrolls sideways at 360 px');
});

test('tablet width (800 px)', async () => {
  const { overflow } = await trainAndShoot('?speed=3', path.join(OUTPUT, 'tablet.png'), { viewport: { width: 800, height: 1000 } });
  assert.equal(overflow, 0);
});

test('docs/tutorial.png: tutorial.html after the tutorial run and the three cells have trained', async () => {
  const { page, context, problems } = await open(env, 'tutorial.html', { waitReady: false, viewport: { width: 1100, height: 900 } });
  const run = page.locator('rnn-playground[stop-after="60"]');
  await page.waitForFunction(() => document.querySelector('rnn-playground[stop-after="60"]')?.state === 'ready');
  await run.locator('[data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('rnn-playground[stop-after="60"]').stepCount === 60, undefined, { timeout: 30_000 });
  const cells = page.locator('.side-by-side rnn-playground');
  await page.locator('.side-by-side').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('.side-by-side rnn-playground')].every((el) => el.state === 'ready'), undefined, { timeout: 20_000 });
  await cells.evaluateAll((els) => els.forEach((el) => el.play()));
  await page.waitForFunction(() => [...document.querySelectorAll('.side-by-side rnn-playground')].every((el) => el.state === 'paused'), undefined, { timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(DOCS, 'tutorial.png'), fullPage: true });
  assertClean(problems);
  await context.close();
});

test('docs/gradient-flow.png: the gradient-flow chart of an RNN and an LSTM at 50 time steps, side by side', async () => {
  const { page, context, problems } = await open(env, 'tutorial.html', { waitReady: false, viewport: { width: 1200, height: 700 } });
  // A page of two elements, made by script on the tutorial page's origin (its CSP allows no inline script).
  await page.evaluate(() => {
    document.body.replaceChildren();
    const row = document.createElement('div');
    row.className = 'side-by-side';
    for (const cell of ['rnn', 'lstm']) {
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = cell === 'rnn' ? 'RNN, 50 time steps' : 'LSTM, 50 time steps';
      const el = document.createElement('rnn-playground');
      for (const [k, v] of Object.entries({ cell, 'time-step': '50', speed: '20', 'stop-after': '300', charts: 'gradients', controls: 'none', loading: 'eager', autoplay: '' })) el.setAttribute(k, v);
      figure.append(caption, el);
      row.append(figure);
    }
    document.body.append(row);
  });
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((el) => el.state === 'paused'), undefined, { timeout: 60_000 });
  await page.locator('.side-by-side').screenshot({ path: path.join(DOCS, 'gradient-flow.png') });
  assertClean(problems);
  await context.close();
});

test("docs/unrolled.png: Inside one step, the tutorial's network during backpropagation, a prediction's inputs shaded", async () => {
  const { page, context, problems } = await open(env, '?speed=5', { viewport: { width: 1280, height: 900 } });
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 200, DEMO, { timeout: 60_000 });
  await action(page, 'play').click();
  const card = page.locator(`${DEMO} [data-card="unrolled"]`);
  await action(page, 'unrolled-enter').click();
  // forward 0 … 9, the loss, backward 9 … 6.
  for (let i = 0; i < 14; i++) await action(page, 'unrolled-forward').click();
  assert.equal(await card.locator('[data-unrolled-phase]').getAttribute('data-kind'), 'backward');
  await card.locator('[data-unrolled-yhat="8"]').click();
  await page.evaluate(() => document.activeElement?.blur());
  await card.screenshot({ path: path.join(DOCS, 'unrolled.png') });
  assertClean(problems);
  await context.close();
});

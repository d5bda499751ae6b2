// Training in the page: the default run learns, the charts show it, divergence is caught.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, assertClean, demoData, action, runMessages, canvasColours, DEMO, waitState } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the default run (tutorial settings) gets the loss below 0.05 within 300 steps', async () => {
  const { page, context, problems } = await open(env);
  const before0 = await demoData(page);
  assert.equal(before0.step, 0);
  assert.equal(before0.config.cell, 'rnn');
  assert.equal(before0.config.hidden, 32);
  // The step events (at most one per frame: a frame may show two windows the worker trained
  // while the page was busy) count up to 300; the loss of every step is the trainer's history.
  const events = page.locator(DEMO).evaluate((el) => new Promise((resolve) => {
    const seen = [];
    el.addEventListener('step', function onStep(e) {
      seen.push(e.detail.step);
      if (e.detail.step >= 300) { el.removeEventListener('step', onStep); resolve(seen); }
    });
  }));
  await action(page, 'play').click();
  const stepsSeen = await events;
  const history = await page.locator(DEMO).evaluate(async (el) => {
    await el.pause();
    return { stride: el.trainer.lossStride, losses: Array.from(el.trainer.losses()) };
  });
  assert.ok(stepsSeen.every((s, i) => i === 0 || s > stepsSeen[i - 1]), `step events out of order: ${stepsSeen}`);
  assert.ok(stepsSeen.length >= 30, `only ${stepsSeen.length} step events for 300 steps`);
  assert.equal(history.stride, 1);
  assert.ok(history.losses.length >= 300, `${history.losses.length} losses recorded`);
  // losses[i] is step i + 1's.
  const losses = history.losses.slice(0, 300);
  const first = losses.findIndex((loss) => loss < 0.05);
  assert.ok(first >= 0, 'the loss never fell below 0.05 in 300 steps');
  // Not a lucky window: the typical loss of steps 251–300 is below 0.05 too.
  const late = losses.slice(250).sort((a, b) => a - b);
  const median = late[Math.floor(late.length / 2)];
  assert.ok(median < 0.05, `median loss of steps 251–300: ${median}`);
  console.log(`# first loss < 0.05 at step ${first + 1} (${losses[first].toFixed(4)}); median loss of steps 251–300: ${median.toFixed(4)}; ${stepsSeen.length} step events`);
  // The readouts show the state too (the run is back from the training worker).
  const readStep = await page.locator(`${DEMO} [data-readout="step"]`).textContent();
  assert.equal(readStep, String((await demoData(page)).step));
  assertClean(problems);
  await context.close();
});

test('the strip chart draws target (red) and prediction (blue) in the same places after training', async () => {
  const { page, context, problems } = await open(env, '?speed=20');
  // Untrained, the prediction misses the target: much red shows beside the blue.
  const untrained = await canvasColours(page, 'strip');
  assert.ok(untrained.red.total > untrained.width / 2, `red pixels before training: ${untrained.red.total}`);
  assert.ok(untrained.blue.total > 10, `blue pixels before training: ${untrained.blue.total}`);
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 400, DEMO);
  await action(page, 'play').click();
  const { loss } = await demoData(page);
  assert.ok(loss < 0.02, `loss after 400 steps: ${loss}`);
  // Below the legend band (the top eighth of the strip chart), which has a red and a blue swatch.
  const px = await canvasColours(page, 'strip', { skipTop: 0.125 });
  // Trained, the prediction (drawn over the target) follows a full wave across the chart ...
  const blueCols = px.blue.meanY.filter((y) => y !== null);
  assert.ok(blueCols.length > px.width * 0.6, `blue in ${blueCols.length} of ${px.width} columns`);
  const span = Math.max(...blueCols) - Math.min(...blueCols);
  assert.ok(span > px.height * 0.4, `the prediction spans only ${span}px of ${px.height}px`);
  // ... and covers the red target almost everywhere: where red still shows, blue is close by.
  assert.ok(px.red.total < untrained.red.total / 2, `red pixels: ${untrained.red.total} before, ${px.red.total} after`);
  const diffs = [];
  for (let x = 0; x < px.width; x++) {
    const r = px.red.meanY[x];
    const b = px.blue.meanY[x];
    if (r !== null && b !== null) diffs.push(Math.abs(r - b));
  }
  diffs.sort((a, b) => a - b);
  if (diffs.length > 0) {
    const median = diffs[Math.floor(diffs.length / 2)];
    assert.ok(median < px.height * 0.05, `median distance red–blue ${median}px of ${px.height}px`);
  }
  assertClean(problems);
  await context.close();
});

test('before any step the preview shows both curves and the strip chart is drawn', async () => {
  const { page, context, problems } = await open(env);
  // The preview: the target cos(t) in red starts at its top (cos 0 = 1) and is lowest mid-way (cos π = -1).
  const preview = await canvasColours(page, 'preview');
  assert.ok(preview.red.total > preview.width / 2, `preview red pixels: ${preview.red.total}`);
  const cols = preview.red.meanY.map((y, x) => [x, y]).filter(([, y]) => y !== null);
  const [x0, y0] = cols[0];
  const mid = cols.filter(([x]) => Math.abs(x - (x0 + preview.width) / 2) < preview.width * 0.1);
  assert.ok(mid.length > 0, 'no red pixels mid-way');
  const yMid = Math.max(...mid.map(([, y]) => y));
  assert.ok(yMid - y0 > preview.height * 0.4, `cos curve: y ${y0} at its left end, ${yMid} mid-way (of ${preview.height})`);
  // The strip chart shows the untrained prediction of the first window in blue and its target in red.
  const strip = await canvasColours(page, 'strip');
  assert.ok(strip.red.total > strip.width / 4 && strip.blue.total > 10, `strip before training: red ${strip.red.total}, blue ${strip.blue.total}`);
  const data = await demoData(page);
  assert.equal(data.step, 0);
  // The canvases' backing stores follow their CSS size × devicePixelRatio.
  // (The charts, not the unrolled view's h_t strips: one pixel per hidden unit, scaled by CSS.)
  const sizes = await page.locator(`${DEMO} canvas[data-chart]`).evaluateAll((cs) => cs.map((c) => ({
    w: c.width, h: c.height, cw: Math.round(c.getBoundingClientRect().width * devicePixelRatio),
    ch: Math.round(c.getBoundingClientRect().height * devicePixelRatio),
  })));
  assert.equal(sizes.length, 5, "strip, loss, hidden state, gradient flow, task");
  for (const s of sizes) {
    assert.ok(Math.abs(s.w - s.cw) <= 1 && Math.abs(s.h - s.ch) <= 1, JSON.stringify(s));
  }
  assertClean(problems);
  await context.close();
});

test('canvases are sharp on a high-DPI screen (backing store = CSS size × 2)', async () => {
  const { page, context, problems } = await open(env, '', { deviceScaleFactor: 2 });
  await page.waitForFunction((sel) => {
    const c = document.querySelector(sel).shadowRoot.querySelector('canvas[data-chart="strip"]');
    return c.width === Math.round(c.getBoundingClientRect().width * 2);
  }, DEMO);
  const s = await page.locator(`${DEMO} canvas[data-chart="strip"]`).evaluate((c) => ({ w: c.width, css: c.getBoundingClientRect().width }));
  assert.equal(s.w, Math.round(s.css * 2));
  assertClean(problems);
  await context.close();
});

// Adam's steps are bounded by lr, so Adam at lr 10 thrashes with a large but finite loss;
// plain SGD at lr 10 overflows to NaN within a few steps.
test('a divergent run (SGD, lr 10) pauses with a message; reset recovers', async () => {
  const { page, context, problems } = await open(env, '?lr=10&optimizer=sgd&speed=5');
  assert.equal((await demoData(page)).config.lr, 10);
  await action(page, 'play').click();
  await waitState(page, 'diverged', { timeout: 30_000 });
  const text = await runMessages(page).textContent();
  assert.match(text, /diverged/i);
  assert.match(text, /lower the learning rate/i);
  assert.equal(await action(page, 'play').isDisabled(), true);
  const stepAtStop = (await demoData(page)).step;
  await page.waitForTimeout(200);
  assert.equal((await demoData(page)).step, stepAtStop, 'training went on after divergence');
  await action(page, 'reset').click();
  const after0 = await demoData(page);
  assert.equal(after0.step, 0);
  assert.equal(after0.state, 'ready');
  assert.doesNotMatch((await runMessages(page).textContent()) ?? '', /diverged/i);
  assert.equal(await action(page, 'play').isDisabled(), false);
  assertClean(problems);
  await context.close();
});

test('the largest network at speed 1000 trains one step per frame and the page stays responsive', async () => {
  // The largest setting the page offers: one step of this LSTM takes about 100 ms in wasm; 1000
  // of them in one frame would freeze the page for minutes. The training worker trains one step
  // per turn and the page only draws (on the main thread, where no worker starts, the loop
  // trains only what fits in its frame budget, and never less than one step): a click (pause)
  // takes effect at the next frame.
  const { page, context, problems } = await open(env, '?cell=lstm&hidden=256&layers=4&timeStep=200&speed=1000');
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 2, DEMO, { timeout: 20_000 });
  const gaps = await page.evaluate(() => new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const frame = (now) => {
      out.push(now - last);
      last = now;
      if (out.length < 8) requestAnimationFrame(frame);
      else resolve(out);
    };
    requestAnimationFrame(frame);
  }));
  // Pause: a real mouse click at the button (Chromium queues the input until the main thread
  // is free), timed in the test from before the click until the element reports the state
  // (includes the test's own round trips to the browser).
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 4, DEMO, { timeout: 20_000 });
  const box = await action(page, 'play').boundingBox();
  const t0 = performance.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction((sel) => document.querySelector(sel).state === 'paused', DEMO, { polling: 10 });
  const pauseMs = performance.now() - t0;
  const longest = Math.max(...gaps);
  assert.ok(longest < 500, `frames took up to ${longest.toFixed(0)} ms: ${gaps.map((g) => g.toFixed(0)).join(' ')}`);
  assert.ok(pauseMs < 500, `pause took effect after ${pauseMs.toFixed(0)} ms; frames ${gaps.map((g) => g.toFixed(0)).join(' ')} ms`);
  assert.ok((await demoData(page)).step >= 4, 'it keeps training');
  assertClean(problems);
  await context.close();
});

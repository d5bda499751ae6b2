// The teaching features in the page (the element with sync-url): readouts under the pointer
// and the keyboard cursor, RMSE and R², the loss CSV, the stop rules, Run the tutorial, the
// equations panel, classroom links (hide=), and the note on rebuilds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, open, assertClean, demoData, action, field, messages, runMessages, setInput, waitState, loadFileMethods, nextFrames, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const probe = (page, chart) => page.locator(`${DEMO} [data-probe="${chart}"]`);
const canvas = (page, chart) => page.locator(`${DEMO} canvas[data-chart="${chart}"]`);
/** Moves the pointer to (fx, fy) of a chart's box (fractions of its CSS size). */
async function hover(page, chart, fx, fy) {
  await canvas(page, chart).scrollIntoViewIfNeeded();
  const box = await canvas(page, chart).boundingBox();
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
}

test('hover readouts: each chart shows the values under the pointer, from its own data; the strip chart\'s stays in view in a window less tall than its card', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 1280, height: 1400 } });
  for (let i = 0; i < 30; i++) await action(page, 'step').click();
  // The preview spans t from 0 to 2π over its plotting area: the readout's t and its sin/cos agree.
  await hover(page, 'preview', 0.5, 0.5);
  const preview = await probe(page, 'preview').textContent();
  const [, t, s, c] = preview.match(/^t\u00a0(\S+)  input\u00a0(\S+)  target\u00a0(\S+)$/);
  assert.ok(Math.abs(Math.sin(Number(t)) - Number(s)) < 1e-3 && Math.abs(Math.cos(Number(t)) - Number(c)) < 1e-3, preview);
  assert.ok(Number(t) > 2 && Number(t) < 4.3, `the middle of [0, 2π] read as t = ${t}`);
  // Another task: the card shows that task's period (the square wave's target is ±1).
  await field(page, 'task').selectOption('square');
  await hover(page, 'preview', 0.3, 0.5);
  const square = (await probe(page, 'preview').textContent()).match(/target\u00a0(\S+)$/)[1];
  assert.equal(Math.abs(Number(square)), 1, `the square task's target: ${square}`);
  await field(page, 'task').selectOption('sin-cos');
  for (let i = 0; i < 30; i++) await action(page, 'step').click();

  // The strip chart: a point of the shown windows, its target the task's cos t.
  await hover(page, 'strip', 0.6, 0.5);
  const strip = await probe(page, 'strip').textContent();
  const m = strip.match(/^t\u00a0(\S+)  input\u00a0(\S+)  target\u00a0(\S+)  prediction\u00a0(\S+)$/);
  assert.ok(m, strip);
  assert.ok(Math.abs(Math.cos(Number(m[1])) - Number(m[3])) < 2e-3, `target at t = ${m[1]}: ${m[3]}`);
  assert.ok(Math.abs(Math.sin(Number(m[1])) - Number(m[2])) < 2e-3, `input at t = ${m[1]}: ${m[2]}`);

  // The loss chart: the step under the pointer and its loss, equal to the trainer's history.
  await hover(page, 'loss', 0.3, 0.5);
  const loss = await probe(page, 'loss').textContent();
  const lm = loss.match(/^step\u00a0(\d+)  loss\u00a0(\S+)$/);
  assert.ok(lm, loss);
  const history = await page.locator(DEMO).evaluate((el, i) => el.trainer.losses()[i], Number(lm[1]) - 1);
  assert.ok(Math.abs(history - Number(lm[2])) <= Math.abs(history) * 0.01, `${loss} vs history ${history}`);

  // The heatmap: unit, time step and the activation of that cell.
  await hover(page, 'hidden', 0.5, 0.5);
  const hidden = await probe(page, 'hidden').textContent();
  const hm = hidden.match(/^unit\u00a0(\d+)  time\u00a0step\u00a0(\d+)  h\u00a0(\S+)$/);
  assert.ok(hm, hidden);
  // (Time steps numbered from 1, as the equations do: time step t is row t − 1.)
  const h = await page.locator(DEMO).evaluate((el, [t, j]) => el.trainer.hiddenStates()[(t - 1) * 32 + j], [Number(hm[2]), Number(hm[1])]);
  assert.ok(Math.abs(h - Number(hm[3])) < 1e-3, `${hidden} vs ${h}`);

  // Leaving the chart clears its readout.
  await page.mouse.move(0, 0);
  assert.equal(await probe(page, 'hidden').textContent(), '');

  // In a window less tall than the strip chart's card (1280×800), its readout stays in view
  // at the window's bottom edge, over the chart's foot; back where it was once the card ends above.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => scrollTo(0, 0));
  const box = await canvas(page, 'strip').boundingBox();
  assert.ok(box.y + box.height > 800, `the strip chart ends at ${box.y + box.height}`);
  await page.mouse.move(box.x + box.width * 0.6, box.y + 300);
  const shown = await probe(page, 'strip').boundingBox();
  assert.match(await probe(page, 'strip').textContent(), /^t\u00a0\S+  input/);
  assert.ok(shown.y >= 0 && shown.y + shown.height <= 800, `the readout at y ${shown.y}–${shown.y + shown.height}`);
  // The pointer over the readout there is still over the chart: the readout stays, move after move.
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(box.x + box.width * 0.6 + i * 4, shown.y + shown.height / 2);
    await nextFrames(page);
    assert.match(await probe(page, 'strip').textContent(), /^t\u00a0\S+  input/, `move ${i} along the window's foot`);
  }
  assertClean(problems);
  await context.close();
});

test('a readout under a pointer at rest follows the run as it trains: the strip chart\'s names the point now drawn there (it had kept the values of the moment the pointer stopped while the chart scrolled on beneath it); a keyboard cursor\'s is read at each key; gone once the pointer leaves', async () => {
  const { page, context, problems } = await open(env);
  await hover(page, 'strip', 0.6, 0.5);
  const first = await probe(page, 'strip').textContent();
  assert.match(first, /^t\u00a0\S+  input/);
  // (Played and paused by script: a click on Play would take the pointer off the chart.)
  const play = () => page.locator(DEMO).evaluate((el) => el.play());
  const pause = () => page.locator(DEMO).evaluate((el) => el.pause());
  await play();
  // The pointer does not move: the text changes as the windows go by.
  await page.waitForFunction((was) => {
    const text = document.querySelector('rnn-playground').shadowRoot.querySelector('[data-probe="strip"]').textContent;
    return text !== was && /^t\u00a0/.test(text);
  }, first, { timeout: 15_000 });
  // And it is the point drawn now: paused, the same position reads the same text.
  await pause();
  await nextFrames(page);
  const atRest = await probe(page, 'strip').textContent();
  const box = await canvas(page, 'strip').boundingBox();
  await page.mouse.move(box.x + box.width * 0.6 + 1, box.y + box.height * 0.5);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  assert.equal(await probe(page, 'strip').textContent(), atRest);
  await page.mouse.move(0, 0);
  assert.equal(await probe(page, 'strip').textContent(), '');
  // A keyboard cursor's readout is read at each key (its output is a live region: read again
  // every frame, it would be announced every frame): unchanged while the history grows, fresh
  // at the next key.
  await canvas(page, 'loss').focus();
  await page.keyboard.press('ArrowLeft');
  const before = await probe(page, 'loss').textContent();
  const from = (await demoData(page)).step;
  await play();
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).stepCount >= n, [DEMO, from + 100], { timeout: 15_000 });
  assert.equal(await probe(page, 'loss').textContent(), before, 'the keyboard readout was rewritten with no key pressed');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.notEqual(await probe(page, 'loss').textContent(), before, 'the next key read the old history');
  await pause();
  assertClean(problems);
  await context.close();
});

test('keyboard readouts: a focused chart moves its cursor with the arrow keys (and → does not train)', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'step').click();
  await canvas(page, 'preview').focus();
  await page.keyboard.press('ArrowRight');
  const first = await probe(page, 'preview').textContent();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const later = await probe(page, 'preview').textContent();
  const tOf = (s) => Number(s.match(/^t\u00a0(\S+)/)[1]);
  assert.ok(tOf(later) > tOf(first), `the cursor did not move right: ${first} → ${later}`);
  assert.equal((await demoData(page)).step, 1, 'an arrow key on a chart trained a step');
  // The gradient-flow chart's cursor goes on from its left panel into its right one (10 steps
  // trained: every step of its axis has a norm).
  for (let i = 0; i < 9; i++) await action(page, 'step').click();
  await canvas(page, 'gradients').focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await probe(page, 'gradients').textContent(), /^t\u00a0\d+  ‖dL\/dh‖/);
  for (let i = 0; i < 45; i++) await page.keyboard.press('ArrowRight');
  assert.match(await probe(page, 'gradients').textContent(), /^step\u00a0\d+  ‖g‖\u00a0\S+$/);
  assertClean(problems);
  await context.close();
});

test('RMSE is the square root of the window loss and R² is computed from the last window', async () => {
  const { page, context, problems } = await open(env);
  for (let i = 0; i < 5; i++) await action(page, 'step').click();
  const read = (name) => page.locator(`${DEMO} [data-readout="${name}"]`).textContent();
  const { loss } = await demoData(page);
  const rmse = Number(await read('rmse'));
  assert.ok(Math.abs(rmse - Math.sqrt(loss)) <= 0.01 * Math.sqrt(loss), `RMSE ${rmse}, loss ${loss}`);
  const r2 = await page.locator(DEMO).evaluate((el) => {
    const { target, prediction } = el.trainer.lastWindow();
    const mean = target.reduce((a, b) => a + b, 0) / target.length;
    let res = 0;
    let tot = 0;
    for (let i = 0; i < target.length; i++) { res += (prediction[i] - target[i]) ** 2; tot += (target[i] - mean) ** 2; }
    return 1 - res / tot;
  });
  assert.ok(Math.abs(Number(await read('r2')) - r2) <= Math.max(0.01 * Math.abs(r2), 1e-3), `R² readout vs ${r2}`);
  assertClean(problems);
  await context.close();
});

test('the loss history downloads as CSV: step,loss, one line per step, equal to losses()', async () => {
  const { page, context, problems } = await open(env);
  for (let i = 0; i < 7; i++) await action(page, 'step').click();
  const [download] = await Promise.all([page.waitForEvent('download'), action(page, 'export-losses').click()]);
  assert.match(download.suggestedFilename(), /\.losses\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'step,loss');
  assert.equal(lines.length, 8);
  const losses = await page.locator(DEMO).evaluate((el) => [...el.trainer.losses()]);
  lines.slice(1).forEach((line, i) => {
    const [step, loss] = line.split(',').map(Number);
    assert.equal(step, i + 1);
    assert.equal(loss, losses[i]);
  });
  assertClean(problems);
  await context.close();
});

test('stop rules: stopBelow with stopPatience pauses when the loss stays below for K windows, and says which rule fired and how to go on', async () => {
  const { page, context, problems } = await open(env, '?stopBelow=0.05&stopPatience=5&speed=20');
  await action(page, 'play').click();
  await waitState(page, 'paused', { timeout: 30_000 });
  const { step } = await demoData(page);
  const losses = await page.locator(DEMO).evaluate((el) => [...el.trainer.losses()]);
  assert.equal(losses.length, step, 'trained past the window where the rule fired');
  assert.ok(losses.slice(-5).every((l) => l < 0.05), `the last 5 losses: ${losses.slice(-5)}`);
  assert.ok(!losses.slice(-6, -5).every((l) => l < 0.05) || step === 5, 'the rule fired late');
  assert.match(await runMessages(page).textContent(), /stayed below 0\.05 for 5 windows in a row \(stop below\)\. Press Play to go on, or set Stop below loss to never to train on without stopping\./);
  assertClean(problems);
  await context.close();
});

test('Run the tutorial sets the tutorial settings with stopAfter=60 and plays to 60', async () => {
  const { page, context, problems } = await open(env, '?cell=gru&hidden=8&speed=5');
  await action(page, 'tutorial').click();
  await waitState(page, 'paused', { timeout: 20_000 });
  const d = await demoData(page);
  assert.equal(d.step, 60);
  assert.deepEqual([d.config.cell, d.config.hidden, d.config.lr, d.config.stopAfter, d.config.speed], ['rnn', 32, 0.02, 60, 1]);
  assert.match(await runMessages(page).textContent(), /Stopped after 60 windows \(stop after\)\. Press Reset to run again, or raise Stop after to go on\./);
  assert.match(page.url(), /stopAfter=60/);
  assertClean(problems);
  await context.close();
});

test('the equations panel shows the chosen cell in MathML and explains the carried state', async () => {
  const { page, context, problems } = await open(env);
  const eq = page.locator(`${DEMO} [data-equations]`);
  assert.equal(await eq.locator('math').count() >= 3, true);
  assert.match(await eq.textContent(), /tanh/);
  assert.match(await eq.textContent(), /truncated backpropagation through time/);
  await field(page, 'cell').selectOption('lstm');
  const lstm = await eq.textContent();
  for (const s of ['σ', '⊙', 'tanh']) assert.ok(lstm.includes(s), `LSTM equations lack ${s}`);
  assert.equal(await eq.locator('math').count(), 12, 'four gates, c, h, the head and the loss; Adam\'s g, m, v, θ');
  await field(page, 'cell').selectOption('gru');
  assert.equal(await eq.locator('math').count(), 10, 'r, z, n, h, the head and the loss; Adam\'s g, m, v, θ');
  // Weight decay (a live setting) shows in the gradient at once: g = ∇θL + λθ.
  assert.ok(!(await eq.textContent()).includes('λ'), 'no λ while weight decay is 0');
  await field(page, 'weightDecay').fill('0.01');
  await field(page, 'weightDecay').press('Enter');
  await field(page, 'weightDecay').blur();
  assert.match(await eq.textContent(), /weight decay λ = 0\.01/);
  assert.ok((await eq.locator('math').nth(6).textContent()).includes('λθ'), await eq.locator('math').nth(6).textContent());
  assertClean(problems);
  await context.close();
});

test('classroom links: ?hide=lr,cell hides those controls; ?hide=all leaves the charts, Play/Step/Reset and the readouts', async () => {
  const visible = (page) => page.locator(DEMO).evaluate((el) =>
    [...el.shadowRoot.querySelectorAll('[data-control]')].filter((c) => !c.hidden).map((c) => c.dataset.control));
  let { page, context, problems } = await open(env, '?hide=lr,cell');
  let shown = await visible(page);
  assert.ok(!shown.includes('lr') && !shown.includes('cell') && shown.includes('hidden') && shown.includes('play'), shown.join());
  assertClean(problems);
  await context.close();
  ({ page, context, problems } = await open(env, '?hide=all'));
  shown = await visible(page);
  assert.deepEqual(shown.sort(), ['play', 'readouts', 'reset', 'step']);
  const cards = await page.locator(DEMO).evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-card]')].filter((c) => !c.hidden).map((c) => c.dataset.card));
  assert.ok(['strip', 'loss', 'hidden', 'preview'].every((c) => cards.includes(c)), cards.join());
  assertClean(problems);
  await context.close();
});

/** The message under field `name` (what its value did, or why it was refused), '' where none. */
const fieldMessage = (page, name) => page.locator(DEMO).evaluate((el, name) => el.shadowRoot.querySelector(`[data-setting="${name}"] .rd-field__msg`)?.textContent ?? '', name);

test('a structural change says so in one line, under the field it was typed in: "New network: Hidden size (hidden) set to 16; training restarts at step 0"; the next change\'s message replaces it, under its own field', async () => {
  const { page, context, problems } = await open(env);
  for (let i = 0; i < 3; i++) await action(page, 'step').click();
  await setInput(page, 'hidden', 16);
  await page.waitForFunction((sel) => document.querySelector(sel).config.hidden === 16, DEMO);
  assert.match(await fieldMessage(page, 'hidden'), /^New network: Hidden size \(hidden\) set to 16; training restarts at step 0\.$/);
  assert.doesNotMatch(await messages(page).textContent(), /New network/);
  await setInput(page, 'lr', 0.01);
  await page.waitForFunction((sel) => document.querySelector(sel).config.lr === 0.01, DEMO);
  assert.match(await fieldMessage(page, 'lr'), /^Learning rate \(lr\) is now 0\.01; training goes on at step 0\.$/);
  assert.equal(await fieldMessage(page, 'hidden'), '', 'the earlier change\'s message stayed');
  assert.equal((await demoData(page)).step, 0);
  assertClean(problems);
  await context.close();
});

test('live hyper-parameters: changing lr while playing goes on from the same step, with the same weights, and is marked', async () => {
  const { page, context, problems } = await open(env, '?speed=5');
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 100, DEMO);
  const before0 = (await demoData(page)).step;
  await setInput(page, 'lr', 0.005);
  await page.waitForFunction((sel) => document.querySelector(sel).config.lr === 0.005, DEMO);
  const after0 = await demoData(page);
  assert.ok(after0.step >= before0, `the run restarted: step ${before0} → ${after0.step}`);
  // Read with the step shown at the same moment: a display state from the worker brings both
  // (the worker may have taken the change a few windows after the step read above).
  const { changes, shown } = await page.locator(DEMO).evaluate((el) => ({ changes: el.trainer.hyperParameterChanges(), shown: el.stepCount }));
  assert.equal(changes.length, 1);
  assert.deepEqual([changes[0].name, changes[0].value], ['lr', 0.005]);
  assert.ok(changes[0].step >= before0 && changes[0].step <= shown, `marked at step ${changes[0].step}, not within ${before0}–${shown}`);
  assert.match(await fieldMessage(page, 'lr'), /Learning rate \(lr\) is now 0\.005; training goes on at step \d+/);
  assert.match(page.url(), /lr=0\.005/);
  await page.waitForFunction(([sel, s]) => document.querySelector(sel).stepCount > s + 20, [DEMO, after0.step]);
  assert.equal((await demoData(page)).state, 'running');
  await action(page, 'play').click();
  // The JS API checks values as the constructor does and refuses structural settings.
  const errors = await page.locator(DEMO).evaluate(async (el) => {
    await el.pause();
    const out = [];
    for (const v of [{ lr: 0 }, { cell: 'lstm' }, { lr: '0.1' }]) {
      try { el.trainer.setHyperParameters(v); out.push('no error'); } catch (e) { out.push(`${e.constructor.name}: ${e.message}`); }
    }
    return out;
  });
  assert.match(errors[0], /^RangeError: lr must be greater than 0 and at most 10, got 0/);
  assert.match(errors[1], /^TypeError: "cell" cannot change during a run/);
  assert.match(errors[2], /^TypeError: lr must be a number/);
  assertClean(problems);
  await context.close();
});

test('carryState: ?carryState=false starts every window from zero; the control and the config say so', async () => {
  const { page, context, problems } = await open(env, '?carryState=false');
  assert.equal((await demoData(page)).config.carryState, false);
  assert.equal(await field(page, 'carryState').inputValue(), 'false');
  await field(page, 'carryState').selectOption('true');
  await page.waitForFunction((sel) => document.querySelector(sel).config.carryState === true, DEMO);
  assert.ok(!/carryState/.test(page.url()), 'the default is not written into the URL');
  assertClean(problems);
  await context.close();
});

test('gradient flow: over 50 time steps the RNN\'s gradient of the last step fades, the LSTM\'s holds up; the chart reads out t and the norms, and on its right the step\'s global norm', async () => {
  const ratio = async (cell) => {
    const { page, context, problems } = await open(env, `?cell=${cell}&timeStep=50&speed=20`);
    await action(page, 'play').click();
    await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 200, DEMO, { timeout: 30_000 });
    await action(page, 'play').click();
    const r = await page.locator(DEMO).evaluate((el) => {
      const n = el.trainer.lastStepGradientNorms();
      return n[0] / n[49];
    });
    await hover(page, 'gradients', 0.3, 0.5);
    assert.match(await probe(page, 'gradients').textContent(), /^t\u00a0\d+  ‖dL\/dh‖\u00a0\S+  last\u00a0step's\u00a0\S+$/);
    // The right panel: the global gradient norm of the step under the pointer, the trainer's.
    await hover(page, 'gradients', 0.85, 0.5);
    const text = await probe(page, 'gradients').textContent();
    const m = /^step\u00a0(\d+)  ‖g‖\u00a0(\S+)$/.exec(text);
    assert.ok(m, `the right panel's readout: "${text}"`);
    const { norm, steps } = await page.locator(DEMO).evaluate((el, i) => ({ norm: el.trainer.gradientNorms()[i], steps: el.stepCount }), Number(m[1]) - 1);
    assert.ok(Number(m[1]) > 0.5 * steps && Number(m[1]) <= steps, `step ${m[1]} of ${steps} at 85 % of the chart`);
    assert.ok(Math.abs(Number(m[2]) - norm) <= 0.005 * norm, `readout ${m[2]}, the trainer's norm ${norm}`);
    assertClean(problems);
    await context.close();
    return r;
  };
  const rnn = await ratio('rnn');
  const lstm = await ratio('lstm');
  console.log(`# ‖dℓ_T/dh_0‖ / ‖dℓ_T/dh_49‖ after 200 steps: RNN ${rnn.toExponential(2)}, LSTM ${lstm.toExponential(2)}`);
  assert.ok(rnn < 1e-3, `the RNN's gradient did not fade: ${rnn}`);
  assert.ok(lstm > 100 * rnn, `RNN ${rnn}, LSTM ${lstm}`);
});

test('Copy as PyTorch: the dialog shows the script of this run, changes included, and downloads it as run.py', async () => {
  const { page, context, problems } = await open(env);
  for (let i = 0; i < 3; i++) await action(page, 'step').click();
  await setInput(page, 'clipNorm', 0.5);
  await page.waitForFunction((sel) => document.querySelector(sel).config.clipNorm === 0.5, DEMO);
  await action(page, 'step').click();
  await action(page, 'pytorch').click();
  // The dialog opens once the script is made (in the files worker, which the first file action starts).
  await page.locator(`${DEMO} [data-dialog="pytorch"][open]`).waitFor();
  const script = await page.locator(`${DEMO} [data-script]`).textContent();
  await loadFileMethods(page);
  assert.match(script, /^STEPS = 4$/m);
  assert.match(script, /\(3, 'clip_norm', 0\.5\),/);
  assert.match(script, /torch\.manual_seed\(SEED\)/);
  assert.equal(script, await page.locator(DEMO).evaluate((el) => el.trainer.pytorchScript()));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`${DEMO} [data-action="download-script"]`).click()]);
  assert.equal(dl.suggestedFilename(), 'run.py');
  assert.equal(fs.readFileSync(await dl.path(), 'utf8'), script);
  await page.keyboard.press('Escape');
  assertClean(problems);
  await context.close();
});

test('details: the equations follow the carried state; a coarsened CSV names only trained steps; a run from imported weights gets a script that loads them', async () => {
  const { page, context, problems } = await open(env, '?carryState=false');
  assert.match(await page.locator(`${DEMO} [data-equations]`).textContent(), /every window starts from h0 = 0/);
  // 4097 steps coarsen the history to a stride of 2: the last entry covers step 4097 alone.
  await page.locator(DEMO).evaluate((el) => el.trainer.train(4097));
  const [dl] = await Promise.all([page.waitForEvent('download'), action(page, 'export-losses').click()]);
  const last = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n').at(-1);
  assert.match(last, /^4097,/);
  // Weights imported from a file: the script writes them in and loads them.
  await loadFileMethods(page);
  const weights = await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights());
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(weights) });
  await page.waitForFunction((sel) => /Imported weights/.test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), DEMO);
  await action(page, 'step').click();
  await action(page, 'pytorch').click();
  await page.locator(`${DEMO} [data-dialog="pytorch"][open]`).waitFor();
  assert.match(await page.locator(`${DEMO} [data-script]`).textContent(), /net\.load_state_dict\(/);
  await page.keyboard.press('Escape');
  assertClean(problems);
  await context.close();
});

test('Copy as PyTorch on a phone (360 × 740): the dialog fits the screen with its buttons in view, the script scrolling inside it; one window trained is said in the singular', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 360, height: 740 } });
  await action(page, 'step').click();
  await action(page, 'pytorch').click();
  const dialog = page.locator(`${DEMO} [data-dialog="pytorch"][open]`);
  await dialog.waitFor();
  const r = await dialog.evaluate((d) => {
    const box = d.getBoundingClientRect();
    const code = d.querySelector('[data-script]');
    return {
      fits: d.scrollHeight <= d.clientHeight + 1,
      buttons: [...d.querySelectorAll('button')].every((b) => b.getBoundingClientRect().top >= box.top && b.getBoundingClientRect().bottom <= box.bottom),
      scrolls: code.scrollHeight > code.clientHeight,
      status: d.querySelector('[data-copy-status]').textContent,
    };
  });
  assert.deepEqual(r, { fits: true, buttons: true, scrolls: true, status: 'The script trains the window trained so far.' });
  await page.keyboard.press('Escape');
  assertClean(problems);
  await context.close();
});

test('Copy as PyTorch of a script too long to lay out (a run from imported weights writes them in): the dialog shows its beginning and how much more there is; Copy and Download give the whole script', async () => {
  // Hidden 256: the weights make a script of over 1 MB (LSTM h256, 4 layers: 38.5 MB, whose
  // layout in the dialog held the page up 8 seconds).
  const { page, context, problems } = await open(env, '?hidden=256');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await loadFileMethods(page);
  const weights = await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights());
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(weights) });
  await page.waitForFunction((sel) => /Imported weights/.test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), DEMO);
  await action(page, 'pytorch').click();
  await page.locator(`${DEMO} [data-dialog="pytorch"][open]`).waitFor();
  const script = await page.locator(DEMO).evaluate((el) => el.trainer.pytorchScript());
  const shown = await page.locator(`${DEMO} [data-script]`).textContent();
  assert.ok(script.length > 300_000, `the script: ${script.length} characters`);
  assert.ok(shown.length <= 50_100, `shown: ${shown.length} characters`);
  const [head, more] = [shown.slice(0, shown.lastIndexOf('# …')), shown.slice(shown.lastIndexOf('# …'))];
  assert.ok(script.startsWith(head) && head.endsWith('\n'), 'the beginning shown is the script\'s, to a whole line');
  assert.equal(more, `# … and ${(script.length - head.length).toLocaleString('en-US')} characters more: Copy and Download give the whole script.\n`);
  await page.locator(`${DEMO} [data-action="copy-script"]`).click();
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-dialog="pytorch"]').textContent.includes('Copied.'), DEMO);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), script);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`${DEMO} [data-action="download-script"]`).click()]);
  assert.equal(fs.readFileSync(await dl.path(), 'utf8'), script);
  // No clipboard (an insecure origin, a denied permission): a shortened script is not selected (Ctrl+C would copy its beginning only); Download is the way.
  await page.evaluate(() => Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }));
  await page.locator(`${DEMO} [data-action="copy-script"]`).click();
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-copy-status]').textContent.includes('download run.py instead'), DEMO);
  assert.equal(await page.evaluate(() => getSelection().toString()), '');
  await page.keyboard.press('Escape');
  assertClean(problems);
  await context.close();
});

test('the config property reports an unknown setting once, each name in a message of its own, as before the start (a second name\'s had replaced the first\'s)', async () => {
  const { page, context, problems } = await open(env);
  const count = await page.locator(DEMO).evaluate((el) => {
    let n = 0;
    el.addEventListener('error', () => { n += 1; });
    el.config = { bogus: 1 };
    el.config = { stpe: 2 };
    return n;
  });
  assert.equal(count, 2);
  const shown = await page.locator(DEMO).evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-run-messages], [data-messages]')].map((m) => m.textContent).join(''));
  assert.match(shown, /"bogus"/);
  assert.match(shown, /"stpe"/);
  assertClean(problems);
  await context.close();
});

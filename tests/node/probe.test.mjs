// The charts' readouts (www/probe.js) without a browser: pixels to data through a chart's
// layout, a per-step history's readout (stride, the axis's right end, past the history, the
// gradient norms' own stride), and the keyboard cursor across the gradient-flow chart's panels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toData, readout, moveCursor, bindProbes } from '../../www/probe.js';
import { Translator, loadLocale } from '../../www/i18n.js';

const tr = new Translator('en');
/** A trainer as the readouts read it: 10 loss entries of stride 4 (38 steps), 10 norms of stride 1. */
const trainer = {
  losses: () => Float32Array.from({ length: 10 }, (_, i) => i + 1),
  lossStride: 4,
  gradientNorms: () => Float32Array.from({ length: 10 }, (_, i) => 100 + i),
  gradientNormStride: 1,
  stepCount: 38,
};
const panel = (left, xMax, entries) => ({ left, top: 10, width: 100, height: 50, xMin: 0, xMax, yMin: 1, yMax: 10, yLog: false, entries });
/** Where the charts draw the entries of a history of `stride` steps an entry (the middle of its steps), and a window's time steps (t + 1): their layouts' `entries`. */
const perStep = (stride) => ({ first: (stride + 1) / 2, spacing: stride });
const TIME_STEPS = { first: 1, spacing: 1 };
/** Data point x on a chart whose layout has `entries`, as toData gives it. */
const on = (entries, x, y) => ({ x, y, entries });

test('the loss readout: the entry under x, its steps (the last one cut at the step count), nothing past the history', () => {
  const at = (x) => on(perStep(4), x);
  // The axis's left end reads the first entry.
  assert.equal(readout('loss', at(0), trainer, null, tr), 'steps\u00a01–4  loss\u00a01.00');
  assert.equal(readout('loss', at(37.5), trainer, null, tr), 'steps\u00a037–38  loss\u00a010.0');
  // The axis's right end reads the last entry, not nothing.
  assert.equal(readout('loss', at(40), trainer, null, tr), 'steps\u00a037–38  loss\u00a010.0');
  assert.equal(readout('loss', at(41), trainer, null, tr), '');
  // Without the chart's entries (a layout of another kind), no entry is guessed.
  assert.equal(readout('loss', { x: 37.5 }, trainer, null, tr), '');
});

test('the gradient-flow chart: its right panel reads the global norm with the norms\' own stride', () => {
  const layout = { ...panel(0, 9, TIME_STEPS), overTraining: panel(150, 10, perStep(1)) };
  // A pixel in the right panel: data there, marked as that panel's, with its entries.
  // (Its 100 pixels span x from 0 to 10 over 99 of them: plotters maps xMax to the last pixel.)
  const at = toData(layout, 150 + 99 * 0.56, 30);
  assert.equal(at.panel, 'overTraining');
  assert.deepEqual(at.entries, perStep(1));
  assert.ok(Math.abs(at.x - 5.6) < 1e-9);
  assert.equal(toData(layout, 249, 10 + 49).x, 10, 'the last pixel is xMax');
  assert.equal(toData(layout, 249, 10 + 49).y, 1, 'the bottom pixel is yMin');
  assert.equal(readout('gradients', at, trainer, null, tr), 'step\u00a06  ‖g‖\u00a0105');
  // A layout of another stride than the history's (drawn before it was coarsened): no entry.
  assert.equal(readout('gradients', { ...at, entries: perStep(2) }, trainer, null, tr), '');
  // Between the panels: nothing.
  assert.equal(toData(layout, 120, 30), null);
});

test('the keyboard cursor moves a 50th of its panel, stays inside, and jumps the gap between the gradient flow\'s panels', () => {
  const layout = { ...panel(0, 9), overTraining: panel(150, 10) };
  let c = { x: 98, y: 30 };
  c = moveCursor(layout, c, [1, 0]);
  assert.equal(c.x, 99, 'to the left panel\'s last pixel');
  c = moveCursor(layout, c, [1, 0]);
  assert.equal(c.x, 150, 'straight to the right panel');
  c = moveCursor(layout, c, [-1, 0]);
  assert.equal(c.x, 99, 'and back');
  c = { x: 249, y: 30 };
  assert.equal(moveCursor(layout, c, [1, 0]).x, 249, 'the right end holds');
  assert.equal(moveCursor(layout, { x: 0, y: 30 }, [-1, 0]).x, 0, 'the left end holds');
  assert.equal(moveCursor(layout, { x: 50, y: 59 }, [0, 1]).y, 59, 'the bottom holds');
  // A one-panel chart: no jump anywhere.
  assert.equal(moveCursor(panel(0, 9), { x: 99, y: 30 }, [1, 0]).x, 99);
});

test('on the gradient flow\'s panels one above the other (a phone\'s), the cursor goes down and up between them, and reads the lower one', () => {
  const layout = { ...panel(0, 9), overTraining: { ...panel(0, 10), top: 100 } };
  let c = { x: 50, y: 58 };
  c = moveCursor(layout, c, [0, 1]);
  assert.deepEqual(c, { x: 50, y: 59 }, 'to the upper panel\'s last row');
  c = moveCursor(layout, c, [0, 1]);
  assert.deepEqual(c, { x: 50, y: 100 }, 'straight to the lower panel');
  assert.equal(toData(layout, c.x, c.y).panel, 'overTraining');
  c = moveCursor(layout, c, [1, 0]);
  assert.deepEqual(c, { x: 52, y: 100 }, 'across it by a 50th of its width');
  c = moveCursor(layout, c, [0, -1]);
  assert.deepEqual(c, { x: 52, y: 59 }, 'and back up');
  assert.equal(moveCursor(layout, { x: 99, y: 30 }, [1, 0]).x, 99, 'no panel to the right: the edge holds');
  assert.equal(moveCursor(layout, { x: 50, y: 149 }, [0, 1]).y, 149, 'the bottom holds');
});

test('the hidden-state and gradient-flow readouts number the time steps from 1 to T, as the equations and the unrolled view do, and read the values of the step they name', () => {
  const T = 3, H = 2;
  const net = {
    config: () => ({ hidden: H, timeStep: T, layers: 1 }),
    hiddenStates: () => Float32Array.from({ length: T * H }, (_, k) => k / 10), // h of step t + 1, unit j: (t·H + j) / 10
    hiddenGradientNorms: () => Float32Array.from([0.5, 0.25, 0.125]),
    lastStepGradientNorms: () => new Float32Array(T),
  };
  // The heatmap's first cell covers x from 0.5 to 1.5 (time step 1), its last up to T + 0.5.
  assert.equal(readout('hidden', on(TIME_STEPS, 0.6, 1.5), net, null, tr), 'unit\u00a01  time\u00a0step\u00a01  h\u00a00.100');
  assert.equal(readout('hidden', on(TIME_STEPS, 3.4, 0.2), net, null, tr), 'unit\u00a00  time\u00a0step\u00a03  h\u00a00.400');
  assert.equal(readout('hidden', on(TIME_STEPS, 3.6, 0.2), net, null, tr), '');
  // The gradient flow's t axis runs from 1 to T.
  assert.equal(readout('gradients', on(TIME_STEPS, 1.2), net, null, tr), 't\u00a01  ‖dL/dh‖\u00a00.500');
  assert.equal(readout('gradients', on(TIME_STEPS, 3), net, null, tr), 't\u00a03  ‖dL/dh‖\u00a00.125');
  assert.equal(readout('gradients', on(TIME_STEPS, 3.6), net, null, tr), '');
});

test('a per-step history reads the entry nearest the pointer, each step at its own x (step k at k, as the chart draws it; step 2 had been drawn at 1.5 and read from 1 to 2)', () => {
  const net = { ...trainer, losses: () => Float32Array.from([0.5, 0.4, 0.3, 0.2, 0.1]), lossStride: 1, stepCount: 5 };
  const stepAt = (x) => readout('loss', on(perStep(1), x), net, null, tr).match(/^step\u00a0(\d+)/)?.[1];
  assert.deepEqual([0, 0.4, 1, 1.6, 2, 2.4, 5].map(stepAt), ['1', '1', '1', '2', '2', '2', '5']);
  assert.equal(readout('loss', on(perStep(1), 5.5), net, null, tr), '');
});

test('the gradient flow\'s readout in Chinese separates its parts as the other readouts do, by an ideographic space (they had been joined by two ASCII spaces)', async () => {
  await loadLocale('zh-CN');
  const net = {
    config: () => ({ hidden: 2, timeStep: 2, layers: 2 }),
    hiddenGradientNorms: () => Float32Array.from([0.5, 0.25, 0.125, 0.0625]),
    lastStepGradientNorms: () => Float32Array.from([0, 0, 0.03, 1]),
  };
  assert.equal(readout('gradients', on(TIME_STEPS, 1), net, null, new Translator('zh-CN')),
    't\u00a01　层\u00a00\u00a0‖dL/dh‖\u00a00.500　层\u00a01\u00a0‖dL/dh‖\u00a00.125　最后一步的\u00a00.0300');
  assert.equal(readout('gradients', on(TIME_STEPS, 1), net, null, tr),
    't\u00a01  layer\u00a00\u00a0‖dL/dh‖\u00a00.500  layer\u00a01\u00a0‖dL/dh‖\u00a00.125  last\u00a0step\'s\u00a00.0300');
});

test('a readout under a pointer at rest names the point under it again after a zoom (the charts drawn at twice the pixel ratio): it had kept the device pixel it had, half as far across', () => {
  const saved = globalThis.document;
  globalThis.document = new EventTarget();
  try {
    // A canvas 200 CSS px wide, its plot area over all of it, in device pixels at the ratio now.
    let ratio = 1;
    const canvas = Object.assign(new EventTarget(), { width: 200, height: 100, getBoundingClientRect: () => ({ width: 200 }) });
    const layout = () => ({ left: 0, top: 0, width: 200 * ratio, height: 100 * ratio, xMin: 0, xMax: 1, yMin: 0, yMax: 1, yLog: false });
    const output = { value: '', dataset: {} };
    const refresh = bindProbes({ strip: canvas }, { strip: output }, {
      layoutOf: layout, valueAt: (_, at) => at.x.toFixed(2), pixelRatio: () => ratio, signal: new AbortController().signal,
    });
    canvas.dispatchEvent(Object.assign(new Event('pointermove'), { offsetX: 150, offsetY: 50, pointerType: 'mouse' }));
    assert.equal(output.value, '0.75');
    // Zoomed to 2×: the backing store twice as large, drawn again, the readout read again.
    ratio = 2;
    canvas.width = 400;
    canvas.height = 200;
    refresh();
    assert.equal(output.value, '0.75', 'the pointer 150 CSS px across read another point at 2×');
  } finally {
    globalThis.document = saved;
  }
});

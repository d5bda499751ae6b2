// The unrolled view's DOM-free parts: the phases of one training step in the order the step
// runs them (www/step-phases.js), and PyTorch's shapes of the tutorial's tensors for the
// settings (www/pytorch-shapes.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHASE_KINDS, StepPhases, phaseList } from '../../www/step-phases.js';
import { pytorchShapes, shapeText } from '../../www/pytorch-shapes.js';

const label = (p) => (p.t === undefined ? p.kind : `${p.kind} ${p.t}`);

test('a step: forward t = 0 … T−1, the loss, backward t = T−1 … 0, the cut, clipping, the update, the carried state', () => {
  assert.deepEqual(phaseList(3).map(label), [
    'forward 0', 'forward 1', 'forward 2', 'loss', 'backward 2', 'backward 1', 'backward 0', 'cut', 'clip', 'update', 'carry',
  ]);
  assert.equal(phaseList(10).length, 2 * 10 + 5);
  // Every kind appears, in PHASE_KINDS's order.
  const kinds = [...new Set(phaseList(4).map((p) => p.kind))];
  assert.deepEqual(kinds, PHASE_KINDS);
  assert.throws(() => phaseList(0), RangeError);
  assert.throws(() => phaseList(2.5), RangeError);
});

test('by stage (Shift+→, Shift+←: a long window\'s 405 phases): to the first phase of the next stage, of this one, of the one before; not past the last nor before the first', () => {
  const phases = new StepPhases(3);
  phases.forward();
  phases.forward(); // forward 1
  const walk = (direction) => (phases.stage(direction) ? label(phases.current) : 'stays');
  assert.deepEqual([1, 1, 1, 1, 1, 1, 1].map(walk), ['loss', 'backward 2', 'cut', 'clip', 'update', 'carry', 'stays']);
  for (let i = 0; i < 5; i++) phases.back(); // carry → backward 1
  assert.equal(label(phases.current), 'backward 1');
  assert.deepEqual([-1, -1, -1, -1].map(walk), ['backward 2', 'loss', 'forward 0', 'stays']);
});

test('the cursor walks forward and back, wraps to a new window after the last phase, never goes before the first', () => {
  const phases = new StepPhases(2);
  assert.equal(phases.current, null);
  assert.equal(phases.back(), false);
  const seen = [];
  let result;
  for (let i = 0; i < phases.length; i++) {
    result = phases.forward();
    seen.push(label(phases.current));
  }
  assert.equal(result, 'next');
  assert.deepEqual(seen, phaseList(2).map(label));
  assert.ok(phases.atEnd);
  assert.equal(phases.forward(), 'wrapped');
  assert.equal(label(phases.current), 'forward 0');
  assert.equal(phases.back(), false, 'back from the first phase');
  phases.forward();
  assert.equal(phases.back(), true);
  assert.equal(label(phases.current), 'forward 0');
});

test('which columns the forward and the backward pass have reached', () => {
  const phases = new StepPhases(4);
  phases.forward(); // forward 0
  assert.deepEqual([0, 1, 2, 3].map((t) => phases.forwardReached(t)), [true, false, false, false]);
  assert.deepEqual([0, 1, 2, 3].map((t) => phases.backwardReached(t)), [false, false, false, false]);
  while (phases.current.kind !== 'backward') phases.forward();
  phases.forward(); // backward 2
  assert.equal(label(phases.current), 'backward 2');
  assert.deepEqual([0, 1, 2, 3].map((t) => phases.forwardReached(t)), [true, true, true, true]);
  assert.deepEqual([0, 1, 2, 3].map((t) => phases.backwardReached(t)), [false, false, true, true]);
  while (phases.current.kind !== 'update') phases.forward();
  assert.deepEqual([0, 1, 2, 3].map((t) => phases.backwardReached(t)), [true, true, true, true]);
});

test("PyTorch's shapes at the tutorial's defaults (batch_first=True): x (1, 10, 1), h_state (1, 1, 32), r_out (1, 10, 32), out (1, 10, 1)", () => {
  const s = pytorchShapes({ cell: 'rnn', layers: 1, hidden: 32, timeStep: 10 });
  assert.equal(shapeText(s.x), '(1, 10, 1)');
  assert.equal(shapeText(s.hState), '(1, 1, 32)');
  assert.equal(shapeText(s.rOut), '(1, 10, 32)');
  assert.equal(shapeText(s.out), '(1, 10, 1)');
  assert.equal(shapeText(s.xt), '(1, 1)');
  assert.equal(shapeText(s.ht), '(1, 32)');
  assert.equal(shapeText(s.yt), '(1, 1)');
});

test('the shapes follow layers, hidden size and time steps; an LSTM’s h_state is the tuple (h, c)', () => {
  const s = pytorchShapes({ cell: 'gru', layers: 3, hidden: 8, timeStep: 25 });
  assert.equal(shapeText(s.x), '(1, 25, 1)');
  assert.equal(shapeText(s.hState), '(3, 1, 8)');
  assert.equal(shapeText(s.rOut), '(1, 25, 8)');
  assert.equal(shapeText(s.out), '(1, 25, 1)');
  assert.equal(shapeText(s.ht), '(1, 8)');
  const lstm = pytorchShapes({ cell: 'lstm', layers: 2, hidden: 16, timeStep: 10 });
  assert.equal(shapeText(lstm.hState), '((2, 1, 16), (2, 1, 16))');
});

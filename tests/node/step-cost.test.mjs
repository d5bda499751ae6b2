// A step's cost (www/step-cost.js): the estimate from a coarse clock, and the first guess from
// the network's size by which a Step goes to the training worker (two frames or more: demo.js)
// before a window was timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessStepMs, stepCost } from '../../www/step-cost.js';

const tutorial = { cell: 'rnn', hidden: 32, layers: 1, timeStep: 10 };
const largest = { cell: 'lstm', hidden: 256, layers: 4, timeStep: 200 };

test('the guess errs long: the largest network above what Chromium’s scalar build measured here, the tutorial’s far below a frame', () => {
  // Measured (docs/performance.md, npm run bench:scale): the largest LSTM 3.9 steps/s on the
  // scalar build, 12.9 on relaxed SIMD; the tutorial's RNN some 70,000 steps/s on scalar.
  assert.ok(guessStepMs(largest) >= 1000 / 3.9, `${guessStepMs(largest)} ms`);
  assert.ok(guessStepMs(tutorial) < 0.1, `${guessStepMs(tutorial)} ms`);
});

test('the guess grows with every dimension: layers, hidden size, time steps, gates (RNN 1 < GRU 3 < LSTM 4)', () => {
  const base = { cell: 'gru', hidden: 64, layers: 2, timeStep: 50 };
  const g = guessStepMs(base);
  assert.equal(guessStepMs({ ...base, timeStep: 100 }), 2 * g, 'linear in the time steps');
  assert.ok(guessStepMs({ ...base, layers: 3 }) > g);
  assert.ok(guessStepMs({ ...base, hidden: 128 }) > 3 * g, 'about quadratic in the hidden size');
  assert.equal(guessStepMs({ ...base, cell: 'rnn' }) * 3, g);
  assert.equal(guessStepMs({ ...base, cell: 'lstm' }) * 3, 4 * g);
});

test('stepCost: a time read well is taken as it reads; one below the clock’s resolution is bounded by it and by the estimate before', () => {
  assert.equal(stepCost(NaN, 4, 10), 2.5);
  assert.equal(stepCost(NaN, 10, 0), 0.01, 'at most (0 + 0.1 ms) / 10');
  assert.equal(stepCost(0.005, 10, 0), 0.005, 'never more than the estimate before');
});

// The training loop's cost readout (www/loop.js) without a browser: what it reads after a cold
// first call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainingLoop } from '../../www/loop.js';

test('µs/step leaves out the first call after a reset or a start (a cold one: 5.7 ms for a 15 µs window) and reads the warm ones once 5 ms of them are timed', () => {
  const loop = new TrainingLoop(() => 0, () => {});
  loop.record(1, 5.7);
  assert.ok(Number.isNaN(loop.measuredMicrosPerStep), `after the cold Step: ${loop.measuredMicrosPerStep}`);
  for (let i = 0; i < 400; i++) loop.record(1, 0.015);
  assert.ok(Math.abs(loop.measuredMicrosPerStep - 15) < 0.5, `after 400 warm Steps: ${loop.measuredMicrosPerStep}`);
  // Reset: measured again, the first call left out.
  loop.resetStats();
  loop.record(100, 6);
  assert.ok(Number.isNaN(loop.measuredMicrosPerStep));
  loop.record(100, 5);
  assert.equal(loop.measuredMicrosPerStep, 50);
  // A start (Play: the worker may take the run over, cold): its first call left out too.
  globalThis.requestAnimationFrame ??= () => 1;
  globalThis.cancelAnimationFrame ??= () => {};
  loop.start();
  loop.record(1, 9);
  assert.equal(loop.measuredMicrosPerStep, 50, 'the first call after start() was counted (it would read 9,000)');
  loop.stop();
});

// The training loop's cost readout (www/loop.js) without a browser: what it reads after a cold
// first call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainingLoop } from '../../www/loop.js';

test('µs/step leaves out the first call after a reset or a start (a cold one: 5.7 ms for a 15 µs window) and reads the warm ones once 5 ms of them are timed', () => {
  const loop = new TrainingLoop(() => ({ loss: 0, steps: 0 }), () => {});
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

test('a frame counts the windows it trained, not those it asked for: a run that stopped (a stop rule, a divergence) within a frame is not measured as if it had trained them all', () => {
  globalThis.requestAnimationFrame ??= () => 1;
  globalThis.cancelAnimationFrame ??= () => {};
  const asked = [];
  // Each call trains 2 windows, whatever it asks for, in about 1 ms.
  const loop = new TrainingLoop((n) => {
    asked.push(n);
    const end = performance.now() + 1;
    while (performance.now() < end);
    return { loss: 0.5, steps: 2 };
  }, () => {});
  loop.speed = 1000;
  loop.start();
  for (let i = 0; i < 12; i++) loop.tick(performance.now());
  loop.stop();
  assert.ok(asked.some((n) => n !== 2), `every call asked for the 2 it trained: ${asked}`);
  // About 1 ms for 2 windows: some 500 µs each (counting those asked for, 1,250 µs here: most
  // calls asked for 1, once the frame's budget was spent).
  const micros = loop.measuredMicrosPerStep;
  assert.ok(micros >= 450 && micros <= 900, `µs/step ${micros}, asked for ${asked}`);
});

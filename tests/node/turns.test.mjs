// The training worker's schedule (www/turns.js): each frame an element earns its speed in
// windows (at speed 0, max, a frame interval's worth), and no more than two frames' worth; elements with windows earned take turns and
// share a slow worker fairly; a slow network's turn is cut to the slice, or shorter before a
// deadline; an element taken out (paused, hidden) gets no turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAVED_FRAMES, SLICE_MS, Turns } from '../../www/turns.js';

/** Runs the turns until nobody has a window earned; each step of element id costs cost[id] ms. */
function drain(turns, cost) {
  const trained = {};
  const order = [];
  for (let next = turns.next(); next; next = turns.next()) {
    const spent = next.steps * cost[next.id];
    turns.done(next.id, next.steps, spent);
    trained[next.id] = (trained[next.id] ?? 0) + next.steps;
    order.push(next.id);
  }
  return { trained, order };
}

test('an element trains its speed per frame, and saves up at most two frames’ worth', () => {
  const turns = new Turns();
  turns.set('a', 5);
  assert.equal(turns.next(), null, 'nothing before its first frame');
  let total = 0;
  for (let f = 0; f < 60; f++) {
    turns.frame('a');
    total += drain(turns, { a: 0.01 }).trained.a ?? 0;
  }
  assert.equal(total, 300);
  for (let f = 0; f < 10; f++) turns.frame('a');
  assert.equal(turns.earned('a'), SAVED_FRAMES * 5, 'frames while the worker was busy: two frames’ worth');
});

test('elements with windows earned take turns and share a busy worker fairly', () => {
  const turns = new Turns();
  for (const id of ['a', 'b', 'c']) turns.set(id, 1000);
  for (const id of ['a', 'b', 'c']) turns.frame(id);
  // Each step 1 ms: a turn is SLICE_MS steps once the cost is measured.
  const { trained, order } = drain(turns, { a: 1, b: 1, c: 1 });
  assert.deepEqual(trained, { a: 1000, b: 1000, c: 1000 });
  assert.deepEqual(order.slice(0, 9), ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  const next = turns.next();
  assert.equal(next, null);
});

test('a turn of a slow network is cut to the slice; an element taken out gets no turn', () => {
  const turns = new Turns();
  turns.set('big', 50);
  turns.set('small', 1);
  turns.frame('big');
  turns.frame('small');
  assert.deepEqual(turns.next(), { id: 'big', steps: 1, ms: 0 }, 'an unknown cost: one step, to measure it, its time unknown');
  turns.done('big', 1, 2);
  assert.deepEqual(turns.next(), { id: 'small', steps: 1, ms: 0 }, 'then the other element’s turn');
  turns.done('small', 1, 0.1);
  assert.deepEqual(turns.next(), { id: 'big', steps: SLICE_MS / 2, ms: SLICE_MS }, '2 ms a step: 4 fit in the slice, expected to fill it');
  turns.delete('big');
  turns.frame('big');
  assert.equal(turns.has('big'), false);
  assert.equal(turns.next(), null, 'taken out: no turn');
});

test('a turn shorter than the slice where the worker must send before a frame; waiting: a window earned and not trained', () => {
  const turns = new Turns();
  turns.set('a', 1000);
  assert.equal(turns.waiting, false, 'nothing earned yet');
  turns.frame('a');
  assert.equal(turns.waiting, true);
  turns.done('a', 100, 1);
  assert.deepEqual(turns.next(3), { id: 'a', steps: 300, ms: 300 * 0.01 }, '0.01 ms a window: 300 fit in 3 ms');
  assert.deepEqual(turns.next(SLICE_MS * 10), { id: 'a', steps: 800, ms: 800 * 0.01 }, 'never more than the slice');
  assert.deepEqual(turns.next(0.001), { id: 'a', steps: 1, ms: 0.01 }, 'at least one window');
  turns.done('a', 900, 9);
  assert.equal(turns.waiting, false, 'all trained');
});

test('at speed 0 (max) an element earns the windows that fit in a frame interval, at most two frames’ worth, and shares the worker fairly', () => {
  const turns = new Turns();
  turns.set('max', 0);
  turns.frame('max', 16);
  assert.deepEqual(turns.next(), { id: 'max', steps: 1, ms: 0 }, 'its cost unknown: one window, to measure it');
  // Timed by a clock of 0.1 ms, the window reads 0 ms: it costs at most 0.1 ms, so the next
  // frame earns 160 windows; those read 0.6 ms, at most 0.7 for 160, and the next earns 3,657.
  turns.done('max', 1, 0);
  turns.frame('max', 16);
  assert.equal(turns.earned('max'), 160);
  turns.done('max', 160, 0.6);
  turns.frame('max', 16);
  assert.equal(Math.floor(turns.earned('max')), Math.floor(16 / (0.7 / 160)));
  // Timed well (turns of 1 ms or more): 0.004 ms a window, 4000 a frame, two frames' worth saved up.
  drain(turns, { max: 0.004 });
  for (let f = 0; f < 10; f++) turns.frame('max', 16);
  assert.equal(turns.earned('max'), SAVED_FRAMES * 4000, 'frames while the worker was busy: two frames’ worth');
  assert.equal(drain(turns, { max: 0.004 }).trained.max, 8000);
  // With an element at speed 10: each frame both train theirs, in turns.
  turns.set('ten', 10);
  turns.frame('ten', 16);
  turns.frame('max', 16);
  const { trained, order } = drain(turns, { max: 0.004, ten: 0.004 });
  assert.deepEqual(trained, { max: 4000, ten: 10 });
  assert.deepEqual(order.slice(0, 2).sort(), ['max', 'ten'], 'the first turns: one each');
  turns.delete('max');
  turns.frame('max', 16);
  assert.equal(turns.earned('max'), 0, 'taken out (paused, out of view): nothing earned');
});

test('an element going from max to a speed keeps at most two frames of the new speed of what it had earned', () => {
  const turns = new Turns();
  turns.set('a', 0);
  turns.frame('a', 16);
  turns.done('a', 1, 1);
  for (let f = 0; f < 3; f++) turns.frame('a', 16);
  assert.equal(turns.earned('a'), SAVED_FRAMES * 16, 'at max, 1 ms a window: two frames of 16');
  turns.set('a', 1);
  assert.equal(turns.earned('a'), SAVED_FRAMES * 1);
  turns.set('a', 0);
  assert.equal(turns.earned('a'), SAVED_FRAMES * 1, 'back to max: what it had (the next frame earns more)');
});

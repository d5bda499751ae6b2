// The training worker's schedule (www/turns.js): elements playing take turns, each trains at
// its speed per frame of wall time (not more, however fast the worker), a slow network's turn
// is cut to the slice, and an element not in the schedule (paused, hidden) gets no turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_MS, SLICE_MS, Turns } from '../../www/turns.js';

/** Runs the schedule for `ms` of simulated time; each step of element id costs cost[id] ms. */
function simulate(turns, cost, ms) {
  const trained = {};
  const order = [];
  let now = 0;
  while (now < ms) {
    const next = turns.next(now);
    if (!next) break;
    if (next.wait !== undefined) {
      assert.ok(next.wait > 0);
      now += next.wait;
      continue;
    }
    const spent = next.steps * cost[next.id];
    now += spent;
    turns.done(next.id, next.steps, spent);
    trained[next.id] = (trained[next.id] ?? 0) + next.steps;
    order.push(next.id);
  }
  return { trained, order };
}

test('a fast network trains its speed per frame, no more', () => {
  const turns = new Turns();
  turns.set('a', 5, 0);
  const { trained } = simulate(turns, { a: 0.01 }, 60 * FRAME_MS);
  assert.ok(Math.abs(trained.a - 300) <= 6, `${trained.a} windows in 60 frames at speed 5`);
});

test('elements playing take turns and share the worker fairly', () => {
  const turns = new Turns();
  for (const id of ['a', 'b', 'c']) turns.set(id, 1000, 0);
  // Each step 1 ms: the worker cannot keep up with 3 × 1000 windows per frame.
  const { trained, order } = simulate(turns, { a: 1, b: 1, c: 1 }, 1000);
  const counts = Object.values(trained);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= SLICE_MS, `shares ${JSON.stringify(trained)}`);
  assert.deepEqual(order.slice(0, 6), ['a', 'b', 'c', 'a', 'b', 'c']);
});

test('a turn of a slow network is cut to the slice; an element taken out gets no turn', () => {
  const turns = new Turns();
  turns.set('big', 50, 0);
  turns.set('small', 1, 0);
  const first = simulate(turns, { big: 2, small: 0.1 }, 500);
  assert.ok(first.trained.small >= 25, `the small one kept its speed: ${first.trained.small}`);
  // After the first turn (1 step, to measure), big's turns train at most SLICE_MS / 2 ms = 4 steps.
  turns.delete('small');
  assert.equal(turns.has('small'), false);
  const next = turns.next(1000);
  assert.equal(next.id, 'big');
  assert.ok(next.steps <= SLICE_MS / 2, `${next.steps} steps in an ${SLICE_MS} ms slice`);
  turns.delete('big');
  assert.equal(turns.next(2000), null, 'nobody plays: nothing to do');
});

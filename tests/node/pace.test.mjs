// The page's drawing pace (www/pace.js): every element draws every frame while the page keeps
// up; a missed frame after drawing spaces the drawing out (down to every MAX_EVERY frames), and
// steady frames bring it back; the elements of one frame share BUDGET_MS of drawing, and one
// left out draws at the latest after twice its turn; it keeps the display's frame interval (the
// training worker times its turns by it: frame-clock.js); elements training on the main thread
// share one training budget a frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGET_MS, MAX_EVERY, TRAIN_BUDGET_MS, Pace } from '../../www/pace.js';

const FRAME = 1000 / 60;

/**
 * Runs `frames` animation frames of `elements` (each { cost }: ms of drawing) with the
 * intervals `interval(f)`; returns how many times each element drew and pace.every after each frame.
 */
function run(pace, elements, frames, interval = () => FRAME, at = { now: 0 }) {
  const drawn = elements.map(() => 0);
  const every = [];
  for (let f = 0; f < frames; f++) {
    at.now += interval(f);
    elements.forEach((el, i) => {
      if (pace.mayDraw(at.now, el.lastDrawn ?? -Infinity)) {
        el.lastDrawn = pace.drew(el.cost);
        drawn[i]++;
      }
    });
    every.push(pace.every);
  }
  return { drawn, every };
}

test('an element draws every frame while the page keeps up', () => {
  const pace = new Pace();
  const { drawn, every } = run(pace, [{ cost: 2 }], 120);
  assert.equal(drawn[0], 120);
  assert.ok(every.every((e) => e === 1));
});

test('frames missed after drawing space the drawing out, up to every MAX_EVERY frames, and steady frames bring it back', () => {
  const pace = new Pace();
  const at = { now: 0 };
  const el = { cost: 2 };
  run(pace, [el], 10, () => FRAME, at);
  // Every frame that drew is followed by a doubled interval: the page cannot keep up.
  const slow = run(pace, [el], 40, () => 2 * FRAME, at);
  assert.equal(pace.every, MAX_EVERY, 'at most every MAX_EVERY frames');
  assert.ok(slow.drawn[0] >= 40 / MAX_EVERY && slow.drawn[0] < 40, `drew ${slow.drawn[0]} of 40 frames`);
  // A long interval after a frame without drawing is not drawing's doing: an element that asks
  // every frame but has nothing new (it never calls drew()).
  const every = pace.every;
  const idle = new Pace();
  let now = 0;
  for (let f = 0; f < 20; f++) {
    now += f % 2 ? 3 * FRAME : FRAME;
    assert.equal(idle.mayDraw(now, -Infinity), true);
  }
  assert.equal(idle.every, 1, 'nothing drew: the misses do not count');
  // A gap (every element paused, hidden or out of view for a while) is not a miss either.
  const gap = new Pace();
  const back = { now: 0 };
  const one = { cost: 2 };
  run(gap, [one], 10, () => FRAME, back);
  back.now += 5000;
  run(gap, [one], 1, () => FRAME, back);
  assert.equal(gap.every, 1, 'a pause of 5 s counted as a missed frame');
  // Steady again: back to every frame.
  const steady = run(pace, [el], 60 * every + 10, () => FRAME, at);
  assert.equal(pace.every, 1);
  assert.ok(steady.every.some((e) => e > 1 && e < every), 'one step at a time');
});

test('the elements of a frame share the budget; one left out draws at the latest after twice its turn', () => {
  const pace = new Pace();
  // Each element's drawing takes more than half the budget: two fit a frame's budget check, not six.
  const elements = Array.from({ length: 6 }, () => ({ cost: BUDGET_MS * 0.6 }));
  const { drawn } = run(pace, elements, 60);
  const total = drawn.reduce((a, b) => a + b, 0);
  assert.ok(total < 6 * 60, `all drew every frame (${total})`);
  for (const [i, n] of drawn.entries()) assert.ok(n >= 60 / (2 * pace.every) - 1, `element ${i} drew ${n} times in 60 frames`);
  // Fair: no element drew more than twice as often as another.
  assert.ok(Math.max(...drawn) <= 2 * Math.min(...drawn), `draws per element: ${drawn}`);
});

test('frameAt: the timestamp of the frame the elements entered last (what the worker\'s frame message says)', () => {
  const pace = new Pace();
  assert.equal(pace.frameAt, -1, 'before any frame');
  const at = { now: 0 };
  run(pace, [{ cost: 1 }, { cost: 1 }], 3, () => FRAME, at);
  assert.equal(pace.frameAt, at.now);
});

test('interval: the display’s frame interval (the shortest recent one), through missed frames and pauses', () => {
  const pace = new Pace();
  assert.equal(pace.interval, FRAME, 'before any frame: 60 Hz');
  // A 120 Hz display, a missed frame every 10th, a pause of a second at frame 100: after each
  // frame from the second on, the interval stays within the 1 % a frame it may rise by.
  const at = { now: 0 };
  for (let f = 0; f < 200; f++) {
    run(pace, [{ cost: 1 }], 1, () => (f === 100 ? 1000 : f % 10 === 9 ? 2000 / 120 : 1000 / 120), at);
    if (f > 0) assert.ok(Math.abs(pace.interval - 1000 / 120) <= 0.02 * (1000 / 120), `frame ${f}: interval ${pace.interval}`);
  }
  // Back on a 60 Hz display (a window moved to another screen): it rises to it within 70 frames.
  run(pace, [{ cost: 1 }], 70, () => FRAME, at);
  assert.ok(Math.abs(pace.interval - FRAME) < 0.1, `interval ${pace.interval}`);
});

test('elements training on the main thread share one budget a frame, at most 0.6 of the frame interval, afresh each frame', () => {
  const pace = new Pace();
  // At 60 Hz: TRAIN_BUDGET_MS, 0.6 of the interval being 10 ms too (up to rounding).
  const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a}, not ${b}`);
  let now = 0;
  for (let f = 0; f < 5; f++) { now += FRAME; pace.trainBudget(now); }
  near(pace.trainBudget(now), TRAIN_BUDGET_MS, 'at 60 Hz, one element: all of it');
  pace.trained(7);
  near(pace.trainBudget(now), TRAIN_BUDGET_MS - 7, 'a second element in the frame: what is left');
  pace.trained(4);
  near(pace.trainBudget(now), 0, 'spent (the element still trains its one step)');
  now += FRAME;
  near(pace.trainBudget(now), TRAIN_BUDGET_MS / 2, 'the next frame: two elements trained in the last, half each');
  pace.trained(5);
  near(pace.trainBudget(now), TRAIN_BUDGET_MS / 2, 'the second of them');
  pace.trained(5);
  now += FRAME;
  pace.trainBudget(now);
  pace.trained(1);
  now += FRAME;
  near(pace.trainBudget(now), TRAIN_BUDGET_MS, 'one element in the last frame: all of it again');
  // At 120 Hz the budget is 0.6 of the 8.3 ms frame (the interval comes down to the shortest seen).
  const fast = new Pace();
  let t = 0;
  for (let f = 0; f < 5; f++) { t += 1000 / 120; fast.trainBudget(t); }
  assert.ok(Math.abs(fast.trainBudget(t) - 0.6 * (1000 / 120)) < 1e-9, `at 120 Hz: ${fast.trainBudget(t)} ms`);
});

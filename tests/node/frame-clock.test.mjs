// The training worker's frame clock (www/frame-clock.js): an idle worker begins a frame's
// windows START of an interval after the frame began; turns are cut short of the deadline
// (MARGIN_MS before the next frame), where what was trained goes to the page, once per deadline
// whatever the rounding of frame times, and on the page's grid after its first frame or a pause.
// The loop that uses it: tests/node/worker-loop.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUE_MS, FrameClock, MARGIN_MS, START } from '../../www/frame-clock.js';

const FRAME = 1000 / 60;

test('before the page’s first frame: a 60 Hz grid from the thread’s time origin, so display states still go once a frame', () => {
  const clock = new FrameClock();
  assert.equal(clock.startAt, START * FRAME);
  assert.ok(Math.abs(clock.deadline - (FRAME - MARGIN_MS)) < 1e-9);
  const now = 1000.2;
  assert.equal(clock.due(now), true, 'deadlines passed');
  clock.served(now);
  assert.ok(clock.deadline > now && clock.deadline - now <= FRAME, `next deadline ${clock.deadline - now} ms ahead`);
  clock.frame(NaN, FRAME);
  clock.frame(2000, 0);
  assert.ok(clock.deadline > now && clock.deadline - now <= FRAME, 'a frame without a time or interval is ignored');
});

test('a frame: when to begin, the deadline, slices halving towards it, due once per deadline', () => {
  const clock = new FrameClock();
  const at = 123_456.789; // a page's clock, well after its time origin
  clock.frame(at, FRAME);
  assert.equal(clock.startAt, at + START * FRAME);
  const deadline = at + FRAME - MARGIN_MS;
  assert.ok(Math.abs(clock.deadline - deadline) < 1e-9);
  const now = at + START * FRAME;
  assert.ok(Math.abs(clock.sliceMs(now) - (deadline - now) / 2) < 1e-9, 'half the time left');
  const slow = new FrameClock();
  slow.frame(at, 50);
  assert.equal(slow.sliceMs(at), (50 - MARGIN_MS) / 2, 'a 20 Hz page: half the time to the deadline (turns.js caps a turn at SLICE_MS)');
  assert.equal(clock.due(deadline - DUE_MS - 0.01), false);
  assert.equal(clock.due(deadline - DUE_MS + 0.01), true);
  assert.equal(clock.due(deadline - 3, 2), false, 'one more 2 ms window ends before it');
  assert.equal(clock.due(deadline - 3, 4), true, 'one more 4 ms window would end after it: now');
  clock.served(deadline - 0.3);
  assert.equal(clock.due(deadline - 0.2), false, 'served: not due again');
  assert.ok(Math.abs(clock.deadline - (deadline + FRAME)) < 1e-9, 'the next one, a frame later');
  // The page announces its next frame a little late (frame times jitter): the deadline served
  // must not come back as a new one.
  for (const jitter of [-0.05, -1e-9, 0, 1e-9, 0.05]) {
    const c = new FrameClock();
    c.frame(at, FRAME);
    c.served(deadline - 0.3);
    c.frame(at + FRAME + jitter, FRAME);
    assert.ok(Math.abs(c.deadline - (at + 2 * FRAME + jitter - MARGIN_MS)) < 1e-9, `jitter ${jitter}: deadline ${c.deadline - at}`);
  }
  // The deadline two frames on served before the frame in between is announced, with an
  // interval a little short (pace.js's is the shortest recent one): the announced frame's next
  // deadline is that one again, 0.1 ms later, and not new.
  const c = new FrameClock();
  c.frame(at, 16.6);
  c.served(at + 16.6 - MARGIN_MS);
  c.served(at + 2 * 16.6 - MARGIN_MS - 0.2);
  c.frame(at + 16.7, 16.6);
  assert.ok(Math.abs(c.deadline - (at + 16.7 + 2 * 16.6 - MARGIN_MS)) < 1e-9, `deadline ${c.deadline - at} ms after the first frame`);
});

test('a frame off the grid of the deadline served (the page’s first frame, a frame after a pause, a frame earlier than the interval said): its next deadline is not skipped', () => {
  // Before the page's first frame the worker served a deadline of its own 60 Hz grid (at
  // 15.2 ms); the page's frame began at 5 ms: its deadline at 20.2 ms is the next to serve.
  const first = new FrameClock();
  first.served(16);
  first.frame(5, FRAME);
  assert.ok(Math.abs(first.deadline - (5 + FRAME - MARGIN_MS)) < 1e-9, `deadline at ${first.deadline} ms`);
  // Paused for a minute: the old grid, carried on, says nothing of the new frames' phase.
  const resumed = new FrameClock();
  resumed.frame(1000, FRAME);
  resumed.served(61_000.2);
  resumed.frame(61_000.2 - 12, FRAME);
  assert.ok(Math.abs(resumed.deadline - (61_000.2 - 12 + FRAME - MARGIN_MS)) < 1e-9, `after a pause: deadline ${resumed.deadline - 61_000.2} ms from now`);
  // A frame 2 ms earlier than the last frame and interval said: its deadline is 15 ms after
  // the one served, a new one.
  const early = new FrameClock();
  early.frame(1000, FRAME);
  early.served(1000 + FRAME - MARGIN_MS - 0.3);
  early.frame(1000 + FRAME - 2, FRAME);
  assert.ok(Math.abs(early.deadline - (1000 + 2 * FRAME - 2 - MARGIN_MS)) < 1e-9, `early frame: deadline ${early.deadline - 1000}`);
});

test('a window longer than several frames: due after it, and the next deadline is ahead, not the ones it passed', () => {
  const clock = new FrameClock();
  clock.frame(1000, FRAME);
  const end = 1000 + 5.5 * FRAME;
  assert.equal(clock.due(end, 100), true);
  clock.served(end);
  assert.ok(clock.deadline > end && clock.deadline - end <= FRAME, `next deadline ${clock.deadline - end} ms ahead`);
  assert.equal(clock.due(end + 0.1), false);
});

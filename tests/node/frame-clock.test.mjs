// The training worker's frame clock (www/frame-clock.js): an idle worker begins a frame's
// windows START of an interval after the frame began; turns are cut short of the deadline
// (MARGIN_MS before the next frame), where what was trained goes to the page, once per deadline
// whatever the rounding of frame times; and, with the worker's schedule (turns.js) in a model of
// train-worker.js's loop, the page gets something new before nearly every frame at every cost of
// a window, while the worker keeps up with the speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUE_MS, FrameClock, MARGIN_MS, START } from '../../www/frame-clock.js';
import { Turns } from '../../www/turns.js';

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

/**
 * A model of train-worker.js with one element playing at `speed` for `frames` frames of a 60 Hz
 * page: the page's frame message reaches the worker `arrive()` ms after the frame began (it is
 * sent after the page rendered), with the frame's time off by up to `jitter` ms and an interval
 * up to `jitter` ms short (pace.js's, the shortest recent one); the worker takes the messages
 * between turns, begins an idle frame's windows at the clock's startAt, and runs turn(): a turn
 * of turns.next(clock.sliceMs(now)) windows, each costing costAt(t) ms, sending the display
 * state before it if it would end past the deadline, after it when the element's windows are
 * all trained or the clock is due. A display state sent at p is shown by the first frame
 * beginning after p + 0.3 ms (the message's way to the page). Returns, until the last frame
 * ends, the frames with something new shown (after the first 10), the windows trained, the
 * display states sent, each idle start's offset in its frame, and the turns taken.
 */
function simulate({ speed, frames, costAt, arrive = () => 6, jitter = 0, seed = 1 }) {
  const random = lcg(seed);
  const turns = new Turns();
  const clock = new FrameClock();
  turns.set('a', speed);
  let now = 0;
  let scheduledAt = null;
  let unsent = 0;
  let trained = 0;
  let turnCount = 0;
  const posts = [];
  const idleStarts = [];
  const post = (t) => {
    if (unsent > 0) posts.push(t);
    unsent = 0;
  };
  const serve = (t) => {
    post(t);
    clock.served(t);
  };
  const end = frames * FRAME;
  let f = 0;
  let arrival = arrive(random);
  while (now < end) {
    if (scheduledAt === null || f * FRAME + arrival <= scheduledAt) {
      if (f >= frames) break;
      now = Math.max(now, f * FRAME + arrival);
      const idle = !turns.waiting;
      turns.frame('a');
      clock.frame(Math.min(now, f * FRAME + jitter * (2 * random() - 1)), FRAME - jitter * random());
      if (idle) {
        scheduledAt = Math.max(now, clock.startAt);
        idleStarts.push(scheduledAt - f * FRAME);
      } else scheduledAt ??= now;
      f++;
      arrival = arrive(random);
      continue;
    }
    now = scheduledAt;
    if (clock.due(now)) serve(now);
    const next = turns.next(clock.sliceMs(now));
    if (!next) {
      scheduledAt = null;
      continue;
    }
    if (clock.due(now, next.ms)) serve(now);
    turnCount++;
    const t1 = now + next.steps * costAt(now);
    turns.done('a', next.steps, t1 - now);
    trained += next.steps;
    unsent += next.steps;
    if (turns.earned('a') < 1) post(t1);
    if (clock.due(t1)) serve(t1);
    now = t1;
    scheduledAt = turns.waiting ? now : null;
  }
  const shown = new Set(posts.map((p) => Math.ceil((p + 0.3) / FRAME)));
  let fresh = 0;
  for (let g = 11; g <= frames; g++) if (shown.has(g)) fresh++;
  return { fresh, counted: frames - 10, trained, posts: posts.length, idleStarts, turns: turnCount };
}

/** A seeded uniform [0, 1) generator. */
function lcg(seed) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** A window's cost switching between `fast` and 1.5 × `fast` every 100 ms to 2 s (seeded), as this machine does. */
function twoSpeeds(fast, seed = 1) {
  const random = lcg(seed);
  const switches = [];
  for (let t = 0, slow = false; t < 60_000; t += 100 + 1900 * random(), slow = !slow) switches.push([t, slow]);
  return (t) => {
    let slow = false;
    for (const [at, s] of switches) { if (at > t) break; slow = s; }
    return slow ? 1.5 * fast : fast;
  };
}

test('model: the tutorial’s network at speed 1000 (5 to 7.5 µs a window): every frame’s windows trained, begun half a frame in, something new in every frame', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    // Seeds 4 to 6: frame messages arriving 2 to 12 ms into the frame, frame times off by up to 0.1 ms.
    const rough = seed > 3 ? { arrive: (random) => 2 + 10 * random(), jitter: 0.1, seed } : {};
    const r = simulate({ speed: 1000, frames: 600, costAt: twoSpeeds(0.005, seed), ...rough });
    assert.equal(r.trained, 600 * 1000, `seed ${seed}: windows trained`);
    assert.equal(r.fresh, r.counted, `seed ${seed}: ${r.fresh} of ${r.counted} frames showed something new`);
    // Two in a frame where its windows end just after the deadline (the slower of the machine's
    // two speeds): one at the deadline, one when they are all trained; the page shows the later.
    assert.ok(r.posts <= 2 * 600, `seed ${seed}: ${r.posts} display states in 600 frames`);
    // The turns halve towards the deadline down to DUE_MS before it, not to a window each (about
    // 3.5 a frame; twice as many without DUE_MS).
    assert.ok(r.turns <= 5 * 600, `seed ${seed}: ${r.turns} turns in 600 frames`);
    // Half a frame in: after the page's rendering burst (docs/performance.md).
    assert.ok(r.idleStarts.length >= 590 && r.idleStarts.every((s) => s >= 0.45 * FRAME),
      `seed ${seed}: idle starts ${r.idleStarts.length}, earliest ${Math.min(...r.idleStarts)} ms into the frame`);
  }
});

test('model: a frame’s windows that take longer than a frame (GRU h256, T 100: 5.6 ms each) still show something new in nearly every frame, the worker never idle', () => {
  for (const seed of [1, 2, 3, 4]) {
    const rough = seed > 2 ? { arrive: (random) => 2 + 10 * random(), jitter: 0.1, seed } : {};
    const r = simulate({ speed: 1000, frames: 600, costAt: twoSpeeds(5.6, seed), ...rough });
    assert.ok(r.fresh >= 0.98 * r.counted, `seed ${seed}: ${r.fresh} of ${r.counted} frames showed something new`);
    assert.ok(r.posts <= 2 * 600, `seed ${seed}: ${r.posts} display states`);
    assert.ok(r.idleStarts.length <= 1, `seed ${seed}: idle ${r.idleStarts.length} times`);
  }
  // A window of 100 ms: each one is sent when trained.
  const slow = simulate({ speed: 1000, frames: 120, costAt: () => 100 });
  assert.equal(slow.posts, slow.trained);
});

test('model: speeds 1 to 500 at the tutorial’s cost: each frame’s windows shown by the next frame', () => {
  for (const speed of [1, 10, 100, 500]) {
    const r = simulate({ speed, frames: 300, costAt: twoSpeeds(0.005) });
    assert.equal(r.trained, 300 * speed);
    assert.equal(r.fresh, r.counted, `speed ${speed}: ${r.fresh} of ${r.counted}`);
  }
});

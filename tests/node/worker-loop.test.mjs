// The training worker's loop (www/worker-loop.js) on a simulated clock: one element playing at
// speed 1000 (and at other speeds, max among them), its windows costing what they cost on this machine at two sizes (which switches
// between two speeds 1.5x apart), the page's frame messages arriving late and their times
// jittered: the worker keeps up with the speed, begins an idle frame's windows half a frame in,
// and the page gets something new before nearly every frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerLoop } from '../../www/worker-loop.js';
import { MARGIN_MS } from '../../www/frame-clock.js';

const FRAME = 1000 / 60;

/**
 * WorkerLoop with one element playing at `speed` for `frames` frames of a 60 Hz page: the
 * page's frame message reaches the worker `arrive()` ms after the frame began (it is sent after
 * the page rendered), with the frame's time off by up to `jitter` ms and an interval up to
 * `jitter` ms short (pace.js's, the shortest recent one); the worker takes the messages between
 * turns, and its windows cost costAt(t) ms each. A display state sent at p is shown by the
 * first frame beginning after p + 0.3 ms (the message's way to the page). Returns, until the
 * last frame ends, the frames with something new shown (after the first 10), the windows
 * trained and the time they took (busyMs, of `end` ms), the display states sent, when each idle start was asked for (its offset in its
 * frame; the worker's wake-up runs it up to 1 ms earlier), and the turns taken.
 */
function simulate({ speed, frames, costAt, arrive = () => 6, jitter = 0, seed = 1 }) {
  const random = lcg(seed);
  let now = 0;
  let scheduledAt = null;
  let askedAt = NaN;
  let unsent = 0;
  let trained = 0;
  let busyMs = 0;
  let turnCount = 0;
  const posts = [];
  const idleStarts = [];
  const loop = new WorkerLoop({
    now: () => now,
    train: (id, steps) => {
      const ms = steps * costAt(now);
      now += ms;
      busyMs += ms;
      trained += steps;
      unsent += steps;
      turnCount++;
      return { trained: steps, ms, ended: false };
    },
    post: () => {
      posts.push(now);
      unsent = 0;
    },
    serve: () => {
      if (unsent > 0) posts.push(now);
      unsent = 0;
    },
    // As train-worker.js: at once where `at` is less than a millisecond away.
    wake: (at) => {
      askedAt = at;
      scheduledAt ??= at - now >= 1 ? at : now;
    },
  });
  loop.turns.set('a', speed);
  const end = frames * FRAME;
  let f = 0;
  let arrival = arrive(random);
  while (now < end) {
    if (scheduledAt === null || f * FRAME + arrival <= scheduledAt) {
      if (f >= frames) break;
      now = Math.max(now, f * FRAME + arrival);
      const idle = !loop.turns.waiting;
      loop.frame(['a'], f * FRAME + jitter * (2 * random() - 1), FRAME - jitter * random());
      if (idle) idleStarts.push(askedAt - f * FRAME);
      f++;
      arrival = arrive(random);
      continue;
    }
    now = scheduledAt;
    scheduledAt = null;
    loop.turn();
  }
  const shown = new Set(posts.map((p) => Math.ceil((p + 0.3) / FRAME)));
  let fresh = 0;
  for (let g = 11; g <= frames; g++) if (shown.has(g)) fresh++;
  return { fresh, counted: frames - 10, trained, busyMs, end, posts: posts.length, idleStarts, turns: turnCount };
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

test('the tutorial’s network at speed 1000 (5 to 7.5 µs a window): every frame’s windows trained, begun half a frame in, something new in every frame', () => {
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

test('a frame’s windows that take longer than a frame (GRU h256, T 100: 5.6 ms each) still show something new in nearly every frame, the worker never idle', () => {
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

test('speeds 1 to 500 at the tutorial’s cost: each frame’s windows shown by the next frame', () => {
  for (const speed of [1, 10, 100, 500]) {
    const r = simulate({ speed, frames: 300, costAt: twoSpeeds(0.005) });
    assert.equal(r.trained, 300 * speed);
    assert.equal(r.fresh, r.counted, `speed ${speed}: ${r.fresh} of ${r.counted}`);
  }
});

test('speed 0 (max) at the tutorial’s cost: the worker trains nearly all the time, something new in every frame', () => {
  for (const seed of [1, 2, 3, 4]) {
    const rough = seed > 2 ? { arrive: (random) => 2 + 10 * random(), jitter: 0.1, seed } : {};
    const r = simulate({ speed: 0, frames: 600, costAt: twoSpeeds(0.005, seed), ...rough });
    // The rest is the first window (its cost unknown) and the wait for the first frame message.
    assert.ok(r.busyMs >= 0.97 * r.end, `seed ${seed}: trained ${r.busyMs.toFixed(0)} ms of ${r.end.toFixed(0)}`);
    assert.ok(r.trained > 2 * 600 * 1000, `seed ${seed}: ${r.trained} windows, not twice speed 1000's`);
    assert.equal(r.fresh, r.counted, `seed ${seed}: ${r.fresh} of ${r.counted} frames showed something new`);
    assert.ok(r.posts <= 2 * 600, `seed ${seed}: ${r.posts} display states in 600 frames`);
  }
});

test('a turn after a missed deadline: what was trained goes first, and the turn is planned to the next deadline', () => {
  let now = 0;
  const calls = [];
  const loop = new WorkerLoop({
    now: () => now,
    train: (id, steps) => {
      calls.push(['train', steps]);
      now += steps * 0.01;
      return { trained: steps, ms: steps * 0.01, ended: false };
    },
    post: () => calls.push(['post']),
    serve: () => calls.push(['serve', now]),
    wake: () => {},
  });
  loop.turns.set('a', 1000);
  loop.turns.frame('a');
  loop.turns.done('a', 100, 1);
  loop.frame([], 0, FRAME);
  // Past the deadline before the frame at FRAME (the worker was held up by a long message).
  now = 20;
  loop.turn();
  assert.deepEqual(calls[0], ['serve', 20]);
  // Half the time to the next deadline, at 0.01 ms a window.
  assert.deepEqual(calls[1], ['train', Math.floor((2 * FRAME - MARGIN_MS - 20) / 2 / 0.01)]);
});

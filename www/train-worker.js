// The training worker: one module Web Worker trains every playing element of a page
// (worker-training.js starts it and talks to it). Each element's run is a Session (session.js)
// going on from the exact state the page sent; each frame the page draws, the element earns its
// speed in windows, and the elements take turns (turns.js), timed by the page's frames
// (frame-clock.js); the page gets the run's display state once a frame's windows are trained,
// at the latest just before the next frame (or, for a window longer than that, after it), and
// always when a stop rule or divergence ends the run; on `stop`, its exact state, so the page's
// copy goes on from there bit for bit.
//
// Messages from the page: init {wasm} (the URL of the page's wasm build), run {id, gen,
// settings, trackGradients, needs, exact}, frame {ids, at, interval} (an element's id for each
// frame it played; when the last of them began, in ms since the epoch: performance.timeOrigin
// plus its requestAnimationFrame timestamp; the page's frame interval, ms), stop {id, gen}, drop
// {id}, change {id, field, value, changed}, track {id, on}, needs {id, needs} (what display
// states carry: {weights, allLayers}, see worker-training.js). To the page: ready, display {id,
// gen, changed, state, steps, ms}, exact {id, gen, state}, failed {id, gen, message}.
import init, * as engine from './pkg/rnn_playground.js';
import { Session } from './session.js';
import { Turns } from './turns.js';
import { FrameClock } from './frame-clock.js';

/** id → { session, gen, changed, steps, ms, needs }: the runs this worker holds (`changed`: the page's count of settings changes taken; `needs`: what display states carry). */
const runs = new Map();
const turns = new Turns();
const clock = new FrameClock();
let loading = null;

/** Yields to the page's messages between turns without setTimeout's clamping. */
const wake = new MessageChannel();
let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  wake.port2.postMessage(null);
}
wake.port1.onmessage = () => {
  scheduled = false;
  turn();
};

/** The next turn at time `at` (this thread's clock), or at once if that is past. */
function scheduleAt(at) {
  const wait = at - performance.now();
  if (scheduled || !(wait >= 1)) {
    schedule();
    return;
  }
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    turn();
  }, wait);
}

/** Sends run `id`'s display state (with what was trained since the last one). */
function postDisplay(id, run) {
  const state = run.session.displayState(run.needs);
  self.postMessage({ type: 'display', id, gen: run.gen, changed: run.changed, state, steps: run.steps, ms: run.ms }, [state.bytes.buffer]);
  run.steps = 0;
  run.ms = 0;
}

/** Before the next frame, what every run has trained since its last display state (frame-clock.js). */
function serve(now) {
  for (const [id, run] of runs) if (run.steps > 0) postDisplay(id, run);
  clock.served(now);
}

function turn() {
  const now = performance.now();
  // A deadline passed or at hand: served first, so that the turn is planned to the next one.
  if (clock.due(now)) serve(now);
  const next = turns.next(clock.sliceMs(now));
  if (!next) return;
  const { id, steps } = next;
  // Sent now if the turn would end after the deadline.
  if (clock.due(now, next.ms)) serve(now);
  const run = runs.get(id);
  const before = run.session.stepCount;
  const t0 = performance.now();
  try {
    run.session.train(steps);
  } catch (err) {
    self.postMessage({ type: 'failed', id, gen: run.gen, message: String(err?.message ?? err) });
    drop(id);
    if (turns.waiting) schedule();
    return;
  }
  const t1 = performance.now();
  const trained = run.session.stepCount - before;
  turns.done(id, trained, t1 - t0);
  run.steps += trained;
  run.ms += t1 - t0;
  const ended = run.session.stopped !== null || trained === 0;
  if (ended) turns.delete(id);
  if (ended || turns.earned(id) < 1) postDisplay(id, run);
  // The turn took longer than expected, past the deadline or too close to it.
  if (clock.due(t1)) serve(t1);
  // Nothing waiting: the next frame message starts the next turn (at the clock's startAt).
  if (turns.waiting) schedule();
}

function drop(id) {
  runs.get(id)?.session.free();
  runs.delete(id);
  turns.delete(id);
}

async function handle(msg) {
  const { type, id } = msg;
  if (type === 'init') {
    loading = init({ module_or_path: msg.wasm });
    await loading;
    self.postMessage({ type: 'ready' });
    return;
  }
  await loading;
  if (type === 'run') {
    drop(id);
    let session;
    try {
      session = new Session(engine, msg.settings, { trackGradients: msg.trackGradients, exact: msg.exact });
    } catch (err) {
      self.postMessage({ type: 'failed', id, gen: msg.gen, message: String(err?.message ?? err) });
      return;
    }
    runs.set(id, { session, gen: msg.gen, changed: 0, steps: 0, ms: 0, needs: msg.needs });
    turns.set(id, session.settings.speed);
    // The frame that sent it.
    turns.frame(id);
    schedule();
    return;
  }
  if (type === 'frame') {
    // Nothing left to train: the frame's windows begin once the page has rendered it (frame-clock.js).
    const idle = !turns.waiting;
    for (const played of msg.ids) turns.frame(played);
    // Not later than now (the two threads' clocks may differ by rounding).
    clock.frame(Math.min(msg.at - performance.timeOrigin, performance.now()), msg.interval);
    if (idle) scheduleAt(clock.startAt);
    else schedule();
    return;
  }
  const run = runs.get(id);
  if (type === 'stop') {
    // Always answered (the page waits for it); no state where the run failed to start.
    const state = run?.session.exactState() ?? null;
    self.postMessage({ type: 'exact', id, gen: msg.gen, state, steps: run?.steps ?? 0, ms: run?.ms ?? 0 },
      state ? [state.bytes.buffer] : []);
    drop(id);
    return;
  }
  if (!run) return;
  if (type === 'drop') {
    drop(id);
  } else if (type === 'change') {
    run.session.change(msg.field, msg.value);
    run.changed = msg.changed;
    if (turns.has(id)) turns.set(id, run.session.settings.speed);
  } else if (type === 'track') {
    run.session.trackGradients = msg.on;
  } else if (type === 'needs') {
    run.needs = msg.needs;
  }
}

// Messages are handled one after another, in order (a stop after its run).
let queue = Promise.resolve();
self.onmessage = (e) => {
  queue = queue.then(() => handle(e.data)).catch((err) => {
    self.postMessage({ type: 'failed', id: e.data?.id, gen: e.data?.gen, message: String(err?.message ?? err) });
  });
};

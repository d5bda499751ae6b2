// The training worker: one module Web Worker trains every playing element of a page
// (worker-training.js starts it and talks to it). Each element's run is a Session (session.js)
// going on from the exact state the page sent; each frame the page draws, the element earns its
// speed in windows (at max, a frame interval's worth), and the elements take turns timed by the
// page's frames (worker-loop.js, over turns.js and frame-clock.js); the page gets the run's
// display state once a frame's windows are trained, at the latest just before the next frame
// (or, for a window longer than that, after it), and always when a stop rule or divergence ends
// the run; on `stop`, its exact state, so the page's copy goes on from there bit for bit. A run
// that fails (training it, or making its display state) is given back to its element, which
// trains on the main thread; the others go on here.
//
// Messages from the page: init {wasm} (the URL of the page's wasm build), run {id, gen,
// settings, trackGradients, needs, exact, steps, trace} (steps > 0: a Step of a paused run,
// trained at once and sent back as on stop; trace: a Step inside, one window with its record),
// frame {ids, at, interval} (an element's id for each frame it played; when the last of them
// began, in ms since the epoch: performance.timeOrigin plus its requestAnimationFrame
// timestamp; the page's frame interval, ms), stop {id, gen}, drop {id}, restart {id, gen,
// settings} (the page's session started a new run: Reset where no settings, else a new network
// of those settings), change {id, field, value, changed}, track {id, on}, needs {id, needs}
// (what display states carry: {weights, allLayers}, see worker-training.js). To the page:
// ready, display {id, gen, changed, state, steps, ms}, exact {id, gen, state, steps, ms, trace}
// (the windows trained since the last display state, and the time they took; a Step inside's
// record), failed {id, gen, message}.
import init, * as engine from './pkg/rnn_playground.js';
import { Session } from './session.js';
import { WorkerLoop } from './worker-loop.js';

/** id → { session, gen, changed, steps, ms, needs }: the runs this worker holds (`changed`: the page's count of settings changes taken; `needs`: what display states carry). */
const runs = new Map();
let loading = null;

/** id → why its run failed here (told again where the page restarts the run it no longer has). */
const failures = new Map();

/** Tells the page that run `id` (of generation `gen`) failed with `err`: it trains that element on the main thread. */
function tellFailed(id, gen, err) {
  const message = String(err?.message ?? err);
  self.postMessage({ type: 'failed', id, gen, message });
  failures.set(id, message);
}

/** Tells the page that run `id` failed and drops it; the other runs go on. */
function fail(id, run, err) {
  tellFailed(id, run.gen, err);
  drop(id);
}

/** Sends run `id`'s display state (with what was trained since the last one). */
function postDisplay(id, run) {
  let state;
  try {
    state = run.session.displayState(run.needs);
  } catch (err) {
    fail(id, run, err);
    return;
  }
  self.postMessage({ type: 'display', id, gen: run.gen, changed: run.changed, state, steps: run.steps, ms: run.ms }, [state.bytes.buffer]);
  run.steps = 0;
  run.ms = 0;
}

/** Trains run `id` for `steps` windows (a WorkerLoop turn), or with `trace` one with its record (session.traceStep(): `record`, null where training could not go on). */
function train(id, steps, trace = false) {
  const run = runs.get(id);
  const before = run.session.stepCount;
  const t0 = performance.now();
  let record = null;
  try {
    if (trace) record = run.session.traceStep();
    else run.session.train(steps);
  } catch (err) {
    fail(id, run, err);
    return null;
  }
  const ms = performance.now() - t0;
  const trained = run.session.stepCount - before;
  run.steps += trained;
  run.ms += ms;
  return { trained, ms, ended: run.session.stopped !== null || trained === 0, record };
}

/** Yields to the page's messages between turns without setTimeout's clamping. */
const channel = new MessageChannel();
let scheduled = false;
function turnNow() {
  scheduled = false;
  loop.turn();
}
channel.port1.onmessage = turnNow;

const loop = new WorkerLoop({
  now: () => performance.now(),
  train,
  post: (id) => postDisplay(id, runs.get(id)),
  serve: () => {
    for (const [id, run] of runs) if (run.steps > 0) postDisplay(id, run);
  },
  wake: (at) => {
    if (scheduled) return;
    scheduled = true;
    const wait = at - performance.now();
    if (wait >= 1) setTimeout(turnNow, wait);
    else channel.port2.postMessage(null);
  },
});
const { turns } = loop;

/** A StepTrace's typed arrays, its own and those of its records by parameter name (gradients, update): moved, not copied, to the page. */
function arraysOf(trace) {
  const values = Object.values(trace);
  const records = values.filter((v) => v && typeof v === 'object' && !ArrayBuffer.isView(v));
  return [...values, ...records.flatMap(Object.values)].filter((v) => ArrayBuffer.isView(v));
}

/**
 * Sends run `id`'s exact state back to the page (with the windows trained and the time since its
 * last display state, and `trace`, the record of a Step inside) and drops it.
 */
function sendBack(id, run, gen, trace = null) {
  const state = run?.session.exactState() ?? null;
  const buffers = state ? [state.bytes.buffer] : [];
  if (trace) buffers.push(...arraysOf(trace).map((a) => a.buffer));
  self.postMessage({ type: 'exact', id, gen, state, steps: run?.steps ?? 0, ms: run?.ms ?? 0, trace }, buffers);
  drop(id);
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
      tellFailed(id, msg.gen, err);
      return;
    }
    failures.delete(id);
    const run = { session, gen: msg.gen, changed: 0, steps: 0, ms: 0, needs: msg.needs };
    runs.set(id, run);
    if (msg.steps > 0) {
      // A Step (or Step inside: one window with its record) of a paused run: its windows now,
      // and the run straight back.
      const done = train(id, msg.steps, msg.trace);
      if (done) sendBack(id, run, msg.gen, done.record);
      return;
    }
    loop.add(id, session.settings.speed);
    return;
  }
  if (type === 'frame') {
    loop.frame(msg.ids, msg.at - performance.timeOrigin, msg.interval);
    return;
  }
  const run = runs.get(id);
  if (type === 'stop') {
    // Always answered (the page waits for it); no state where the run failed to start.
    sendBack(id, run, msg.gen);
    return;
  }
  if (type === 'restart' && !run) {
    // The run failed here before the page started the new one: that failure, told of the new run
    // (the page heard the first as of the old run), so that the page trains it itself.
    tellFailed(id, msg.gen, failures.get(id) ?? 'the run is not in the worker');
    return;
  }
  if (!run) return;
  if (type === 'drop') {
    drop(id);
  } else if (type === 'change') {
    run.session.change(msg.field, msg.value);
    run.changed = msg.changed;
    if (turns.has(id)) turns.set(id, run.session.settings.speed);
    // A run that had ended here (a stop rule, divergence) until the page takes it back: the
    // display state that said so was made before this change, which the page waits for (it
    // shows none made before the last change it sent): sent again, as of it; and where the
    // change lets training go on (Stop after raised past the step), the run plays again.
    else if (run.session.stopped) postDisplay(id, run);
    else loop.add(id, run.session.settings.speed);
  } else if (type === 'restart') {
    // The page's session started a new run: this one starts the same, bit for bit, and plays on.
    run.gen = msg.gen;
    run.steps = 0;
    run.ms = 0;
    try {
      if (msg.settings) run.session.rebuild(msg.settings);
      else run.session.reset();
    } catch (err) {
      fail(id, run, err);
      return;
    }
    // A new network's windows cost what they cost: its turns start over, from one window. (Where
    // the old run had ended, a stop rule or divergence, the new one plays again.)
    if (msg.settings) turns.delete(id);
    if (turns.has(id)) turns.set(id, run.session.settings.speed);
    else loop.add(id, run.session.settings.speed);
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

// Training off the main thread: one module Web Worker (train-worker.js) trains every playing
// element of the page, taking turns (turns.js), with the page's wasm build.
// Each element keeps its Session on the main thread; while it plays, its trainer there is a
// view of the run in the worker, kept in step by the display state the worker sends after its
// turns (step count, histories, last window, hidden states, gradient norms: all the charts
// and readouts read). An operation that needs the whole state (Step, Step inside, exports, the
// PyTorch script) first takes the run back: the worker stops it and sends its exact state,
// from which the page's trainer goes on bit for bit.
//
// Where a worker cannot start (a CSP whose worker-src or script-src refuses it, the package on
// another origin than the page, a browser without module workers, a sandboxed frame), the
// elements train on the main thread as before, and the console says why (console.info).
import { wasmUrl } from './engine.js';
import { pace } from './pace.js';
import { startModuleWorker } from './module-worker.js';

/** Whether elements train in the worker where one can start. */
export const WORKER_TRAINING = true;

/** The one worker of the page (see `trainingWorker`), or null before the first element. */
let shared = null;

class TrainingWorker {
  /** 'starting', 'ready' or 'failed'. */
  status = 'starting';
  /** Why training stays on the main thread, once failed. */
  reason = '';
  /** The worker (module-worker.js: post, started, fail). */
  #worker;
  /** id → RemoteRun */
  #runs = new Map();
  #nextId = 1;
  /** An element's id for each frame it played since the last `frame` message (earn()). */
  #earned = [];
  /** Windows the worker trained and the milliseconds it spent in training them, all runs (benchmarks). */
  trained = { steps: 0, ms: 0 };

  /** @param {string} wasm the URL of the page's .wasm build */
  constructor(wasm) {
    this.#worker = startModuleWorker(new URL('./train-worker.js', import.meta.url).href,
      () => new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' }),
      { init: { type: 'init', wasm }, onMessage: (msg) => this.#message(msg), onFail: (reason) => this.#ended(reason) });
  }

  /** The worker could not start, or failed (startModuleWorker's onFail: it is ended). */
  #ended(reason) {
    const started = this.status === 'ready';
    this.status = 'failed';
    this.reason = reason;
    console.info(`<rnn-playground>: training on the main thread: ${started ? 'the Web Worker failed' : 'a Web Worker could not start'} (${reason})`);
    for (const run of this.#runs.values()) run.lost(reason, started);
  }

  #message(msg) {
    if (msg.type === 'ready') {
      this.status = 'ready';
      this.#worker.started();
    } else if (msg.id === undefined) {
      // The worker's own failure, not one run's: its wasm could not be loaded (a CSP without
      // 'wasm-unsafe-eval' on train-worker.js, a failed fetch), or a frame message failed.
      if (msg.type === 'failed') this.#worker.fail(msg.message);
    } else {
      this.#runs.get(msg.id)?.receive(msg);
    }
  }

  post(msg, transfer = []) {
    this.#worker.post(msg, transfer);
  }

  /**
   * Element `id` played a frame: it earns its windows in the worker. The frames go in one
   * message, sent in a task after the page has rendered the frame, with when the last of them
   * began and the page's frame interval (both pace.js's, which every playing element's frame
   * enters first), by which the worker times its turns (frame-clock.js). An id is there once
   * per frame, twice if two frames came before the task.
   */
  earn(id) {
    if (this.#earned.length === 0) {
      setTimeout(() => {
        const ids = this.#earned;
        this.#earned = [];
        this.post({ type: 'frame', ids, at: performance.timeOrigin + pace.frameAt, interval: pace.interval });
      }, 0);
    }
    this.#earned.push(id);
  }

  add(run) {
    const id = this.#nextId++;
    this.#runs.set(id, run);
    return id;
  }

  remove(id) {
    this.#runs.delete(id);
  }

  /** How many elements' runs this worker holds now (tests, benchmarks). */
  get runs() {
    return this.#runs.size;
  }
}

/** The page's training worker (started on the first call), or null where training stays on the main thread. */
export function trainingWorker() {
  if (!WORKER_TRAINING) return null;
  shared ??= new TrainingWorker(wasmUrl());
  return shared.status === 'failed' ? null : shared;
}

/** The page's worker's status for tests and benchmarks: { status, reason }, or null before any element. */
export function trainingWorkerStatus() {
  return shared && { status: shared.status, reason: shared.reason, runs: shared.runs, trained: { ...shared.trained } };
}

/**
 * One element's run in the worker; the loop (loop.js) calls frame() on each frame it plays.
 * The page's worker starts when the first element plays.
 */
export class RemoteRun {
  /** The page's worker, once this element played; null before. */
  #pool = null;
  #id = 0;
  #session;
  #options;
  /** Messages of an earlier run are ignored. */
  #gen = 0;
  /** The worker is training the run (its exact state went there). */
  #sent = false;
  /** The latest display state not shown yet, with the windows trained and time spent since the last shown. */
  #pending = null;
  /** While the exact state is on its way back: { promise, resolve }. */
  #back = null;
  /** The worker failed: this element trains on the main thread from now on. */
  #lost = false;
  /** The run's copy did not fit in memory (#send): this run trains on the main thread; the next run may go again. */
  #kept = false;
  /** Settings changed while the exact state was on its way back: taken again once it is here. */
  #changes = [];
  /** Settings changes sent: a display state the worker made before taking the last one is not shown. */
  #changed = 0;
  /**
   * What display states carry beyond what every chart reads: the weights (a view that runs the
   * network: the input influence) and every layer's hidden states (the unrolled view's strips;
   * else the top layer's). Both are large: only while asked.
   */
  #needs = { weights: false, allLayers: false };

  /**
   * @param {import('./session.js').Session} session
   * @param {object} options
   * @param {() => boolean} options.trackGradients
   * @param {() => boolean} options.heavy whether one window here would hold the page up (two
   *   frames or more: step-cost.js)
   * @param {(shownStep: number) => void} options.onBack the exact state is back (the trainer may be
   *   steps ahead of `shownStep`, the step shown until then)
   */
  constructor(session, options) {
    this.#session = session;
    this.#options = options;
  }

  /** Whether the worker holds the run: the session's trainer is a view of it, not to train or export. */
  get remote() {
    return this.#sent || this.#back !== null;
  }

  /**
   * On a frame while playing: null where this frame should train on the main thread (the
   * worker failed, the run's copy does not fit in memory, or the worker is still starting and a
   * window here would not hold the page up: heavy()); else { shown, steps, ms, loss }: with
   * `show`, where the worker sent a display state since the last one shown (`shown`), what it
   * trained since, now shown by the session's trainer (steps may be 0: the run ended with
   * nothing trained since, a stop rule lowered past its step); else nothing shown (`shown`
   * false: the frame still earns the worker its windows).
   * @param {boolean} show whether the page's pace lets this element draw in this frame
   */
  frame(show) {
    if (!this.#join()) return null;
    // (Before the worker is ready: a Step's window may be in it.)
    if (this.#back) return NOTHING;
    // While the worker starts, the frames train here; but a run whose window would hold the page
    // up (heavy()) goes to it at once and waits for it there (the first window of LSTM h256,
    // 4 layers, T 200 held the page up half a second).
    if (this.#pool.status !== 'ready' && !this.#options.heavy()) return null;
    if (!this.#sent) {
      if (!this.#send()) return null;
      this.#sent = true;
      this.#changed = 0;
      return NOTHING;
    }
    this.#pool.earn(this.#id);
    const shown = this.#pending;
    if (!show || !shown?.state) return NOTHING;
    this.#pending = null;
    this.#session.applyDisplayState(shown.state);
    return { shown: true, steps: shown.steps, ms: shown.ms, loss: this.#session.lastLoss };
  }

  /** Whether this element's run may go to the page's worker (starting it, the first time); false where none can, or the run's copy did not fit (#kept). */
  #join() {
    if (this.#lost || this.#kept) return false;
    if (!this.#pool) {
      this.#pool = trainingWorker();
      if (!this.#pool) {
        this.#lost = true;
        return false;
      }
      this.#id = this.#pool.add(this);
    }
    return true;
  }

  /**
   * Sends the run (the session's exact state) to the worker; with `steps`, to train that many
   * windows and send it back; with `trace`, one window with its record (session.traceStep()).
   * Returns false, sending nothing, where the run's copy does not fit in memory (exactState()
   * throws): the run then trains here, with a warning, until the next run (#kept).
   */
  #send(steps = 0, trace = false) {
    let exact;
    try {
      exact = this.#session.exactState();
    } catch (err) {
      this.#kept = true;
      console.warn(`<rnn-playground>: training on the main thread: the run could not go to the training worker (${err?.message ?? err})`);
      return false;
    }
    this.#gen++;
    this.#pool.post({
      type: 'run', id: this.#id, gen: this.#gen, settings: this.#session.settings,
      trackGradients: this.#options.trackGradients(), needs: this.#needs, exact, steps, trace,
    }, [exact.bytes.buffer]);
    return true;
  }

  /**
   * Trains `steps` windows of the paused run in the worker and takes the run back: a Step whose
   * window would hold the page up (at LSTM h256, 4 layers, T 200, about 100 ms here) costs the
   * main thread only the exact state's way there and back. With `trace` (Step inside), one
   * window with its record. Null where no worker can take them, or the run's copy does not fit
   * in memory (the caller trains them here);
   * else a Promise that resolves once the session's trainer holds the run again: to { steps,
   * ms, trace } (the windows trained and the worker's time in them, onBack shows them; with
   * `trace`, the window's StepTrace, null where training could not go on), 'lost' where they
   * were not trained because the worker could not start or failed meanwhile (the caller trains
   * them here), or null where the run was dropped meanwhile (drop()). Posted while the worker
   * is still starting: it waits for its engine.
   */
  stepAway(steps, { trace = false } = {}) {
    if (this.remote) throw new Error('stepAway: the run is in the worker');
    if (!this.#join() || !this.#send(steps, trace)) return null;
    return this.#away();
  }

  /** The run is on its way back: whenExact() resolves (with what #settle gives) once it is here. */
  #away() {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    this.#back = { promise, resolve };
    return promise;
  }

  /** Stops the worker's training of the run and takes its exact state back (whenExact()). */
  stop() {
    if (!this.#sent) return;
    this.#sent = false;
    this.#pending = null;
    this.#away();
    this.#pool.post({ type: 'stop', id: this.#id, gen: this.#gen });
  }

  /** Forgets the worker's run: the session's trainer starts over here (an import; restart() where the worker does not train it). */
  drop() {
    this.#kept = false;
    if (!this.remote) return;
    this.#gen++;
    this.#pool.post({ type: 'drop', id: this.#id });
    this.#sent = false;
    this.#pending = null;
    this.#settle(null);
  }

  /**
   * The session started a new run from its settings: Reset (no `settings`), or a new network
   * (`settings`, the session's new ones). Where the worker trains the run, it starts the same
   * one there, bit for bit (the same settings and seed give the same weights), and plays on:
   * the page's trainer is not sent again (at LSTM h256, 4 layers, T 200 that copy took the next
   * frame 30 ms). Elsewhere the worker's run, if any, is forgotten (drop()).
   */
  restart(settings) {
    if (!this.#sent) {
      this.drop();
      return;
    }
    this.#gen++;
    this.#pending = null;
    this.#pool.post({ type: 'restart', id: this.#id, gen: this.#gen, settings });
  }

  /** A setting the session took (a live or page one): the worker's run takes it too. */
  change(field, value) {
    if (this.#sent) {
      this.#pool.post({ type: 'change', id: this.#id, field, value, changed: ++this.#changed });
      // A display state already here was made before the worker took it: counted, not shown
      // (it would put the old value back until the next one).
      if (this.#pending) this.#pending = { ...this.#pending, state: null };
    } else if (this.#back) {
      this.#changes.push([field, value]);
    }
  }

  /** The gradient-flow chart shown or not: the worker's run follows it. */
  track(on) {
    if (this.#sent) this.#pool.post({ type: 'track', id: this.#id, on });
  }

  /** Whether the view needs `what` ('weights', 'allLayers': see #needs) with each display state. */
  need(what, on) {
    if (this.#needs[what] === on) return;
    this.#needs = { ...this.#needs, [what]: on };
    if (this.#sent) this.#pool.post({ type: 'needs', id: this.#id, needs: this.#needs });
  }

  /** Resolves once the session's trainer holds the exact state (at once unless it is in the worker). */
  whenExact() {
    return this.#back?.promise ?? Promise.resolve();
  }

  receive(msg) {
    if (msg.gen !== this.#gen) return;
    if (msg.type === 'display') {
      this.#pool.trained.steps += msg.steps;
      this.#pool.trained.ms += msg.ms;
      if (!this.#sent) return;
      // Made before the worker took the last settings change: counted, not shown.
      const before = this.#pending;
      const state = msg.changed === this.#changed ? msg.state : before?.state;
      this.#pending = { state, steps: msg.steps + (before?.steps ?? 0), ms: msg.ms + (before?.ms ?? 0) };
    } else if (msg.type === 'exact') {
      const shownStep = this.#session.stepCount;
      if (msg.state) {
        this.#session.restoreExactState(msg.state);
        for (const [field, value] of this.#changes) this.#session.change(field, value);
      }
      this.#settle({ steps: msg.steps, ms: msg.ms, trace: msg.trace ?? null });
      this.#options.onBack(shownStep);
    } else if (msg.type === 'failed') {
      this.lost(msg.message);
    }
  }

  /**
   * The worker failed (`started`: once it had started; else it never trained the run, and the
   * page's info says why): this element trains on the main thread, from its last exact state
   * where the worker held the run.
   */
  lost(reason, started = true) {
    if (this.#lost) return;
    this.#lost = true;
    if (this.remote && started) console.warn(`<rnn-playground>: the training worker failed (${reason}); training goes on on the main thread from the page's copy of the run (as of the last pause, or of the new run's start)`);
    this.#sent = false;
    this.#pending = null;
    this.#settle('lost');
  }

  /** The run is here (or dropped, or the worker lost): whenExact() resolves to `outcome` (stepAway's). */
  #settle(outcome) {
    this.#changes = [];
    this.#back?.resolve(outcome);
    this.#back = null;
  }

  destroy() {
    this.drop();
    this.#pool?.remove(this.#id);
  }
}

const NOTHING = Object.freeze({ shown: false, steps: 0, ms: 0, loss: NaN });


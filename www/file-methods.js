// The element's file actions off the main thread: its exports, imports and PyTorch script run
// the Trainer's file methods in the engine's files build, in one module Web Worker for the page
// (files-worker.js, started at the first), on a copy of the run's exact state (an import, on a
// new Trainer: the run may go on meanwhile), so that a large
// network's (an import of LSTM h256, 4 layers: 1.6 s) never holds the page up. Where a worker
// cannot start (as for training: worker-training.js), they run on the main thread, and the
// console says why (console.info).
import { callFileMethod, errorFromData, fileMethodSource, filesWasmUrl, loadFilesBuild, readBlobs } from './files-build.js';
import { startModuleWorker } from './module-worker.js';

class FilesWorker {
  /** Resolves to whether the worker started (its files build loaded), once it is ready or failed. */
  ready;
  #ready;
  /** The worker (module-worker.js: post, started, fail). */
  #worker;
  /**
   * Whether the worker failed (to start, or later): the calls run on the main thread from then
   * on (those under way are rejected: their bytes went to the worker).
   */
  failed = false;
  /** job → { resolve, reject }: the calls under way. */
  #jobs = new Map();
  #nextJob = 1;

  constructor() {
    this.ready = new Promise((resolve) => { this.#ready = resolve; });
    this.#worker = startModuleWorker(new URL('./files-worker.js', import.meta.url).href,
      () => new Worker(new URL('./files-worker.js', import.meta.url), { type: 'module' }),
      { init: { type: 'init', wasm: filesWasmUrl().href }, onMessage: (msg) => this.#message(msg), onFail: (reason) => this.#ended(reason) });
  }

  /** The worker could not start, or failed (startModuleWorker's onFail: it is ended). */
  #ended(reason) {
    this.failed = true;
    this.#ready(false);
    console.info(`<rnn-playground>: file actions on the main thread: a Web Worker could not start or failed (${reason})`);
    for (const { reject } of this.#jobs.values()) reject(new Error(`the files worker failed (${reason})`));
    this.#jobs.clear();
  }

  #message(msg) {
    if (msg.type === 'ready') {
      this.#worker.started();
      this.#ready(true);
    } else if (msg.type === 'failed') {
      this.#worker.fail(msg.message);
    } else if (msg.type === 'done') {
      const job = this.#jobs.get(msg.job);
      this.#jobs.delete(msg.job);
      if (msg.error) job?.reject(errorFromData(msg.error));
      else job?.resolve({ result: msg.result, exact: msg.exact });
    }
  }

  /** Calls file method `method` with `args` on `from` in the worker, its state handed over: see runFileMethod. */
  call(method, from, args, blob) {
    const job = this.#nextJob++;
    return new Promise((resolve, reject) => {
      this.#jobs.set(job, { resolve, reject });
      try {
        this.#worker.post({ type: 'call', job, method, from, args, blob }, from.exact ? [from.exact.buffer] : []);
      } catch (err) {
        // Arguments that cannot be sent.
        this.#jobs.delete(job);
        reject(err);
      }
    });
  }
}

/** The page's files worker, once an element's first file action started it. */
let shared = null;

/**
 * Runs `trainer`'s file method `method` (exportWeights, exportCheckpoint, pytorchScript,
 * importWeights, importCheckpoint) with `args` on what files-build.js fileMethodSource gives: a
 * copy of its state taken now (it must hold the whole state, files-build.js readsRun), or for an
 * import a new Trainer (it may be a view of a run in the training worker); in the page's files
 * worker (started at the first call), else on this thread. A Blob in `args` (a chosen file) is
 * read where the method runs. Resolves to { result, exact } (files-build.js callFileMethod's;
 * `blob`: a string result may come as a Blob), leaving `trainer` as it was: an import's `exact`
 * is for restoreExactState(). Rejects with the method's error (its code and params kept), or where the files build or the
 * worker fails.
 */
export async function runFileMethod(trainer, method, args = [], { blob = false } = {}) {
  const from = fileMethodSource(method, trainer);
  shared ??= new FilesWorker();
  if ((await shared.ready) && !shared.failed) return shared.call(method, from, args, blob);
  // The files build's own Trainer, not engine.js's, whose file methods would copy the state into
  // it again.
  return callFileMethod(await loadFilesBuild(), from, method, await readBlobs(args));
}

// The engine's files build (pkg/files/: the Trainer's exportWeights, importWeights,
// exportCheckpoint, importCheckpoint and pytorchScript, compiled for size) and how its methods
// run: on a copy of a trainer's exact state, or (an element's import) on a new Trainer
// (fileMethodSource). engine.js loads it on the page (readyFiles());
// files-worker.js in the element's files worker (file-methods.js).

/** The file methods. */
export const FILE_METHODS = ['exportWeights', 'exportCheckpoint', 'pytorchScript', 'importWeights', 'importCheckpoint'];
/** Those that change the trainer: their copy's state comes back. */
const IMPORTS = new Set(['importWeights', 'importCheckpoint']);

/** Whether file method `method` reads the run (fileMethodSource copies it: its trainer must hold the whole state). */
export const readsRun = (method) => !IMPORTS.has(method);

/**
 * What the element runs file method `method` on for `trainer` (callFileMethod's `from`): a copy
 * of its state where the method reads the run; else (an import) a new Trainer: of the run's
 * settings for weights, which start the run over with them; of the defaults' (the smallest)
 * for a checkpoint, which replaces the run with its own. So an import neither copies the run
 * nor needs it whole: a run playing in the training worker plays on meanwhile.
 */
export function fileMethodSource(method, trainer) {
  if (readsRun(method)) return { exact: trainer.exactState() };
  return { config: method === 'importWeights' ? trainer.config() : {} };
}

/** The files build's .wasm (the literal `new URL(…, import.meta.url)` bundlers look for to ship it). */
export function filesWasmUrl() {
  return new URL('./pkg/files/rnn_playground_bg.wasm', import.meta.url);
}

let loading = null;

/**
 * The files build's module, its wasm instantiated (once per thread; a failed load is tried
 * again at the next call). Not for the files worker, which imports the module statically: a
 * bundler's worker (Vite's, by default) cannot split out a dynamic import.
 */
export function loadFilesBuild() {
  if (!loading) {
    loading = import('./pkg/files/rnn_playground.js').then(async (module) => {
      await module.default({ module_or_path: filesWasmUrl() });
      return module;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** `args` with each Blob (a chosen file, a downloaded body) read into a Uint8Array: where the method runs, so that the files worker reads a large file off the page's thread. */
export function readBlobs(args) {
  return Promise.all(args.map(async (a) => (a instanceof Blob ? new Uint8Array(await a.arrayBuffer()) : a)));
}

/** The classes of error a file method throws, by name. */
const ERRORS = { TypeError, RangeError };

/** A file method's error as a message can carry it (structured clone keeps an Error's message, not its code and params). */
export function errorData(err) {
  const { name, message = String(err), code, params } = err ?? {};
  return { name, message, code, params };
}

/** The error errorData() carried: of its class, with its code and params (for its reader's language). */
export function errorFromData({ name, message, code, params }) {
  return Object.assign(new (ERRORS[name] ?? Error)(message), { code, params });
}

/**
 * Calls file method `method` (one of FILE_METHODS) with `args` on a Trainer of `build` (a
 * module whose Trainer has the file methods: the files build's, or engine.js once readyFiles()
 * loaded it) made from `from`, freed after: { exact }, a trainer's exactState() bytes (its
 * copy), or { config }, its config() (a new Trainer of its settings: enough for an import).
 * Returns { result, exact }: what the method returned, and for an import the state it left
 * (for restoreExactState()), else null. Throws the method's error.
 */
export function callFileMethod(build, from, method, args) {
  if (!FILE_METHODS.includes(method)) throw new TypeError(`not a file method: ${method}`);
  const copy = from.exact ? build.Trainer.fromExactState(from.exact) : new build.Trainer(from.config);
  try {
    const result = copy[method](...args);
    return { result, exact: IMPORTS.has(method) ? copy.exactState() : null };
  } finally {
    copy.free();
  }
}

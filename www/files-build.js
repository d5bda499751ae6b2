// The engine's files build (pkg/files/: the Trainer's exportWeights, importWeights,
// exportCheckpoint, importCheckpoint and pytorchScript, compiled for size) and how its methods
// run: on a copy of a trainer's exact state. engine.js loads it on the page (readyFiles());
// files-worker.js in the element's files worker (file-methods.js).

/** The file methods. */
export const FILE_METHODS = ['exportWeights', 'exportCheckpoint', 'pytorchScript', 'importWeights', 'importCheckpoint'];
/** Those that change the trainer: their copy's state comes back. */
const IMPORTS = new Set(['importWeights', 'importCheckpoint']);

/** The files build's .wasm (the literal `new URL(…, import.meta.url)` bundlers look for to ship it). */
export function filesWasmUrl() {
  return new URL('./pkg/files/rnn_playground_bg.wasm', import.meta.url);
}

/**
 * Calls file method `method` (one of FILE_METHODS) with `args` on a Trainer of `build` (a
 * module whose Trainer has the file methods: the files build's, or engine.js once readyFiles()
 * loaded it) made from `exact` (a trainer's exactState() bytes), freed after. Returns { result,
 * exact }: what the method returned, and for an import the state it left (for
 * restoreExactState()), else null. Throws the method's error.
 */
export function callFileMethod(build, exact, method, args) {
  if (!FILE_METHODS.includes(method)) throw new TypeError(`not a file method: ${method}`);
  const copy = build.Trainer.fromExactState(exact);
  try {
    const result = copy[method](...args);
    return { result, exact: IMPORTS.has(method) ? copy.exactState() : null };
  } finally {
    copy.free();
  }
}

// The files worker: the element's file actions (exports, imports, the PyTorch script) run here,
// in the engine's files build, on a copy of the run's exact state or, for an import, a new
// Trainer (files-build.js fileMethodSource), so that a large network's never hold the page up.
// file-methods.js starts it at an element's first file action and talks to it.
//
// Messages from the page: init {wasm} (the URL of the files build's .wasm), call {job, method,
// from, args, blob} (from: {exact} or {config}, files-build.js callFileMethod's; a Blob in args
// is read here). To the page: ready, or failed {message} where the build did not load;
// done {job, result, exact} (files-build.js callFileMethod's; a string result as a Blob where
// `blob`), or done {job, error: {name, message, code, params}}.
import init, * as build from './pkg/files/rnn_playground.js';
import { callFileMethod, errorData, readBlobs } from './files-build.js';

let loading = null;

self.onmessage = async ({ data }) => {
  if (data.type === 'init') {
    loading = init({ module_or_path: data.wasm });
    try {
      await loading;
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'failed', message: String(err?.message ?? err) });
    }
    return;
  }
  const { job, method, from, args, blob } = data;
  try {
    await loading;
    const { result, exact: after } = callFileMethod(build, from, method, await readBlobs(args));
    // A download's text as a Blob: the page gets it without a copy of the string.
    const sent = blob && typeof result === 'string' ? new Blob([result]) : result;
    const transfer = [after?.buffer, sent instanceof Uint8Array ? sent.buffer : null].filter(Boolean);
    self.postMessage({ type: 'done', job, result: sent, exact: after }, transfer);
  } catch (err) {
    self.postMessage({ type: 'done', job, error: errorData(err) });
  }
};

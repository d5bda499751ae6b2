// The engine's JavaScript API: the wasm module's exports, and ready(), which loads the wasm
// once per page (the SIMD build where the browser has wasm SIMD, else the scalar build).
// The .wasm files are found relative to this module's own URL, so the package works from
// any folder or CDN, and bundlers (Vite, Rollup, webpack) see the `new URL(…, import.meta.url)`
// literals and ship the files.
import init, {
  Trainer,
  tasks,
  defaultConfig,
  validateConfig,
  drawStrip,
  drawLoss,
  drawHidden,
  drawPreview,
  stripSeries,
} from './pkg/rnn_playground.js';

export { Trainer, tasks, defaultConfig, validateConfig, drawStrip, drawLoss, drawHidden, drawPreview, stripSeries };

// The smallest module that uses a v128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** True when this browser runs wasm SIMD (simd128). */
export function hasSimd() {
  return WebAssembly.validate(SIMD_PROBE);
}

/** Which wasm build ready() loads in this browser: 'simd' or 'scalar'. */
export function wasmBuild() {
  return hasSimd() ? 'simd' : 'scalar';
}

let loading = null;

/**
 * Loads and instantiates the wasm (fetched and compiled once per page, however often it is
 * called). Resolves to the wasm instance's exports (its `memory` among them) once every
 * function of this module can be called; rejects with the fetch or compile error, and a
 * later call tries again.
 */
export function ready() {
  if (!loading) {
    const url = hasSimd()
      ? new URL('./pkg/rnn_playground_bg.wasm', import.meta.url)
      : new URL('./pkg/rnn_playground_scalar_bg.wasm', import.meta.url);
    loading = init({ module_or_path: url });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

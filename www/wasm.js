// Loads the wasm module once per page (every demo on the page shares it): the SIMD build
// where the browser supports wasm SIMD, else the scalar build. Both share one JS glue file.
let loading = null;

// The smallest module that uses a v128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** True when this browser runs wasm SIMD (simd128). */
export function hasSimd() {
  return WebAssembly.validate(SIMD_PROBE);
}

/** Resolves to the module's exports after init(). `base` is the URL of the pkg folder. */
export function loadWasm(base = new URL('./pkg/', import.meta.url)) {
  if (!loading) {
    loading = (async () => {
      const mod = await import(new URL('rnn_playground.js', base).href);
      const file = hasSimd() ? 'rnn_playground_bg.wasm' : 'rnn_playground_scalar_bg.wasm';
      await mod.default({ module_or_path: new URL(file, base) });
      return mod;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

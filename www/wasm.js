// Loads the wasm module once per page (every demo on the page shares it).
let loading = null;

/** Resolves to the module's exports after init(). `base` is the URL of the pkg folder. */
export function loadWasm(base = new URL('./pkg/', import.meta.url)) {
  if (!loading) {
    loading = (async () => {
      const mod = await import(new URL('rnn_playground.js', base).href);
      await mod.default({ module_or_path: new URL('rnn_playground_bg.wasm', base) });
      return mod;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

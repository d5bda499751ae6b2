import { defineConfig } from 'vite';

export default defineConfig({
  // The package finds its .wasm files with new URL(…, import.meta.url); Vite's dependency
  // pre-bundling (dev server only) would move the module away from them.
  optimizeDeps: { exclude: ['rnn-playground'] },
  // Top-level await in main.js.
  build: { target: 'es2022' },
});

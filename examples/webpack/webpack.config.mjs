// webpack 5 as Docusaurus (webpack or Rspack) and other webpack-based sites bundle a module: it
// writes each module's own file:// path for import.meta.url, and ships what the literal
// `new URL('./x', import.meta.url)` and `new Worker(new URL('./x.js', import.meta.url))` name
// (the .wasm files, the workers with their imports).
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./public/assets', import.meta.url)), filename: 'main.js', publicPath: 'auto', clean: true },
  // Top-level await in main.js.
  experiments: { topLevelAwait: true },
  // The four .wasm files are larger than webpack's advice for a page's assets.
  performance: { hints: false },
};

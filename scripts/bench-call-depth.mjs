// What bounds the training worker's throughput (docs/performance.md): the time of one
// Trainer.train(n) call in a module worker as a function of how deep in JavaScript it is called
// from. The wasm, the trainer and the call are the same at every depth; only the machine stack
// at the entry into wasm moves (each extra level is one more frame of a small recursive JS
// function; four such functions, of 0 to 3 extra arguments, give frames of four sizes). In headless Chromium on the built site (dist/, or the directory given).
//   node scripts/bench-call-depth.mjs [dir=dist] [--config JSON] [--depths N]
// --config: the Trainer's config (default the largest network the page offers, LSTM h256, 4
// layers, T 200, where one call is train(1); a smaller one is timed as train(2000));
// --depths: extra depths 0 … N−1 (default 90). Prints ms per call at each depth, then the
// fastest, the median and the slowest.
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { median } from './bench-scale.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/e2e/helpers.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string', default: '{"cell":"lstm","hidden":256,"layers":4,"timeStep":200}' },
    depths: { type: 'string', default: '90' },
  },
});
const config = JSON.parse(values.config);
const depths = Number(values.depths);
const large = (config.hidden ?? 32) * (config.layers ?? 1) * (config.timeStep ?? 10) >= 100_000;
const n = large ? 1 : 2000;
const reps = large ? 2 : 5;

const server = await startServer({ root: positionals[0] ?? 'dist', port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
try {
  const page = await browser.newPage();
  await page.route(`${server.url}__depth.html`, (route) => route.fulfill({
    status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>call depth</title>',
  }));
  await page.goto(`${server.url}__depth.html`);
  const times = await page.evaluate(async ({ config, depths, n, reps }) => {
    const engine = await import('./engine.js');
    const glue = new URL('./pkg/rnn_playground.js', location.href).href;
    // The worker: the page's wasm build, one trainer warmed up (its hot functions tiered up),
    // then `reps` calls at each extra depth d, after one untimed call there.
    const source = `import init, { Trainer } from '${glue}';
      onmessage = async ({ data }) => {
        await init({ module_or_path: data.wasm });
        const trainer = new Trainer(data.config);
        for (let i = 0; i < 3; i++) trainer.train(data.n);
        const at = [
          (d) => (d === 0 ? trainer.train(data.n) : at[0](d - 1) + 0),
          (d, a) => (d === 0 ? trainer.train(data.n) : at[1](d - 1, a) + 0),
          (d, a, b) => (d === 0 ? trainer.train(data.n) : at[2](d - 1, a, b) + 0),
          (d, a, b, c) => (d === 0 ? trainer.train(data.n) : at[3](d - 1, a, b, c) + 0),
        ];
        const ms = [];
        for (let f = 0; f < at.length; f++) {
          for (let d = 0; d < data.depths; d++) {
            at[f](d, 0, 0, 0);
            const t0 = performance.now();
            for (let k = 0; k < data.reps; k++) at[f](d, 0, 0, 0);
            ms.push({ args: f, depth: d, ms: (performance.now() - t0) / data.reps });
          }
        }
        trainer.free();
        postMessage(ms);
      };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
    try {
      return await new Promise((resolve, reject) => {
        worker.onerror = (e) => reject(new Error(e.message));
        worker.onmessage = (e) => resolve(e.data);
        worker.postMessage({ wasm: engine.wasmUrl(), config, depths, n, reps });
      });
    } finally {
      worker.terminate();
    }
  }, { config, depths, n, reps });
  console.log(`Trainer(${JSON.stringify(config)}).train(${n}) in a worker, ms per call by extra JS call depth (frames of a function of 0 to 3 extra arguments):`);
  for (let f = 0; f < 4; f++) {
    console.log(`${f} args: ${times.filter((t) => t.args === f).map((t) => `${t.depth}:${t.ms.toFixed(1)}`).join(' ')}`);
  }
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const at = (t) => `${t.ms.toFixed(1)} ms (depth ${t.depth}, ${t.args} args)`;
  console.log(`fastest ${at(sorted[0])}, median ${median(times.map((t) => t.ms)).toFixed(1)} ms, slowest ${at(sorted.at(-1))}: the slowest call takes ${(sorted.at(-1).ms / sorted[0].ms).toFixed(2)}× the fastest; ${times.filter((t) => t.ms > 1.1 * sorted[0].ms).length} of ${times.length} depths over 1.1×`);
} finally {
  await browser.close();
  server.close();
}

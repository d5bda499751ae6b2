import { chromium } from 'playwright-core';
import { startServer } from '/work/main/scripts/serve.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '/work/main/tests/e2e/helpers.mjs';
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const roots = process.argv.slice(2);
const best = {};
for (let round = 0; round < 3; round++) for (const root of roots) {
  const server = await startServer({ root, port: 0 });
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url + 'favicon.svg');
  const r = await page.evaluate(async () => {
    const glue = await import('/pkg/rnn_playground.js');
    await glue.default({ module_or_path: '/pkg/rnn_playground_bg.wasm' });
    const out = {};
    for (const [cell, hidden, layers, timeStep, n] of [['rnn', 32, 1, 10, 20000], ['lstm', 32, 1, 10, 10000], ['gru', 32, 1, 10, 10000], ['lstm', 128, 2, 50, 60]]) {
      const t = new glue.Trainer({ cell, hidden, layers, timeStep });
      t.train(n / 4);
      let bestRate = 0;
      for (let i = 0; i < 3; i++) { const t0 = performance.now(); t.train(n); bestRate = Math.max(bestRate, Math.round(n * 1000 / (performance.now() - t0))); }
      out[`${cell}${hidden}`] = bestRate;
      t.free();
    }
    return out;
  });
  best[root] ??= {};
  for (const [k, v] of Object.entries(r)) best[root][k] = Math.max(best[root][k] ?? 0, v);
  await page.context().close();
  await server.close();
}
for (const root of roots) console.log(root, JSON.stringify(best[root]));
await browser.close();

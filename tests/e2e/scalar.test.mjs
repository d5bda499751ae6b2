// The wasm loader: the SIMD build where the browser has wasm SIMD, the scalar build elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, assertClean, trainLowestLoss } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens the page, records which .wasm files it fetched, trains 200 steps; returns both and the lowest loss. */
async function loadAndTrain(initScript) {
  const { page, context, problems } = await open(env, '?speed=50', { initScript });
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
  const loss = await trainLowestLoss(page, 200);
  assertClean(problems);
  await context.close();
  return { wasm, loss };
}

test('a browser with wasm SIMD loads the SIMD build', async () => {
  const { wasm, loss } = await loadAndTrain();
  assert.deepEqual(wasm, ['/pkg/rnn_playground_bg.wasm']);
  assert.ok(loss < 0.05, `lowest loss in 200 steps: ${loss}`);
});

test('a browser without wasm SIMD loads the scalar build, which trains the same way', async () => {
  // Make the page's feature test see a browser that rejects SIMD modules.
  const { wasm, loss } = await loadAndTrain(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(253) ? false : validate(bytes));
  });
  assert.deepEqual(wasm, ['/pkg/rnn_playground_scalar_bg.wasm']);
  assert.ok(loss < 0.05, `lowest loss in 200 steps: ${loss}`);
});

// The wasm loader: the relaxed-SIMD build where the browser has relaxed SIMD, the SIMD build
// where it has only wasm SIMD, the scalar build elsewhere; each one trains the page's run.
// Chromium has all three features: the lesser browsers are made by having the page's feature
// test (WebAssembly.validate on the probe modules) reject what they would lack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, assertClean, trainLowestLoss } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens the page, records which .wasm files it fetched and which build engine.js reports,
 *  trains 200 steps; returns them and the lowest loss. */
async function loadAndTrain(initScript) {
  const { page, context, problems } = await open(env, '?speed=50', { initScript });
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
  const build = await page.evaluate(async () => (await import('/engine.js')).wasmBuild());
  const loss = await trainLowestLoss(page, 200);
  assertClean(problems);
  await context.close();
  return { wasm, build, loss };
}

/** What a browser lacks, made by rejecting modules in its feature test; the build it loads. */
const BROWSERS = [
  ['a browser with relaxed SIMD loads the relaxed-SIMD build', undefined, 'relaxed-simd', 'rnn_playground_relaxed_bg.wasm'],
  [
    'a browser with wasm SIMD but not relaxed SIMD loads the SIMD build',
    // Reject modules with a relaxed SIMD opcode (0xfd then an LEB128 opcode from 0x100 up).
    () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => {
        const b = new Uint8Array(bytes);
        for (let i = 0; i + 2 < b.length; i++) if (b[i] === 253 && b[i + 1] >= 128 && b[i + 2] === 2) return false;
        return validate(bytes);
      };
    },
    'simd',
    'rnn_playground_bg.wasm',
  ],
  [
    'a browser without wasm SIMD loads the scalar build, which trains the same way',
    // Reject every SIMD module.
    () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(253) ? false : validate(bytes));
    },
    'scalar',
    'rnn_playground_scalar_bg.wasm',
  ],
];

for (const [name, initScript, expectedBuild, file] of BROWSERS) {
  test(name, async () => {
    const { wasm, build, loss } = await loadAndTrain(initScript);
    assert.deepEqual(wasm, [`/pkg/${file}`]);
    assert.equal(build, expectedBuild);
    assert.ok(loss < 0.05, `lowest loss in 200 steps: ${loss}`);
  });
}

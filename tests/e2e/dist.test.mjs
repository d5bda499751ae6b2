// The deployable site (npm run build → dist/: minified JavaScript, optimised wasm) works as www/ does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEMO, REPO, start, open, assertClean, demoData, action } from './helpers.mjs';

let env;
before(async () => { env = await start({ root: path.join(REPO, 'dist') }); });
after(async () => { await env?.close(); });

test('dist/ loads under the CSP and trains the tutorial run below 0.05 within 300 steps', async () => {
  const { page, context, problems } = await open(env, '?speed=10');
  // The lowest loss the readouts show up to step 300.
  const lowest = page.locator(DEMO).evaluate((el) => new Promise((resolve) => {
    let min = Infinity;
    new MutationObserver((_, obs) => {
      if (el.dataset.loss !== '') min = Math.min(min, Number(el.dataset.loss));
      if (Number(el.dataset.step) >= 300) { obs.disconnect(); resolve(min); }
    }).observe(el, { attributes: true, attributeFilter: ['data-step'] });
  }));
  await action(page, 'play').click();
  const min = await lowest;
  await action(page, 'play').click();
  assert.ok(min < 0.05, `lowest loss in 300 steps: ${min}`);
  assert.equal((await demoData(page)).config.cell, 'rnn');
  assertClean(problems);
  await context.close();
});

// The deployable site (npm run build → dist/: minified JavaScript, optimised wasm) works as www/ does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, start, open, assertClean, demoData, trainLowestLoss } from './helpers.mjs';

let env;
before(async () => { env = await start({ root: path.join(REPO, 'dist') }); });
after(async () => { await env?.close(); });

test('dist/ loads under the CSP and trains the tutorial run below 0.05 within 300 steps', async () => {
  const { page, context, problems } = await open(env, '?speed=10');
  const min = await trainLowestLoss(page, 300);
  assert.ok(min < 0.05, `lowest loss in 300 steps: ${min}`);
  assert.equal((await demoData(page)).config.cell, 'rnn');
  assertClean(problems);
  await context.close();
});

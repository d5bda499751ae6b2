// Export and import of weights and checkpoints: downloads are JSON, imports restore, errors show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, open, assertClean, demoData, action, field, messages, setInput, waitStep, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function download(page, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), action(page, name).click()]);
  const text = await fs.readFile(await dl.path(), 'utf8');
  return { name: dl.suggestedFilename(), text };
}

test('export weights downloads a JSON state dict; importing it restores the model', async () => {
  const { page, context, problems } = await open(env);
  const first = await download(page, 'export-weights');
  assert.match(first.name, /\.weights\.json$/);
  assert.ok(first.text.includes('rnn.weight_ih_l0'), 'no rnn.weight_ih_l0 in the export');
  JSON.parse(first.text);
  // Another seed gives other weights; importing the file brings the first ones back.
  await setInput(page, 'seed', 2);
  await page.waitForFunction((sel) => document.querySelector(sel).config.seed === 2, DEMO);
  const other = await download(page, 'export-weights');
  assert.notEqual(other.text, first.text);
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(first.text) });
  await page.waitForFunction((sel) => /Imported weights/.test(document.querySelector(sel).shadowRoot.querySelector('[data-messages]').textContent), DEMO);
  const back = await download(page, 'export-weights');
  assert.equal(back.text, first.text);
  assertClean(problems);
  await context.close();
});

test('importing a broken weights file shows an error and keeps the model', async () => {
  const { page, context, problems } = await open(env);
  const before0 = await download(page, 'export-weights');
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"rnn.weight_ih_l0": [1, 2') });
  await page.waitForFunction((sel) => /Could not import weights/.test(document.querySelector(sel).shadowRoot.querySelector('[data-messages]').textContent), DEMO);
  assert.match(await messages(page).textContent(), /broken\.json/);
  // Wrong shapes are refused too (weights of a 16-unit model into a 32-unit one).
  await setInput(page, 'hidden', 16);
  await page.waitForFunction((sel) => document.querySelector(sel).config.hidden === 16, DEMO);
  const small = await download(page, 'export-weights');
  await setInput(page, 'hidden', 32);
  await page.waitForFunction((sel) => document.querySelector(sel).config.hidden === 32, DEMO);
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(small.text) });
  await page.waitForFunction((sel) => /Could not import weights from small\.json/.test(document.querySelector(sel).shadowRoot.querySelector('[data-messages]').textContent), DEMO);
  const after0 = await download(page, 'export-weights');
  assert.equal(after0.text, before0.text, 'a failed import changed the model');
  // The import button opens the file picker.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), action(page, 'import-weights').click()]);
  assert.equal(chooser.isMultiple(), false);
  assertClean(problems);
  await context.close();
});

test('a checkpoint round-trips the step count and configuration', async () => {
  const { page, context, problems } = await open(env, '?cell=lstm&hidden=8');
  for (let i = 1; i <= 5; i++) {
    await action(page, 'step').click();
    await waitStep(page, i);
  }
  const cp = await download(page, 'export-checkpoint');
  assert.match(cp.name, /\.checkpoint\.json$/);
  JSON.parse(cp.text);
  await action(page, 'reset').click();
  await waitStep(page, 0);
  await page.locator(`${DEMO} [data-file="checkpoint"]`).setInputFiles({ name: 'cp.json', mimeType: 'application/json', buffer: Buffer.from(cp.text) });
  await waitStep(page, 5);
  const d = await demoData(page);
  assert.equal(d.config.cell, 'lstm');
  assert.equal(d.config.hidden, 8);
  await page.locator(`${DEMO} [data-file="checkpoint"]`).setInputFiles({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
  await page.waitForFunction((sel) => /Could not import checkpoint from nope\.json/.test(document.querySelector(sel).shadowRoot.querySelector('[data-messages]').textContent), DEMO);
  assertClean(problems);
  await context.close();
});

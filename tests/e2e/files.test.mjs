// Export and import of weights and checkpoints: downloads are JSON, imports restore, errors show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, open, openHtml, assertClean, demoData, action, field, fileMessages, setInput, waitStep, waitState, loadFileMethods, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const messageText = (page) => fileMessages(page).textContent();
/** Whether the demo's weights are the engine's seed-7 weights (what the PyTorch fixtures hold). */
const hasSeedSevenWeights = (page) => page.locator(DEMO).evaluate(async (el) => {
  const { Trainer, readyFiles } = await import('/engine.js');
  await readyFiles();
  const seven = new Trainer({ seed: 7 });
  const equal = seven.exportWeights() === el.trainer.exportWeights();
  seven.free();
  return equal;
});
/** Waits until the messages of the files the demo's reader chose or exported (under its Files buttons) match `pattern`. */
const waitMessage = (page, pattern) => page.waitForFunction(([sel, source]) =>
  new RegExp(source).test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), [DEMO, pattern.source]);

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
  await waitMessage(page, /Imported weights/);
  const back = await download(page, 'export-weights');
  assert.equal(back.text, first.text);
  assertClean(problems);
  await context.close();
});

test('importing a broken weights file shows an error, said at once (an alert), and keeps the model', async () => {
  const { page, context, problems } = await open(env);
  const before0 = await download(page, 'export-weights');
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"rnn.weight_ih_l0": [1, 2') });
  await waitMessage(page, /Could not import weights/);
  assert.match(await messageText(page), /broken\.json/);
  // Said at once, the reader having just chosen the file (an alert; it had waited in a polite region).
  const role = () => page.locator(DEMO).evaluate((el) => el.shadowRoot.querySelector('[data-msg-key="file"]').getAttribute('role'));
  assert.equal(await role(), 'alert');
  // Wrong shapes are refused too (weights of a 16-unit model into a 32-unit one).
  await setInput(page, 'hidden', 16);
  await page.waitForFunction((sel) => document.querySelector(sel).config.hidden === 16, DEMO);
  const small = await download(page, 'export-weights');
  await setInput(page, 'hidden', 32);
  await page.waitForFunction((sel) => document.querySelector(sel).config.hidden === 32, DEMO);
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(small.text) });
  await waitMessage(page, /Could not import weights from small\.json/);
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
  await waitMessage(page, /Could not import checkpoint from nope\.json/);
  assertClean(problems);
  await context.close();
});

const FIXTURES = new URL('../fixtures/torch/', import.meta.url);
async function choose(page, input, name, buffer) {
  await page.locator(`${DEMO} [data-file="${input}"]`).setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

test('the page imports what PyTorch wrote: safetensors and JSON by content, and says what to do with a pickle', async () => {
  const { page, context, problems } = await open(env);
  // safetensors.torch.save_file of the tutorial's model with torch.manual_seed(7): the engine's seed-7 weights.
  await choose(page, 'weights', 'rnn.safetensors', await fs.readFile(new URL('rnn_h32_seed7.safetensors', FIXTURES)));
  await waitMessage(page, /Imported weights from rnn\.safetensors: loaded the state dict \(safetensors\)\.(×|$)/);
  const same = await hasSeedSevenWeights(page);
  assert.ok(same, 'the imported safetensors are not the seed-7 weights');
  // A file named .json that holds safetensors, and one named .safetensors that holds JSON: content decides.
  await choose(page, 'weights', 'misnamed.json', await fs.readFile(new URL('rnn_h32_seed7_module.safetensors', FIXTURES)));
  await waitMessage(page, /Imported weights from misnamed\.json/);
  assert.match(await messageText(page), /module\./, 'the stripped prefix is not mentioned');
  // torch.save's pickle: the message gives the Python that converts it, naming the file chosen.
  await choose(page, 'weights', 'rnn.pt', await fs.readFile(new URL('rnn_h32_seed7.pt', FIXTURES)));
  await waitMessage(page, /Could not import weights from rnn\.pt/);
  assert.match(await messageText(page), /save_file\(torch\.load\('rnn\.pt'\), 'rnn\.safetensors'\)/);
  // The line of Python set as code (it had been in the message's proportional font), and only it.
  const code = await fileMessages(page).evaluate((m) => [...m.querySelectorAll('code')].map((c) => ({ text: c.textContent, font: getComputedStyle(c).fontFamily })));
  assert.equal(code.length, 1, JSON.stringify(code));
  assert.match(code[0].text, /^import torch; .*save_file\(torch\.load\('rnn\.pt'\), 'rnn\.safetensors'\)$/);
  assert.match(code[0].font, /monospace/);
  assertClean(problems);
  await context.close();
});

test('the weights file picker offers every kind the import reads or explains (.json, .safetensors, .npz, .pt, .pth, .zip: a zipped JSON file is told what to unzip, and had been hidden), and the checkpoint picker JSON', async () => {
  const { page, context, problems } = await open(env);
  const accept = (input) => page.locator(`${DEMO} [data-file="${input}"]`).getAttribute('accept');
  const weights = (await accept('weights')).split(',');
  for (const ext of ['.json', '.safetensors', '.npz', '.pt', '.pth', '.zip']) assert.ok(weights.includes(ext), `the weights picker hides ${ext}: ${weights}`);
  assert.ok((await accept('checkpoint')).split(',').includes('.json'));
  assertClean(problems);
  await context.close();
});

const FILES = new URL('../fixtures/files/', import.meta.url);

test('Import tells the zip kinds apart: an .npz loads, a training checkpoint gets its line of Python, and nothing changes', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'step').click();
  await waitStep(page, 1);
  await loadFileMethods(page);
  const before = await page.locator(DEMO).evaluate((el) => el.trainer.exportCheckpoint());
  await choose(page, 'weights', 'epoch 3.pth', await fs.readFile(new URL('training_checkpoint.pth', FILES)));
  await waitMessage(page, /Could not import weights from epoch 3\.pth/);
  const text = await messageText(page);
  assert.ok(text.includes("save_file(torch.load('epoch 3.pth')['model_state_dict'], 'epoch 3.safetensors')"), text);
  const after = await page.locator(DEMO).evaluate((el) => el.trainer.exportCheckpoint());
  assert.equal(after, before, 'a refused file changed the run');
  // np.savez of the state dict's arrays: the engine reads it, bit for bit PyTorch's seed-7 weights.
  await choose(page, 'weights', 'rnn.npz', await fs.readFile(new URL('state_dict.npz', FILES)));
  await waitMessage(page, /Imported weights from rnn\.npz: loaded the state dict \(NumPy \.npz\)\./);
  const same = await hasSeedSevenWeights(page);
  assert.ok(same, 'the imported .npz is not the seed-7 weights');
  assertClean(problems);
  await context.close();
});

test('weights= names the file it fetched in the Python that converts it, in a message that is not an alert', async () => {
  const pt = await fs.readFile(new URL('torchscript.pt', FILES));
  const { page, context } = await openHtml(env, '<rnn-playground id="x" weights="scripted.pt" charts="strip"></rnn-playground>',
    { files: { 'scripted.pt': { body: pt, type: 'application/octet-stream' } } });
  await page.waitForFunction(() => /Could not load weights from scripted\.pt/.test(document.getElementById('x').shadowRoot.querySelector('[data-messages]')?.textContent ?? ''));
  const text = await page.locator('#x').evaluate((el) => el.shadowRoot.querySelector('[data-messages]').textContent);
  assert.ok(text.includes("save_file(torch.jit.load('scripted.pt').state_dict(), 'scripted.safetensors')"), text);
  // A file the page loaded by itself is not an alert: its reader did nothing.
  assert.equal(await page.locator('#x').evaluate((el) => el.shadowRoot.querySelector('[data-msg-key="file"]').getAttribute('role')), null);
  await context.close();
});

test('a state dict with wrong keys and shapes: one message lists every problem', async () => {
  const { page, context, problems } = await open(env);
  await loadFileMethods(page);
  const good = JSON.parse(await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights()));
  delete good['rnn.bias_hh_l0'];
  good['rnn.weight_hh_l0'] = [[1, 2], [3, 4]];
  good['extra.weight'] = [1];
  await choose(page, 'weights', 'bad.json', Buffer.from(JSON.stringify(good)));
  await waitMessage(page, /Could not import weights from bad\.json/);
  const text = await messageText(page);
  for (const s of ['rnn.bias_hh_l0', 'extra.weight', 'rnn.weight_hh_l0']) assert.ok(text.includes(s), `the message does not name ${s}: ${text}`);
  // Shown a problem a line, as the message's lines say them, not run together.
  const starts = await page.locator(`${DEMO} .rd-msg__text`).last().evaluate((el) => {
    // Where each line's first character is drawn, from the message's left edge (px).
    const node = el.firstChild;
    const left = el.getBoundingClientRect().left;
    const out = [];
    for (let i = node.data.indexOf('\n'); i >= 0; i = node.data.indexOf('\n', i + 1)) {
      const range = document.createRange();
      range.setStart(node, i + 1);
      range.setEnd(node, i + 2);
      out.push(Math.round(range.getBoundingClientRect().left - left));
    }
    return out;
  });
  assert.ok(starts.length >= 2, `the message has ${starts.length + 1} lines`);
  assert.ok(starts.every((x) => x <= 1), `its lines start at ${starts.join(', ')} px from its left edge`);
  assertClean(problems);
  await context.close();
});

test('exporting a diverged run shows the engine\'s error instead of a file of nulls', async () => {
  const { page, context, problems } = await open(env, '?optimizer=sgd&lr=10&speed=50');
  await action(page, 'play').click();
  await waitState(page, 'diverged', { timeout: 30_000 });
  for (const name of ['export-weights', 'export-safetensors', 'export-checkpoint']) {
    let downloaded = false;
    page.once('download', () => { downloaded = true; });
    await action(page, name).click();
    await waitMessage(page, /Could not export .*training diverged at step \d+/);
    assert.equal(downloaded, false, `${name} downloaded a file`);
  }
  // The loss history still downloads; the checkpoint's error stays, as true as before (an
  // export of another kind does not take it away); Reset, a new run, does.
  await download(page, 'export-losses');
  assert.match(await messageText(page), /^Could not export the checkpoint: training diverged/);
  await action(page, 'reset').click();
  assert.equal(await messageText(page), '', 'the error of the run before Reset stayed');
  assertClean(problems);
  await context.close();
});

test('Export .safetensors downloads a safetensors file the page imports back', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'step').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), action(page, 'export-safetensors').click()]);
  assert.match(dl.suggestedFilename(), /\.weights\.safetensors$/);
  const bytes = await fs.readFile(await dl.path());
  const headerLength = Number(bytes.readBigUInt64LE(0));
  assert.ok(JSON.parse(bytes.subarray(8, 8 + headerLength).toString())['rnn.weight_ih_l0'], 'not a safetensors file');
  const before0 = await page.locator(DEMO).evaluate(async (el) => { await el.pause(); return el.trainer.exportWeights(); });
  await choose(page, 'weights', dl.suggestedFilename(), bytes);
  await waitMessage(page, /Imported weights/);
  assert.equal(await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights()), before0);
  assertClean(problems);
  await context.close();
});

test('the page takes what train --init takes: a recorded run gives its initial_state_dict, and says so', async () => {
  const { page, context, problems } = await open(env);
  const recorded = await fs.readFile(new URL('../fixtures/rnn_h32_seed1.json', import.meta.url));
  await choose(page, 'weights', 'rnn_h32_seed1.json', recorded);
  await waitMessage(page, /Imported weights from rnn_h32_seed1\.json: loaded the recorded run's initial_state_dict \(JSON\)\./);
  const first = JSON.parse(recorded.toString()).losses[0];
  const loss = await page.locator(DEMO).evaluate((el) => el.trainer.step());
  assert.ok(Math.abs(loss - first) <= 1e-5 + 2e-3 * first, `first loss ${loss}, the recorded run's ${first}`);
  assertClean(problems);
  await context.close();
});

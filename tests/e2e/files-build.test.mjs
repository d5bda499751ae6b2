// The file methods in a build of their own (www/pkg/files/, engine.js readyFiles()): the page
// loads the engine without them and fetches that build only at its first file action; a script's
// `await ready()` loads both, and the Trainer's file methods work on it as before, synchronously,
// an import coming back into the trainer with its settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, open, openHtml, assertClean, action, waitStep, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Records the paths of the files build the page asks for (its glue and its wasm). */
function filesRequests(page) {
  const asked = [];
  page.on('request', (req) => {
    const { pathname } = new URL(req.url());
    if (pathname.startsWith('/pkg/files/')) asked.push(pathname);
  });
  return asked;
}

test('the page loads no files build until a file action; Export weights loads it once, then every file action works', async () => {
  const { page, context, problems } = await open(env);
  const asked = filesRequests(page);
  await action(page, 'step').click();
  await waitStep(page, 1);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, [], 'the files build was loaded before any file action');
  // The page's wasm is the core build: its exports (what ready() resolves to) have no file methods.
  const exported = await page.evaluate(async () => Object.keys(await (await import('/engine.js')).ready({ files: false })));
  assert.ok(exported.includes('trainer_train') && !exported.some((name) => /exportWeights|importCheckpoint|pytorchScript/.test(name)), exported.join(' '));

  const [dl] = await Promise.all([page.waitForEvent('download'), action(page, 'export-weights').click()]);
  const weights = await fs.readFile(await dl.path(), 'utf8');
  assert.deepEqual([...asked].sort(), ['/pkg/files/rnn_playground.js', '/pkg/files/rnn_playground_bg.wasm']);
  const [ck] = await Promise.all([page.waitForEvent('download'), action(page, 'export-checkpoint').click()]);
  assert.equal(JSON.parse(await fs.readFile(await ck.path(), 'utf8')).step, 1);
  assert.equal(asked.length, 2, 'the files build was loaded twice');
  // The download is the run's weights, as a Trainer of the same seed trained one window has them.
  const same = await page.evaluate(async (w) => {
    const { Trainer, readyFiles } = await import('/engine.js');
    await readyFiles();
    const one = new Trainer();
    one.train(1);
    const equal = one.exportWeights() === w;
    one.free();
    return equal;
  }, weights);
  assert.ok(same, 'the exported weights are not the run’s');
  assertClean(problems);
  await context.close();
});

test('an import as the first file action waits for the files build, and a checkpoint of another network comes back with its settings', async () => {
  const { page, context, problems } = await open(env);
  const asked = filesRequests(page);
  // A checkpoint of an LSTM with 2 layers of 12 units, trained 3 windows (made in another page).
  const { page: maker, context: c0 } = await open(env);
  const checkpoint = await maker.evaluate(async () => {
    const { Trainer, ready } = await import('/engine.js');
    await ready();
    const t = new Trainer({ cell: 'lstm', layers: 2, hidden: 12 });
    t.train(3);
    return t.exportCheckpoint();
  });
  await c0.close();
  await page.locator(`${DEMO} [data-file="checkpoint"]`).setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(checkpoint) });
  await page.waitForFunction((sel) => /Imported checkpoint/.test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), DEMO);
  assert.ok(asked.includes('/pkg/files/rnn_playground_bg.wasm'));
  const after = await page.locator(DEMO).evaluate(async (el) => {
    await el.pause();
    return { step: el.stepCount, cell: el.config.cell, layers: el.config.layers, hidden: el.config.hidden, checkpoint: el.trainer.exportCheckpoint() };
  });
  assert.deepEqual({ ...after, checkpoint: undefined }, { step: 3, cell: 'lstm', layers: 2, hidden: 12, checkpoint: undefined });
  assert.equal(after.checkpoint, checkpoint, 'the run imported is not the checkpoint’s, bit for bit');
  // It trains on from there in the page's build.
  await action(page, 'step').click();
  await waitStep(page, 4);
  assertClean(problems);
  await context.close();
});

test('Copy as PyTorch as the first file action: the dialog opens with the run’s script once the files build is loaded', async () => {
  const { page, context, problems } = await open(env);
  const asked = filesRequests(page);
  await action(page, 'step').click();
  await waitStep(page, 1);
  await action(page, 'pytorch').click();
  await page.locator(`${DEMO} [data-dialog="pytorch"][open]`).waitFor();
  assert.match(await page.locator(`${DEMO} [data-script]`).textContent(), /^STEPS = 1$/m);
  assert.equal(asked.length, 2);
  await page.keyboard.press('Escape');
  assertClean(problems);
  await context.close();
});

test('el.trainer: its file methods (and errorMessages()) throw, saying what to await, until el.pause() (or readyFiles()) loaded them', async () => {
  const { page, context, problems } = await openHtml(env, '<rnn-playground id="a" loading="eager" charts="strip" controls="play"></rnn-playground>');
  const asked = filesRequests(page);
  await page.waitForFunction(() => document.getElementById('a').state === 'ready');
  const r = await page.evaluate(async () => {
    const el = document.getElementById('a');
    const thrown = {};
    for (const name of ['exportWeights', 'exportCheckpoint', 'pytorchScript', 'importWeights', 'importCheckpoint']) {
      try {
        el.trainer[name]('{}');
        thrown[name] = 'no error';
      } catch (e) {
        thrown[name] = `${e instanceof Error} ${e.message}`;
      }
    }
    const { errorMessages } = await import('/engine.js');
    try {
      errorMessages();
      thrown.errorMessages = 'no error';
    } catch (e) {
      thrown.errorMessages = `${e instanceof Error} ${e.message}`;
    }
    await el.pause();
    return { thrown, weights: JSON.parse(el.trainer.exportWeights())['rnn.weight_ih_l0'].length, template: errorMessages()['setting.invalid'] };
  });
  for (const [name, text] of Object.entries(r.thrown)) {
    const call = name === 'errorMessages' ? 'errorMessages()' : `Trainer.${name}()`;
    assert.equal(text, `true ${call}: the file methods are not loaded yet: await readyFiles() (ready() loads them unless called with { files: false }; an element's trainer: await el.pause(), which loads them)`);
  }
  assert.equal(Object.keys(r.thrown).length, 6);
  assert.equal(r.weights, 32);
  assert.equal(r.template, '{name} must be {accepts}, got {got}');
  assert.equal(asked.length, 2);
  assertClean(problems);
  await context.close();
});

test('the script API: after ready() the file methods work synchronously on any Trainer, errors are the engine’s own, a refused file changes nothing', async () => {
  const { page, context, problems } = await openHtml(env, '');
  const r = await page.evaluate(async () => {
    const { ready, Trainer } = await import('/engine.js');
    await ready();
    const t = new Trainer({ cell: 'gru', hidden: 8 });
    t.train(5);
    const checkpoint = t.exportCheckpoint();
    const weights = t.exportWeights();
    const safetensors = t.exportWeights('safetensors');
    const script = t.pytorchScript({ steps: 5 });
    const caught = (fn) => { try { fn(); return 'no error'; } catch (e) { return `${e.constructor.name} ${e.code} ${e.message}`; } };
    const refused = {
      format: caught(() => t.exportWeights('csv')),
      data: caught(() => t.importWeights(42)),
      json: caught(() => t.importWeights('not json')),
      newer: caught(() => t.importCheckpoint(JSON.stringify({ ...JSON.parse(checkpoint), version: 2 }), 'new.json')),
    };
    const unchanged = t.exportCheckpoint() === checkpoint;
    // Weights of another trainer: a new run from them, step 0, this trainer's network.
    const other = new Trainer({ cell: 'gru', hidden: 8, seed: 3 });
    const report = t.importWeights(other.exportWeights());
    const imported = { step: t.stepCount, same: t.exportWeights() === other.exportWeights(), message: report.message, code: report.code };
    // Back to the checkpoint: bit for bit.
    t.importCheckpoint(new TextEncoder().encode(checkpoint));
    const back = { step: t.stepCount, same: t.exportCheckpoint() === checkpoint, weights: t.exportWeights() === weights };
    const copy = Trainer.fromExactState(t.exactState());
    const fromExact = copy.exportCheckpoint() === checkpoint;
    copy.free();
    t.free();
    other.free();
    return { safetensors: safetensors instanceof Uint8Array, script: /^STEPS = 5$/m.test(script), refused, unchanged, imported, back, fromExact };
  });
  assert.ok(r.safetensors && r.script);
  assert.match(r.refused.format, /^RangeError arg\.exportFormat /);
  assert.match(r.refused.data, /^TypeError \S+ importWeights\(data\): data /);
  assert.match(r.refused.json, /^Error \S+ /);
  assert.match(r.refused.newer, /^Error \S+ this checkpoint was written by a newer version of rnn-playground \(format 2\)/);
  assert.ok(r.unchanged, 'a refused file changed the trainer');
  assert.deepEqual(r.imported, { step: 0, same: true, message: 'loaded the state dict (JSON)', code: r.imported.code });
  assert.deepEqual(r.back, { step: 5, same: true, weights: true });
  assert.ok(r.fromExact);
  assertClean(problems);
  await context.close();
});

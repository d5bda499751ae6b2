// The engine API module (www/engine.js) in Chromium: freed trainers (a second free() is
// harmless, any other use an Error saying so), forgotten trainers reclaimed by the garbage
// collector (wasm-bindgen's --weak-refs), and weights files given as bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, LAUNCH_ARGS, REPO, WWW } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ root: WWW, port: 0, pageCsp: true });
  // --expose-gc: the test calls gc() to show that forgotten trainers are reclaimed.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, '--js-flags=--expose-gc'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page of the test server with engine.js loaded and ready() as `window.engine`. */
async function enginePage() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.evaluate(async () => {
    window.engine = await import('/engine.js');
    await window.engine.ready();
  });
  return { page, errors };
}

test('a freed Trainer: free() again is harmless, every other use throws an Error saying it was freed', async () => {
  const { page, errors } = await enginePage();
  const result = await page.evaluate(() => {
    const { Trainer, drawStrip, drawLoss, drawHidden } = window.engine;
    const t = new Trainer({ hidden: 4 });
    t.train(3);
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 150;
    drawStrip(canvas, t, { dark: false, pixelRatio: 1 }); // a live trainer draws
    t.free();
    t.free();
    t[Symbol.dispose]?.();
    const uses = {
      step: () => t.step(),
      train: () => t.train(1),
      stepCount: () => t.stepCount,
      lossStride: () => t.lossStride,
      config: () => t.config(),
      lastWindow: () => t.lastWindow(),
      exportWeights: () => t.exportWeights(),
      importWeights: () => t.importWeights('{}'),
      reset: () => t.reset(),
      drawStrip: () => drawStrip(canvas, t, { dark: false, pixelRatio: 1 }),
      drawLoss: () => drawLoss(canvas, t, { dark: false, pixelRatio: 1 }),
      drawHidden: () => drawHidden(canvas, t, { dark: false, pixelRatio: 1 }),
    };
    const thrown = {};
    for (const [name, use] of Object.entries(uses)) {
      try {
        use();
        thrown[name] = 'no error';
      } catch (e) {
        thrown[name] = `${e instanceof Error} ${e.message}`;
      }
    }
    return { thrown, stillInstance: t instanceof Trainer };
  });
  assert.ok(result.stillInstance);
  for (const [name, message] of Object.entries(result.thrown)) {
    assert.match(message, /^true .*this Trainer was freed \(free\(\) was called\); create a new Trainer$/, name);
    assert.doesNotMatch(message, /null pointer/, name);
  }
  assert.match(result.thrown.step, /^true Trainer\.step\(\): /);
  assert.match(result.thrown.stepCount, /^true Trainer\.stepCount: /);
  assert.match(result.thrown.drawStrip, /^true drawStrip\(\): /);
  assert.deepEqual(errors, []);
  await page.close();
});

test('trainers that are never freed are reclaimed by the garbage collector', async () => {
  const { page, errors } = await enginePage();
  // Each trainer holds about 30 MB of wasm memory; 300 of them (9 GB) fit in the 4 GB a
  // wasm module can have only if forgotten ones are freed.
  const result = await page.evaluate(async () => {
    const { Trainer } = window.engine;
    const memory = (await window.engine.ready()).memory;
    const config = { cell: 'lstm', hidden: 256, layers: 4, timeStep: 2 };
    for (let i = 0; i < 300; i++) {
      new Trainer(config).step(); // never freed
      if (i % 10 === 9) {
        globalThis.gc();
        await new Promise((r) => setTimeout(r, 20)); // finalizers run in a later task
      }
    }
    return { bytes: memory.buffer.byteLength };
  });
  assert.ok(result.bytes < 2 ** 31, `wasm memory grew to ${result.bytes} bytes`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('importWeights takes a file as bytes (safetensors or JSON) or text, and says which dict it used', async () => {
  const { page, errors } = await enginePage();
  const fixture = (name) => [...fs.readFileSync(path.join(REPO, 'tests/fixtures/torch', name))];
  const files = {
    safetensors: fixture('rnn_h32_seed7.safetensors'),
    module: fixture('rnn_h32_seed7_module.safetensors'),
    json: fixture('rnn_h32_seed7.json'),
    pickle: fixture('rnn_h32_seed7.pt'),
    record: [...fs.readFileSync(path.join(REPO, 'tests/fixtures/rnn_h32_seed1.json'))],
  };
  const result = await page.evaluate((files) => {
    const { Trainer } = window.engine;
    const bytes = (name) => new Uint8Array(files[name]);
    const said = {};
    const weights = {};
    for (const name of ['safetensors', 'module', 'json', 'record']) {
      const t = new Trainer();
      said[name] = t.importWeights(name === 'json' ? bytes(name).buffer : bytes(name)).message;
      weights[name] = t.exportWeights();
      t.free();
    }
    const t = new Trainer({ cell: 'gru' });
    let pickle, unnamed;
    try { t.importWeights(bytes('pickle'), 'rnn_h32_seed7.pt'); } catch (e) { pickle = e.message; }
    try { t.importWeights(bytes('pickle')); } catch (e) { unnamed = e.message; }
    let mismatch;
    try { t.importWeights(bytes('json')); } catch (e) { mismatch = e.message; }
    const out = new Trainer({ hidden: 4 }).exportWeights('safetensors');
    return { said, weights, pickle, unnamed, mismatch, outIsBytes: out instanceof Uint8Array, outHeader: out[8] };
  }, files);
  assert.equal(result.said.safetensors, 'loaded the state dict (safetensors)');
  assert.equal(result.said.json, 'loaded the state dict (JSON)');
  assert.equal(result.said.record, "loaded the recorded run's initial_state_dict (JSON)");
  assert.match(result.said.module, /every key had the prefix "module\.", which was removed$/);
  assert.equal(result.weights.safetensors, result.weights.json, 'the same weights from safetensors and JSON');
  assert.equal(result.weights.module, result.weights.json);
  // A torch.save file: named as it is, with the line of Python for the file given (or a stand-in name).
  assert.match(result.pickle, /PyTorch state dict saved by torch\.save/);
  assert.match(result.pickle, /save_file\(torch\.load\('rnn_h32_seed7\.pt'\), 'rnn_h32_seed7\.safetensors'\)/);
  assert.match(result.unnamed, /save_file\(torch\.load\('model\.pt'\), 'model\.safetensors'\)/);
  assert.match(result.mismatch, /^cannot load these weights into the GRU with hidden 32 and 1 layer here:\n/);
  assert.match(result.mismatch, /size mismatch for rnn\.weight_hh_l0: the file has shape \[32, 32\], the model needs \[96, 32\]/);
  assert.ok(result.outIsBytes);
  assert.equal(result.outHeader, '{'.charCodeAt(0));
  assert.deepEqual(errors, []);
  await page.close();
});

// The DOM-free session (www/session.js) in Node, with the wasm loaded here (no browser): the
// trainer's lifecycle, live and structural settings changes, the stop rules, divergence, and
// imports and exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
// The files build: the whole API, file methods included (in a browser, engine.js gives the
// page's builds these methods by running them in this build; Node loads no wasm by URL).
import * as engine from '../../www/pkg/files/rnn_playground.js';
import { Session } from '../../www/session.js';
import { FIELDS, defaults, layoutSettings, parseField, useEngine } from '../../www/settings.js';
import { SETTINGS } from '../../www/settings-schema.js';
import { Translator } from '../../www/i18n.js';
import { callFileMethod, fileMethodSource } from '../../www/files-build.js';

const wasm = fileURLToPath(new URL('../../www/pkg/files/rnn_playground_bg.wasm', import.meta.url));
engine.initSync({ module: fs.readFileSync(wasm) });

const session = (changes = {}) => new Session(engine, { ...defaults(), ...changes });

/**
 * Imports `data` (weights or a checkpoint: `method`) into session `s` as the element does
 * (file-methods.js, here on this thread): on a new Trainer (fileMethodSource), whose state the session
 * then takes; a refused file throws before the session is touched. Returns the import's report.
 */
function importInto(s, method, data, name) {
  const { result, exact } = callFileMethod(engine, fileMethodSource(method, s.trainer), method, [data, name]);
  if (method === 'importWeights') s.importedWeights(exact);
  else s.importedCheckpoint(exact);
  return result;
}

test('a session trains the tutorial’s network from its defaults', () => {
  const s = session();
  assert.equal(s.stepCount, 0);
  assert.ok(Number.isNaN(s.lastLoss));
  const loss = s.train(5);
  assert.ok(Number.isFinite(loss) && loss > 0, `loss ${loss}`);
  assert.equal(s.stepCount, 5);
  assert.equal(s.lastLoss, loss);
  assert.deepEqual(s.trainer.config(), engine.defaultConfig());
  s.free();
});

test('a live setting goes on at the same step; a structural one builds a new network', () => {
  const s = session();
  s.train(10);
  const reference = session();
  reference.train(10);
  assert.equal(s.change('weightDecay', 0.01), 'live');
  assert.equal(s.stepCount, 10, 'the run goes on');
  assert.equal(s.trainer.config().weightDecay, 0.01);
  assert.equal(s.settings.weightDecay, 0.01);
  // Window 10's loss comes before the optimizer step, so the first difference is at window 11.
  assert.equal(s.train(1), reference.train(1));
  assert.notEqual(s.train(1), reference.train(1), 'weight decay changed nothing');
  assert.equal(s.change('hidden', 16), 'rebuilt');
  assert.equal(s.stepCount, 0);
  assert.equal(s.trainer.config().hidden, 16);
  assert.equal(s.trainer.config().weightDecay, 0.01, 'the other settings are kept');
  assert.equal(s.change('speed', 100), 'page');
  assert.equal(s.settings.speed, 100);
  assert.equal(s.trainer.config().speed, undefined);
  s.free();
  reference.free();
});

test('a value the engine refuses throws its message and changes nothing', () => {
  const s = session();
  s.train(3);
  assert.throws(() => s.change('lr', 0), /lr must be greater than 0 and at most 10, got 0/);
  assert.throws(() => s.change('hidden', 0), /hidden must be an integer from 1 to 256, got 0/);
  assert.equal(s.stepCount, 3);
  assert.deepEqual(s.settings, defaults());
  s.free();
});

test('stop after: training stops at the limit, and goes on when it is raised', () => {
  const s = session({ stopAfter: 7 });
  s.train(100);
  assert.equal(s.stepCount, 7);
  assert.equal(s.stopped, 'stopAfter');
  s.train(100);
  assert.equal(s.stepCount, 7, 'no window past the limit');
  s.change('stopAfter', 9);
  assert.equal(s.stopped, null);
  s.train(100);
  assert.equal(s.stepCount, 9);
  s.free();
});

test('stop below: training stops once the loss stays below the bound for the patience', () => {
  const s = session({ stopBelow: 100, stopPatience: 3 });
  s.train(50);
  assert.equal(s.stepCount, 3, 'every loss is below 100: three windows, then stop');
  assert.equal(s.stopped, 'stopBelow');
  s.clearStop();
  s.train(50);
  assert.equal(s.stepCount, 6);
  s.free();
});

test('traceStep trains one window as train(1) does and returns its record; none past the stop-after limit', () => {
  const s = session({ stopAfter: 3 });
  const reference = session();
  reference.train(2);
  s.train(1);
  const trace = s.traceStep();
  assert.equal(trace.step, 1, 'the window index trained');
  assert.equal(s.stepCount, 2);
  assert.equal(trace.loss, reference.lastLoss, 'the same loss as train()');
  assert.equal(s.lastLoss, trace.loss);
  assert.equal(trace.h.length, 10 * 32);
  assert.equal(s.train(1), reference.train(1), 'training goes on as if step() had run');
  assert.equal(s.traceStep(), null, 'stopped after 3 windows');
  assert.equal(s.stepCount, 3);
  s.free();
  reference.free();
});

test('traceStep keeps the stop-below rule as train does: none once the loss stayed below for stopPatience windows', () => {
  const s = session({ stopBelow: 10, stopPatience: 2 });
  assert.ok(s.traceStep() && s.traceStep(), 'two windows below the threshold are traced');
  assert.equal(s.traceStep(), null, 'held after stopPatience windows below');
  assert.equal(s.stepCount, 2);
  assert.equal(s.train(5), s.lastLoss);
  assert.equal(s.stepCount, 2, 'train is held too');
  s.free();
});

test('a diverged run stops at the window whose loss was first not finite, however many windows a call asks for (so at the same step at any speed), and trains no more until a reset', () => {
  const settings = { optimizer: 'sgd', lr: 10, hidden: 64 };
  // The step it diverges at, found one window at a time.
  const one = session(settings);
  while (!one.diverged && one.stepCount < 1000) one.train(1);
  const first = one.stepCount;
  one.free();
  assert.ok(first > 1 && first < 1000, `diverges at step ${first}`);
  for (const [n, changes] of [[7, {}], [10, {}], [64, {}], [7, { stopBelow: 1e-12 }]]) {
    const s = session({ ...settings, ...changes });
    for (let i = 0; i < 1000 && !s.diverged; i++) s.train(n);
    assert.equal(s.stepCount, first, `train(${n}) ${JSON.stringify(changes)} stopped elsewhere`);
    assert.ok(!Number.isFinite(s.lastLoss));
    s.free();
  }
  const s = session(settings);
  for (let i = 0; i < 100 && !s.diverged; i++) s.train(10);
  assert.equal(s.stopped, 'diverged');
  const at = s.stepCount;
  s.train(10);
  assert.equal(s.stepCount, at, 'no training after divergence');
  s.reset();
  assert.equal(s.stopped, null);
  assert.equal(s.stepCount, 0);
  s.free();
});

test('R² is 1 − the window loss over the target\'s variance: Σ(ŷ − y)² / Σ(y − ȳ)² of the last window while training, −∞ where the loss overflowed to ∞ though every ŷ is finite, NaN where the loss is NaN', () => {
  const fromWindow = (s) => {
    const { target, prediction } = s.trainer.lastWindow();
    const mean = target.reduce((a, b) => a + b, 0) / target.length;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < target.length; i++) {
      residual += (prediction[i] - target[i]) ** 2;
      total += (target[i] - mean) ** 2;
    }
    return 1 - residual / total;
  };
  const s = session();
  for (const n of [1, 4, 50]) {
    s.train(n);
    const r2 = fromWindow(s);
    assert.ok(Math.abs(s.rSquared() - r2) <= 1e-5 * Math.max(1, Math.abs(r2)), `${s.rSquared()} against ${r2} from the window`);
  }
  s.free();
  // A ReLU RNN whose loss overflows f32 before its predictions do (1.4e37 at most).
  const relu = session({ nonlinearity: 'relu', optimizer: 'sgd', lr: 1, task: 'denoise' });
  while (!relu.diverged && relu.stepCount < 1000) relu.train(1);
  assert.equal(relu.lastLoss, Infinity);
  assert.ok(relu.trainer.lastWindow().prediction.every(Number.isFinite), 'the case: every prediction finite');
  assert.equal(relu.rSquared(), -Infinity, 'R² of a loss of ∞');
  relu.free();
  const nan = session({ optimizer: 'sgd', lr: 10 });
  while (!nan.diverged && nan.stepCount < 1000) nan.train(1);
  assert.ok(Number.isNaN(nan.lastLoss) && Number.isNaN(nan.rSquared()));
  nan.free();
});

test('a checkpoint carries the settings and resumes the same losses; a bad file changes nothing', () => {
  const s = session({ cell: 'gru', hidden: 8, weightDecay: 0.01 });
  s.train(20);
  const checkpoint = s.trainer.exportCheckpoint();
  const expected = [s.train(1), s.train(1), s.train(1)];
  const other = session();
  importInto(other, 'importCheckpoint', checkpoint);
  assert.equal(other.stepCount, 20);
  assert.deepEqual([other.settings.cell, other.settings.hidden, other.settings.weightDecay], ['gru', 8, 0.01]);
  assert.equal(other.lastLoss, s.trainer.losses()[19]);
  assert.deepEqual([other.train(1), other.train(1), other.train(1)], expected);
  assert.throws(() => importInto(other, 'importCheckpoint', '{"format": "something else"}'), /not an rnn-playground checkpoint/);
  assert.throws(() => importInto(other, 'importWeights', 'not json'), /JSON/);
  s.free();
  other.free();
});

test('files to convert are named in the engine\'s Python, and a refused file changes nothing', () => {
  const s = session();
  s.train(4);
  const before = s.trainer.exportCheckpoint();
  const fixture = (name) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
  assert.throws(() => importInto(s, 'importWeights', fixture('files/training_checkpoint.pth'), 'epoch3.pth'),
    /save_file\(torch\.load\('epoch3\.pth'\)\['model_state_dict'\], 'epoch3\.safetensors'\)/);
  const newer = JSON.parse(before);
  newer.version = 2;
  assert.throws(() => importInto(s, 'importCheckpoint', JSON.stringify(newer), 'newer.json'),
    (e) => e.message === 'this checkpoint was written by a newer version of rnn-playground (format 2); this one reads up to 1');
  assert.match(importInto(s, 'importWeights', fixture('files/state_dict.npz'), 'rnn.npz').message, /loaded the state dict \(NumPy \.npz\)/);
  s.free();
});

test('weights imported with the settings of before a live setting changed: the run keeps the new value', () => {
  // The element imports in the files worker, on a Trainer of the run's settings when the import began;
  // before, a learning rate changed meanwhile went back to the old one when the import landed.
  const s = session({ lr: 0.02 });
  const other = session({ seed: 9 });
  const weights = other.trainer.exportWeights();
  other.free();
  const { exact } = callFileMethod(engine, fileMethodSource('importWeights', s.trainer), 'importWeights', [weights]);
  s.change('lr', 0.005);
  s.change('clipNorm', 2);
  s.importedWeights(exact);
  assert.equal(s.trainer.config().lr, 0.005);
  assert.equal(s.trainer.config().clipNorm, 2);
  assert.equal(s.trainer.exportWeights(), weights, 'not the imported weights');
  assert.equal(s.stepCount, 0);
  s.free();
});

test('weights imported on a Trainer of the run’s settings (as the element does: the run may go on meanwhile) give the run an import into the trainer itself gives, bit for bit, the gradient tracking kept', () => {
  const s = new Session(engine, { ...defaults(), cell: 'gru', hidden: 8, lr: 0.01 }, { trackGradients: true });
  s.train(7);
  const weights = session({ cell: 'gru', hidden: 8, seed: 5 }).trainer.exportWeights();
  // The trainer itself, as a script's trainer.importWeights() does.
  const same = engine.Trainer.fromExactState(s.trainer.exactState());
  same.importWeights(weights);
  importInto(s, 'importWeights', weights);
  assert.equal(s.stepCount, 0);
  const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));
  for (const name of ['gradients', 'hiddenGradientNorms', 'lastStepGradientNorms', 'hiddenStates']) {
    assert.deepEqual(bits(s.trainer[name]()), bits(same[name]()), `${name} at step 0`);
  }
  s.train(4);
  same.train(4);
  assert.deepEqual(bits(s.trainer.losses()), bits(same.losses()));
  assert.equal(s.trainer.exportWeights(), same.exportWeights());
  assert.ok(s.trainer.lastStepGradientNorms().some((v) => v > 0), 'the last step’s gradient is tracked (zeros where not), as the session asks');
  same.free();
  s.free();
});

test('imported weights start a new run from them', () => {
  const s = session({ seed: 7 });
  const weights = s.trainer.exportWeights();
  const other = session();
  other.train(5);
  assert.match(importInto(other, 'importWeights', weights).message, /loaded the state dict/);
  assert.equal(other.stepCount, 0);
  assert.ok(Number.isNaN(other.lastLoss));
  assert.equal(other.train(1), s.train(1), 'the same weights give the same first loss');
  s.free();
  other.free();
});

test('the loss history as CSV, one line per step', () => {
  const s = session();
  s.train(3);
  const lines = s.lossCsv().trim().split('\n');
  assert.equal(lines[0], 'step,loss');
  assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',')[0])), [1, 2, 3]);
  assert.equal(Number(lines[3].split(',')[1]), s.trainer.losses()[2]);
  s.free();
});

test('settings the engine refuses together fall back to the defaults, the page’s own kept', () => {
  // An engine whose Trainer refuses GRUs: each field is valid, the combination is not.
  const picky = {
    Trainer: class extends engine.Trainer {
      constructor(config) {
        if (config.cell === 'gru') throw new Error('no GRU here');
        super(config);
      }
    },
  };
  const s = new Session(picky, { ...defaults(), cell: 'gru', speed: 50 });
  assert.match(s.fallback.message, /no GRU here/);
  assert.equal(s.settings.cell, 'rnn');
  assert.equal(s.settings.speed, 50);
  s.free();
});

test('trainer.hiddenStates(layer) from JavaScript: the top layer without an argument, each layer by number, null refused', () => {
  const s = session({ layers: 3, hidden: 4 });
  s.train(2);
  const t = s.trainer;
  assert.deepEqual(t.hiddenStates(), t.hiddenStates(2));
  assert.deepEqual(t.hiddenStates(undefined), t.hiddenStates(2));
  assert.equal(t.hiddenStates(0).length, 10 * 4);
  assert.notDeepEqual(t.hiddenStates(0), t.hiddenStates(1));
  assert.throws(() => t.hiddenStates(null), (e) => e instanceof TypeError && /layer must be a number, got null/.test(e.message));
  assert.throws(() => t.hiddenStates(3), (e) => e instanceof RangeError && /from 0 to 2, got 3/.test(e.message));
  s.free();
});

test('a run moved to another session (as to and from the training worker) goes on bit for bit, its stop count too', () => {
  for (const cell of ['rnn', 'lstm', 'gru']) {
    const settings = { cell, hidden: 8, layers: 2, timeStep: 12, stopBelow: 10, stopPatience: 1000 };
    const one = session(settings);
    const here = session(settings);
    one.train(30);
    here.train(30);
    // Moved away (the worker), trained there, moved back.
    const there = new Session(engine, here.settings, { exact: here.exactState() });
    assert.equal(there.stepCount, 30);
    there.change('lr', 0.005);
    one.change('lr', 0.005);
    there.train(20);
    here.restoreExactState(there.exactState());
    one.train(20);
    assert.equal(here.stepCount, 50);
    const bits = (a) => [...new Uint32Array(Float32Array.from(a).buffer)];
    assert.deepEqual(bits(here.trainer.losses()), bits(one.trainer.losses()), cell);
    assert.equal(Object.is(here.lastLoss, one.lastLoss), true);
    assert.deepEqual(bits(here.trainer.hiddenStates()), bits(one.trainer.hiddenStates()));
    assert.deepEqual(here.trainer.hyperParameterChanges(), one.trainer.hyperParameterChanges());
    // The stop-below count came along: one more window below 10 fires it in both or neither.
    assert.equal(here.stopped, one.stopped);
    assert.equal(here.train(7), one.train(7));
    for (const s of [one, here, there]) s.free();
  }
});

test('a display state shows another session’s step, loss, histories and stop rule on this one', () => {
  const worker = session({ stopAfter: 0, stopBelow: 1e9, stopPatience: 3, layers: 2 });
  const page = session({ stopAfter: 0, stopBelow: 1e9, stopPatience: 3, layers: 2 });
  worker.train(5);
  assert.equal(worker.stopped, 'stopBelow');
  page.applyDisplayState(worker.displayState());
  assert.equal(page.stepCount, worker.stepCount);
  assert.equal(page.lastLoss, worker.lastLoss);
  assert.equal(page.stopped, 'stopBelow');
  assert.deepEqual(page.trainer.losses(), worker.trainer.losses());
  assert.deepEqual(page.trainer.lastWindow(), worker.trainer.lastWindow());
  // Every layer's h, for the unrolled view's strips.
  for (const l of [0, 1]) assert.deepEqual(page.trainer.hiddenStates(l), worker.trainer.hiddenStates(l), `layer ${l}`);
  assert.equal(page.lossCsv(), worker.lossCsv());
  // Without allLayers, the top layer's h only: the lower one stays the view's own, in fewer bytes.
  const top = session({ stopAfter: 0, layers: 2 });
  const own = top.trainer.hiddenStates(0);
  const lean = worker.displayState({ allLayers: false });
  top.applyDisplayState(lean);
  assert.deepEqual(top.trainer.hiddenStates(1), worker.trainer.hiddenStates(1));
  assert.deepEqual(top.trainer.hiddenStates(0), own);
  assert.notDeepEqual(own, worker.trainer.hiddenStates(0));
  assert.ok(lean.bytes.length < worker.displayState().bytes.length);
  top.free();
  const other = session({ hidden: 16, layers: 2 });
  assert.throws(() => other.applyDisplayState(worker.displayState()), /another network/);
  for (const s of [worker, page, other]) s.free();
});

test('before the engine loads, the element lays out its view with the settings it will start with: layoutSettings reads each choice and integer as parseField does', () => {
  useEngine(engine);
  const tr = new Translator('en');
  const texts = ['lstm', ' GRU ', 'elman', 'sin-cos', 'Square', 'relu', 'sgd', '', 'x', '3', '2.0', '１', '0', '1', '4', '5', '9', '40', '200',
    '201', '1e2', '8.5', '-1', '256', '257', 'max', 'never', '1000', '1001', '4294967295', '1,000'];
  let checked = 0;
  for (const s of SETTINGS.filter((s) => s.kind === 'choice' || s.kind === 'integer')) {
    for (const text of texts) {
      const r = parseField(s.name, text, tr);
      assert.deepEqual(layoutSettings([[s.name, text]])[s.name], r.ok ? r.value : FIELDS[s.name].default, `${s.name} = ${JSON.stringify(text)}`);
      checked += r.ok ? 1 : 0;
    }
  }
  assert.ok(checked > 20, `only ${checked} accepted texts`);
  // In the order they apply (the attributes, then the URL's under sync-url): a later valid text
  // wins, a later invalid one is passed over, as the demo does.
  assert.equal(layoutSettings([['layers', '3'], ['layers', '2']]).layers, 2);
  assert.equal(layoutSettings([['layers', '3'], ['layers', '9']]).layers, 3);
});

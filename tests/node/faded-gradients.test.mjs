// Gradients that fade going back through time are zeroed before they turn subnormal
// (src/engine/real.rs FADED_F32): subnormal numbers in the backward pass's products made an
// LSTM h256, 4 layers, T 50 with the carried state train 3 to 4 times slower within 60 windows,
// natively and in wasm, which cannot flush them to zero. The engine's own build in Node (the
// files build: the same engine code as the page's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as engine from '../../www/pkg/files/rnn_playground.js';

const wasm = fileURLToPath(new URL('../../www/pkg/files/rnn_playground_bg.wasm', import.meta.url));
engine.initSync({ module: fs.readFileSync(wasm) });

/** f32's smallest normal magnitude. */
const MIN_NORMAL = 2 ** -126;
const subnormals = (a) => a.reduce((n, v) => n + (v !== 0 && Math.abs(v) < MIN_NORMAL ? 1 : 0), 0);

test('an LSTM h256, 2 layers, T 50 with the carried state: after 20 windows, the 21st has no subnormal gradient, dL/dh or update (before: some 30,000 subnormal weight gradients)', () => {
  const t = new engine.Trainer({ cell: 'lstm', hidden: 256, layers: 2, timeStep: 50 });
  t.train(20);
  const record = t.traceStep();
  const found = {};
  for (const [name, values] of [['dLdh', record.dLdh], ...Object.entries(record.gradients), ...Object.entries(record.update).map(([n, v]) => [`update ${n}`, v])]) {
    const n = subnormals(values);
    if (n > 0) found[name] = n;
  }
  t.free();
  assert.deepEqual(found, {}, 'subnormal numbers in the backward pass');
});

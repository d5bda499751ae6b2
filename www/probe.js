// Readouts of the values under the pointer on each chart, or under a cursor moved with the
// arrow keys while a chart has the focus. Pixels go back to data through the layout each chart
// function returns (plotters' own mapping); the values come from the trainer, not from pixels.

/** The data coordinates of device pixel (px, py) in `layout`, or null outside its plotting area. */
export function toData(layout, px, py) {
  if (!layout) return null;
  const fx = (px - layout.left) / layout.width;
  const fy = (layout.top + layout.height - py) / layout.height;
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return null;
  const x = layout.xMin + fx * (layout.xMax - layout.xMin);
  const y = layout.yLog
    ? 10 ** (Math.log10(layout.yMin) + fy * (Math.log10(layout.yMax) - Math.log10(layout.yMin)))
    : layout.yMin + fy * (layout.yMax - layout.yMin);
  return { x, y };
}

const fixed = (v, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** A loss or a norm in three significant digits: 0.0123, 4.56e-5, 0, NaN. */
export function short(v) {
  if (!Number.isFinite(v) || v === 0) return String(v);
  return Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3);
}

/** The index of the point of `t` nearest to `x`, or -1 for none. */
function nearest(t, x) {
  let best = -1;
  for (let i = 0; i < t.length; i++) if (best < 0 || Math.abs(t[i] - x) < Math.abs(t[best] - x)) best = i;
  return best;
}

/**
 * The readout of chart `name` at data point {x, y}, or '' where there is nothing: the values
 * at the nearest point (strip, preview), the loss entry (loss), the cell (hidden state).
 */
export function readout(name, at, trainer, engine) {
  if (!at || !trainer) return '';
  if (name === 'strip') {
    const s = engine.stripSeries(trainer);
    const best = nearest(s.t, at.x);
    if (best < 0) return '';
    return `t ${fixed(s.t[best])}  input ${fixed(s.input[best])}  target ${fixed(s.target[best])}  prediction ${fixed(s.prediction[best])}`;
  }
  if (name === 'loss') {
    const losses = trainer.losses();
    const stride = trainer.lossStride;
    const i = Math.floor(at.x / stride);
    if (i < 0 || i >= losses.length) return '';
    // The last entry may cover fewer steps than the stride.
    const last = Math.min((i + 1) * stride, trainer.stepCount);
    const steps = stride === 1 ? `step ${i + 1}` : `steps ${i * stride + 1}–${last}`;
    return `${steps}  loss ${short(losses[i])}`;
  }
  if (name === 'hidden') {
    const { hidden, timeStep } = trainer.config();
    const t = Math.floor(at.x);
    const j = Math.floor(at.y);
    if (t < 0 || t >= timeStep || j < 0 || j >= hidden) return '';
    const h = trainer.hiddenStates()[t * hidden + j];
    return `unit ${j}  time step ${t}  h ${fixed(h)}`;
  }
  if (name === 'gradients') {
    const { layers, timeStep } = trainer.config();
    const t = Math.round(at.x);
    if (t < 0 || t >= timeStep) return '';
    const norms = trainer.hiddenGradientNorms();
    const last = trainer.lastStepGradientNorms();
    const parts = [`t ${t}`];
    for (let l = 0; l < layers; l++) parts.push(`${layers > 1 ? `layer ${l + 1} ` : ''}‖dL/dh‖ ${short(norms[l * timeStep + t])}`);
    if (last.some((v) => v > 0)) parts.push(`last step's ${short(last[(layers - 1) * timeStep + t])}`);
    return parts.join('  ');
  }
  if (name === 'preview') {
    const { task, seed } = trainer.config();
    const s = engine.previewSeries(task, seed);
    const i = nearest(s.t, at.x);
    return i < 0 ? '' : `t ${fixed(s.t[i])}  input ${fixed(s.input[i])}  target ${fixed(s.target[i])}`;
  }
  return '';
}

/**
 * Wires the readouts of `canvases` into `outputs` (both keyed by chart name). `layoutOf(name)`
 * gives a chart's latest layout, `valueAt(name, at)` the text for a data point.
 */
export function bindProbes(canvases, outputs, { layoutOf, valueAt, signal }) {
  for (const [name, canvas] of Object.entries(canvases)) {
    const output = outputs[name];
    if (!output) continue;
    let cursor = null; // device pixels, for the keyboard
    const show = (px, py) => {
      output.value = valueAt(name, toData(layoutOf(name), px, py));
    };
    canvas.addEventListener('pointermove', (e) => {
      const dpr = canvas.width / Math.max(1, canvas.getBoundingClientRect().width);
      cursor = { x: e.offsetX * dpr, y: e.offsetY * dpr };
      show(cursor.x, cursor.y);
    }, { signal });
    canvas.addEventListener('pointerleave', () => { output.value = ''; }, { signal });
    canvas.addEventListener('keydown', (e) => {
      const layout = layoutOf(name);
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (!layout || !(e.key in moves)) return;
      e.preventDefault();
      e.stopPropagation(); // not the demo's → (one step)
      cursor ??= { x: layout.left + layout.width / 2, y: layout.top + layout.height / 2 };
      const [dx, dy] = moves[e.key];
      cursor.x = Math.min(layout.left + layout.width, Math.max(layout.left, cursor.x + (dx * layout.width) / 50));
      cursor.y = Math.min(layout.top + layout.height, Math.max(layout.top, cursor.y + (dy * layout.height) / 20));
      show(cursor.x, cursor.y);
    }, { signal });
    canvas.addEventListener('blur', () => { output.value = ''; cursor = null; }, { signal });
  }
}

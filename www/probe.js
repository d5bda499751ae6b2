// Readouts of the values under the pointer on each chart, or under a cursor moved with the
// arrow keys while a chart has the focus. Pixels go back to data through the layout each chart
// function returns (plotters' own mapping); the values come from the trainer, not from pixels.

/**
 * The data coordinates of device pixel (px, py) in `layout`, or null outside its plotting area;
 * in a chart of two panels (the gradient flow's, whose right one is `layout.overTraining`),
 * in the right one with `panel: 'overTraining'`. `entries` is the panel's (where the chart drew
 * its series' entries along x), for `entryAt`.
 */
export function toData(layout, px, py) {
  if (!layout) return null;
  if (layout.overTraining) {
    const right = toData(layout.overTraining, px, py);
    if (right) return { ...right, panel: 'overTraining' };
  }
  // (Plotters maps an axis onto the area's pixels but its last: xMax at left + width − 1.)
  const fx = (px - layout.left) / (layout.width - 1);
  const fy = (layout.top + layout.height - 1 - py) / (layout.height - 1);
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return null;
  const x = layout.xMin + fx * (layout.xMax - layout.xMin);
  const y = layout.yLog
    ? 10 ** (Math.log10(layout.yMin) + fy * (Math.log10(layout.yMax) - Math.log10(layout.yMin)))
    : layout.yMin + fy * (layout.yMax - layout.yMin);
  return { x, y, entries: layout.entries };
}

/** The index of the point of `t` nearest to `x`, or -1 for none. */
function nearest(t, x) {
  let best = -1;
  for (let i = 0; i < t.length; i++) if (best < 0 || Math.abs(t[i] - x) < Math.abs(t[best] - x)) best = i;
  return best;
}

/**
 * The entry of a series of `count` under data point `at` (from `toData`: on the axis): where
 * the chart drew entry i at x = first + i·spacing (`at.entries`, from its layout), the nearest
 * entry (the first one from the axis's start, the last one up to half a spacing beyond it), or
 * -1 further (or for a chart without entries).
 */
function entryAt(at, count) {
  if (!at.entries) return -1;
  const i = Math.max(0, Math.round((at.x - at.entries.first) / at.entries.spacing));
  return i < count ? i : -1;
}

/**
 * The readout of a history of one value per `stride` steps (`values`, entry i the mean over
 * steps i·stride + 1 to (i+1)·stride) at data point `at`: the entry there, "step s" or
 * "steps a–b" (message keys `${key}.step` and `${key}.steps`) with the value as `param`, or ''
 * beyond the history.
 */
function perStep(values, stride, at, stepCount, tr, key, param) {
  // (A layout drawn before the history was coarsened again names no entry of it.)
  const i = at.entries?.spacing === stride ? entryAt(at, values.length) : -1;
  if (i < 0) return '';
  // The last entry may cover fewer steps than the stride.
  const last = Math.min((i + 1) * stride, stepCount);
  const value = tr.short(values[i]);
  return stride === 1
    ? tr.t(`${key}.step`, { step: tr.count(i + 1), [param]: value })
    : tr.t(`${key}.steps`, { first: tr.count(i * stride + 1), last: tr.count(last), [param]: value });
}

/**
 * The readout of chart `name` at data point {x, y}, or '' where there is nothing: the values
 * at the nearest point (strip, preview), the loss entry (loss), the cell (hidden state), in
 * the language of the Translator `tr` (i18n.js).
 */
export function readout(name, at, trainer, engine, tr) {
  if (!at || !trainer) return '';
  const f = (v) => tr.fixed(v);
  if (name === 'strip') {
    const s = engine.stripSeries(trainer);
    const i = nearest(s.t, at.x);
    if (i < 0) return '';
    return tr.t('probe.strip', { t: f(s.t[i]), input: f(s.input[i]), target: f(s.target[i]), prediction: f(s.prediction[i]) });
  }
  if (name === 'loss') return perStep(trainer.losses(), trainer.lossStride, at, trainer.stepCount, tr, 'probe.loss', 'loss');
  if (name === 'hidden') {
    const { hidden, timeStep } = trainer.config();
    // (Unit j's row spans y from j to j + 1.)
    const t = entryAt(at, timeStep);
    const j = Math.floor(at.y);
    if (t < 0 || j < 0 || j >= hidden) return '';
    return tr.t('probe.hidden', { unit: j, t: t + 1, h: f(trainer.hiddenStates()[t * hidden + j]) });
  }
  if (name === 'gradients' && at.panel === 'overTraining') {
    return perStep(trainer.gradientNorms(), trainer.gradientNormStride, at, trainer.stepCount, tr, 'probe.gradients', 'norm');
  }
  if (name === 'gradients') {
    const { layers, timeStep } = trainer.config();
    const t = entryAt(at, timeStep);
    if (t < 0) return '';
    const norms = trainer.hiddenGradientNorms();
    const last = trainer.lastStepGradientNorms();
    const parts = [tr.t('probe.gradients.t', { t: t + 1 })];
    for (let l = 0; l < layers; l++) {
      const norm = tr.short(norms[l * timeStep + t]);
      parts.push(layers > 1 ? tr.t('probe.gradients.layerNorm', { layer: l, norm }) : tr.t('probe.gradients.norm', { norm }));
    }
    if (last.some((v) => v > 0)) parts.push(tr.t('probe.gradients.last', { norm: tr.short(last[(layers - 1) * timeStep + t]) }));
    return parts.join(tr.t('probe.separator'));
  }
  if (name === 'preview') {
    const { task, seed } = trainer.config();
    const s = engine.previewSeries(task, seed);
    const i = nearest(s.t, at.x);
    return i < 0 ? '' : tr.t('probe.preview', { t: f(s.t[i]), input: f(s.input[i]), target: f(s.target[i]) });
  }
  return '';
}

/**
 * The keyboard cursor (device pixels) moved by [dx, dy] (−1, 0 or 1): a 50th of its panel's
 * width or a 20th of its height, kept inside the plotting areas; on a chart of two panels
 * (layout.overTraining, beside the first or below it) it goes from the edge of one straight to
 * the facing edge of the other.
 */
export function moveCursor(layout, cursor, [dx, dy]) {
  const panels = [layout, layout.overTraining].filter((p) => p && p.width > 0 && p.height > 0);
  if (panels.length === 0) return cursor;
  // A panel's pixels along an axis (plotters' pixel ranges exclude their end).
  const span = (p, axis) => (axis === 'x' ? [p.left, p.left + p.width - 1] : [p.top, p.top + p.height - 1]);
  const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));
  const away = (p) => Math.hypot(clamp(cursor.x, span(p, 'x')) - cursor.x, clamp(cursor.y, span(p, 'y')) - cursor.y);
  // The panel the cursor is in, or the nearest.
  let p = panels.reduce((a, b) => (away(b) < away(a) ? b : a));
  const at = { x: clamp(cursor.x, span(p, 'x')), y: clamp(cursor.y, span(p, 'y')) };
  for (const [axis, d, parts] of [['x', dx, 50], ['y', dy, 20]]) {
    if (!d) continue;
    const [lo, hi] = span(p, axis);
    const v = at[axis] + (d * (hi - lo + 1)) / parts;
    // To a panel's edge first; from its edge on to the panel beyond it, if there is one.
    const next = (d > 0 ? v > hi && at[axis] >= hi : v < lo && at[axis] <= lo)
      && panels.find((q) => (d > 0 ? span(q, axis)[0] > hi : span(q, axis)[1] < lo));
    if (next) {
      p = next;
      const other = axis === 'x' ? 'y' : 'x';
      at[axis] = span(p, axis)[d > 0 ? 0 : 1];
      at[other] = clamp(at[other], span(p, other));
    } else {
      at[axis] = clamp(v, [lo, hi]);
    }
  }
  return at;
}

/**
 * Wires the readouts of `canvases` into `outputs` (both keyed by chart name). `layoutOf(name)`
 * gives a chart's latest layout, `valueAt(name, at)` the text for a data point, `pixelRatio()`
 * the device pixels per CSS pixel the charts were drawn at last. Returns
 * `refresh()`, to call after the charts are drawn: a readout under a pointer or tap at rest is
 * read again from the data as now drawn (a run trains under it). A keyboard cursor's is read at
 * each key only: its output is a live region, which would announce every frame.
 */
export function bindProbes(canvases, outputs, { layoutOf, valueAt, pixelRatio, signal }) {
  const refreshers = [];
  for (const [name, canvas] of Object.entries(canvases)) {
    const output = outputs[name];
    if (!output) continue;
    let cursor = null; // device pixels: the keyboard's, or the pointer's at its last readout
    // CSS pixels from the canvas's corner, where a pointer or tap rests (null: none); in device
    // pixels at each readout, at the ratio the charts are drawn at then (a zoom changes it).
    let pointer = null;
    const show = () => {
      if (pointer) {
        const dpr = pixelRatio();
        cursor = { x: pointer.x * dpr, y: pointer.y * dpr };
      }
      const text = valueAt(name, toData(layoutOf(name), cursor.x, cursor.y));
      if (output.value !== text) output.value = text;
      // Which side of the chart the readout may cover where it lies over it (a narrow element's
      // style): the half the point is not in.
      const side = cursor.y > canvas.height / 2 ? 'top' : 'bottom';
      if (output.dataset.side !== side) output.dataset.side = side;
    };
    const at = (e) => {
      pointer = { x: e.offsetX, y: e.offsetY };
      show();
    };
    const clear = () => {
      output.value = '';
      pointer = null;
    };
    // A mouse shows the readout while it hovers. A finger (or pen) shows it where it taps and
    // keeps it until a tap elsewhere; a horizontal drag scrubs (the canvas's touch-action:
    // pan-y leaves vertical swipes to the page, which scrolls, and gives the rest to us).
    canvas.addEventListener('pointermove', at, { signal });
    canvas.addEventListener('pointerdown', at, { signal });
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') clear(); }, { signal });
    document.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'mouse' && !e.composedPath().includes(canvas)) clear();
    }, { signal });
    canvas.addEventListener('keydown', (e) => {
      const layout = layoutOf(name);
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (!layout || !(e.key in moves)) return;
      e.preventDefault();
      e.stopPropagation(); // not the demo's → (one step)
      cursor ??= { x: layout.left + layout.width / 2, y: layout.top + layout.height / 2 };
      cursor = moveCursor(layout, cursor, moves[e.key]);
      pointer = null;
      show();
    }, { signal });
    canvas.addEventListener('blur', () => { clear(); cursor = null; }, { signal });
    refreshers.push(() => { if (pointer) show(); });
  }
  return () => { for (const refresh of refreshers) refresh(); };
}

// The unrolled view (chart `unrolled`): the network unrolled over the window, one column per
// time step and one row per layer, with x_t, h_{t−1} → h_t (a strip of the hidden units), ŷ_t
// and y_t, the same weights named on every column (once per layer, in its head, where the
// columns are narrow) and PyTorch's shapes on the arrows.
//
// Live, it shows the last window trained. "Step inside" trains the next window with
// trainer.traceStep() and walks through its record phase by phase (step-phases.js): the
// forward pass column by column, the loss, backpropagation from t = T−1 back to 0 (dL/dh_t as
// a bar), the cut at the window's start, clipping, the optimizer's update and the state carried
// into the next window; each phase has a text alternative (a table). Pointing at a prediction
// ŷ_t shades the inputs x_s by trainer.inputInfluence(t): how far back it looks.
// "The numbers behind a column" puts one step's values into the cell's equations.
// Built with DOM calls only (view.js h()): no HTML strings, for Trusted Types hosts.
import { h } from './view.js';
import { StepPhases } from './step-phases.js';
import { layerWeightNames, pytorchShapes, shapeText } from './pytorch-shapes.js';
import { cellValueEquations } from './equations.js';

/**
 * The phases' pace while they play, in milliseconds per phase: PHASE_MS, faster for a long
 * window so that a step plays in STEP_MS, but never under FASTEST_MS a phase (T 200's 405
 * phases: 100 ms each, 40 s, not 4.4 minutes).
 */
const PHASE_MS = 650;
const STEP_MS = 20_000;
const FASTEST_MS = 100;
/** The live view is redrawn at most this often while training (milliseconds). */
const LIVE_MS = 100;
/** The buttons of stepping inside a step (view.js). */
const STEP_BUTTONS = ['unrolled-enter', 'unrolled-back', 'unrolled-forward', 'unrolled-play', 'unrolled-leave'];
/** Columns narrower than this (CSS px) show values with one decimal: −0.00 does not fit. */
const NARROW_COLUMN_PX = 44;

const norm = (a, from, n) => {
  let s = 0;
  for (let i = from; i < from + n; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/**
 * Lays out the unrolled card of `view` for `s` (settings: cell, layers, hidden, timeStep) in the
 * language of the Translator `t`: the line of PyTorch's shapes, the live view's text and the
 * grid, its values not yet written. Returns each column's elements. Needs no trainer: the
 * element lays the card out so before the engine has loaded, at the size the live view will have.
 */
export function layOutUnrolled(view, s, t) {
  const shapes = pytorchShapes(s);
  const T = s.timeStep, L = s.layers, H = s.hidden;
  const shapesText = t.t('unrolled.shapes', {
    x: shapeText(shapes.x), hState: shapeText(shapes.hState), rOut: shapeText(shapes.rOut), out: shapeText(shapes.out),
    cell: s.cell.toUpperCase(),
  });
  const grid = h('div', { class: 'rd-u' });
  grid.style.setProperty('--cols', String(T));
  // A row's head: its name, and the shapes of what it holds (texts and tuples, each tuple kept
  // on one line where a narrow head breaks its line: "Linear (1, 32)" / "→ (1, 1)").
  const tuple = (shape) => h('span', { class: 'rd-u__tuple' }, shapeText(shape));
  const head = (key, params, ...shape) => h('div', { class: 'rd-u__head' },
    h('span', {}, t.t(key, params)), shape.length ? h('span', { class: 'rd-u__shape' }, ...shape) : null);
  const cols = Array.from({ length: T }, () => ({ layers: [] }));
  // The columns' time steps, 1 to T (for the eye: each button and cell names its own step);
  // on a phone, a number cut at the edge says there are more.
  const tHead = head('unrolled.row.t');
  tHead.setAttribute('aria-hidden', 'true');
  grid.append(tHead);
  for (let i = 0; i < T; i++) {
    cols[i].tCell = h('div', { class: 'rd-u__c rd-u__c--t', 'data-col': i, 'data-unrolled-t': i, 'aria-hidden': 'true' }, h('span', {}, String(i + 1)));
    grid.append(cols[i].tCell);
  }
  // The prediction row: ŷ_t = Linear(h_t) of the top layer.
  grid.append(head('unrolled.row.prediction', null, 'Linear ', tuple(shapes.ht), ' → ', tuple(shapes.yt)));
  for (let i = 0; i < T; i++) {
    // Named by what it is and where, then its value ("prediction ŷ at time step 3: 0.12"), not by its number alone
    // (the name's text hidden: read through aria-labelledby, not again in browse mode).
    const value = h('button', {
      type: 'button', class: 'rd-u__yhat', 'data-unrolled-yhat': i, 'aria-pressed': 'false',
      id: `rd-yhat-${i}`, 'aria-labelledby': `rd-yhat-name-${i} rd-yhat-${i}`,
    }, '–');
    cols[i].yhat = value;
    cols[i].yhatCell = h('div', { class: 'rd-u__c rd-u__c--out', 'data-col': i }, value,
      h('span', { hidden: true, id: `rd-yhat-name-${i}` }, t.t('unrolled.yhat.name', { t: i + 1 })),
      h('span', { class: 'rd-u__shape' }, `↑ ${shapeText(shapes.yt)}`));
    grid.append(cols[i].yhatCell);
  }
  grid.append(head('unrolled.row.target'));
  for (let i = 0; i < T; i++) {
    cols[i].target = h('span', { class: 'rd-u__value' }, '–');
    cols[i].error = h('span', { class: 'rd-u__error' });
    cols[i].targetCell = h('div', { class: 'rd-u__c', 'data-col': i }, cols[i].target, cols[i].error);
    grid.append(cols[i].targetCell);
  }
  for (let l = L - 1; l >= 0; l--) {
    const layerWeights = layerWeightNames(l).join(' ');
    const h0 = h('span', { class: 'rd-u__h0', 'data-unrolled-cut': l }, t.t('unrolled.h0'));
    grid.append(h('div', { class: 'rd-u__head rd-u__head--layer' },
      h('span', {}, t.t('unrolled.row.layer', { layer: l })), h('span', { class: 'rd-u__shape' }, tuple(shapes.ht)),
      // Shown where the columns are too narrow to name the weights in each (element-style.js).
      h('span', { class: 'rd-u__weights rd-u__weights--head' }, layerWeights), h0));
    for (let i = 0; i < T; i++) {
      const strip = h('canvas', { class: 'rd-u__strip', width: H, height: 1, 'aria-hidden': 'true' });
      // Hidden until a step's backward pass reaches it, as drawColumn has it: a column not drawn
      // yet (out of view) is as high as one drawn.
      const bar = h('span', { class: 'rd-u__grad', 'data-unrolled-grad': `${l},${i}`, hidden: true });
      const weights = h('span', { class: 'rd-u__weights' }, layerWeights);
      const cell = h('div', { class: 'rd-u__c rd-u__c--cell', 'data-col': i, 'data-layer': l },
        weights, strip, h('span', { class: 'rd-u__shape rd-u__arrow' }, `h → ${shapeText(shapes.ht)}`), bar);
      cols[i].layers[l] = { cell, strip, bar };
      grid.append(cell);
    }
  }
  grid.append(head('unrolled.row.input', null, tuple(shapes.x)));
  for (let i = 0; i < T; i++) {
    cols[i].x = h('span', { class: 'rd-u__value' }, '–');
    cols[i].xCell = h('div', { class: 'rd-u__c rd-u__c--in', 'data-col': i, 'data-unrolled-x': i },
      h('span', { class: 'rd-u__shape' }, `${shapeText(shapes.xt)} ↑`), cols[i].x);
    grid.append(cols[i].xCell);
  }
  view.unrolled.shapes.textContent = shapesText;
  writeLive(view.unrolled.phase, t);
  view.unrolled.grid.replaceChildren(grid);
  return cols;
}

/**
 * Writes the live phase's text into `phase` (in the Translator `t`'s language): what to do, then
 * the keys (in a span a phone does not show); nothing where it reads so already (an aria-live
 * region: written again, it would be said again).
 */
function writeLive(phase, t) {
  const live = t.t('unrolled.phase.live');
  const keys = t.t('unrolled.phase.keys');
  if (phase.textContent === live + keys) return;
  phase.replaceChildren(live, h('span', { class: 'rd-keys' }, keys));
}

/**
 * A prediction, state or value of the record with `digits` decimals (Translator.fixed), or
 * where it is 10^5 or more in three significant digits (a diverged run's ŷ: 1.37e19, not
 * 13667601334860251000.000).
 */
export const numberText = (t, v, digits = 3) => (Math.abs(v) >= 1e5 ? t.short(v) : t.fixed(v, digits));

/**
 * Binds the unrolled card of `view` to `session` (session.js). `options`: tr() the Translator,
 * shown() whether the chart is shown, pause() stops the training loop, exact(fn) calls fn once
 * the session's trainer holds the whole state (it may be in the training worker), want(what, on)
 * asks for more with each of the worker's display states ('weights': the influence runs the
 * network; 'allLayers': every layer's hidden states, for the strips), mayTrain() whether a
 * window may be trained now (else the demo says why), traceStep(fn) trains the next window with
 * its record (session.traceStep(); on a large network in the training worker) and calls fn with
 * it and the settings it trained with, or with null where it is not to be shown (the demo shows
 * the window trained), signal.
 * Returns the view's { update, relayout, restart, render, themeChanged, leave, active, forward, back }.
 */
export function bindUnrolled(view, session, { tr, shown, pause, exact, want, mayTrain, traceStep, signal }) {
  const u = view.unrolled;
  const actions = view.actions;
  const probe = view.probes.unrolled;
  /** The record of the step being walked through (trainer.traceStep()), or null: live. */
  let trace = null;
  /** The settings the traced step ran with (its clipping, optimizer, carried state). */
  let traced = null;
  let phases = null;
  let playing = 0;
  /** The prediction whose influence is shown, and whether a tap keeps it. */
  let influenceAt = -1;
  let pinned = false;
  let lastLive = 0;
  /** Decimals of the values in the columns: 1 where a column is too narrow for −0.00. */
  let digits = 2;
  /** The columns' elements, built by relayout(). */
  let cols = [];
  let layout = null;
  /** What the columns show, from the last render(): a column coming into view is drawn from it. */
  let drawn = null;
  /** The columns in view (an IntersectionObserver's), or null where there is none: all are drawn. */
  let inView = null;
  /** The phase whose column was last brought into view (phases.index; −1 live). */
  let shownPhase = -1;
  /**
   * Whether the box follows the phases' columns: from each press (Step inside, Next, Back, Play
   * the phases) until the reader scrolls the box while they play (a wheel, a drag, a swipe or a
   * key moved it, not keepInView): the phases play on where the reader scrolled to.
   */
  let follow = true;
  /** The box's scrollLeft as keepInView last left it, and when the reader last touched the box. */
  let ownScroll = 0;
  let touched = -Infinity;
  /** Columns out of view at the last render(), drawn when they come into view. */
  const stale = new Set();
  let columnsObserver = null;

  const on = (el, type, fn, options) => el.addEventListener(type, fn, { signal, ...options });

  /**
   * Walking through a step, the phase's text and its table keep the tallest height they have
   * had: a shorter one does not move the columns below the text (on a phone a phase's text
   * takes 3 to 7 lines; the columns keep their own height by CSS), nor what is below the table
   * (1 row forward, T + 1 for the loss, up to a height where it scrolls). Let go of live, on a
   * new layout and on a new width (heldWidth: the one they were held at).
   */
  let heldWidth = null;
  function holdHeights() {
    // Not while hidden (no width: nothing to hold); in layout pixels (a scaled page's on-screen
    // size, held, would grow at every render).
    if (!u.grid.clientWidth) return;
    heldWidth ??= u.grid.clientWidth;
    for (const el of [u.phase, u.table]) el.style.minHeight = getComputedStyle(el).height;
  }
  function releaseHeights() {
    if (heldWidth === null) return;
    heldWidth = null;
    for (const el of [u.phase, u.table]) el.style.minHeight = '';
  }

  // --- layout: built again when the shape of the network or the language changes ---

  /** Builds the columns again: for a new network (the phases left), or, `keepPhases`, in a new language (the step's phase stays). */
  function relayout(keepPhases = false) {
    // The old layout no longer fits the trainer: leaving the phases must not draw it.
    layout = null;
    colors = null;
    releaseHeights();
    if (!keepPhases || !shown()) leave();
    if (!shown()) {
      cols = [];
      drawn = null;
      columnsObserver?.disconnect();
      u.grid.replaceChildren();
      want?.('allLayers', false);
      want?.('weights', false);
      return;
    }
    const s = session.settings;
    layout = { cell: s.cell, T: s.timeStep, L: s.layers, H: s.hidden };
    cols = layOutUnrolled(view, s, tr());
    // New columns, scrolled back: a phase kept (a new language) brings its own into view again.
    shownPhase = -1;
    observeColumns();
    want?.('allLayers', true);
    forgetInfluence();
    buildPicker();
    fitDigits();
    render();
  }

  /**
   * A new run (Reset, new settings, an import): back to the live view, no prediction pointed at.
   * The columns are built again only for a network of another shape: at T 200 and 4 layers
   * building them took a Reset 20 to 30 ms.
   */
  function restart() {
    const s = session.settings;
    if (!layout || !shown() || layout.cell !== s.cell || layout.T !== s.timeStep || layout.L !== s.layers || layout.H !== s.hidden) {
      relayout();
      return;
    }
    releaseHeights();
    forgetInfluence();
    // leave() draws the live view where it was inside a step; else it is drawn here.
    if (!leave()) render();
  }

  /** One decimal where a column is narrower than −0.00 needs (a phone, figures side by side), else two. */
  function fitDigits() {
    const width = cols[0]?.xCell.clientWidth ?? 0;
    digits = width > 0 && width < NARROW_COLUMN_PX ? 1 : 2;
  }

  // --- how far back it looks ---

  function showInfluence(i) {
    influenceAt = i;
    // Training in the worker: the page's trainer gets the weights the influence runs on only while it is shown.
    want?.('weights', i >= 0);
    render();
  }

  /** No prediction pointed at or pinned (a new network or run): the page's trainer needs no weights for it. */
  function forgetInfluence() {
    influenceAt = -1;
    pinned = false;
    want?.('weights', false);
  }

  /** |∂ŷ_t/∂x_s| for the prediction pointed at, and the largest (the shading's scale); null values for none. */
  function influence() {
    const values = influenceAt >= 0 && influenceAt < layout.T ? session.trainer.inputInfluence(influenceAt) : null;
    return { values, max: values ? Math.max(...values) : 0 };
  }

  /** The probe's text: how far back the prediction pointed at looks. */
  function writeInfluenceProbe({ values, max }) {
    if (values) {
      const far = values.findIndex((v) => max > 0 && v / max >= 0.1);
      probe.textContent = tr().t('unrolled.influence.probe', { t: influenceAt + 1, from: Math.max(0, far) + 1 });
    } else if (!trace) {
      probe.textContent = '';
    }
  }

  // --- which columns are drawn ---

  /**
   * Watches which columns are in view (in the page's viewport and the view's own scroll box):
   * render() draws only those, and a column that comes into view is drawn then. At T 200 and 4
   * layers the view has 800 strips; drawing them all on every live update took most of a frame.
   * A column is watched by its top and bottom cells; the viewport counts a screen's height above
   * and below, so a column whose middle rows alone are in view is drawn too.
   */
  function observeColumns() {
    columnsObserver?.disconnect();
    stale.clear();
    if (typeof IntersectionObserver !== 'function') {
      inView = null;
      return;
    }
    inView = new Set();
    /** column → its watched cells in view */
    const seen = cols.map(() => new Set());
    columnsObserver = new IntersectionObserver((entries) => {
      const came = [];
      for (const e of entries) {
        const i = Number(e.target.dataset.col);
        if (e.isIntersecting) seen[i].add(e.target);
        else seen[i].delete(e.target);
        const now = seen[i].size > 0;
        if (now && !inView.has(i) && stale.has(i)) came.push(i);
        if (now) inView.add(i);
        else inView.delete(i);
      }
      if (!drawn) return;
      for (const i of came) {
        stale.delete(i);
        drawColumn(i);
      }
    }, { rootMargin: '100% 0px' });
    for (const col of cols) {
      columnsObserver.observe(col.yhatCell);
      columnsObserver.observe(col.xCell);
    }
  }
  signal.addEventListener('abort', () => columnsObserver?.disconnect());

  // --- values ---

  /** The values shown: the record walked through, else the last window; h is layers × T × H. */
  function data() {
    if (trace) return { x: trace.x, target: trace.target, prediction: trace.prediction, h: trace.h };
    const trainer = session.trainer;
    const w = trainer.lastWindow();
    const { T, L, H } = layout;
    const h = new Float32Array(L * T * H);
    for (let l = 0; l < L; l++) h.set(trainer.hiddenStates(l), l * T * H);
    return { x: w.input, target: w.target, prediction: w.prediction, h };
  }

  /** The strip of one cell: the hidden units' values, −1 (prediction colour) to 1 (target colour). */
  function drawStrip(canvas, values, from, H, colors) {
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(H, 1);
    for (let j = 0; j < H; j++) {
      const v = values ? Math.max(-1, Math.min(1, values[from + j])) : 0;
      const c = v >= 0 ? colors.pos : colors.neg;
      const a = values ? Math.abs(v) : 0;
      img.data[4 * j] = colors.bg[0] + (c[0] - colors.bg[0]) * a;
      img.data[4 * j + 1] = colors.bg[1] + (c[1] - colors.bg[1]) * a;
      img.data[4 * j + 2] = colors.bg[2] + (c[2] - colors.bg[2]) * a;
      img.data[4 * j + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  function themeColors() {
    const rgb = (name) => {
      const probeEl = h('span');
      probeEl.style.color = `var(${name})`;
      u.grid.append(probeEl);
      const m = getComputedStyle(probeEl).color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      probeEl.remove();
      return m.slice(0, 3);
    };
    return { pos: rgb('--target'), neg: rgb('--prediction'), bg: rgb('--bg') };
  }
  /**
   * themeColors(), read again only on a new layout or size, or theme (themeChanged(): the demo's
   * theme or the system's dark mode): each read recalculates the grid's style, at T 200 and 4
   * layers about 2 ms a render.
   */
  let colors = null;
  const currentColors = () => (colors ??= themeColors());
  function themeChanged() {
    colors = null;
    render();
  }

  /** Draws the view for the current phase (or live): the columns in view, the rest once they come into view. */
  function render() {
    // Not yet in the document (the demo is built in a fragment): no colours to read; the
    // observer below draws it once it is laid out.
    if (!layout || !shown() || !u.grid.isConnected) return;
    const phase = phases?.current ?? null;
    let gradMax = 0;
    if (trace) for (const g of layoutNorms(trace.dLdh)) gradMax = Math.max(gradMax, g);
    drawn = { d: data(), colors: currentColors(), phase, gradMax, influence: influence() };
    stale.clear();
    for (let i = 0; i < layout.T; i++) {
      if (inView && !inView.has(i)) stale.add(i);
      else drawColumn(i);
    }
    u.grid.dataset.phase = phase?.kind ?? 'live';
    for (const cut of u.grid.querySelectorAll('[data-unrolled-cut]')) cut.dataset.current = String(phase?.kind === 'cut');
    if (phase) u.phase.textContent = phaseText(phase);
    else writeLive(u.phase, tr());
    // The phase by name, for styles and tests: data-kind (live, forward, loss, …) and
    // data-time-step (not data-t: that names a text the view translates).
    u.phase.dataset.kind = phase?.kind ?? 'live';
    if (phase?.t === undefined) delete u.phase.dataset.timeStep;
    else u.phase.dataset.timeStep = String(phase.t);
    writeTable(phase);
    writeInfluenceProbe(drawn.influence);
    // A phase at a time step shows the numbers behind its column (the reader may pick another meanwhile).
    const moved = phase?.t !== undefined && phases.index !== shownPhase;
    if (moved && picks.t) picks.t.value = String(phase.t);
    writeDetail();
    if (moved) keepInView(phase.t);
    shownPhase = phases?.index ?? -1;
    if (phase) holdHeights();
    else releaseHeights();
  }

  /**
   * Scrolls the view's box (never the page) so that column `i` is in it, past the sticky heads,
   * where it is not: on a phone or in a long window the forward and backward passes walk out
   * of sight. (Before holdHeights(), whose read of the heights then costs no second layout.)
   */
  function keepInView(i) {
    const box = u.grid;
    const cell = cols[i]?.xCell;
    if (!cell || !follow) return;
    const boxLeft = box.getBoundingClientRect().left;
    const rect = cell.getBoundingClientRect();
    const heads = box.querySelector('.rd-u__head')?.getBoundingClientRect().width ?? 0;
    const left = rect.left - boxLeft + box.scrollLeft;
    if (left - heads < box.scrollLeft) box.scrollLeft = left - heads;
    else if (left + rect.width > box.scrollLeft + box.clientWidth) box.scrollLeft = left + rect.width - box.clientWidth;
    ownScroll = box.scrollLeft;
  }

  /** Draws column `i` (its values, strips, gradient bars and input shading) from the last render(). */
  function drawColumn(i) {
    const t = tr();
    const { T, L, H } = layout;
    const { d, colors, phase, gradMax, influence: { values, max } } = drawn;
    const col = cols[i];
    const reached = !trace || phases.forwardReached(i);
    const state = !phase ? 'live'
      : (phase.kind === 'forward' || phase.kind === 'backward') && phase.t === i ? 'current'
        : reached ? 'done' : 'todo';
    for (const el of [col.tCell, col.yhatCell, col.targetCell, col.xCell, ...col.layers.map((c) => c.cell)]) el.dataset.phase = state;
    col.x.textContent = t.fixed(d.x[i], digits);
    col.target.textContent = t.fixed(d.target[i], digits);
    col.yhat.textContent = reached ? numberText(t, d.prediction[i], digits) : '…';
    const showError = phase && phase.kind !== 'forward';
    col.error.textContent = showError ? t.t('unrolled.error', { value: t.short((d.prediction[i] - d.target[i]) ** 2) }) : '';
    for (let l = 0; l < L; l++) {
      const c = col.layers[l];
      drawStrip(c.strip, reached ? d.h : null, (l * T + i) * H, H, colors);
      const g = trace && phases.backwardReached(i) ? norm(trace.dLdh, (l * T + i) * H, H) : null;
      c.bar.style.setProperty('--grad', g === null || !(gradMax > 0) ? '0' : (g / gradMax).toFixed(3));
      c.bar.hidden = g === null;
      if (g === null) c.cell.removeAttribute('title');
      else c.cell.title = t.t('unrolled.grad.value', { layer: l, t: i + 1, norm: t.short(g) });
      if (g !== null) c.bar.dataset.value = t.short(g);
    }
    // The inputs shaded by the influence on the prediction pointed at.
    col.yhat.setAttribute('aria-pressed', String(pinned && i === influenceAt));
    col.yhatCell.dataset.selected = String(i === influenceAt);
    const v = values && i < values.length ? values[i] : null;
    col.xCell.style.setProperty('--influence', v === null || !(max > 0) ? '0' : (v / max).toFixed(3));
    if (v === null) col.xCell.removeAttribute('title');
    else col.xCell.title = t.t('unrolled.influence.value', { t: influenceAt + 1, s: i + 1, value: t.short(v) });
    col.xCell.dataset.influenced = String(v !== null);
  }

  /** ‖dL/dh_t‖ for every layer and time step. */
  function layoutNorms(a) {
    const { T, L, H } = layout;
    const out = [];
    for (let k = 0; k < L * T; k++) out.push(norm(a, k * H, H));
    return out;
  }

  function phaseText(phase) {
    const t = tr();
    const s = traced;
    const T = layout.T;
    let text;
    switch (phase.kind) {
      case 'forward':
        text = t.t('unrolled.phase.forward', { t: phase.t + 1, x: t.fixed(trace.x[phase.t], 3), y: numberText(t, trace.prediction[phase.t]) });
        break;
      case 'loss':
        text = t.t('unrolled.phase.loss', { T, loss: t.short(trace.loss) });
        break;
      case 'backward': {
        const g = layoutNorms(trace.dLdh)[(layout.L - 1) * T + phase.t];
        text = t.t('unrolled.phase.backward', { t: phase.t + 1, norm: t.short(g) });
        break;
      }
      case 'cut':
        // A run's first window starts from h₀ = 0 with the state carried too: no window before it to cut from.
        text = t.t(!s.carryState ? 'unrolled.phase.cut.zero' : trace.step === 0 ? 'unrolled.phase.cut.first' : 'unrolled.phase.cut');
        break;
      case 'clip':
        text = s.clipNorm > 0
          ? t.t('unrolled.phase.clip', { max: s.clipNorm, norm: t.short(trace.gradientNorm), scale: t.short(trace.clipScale) })
          : t.t('unrolled.phase.clip.off', { norm: t.short(trace.gradientNorm) });
        break;
      case 'update':
        text = t.t(s.optimizer === 'sgd' ? 'unrolled.phase.update.sgd' : 'unrolled.phase.update.adam', { lr: s.lr });
        break;
      case 'carry':
        text = t.t(s.carryState ? 'unrolled.phase.carry' : 'unrolled.phase.carry.zero');
        break;
      default:
        text = '';
    }
    // The window of the tutorial's step k (counted from 0) covers t from kπ to (k+1)π; it is
    // numbered as the step readout counts it, k + 1, the windows trained with it (its digits
    // grouped alike: window 1,813, t from 1,812π to 1,813π).
    const piTimes = (k) => (k === 0 ? '0' : k === 1 ? 'π' : `${t.count(k)}π`);
    return t.t('unrolled.phase.of', {
      n: phases.index + 1, count: phases.length, window: t.count(trace.step + 1), from: piTimes(trace.step), to: piTimes(trace.step + 1), text,
    });
  }

  // --- the text alternative: a table of the values this phase shows ---

  function writeTable(phase) {
    const t = tr();
    const table = u.table;
    if (!phase) {
      table.replaceChildren();
      table.hidden = true;
      return;
    }
    table.hidden = false;
    const { T, L, H } = layout;
    const f = (v) => numberText(t, v);
    let head = [];
    let rows = [];
    const steps = (phase.kind === 'forward' || phase.kind === 'backward') ? [phase.t] : Array.from({ length: T }, (_, i) => i);
    if (phase.kind === 'forward') {
      head = [t.t('unrolled.col.t'), t.t('unrolled.col.x'), ...Array.from({ length: L }, (_, l) => t.t('unrolled.col.h', { layer: l })), t.t('unrolled.col.prediction'), t.t('unrolled.col.target')];
      rows = steps.map((i) => [String(i + 1), f(trace.x[i]), ...Array.from({ length: L }, (_, l) => t.short(norm(trace.h, (l * T + i) * H, H))), f(trace.prediction[i]), f(trace.target[i])]);
    } else if (phase.kind === 'loss') {
      head = [t.t('unrolled.col.t'), t.t('unrolled.col.prediction'), t.t('unrolled.col.target'), t.t('unrolled.col.error')];
      rows = steps.map((i) => [String(i + 1), f(trace.prediction[i]), f(trace.target[i]), t.short((trace.prediction[i] - trace.target[i]) ** 2)]);
      rows.push([t.t('unrolled.col.loss'), '', '', t.short(trace.loss)]);
    } else if (phase.kind === 'backward') {
      head = [t.t('unrolled.col.t'), ...Array.from({ length: L }, (_, l) => t.t('unrolled.col.grad', { layer: l }))];
      rows = steps.map((i) => [String(i + 1), ...Array.from({ length: L }, (_, l) => t.short(norm(trace.dLdh, (l * T + i) * H, H)))]);
    } else if (phase.kind === 'cut' || phase.kind === 'carry') {
      const from = phase.kind === 'cut';
      head = [t.t('unrolled.col.layer'), t.t(from ? 'unrolled.col.h0' : 'unrolled.col.hT')];
      rows = Array.from({ length: L }, (_, l) => [String(l),
        t.short(from ? norm(trace.h0, l * H, H) : (traced.carryState ? norm(trace.h, (l * T + T - 1) * H, H) : 0))]);
    } else if (phase.kind === 'clip') {
      head = [t.t('unrolled.col.quantity'), t.t('unrolled.col.value')];
      rows = [[t.t('unrolled.col.gradientNorm'), t.short(trace.gradientNorm)],
        [t.t('unrolled.col.maxNorm'), traced.clipNorm > 0 ? String(traced.clipNorm) : '–'],
        [t.t('unrolled.col.scale'), t.short(trace.clipScale)]];
    } else if (phase.kind === 'update') {
      head = [t.t('unrolled.col.param'), t.t('unrolled.col.gradNorm'), t.t('unrolled.col.updateNorm'), t.t('unrolled.col.updateMax')];
      rows = Object.keys(trace.update).map((name) => {
        const d = trace.update[name], g = trace.gradients[name];
        let max = 0;
        for (const v of d) max = Math.max(max, Math.abs(v));
        return [name, t.short(norm(g, 0, g.length)), t.short(norm(d, 0, d.length)), t.short(max)];
      });
    }
    table.replaceChildren(
      h('caption', {}, t.t('unrolled.table.caption')),
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => h('td', {}, c))))));
  }

  // --- the numbers behind a column ---

  const picks = {};
  function buildPicker() {
    const t = tr();
    const { T, L, H } = layout;
    // (Time steps numbered from 1, as everywhere in the view; layers and units from 0, as PyTorch's l0 and h[0].)
    const select = (name, n, label, first = 0) => {
      const el = h('select', { 'data-unrolled-pick': name }, ...Array.from({ length: n }, (_, i) => h('option', { value: i }, String(i + first))));
      const keep = picks[name]?.value;
      if (keep !== undefined && Number(keep) < n) el.value = keep;
      picks[name] = el;
      return h('label', { class: 'rd-field' }, h('span', { class: 'rd-field__label' }, label), el);
    };
    delete picks.layer;
    const fields = [select('t', T, t.t('unrolled.detail.t'), 1)];
    if (L > 1) fields.push(select('layer', L, t.t('unrolled.detail.layer')));
    fields.push(select('unit', H, t.t('unrolled.detail.unit')));
    u.pick.replaceChildren(...fields);
  }

  function writeDetail() {
    if (!layout) return;
    if (!trace) {
      u.math.replaceChildren(h('p', {}, tr().t('unrolled.detail.none')));
      return;
    }
    const { T, L, H } = layout;
    const i = Number(picks.t.value), j = Number(picks.unit.value), l = Number(picks.layer?.value ?? 0);
    // A time step the forward pass walked through has not reached yet: no numbers before its
    // column shows them (they had shown its values beside columns of "…").
    if (phases && !phases.forwardReached(i)) {
      u.math.replaceChildren(h('p', {}, tr().t('unrolled.detail.notYet', { t: i + 1 })));
      return;
    }
    // The record's projections are layers × timeStep × gates × hidden: the cell's gate count.
    const G = trace.ih.length / (L * T * H);
    const at = (a, g) => a[((l * T + i) * G + g) * H + j];
    const hPrev = i === 0 ? trace.h0[l * H + j] : trace.h[(l * T + i - 1) * H + j];
    const v = {
      ih: Array.from({ length: G }, (_, g) => at(trace.ih, g)),
      hh: Array.from({ length: G }, (_, g) => at(trace.hh, g)),
      gates: trace.gates ? Array.from({ length: G }, (_, g) => at(trace.gates, g)) : null,
      h: trace.h[(l * T + i) * H + j],
      hPrev,
      c: trace.c ? trace.c[(l * T + i) * H + j] : null,
      cPrev: trace.c ? (i === 0 ? trace.c0[l * H + j] : trace.c[(l * T + i - 1) * H + j]) : null,
    };
    u.math.replaceChildren(...cellValueEquations(traced, v, tr()));
  }

  // --- stepping inside ---

  const active = () => trace !== null;

  function showButtons() {
    const inside = active();
    const focused = u.grid.getRootNode().activeElement;
    actions['unrolled-enter'].hidden = inside;
    for (const name of STEP_BUTTONS.slice(1)) actions[name].hidden = !inside;
    actions['unrolled-play'].textContent = tr().t(playing ? 'unrolled.pausePhases' : 'unrolled.play');
    if (phases) actions['unrolled-back'].disabled = phases.index <= 0;
    // The button pressed may be hidden or disabled now (Step inside, Leave, ← at the first
    // phase): focus goes to the one in its place, not to the page, so that the element's keys
    // (keyboard="element") and Tab go on from there.
    if (STEP_BUTTONS.some((name) => actions[name] === focused) && (focused.hidden || focused.disabled)) {
      actions[inside ? 'unrolled-forward' : 'unrolled-enter'].focus();
    }
  }

  /** The buttons and the view for the phase walked through (or live). */
  function showPhase() {
    showButtons();
    render();
  }

  /**
   * Whether a window's record is on its way (traceStep: from the training worker, on a large
   * network): stepping waits for it.
   */
  let tracing = false;
  /** Counts leave()s (Play, a new run, a new layout leave too): a record that comes back after one is not walked through. */
  let left = 0;

  /**
   * Trains the next window with its record, then calls then(ok): ok false where training cannot
   * go on, or the view was left or laid out again meanwhile (the window is trained all the same).
   */
  function traceNext(then) {
    tracing = true;
    const since = left;
    traceStep((next, settings) => {
      tracing = false;
      if (!next || since !== left || !layout || signal.aborted) {
        then(false);
        return;
      }
      trace = next;
      traced = settings;
      then(true);
    });
  }

  function enter() {
    // Where no window may be trained, Play's state stays as it was.
    if (active() || tracing || !mayTrain()) return;
    // From the press on (the run may first come back from the worker), the keys are the phases'.
    tracing = true;
    const since = left;
    pause();
    exact(() => {
      tracing = false;
      if (active() || since !== left || signal.aborted || !layout || !mayTrain()) return;
      traceNext((ok) => {
        if (!ok) return;
        phases = new StepPhases(layout.T);
        phases.forward();
        showPhase();
      });
    });
  }

  function forward() {
    if (tracing) return;
    if (!active()) {
      enter();
      return;
    }
    if (!phases.atEnd) {
      phases.forward();
      showPhase();
      return;
    }
    // Past the last phase: the next window, walked through from its first phase.
    if (!mayTrain()) {
      leave();
      return;
    }
    traceNext((ok) => {
      if (!ok) {
        leave();
        return;
      }
      phases.forward();
      showPhase();
    });
  }

  function back() {
    if (!active() || tracing) return;
    phases.back();
    showPhase();
  }

  /** To the next stage (`direction` 1) or the start of this one or the one before (−1): StepPhases.stage. Past the last stage, the next window. */
  function stage(direction) {
    if (!active() || tracing) return;
    if (phases.stage(direction)) showPhase();
    else if (direction > 0) forward();
  }

  function stopPlaying() {
    clearInterval(playing);
    playing = 0;
    u.phase.setAttribute('aria-live', 'polite');
  }

  function togglePlaying() {
    if (playing) {
      stopPlaying();
    } else {
      if (phases.atEnd) forward();
      // Not announced while they play (up to ten a second): each one, when stepped through.
      u.phase.setAttribute('aria-live', 'off');
      playing = setInterval(() => {
        forward();
        // (At the end while the next window's record is on its way: played on once it is here.)
        if (!active() || (phases.atEnd && !tracing)) stopPlaying();
        showButtons();
      }, Math.max(FASTEST_MS, Math.min(PHASE_MS, STEP_MS / phases.length)));
    }
    showButtons();
  }

  /** Back to the live view (training may go on); nothing when not inside. Returns whether it was inside (the live view is drawn). */
  function leave() {
    stopPlaying();
    left++;
    if (!active()) return false;
    trace = null;
    traced = null;
    phases = null;
    showPhase();
    return true;
  }

  /** `fn` as a press runs it: the box follows the phases again. */
  const pressed = (fn) => (options) => {
    follow = true;
    fn(options);
  };
  on(actions['unrolled-enter'], 'click', pressed(enter));
  on(actions['unrolled-forward'], 'click', pressed(forward));
  on(actions['unrolled-back'], 'click', pressed(back));
  on(actions['unrolled-play'], 'click', pressed(togglePlaying));
  on(actions['unrolled-leave'], 'click', leave);
  // The reader scrolling the box while the phases play: they stop following (a scroll within
  // a second of the reader's wheel, pointer, touch or key on the box, to where keepInView did
  // not leave it; not one from a new layout or width).
  for (const type of ['wheel', 'pointerdown', 'touchstart', 'keydown']) {
    on(u.grid, type, () => { touched = performance.now(); }, { passive: true });
  }
  on(u.grid, 'scroll', () => {
    if (playing && u.grid.scrollLeft !== ownScroll && performance.now() - touched < 1000) follow = false;
  });
  signal.addEventListener('abort', stopPlaying);
  // Laid out for the first time, or resized: the decimals follow the columns' width.
  if (typeof ResizeObserver === 'function') {
    const columns = new ResizeObserver(() => {
      if (heldWidth !== null && heldWidth !== u.grid.clientWidth) releaseHeights();
      colors = null;
      fitDigits();
      render();
    });
    columns.observe(u.grid);
    signal.addEventListener('abort', () => columns.disconnect());
  }
  on(u.pick, 'change', writeDetail);
  // A prediction pointed at or focused shows how far back it looks; a tap (or Enter) keeps it.
  const predictionOf = (e) => e.target.closest?.('[data-unrolled-yhat]');
  const point = (e) => {
    const b = predictionOf(e);
    if (b && !pinned) showInfluence(Number(b.dataset.unrolledYhat));
  };
  const unpoint = (e) => {
    const b = predictionOf(e);
    if (b && !b.contains(e.relatedTarget) && !pinned) showInfluence(-1);
  };
  on(u.grid, 'pointerover', point);
  on(u.grid, 'focusin', point);
  on(u.grid, 'pointerout', unpoint);
  on(u.grid, 'focusout', unpoint);
  on(u.grid, 'click', (e) => {
    const b = predictionOf(e);
    if (b) {
      const i = Number(b.dataset.unrolledYhat);
      pinned = !(pinned && influenceAt === i);
      showInfluence(pinned ? i : -1);
      return;
    }
    // A tap on a cell the backward pass reached shows its dL/dh_t (a phone has no hover).
    const cell = e.target.closest?.('.rd-u__c--cell');
    if (cell?.title) probe.textContent = cell.title;
  });

  return {
    relayout(keepPhases) { relayout(keepPhases); showButtons(); },
    restart() { restart(); showButtons(); },
    /** After training: the live view, at most every LIVE_MS while `running`. */
    update(running) {
      if (active() || !shown()) return;
      const now = performance.now();
      if (running && now - lastLive < LIVE_MS) return;
      lastLive = now;
      render();
    },
    render,
    themeChanged,
    leave,
    /** Inside a step, or entering one (its window away): the keys step through the phases, not the run. */
    active: () => active() || tracing,
    /** The next phase, or with `stage` the next stage (Shift+→). */
    forward: pressed(({ stage: byStage = false } = {}) => (byStage ? stage(1) : forward())),
    /** The previous phase, or with `stage` the start of this stage or the one before (Shift+←). */
    back: pressed(({ stage: byStage = false } = {}) => (byStage ? stage(-1) : back())),
  };
}

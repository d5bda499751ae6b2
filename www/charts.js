// The charts: keeps each canvas's backing store at its CSS size × devicePixelRatio
// (ResizeObserver), follows the colour scheme (updateDark(), which the demo calls when it
// changes) and the page's colours, and calls the wasm chart functions (which draw only the
// background on a canvas too small for axes, e.g. one not yet laid out). Only the charts named
// in `shown` are drawn.

export class Charts {
  /**
   * @param {Record<string, HTMLCanvasElement>} canvases by chart name: strip, loss, hidden, gradients, preview
   * @param {object} engine the engine module (drawStrip, drawLoss, drawHidden, drawPreview)
   * @param {object} opts
   * @param {() => object|null} opts.getTrainer
   * @param {Set<string>} opts.shown the charts to draw (the owner may change it, then call drawAll)
   * @param {'auto'|'light'|'dark'} [opts.theme='auto']
   * @param {() => object} [opts.colors] the page's chart colours ({target, prediction, input,
   *   background, text} as '#rrggbb'), read again before each full redraw
   * @param {object} [opts.labels] the texts drawn on the charts (ChartLabels), in the page's language
   * @param {(err: unknown) => void} opts.onError
   * @param {() => void} [opts.onDrawn] after each drawing of the charts (the readouts read again)
   * @param {AbortSignal} opts.signal
   */
  constructor(canvases, engine, { getTrainer, shown, theme = 'auto', colors = () => undefined, labels, onError, onDrawn = () => {}, signal }) {
    this.canvases = canvases;
    this.onDrawn = onDrawn;
    this.engine = engine;
    this.getTrainer = getTrainer;
    this.shown = shown;
    this.readColors = colors;
    this.onError = onError;
    this.failed = false;
    /** Each chart's layout from its last drawing (for the hover readouts), by name. */
    this.layouts = {};
    // One options object, mutated in place: no allocation per frame.
    this.options = { dark: false, pixelRatio: window.devicePixelRatio || 1, colors: undefined, labels };
    this.pending = 0;
    this.drawScheduled = this.drawScheduled.bind(this);

    this.scheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.theme = theme;
    this.updateDark();

    this.observer = new ResizeObserver((entries) => this.resized(entries));
    for (const canvas of Object.values(canvases)) {
      try {
        this.observer.observe(canvas, { box: 'device-pixel-content-box' });
      } catch {
        this.observer.observe(canvas);
      }
    }
    this.watchPixelRatio(signal);
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      cancelAnimationFrame(this.pending);
      cancelAnimationFrame(this.#leftOver);
    });
  }

  /**
   * Dark or light: by the page's own background where it sets one (--rnn-background: a light one
   * on a dark system is drawn light, the heatmap's palette with it), else for `theme` and, with
   * 'auto', the system's colour scheme now.
   */
  updateDark() {
    const background = this.options.colors?.background;
    this.options.dark = background ? isDark(background)
      : this.theme === 'dark' || (this.theme === 'auto' && this.scheme.matches);
  }

  resized(entries) {
    const dpr = window.devicePixelRatio || 1;
    this.options.pixelRatio = dpr;
    let changed = false;
    for (const entry of entries) {
      // device-pixel-content-box is exact where the browser snaps to device pixels; trust it
      // only when it agrees with CSS size × devicePixelRatio (emulated ratios report CSS px).
      const w = Math.round(entry.contentRect.width * dpr);
      const h = Math.round(entry.contentRect.height * dpr);
      const box = entry.devicePixelContentBoxSize?.[0];
      const exact = box && Math.abs(box.inlineSize - w) <= 2 && Math.abs(box.blockSize - h) <= 2;
      changed = this.setSize(entry.target, exact ? box.inlineSize : w, exact ? box.blockSize : h) || changed;
    }
    if (changed) this.drawAll();
  }

  /** Sets a canvas's backing store; returns whether it changed (setting it clears the canvas). */
  setSize(canvas, w, h) {
    w = Math.max(1, w);
    h = Math.max(1, h);
    if (canvas.width === w && canvas.height === h) return false;
    canvas.width = w;
    canvas.height = h;
    return true;
  }

  /** Measures every canvas again (the pixel ratio changed: zoom, another screen). */
  remeasure() {
    const dpr = window.devicePixelRatio || 1;
    this.options.pixelRatio = dpr;
    for (const canvas of Object.values(this.canvases)) {
      const r = canvas.getBoundingClientRect();
      this.setSize(canvas, Math.round(r.width * dpr), Math.round(r.height * dpr));
    }
    this.drawAll();
  }

  /** Calls remeasure() whenever devicePixelRatio changes. */
  watchPixelRatio(signal) {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', () => {
      if (signal.aborted) return;
      this.remeasure();
      this.watchPixelRatio(signal);
    }, { once: true, signal });
  }

  /** Redraws everything on the next animation frame (once, however often it is called). */
  invalidate() {
    if (!this.pending) this.pending = requestAnimationFrame(this.drawScheduled);
  }

  drawScheduled() {
    this.pending = 0;
    this.drawAll();
  }

  /**
   * The charts that change while training (LIVE), drawn again: as many as FRAME_BUDGET_MS allows
   * now (one at least), the others in the next frames, each chart in its turn (`whole`: every
   * one now, as a resize or a new theme needs: a canvas resized is blank until drawn).
   */
  drawLive({ whole = false } = {}) {
    for (const name of LIVE) if (this.shown.has(name)) this.#due.add(name);
    this.#drawDue(whole ? Infinity : FRAME_BUDGET_MS);
  }

  /** The live charts not drawn since the run last changed. */
  #due = new Set();
  /** The LIVE index of the chart whose turn is next. */
  #turn = 0;
  /** The requestAnimationFrame that draws the charts left over (0: none), and when a drawing last ran. */
  #leftOver = 0;
  #drawnAt = -Infinity;

  /** Draws the charts due, in turn, until `budget` ms have gone (one at least); asks a frame for the rest. */
  #drawDue(budget) {
    const trainer = this.getTrainer();
    if (!trainer || this.failed) return;
    const { canvases, engine, options, layouts } = this;
    const t0 = this.#drawnAt = performance.now();
    try {
      const first = this.#turn;
      for (let k = 0; k < LIVE.length && this.#due.size > 0; k++) {
        const i = (first + k) % LIVE.length;
        const name = LIVE[i];
        if (!this.#due.has(name)) continue;
        if (performance.now() - t0 >= budget) break;
        this.#due.delete(name);
        this.#turn = (i + 1) % LIVE.length;
        if (this.shown.has(name)) layouts[name] = engine[DRAW[name]](canvases[name], trainer, options);
      }
    } catch (err) {
      this.failed = true;
      this.onError(err);
      return;
    }
    if (this.#due.size > 0 && !this.#leftOver) {
      // In a frame of its own: where the frame already drew (the next display state's), the one after.
      const next = (time) => {
        if (this.#drawnAt >= time) this.#leftOver = requestAnimationFrame(next);
        else {
          this.#leftOver = 0;
          this.#drawDue(FRAME_BUDGET_MS);
        }
      };
      this.#leftOver = requestAnimationFrame(next);
    }
    this.onDrawn();
  }

  drawPreview() {
    if (this.failed || !this.shown.has('preview')) return;
    try {
      const config = this.getTrainer()?.config();
      this.layouts.preview = this.engine.drawPreview(this.canvases.preview, this.options, config?.task, config?.seed);
    } catch (err) {
      this.failed = true;
      this.onError(err);
    }
  }

  /** Everything, now, with the page's colours read again. */
  drawAll() {
    this.options.colors = this.readColors();
    this.updateDark();
    this.drawPreview();
    this.drawLive({ whole: true });
  }
}

/** The charts that change while training, in the order of their turns (LIVE), and the engine's function that draws each. */
const DRAW = { strip: 'drawStrip', loss: 'drawLoss', hidden: 'drawHidden', gradients: 'drawGradients' };
const LIVE = Object.keys(DRAW);
/**
 * A frame's time for drawing the live charts: past it, those left wait for the next frames. The
 * largest network's four took 6 to 16 ms together when a display state came, and its frame p95
 * was two frame intervals (33 ms) in one run in two (docs/performance.md).
 */
const FRAME_BUDGET_MS = 4;

/** Whether a '#rrggbb' colour is dark: its relative luminance (WCAG's) under 0.2. */
function isDark(hex) {
  const channel = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5) < 0.2;
}

// The demo's markup. Built inside the root element given to mountDemo; the logic finds
// elements by data-attributes relative to that root, so several demos can share a page.
// No ids: every form control sits inside its <label>.

const TEMPLATE = `
<div class="rd-layout">
  <section class="rd-card rd-strip">
    <h2 class="rd-card__title">Live prediction <span class="rd-card__note">(last windows: target red, prediction blue, input grey)</span></h2>
    <canvas class="rd-canvas rd-canvas--strip" data-chart="strip" role="img"
      aria-label="Strip chart of the last windows: target in red, prediction in blue, input faint"></canvas>
    <dl class="rd-readouts" aria-label="Training readouts">
      <div><dt>step</dt><dd data-readout="step">0</dd></div>
      <div><dt>loss</dt><dd data-readout="loss">–</dd></div>
      <div><dt>steps/s</dt><dd data-readout="rate">–</dd></div>
      <div><dt>µs/step</dt><dd data-readout="cost">–</dd></div>
    </dl>
  </section>

  <section class="rd-card rd-controls" aria-label="Controls">
    <div class="rd-buttons" role="group" aria-label="Training">
      <button type="button" class="rd-btn rd-btn--primary" data-action="play" aria-keyshortcuts="Space" aria-pressed="false">Play</button>
      <button type="button" class="rd-btn" data-action="step" aria-keyshortcuts="ArrowRight">Step</button>
      <button type="button" class="rd-btn" data-action="reset" aria-keyshortcuts="R">Reset</button>
    </div>
    <label class="rd-field rd-field--wide">
      <span class="rd-field__label">Speed <output data-speed-text>1</output> steps/frame</span>
      <input type="range" min="0" max="12" step="1" value="0" data-field="speed"
        aria-label="Speed: training steps per animation frame">
    </label>
    <div class="rd-grid">
      <label class="rd-field"><span class="rd-field__label">Task</span>
        <select data-field="task"></select></label>
      <label class="rd-field"><span class="rd-field__label">Cell</span>
        <select data-field="cell">
          <option value="rnn">RNN (Elman)</option>
          <option value="lstm">LSTM</option>
          <option value="gru">GRU</option>
        </select></label>
      <label class="rd-field"><span class="rd-field__label">Nonlinearity</span>
        <select data-field="nonlinearity">
          <option value="tanh">tanh</option>
          <option value="relu">ReLU</option>
        </select></label>
      <label class="rd-field"><span class="rd-field__label">Hidden size</span>
        <input type="number" inputmode="numeric" step="1" data-field="hidden"></label>
      <label class="rd-field"><span class="rd-field__label">Layers</span>
        <select data-field="layers">
          <option>1</option><option>2</option><option>3</option><option>4</option>
        </select></label>
      <label class="rd-field"><span class="rd-field__label">Time steps</span>
        <input type="number" inputmode="numeric" step="1" data-field="timeStep"></label>
      <label class="rd-field"><span class="rd-field__label">Optimizer</span>
        <select data-field="optimizer">
          <option value="adam">Adam</option>
          <option value="sgd">SGD</option>
        </select></label>
      <label class="rd-field"><span class="rd-field__label">Learning rate</span>
        <input type="number" inputmode="decimal" step="any" data-field="lr"></label>
      <label class="rd-field"><span class="rd-field__label">Momentum (SGD)</span>
        <input type="number" inputmode="decimal" step="any" data-field="momentum"></label>
      <label class="rd-field"><span class="rd-field__label">Clip grad norm (0 = off)</span>
        <input type="number" inputmode="decimal" step="any" data-field="clipNorm"></label>
      <label class="rd-field"><span class="rd-field__label">Seed</span>
        <input type="number" inputmode="numeric" step="1" data-field="seed"></label>
    </div>
    <p class="rd-task-description" data-task-description></p>
    <div class="rd-files" role="group" aria-label="Weights and checkpoints">
      <button type="button" class="rd-btn rd-btn--small" data-action="export-weights">Export weights</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="import-weights">Import weights…</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="export-checkpoint">Export checkpoint</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="import-checkpoint">Import checkpoint…</button>
      <input type="file" accept=".json,application/json" class="rd-visually-hidden" tabindex="-1"
        data-file="weights" aria-label="Weights file to import">
      <input type="file" accept=".json,application/json" class="rd-visually-hidden" tabindex="-1"
        data-file="checkpoint" aria-label="Checkpoint file to import">
    </div>
    <div class="rd-messages" data-messages role="status" aria-live="polite"></div>
  </section>

  <section class="rd-card rd-loss">
    <h2 class="rd-card__title">Loss <span class="rd-card__note">(MSE per window, log scale)</span></h2>
    <canvas class="rd-canvas rd-canvas--loss" data-chart="loss" role="img"
      aria-label="Loss curve over training steps, logarithmic scale"></canvas>
  </section>

  <section class="rd-card rd-hidden">
    <h2 class="rd-card__title">Hidden state <span class="rd-card__note">(top layer, last window)</span></h2>
    <canvas class="rd-canvas rd-canvas--hidden" data-chart="hidden" role="img"
      aria-label="Heatmap of the hidden units over the time steps of the last window"></canvas>
  </section>

  <section class="rd-card rd-preview">
    <h2 class="rd-card__title">The task <span class="rd-card__note">(sin in, cos out)</span></h2>
    <canvas class="rd-canvas rd-canvas--preview" data-chart="preview" role="img"
      aria-label="Preview: the input sin(t) in grey and the target cos(t) in red, over 0 to 2 pi"></canvas>
  </section>
</div>
`;

/** Fills `root` with the demo's markup and returns the parts the logic needs. */
export function render(root) {
  root.classList.add('rd');
  root.innerHTML = TEMPLATE;
  const one = (sel) => root.querySelector(sel);
  const fields = {};
  for (const el of root.querySelectorAll('[data-field]')) fields[el.dataset.field] = el;
  const canvases = {};
  for (const el of root.querySelectorAll('canvas[data-chart]')) canvases[el.dataset.chart] = el;
  const readouts = {};
  for (const el of root.querySelectorAll('[data-readout]')) readouts[el.dataset.readout] = el;
  const actions = {};
  for (const el of root.querySelectorAll('[data-action]')) actions[el.dataset.action] = el;
  return {
    fields,
    canvases,
    readouts,
    actions,
    files: {
      weights: one('[data-file="weights"]'),
      checkpoint: one('[data-file="checkpoint"]'),
    },
    speedText: one('[data-speed-text]'),
    taskDescription: one('[data-task-description]'),
    messages: one('[data-messages]'),
  };
}

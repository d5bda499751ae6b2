// The demo's markup, built inside the root it is given (the <rnn-playground> element's shadow
// root). The logic finds elements by data-attributes relative to that root; no ids, and every
// form control sits inside its <label>. `data-control` names a control (settings.js CONTROLS),
// `data-chart` a chart (CHARTS); `part` names the pieces a page may style with ::part().

import { SETTINGS } from './settings-schema.js';

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const select = (name, options) => `<select data-field="${name}">${options
  .map(({ value, label, description }) => `<option value="${value}"${description ? ` title="${escape(description)}"` : ''}>${escape(label)}</option>`)
  .join('')}</select>`;
/** Integers with at most this many values get a select rather than a number field. */
const MAX_LISTED = 8;

/** The form control of one setting, from its row of the settings table. */
function control(s) {
  if (s.kind === 'choice' || s.kind === 'boolean') return select(s.name, s.choices);
  if (s.kind === 'integer' && s.max - s.min < MAX_LISTED) {
    const values = Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i);
    return select(s.name, values.map((n) => ({ value: n, label: n })));
  }
  const mode = s.kind === 'integer' ? 'numeric' : 'decimal';
  return `<input type="number" inputmode="${mode}" step="${s.kind === 'integer' ? 1 : 'any'}" data-field="${s.name}">`;
}

/** A setting's field: its label (with what 0 means, where 0 turns it off) around its control. */
const field = (s) => `<label class="rd-field" data-control="${s.name}" title="${escape(s.help)}">` +
  `<span class="rd-field__label">${escape(s.label)}${s.zero ? ` (0 = ${s.zero})` : ''}</span>${control(s)}</label>`;

/** Every setting but the speed (its slider is above the grid), in the table's order. */
const FORM = SETTINGS.filter((s) => s.name !== 'speed').map(field).join('\n      ');

const TEMPLATE = `
<div class="rd-layout" part="layout">
  <section class="rd-card rd-strip" data-card="strip" part="card strip">
    <h2 class="rd-card__title">Live prediction <span class="rd-card__note">(the last windows: target, prediction and input, as in the legend)</span></h2>
    <canvas class="rd-canvas rd-canvas--strip" data-chart="strip" role="img" tabindex="0"
      aria-label="Strip chart of the last windows: target, prediction and the faint input"></canvas>
    <output class="rd-probe" data-probe="strip" aria-live="polite"></output>
  </section>

  <section class="rd-card rd-controls" data-card="controls" part="card controls" aria-label="Controls">
    <div class="rd-buttons" role="group" aria-label="Training">
      <button type="button" class="rd-btn rd-btn--primary" data-action="play" data-control="play" part="button play" aria-keyshortcuts="Space" aria-pressed="false">Play</button>
      <button type="button" class="rd-btn" data-action="step" data-control="step" part="button step" aria-keyshortcuts="ArrowRight">Step</button>
      <button type="button" class="rd-btn" data-action="reset" data-control="reset" part="button reset" aria-keyshortcuts="R">Reset</button>
    </div>
    <button type="button" class="rd-btn rd-btn--small" data-action="tutorial" data-control="tutorial" part="button tutorial"
      title="The PyTorch tutorial's settings, 60 windows, then stop">Run the tutorial</button>
    <label class="rd-field rd-field--wide" data-control="speed">
      <span class="rd-field__label">Speed <output data-speed-text>1</output> steps/frame</span>
      <input type="range" min="0" max="12" step="1" value="0" data-field="speed"
        aria-label="Speed: training steps per animation frame">
    </label>
    <div class="rd-grid" data-settings>
      ${FORM}
    </div>
    <p class="rd-task-description" data-task-description></p>
    <div class="rd-files" role="group" aria-label="Weights and checkpoints" data-control="files">
      <button type="button" class="rd-btn rd-btn--small" data-action="export-weights">Export weights</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="export-safetensors"
        title="The weights as a safetensors file (safetensors.torch.load_file reads it)">Export .safetensors</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="import-weights">Import weights…</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="export-checkpoint">Export checkpoint</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="import-checkpoint">Import checkpoint…</button>
      <button type="button" class="rd-btn rd-btn--small" data-action="export-losses">Loss history (CSV)</button>
      <input type="file" accept=".json,.safetensors,application/json" class="rd-visually-hidden" tabindex="-1"
        data-file="weights" aria-label="Weights file to import (JSON or safetensors)">
      <input type="file" accept=".json,application/json" class="rd-visually-hidden" tabindex="-1"
        data-file="checkpoint" aria-label="Checkpoint file to import">
    </div>
    <button type="button" class="rd-btn rd-btn--small" data-action="pytorch" data-control="pytorch"
      title="A Python script that reproduces this run in PyTorch">Copy as PyTorch…</button>
    <dialog class="rd-dialog" data-dialog="pytorch" aria-label="This run as a PyTorch script" part="dialog">
      <form method="dialog" class="rd-dialog__body">
        <p class="rd-dialog__lead">This run in PyTorch: the same model, seed, optimizer, windows and settings
          (changes included, at their steps). <code>python3 run.py</code> prints one loss per line, the
          losses this page trained.</p>
        <pre class="rd-code" data-script tabindex="0"></pre>
        <p class="rd-dialog__status" data-copy-status role="status"></p>
        <div class="rd-buttons">
          <button type="button" class="rd-btn rd-btn--primary" data-action="copy-script">Copy</button>
          <button type="button" class="rd-btn" data-action="download-script">Download run.py</button>
          <button type="submit" class="rd-btn">Close</button>
        </div>
      </form>
    </dialog>
  </section>

  <div class="rd-status" part="status">
    <dl class="rd-readouts" aria-label="Training readouts" part="readouts" data-control="readouts">
      <div><dt>step</dt><dd data-readout="step">0</dd></div>
      <div><dt>loss</dt><dd data-readout="loss">–</dd></div>
      <div><dt>RMSE</dt><dd data-readout="rmse">–</dd></div>
      <div><dt>R²</dt><dd data-readout="r2">–</dd></div>
      <div><dt>steps/s</dt><dd data-readout="rate">–</dd></div>
      <div><dt>µs/step</dt><dd data-readout="cost">–</dd></div>
    </dl>
    <div class="rd-messages" data-messages role="status" aria-live="polite" part="messages"></div>
  </div>

  <div class="rd-row">
    <section class="rd-card rd-loss" data-card="loss" part="card loss">
      <h2 class="rd-card__title">Loss <span class="rd-card__note">(MSE per window, log scale)</span></h2>
      <canvas class="rd-canvas rd-canvas--small" data-chart="loss" role="img" tabindex="0"
        aria-label="Loss curve over training steps, logarithmic scale"></canvas>
    <output class="rd-probe" data-probe="loss" aria-live="polite"></output>
    </section>

    <section class="rd-card rd-hidden" data-card="hidden" part="card hidden">
      <h2 class="rd-card__title">Hidden state <span class="rd-card__note">(top layer, last window)</span></h2>
      <canvas class="rd-canvas rd-canvas--small" data-chart="hidden" role="img" tabindex="0"
        aria-label="Heatmap of the hidden units over the time steps of the last window"></canvas>
    <output class="rd-probe" data-probe="hidden" aria-live="polite"></output>
    </section>

    <section class="rd-card rd-gradients" data-card="gradients" part="card gradients">
      <h2 class="rd-card__title">Gradient flow <span class="rd-card__note">(‖dL/dh_t‖ over the window, log; the norm over training)</span></h2>
      <canvas class="rd-canvas rd-canvas--small" data-chart="gradients" role="img" tabindex="0"
        aria-label="Gradient flow: the norm of the loss gradient reaching the hidden state at each time step, and the global gradient norm over training"></canvas>
      <output class="rd-probe" data-probe="gradients" aria-live="polite"></output>
    </section>

    <section class="rd-card rd-preview" data-card="preview" part="card preview">
      <h2 class="rd-card__title">The task <span class="rd-card__note" data-task-note></span></h2>
      <canvas class="rd-canvas rd-canvas--small" data-chart="preview" role="img" tabindex="0"
        aria-label="The task over one period, 0 to 2 pi: its input and its target"></canvas>
    <output class="rd-probe" data-probe="preview" aria-live="polite"></output>
    </section>
  </div>

  <details class="rd-card rd-equations" data-card="equations" part="card equations">
    <summary class="rd-card__title">The equations <span class="rd-card__note">(the chosen cell, truncated backpropagation through time)</span></summary>
    <div class="rd-eq" data-equations></div>
  </details>
</div>
`;

/** Fills `root` (an element or a shadow root) with the demo's markup; returns the parts the logic needs. */
export function render(root) {
  const holder = document.createElement('div');
  holder.className = 'rd';
  holder.innerHTML = TEMPLATE;
  root.append(holder);
  const one = (sel) => holder.querySelector(sel);
  const byData = (sel, key) => {
    const out = {};
    for (const el of holder.querySelectorAll(sel)) out[el.dataset[key]] = el;
    return out;
  };
  return {
    root: holder,
    fields: byData('[data-field]', 'field'),
    canvases: byData('canvas[data-chart]', 'chart'),
    cards: byData('[data-card]', 'card'),
    readouts: byData('[data-readout]', 'readout'),
    actions: byData('[data-action]', 'action'),
    controls: [...holder.querySelectorAll('[data-control]')],
    files: {
      weights: one('[data-file="weights"]'),
      checkpoint: one('[data-file="checkpoint"]'),
    },
    speedText: one('[data-speed-text]'),
    probes: byData('[data-probe]', 'probe'),
    equations: one('[data-equations]'),
    dialog: {
      pytorch: one('[data-dialog="pytorch"]'),
      script: one('[data-script]'),
      status: one('[data-copy-status]'),
    },
    taskDescription: one('[data-task-description]'),
    taskNote: one('[data-task-note]'),
    messages: one('[data-messages]'),
  };
}

/**
 * Shows only the named controls and charts (Sets of names); a card with nothing left in it
 * is hidden too, and the layout closes up (data-attributes on the layout drive the CSS).
 */
export function showParts(view, controls, charts) {
  for (const el of view.controls) el.hidden = !controls.has(el.dataset.control);
  for (const [name, card] of Object.entries(view.cards)) {
    if (name !== 'controls' && name !== 'equations') card.hidden = !charts.has(name);
  }
  const anyControl = view.controls.some((el) => !el.hidden);
  view.cards.controls.hidden = !anyControl;
  const settingsShown = [...view.root.querySelectorAll('[data-settings] [data-control]')].some((el) => !el.hidden);
  view.root.querySelector('[data-settings]').hidden = !settingsShown;
  view.taskDescription.hidden = !controls.has('task');
  const layout = view.root.querySelector('.rd-layout');
  layout.dataset.controls = anyControl ? 'shown' : 'none';
  layout.dataset.strip = charts.has('strip') ? 'shown' : 'none';
  const small = ['loss', 'hidden', 'gradients', 'preview'].filter((c) => charts.has(c)).length;
  view.root.querySelector('[data-card="equations"]').hidden = !charts.has('equations');
  layout.querySelector('.rd-row').hidden = small === 0;
}

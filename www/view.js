// The demo's markup, built inside the root it is given (the <rnn-playground> element's shadow
// root) with DOM calls only: no HTML strings, so hosts that enforce Trusted Types
// (`require-trusted-types-for 'script'`) need no policy. Every text comes from the Translator
// (i18n.js): `localize(view, tr)` writes them all again when the language changes.
// The logic finds elements by data-attributes relative to the root; no ids, and every form
// control sits inside its <label>. `data-control` names a control (settings.js CONTROLS),
// `data-chart` a chart (CHARTS); `part` names the pieces a page may style with ::part().

import { SETTINGS } from './settings-schema.js';
import { SPEEDS } from './settings.js';

/** Integers with at most this many values get a select rather than a number field. */
const MAX_LISTED = 8;

/**
 * An element: `attrs` are its attributes (`text` its text, `on` none), then its children. A
 * `t` attribute is the catalog key of its text, `tAttrs` {attribute: key} of its attributes'
 * texts; both are (re)written by localize().
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 't') el.dataset.t = value;
    else if (name === 'tAttrs') el.dataset.tAttrs = Object.entries(value).map(([a, key]) => `${a}=${key}`).join(' ');
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

/** The form control of one setting, from its row of the settings table. */
function control(s) {
  if (s.kind === 'choice' || s.kind === 'boolean') {
    return h('select', { 'data-field': s.name }, ...s.choices.map((c) => h('option', { value: String(c.value), 'data-choice': String(c.value) })));
  }
  if (s.kind === 'integer' && s.max - s.min < MAX_LISTED) {
    const values = Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i);
    return h('select', { 'data-field': s.name }, ...values.map((n) => h('option', { value: n }, String(n))));
  }
  // Text, not type=number: a number field turns a typed "0,01" into "001"; settings.js parses
  // what was typed (a decimal comma included) or says why not.
  return h('input', {
    type: 'text', inputmode: s.kind === 'integer' ? 'numeric' : 'decimal', autocomplete: 'off',
    spellcheck: 'false', 'data-field': s.name,
  });
}

/**
 * A setting's field: its label (with what 0 means, where 0 turns it off) around its control and
 * the place of its messages (messages.js).
 */
const field = (s) => h('label', { class: 'rd-field', 'data-control': s.name, 'data-setting': s.name },
  h('span', { class: 'rd-field__label' }), control(s), h('span', { class: 'rd-field__msgs' }));

/** A chart's card; `part` is written out at each call (scripts/custom-elements.mjs reads the part names from this file). */
const card = (name, part, ...children) =>
  h('section', { class: `rd-card rd-${name}`, 'data-card': name, part }, ...children);
/** A chart's title and note (the preview's note is the task's description, written by the demo). */
const title = (name) => h('h2', { class: 'rd-card__title' },
  h('span', { t: `chart.${name}.title` }), ' ',
  h('span', name === 'preview' ? { class: 'rd-card__note', 'data-task-note': '' } : { class: 'rd-card__note', t: `chart.${name}.note` }));
const canvas = (name, size) => h('canvas', {
  class: `rd-canvas rd-canvas--${size}`, 'data-chart': name, role: 'img', tabindex: 0,
  tAttrs: { 'aria-label': `chart.${name}.label` },
});
const probe = (name) => h('output', { class: 'rd-probe', 'data-probe': name, 'aria-live': 'polite' });
const button = (action, attrs = {}) => h('button', {
  type: 'button', class: 'rd-btn rd-btn--small', 'data-action': action, t: `button.${action}`, ...attrs,
});
const readout = (name) => h('div', {}, h('dt', { t: `readout.${name}` }), h('dd', { 'data-readout': name }, '–'));
const chartCard = (name, part, size = 'small') => card(name, part, title(name), canvas(name, size), probe(name));

function markup() {
  const form = SETTINGS.filter((s) => s.name !== 'speed').map(field);
  return h('div', { class: 'rd-layout', part: 'layout' },
    chartCard('strip', 'card strip', 'strip'),
    h('section', { class: 'rd-card rd-controls', 'data-card': 'controls', part: 'card controls', tAttrs: { 'aria-label': 'controls.label' } },
      h('div', { class: 'rd-buttons', role: 'group', tAttrs: { 'aria-label': 'controls.training' } },
        button('play', { class: 'rd-btn rd-btn--primary', 'data-control': 'play', part: 'button play', 'aria-keyshortcuts': 'Space' }),
        button('step', { class: 'rd-btn', 'data-control': 'step', part: 'button step', 'aria-keyshortcuts': 'ArrowRight' }),
        button('reset', { class: 'rd-btn', 'data-control': 'reset', part: 'button reset', 'aria-keyshortcuts': 'R' })),
      // The run's own messages (stopped, diverged), under its buttons where shown: in view when one is pressed.
      h('div', { class: 'rd-messages', 'data-run-messages': '', role: 'status', 'aria-live': 'polite', part: 'messages' }),
      // What a value typed in a field did, said (shown under the field: messages.js).
      h('span', { class: 'rd-visually-hidden', 'data-field-status': '', role: 'status', 'aria-live': 'polite' }),
      button('tutorial', { 'data-control': 'tutorial', part: 'button tutorial', tAttrs: { title: 'button.tutorial.title' } }),
      h('label', { class: 'rd-field rd-field--wide', 'data-control': 'speed' },
        h('span', { class: 'rd-field__label' },
          h('span', { t: 'speed.label' }), ' ', h('output', { 'data-speed-text': '' }, '1'), ' ', h('span', { 'data-speed-unit': '' })),
        h('input', { type: 'range', min: 0, max: SPEEDS.length - 1, step: 1, value: 0, 'data-field': 'speed', tAttrs: { 'aria-label': 'speed.aria' } })),
      h('div', { class: 'rd-grid', 'data-settings': '' }, ...form),
      h('p', { class: 'rd-task-description', 'data-task-description': '' }),
      h('div', { class: 'rd-files', role: 'group', 'data-control': 'files', tAttrs: { 'aria-label': 'files.label' } },
        button('export-weights'),
        button('export-safetensors', { tAttrs: { title: 'button.export-safetensors.title' } }),
        button('import-weights'),
        button('export-checkpoint'),
        button('import-checkpoint'),
        button('export-losses'),
        // What the weights import reads (JSON, safetensors, NumPy .npz: judged by content) or
        // explains (a PyTorch .pt/.pth gets the line of Python that converts it, a zipped JSON
        // file what to unzip): none hidden.
        h('input', { type: 'file', accept: '.json,.safetensors,.npz,.pt,.pth,.zip,application/json', class: 'rd-visually-hidden', tabindex: -1,
          'data-file': 'weights', tAttrs: { 'aria-label': 'files.weights' } }),
        h('input', { type: 'file', accept: '.json,application/json', class: 'rd-visually-hidden', tabindex: -1,
          'data-file': 'checkpoint', tAttrs: { 'aria-label': 'files.checkpoint' } })),
      // What a file the reader chose or exported came to, under the buttons (in view when one is pressed).
      h('div', { class: 'rd-messages', 'data-file-messages': '', role: 'status', 'aria-live': 'polite', part: 'messages' }),
      button('pytorch', { 'data-control': 'pytorch', tAttrs: { title: 'button.pytorch.title' } }),
      h('dialog', { class: 'rd-dialog', 'data-dialog': 'pytorch', part: 'dialog', tAttrs: { 'aria-label': 'pytorch.label' } },
        h('form', { method: 'dialog', class: 'rd-dialog__body' },
          h('p', { class: 'rd-dialog__lead', 'data-dialog-lead': '' }),
          h('pre', { class: 'rd-code', 'data-script': '', tabindex: 0 }),
          h('p', { class: 'rd-dialog__status', 'data-copy-status': '', role: 'status' }),
          h('div', { class: 'rd-buttons' },
            h('button', { type: 'button', class: 'rd-btn rd-btn--primary', 'data-action': 'copy-script', t: 'pytorch.copy' }),
            h('button', { type: 'button', class: 'rd-btn', 'data-action': 'download-script', t: 'pytorch.download' }),
            h('button', { type: 'submit', class: 'rd-btn', t: 'pytorch.close' }))))),
    h('div', { class: 'rd-status', part: 'status' },
      h('dl', { class: 'rd-readouts', part: 'readouts', 'data-control': 'readouts', tAttrs: { 'aria-label': 'readout.label' } },
        ...['step', 'loss', 'rmse', 'r2', 'rate', 'cost'].map(readout)),
      h('div', { class: 'rd-messages', 'data-messages': '', role: 'status', 'aria-live': 'polite', part: 'messages' })),
    h('div', { class: 'rd-row' },
      chartCard('loss', 'card loss'), chartCard('hidden', 'card hidden'),
      chartCard('gradients', 'card gradients'), chartCard('preview', 'card preview')),
    h('section', { class: 'rd-card rd-unrolled', 'data-card': 'unrolled', part: 'card unrolled' },
      title('unrolled'),
      h('p', { class: 'rd-unrolled__shapes', 'data-unrolled-shapes': '' }),
      h('div', { class: 'rd-buttons rd-unrolled__buttons', role: 'group', tAttrs: { 'aria-label': 'unrolled.controls' } },
        button('unrolled-enter', { t: 'unrolled.enter' }),
        button('unrolled-back', { t: 'unrolled.back', 'aria-keyshortcuts': 'ArrowLeft', hidden: true }),
        button('unrolled-forward', { t: 'unrolled.forward', 'aria-keyshortcuts': 'ArrowRight', hidden: true }),
        button('unrolled-play', { t: undefined, hidden: true }),
        button('unrolled-leave', { t: 'unrolled.leave', 'aria-keyshortcuts': 'Escape', hidden: true })),
      // The run's messages where Step inside was refused (the stop-after limit, a divergence): in view when pressed.
      h('div', { class: 'rd-messages', 'data-unrolled-messages': '', role: 'status', 'aria-live': 'polite', part: 'messages' }),
      h('p', { class: 'rd-unrolled__phase', 'data-unrolled-phase': '', 'aria-live': 'polite' }),
      h('div', { class: 'rd-unrolled__scroll', 'data-unrolled-grid': '', role: 'group', tabindex: 0, tAttrs: { 'aria-label': 'chart.unrolled.label' } }),
      probe('unrolled'),
      h('table', { class: 'rd-unrolled__table', 'data-unrolled-table': '', hidden: true, tabindex: 0 }),
      h('details', { class: 'rd-unrolled__detail', 'data-unrolled-detail': '' },
        h('summary', { t: 'unrolled.detail.title' }),
        h('div', { class: 'rd-unrolled__pick', 'data-unrolled-pick': '' }),
        h('div', { class: 'rd-eq', 'data-unrolled-math': '' }))),
    h('details', { class: 'rd-card rd-equations', 'data-card': 'equations', part: 'card equations' },
      h('summary', { class: 'rd-card__title' },
        h('span', { t: 'equations.title' }), ' ', h('span', { class: 'rd-card__note', t: 'equations.note' })),
      h('div', { class: 'rd-eq', 'data-equations': '' })));
}

/** Fills `root` (an element or a shadow root) with the demo's markup; returns the parts the logic needs. */
export function render(root) {
  const holder = h('div', { class: 'rd' }, markup());
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
    fieldStatus: one('[data-field-status]'),
    speedText: one('[data-speed-text]'),
    speedUnit: one('[data-speed-unit]'),
    probes: byData('[data-probe]', 'probe'),
    equations: one('[data-equations]'),
    dialog: {
      pytorch: one('[data-dialog="pytorch"]'),
      lead: one('[data-dialog-lead]'),
      script: one('[data-script]'),
      status: one('[data-copy-status]'),
    },
    taskDescription: one('[data-task-description]'),
    taskNote: one('[data-task-note]'),
    unrolled: {
      shapes: one('[data-unrolled-shapes]'),
      phase: one('[data-unrolled-phase]'),
      grid: one('[data-unrolled-grid]'),
      table: one('[data-unrolled-table]'),
      detail: one('[data-unrolled-detail]'),
      pick: one('[data-unrolled-pick]'),
      math: one('[data-unrolled-math]'),
    },
    messages: one('[data-messages]'),
    runMessages: one('[data-run-messages]'),
    unrolledMessages: one('[data-unrolled-messages]'),
    fileMessages: one('[data-file-messages]'),
  };
}

/** Writes every static text of `view` in the Translator's language (and the root's `lang`). */
export function localize(view, tr) {
  const root = view.root;
  root.lang = tr.locale;
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = tr.t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-attrs]')) {
    for (const pair of el.dataset.tAttrs.split(' ')) {
      const [attribute, key] = pair.split('=');
      el.setAttribute(attribute, tr.t(key));
    }
  }
  for (const label of root.querySelectorAll('[data-setting]')) {
    const name = label.dataset.setting;
    label.querySelector('.rd-field__label').textContent = tr.fieldLabel(name);
    label.title = tr.setting(name, 'help');
    for (const option of label.querySelectorAll('option[data-choice]')) {
      option.textContent = tr.choice(name, option.value, 'label');
      const description = tr.choice(name, option.value, 'description');
      if (description) option.title = description;
    }
  }
  view.dialog.lead.textContent = tr.t('pytorch.lead');
  showSpeed(view, Number(view.speedText.dataset.speed ?? 1), tr);
}

/**
 * Shows `speed` (steps per frame; 0, max: as many as fit in the frame's time) by the slider, in
 * `tr`'s language: "1,000 steps/frame", "max"; the slider's aria-valuetext says the same.
 */
export function showSpeed(view, speed, tr) {
  const text = speed === 0 ? tr.setting('speed', 'zero') : tr.count(speed);
  view.speedText.dataset.speed = String(speed);
  view.speedText.textContent = text;
  const unit = tr.plural('speed.unit', speed);
  view.speedUnit.textContent = unit;
  view.speedUnit.hidden = speed === 0;
  view.fields.speed.setAttribute('aria-valuetext', speed === 0 ? text : `${text} ${unit}`);
}

/** The media query of a reader who asked for less motion (its list's change event: the preference changed). */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
/** Whether the reader asked for less motion (prefers-reduced-motion: reduce). */
export const reducedMotion = () => window.matchMedia?.(REDUCED_MOTION).matches ?? false;

/**
 * Where `anchor` (the control that asked for `el`) is in the window and `el` is below it (a
 * phone's), scrolls `el` in: the least that shows it, smoothly unless the reader asked for less
 * motion. The window: what the reader sees of it (the visual viewport, above a phone's
 * on-screen keyboard, where the browser says).
 */
export function bringIntoView(el, anchor) {
  const vv = window.visualViewport;
  const [top, bottom] = vv ? [vv.offsetTop, vv.offsetTop + vv.height] : [0, innerHeight];
  const a = anchor.getBoundingClientRect();
  if (a.bottom > top && a.top < bottom && el.getBoundingClientRect().bottom > bottom) {
    el.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
}

/**
 * Labels Play with what a press does, in `tr`'s language: Pause while `playing` (the demo
 * trains, or will once it starts), else Play. The label says it, not aria-pressed: a button
 * whose name changes is not also a toggle. `busy`: the run is in the training worker or on its
 * way back while paused (a Step's window, up to a few hundred ms on a large network):
 * aria-busy and a progress cursor on the buttons until it is here.
 */
export function showPlaying(view, tr, playing, busy = false) {
  view.actions.play.textContent = tr.t(playing ? 'button.pause' : 'button.play');
  if (busy) view.root.setAttribute('aria-busy', 'true');
  else view.root.removeAttribute('aria-busy');
}

/**
 * Shows only the named controls and charts (Sets of names); a card with nothing left in it
 * is hidden too, and the layout closes up (data-attributes on the layout drive the CSS:
 * `data-controls` none, buttons or shown, `data-strip` none or shown).
 */
export function showParts(view, controls, charts) {
  for (const el of view.controls) el.hidden = !controls.has(el.dataset.control);
  for (const [name, card] of Object.entries(view.cards)) {
    if (name !== 'controls' && name !== 'equations') card.hidden = !charts.has(name);
  }
  // The controls in the controls card (the readouts are under the strip chart).
  const inCard = view.controls.filter((el) => !el.hidden && view.cards.controls.contains(el));
  view.cards.controls.hidden = inCard.length === 0;
  const settingsShown = [...view.root.querySelectorAll('[data-settings] [data-control]')].some((el) => !el.hidden);
  view.root.querySelector('[data-settings]').hidden = !settingsShown;
  view.taskDescription.hidden = !controls.has('task');
  const layout = view.root.querySelector('.rd-layout');
  // "buttons": Play, Step and Reset alone, a row under the strip chart rather than a column beside it.
  const buttonsOnly = inCard.every((el) => el.matches('.rd-buttons > *'));
  layout.dataset.controls = inCard.length === 0 ? 'none' : buttonsOnly ? 'buttons' : 'shown';
  layout.dataset.strip = charts.has('strip') ? 'shown' : 'none';
  // The row's small charts besides the gradient flow (which may have a row of its own: element-style.js).
  const small = ['loss', 'hidden', 'preview'].filter((c) => charts.has(c)).length;
  view.root.querySelector('[data-card="equations"]').hidden = !charts.has('equations');
  const row = layout.querySelector('.rd-row');
  row.hidden = small === 0 && !charts.has('gradients');
  row.dataset.small = String(small);
}

// The <rnn-playground> element's styles: one constructed stylesheet shared by every element
// on the page (adoptedStyleSheets: no <style> element and no inline style, so a strict
// Content-Security-Policy without 'unsafe-inline' allows it). Nothing leaks in or out of the
// shadow root; a page themes the element through these custom properties:
//   --rnn-target-color      the target curve (charts and legend)
//   --rnn-prediction-color  the prediction curve (charts and legend)
//   --rnn-input-color       the input curve (charts and legend)
//   --rnn-background        cards and charts
//   --rnn-text-color        text and axes
//   --rnn-accent-color      buttons, focus rings
//   --rnn-font              the element's text (not the text drawn in the charts)
// and through ::part(): layout, card (and strip, controls, loss, hidden, gradients, preview,
// equations), status, readouts, messages, button (and play, step, reset, tutorial), dialog,
// placeholder.
// Sizes follow the element's own width (container queries), not the viewport's.

const CSS = `
:host {
  display: block;
  font-family: var(--rnn-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif);
  line-height: 1.45;
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }

.rd, .rd-placeholder {
  color-scheme: light dark;
  --bg: var(--rnn-background, light-dark(#ffffff, #171a21));
  --text: var(--rnn-text-color, light-dark(#1c1f26, #e7e9ee));
  --muted: light-dark(#5a6272, #9aa3b4);
  --border: light-dark(#dde1e7, #2b303b);
  --accent: var(--rnn-accent-color, light-dark(#2563eb, #3b82f6));
  --accent-text: #ffffff;
  --target: var(--rnn-target-color, #d62728);
  --prediction: var(--rnn-prediction-color, #1f77b4);
  --input: var(--rnn-input-color, #999999);
  --field-bg: light-dark(#ffffff, #11141a);
  --error-bg: light-dark(#fdecec, #3a1618);
  --error-border: light-dark(#f3b4b4, #7f2a2e);
  --warning-bg: light-dark(#fff6e0, #33280f);
  --warning-border: light-dark(#f0d28a, #76591c);
  --info-bg: light-dark(#eaf1fe, #142242);
  --info-border: light-dark(#bcd0fb, #2b4580);
  --radius: 10px;
  --gap: 0.75rem;
  color: var(--text);
  container-type: inline-size;
}
.rd[data-theme="light"] { color-scheme: light; }
.rd[data-theme="dark"] { color-scheme: dark; }

.rd-placeholder {
  display: grid;
  place-items: center;
  min-height: 12rem;
  margin: 0;
  padding: 1rem;
  border: 1px dashed var(--border);
  border-radius: var(--radius);
  color: var(--muted);
  text-align: center;
}
.rd-placeholder[data-kind="error"] { background: var(--error-bg); border: 1px solid var(--error-border); color: var(--text); }

/* ---------- layout: one column; beside each other from 760px of the element's width ---------- */

.rd-layout {
  display: grid;
  gap: var(--gap);
  grid-template-columns: minmax(0, 1fr);
  grid-template-areas: "strip" "status" "controls" "row" "equations";
}
@container (min-width: 760px) {
  .rd-layout {
    grid-template-columns: minmax(0, 1fr) minmax(17rem, 22rem);
    grid-template-areas: "strip controls" "status controls" "row row" "equations equations";
  }
  .rd-strip { display: flex; flex-direction: column; }
  .rd-canvas--strip { flex: 1 1 auto; }
  .rd-layout[data-controls="none"] {
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: "strip" "status" "row" "equations";
  }
}

.rd-strip { grid-area: strip; }
@container (min-width: 760px) {
  /* Two panels side by side: twice the room of the other small charts. */
  .rd-gradients { grid-column: span 2; }
}
.rd-equations { grid-area: equations; }
.rd-equations summary { cursor: pointer; margin: 0; }
.rd-eq { overflow-x: auto; }
.rd-eq math { margin: 0.3rem 0; }
.rd-eq p { margin: 0.5rem 0; max-width: 70ch; }
.rd-eq__lead { color: var(--muted); font-size: 0.9rem; }
.rd-probe {
  display: block;
  min-height: 1.4em;
  margin-top: 0.3rem;
  font: 0.85rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  color: var(--muted);
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
.rd-canvas:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.rd-dialog {
  width: min(52rem, 94vw);
  max-height: 88vh;
  padding: 0;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--bg);
  color: var(--text);
}
.rd-dialog::backdrop { background: rgb(0 0 0 / 0.45); }
.rd-dialog__body { display: flex; flex-direction: column; gap: 0.6rem; padding: 1rem; margin: 0; }
.rd-dialog__lead, .rd-dialog__status { margin: 0; font-size: 0.9rem; color: var(--muted); }
.rd-code {
  margin: 0;
  max-height: 55vh;
  overflow: auto;
  padding: 0.6rem;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--field-bg);
  font: 0.8rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  white-space: pre;
}
.rd-controls { grid-area: controls; align-self: start; }
.rd-status { grid-area: status; display: flex; flex-direction: column; gap: 0.5rem; min-width: 0; }
.rd-row {
  grid-area: row;
  display: grid;
  gap: var(--gap);
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
}

.rd-card {
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  padding: 0.75rem;
  min-width: 0;
}

.rd-card__title { margin: 0 0 0.4rem; font-size: 1rem; font-weight: 600; }
.rd-card__note { font-weight: 400; color: var(--muted); font-size: 0.85rem; }

/* Canvases: CSS decides the size; the script sets the backing store to size × devicePixelRatio.
   min-height/min-width 0 keep the backing store's intrinsic size out of the layout. */
.rd-canvas { display: block; width: 100%; min-width: 0; min-height: 0; border-radius: 6px; touch-action: pan-y; }
.rd-canvas--strip { height: clamp(200px, 42cqi, 440px); }
.rd-canvas--small { height: clamp(160px, 24cqi, 220px); }

.rd-readouts {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
  gap: 0.5rem;
  margin: 0;
}
.rd-readouts div {
  padding: 0.3rem 0.5rem;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--bg);
  min-width: 0;
}
.rd-readouts dt { font-size: 0.8rem; color: var(--muted); }
.rd-readouts dd {
  margin: 0;
  font: 600 1.05rem/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  font-variant-numeric: tabular-nums;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

/* ---------- controls ---------- */

.rd-controls { display: flex; flex-direction: column; gap: 0.75rem; }
.rd-buttons { display: flex; gap: 0.5rem; }
.rd-buttons .rd-btn { flex: 1 1 0; }

.rd-btn {
  font: inherit;
  font-weight: 600;
  padding: 0.5rem 0.8rem;
  min-height: 2.5rem;
  border-radius: 8px;
  border: 1px solid var(--border);
  background: var(--field-bg);
  color: var(--text);
  cursor: pointer;
}
.rd-btn:hover:not(:disabled) { border-color: var(--accent); }
.rd-btn:disabled { opacity: 0.5; cursor: not-allowed; }
.rd-btn--primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.rd-btn--primary:hover:not(:disabled) { filter: brightness(1.08); }
.rd-btn--small { font-size: 0.85rem; font-weight: 500; padding: 0.35rem 0.6rem; min-height: 2.1rem; }

.rd-btn:focus-visible, .rd-field input:focus-visible, .rd-field select:focus-visible,
.rd-msg__close:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}

.rd-grid {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 8rem), 1fr));
  gap: 0.6rem 0.75rem;
}
.rd-field { display: flex; flex-direction: column; gap: 0.2rem; min-width: 0; }
.rd-field__label { font-size: 0.8rem; color: var(--muted); }
.rd-field input[type="number"], .rd-field select {
  font: inherit;
  font-size: 0.95rem;
  width: 100%;
  min-width: 0;
  padding: 0.35rem 0.45rem;
  min-height: 2.2rem;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--field-bg);
  color: var(--text);
}
.rd-field input:disabled, .rd-field select:disabled { opacity: 0.5; }
.rd-field input[type="range"] { width: 100%; accent-color: var(--accent); }
.rd-field output { font-weight: 600; color: var(--text); font-variant-numeric: tabular-nums; }

.rd-task-description { margin: 0; font-size: 0.85rem; color: var(--muted); }
.rd-task-description:empty { display: none; }
.rd-files { display: flex; flex-wrap: wrap; gap: 0.4rem; }

.rd-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
}

/* ---------- messages ---------- */

.rd-messages { display: flex; flex-direction: column; gap: 0.4rem; }
.rd-messages:empty { display: none; }
.rd-msg {
  display: flex;
  align-items: flex-start;
  gap: 0.5rem;
  margin: 0;
  padding: 0.45rem 0.6rem;
  border-radius: 6px;
  border: 1px solid var(--info-border);
  background: var(--info-bg);
  font-size: 0.875rem;
}
.rd-msg[data-kind="error"] { background: var(--error-bg); border-color: var(--error-border); }
.rd-msg[data-kind="warning"] { background: var(--warning-bg); border-color: var(--warning-border); }
.rd-msg__text { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.rd-msg__close {
  font: inherit;
  line-height: 1;
  padding: 0.1rem 0.35rem;
  border: 0;
  border-radius: 4px;
  background: transparent;
  color: var(--muted);
  cursor: pointer;
}
`;

let sheet = null;

/** The element's stylesheet, made once per page and shared by every element. */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

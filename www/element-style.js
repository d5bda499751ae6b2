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
//   --rnn-font-size         the size every size of the element is a multiple of: a length (default 1rem; 1em: the text's where it sits)
//   --rnn-sticky-top        how far below the window's top the parts that stay in view stop (a page's fixed header's height; Step inside's buttons on a phone)
// and through ::part(): layout, card (and strip, controls, loss, hidden, gradients, preview,
// unrolled, equations), status, readouts, messages, button (and play, step, reset, tutorial), dialog,
// placeholder.
// Sizes follow the element's own width (container queries), not the viewport's.

const STYLES = `
:host {
  display: block;
  font-family: var(--rnn-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif);
  line-height: 1.45;
  /* The unit of every size of the element (text, gaps, boxes; not the width breakpoints). */
  --rd-rnn-unit: var(--rnn-font-size, 1rem);
  /* The element's code and numbers in columns (shapes, weights, the script, a message's line of Python). */
  --rd-mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
:host([hidden]) { display: none; }
/* Only "Loading…" yet (element.js #unlaid): scroll anchoring passes over it as it grows. */
:host(:state(unlaid)) { overflow-anchor: none; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }

.rd, .rd-placeholder {
  color-scheme: light dark;
  --bg: var(--rnn-background, light-dark(#ffffff, #171a21));
  --text: var(--rnn-text-color, light-dark(#1c1f26, #e7e9ee));
  /* The other colours are mixed from those, so that a page's --rnn-background and
     --rnn-text-color (light colours on a dark system, say) keep every text readable. */
  --muted: color-mix(in srgb, var(--text) 70%, var(--bg));
  --border: color-mix(in srgb, var(--text) 15%, var(--bg));
  --accent: var(--rnn-accent-color, #2563eb);
  --accent-text: #ffffff;
  --target: var(--rnn-target-color, #d62728);
  --prediction: var(--rnn-prediction-color, #1f77b4);
  --input: var(--rnn-input-color, #999999);
  --field-bg: var(--rnn-background, light-dark(#ffffff, #11141a));
  --error-bg: color-mix(in srgb, #d62728 12%, var(--bg));
  --error-border: color-mix(in srgb, #d62728 45%, var(--bg));
  --warning-bg: color-mix(in srgb, #e0a000 12%, var(--bg));
  --warning-border: color-mix(in srgb, #e0a000 45%, var(--bg));
  --info-bg: color-mix(in srgb, var(--accent) 10%, var(--bg));
  --info-border: color-mix(in srgb, var(--accent) 35%, var(--bg));
  /* Text in a curve's or the accent's colour: toward the text's, readable on either scheme. */
  --target-text: color-mix(in srgb, var(--target) 60%, var(--text));
  --prediction-text: color-mix(in srgb, var(--prediction) 55%, var(--text));
  /* (45 %: a light accent's too, 4.8:1 for #ffd700 on white; at 70 % #25c2a0's had been 3.9:1.) */
  --accent-ink: color-mix(in srgb, var(--accent) 45%, var(--text));
  --radius: 10px;
  --gap: calc(0.75 * var(--rd-rnn-unit));
  color: var(--text);
  container-type: inline-size;
}
/* The accent's text black or white, whichever reads on it: white under WCAG's crossover, a
   relative luminance (CIE XYZ's Y) of 0.1791, where either gives 4.58:1 at least; black above
   (a page's light accent, Docusaurus's dark #25c2a0, had had white text at 2.3:1). White where
   the browser has no relative colours. */
@supports (color: color(from red xyz-d65 x y z)) {
  .rd, .rd-placeholder {
    --accent-text: color(from var(--accent) xyz-d65 calc(0.9505 * clamp(0, (0.1791 - y) * 1e6, 1)) clamp(0, (0.1791 - y) * 1e6, 1) calc(1.089 * clamp(0, (0.1791 - y) * 1e6, 1)));
  }
}
.rd[data-theme="light"] { color-scheme: light; }
.rd[data-theme="dark"] { color-scheme: dark; }

.rd-placeholder {
  display: grid;
  place-items: center;
  min-height: calc(12 * var(--rd-rnn-unit));
  margin: 0;
  padding: var(--rd-rnn-unit);
  border: 1px dashed var(--border);
  border-radius: var(--radius);
  color: var(--muted);
  text-align: center;
}
.rd-placeholder[data-kind="error"] { background: var(--error-bg); border: 1px solid var(--error-border); color: var(--text); }
/* While the engine loads: the demo's layout, its contents dimmed (the cards keep their colour)
   and inert but for Play (element.js #layOut), with "Loading…" over it: at the top of the strip
   chart, below its title (in a browser without anchor positioning, at the view's top;
   wide, over the charts' column); without that chart, where the controls may come first, at
   its bottom. The controls' card is above the box where they still meet (a layout of Play
   alone): Play stays in sight. */
.rd[data-loading] { position: relative; }
.rd[data-loading] :is(.rd-card[inert], [inert] .rd-card) > *,
.rd[data-loading] .rd-card [inert] { opacity: 0.5; }
.rd[data-loading] .rd-controls { position: relative; z-index: 3; }
.rd-loading {
  position: absolute;
  top: var(--rd-rnn-unit);
  left: 50%;
  translate: -50% 0;
  z-index: 2;
  width: max-content;
  max-width: calc(100cqi - 2 * var(--rd-rnn-unit));
  margin: 0;
  padding: calc(0.4 * var(--rd-rnn-unit)) var(--rd-rnn-unit);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--bg);
  text-align: center;
  /* A status, not a control: a tap on it reaches what it covers. */
  pointer-events: none;
}
/* No text while the element's language's texts load (element.js #writePlaceholder): no box over the view either. */
.rd-loading:empty { visibility: hidden; }
.rd-layout[data-strip="none"] ~ .rd-loading { top: auto; bottom: var(--rd-rnn-unit); }
@supports (anchor-name: --rd-strip) {
  .rd-canvas--strip { anchor-name: --rd-strip; }
  .rd-layout[data-strip="shown"] ~ .rd-loading {
    position-anchor: --rd-strip;
    top: calc(anchor(top) + var(--rd-rnn-unit));
    left: anchor(center);
    max-width: calc(anchor-size(width) - 2 * var(--rd-rnn-unit));
  }
}

/* ---------- layout: one column; beside each other from 760px of the element's width ---------- */

/* One column in this order (the strip chart, its readouts and messages, the controls, the row
   of small charts, the unrolled view, the equations), placed by order rather than named areas:
   a part not shown takes no row and leaves no gap. */
.rd-layout {
  display: grid;
  gap: var(--gap);
  grid-template-columns: minmax(0, 1fr);
}
.rd-controls { order: 1; }
.rd-row, .rd-unrolled, .rd-equations { order: 2; }
/* Neither readouts nor a message: no row for them (a gap under the chart, else; so in a
   browser without :has(), which drops the rule: a rule of its own). Out of the flow and
   unpainted, not display: none, so that its messages' area stays a live region
   (.rd-messages:empty below). */
.rd-status:not(:has(> .rd-readouts:not([hidden]), > .rd-messages:not(:empty))) { position: absolute; clip-path: inset(50%); pointer-events: none; }
@container (min-width: 760px) {
  .rd-strip { display: flex; flex-direction: column; }
  .rd-canvas--strip { flex: 1 1 auto; }
  /* The strip chart and the controls beside each other, where both are shown and the controls
     are more than the buttons (Play, Step, Reset alone: a row under the chart, as they would
     leave a tall blank under them and take a third of the chart's width). */
  .rd-layout[data-strip="shown"][data-controls="shown"] {
    grid-template-columns: minmax(0, 1fr) minmax(calc(17 * var(--rd-rnn-unit)), calc(22 * var(--rd-rnn-unit)));
  }
  .rd-layout[data-strip="shown"][data-controls="shown"] > .rd-controls { grid-column: 2; grid-row: 1 / span 2; }
  .rd-layout[data-strip="shown"][data-controls="shown"] > :is(.rd-strip, .rd-status) { grid-column: 1; }
  .rd-layout[data-strip="shown"][data-controls="shown"] > :is(.rd-row, .rd-unrolled, .rd-equations) { grid-column: 1 / -1; }
  /* The status in its row there, empty or not: the controls' second row empty, the grid gives
     it half their height, taken from the strip chart. */
  .rd-layout[data-strip="shown"][data-controls="shown"] > .rd-status { position: static; clip-path: none; pointer-events: auto; }
  /* Two columns: "Loading…" over the charts' one. */
  @supports not (anchor-name: --rd-strip) {
    .rd-layout[data-strip="shown"][data-controls="shown"] ~ .rd-loading {
      left: calc((100cqi - 22 * var(--rd-rnn-unit) - var(--gap)) / 2);
      max-width: calc(100cqi - 22 * var(--rd-rnn-unit) - var(--gap) - 2 * var(--rd-rnn-unit));
    }
  }
}

@container (min-width: 760px) {
  /* Two panels side by side: twice the room of the other small charts. */
  .rd-gradients { grid-column: span 2; }
}

/* ---------- the unrolled view: one column per time step, one row per layer ---------- */

.rd-unrolled__shapes { margin: 0 0 calc(0.5 * var(--rd-rnn-unit)); font: calc(0.85 * var(--rd-rnn-unit))/1.4 var(--rd-mono); overflow-wrap: anywhere; }
.rd-unrolled__buttons { flex-wrap: wrap; max-width: calc(40 * var(--rd-rnn-unit)); }
/* Inside a step, in a narrow element (a phone's: the phase's text and table put the columns
   below the fold), its buttons stay at the window's top while the reader scrolls down the card
   to the columns, so that Next and the columns it changes are in view together (the buttons
   as wide as the card there: their bar hides what passes under it). */
@container (max-width: 40rem) {
  .rd-unrolled:has([data-unrolled-grid][data-phase]:not([data-phase="live"])) .rd-unrolled__buttons {
    position: sticky; top: var(--rnn-sticky-top, 0px); z-index: 2; background: var(--bg); padding: calc(0.4 * var(--rd-rnn-unit)) 0; margin: calc(-0.4 * var(--rd-rnn-unit)) 0;
  }
}
/* Four buttons in a narrow element (a phone): two rows of two, rather than one row whose
   longest label ("Play the phases") wraps onto three lines. */
@container (max-width: 25.99rem) {
  .rd-buttons.rd-unrolled__buttons .rd-btn { flex: 1 1 calc(50% - 0.3 * var(--rd-rnn-unit)); }
}
.rd-unrolled__phase { margin: calc(0.5 * var(--rd-rnn-unit)) 0; min-height: 2.8em; font-size: calc(0.9 * var(--rd-rnn-unit)); }
/* The keys to press, after what to do: not where the only pointer is a finger (a phone). */
@media (hover: none) and (pointer: coarse) {
  .rd-keys { display: none; }
}
.rd-unrolled__scroll { overflow-x: auto; padding-bottom: calc(0.3 * var(--rd-rnn-unit)); }
.rd-unrolled__scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.rd-u {
  display: grid;
  /* The heads at least as wide as their unbroken shapes ("Linear (1, 32) → (1, 1)"), however many columns. */
  grid-template-columns: minmax(min-content, max-content) repeat(var(--cols), minmax(calc(5.6 * var(--rd-rnn-unit)), 1fr));
  /* As wide as its columns at their least (or its box, if wider), not its box alone: the rows'
     heads stick at the box's left edge only within it (they had scrolled away past the box's
     own width in a long window). */
  width: min-content;
  min-width: 100%;
  gap: 2px;
  font-size: calc(0.8 * var(--rd-rnn-unit));
  font-variant-numeric: tabular-nums;
}
/* A row's head, as a button's label, breaks between words, never inside a Chinese one (起点, not 起/点). */
.rd-u__head { display: flex; flex-direction: column; justify-content: center; padding: calc(0.2 * var(--rd-rnn-unit)) calc(0.4 * var(--rd-rnn-unit)) calc(0.2 * var(--rd-rnn-unit)) 0; color: var(--muted); position: sticky; left: 0; background: var(--bg); z-index: 1; word-break: keep-all; }
.rd-u__head--layer { color: var(--text); font-weight: 600; }
.rd-u__shape { font-family: var(--rd-mono); font-size: calc(0.7 * var(--rd-rnn-unit)); color: var(--muted); font-weight: 400; white-space: nowrap; }
.rd-u__h0 { margin-top: calc(0.15 * var(--rd-rnn-unit)); padding: 0 calc(0.3 * var(--rd-rnn-unit)); border-left: 3px dashed var(--muted); font-weight: 400; font-size: calc(0.75 * var(--rd-rnn-unit)); }
/* Marked by colour, not weight: a bolder label may wrap, and the rows would move. */
.rd-u__h0[data-current="true"] { border-left-color: var(--target); color: var(--target-text); background: color-mix(in srgb, var(--target) 12%, transparent); }
.rd-u__c {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: calc(0.1 * var(--rd-rnn-unit));
  min-width: 0; padding: calc(0.2 * var(--rd-rnn-unit)); border-radius: 4px; border: 1px solid transparent;
  /* Cells scrolled out of view are not laid out or painted (T 200, 4 layers: over 7,000 boxes).
     Skipped, a cell is as high as its row (stretched), whose height its first column gives:
     that one is always laid out (the columns are alike), so drawing the others moves nothing. */
  content-visibility: auto; contain-intrinsic-size: 1px;
}
.rd-u__head + .rd-u__c { content-visibility: visible; }
.rd-u__c[data-phase="todo"] { opacity: 0.4; }
.rd-u__c[data-phase="current"] { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 10%, transparent); }
.rd-u__c--cell { border-color: var(--border); align-items: stretch; text-align: center; }
.rd-u__weights { font-family: var(--rd-mono); font-size: calc(0.6 * var(--rd-rnn-unit)); color: var(--muted); line-height: 1.2; }
/* The update: every column's weights moved (the same tensors). */
[data-unrolled-grid][data-phase="update"] .rd-u__weights { color: var(--accent-ink); font-weight: 700; }
.rd-u__c .rd-u__shape { max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.rd-u__strip { display: block; width: 100%; height: calc(0.9 * var(--rd-rnn-unit)); image-rendering: pixelated; border-radius: 2px; }
.rd-u__grad { display: block; height: 5px; width: calc(var(--grad, 0) * 100%); min-width: 2px; border-radius: 3px; background: var(--accent); opacity: calc(0.35 + 0.65 * var(--grad, 0)); }
.rd-u__yhat {
  font: inherit; font-weight: 600; color: var(--prediction-text); background: var(--field-bg);
  border: 1px solid var(--border); border-radius: 4px; padding: calc(0.2 * var(--rd-rnn-unit)) calc(0.3 * var(--rd-rnn-unit)); min-height: calc(2 * var(--rd-rnn-unit)); width: 100%; cursor: pointer;
}
.rd-u__yhat[aria-pressed="true"], .rd-u__c--out[data-selected="true"] .rd-u__yhat { border-color: var(--prediction); outline: 1px solid var(--prediction); }
.rd-u__yhat:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
/* Narrow (figures side by side, a phone): small columns, the weights named once, in the layer's head. */
.rd-u__weights--head { display: none; }
@container (max-width: 560px) {
  /* The heads as wide as their longest word (weight_ih_l0 whole, not weight_i / h_l0). */
  .rd-u { grid-template-columns: minmax(min-content, max-content) repeat(var(--cols), minmax(calc(1.8 * var(--rd-rnn-unit)), 1fr)); font-size: calc(0.65 * var(--rd-rnn-unit)); gap: 1px; }
  .rd-u__c { padding: calc(0.1 * var(--rd-rnn-unit)); }
  /* A prediction's box as wide as its column, its figures a little closer: "-0.1" with 1.5 px
     to spare inside its edges (it had run over them). Its rings drawn inside its edge: a cell
     out of view is not painted (content-visibility), nor is what overflows it. */
  .rd-u__c--out { padding-inline: 0; }
  .rd-u__yhat { padding: calc(0.1 * var(--rd-rnn-unit)) 0; letter-spacing: -0.03em; }
  .rd-u__yhat, .rd-u__yhat:focus-visible { outline-offset: -1px; }
  /* The per-column errors go too (the loss phase's table under the grid lists them). */
  .rd-u__c--cell .rd-u__weights, .rd-u__c .rd-u__shape, .rd-u__error { display: none; }
  .rd-u__weights--head { display: block; white-space: normal; }
  .rd-u__head .rd-u__shape { white-space: normal; }
  .rd-u__tuple { white-space: nowrap; }
}
.rd-u__value { font-weight: 600; }
/* The columns' time steps: small, as a table's column heads. */
.rd-u__c--t { padding-block: 0; color: var(--muted); font-size: 0.9em; }
.rd-u__error { font-size: calc(0.7 * var(--rd-rnn-unit)); color: var(--target-text); }
/* Walking through a step, the errors' line and the gradient bars keep their room before they
   show: the rows below them stay put when they come (after the forward pass). */
[data-unrolled-grid][data-phase]:not([data-phase="live"]) .rd-u__error:empty::before { content: "\\a0"; }
[data-unrolled-grid][data-phase]:not([data-phase="live"]) .rd-u__grad[hidden] { display: block !important; visibility: hidden; }
.rd-u__c--in { background: color-mix(in srgb, var(--input) calc(var(--influence, 0) * 70%), transparent); }
.rd-u__c--in[data-influenced="true"] { border-color: var(--input); }
/* At most about 12 rows high (it scrolls, its head in sight): a long window's loss table does not
   push the rest of the view away, and its height held for every phase (unrolled.js) stays small. */
.rd-unrolled__table { display: block; max-width: 100%; max-height: calc(20 * var(--rd-rnn-unit)); overflow: auto; margin-top: calc(0.5 * var(--rd-rnn-unit)); border-collapse: collapse; font-size: calc(0.8 * var(--rd-rnn-unit)); font-variant-numeric: tabular-nums; }
.rd-unrolled__table caption { text-align: start; color: var(--muted); padding-bottom: calc(0.2 * var(--rd-rnn-unit)); }
.rd-unrolled__table th, .rd-unrolled__table td { padding: calc(0.15 * var(--rd-rnn-unit)) calc(0.5 * var(--rd-rnn-unit)); border-bottom: 1px solid var(--border); text-align: end; }
.rd-unrolled__table th { word-break: keep-all; }
.rd-unrolled__table th[scope="col"] { font-weight: 600; position: sticky; top: 0; background: var(--bg); box-shadow: inset 0 -1px var(--border); }
.rd-unrolled__table:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.rd-unrolled__table th[scope="row"] { text-align: start; font-weight: 400; font-family: var(--rd-mono); }
.rd-unrolled__detail { margin-top: calc(0.5 * var(--rd-rnn-unit)); }
.rd-unrolled__detail summary { cursor: pointer; font-weight: 600; }
.rd-unrolled__pick { display: flex; flex-wrap: wrap; gap: calc(0.6 * var(--rd-rnn-unit)); margin: calc(0.4 * var(--rd-rnn-unit)) 0; }
.rd-unrolled__pick .rd-field { flex: 0 1 calc(8 * var(--rd-rnn-unit)); }
.rd-equations summary { cursor: pointer; margin: 0; }
/* Wider than its card (a phone): it scrolls sideways, and a shade at the edge with more beyond
   says so (covers in the card's colour that scroll with the content hide the shade at an end):
   the numbers behind a column, a phase's table. */
.rd-eq { overflow-x: auto; }
.rd-eq, .rd-unrolled__table {
  background:
    linear-gradient(to right, var(--bg) 40%, transparent) left / calc(2 * var(--rd-rnn-unit)) 100% no-repeat local,
    linear-gradient(to left, var(--bg) 40%, transparent) right / calc(2 * var(--rd-rnn-unit)) 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, color-mix(in srgb, var(--text) 30%, transparent), transparent) left / calc(0.8 * var(--rd-rnn-unit)) 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, var(--text) 30%, transparent), transparent) right / calc(0.8 * var(--rd-rnn-unit)) 100% no-repeat scroll;
}
.rd-eq math { margin: calc(0.3 * var(--rd-rnn-unit)) 0; }
.rd-eq p { margin: calc(0.5 * var(--rd-rnn-unit)) 0; max-width: 70ch; }
.rd-eq__lead { color: var(--muted); font-size: calc(0.9 * var(--rd-rnn-unit)); }
.rd-probe {
  display: block;
  min-height: 1.4em;
  margin-top: calc(0.3 * var(--rd-rnn-unit));
  font: calc(0.85 * var(--rd-rnn-unit))/1.4 var(--rd-mono);
  color: var(--muted);
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
  /* Over the chart (below), it lets the pointer through: else it took the pointer off the chart,
     which cleared it, which gave the pointer back, on every move along the window's foot. */
  pointer-events: none;
}
/* A readout under a chart taller than the window (the strip chart at 1280×800) stays in view
   at the window's bottom edge while the chart goes on below it, over what it passes (the
   unrolled view's sticky row heads, z-index 1, had hidden its start on a phone). */
.rd-probe:not(:empty) { position: sticky; bottom: 0; background: var(--bg); z-index: 2; }
/* A narrow element (a phone) wraps it rather than hide its end (the prediction): between its
   items, not between a label and its value (joined by no-break spaces in the texts) nor inside
   a Chinese label (预测, which may break between any two characters else). */
@container (max-width: 560px) {
  .rd-probe { white-space: normal; overflow-wrap: anywhere; word-break: keep-all; }
  /* There a chart's readout lies over its card, rather than in a line of its own below the
     chart (wrapped onto two lines, it had grown the card when it came, pushing Play below a
     phone's fold): over the foot of the canvas, where its x axis is labelled (the readout names
     its point in words), for a point in the chart's upper half; over the card's title for one
     in its lower half (probe.js data-side), never over the point read. */
  .rd-card { position: relative; }
  .rd-card > .rd-canvas + .rd-probe { position: absolute; left: calc(0.75 * var(--rd-rnn-unit)); right: calc(0.75 * var(--rd-rnn-unit)); bottom: calc(0.75 * var(--rd-rnn-unit)); min-height: 0; margin: 0; }
  .rd-card > .rd-canvas + .rd-probe[data-side="top"] { top: calc(0.75 * var(--rd-rnn-unit)); bottom: auto; }
  /* (The title it lies over is not drawn meanwhile, still read by assistive technology: longer
     than the readout, it showed below it.) */
  .rd-card:has(> .rd-canvas + .rd-probe[data-side="top"]:not(:empty)) > .rd-card__title { opacity: 0; }
}
.rd-canvas:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.rd-dialog {
  width: min(52 * var(--rd-rnn-unit), 94vw);
  max-height: 88vh;
  /* The visible height where the browser's bars come and go (a phone). */
  max-height: 88dvh;
  padding: 0;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--bg);
  color: var(--text);
}
/* Open, a column whose code box takes what room is left: on a phone the buttons stay in view. */
.rd-dialog[open] { display: flex; flex-direction: column; }
.rd-dialog::backdrop { background: rgb(0 0 0 / 0.45); }
.rd-dialog__body { display: flex; flex-direction: column; gap: calc(0.6 * var(--rd-rnn-unit)); padding: var(--rd-rnn-unit); margin: 0; min-height: 0; }
.rd-dialog__lead, .rd-dialog__status { margin: 0; font-size: calc(0.9 * var(--rd-rnn-unit)); color: var(--muted); }
/* Its buttons as wide as their labels, whole (下载 run.py had broken onto two lines), growing to fill their row. */
.rd-dialog .rd-buttons .rd-btn { flex: 1 1 auto; white-space: nowrap; }
.rd-code {
  margin: 0;
  max-height: 55vh;
  min-height: calc(4 * var(--rd-rnn-unit));
  overflow: auto;
  padding: calc(0.6 * var(--rd-rnn-unit));
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--field-bg);
  font: calc(0.8 * var(--rd-rnn-unit))/1.4 var(--rd-mono);
  white-space: pre;
}
.rd-controls { align-self: start; }
.rd-status { display: flex; flex-direction: column; gap: calc(0.5 * var(--rd-rnn-unit)); min-width: 0; }
.rd-row {
  display: grid;
  gap: var(--gap);
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 15 * var(--rd-rnn-unit)), 1fr));
}
/* Where the row holds fewer than five columns (15rem each), the gradient flow has a row of its
   own: its two panels in one column would be too narrow to read (a 600 px page: 250 px for
   both), and in two they would leave the last small chart alone on a row (1280 px: three
   quarters of it blank). From 760px the small charts share a row of at most three. */
@container (max-width: 77.99rem) {
  .rd-gradients { grid-column: 1 / -1; }
}
@container (min-width: 760px) and (max-width: 77.99rem) {
  .rd-row { grid-template-columns: repeat(auto-fit, minmax(max(15 * var(--rd-rnn-unit), (100% - 2 * var(--gap)) / 3), 1fr)); grid-auto-flow: dense; }
}
/* One or two small charts besides it: as many columns as they fill (a row the gradient flow
   spans keeps its columns, empty or not: the loss chart alone had had a third of its row). */
@container (max-width: 77.99rem) {
  .rd-row[data-small="1"] { grid-template-columns: minmax(0, 1fr); }
  .rd-row[data-small="2"] { grid-template-columns: repeat(auto-fit, minmax(max(min(100%, 15 * var(--rd-rnn-unit)), (100% - var(--gap)) / 2), 1fr)); grid-auto-flow: dense; }
}
/* Where even a row of its own is narrow (a phone's), the gradient flow's canvas is a little
   taller than wide, which draws its panels one above the other (src/charts/gradient_flow.rs). */
@container (max-width: 25.99rem) {
  .rd-gradients .rd-canvas--small { height: auto; aspect-ratio: 10 / 11; }
}

.rd-card {
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  padding: calc(0.75 * var(--rd-rnn-unit));
  min-width: 0;
}

.rd-card__title { margin: 0 0 calc(0.4 * var(--rd-rnn-unit)); font-size: var(--rd-rnn-unit); font-weight: 600; }
.rd-card__note { font-weight: 400; color: var(--muted); font-size: calc(0.85 * var(--rd-rnn-unit)); }

/* Canvases: CSS decides the size; the script sets the backing store to size × devicePixelRatio.
   min-height/min-width 0 keep the backing store's intrinsic size out of the layout. */
.rd-canvas { display: block; width: 100%; min-width: 0; min-height: 0; border-radius: 6px; touch-action: pan-y; }
/* (180px at most widths of a phone's element, under 430px: Play above a 360 × 740 phone's fold.) */
.rd-canvas--strip { height: clamp(180px, 42cqi, 440px); }
.rd-canvas--small { height: clamp(160px, 24cqi, 220px); }

/* Six readouts in rows of 6, 3 or 2, never 5 and 1 alone (4 and 2): each column at least
   6.5rem where 6, or else 3, fit; the width's sixth, third or half (less a hair for rounding),
   chosen by max()/min() of the container's width against those thresholds. */
.rd-readouts {
  --cell: calc(6.5 * var(--rd-rnn-unit));
  --g: calc(0.5 * var(--rd-rnn-unit));
  --six: calc((100% - 5 * var(--g)) / 6 - 0.1px);
  --three: calc((100% - 2 * var(--g)) / 3 - 0.1px);
  --two: calc((100% - var(--g)) / 2 - 0.1px);
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(max(var(--six), min(max(var(--three), min(var(--two), (3 * var(--cell) + 2 * var(--g) - 100%) * 999)), (6 * var(--cell) + 5 * var(--g) - 100%) * 999)), 1fr));
  gap: var(--g);
  margin: 0;
}
.rd-readouts div {
  padding: calc(0.3 * var(--rd-rnn-unit)) calc(0.5 * var(--rd-rnn-unit));
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--bg);
  min-width: 0;
}
.rd-readouts dt { font-size: calc(0.8 * var(--rd-rnn-unit)); color: var(--muted); }
.rd-readouts dd {
  margin: 0;
  font: 600 calc(1.05 * var(--rd-rnn-unit))/1.3 var(--rd-mono);
  font-variant-numeric: tabular-nums;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

/* ---------- controls ---------- */

.rd-controls { display: flex; flex-direction: column; gap: calc(0.75 * var(--rd-rnn-unit)); }
.rd-buttons { display: flex; flex-wrap: wrap; gap: calc(0.5 * var(--rd-rnn-unit)); }
.rd-buttons .rd-btn { flex: 1 1 0; }
/* Play, Step and Reset alone, a row as wide as the element: buttons of a button's width. */
.rd-layout[data-controls="buttons"] .rd-controls > .rd-buttons > .rd-btn { max-width: calc(12 * var(--rd-rnn-unit)); }

.rd-btn {
  font: inherit;
  font-weight: 600;
  padding: calc(0.5 * var(--rd-rnn-unit)) calc(0.8 * var(--rd-rnn-unit));
  min-height: calc(2.5 * var(--rd-rnn-unit));
  border-radius: 8px;
  border: 1px solid var(--border);
  background: var(--field-bg);
  color: var(--text);
  cursor: pointer;
  /* A label breaks between words, never inside a Chinese one (上一阶段, not 上一/阶段). */
  word-break: keep-all;
}
.rd-btn:hover:not(:disabled) { border-color: var(--accent); }
.rd-btn:disabled { opacity: 0.5; cursor: not-allowed; }
/* A paused run's window in the training worker (Step on a large network): until it is back. On
   the buttons alone: the cursor inherited by the whole element made its style be computed again,
   at T 200 and 4 layers 15 to 20 ms twice a Step. */
.rd[aria-busy="true"] .rd-btn:not(:disabled) { cursor: progress; }
.rd-btn--primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.rd-btn--primary:hover:not(:disabled) { filter: brightness(1.08); }
.rd-btn--small { font-size: calc(0.85 * var(--rd-rnn-unit)); font-weight: 500; padding: calc(0.35 * var(--rd-rnn-unit)) calc(0.6 * var(--rd-rnn-unit)); min-height: calc(2.1 * var(--rd-rnn-unit)); }

.rd-btn:focus-visible, .rd-field input:focus-visible, .rd-field select:focus-visible,
.rd-msg__close:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}

.rd-grid {
  display: grid;
  /* Columns of at least 8.75rem: the widest choice of a menu, "RNN (Elman)" in 16 px text, fits
     its column (8rem had cut it on a 320 px phone: one column there, two from 340 px). */
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.75 * var(--rd-rnn-unit)), 1fr));
  /* Between rows: each field's own padding (its three rows are a subgrid, below). */
  gap: 0 calc(0.75 * var(--rd-rnn-unit));
}
.rd-field { display: flex; flex-direction: column; gap: calc(0.2 * var(--rd-rnn-unit)); min-width: 0; }
/* In the settings' grid a field takes three of its rows (a subgrid): its label, its control, its
   messages; so a row's controls line up where one label wraps onto two lines (训练窗口上限 /
   （0 = 不限）), each label at the foot of its row's, next to its control. (Without subgrid, a
   browser of before 2023: each field a column of its own, as before.) */
.rd-grid > .rd-field { padding-bottom: calc(0.6 * var(--rd-rnn-unit)); }
@supports (grid-template-rows: subgrid) {
  .rd-grid > .rd-field { display: grid; grid-row: span 3; grid-template-rows: subgrid; row-gap: calc(0.2 * var(--rd-rnn-unit)); }
  .rd-grid > .rd-field > .rd-field__label { align-self: end; }
}
.rd-field__msgs { display: flex; flex-direction: column; gap: calc(0.2 * var(--rd-rnn-unit)); min-width: 0; }
.rd-field__msgs:empty { display: none; }
/* As a button's label: between words, never inside a Chinese one (关闭, not 关 / 闭). */
.rd-field__label { font-size: calc(0.8 * var(--rd-rnn-unit)); color: var(--muted); word-break: keep-all; }
.rd-field input[type="text"], .rd-field select {
  font: inherit;
  font-size: calc(0.95 * var(--rd-rnn-unit));
  width: 100%;
  min-width: 0;
  padding: calc(0.35 * var(--rd-rnn-unit)) calc(0.45 * var(--rd-rnn-unit));
  min-height: calc(2.2 * var(--rd-rnn-unit));
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--field-bg);
  color: var(--text);
}
/* A finger's device: fields of 16 px text (a phone's browser zooms the page into smaller ones). */
@media (pointer: coarse) {
  .rd-field input[type="text"], .rd-field select { font-size: max(var(--rd-rnn-unit), 16px); }
}
.rd-field input:disabled, .rd-field select:disabled { opacity: 0.5; }
/* A value refused (the field back at the value in use) or taken, under its field (Messages.show's field). */
.rd-field__msg {
  font-size: calc(0.8 * var(--rd-rnn-unit)); color: var(--text); border-left: 3px solid; border-radius: 4px; padding: calc(0.2 * var(--rd-rnn-unit)) calc(0.4 * var(--rd-rnn-unit)); overflow-wrap: anywhere;
}
.rd-field input[type="range"] { width: 100%; accent-color: var(--accent); }
.rd-field output { font-weight: 600; color: var(--text); font-variant-numeric: tabular-nums; }

.rd-task-description { margin: 0; font-size: calc(0.85 * var(--rd-rnn-unit)); color: var(--muted); }
.rd-task-description:empty { display: none; }
.rd-files { display: flex; flex-wrap: wrap; gap: calc(0.4 * var(--rd-rnn-unit)); }

.rd-visually-hidden, .rd-messages:empty {
  position: absolute;
  pointer-events: none;
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

.rd-messages { display: flex; flex-direction: column; gap: calc(0.4 * var(--rd-rnn-unit)); }
/* Empty, a messages' area is hidden as .rd-visually-hidden is (no room, no gap in its column,
   nothing painted or clicked whatever a page's ::part(messages) says), but stays in the
   accessibility tree: with display: none its first message would make a live region with its
   text, which not every screen reader announces. */
.rd-msg {
  display: flex;
  align-items: flex-start;
  gap: calc(0.5 * var(--rd-rnn-unit));
  margin: 0;
  padding: calc(0.45 * var(--rd-rnn-unit)) calc(0.6 * var(--rd-rnn-unit));
  border-radius: 6px;
  border: 1px solid;
  font-size: calc(0.875 * var(--rd-rnn-unit));
}
/* A message's colours by its kind, in the messages' areas and under a field alike. */
.rd-msg, .rd-field__msg { background: var(--info-bg); border-color: var(--info-border); }
:is(.rd-msg, .rd-field__msg)[data-kind="error"] { background: var(--error-bg); border-color: var(--error-border); }
:is(.rd-msg, .rd-field__msg)[data-kind="warning"] { background: var(--warning-bg); border-color: var(--warning-border); }
.rd-msg__text { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; white-space: pre-line; }
/* A line of code in a message (messages.js withCode): as code, selected whole by a click, to copy. */
.rd-msg__code { font-family: var(--rd-mono); font-size: 0.9em; user-select: all; }
.rd-msg__close {
  font: inherit;
  line-height: 1;
  padding: calc(0.1 * var(--rd-rnn-unit)) calc(0.35 * var(--rd-rnn-unit));
  /* At least 24 × 24 CSS px, the smallest target WCAG 2.2 allows. */
  min-width: max(1.5 * var(--rd-rnn-unit), 24px);
  min-height: max(1.5 * var(--rd-rnn-unit), 24px);
  border: 0;
  border-radius: 4px;
  background: transparent;
  color: var(--muted);
  cursor: pointer;
}
/* A finger's device: each button, field, a message's × and a disclosure's summary a finger's target,
   44 × 44 CSS px at least (WCAG 2.5.5's and Apple's size; elsewhere 24 px, WCAG 2.2's least). */
@media (pointer: coarse) {
  .rd-btn { min-height: max(2.75 * var(--rd-rnn-unit), 44px); }
  .rd-msg__close { min-width: max(2.75 * var(--rd-rnn-unit), 44px); min-height: max(2.75 * var(--rd-rnn-unit), 44px); }
  .rd-field input[type="text"], .rd-field select, .rd-field input[type="range"] { min-height: max(2.75 * var(--rd-rnn-unit), 44px); }
  .rd-unrolled__detail summary, .rd-equations summary { padding-block: calc(0.7 * var(--rd-rnn-unit)); }
}
`;

let sheet = null;

/** The element's stylesheet, made once per page and shared by every element. */
export function styleSheet() {
  if (!sheet) {
    // --rd-rnn-unit as a length: an --rnn-font-size in em is then computed once, at the element
    // (the text's size where it sits), and inherited as that, not read again by each part
    // against its own text's size. (Registered already by another copy of this module, or a
    // browser without CSS.registerProperty: then em compounds, rem and px do not.)
    try {
      CSS.registerProperty({ name: '--rd-rnn-unit', syntax: '<length>', inherits: true, initialValue: '16px' });
    } catch { /* as above */ }
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

// The run's settings: defaults, per-field validation, and the URL query that reproduces a run.
// Pure functions, no DOM: the same rules serve the URL parser and the controls.

/** Training steps per animation frame offered by the speed slider (log-ish). */
export const SPEEDS = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000];

/**
 * The settings: the Trainer's fields and the demo's own `speed` and `stopAfter`. Each has its
 * name in the URL query (the Trainer's camelCase name) and its HTML attribute on the
 * `<rnn-playground>` element (kebab-case; `hidden-size` because `hidden` is a global HTML
 * attribute that hides any element). Only the kind of each trainer field is written here;
 * its default and its range belong to the engine: `useEngine(engine)` takes the defaults
 * from `defaultConfig()` and `parseField` asks `validateConfig()`, so the demo never
 * disagrees with the engine about a range.
 */
export const FIELDS = {
  cell: { kind: 'enum', trainer: true, attribute: 'cell' },
  nonlinearity: { kind: 'enum', trainer: true, attribute: 'nonlinearity' },
  hidden: { kind: 'number', trainer: true, attribute: 'hidden-size' },
  layers: { kind: 'number', trainer: true, attribute: 'layers' },
  lr: { kind: 'number', trainer: true, live: true, attribute: 'lr' },
  optimizer: { kind: 'enum', trainer: true, attribute: 'optimizer' },
  momentum: { kind: 'number', trainer: true, live: true, attribute: 'momentum' },
  beta1: { kind: 'number', trainer: true, live: true, attribute: 'beta1' },
  beta2: { kind: 'number', trainer: true, live: true, attribute: 'beta2' },
  eps: { kind: 'number', trainer: true, live: true, attribute: 'eps' },
  clipNorm: { kind: 'number', trainer: true, live: true, attribute: 'clip-norm' },
  timeStep: { kind: 'number', trainer: true, attribute: 'time-step' },
  task: { kind: 'enum', trainer: true, attribute: 'task' },
  seed: { kind: 'number', trainer: true, attribute: 'seed' },
  carryState: { kind: 'boolean', trainer: true, attribute: 'carry-state' },
  /** Training steps per animation frame. */
  speed: { kind: 'number', min: 1, max: 1000, default: 1, trainer: false, attribute: 'speed' },
  /** Training pauses after this many windows (the tutorial's loop ends); 0: never. */
  stopAfter: { kind: 'number', min: 0, max: 1e9, default: 0, trainer: false, attribute: 'stop-after' },
  /** Training pauses once the loss stays below this for `stopPatience` windows in a row; 0: never. */
  stopBelow: { kind: 'number', min: 0, max: 1e6, integer: false, default: 0, trainer: false, attribute: 'stop-below' },
  stopPatience: { kind: 'number', min: 1, max: 1e6, default: 1, trainer: false, attribute: 'stop-patience' },
};

/**
 * The settings whose change rebuilds the network (training restarts at step 0). The others
 * that the trainer takes (`live`) apply to the running trainer, as PyTorch's param_groups do.
 */
export const isStructural = (name) => FIELDS[name].trainer && !FIELDS[name].live;

export const FIELD_NAMES = Object.keys(FIELDS);

/** The texts a boolean setting accepts (URL, attribute, control). */
const BOOLEANS = { true: true, false: false, 1: true, 0: false, yes: true, no: false, on: true, off: false };

let validateConfig = null;

/** Connects the settings to the wasm module: the trainer fields' defaults and validation. */
export function useEngine(wasm) {
  validateConfig = wasm.validateConfig;
  const config = wasm.defaultConfig();
  for (const name of FIELD_NAMES) if (FIELDS[name].trainer) FIELDS[name].default = config[name];
}

export function defaults() {
  const out = {};
  for (const name of FIELD_NAMES) out[name] = FIELDS[name].default;
  return out;
}

/** The demo's own check of its settings (speed, the stop rules); null when valid. */
function pageCheck(name, spec, n) {
  const integer = spec.integer ?? true;
  return (!integer || Number.isInteger(n)) && n >= spec.min && n <= spec.max ? null
    : `${name} must be ${integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}, got ${n}`;
}

/**
 * Parses one field from text. Returns { ok: true, value } or { ok: false, message }.
 * The message names the field, what it must be, and the value given.
 */
export function parseField(name, text) {
  const spec = FIELDS[name];
  if (!spec) return { ok: false, message: `unknown setting "${name}"` };
  const raw = String(text).trim();
  let value = raw.toLowerCase();
  if (spec.kind === 'boolean') {
    if (!Object.hasOwn(BOOLEANS, value)) return { ok: false, message: `${name} must be true or false, got "${raw}"` };
    value = BOOLEANS[value];
  } else if (spec.kind === 'number') {
    value = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(value)) return { ok: false, message: `${name} must be a number, got "${raw}"` };
  }
  const message = spec.trainer ? validateConfig({ [name]: value }) : pageCheck(name, spec, value);
  return message ? { ok: false, message } : { ok: true, value };
}

/**
 * Writes the settings that differ from the defaults into a query string, keeping any
 * unrelated parameters of `search` (an embedding page's own). Returns '' or '?a=b&…'.
 */
export function toQuery(settings, search = '') {
  const params = new URLSearchParams(search);
  for (const name of FIELD_NAMES) params.delete(name);
  for (const name of FIELD_NAMES) {
    const v = settings[name];
    if (v !== undefined && v !== FIELDS[name].default) params.set(name, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The Trainer constructor's config: the trainer fields of the settings. */
export function trainerConfig(settings) {
  const out = {};
  for (const name of FIELD_NAMES) if (FIELDS[name].trainer) out[name] = settings[name];
  return out;
}

/** The setting whose HTML attribute is `attribute`, or undefined. */
export function fieldOfAttribute(attribute) {
  return FIELD_NAMES.find((name) => FIELDS[name].attribute === attribute);
}

/** Index of the speed slider position closest to `speed`. */
export function speedIndex(speed) {
  let best = 0;
  for (let i = 1; i < SPEEDS.length; i++) {
    if (Math.abs(Math.log(SPEEDS[i] / speed)) < Math.abs(Math.log(SPEEDS[best] / speed))) best = i;
  }
  return best;
}

/**
 * The demo's controls by name: the element's `controls` attribute and the page's
 * `controls`/`hide` URL settings use these names (a setting's control has its URL name).
 */
export const CONTROLS = ['play', 'step', 'reset', 'tutorial', 'speed', ...FIELD_NAMES.filter((n) => n !== 'speed'), 'files', 'pytorch', 'readouts'];

/** The demo's charts (and the equations panel) by name: the element's `charts` attribute and the page's `charts` URL setting. */
export const CHARTS = ['strip', 'loss', 'hidden', 'preview', 'gradients', 'equations'];

/**
 * Reads a list of names such as the `controls` attribute: `all` (or empty), `none`, or names
 * separated by commas or spaces, in any case. Returns { names: Set, unknown: [] };
 * unknown names are left out of `names` and reported so the caller can say which.
 */
export function parseNameList(text, known) {
  const raw = String(text ?? 'all').trim().toLowerCase();
  if (raw === '' || raw === 'all') return { names: new Set(known), unknown: [] };
  if (raw === 'none') return { names: new Set(), unknown: [] };
  const byLower = new Map(known.map((n) => [n.toLowerCase(), n]));
  const names = new Set();
  const unknown = [];
  for (const part of raw.split(/[\s,]+/).filter(Boolean)) {
    const name = byLower.get(part);
    if (name) names.add(name);
    else unknown.push(part);
  }
  return { names, unknown };
}

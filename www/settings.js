// The run's settings: defaults, per-field validation, and the URL query that reproduces a run.
// Pure functions, no DOM: the same rules serve the URL parser and the controls.

/** Training steps per animation frame offered by the speed slider (log-ish). */
export const SPEEDS = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000];

/**
 * Field specs. `trainer: true` fields go to the Trainer constructor; `speed` is a page setting.
 * `rebuild`: a change needs a new Trainer (every trainer field does here).
 */
export const FIELDS = {
  cell: { kind: 'enum', values: ['rnn', 'lstm', 'gru'], default: 'rnn', trainer: true },
  nonlinearity: { kind: 'enum', values: ['tanh', 'relu'], default: 'tanh', trainer: true },
  hidden: { kind: 'int', min: 1, max: 256, default: 32, trainer: true },
  layers: { kind: 'int', min: 1, max: 4, default: 1, trainer: true },
  lr: { kind: 'real', min: 0, minExclusive: true, max: 10, default: 0.02, trainer: true },
  optimizer: { kind: 'enum', values: ['adam', 'sgd'], default: 'adam', trainer: true },
  momentum: { kind: 'real', min: 0, max: 1, maxExclusive: true, default: 0, trainer: true },
  clipNorm: { kind: 'real', min: 0, max: 1e6, default: 0, trainer: true },
  timeStep: { kind: 'int', min: 2, max: 200, default: 10, trainer: true },
  task: { kind: 'enum', values: ['sin-cos'], default: 'sin-cos', trainer: true },
  seed: { kind: 'int', min: 0, max: 4294967295, default: 1, trainer: true },
  speed: { kind: 'int', min: 1, max: 1000, default: 1, trainer: false },
};

export const FIELD_NAMES = Object.keys(FIELDS);

/** Replaces the task list (it comes from the wasm module's tasks()). */
export function setTasks(names) {
  if (names.length === 0) return;
  FIELDS.task.values = [...names];
  if (!names.includes(FIELDS.task.default)) FIELDS.task.default = names[0];
}

export function defaults() {
  const out = {};
  for (const name of FIELD_NAMES) out[name] = FIELDS[name].default;
  return out;
}

function rangeText(spec) {
  if (spec.kind === 'int') return `an integer from ${spec.min} to ${spec.max}`;
  const lo = spec.minExclusive ? `greater than ${spec.min}` : `at least ${spec.min}`;
  const hi = spec.maxExclusive ? `below ${spec.max}` : `at most ${spec.max}`;
  return `a number ${lo} and ${hi}`;
}

/**
 * Parses one field from text. Returns { ok: true, value } or { ok: false, message }.
 * The message names the field, what it must be, and the value given.
 */
export function parseField(name, text) {
  const spec = FIELDS[name];
  if (!spec) return { ok: false, message: `unknown setting "${name}"` };
  const raw = String(text).trim();
  if (spec.kind === 'enum') {
    const v = raw.toLowerCase();
    if (spec.values.includes(v)) return { ok: true, value: v };
    return { ok: false, message: `${name} must be one of ${spec.values.join(', ')}, got "${raw}"` };
  }
  const n = raw === '' ? NaN : Number(raw);
  const bad = { ok: false, message: `${name} must be ${rangeText(spec)}, got "${raw}"` };
  if (!Number.isFinite(n)) return bad;
  if (spec.kind === 'int' && !Number.isInteger(n)) return bad;
  if (spec.minExclusive ? n <= spec.min : n < spec.min) return bad;
  if (spec.maxExclusive ? n >= spec.max : n > spec.max) return bad;
  return { ok: true, value: n };
}

/**
 * Reads settings from a query string. Each field is validated on its own: a bad value
 * falls back to its default and yields an error naming the field; the others are kept.
 * Returns { settings, errors: [{ field, value, message }] }.
 */
export function parseQuery(search) {
  const params = new URLSearchParams(search);
  const settings = defaults();
  const errors = [];
  for (const name of FIELD_NAMES) {
    if (!params.has(name)) continue;
    const text = params.get(name);
    const r = parseField(name, text);
    if (r.ok) settings[name] = r.value;
    else errors.push({ field: name, value: text, message: `${r.message}; using the default ${FIELDS[name].default}` });
  }
  return { settings, errors };
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

/** Index of the speed slider position closest to `speed`. */
export function speedIndex(speed) {
  let best = 0;
  for (let i = 1; i < SPEEDS.length; i++) {
    if (Math.abs(Math.log(SPEEDS[i] / speed)) < Math.abs(Math.log(SPEEDS[best] / speed))) best = i;
  }
  return best;
}

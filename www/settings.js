// The run's settings: defaults, per-field validation, and the URL query that reproduces a run.
// Pure functions, no DOM: the same rules serve the URL parser and the controls.
import { SETTINGS } from './settings-schema.js';

/**
 * Training steps per animation frame offered by the speed slider (log-ish), then 0: max, as many
 * as fit in the frame's time (loop.js on the main thread, turns.js in the worker).
 */
export const SPEEDS = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 0];

/**
 * The settings by name: the rows of the engine's settings table (src/training/settings.rs, the same
 * rows `settingsSchema()` returns; settings-schema.js is the page's copy, for the element's
 * attribute names before the wasm has loaded). Each row gives the setting's URL name
 * (`name`), its `<rnn-playground>` attribute, its kind, range, default, `scope`
 * ('structural': a new network; 'live': the running trainer takes it; 'page': the demo's own)
 * and its form label. Validation is the engine's (`settingError`), for every setting.
 */
export const FIELDS = Object.fromEntries(SETTINGS.map((s) => [s.name, s]));

export const FIELD_NAMES = SETTINGS.map((s) => s.name);

/** Whether the trainer takes the setting (it is in TrainerConfig); the others are the page's own. */
export const isTrainerSetting = (name) => FIELDS[name].scope !== 'page';

/**
 * The settings whose change rebuilds the network (training restarts at step 0). The others
 * that the trainer takes (`live`) apply to the running trainer, as PyTorch's param_groups do.
 */
export const isStructural = (name) => FIELDS[name].scope === 'structural';

/** Whether `name` changes anything in a run with `settings` (momentum only for SGD, …). */
export const applies = (name, settings) =>
  (FIELDS[name].cell ?? settings.cell) === settings.cell && (FIELDS[name].optimizer ?? settings.optimizer) === settings.optimizer;

/** The texts a boolean setting accepts (URL, attribute, control), as the engine's parse does, in any case. */
const BOOLEANS = { true: true, false: false };

let settingError = null;

/** Connects the settings to the wasm module, whose validation they use. */
export function useEngine(wasm) {
  settingError = wasm.settingError;
}

export function defaults() {
  return Object.fromEntries(SETTINGS.map((s) => [s.name, s.default]));
}

/**
 * The settings as far as they can be read before the engine has loaded to validate them (the
 * element lays out its view with them meanwhile): from `texts` ([name, text] in the order they
 * apply), each text that is one of the table's choices, or an integer within its range (or its
 * word for 0); any other is passed over, as the demo passes over an invalid one (parseField)
 * when it starts.
 */
export function layoutSettings(texts) {
  const settings = defaults();
  for (const [name, text] of texts) {
    const s = FIELDS[name];
    const { value, invalid } = readField(s, text);
    const fits = s.kind === 'choice' ? s.choices.some((c) => c.value === value)
      : s.kind === 'integer' && Number.isInteger(value) && value >= s.min && value <= s.max;
    if (!invalid && fits) settings[name] = value;
  }
  return settings;
}

/**
 * A field's text read as its kind, before the engine judges the value: { raw (the text as
 * typed, full-width digits, letters and signs as their ASCII: ０．０１ is 0.01), value } or
 * { raw, invalid: the catalog key of why it is no value of that kind, plain: where grouped
 * digits were given for an integer, the number without them }.
 */
function readField(spec, text) {
  const raw = String(text).normalize('NFKC').trim();
  const word = raw.toLowerCase();
  // What 0 means, in the table's word ("off", "never", "max", whatever the page's language): 0.
  if (spec.zero && word === spec.zero) return { raw, value: 0 };
  if (spec.kind === 'boolean') return Object.hasOwn(BOOLEANS, word) ? { raw, value: BOOLEANS[word] } : { raw, invalid: 'invalid.boolean' };
  if (spec.kind === 'integer' || spec.kind === 'number') {
    const value = readNumber(raw);
    // "1,000" or "1.000" in a field of integers is a thousand grouped (as English or German
    // write it; not 1, whose three zeros no one types): said so, with the number to type.
    if (spec.kind === 'integer' && (GROUPED.test(raw) || (!raw.includes(',') && GROUPED.test(raw.replaceAll('.', ','))))) {
      return { raw, invalid: 'invalid.grouped', plain: raw.replace(/[.,]/g, '') };
    }
    if (!Number.isFinite(value)) return { raw, invalid: /\d,/.test(raw) ? 'invalid.decimal' : 'invalid.number' };
    return { raw, value };
  }
  return { raw, value: word };
}

/** A typed number: digits with one decimal sign (a point or a comma, as typed in many locales) and an exponent. */
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i;
/** "1,000" or "12,345,678": a comma that groups thousands, which a decimal comma cannot be told from. */
const GROUPED = /^[+-]?[1-9]\d{0,2}(,\d{3})+$/;

/**
 * Reads a number as typed: "0.01", "0,01" (a decimal comma is the decimal point), "1e-3".
 * Returns the number, or NaN for anything else (digit grouping such as "1,000" included: it
 * is never read as another value).
 */
export function readNumber(text) {
  const raw = String(text).trim();
  if (!NUMBER.test(raw) || GROUPED.test(raw)) return NaN;
  return Number(raw.replace(',', '.'));
}

/**
 * Parses one field from text, in the language of the Translator `tr` (i18n.js). Returns
 * { ok: true, value } or { ok: false, message }; the message names the field as `called` (its
 * attribute's name where an attribute gave it, `hidden-size`; by default `name`), what it must
 * be, and the value given. The engine's `settingError` decides what is valid, and its error
 * (code and params) is written in `tr`'s language.
 */
export function parseField(name, text, tr, called = name) {
  const spec = FIELDS[name];
  if (!spec) return { ok: false, message: tr.t('invalid.configName', { name, names: tr.list(FIELD_NAMES) }) };
  const { raw, value, invalid, plain } = readField(spec, text);
  const label = tr.setting(name, 'label');
  // The setting as the language names it in a message: hidden-size; 隐藏单元数（hidden-size）.
  const named = tr.settingName(name, called);
  const words = { name: called, named, label, accepts: tr.setting(name, 'accepts'), got: raw, plain };
  if (invalid) return { ok: false, message: tr.t(invalid, words) };
  const refusal = settingError(name, value, named);
  return refusal ? { ok: false, message: tr.t('invalid.setting', { ...words, engine: tr.error(refusal) }) } : { ok: true, value };
}

/** A setting's value as text (an attribute's, a URL's): a 0 that means something as its word, `max`. */
export function settingText(name, value) {
  return value === 0 && FIELDS[name].zero ? FIELDS[name].zero : String(value);
}

/**
 * Writes the settings that differ from the defaults into a query string, keeping any
 * unrelated parameters of `search` (an embedding page's own). Returns '' or '?a=b&…'. A 0 that
 * means something is written as its word: `speed=max`.
 */
export function toQuery(settings, search = '') {
  const params = new URLSearchParams(search);
  // A setting's key written another way (hiddenSize: fieldOfUrlKey) goes too: it is written by its name.
  for (const key of [...params.keys()]) if (fieldOfUrlKey(key)) params.delete(key);
  for (const name of FIELD_NAMES) {
    const v = settings[name];
    if (v !== undefined && v !== FIELDS[name].default) params.set(name, settingText(name, v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The Trainer constructor's config: the trainer fields of the settings. */
export function trainerConfig(settings) {
  const out = {};
  for (const name of FIELD_NAMES) if (isTrainerSetting(name)) out[name] = settings[name];
  return out;
}

/** The setting whose HTML attribute is `attribute`, or undefined. */
export function fieldOfAttribute(attribute) {
  return FIELD_NAMES.find((name) => FIELDS[name].attribute === attribute);
}

/** A word as a URL, an attribute or a label writes it, for comparing: hidden-size, hiddenSize, Hidden size → hiddensize. */
const squash = (word) => word.toLowerCase().replace(/\(.*?\)/g, '').replace(/[^a-z0-9]/g, '');

/**
 * The setting a URL query key names: its own name (hidden), else its attribute or its English
 * label however written (hidden-size, hiddenSize, Time steps, timeSteps, learning_rate); undefined
 * for any other key (the page's own).
 */
export function fieldOfUrlKey(key) {
  if (FIELD_NAMES.includes(key)) return key;
  const word = squash(key);
  if (word.length < 2) return undefined;
  return FIELD_NAMES.find((name) => [name, FIELDS[name].attribute, FIELDS[name].label].some((w) => squash(w) === word));
}

/** HTML's global attributes (and the prefixes of their families): never a misspelt setting. */
const GLOBAL_ATTRIBUTES = new Set(['id', 'class', 'style', 'title', 'lang', 'dir', 'hidden', 'tabindex', 'slot', 'part',
  'exportparts', 'role', 'inert', 'autofocus', 'nonce', 'accesskey', 'contenteditable', 'draggable', 'spellcheck',
  'translate', 'enterkeyhint', 'inputmode', 'popover', 'is', 'autocapitalize', 'autocorrect', 'writingsuggestions',
  'itemid', 'itemprop', 'itemref', 'itemscope', 'itemtype']);

/**
 * The edit distance of two words, two letters swapped counting as one edit (stpe, drak: the
 * optimal string alignment distance), at most `limit + 1` (more is not counted).
 */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j], before[j - 2] + 1);
    }
    [before, row] = [row, next];
  }
  return Math.min(row[b.length], limit + 1);
}

/**
 * The attribute of `known` (the element's attribute names) that an attribute the element does
 * not read, `name`, most likely means, or undefined: a setting's other way of writing it
 * (hiddenSize, which HTML lower-cases to hiddensize; hidden_size, learning-rate: fieldOfUrlKey),
 * an attribute written without or with other separators (sync_url), or one a letter off (cel,
 * controlls; two in a name of eight letters or more). HTML's global attributes, data-*, aria-*
 * and on*, and a framework's (Alpine's :lr and x-*, Vue's v-*, htmx's hx-*, Angular's _ng*) are
 * the page's: undefined.
 */
export function meantAttribute(name, known) {
  if (GLOBAL_ATTRIBUTES.has(name) || known.includes(name)) return undefined;
  if (/^(data-|aria-|on|x-|v-|hx-|_ng|ng-)|[:@.]/.test(name)) return undefined;
  const field = fieldOfUrlKey(name);
  if (field) return FIELDS[field].attribute;
  return nearestName(name, known);
}

/**
 * The name of `known` that `word` means where it is written with other separators or case
 * (sync_url), or a letter off or two letters swapped (sped, stpe, drak; two such slips in a
 * word of eight letters or more), else undefined.
 */
export function nearestName(word, known) {
  const squashed = squash(word);
  if (squashed.length < 2) return undefined;
  // (Two letters in a name of eight or more: height is not weights.)
  const limit = squashed.length >= 8 ? 2 : 1;
  let best;
  let least = limit + 1;
  for (const k of known) {
    const d = distance(squashed, squash(k), limit);
    if (d < least) [best, least] = [k, d];
  }
  return best;
}

/**
 * The settings a URL query (URLSearchParams) gives, each once: by its name, else by the first
 * other way of writing it (fieldOfUrlKey). Returns { texts: [name, text, the key it was under],
 * the names first; repeated: [name, [key, text] used, [[key, text], …] passed over] for each
 * setting the query gives other values (?hidden=16&hiddenSize=8, ?lr=0.1&lr=0.2) }.
 */
export function settingsInQuery(params) {
  const named = [...params].map(([key, text]) => [fieldOfUrlKey(key), key, text]).filter(([name]) => name);
  const read = readFirst([...named.filter(([name, key]) => key === name), ...named.filter(([name, key]) => key !== name)]);
  return { texts: read.map(([name, [key, text]]) => [name, text, key]), repeated: read.filter(([, , passed]) => passed.length) };
}

/**
 * The other values a URL query (URLSearchParams) gives each of `keys` (options, read by their
 * first value), in settingsInQuery's `repeated` form: [key, [key, first], [[key, other], …]].
 */
export function repeatsInQuery(params, keys) {
  const read = readFirst([...params].filter(([key]) => keys.includes(key)).map(([key, text]) => [key, key, text]));
  return read.filter(([, , passed]) => passed.length);
}

/**
 * [name, [key, text] read, [[key, text], …] passed over] for each name of `given` ([name, key,
 * text], in the order they are read): its first read; each other value passed over once
 * (?lr=0.1&lr=0.2&lr=0.2: lr=0.2 once).
 */
function readFirst(given) {
  const read = new Map();
  for (const [name, key, text] of given) {
    const seen = read.get(name);
    if (!seen) read.set(name, [name, [key, text], []]);
    else if (text !== seen[1][1] && !seen[2].some(([k, t]) => k === key && t === text)) seen[2].push([key, text]);
  }
  return [...read.values()];
}

/** Index of the speed slider position closest to `speed` (0, max: the last). */
export function speedIndex(speed) {
  if (speed === 0) return SPEEDS.indexOf(0);
  let best = 0;
  for (let i = 1; i < SPEEDS.length; i++) {
    if (SPEEDS[i] === 0) continue;
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
export const CHARTS = ['strip', 'loss', 'hidden', 'preview', 'gradients', 'unrolled', 'equations'];

/**
 * Reads a list of names such as the `controls` attribute: `all` (or empty), `none`, or names
 * separated by commas or spaces, in any case; no text, or unknown names alone (a typo in a list
 * of one), is `fallback`'s list, as an invalid setting is its default. Returns { names: Set,
 * unknown: [] }; unknown names are left out of `names` and reported so the caller can say which.
 */
export function parseNameList(text, known, fallback = 'all') {
  const raw = String(text ?? fallback).trim().toLowerCase();
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
  if (names.size === 0) return { names: parseNameList(fallback, known).names, unknown };
  return { names, unknown };
}

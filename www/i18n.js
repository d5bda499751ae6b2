// The element's language: message catalogs (www/locales/, one per language, the same keys)
// and the Translator the view, the demo and its features take their texts from. Adding a
// language is adding a catalog to LOADERS (tests/node/i18n.test.mjs checks its keys). English
// is always there; another catalog is loaded when a page first needs it (loadLocale), so that
// an English page does not load the others.
//
// A catalog maps keys to texts with {placeholders}. The settings' labels, help, accepted
// values and choices come from the engine's settings table (settings-schema.js) in English;
// another language gives them under `settings` and `choices`. The engine's errors carry a
// `code` and `params` (src/messages.rs declares every code with its English template, which
// `errorMessages()` lists); another language gives each code's text under `engine`.
import { FIELDS, settingText } from './settings.js';
import { errorText } from './messages.js';
import en from './locales/en.js';

/** The catalogs other than English by BCP 47 tag: each a module, imported when first needed. */
const LOADERS = { 'zh-CN': () => import('./locales/zh-CN.js') };
/** Every language's tag. */
export const LOCALES = ['en', ...Object.keys(LOADERS)];
/** The catalogs loaded so far by BCP 47 tag (English, and those loadLocale() loaded). */
export const CATALOGS = { en };

/**
 * Loads the catalog of the language `tag` resolves to (resolveLocale), once; resolves to its
 * tag once a Translator of it can be made. Rejects where its module does not load.
 */
export async function loadLocale(tag) {
  const locale = resolveLocale(tag);
  CATALOGS[locale] ??= (await LOADERS[locale]()).default;
  return locale;
}

/**
 * The catalog's tag for a language tag (the `lang` attribute, `?lang=`): the exact tag, else
 * the first catalog of the same language (zh, zh-Hans, zh-SG → zh-CN; zh-TW, zh-Hant too,
 * which have none of their own), else English.
 */
export function resolveLocale(tag) {
  const text = String(tag ?? '').trim();
  if (!text) return 'en';
  const lower = text.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) ?? 'en';
}

/** A Han character, and what Chinese typography spaces off from one: a Latin letter or a digit. */
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z0-9]/;

/**
 * `template` with each {placeholder} replaced by `valueOf(name)` (left as it is where that is
 * undefined). A value that meets a Han character of the template with a Latin letter or a digit
 * gets a space there ("必须是{accepts}" → "必须是 1 到 256 之间的整数"), as Chinese typography
 * writes mixed text; other scripts are untouched.
 */
function interpolate(template, valueOf) {
  return template.replace(/\{(\w+)\}/g, (all, name, at) => {
    let text = valueOf(name);
    if (text === undefined) return all;
    if (HAN.test(template[at - 1] ?? '') && LATIN.test(text[0] ?? '')) text = ` ${text}`;
    if (HAN.test(template[at + all.length] ?? '') && LATIN.test(text.at(-1) ?? '')) text = `${text} `;
    return text;
  });
}

const fill = (text, params) => (params ? interpolate(text, (name) => (name in params ? String(params[name]) : undefined)) : text);

/** A space between a full-width character (CJK, its punctuation) and an opening quote “, and between a closing quote ” and one. */
const SPACE_BEFORE_QUOTE = /([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) “/g;
const SPACE_AFTER_QUOTE = /” ([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g;

const unspaceQuotes = (text) => text.replace(SPACE_BEFORE_QUOTE, '$1“').replace(SPACE_AFTER_QUOTE, '”$1');

/** A value of an engine message that is a quoted one (`{quoted}`), or an item of a list (a text or a quoted one). */
const isQuoted = (v) => v !== null && typeof v === 'object' && typeof v.quoted === 'string';
const isListItem = (v) => typeof v === 'string' || isQuoted(v);

/**
 * The text of an engine message `{code, params}` (an error the engine threw, or a message
 * nested in one) from `templates` (code → text with {placeholders}), as the engine fills its
 * English ones: a text value as it is, a quoted one (`{quoted}`) written by `quote`, a number
 * by `number`, a nested message in the same language, a list of them each on a line of its own
 * after two spaces, a list of texts and quoted ones by `list`. The defaults write English as the
 * engine does: "a", "a, b, c". Undefined when a code has no text.
 */
export function renderMessage(templates, message, formats = {}) {
  if (typeof formats !== 'object') throw new TypeError('renderMessage(templates, message, formats): formats is an object, {number, list, quote}');
  const { number = String, list = (items) => items.join(', '), quote = (text) => `"${text}"` } = formats;
  const template = templates?.[message.code];
  if (typeof template !== 'string') return undefined;
  let missing = false;
  const value = (v) => {
    if (typeof v === 'number') return number(v);
    if (isQuoted(v)) return quote(v.quoted);
    if (Array.isArray(v)) return v.every(isListItem) ? list(v.map(value)) : v.map((m) => `\n  ${value(m)}`).join('');
    if (v && typeof v === 'object') {
      const text = renderMessage(templates, v, { number, list, quote });
      if (text === undefined) missing = true;
      return text;
    }
    return String(v);
  };
  const params = message.params ?? {};
  const text = interpolate(template, (name) => (Object.hasOwn(params, name) ? value(params[name]) : undefined));
  return missing ? undefined : text;
}

/** A value that is not finite as the charts write it, in every language: ∞, −∞ or NaN. */
const notFinite = (v) => (Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞');

/** The texts of one language. */
export class Translator {
  /**
   * @param {string} tag any language tag (resolved with resolveLocale), whose catalog is loaded
   *   (loadLocale); an Error otherwise
   */
  constructor(tag) {
    this.locale = resolveLocale(tag);
    this.catalog = CATALOGS[this.locale];
    if (!this.catalog) throw new Error(`i18n: the ${this.locale} catalog is not loaded: await loadLocale('${this.locale}') first`);
    this.#plurals = new Intl.PluralRules(this.locale);
    this.#grouped = new Intl.NumberFormat(this.locale);
    this.#significant = new Intl.NumberFormat(this.locale, {
      minimumSignificantDigits: 3, maximumSignificantDigits: 3, useGrouping: false,
    });
    this.#decimal = this.#grouped.formatToParts(0.5).find((p) => p.type === 'decimal')?.value ?? '.';
  }

  /**
   * The text of `key` with its {placeholders} filled from `params`; a template's space between
   * its words and a value in full-width quotes goes (未知的名称“stpe”), as in the engine's texts.
   */
  t(key, params) {
    const text = this.catalog[key] ?? en[key];
    if (text === undefined) throw new Error(`i18n: no text for "${key}"`);
    return unspaceQuotes(fill(text, params));
  }

  /**
   * HTTP status `status` in this language: the catalog's name for it (`httpStatus`), else, where
   * the catalog is English, the server's own `statusText` (a reason phrase, English by custom;
   * HTTP/2 sends none), else ''.
   */
  httpStatus(status, statusText) {
    return this.catalog.httpStatus?.[status] ?? (this.catalog === en ? statusText : '');
  }

  /** The text of `key`.one or `key`.other (the locale's plural rule for `n`), filled from `params`. */
  plural(key, n, params) {
    const category = this.#plurals.select(n);
    return this.t(`${key}.${`${key}.${category}` in this.catalog ? category : 'other'}`, params);
  }

  /**
   * The texts the engine draws on the charts (`ChartLabels`): each `axis.<name>` text under
   * `<name>`, and `layers`, "layer 0" … "layer 3" (from 0, as PyTorch's weight_ih_l0). One object per Translator: the engine reads
   * its texts again only when it is given another object.
   */
  chartLabels() {
    if (!this.#chartLabels) {
      const names = Object.keys(en).filter((k) => k.startsWith('axis.') && k !== 'axis.layer').map((k) => k.slice(5));
      this.#chartLabels = Object.fromEntries(names.map((name) => [name, this.t(`axis.${name}`)]));
      this.#chartLabels.layers = [0, 1, 2, 3].map((n) => this.t('axis.layer', { n }));
    }
    return this.#chartLabels;
  }

  /**
   * The text of an error in this language: an engine error or report (one with `code` and
   * `params`) from the catalog's `engine` texts; English, or any other error, its own message
   * (errorText).
   */
  error(err) {
    if (this.locale !== 'en' && err && typeof err === 'object' && typeof err.code === 'string') {
      const text = this.#engineText(err);
      if (text !== undefined) return text;
    }
    return errorText(err);
  }

  /**
   * An engine message `{code, params}` in this language (renderMessage); undefined where the
   * catalog has no text for it. A template's space between its words and a value goes where
   * the value is in full-width quotes: 收到的是 0, but 收到的是“GRU”. The numbers of what a
   * setting accepts, and of the value it was given, are written as a field reads them, without
   * digit grouping (4294967295: the fields refuse 4,294,967,295).
   */
  #engineText(message) {
    const typed = message.code === 'setting.invalid' || message.code.startsWith('accepts.');
    const text = renderMessage(this.catalog.engine, message, {
      number: typed ? (x) => String(x).replace('.', this.#decimal) : (x) => this.number(x),
      list: (items) => this.list(items), quote: (text) => this.quoted(text),
    });
    return text === undefined ? undefined : unspaceQuotes(text);
  }

  /** A number in an engine message: an integer with the locale's digit grouping, any other as JavaScript writes it, with the locale's decimal sign. */
  number(x) {
    return Number.isInteger(x) && Math.abs(x) < 1e21 ? this.count(x) : String(x).replace('.', this.#decimal);
  }

  /**
   * A setting's `label`, `help`, `accepts` or `zero` (what 0 means) in this language. What it
   * accepts is the engine's message (the table's `acceptsMessage`), written as this language's
   * catalog writes the engine's messages.
   */
  setting(name, part) {
    const text = this.#settingPart(name, part);
    // Another setting a help names ({stopBelow}): by its label, as the form shows it.
    if (part !== 'help') return text;
    return text.replace(/\{(\w+)\}/g, (whole, other) => (FIELDS[other] ? this.t('setting.referred', { label: this.#labelParts(other).label }) : whole));
  }

  #settingPart(name, part) {
    const own = this.catalog.settings?.[name]?.[part];
    if (own !== undefined) return own;
    if (part === 'accepts' && this.locale !== 'en') {
      const text = this.#engineText(FIELDS[name].acceptsMessage);
      if (text !== undefined) return text;
    }
    return FIELDS[name][part];
  }

  /** A setting's label in this language, split from the brackets it may end in: { label: 'Weight decay', qualifier: 'L2' }. */
  #labelParts(name) {
    const label = this.setting(name, 'label');
    const inner = /\s*[（(]([^（）()]*)[）)]$/.exec(label);
    return inner ? { label: label.slice(0, inner.index), qualifier: inner[1] } : { label };
  }

  /**
   * `key`'s text for a setting's label and more in brackets after it; a label that ends in
   * brackets of its own takes the more in them (`key`.inner): ε（Adam，eps）, not ε（Adam）（eps）.
   */
  #bracketed(key, name, params) {
    const { label, qualifier } = this.#labelParts(name);
    return this.t(qualifier === undefined ? key : `${key}.inner`, { ...params, label, qualifier });
  }

  /** A setting as a message names it (`called`: as the reader wrote it, by default its name): Learning rate (lr); 学习率（lr）; ε (Adam; eps); ε（Adam，eps）. */
  settingName(name, called = name) {
    return this.#bracketed('setting.named', name, { name: called });
  }

  /** A setting's label in the form, with what 0 means where it means something: Clip grad norm (0 = off); Weight decay (L2; 0 = off). */
  fieldLabel(name) {
    const zero = this.setting(name, 'zero');
    return zero ? this.#bracketed('field.zero', name, { zero }) : this.setting(name, 'label');
  }

  /**
   * A setting's value as a message gives it (the catalog's `setting.value`: {value} as code
   * writes it, lstm, false, max; {label} as its form shows it, a choice's label, the word for
   * 0, the number as typed: LSTM, h = 0, off, 0.01; both catalogs give the label).
   */
  settingValue(name, value) {
    const spec = FIELDS[name];
    const label = spec.choices.length ? this.choice(name, value, 'label')
      : value === 0 && spec.zero ? this.setting(name, 'zero') : String(value);
    return this.t('setting.value', { value: settingText(name, value), label });
  }

  /** A choice's `label` or `description` (`name` the setting, `value` the choice). */
  choice(name, value, part) {
    const own = this.catalog.choices?.[name]?.[value]?.[part];
    return own ?? FIELDS[name].choices.find((c) => String(c.value) === String(value))?.[part] ?? String(value);
  }

  /**
   * Names or values kept as they are, as a list in this language (`Intl.ListFormat`, narrow):
   * "rnn, lstm, gru"; "rnn、lstm、gru". English writes it as the engine does.
   */
  list(items) {
    // (A browser without Intl.ListFormat joins them as English does.)
    this.#lists ??= typeof Intl.ListFormat === 'function'
      ? new Intl.ListFormat(this.locale, { style: 'narrow', type: 'conjunction' })
      : { format: (xs) => xs.join(', ') };
    return this.#lists.format(items);
  }

  /** A name as typed, quoted as this language quotes: "x"; “x”. */
  quoted(text) {
    return this.t('quoted', { text });
  }

  /** An integer or a count with the locale's digit grouping: 12,345. */
  count(n) {
    return this.#grouped.format(n);
  }

  /** A loss or a norm in three significant digits: 0.0123, 4.56e-5, 1.23e6, 0, ∞, NaN (the locale's decimal sign). */
  short(v) {
    if (!Number.isFinite(v)) return notFinite(v);
    if (v === 0) return '0';
    const shown = Math.abs(Number(v.toPrecision(3)));
    if (shown < 1e-3 || shown >= 1e5) return v.toExponential(2).replace('e+', 'e').replace('.', this.#decimal);
    return this.#significant.format(v);
  }

  /** A value with `digits` decimals (the probes' readouts); `grouped`, its thousands grouped as count()'s (1,234.5). */
  fixed(v, digits = 3, grouped = false) {
    if (!Number.isFinite(v)) return notFinite(v);
    const key = `${digits}${grouped ? ',' : ''}`;
    this.#fixed[key] ??= new Intl.NumberFormat(this.locale, {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouped,
    });
    // No sign on a value that rounds to zero (0.000, not -0.000).
    return this.#fixed[key].format(Number(v.toFixed(digits)) === 0 ? 0 : v);
  }

  #plurals;
  #chartLabels = null;
  #grouped;
  #significant;
  #fixed = {};
  #decimal;
  #lists = null;
}

// The element's languages (www/i18n.js, www/locales/): every catalog has every key of the
// English one with the same placeholders, every setting and choice of the engine's table, and
// no English left in its texts; language tags resolve to a catalog; numbers typed with a
// decimal comma are read as the number meant, and digit grouping is refused, never misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as engine from '../../www/pkg/rnn_playground.js';
import { CATALOGS, Translator, resolveLocale } from '../../www/i18n.js';
import { SETTINGS } from '../../www/settings-schema.js';
import { parseField, readNumber, useEngine } from '../../www/settings.js';

const wasm = fileURLToPath(new URL('../../www/pkg/rnn_playground_bg.wasm', import.meta.url));
engine.initSync({ module: fs.readFileSync(wasm) });
useEngine(engine);

const en = CATALOGS.en;
const texts = (catalog) => Object.entries(catalog).filter(([, v]) => typeof v === 'string');
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Han, kana, Hangul: a text in an East Asian script. */
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]/;
/** Placeholders the code fills beyond those the English text uses (en.js says which). */
const WORDS = ['accepts', 'got', 'label', 'name'];
const MORE_PARAMS = { 'invalid.setting': WORDS, 'invalid.number': WORDS, 'invalid.boolean': WORDS, 'invalid.decimal': WORDS };
/** Texts that are the same in every language: symbols and names. */
const SAME = new Set(['probe.gradients.t', 'probe.gradients.norm', 'equations.cell.rnn']);

for (const [locale, catalog] of Object.entries(CATALOGS)) {
  if (locale === 'en') continue;

  test(`${locale}: the same keys as English, each with placeholders the code fills`, () => {
    const keys = texts(catalog).map(([k]) => k).sort();
    assert.deepEqual(keys, texts(en).map(([k]) => k).sort(), 'keys missing or extra');
    for (const [key, text] of texts(catalog)) {
      const filled = new Set([...placeholders(en[key]), ...(MORE_PARAMS[key] ?? [])]);
      const unknown = placeholders(text).filter((p) => !filled.has(p));
      assert.deepEqual(unknown, [], `${key}: placeholders the code does not fill`);
      if (!MORE_PARAMS[key]) assert.deepEqual(placeholders(text), placeholders(en[key]), `${key}: placeholders`);
    }
  });

  test(`${locale}: every setting and choice of the engine's table has its texts`, () => {
    for (const s of SETTINGS) {
      const own = catalog.settings?.[s.name];
      assert.ok(own, `settings.${s.name} missing`);
      for (const part of ['label', 'help', 'accepts']) assert.ok(own[part], `settings.${s.name}.${part} missing`);
      if (s.zero) assert.ok(own.zero, `settings.${s.name}.zero missing`);
      for (const c of s.choices) assert.ok(catalog.choices?.[s.name]?.[String(c.value)]?.label, `choices.${s.name}.${c.value} missing`);
    }
  });

  test(`${locale}: no text is left in English`, () => {
    const left = texts(catalog).filter(([key, text]) => !SAME.has(key) && !CJK.test(text)).map(([key]) => key);
    for (const [name, own] of Object.entries(catalog.settings)) {
      for (const [part, text] of Object.entries(own)) if (!CJK.test(text) && text !== en[part]) {
        if (part !== 'help' || !/^[\w.()]+$/.test(text)) left.push(`settings.${name}.${part}`);
      }
    }
    for (const [name, values] of Object.entries(catalog.choices)) {
      for (const [value, own] of Object.entries(values)) {
        const english = SETTINGS.find((s) => s.name === name).choices.find((c) => String(c.value) === value);
        if (own.description !== undefined && !CJK.test(own.description)) left.push(`choices.${name}.${value}.description`);
        // A label may stay a name (LSTM, Adam) only where the English label is that name too.
        if (!CJK.test(own.label) && own.label !== english.label && !/^[^a-z]*$/i.test(own.label.replace(/[→=\s]|sin|cos|h/g, ''))) {
          left.push(`choices.${name}.${value}.label`);
        }
      }
    }
    assert.deepEqual(left, [], 'English texts in the catalog');
  });
}

test('language tags resolve to a catalog: exact, same language, else English', () => {
  assert.equal(resolveLocale('zh-CN'), 'zh-CN');
  assert.equal(resolveLocale('ZH-cn'), 'zh-CN');
  assert.equal(resolveLocale('zh'), 'zh-CN');
  assert.equal(resolveLocale('zh-Hans-CN'), 'zh-CN');
  assert.equal(resolveLocale('en-GB'), 'en');
  assert.equal(resolveLocale('de-DE'), 'en');
  assert.equal(resolveLocale(''), 'en');
  assert.equal(resolveLocale(undefined), 'en');
});

test('a missing key is an error, not a blank in the page', () => {
  assert.throws(() => new Translator('zh-CN').t('no.such.key'), /no text for "no.such.key"/);
});

test('numbers are read as typed: a decimal comma is the decimal point; grouping and junk are refused', () => {
  assert.equal(readNumber('0,01'), 0.01);
  assert.equal(readNumber('0.01'), 0.01);
  assert.equal(readNumber(',5'), 0.5);
  assert.equal(readNumber(' 1e-3 '), 0.001);
  assert.equal(readNumber('2,5E-2'), 0.025);
  for (const bad of ['1,000', '12,345,678', '0,0,1', '1.000,5', '0x10', '', 'abc', '1 000', 'Infinity', '--1']) {
    assert.ok(Number.isNaN(readNumber(bad)), `"${bad}" was read as ${readNumber(bad)}`);
  }
});

test('a typed learning rate "0,01" is 0.01; "1,000" is refused with a message in the reader\'s language', () => {
  const english = new Translator('en');
  const chinese = new Translator('zh-CN');
  assert.deepEqual(parseField('lr', '0,01', english), { ok: true, value: 0.01 });
  assert.deepEqual(parseField('stopAfter', '2,0', english), { ok: true, value: 2 });
  const grouped = parseField('stopAfter', '1,000', english);
  assert.equal(grouped.ok, false);
  assert.match(grouped.message, /no digit grouping/);
  const zh = parseField('lr', '0,0,1', chinese);
  assert.equal(zh.ok, false);
  assert.match(zh.message, /学习率/);
  // Out of range: the engine decides; English gives its words, Chinese the catalog's.
  assert.equal(parseField('hidden', '0', english).message, 'hidden must be an integer from 1 to 256, got 0');
  assert.match(parseField('hidden', '0', chinese).message, /^隐藏单元数（hidden）必须是1 到 256 之间的整数/);
});

test('numbers shown as text follow the locale', () => {
  const tr = new Translator('en');
  assert.equal(tr.count(12345), '12,345');
  assert.equal(tr.short(0.012345), '0.0123');
  assert.equal(tr.short(4.567e-5), '4.57e-5');
  assert.equal(tr.fixed(1.23456), '1.235');
  assert.equal(new Translator('zh-CN').count(12345), '12,345');
});

test('the chart labels a Translator gives are exactly the ChartLabels the engine reads (src/wasm/types.d.ts)', () => {
  const dts = fs.readFileSync(new URL('../../src/wasm/types.d.ts', import.meta.url), 'utf8');
  const body = dts.slice(dts.indexOf('export interface ChartLabels {'), dts.indexOf('}', dts.indexOf('export interface ChartLabels {')));
  const declared = [...body.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]).sort();
  const tr = new Translator('zh-CN');
  assert.deepEqual(Object.keys(tr.chartLabels()).sort(), declared);
  assert.equal(tr.chartLabels(), tr.chartLabels(), 'a new object per call: the engine would read the texts every frame');
  assert.deepEqual(tr.chartLabels().layers, ['第 1 层', '第 2 层', '第 3 层', '第 4 层']);
});

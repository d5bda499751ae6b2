// The element's languages (www/i18n.js, www/locales/): every catalog has every key of the
// English one with the same placeholders, every setting and choice of the engine's table, and
// no English left in its texts; language tags resolve to a catalog; numbers typed with a
// decimal comma are read as the number meant, and digit grouping is refused, never misread.
// The engine's errors: every code the engine declares (errorMessages(), from src/messages.rs)
// has a text in every catalog, their values fill the English templates exactly as the engine
// does, and a Chinese page gets them in Chinese (lines of Python and names kept as they are).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
// The files build: the whole API, file methods included (in a browser, engine.js gives the
// page's builds these methods by running them in this build; Node loads no wasm by URL).
import * as engine from '../../www/pkg/files/rnn_playground.js';
import { CATALOGS, LOCALES, Translator, loadLocale, renderMessage, resolveLocale } from '../../www/i18n.js';
import { SETTINGS } from '../../www/settings-schema.js';
import { FIELDS, FIELD_NAMES, SPEEDS, fieldOfUrlKey, meantAttribute, parseField, readNumber, repeatsInQuery, settingsInQuery, speedIndex, toQuery, useEngine } from '../../www/settings.js';
import { microsText } from '../../www/readouts.js';
import { numberText } from '../../www/unrolled.js';

const wasm = fileURLToPath(new URL('../../www/pkg/files/rnn_playground_bg.wasm', import.meta.url));
engine.initSync({ module: fs.readFileSync(wasm) });
useEngine(engine);
// Every catalog (an element loads one other than English when its language needs it).
for (const locale of LOCALES) await loadLocale(locale);

const en = CATALOGS.en;
const texts = (catalog) => Object.entries(catalog).filter(([, v]) => typeof v === 'string');
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Han, kana, Hangul: a text in an East Asian script. */
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]/;
/** Placeholders the code fills beyond those the English text uses (en.js says which). */
const WORDS = ['accepts', 'got', 'label', 'name', 'named', 'engine'];
const MORE_PARAMS = { 'invalid.setting': WORDS, 'invalid.number': WORDS, 'invalid.boolean': WORDS, 'invalid.decimal': WORDS, 'invalid.grouped': WORDS, 'setting.named': ['label'], 'setting.named.inner': ['label', 'qualifier'], 'field.zero.inner': [], 'setting.value': ['value', 'label'] };
/** The engine's texts that are a number and a unit's symbol, the same in every language (the SI's KB, MB, GB). */
const UNITS = new Set(['size.kb', 'size.mb', 'size.gb']);
/** Texts that are the same in every language: symbols and names. */
const SAME = new Set(['probe.gradients.t', 'probe.gradients.norm', 'equations.cell.rnn', 'invalid.setting', 'quoted', 'setting.referred', 'setting.value', 'text.sentences']);

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
      for (const part of ['label', 'help']) assert.ok(own[part], `settings.${s.name}.${part} missing`);
      // What it accepts: the engine's message, in the catalog's words for the engine's messages.
      assert.equal(own.accepts, undefined, `settings.${s.name}.accepts: a copy of the engine's message (acceptsMessage)`);
      assert.match(new Translator(locale).setting(s.name, 'accepts'), CJK, `settings.${s.name}: accepts not written in ${locale}`);
      if (s.zero) assert.ok(own.zero, `settings.${s.name}.zero missing`);
      for (const c of s.choices) assert.ok(catalog.choices?.[s.name]?.[String(c.value)]?.label, `choices.${s.name}.${c.value} missing`);
    }
  });

  test(`${locale}: index.html's own texts (main.js): every one, the lead with exactly the page's marked-up words`, () => {
    const html = fs.readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
    const partsOf = (text) => [...text.matchAll(/data-part="(\w+)"/g)].map((m) => m[1]).sort();
    // The keys' sentence, a part of the lead, has parts of its own.
    const keys = html.match(/<span[^>]*data-part="keys"[^>]*>([\s\S]*?)<\/span>/)[1];
    const parts = partsOf(html).filter((p) => !partsOf(keys).includes(p));
    assert.ok(parts.length >= 4 && partsOf(keys).length >= 3, `data-part words in index.html: ${parts}; ${partsOf(keys)}`);
    const page = catalog.page ?? {};
    for (const key of ['title', 'description', 'lead', 'keys', 'tutorial', 'tutorialHref', 'footer']) assert.ok(page[key], `page.${key} missing`);
    assert.deepEqual(placeholders(page.lead), parts, 'page.lead: its {words}');
    assert.deepEqual(placeholders(page.keys), partsOf(keys), 'page.keys: its {words}');
    assert.ok(fs.existsSync(new URL(`../../www/${page.tutorialHref}`, import.meta.url)), `page.tutorialHref: ${page.tutorialHref}`);
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
  // Traditional Chinese has no catalog: Simplified Chinese, not English (docs/element.md).
  assert.equal(resolveLocale('zh-TW'), 'zh-CN');
  assert.equal(resolveLocale('zh-Hant-HK'), 'zh-CN');
  assert.equal(resolveLocale('en-GB'), 'en');
  assert.equal(resolveLocale('de-DE'), 'en');
  assert.equal(resolveLocale(''), 'en');
  assert.equal(resolveLocale(undefined), 'en');
});

test('zh-CN: a Latin word or a number filled in beside a Han character is spaced off from it, as Chinese typography writes mixed text', () => {
  const zh = new Translator('zh-CN');
  // Every text and engine message, each value a Latin word and a number: none touches a Han character.
  const touching = /\p{Script=Han}(?:A1|B2)|(?:A1|B2)\p{Script=Han}/u;
  const catalog = CATALOGS['zh-CN'];
  const cases = [
    ...texts(catalog).map(([key, text]) => [key, text, (params) => zh.t(key, params)]),
    ...Object.entries(catalog.engine).map(([code, text]) => [code, text, (params) => renderMessage(catalog.engine, { code, params })]),
  ];
  let filled = 0;
  for (const [key, text, render] of cases) {
    const names = placeholders(text);
    if (!names.length) continue;
    const out = render(Object.fromEntries(names.map((n, i) => [n, i % 2 ? 'B2' : 'A1'])));
    assert.doesNotMatch(out, touching, `${key}: ${out}`);
    filled++;
  }
  assert.ok(filled > 100, `${filled} texts filled`);
  // Beside punctuation, a space, or Chinese text, a value is as it is.
  assert.equal(zh.t('invalid.configName', { name: 'x', names: 'a, b' }), 'el.config：未知的设置“x”；可用的设置有 a, b。');
  assert.equal(zh.t('message.exportFailed', { what: '权重', reason: 'r' }), '无法导出权重：r');
  // A value in full-width quotes takes no space from the template, in the page's texts as in the engine's.
  assert.equal(zh.t('invalid.list.one', { option: 'controls', names: zh.quoted('stpe'), known: 'play' }), 'controls 无效：未知的名称“stpe”；可用的名称有 play（或 all、none）。');
});

test('a URL key names a setting by its name, or by its attribute or English label however written (hiddenSize, time-step, Time steps, learning_rate); other keys are the page\'s own, kept when the settings are written', () => {
  const cases = { hidden: 'hidden', hiddenSize: 'hidden', hidden_size: 'hidden', 'hidden-size': 'hidden', timeSteps: 'timeStep', 'time-step': 'timeStep',
    learning_rate: 'lr', 'Learning rate': 'lr', 'clip-grad-norm': 'clipNorm', stop_after: 'stopAfter', utm_source: undefined, step: undefined, 1: undefined, b1: undefined };
  for (const [key, name] of Object.entries(cases)) assert.equal(fieldOfUrlKey(key), name, key);
  // Every way of writing a setting names that one alone (a label of a Greek letter and a digit, β1 (Adam), names none).
  for (const name of FIELD_NAMES) {
    for (const word of [name, FIELDS[name].attribute]) assert.equal(fieldOfUrlKey(word), name, `${word} of ${name}`);
    assert.ok([name, undefined].includes(fieldOfUrlKey(FIELDS[name].label)), `${FIELDS[name].label} of ${name}`);
  }
  // Written by its name: another spelling goes, the page's own keys stay.
  assert.equal(toQuery({ hidden: 16 }, '?hiddenSize=99&utm_source=x&time_step=5'), '?utm_source=x&hidden=16');
});

test('an attribute the element does not read names the one it means where it is another spelling or a letter off (two in a long name); HTML\'s, the page\'s and frameworks\' own attributes, and words merely near one, name none', async () => {
  // The element's own list: the settings' attributes, its options and lang.
  const known = (await import('rnn-playground/element')).RnnPlayground.observedAttributes;
  assert.ok(known.includes('hidden-size') && known.includes('sync-url') && known.includes('lang'));
  const cases = {
    hiddensize: 'hidden-size', hidden_size: 'hidden-size', 'learning-rate': 'lr', timesteps: 'time-step', cel: 'cell', controlls: 'controls',
    chart: 'charts', sync_url: 'sync-url', syncurl: 'sync-url', 'hiden-size': 'hidden-size', seeds: 'seed', 'auto-play': 'autoplay',
    // Two letters swapped: one slip (they had been two edits, and named nothing in a short word).
    cotnrols: 'controls', 'hiddne-size': 'hidden-size', clel: 'cell', tehme: 'theme',
    // Read already, or not the element's: none.
    lr: undefined, cell: undefined, hidden: undefined, title: undefined, class: undefined, style: undefined, dir: undefined, slot: undefined,
    'data-lr': undefined, 'aria-label': undefined, onclick: undefined, '_ngcontent-ng-c1': undefined, 'x-data': undefined, 'hx-get': undefined,
    ':lr': undefined, 'x-bind:lr': undefined, '@click': undefined, 'v-bind:hidden-size': undefined, '.lr': undefined,
    height: undefined, width: undefined, src: undefined, name: undefined, foo: undefined,
  };
  for (const [name, meant] of Object.entries(cases)) assert.equal(meantAttribute(name, known), meant, name);
});

test('a setting the URL gives more than once: its name\'s first value is used, else the first spelling\'s, and every other value is reported as passed over (the same value again is not)', () => {
  const read = (query) => settingsInQuery(new URLSearchParams(query));
  assert.deepEqual(read('?hiddenSize=8&hidden=16&lr=0.1&utm=1'), {
    texts: [['hidden', '16', 'hidden'], ['lr', '0.1', 'lr']], repeated: [['hidden', ['hidden', '16'], [['hiddenSize', '8']]]],
  });
  assert.deepEqual(read('?lr=0.1&lr=0.2&time-step=5&time_step=6&lr=0.1&learning_rate=0.3').repeated, [
    ['lr', ['lr', '0.1'], [['lr', '0.2'], ['learning_rate', '0.3']]], ['timeStep', ['time-step', '5'], [['time_step', '6']]],
  ]);
  assert.deepEqual(read('?hidden=16&hidden=16&hiddenSize=16'), { texts: [['hidden', '16', 'hidden']], repeated: [] });
  // Each value passed over once; an option's the same way (repeatsInQuery).
  assert.deepEqual(read('?lr=0.1&lr=0.2&lr=0.2').repeated, [['lr', ['lr', '0.1'], [['lr', '0.2']]]]);
  assert.deepEqual(repeatsInQuery(new URLSearchParams('?controls=play&theme=dark&controls=all&controls=play&controls=none'), ['controls', 'theme']),
    [['controls', ['controls', 'play'], [['controls', 'all'], ['controls', 'none']]]]);
});

test('a setting\'s help names another setting by its label as the form shows it, in the reader\'s language (the table names it once, as {stopBelow}; the help had written out the English label)', () => {
  const en = new Translator('en');
  const zh = new Translator('zh-CN');
  assert.equal(en.setting('stopPatience', 'help'), 'how many windows in a row the loss must stay under Stop below loss');
  // A label's brackets are left out: "Stop patience (windows)" is named Stop patience.
  assert.equal(en.setting('stopBelow', 'help'), 'training pauses once the loss stays below this for as many windows in a row as Stop patience says');
  assert.equal(zh.setting('stopPatience', 'help'), '损失需要连续低于“损失下限”多少个窗口');
  assert.equal(zh.setting('stopBelow', 'help'), '损失连续低于此值的窗口数达到“下限耐心”时暂停训练');
  for (const tr of [en, zh]) {
    for (const s of SETTINGS) assert.doesNotMatch(tr.setting(s.name, 'help'), /[{}]/, `${tr.locale}: ${s.name}'s help`);
  }
  // Derived, not written out: the table's help holds the reference, and a label changed is the one named.
  assert.match(FIELDS.stopPatience.help, /\{stopBelow\}/);
  const label = FIELDS.stopBelow.label;
  try {
    FIELDS.stopBelow.label = 'Loss floor (MSE)';
    assert.equal(en.setting('stopPatience', 'help'), 'how many windows in a row the loss must stay under Loss floor');
  } finally {
    FIELDS.stopBelow.label = label;
  }
});

test('a setting and its value in a message as the form shows them, the setting\'s name after its label (in English too: the form\'s words and the attribute\'s both lead to it)', () => {
  const zh = new Translator('zh-CN');
  const en = new Translator('en');
  const rebuilt = (tr, field, value) => tr.t('message.rebuilt', { setting: tr.settingName(field), value: tr.settingValue(field, value) });
  const live = (tr, field, value) => tr.t('message.live', { setting: tr.settingName(field), value: tr.settingValue(field, value), step: tr.count(1234) });
  assert.equal(rebuilt(en, 'cell', 'lstm'), 'New network: Cell (cell) set to LSTM; training restarts at step 0.');
  assert.equal(rebuilt(en, 'carryState', false), 'New network: State between windows (carryState) set to h = 0; training restarts at step 0.');
  assert.equal(live(en, 'clipNorm', 0), 'Clip grad norm (clipNorm) is now off; training goes on at step 1,234.');
  assert.equal(live(en, 'eps', 1e-7), 'ε (Adam; eps) is now 1e-7; training goes on at step 1,234.');
  assert.equal(rebuilt(zh, 'cell', 'lstm'), `新的网络：${zh.setting('cell', 'label')}（cell）改为 LSTM；训练从第 0 步重新开始。`);
  assert.equal(rebuilt(zh, 'carryState', false), `新的网络：${zh.setting('carryState', 'label')}（carryState）改为 ${zh.choice('carryState', false, 'label')}；训练从第 0 步重新开始。`);
  assert.equal(live(zh, 'lr', 0.01), `${zh.setting('lr', 'label')}（lr）现在是 0.01；训练从第 1,234 步继续。`);
  assert.equal(live(zh, 'clipNorm', 0), `${zh.setting('clipNorm', 'label')}（clipNorm）现在是${zh.setting('clipNorm', 'zero')}；训练从第 1,234 步继续。`);
  for (const text of [rebuilt(zh, 'cell', 'gru'), live(zh, 'weightDecay', 0.001), live(zh, 'clipNorm', 0)]) {
    assert.doesNotMatch(text.replace(/（[^（）]*）/g, ''), /cell|weightDecay|clipNorm|gru\b|\boff\b/, text);
  }
  // A label that ends in brackets takes the name in them, not a second pair.
  assert.equal(zh.settingName('eps'), 'ε（Adam，eps）');
  assert.equal(zh.settingName('momentum', 'momentum'), '动量（SGD，momentum）');
  assert.equal(zh.settingName('hidden', 'hidden-size'), '隐藏单元数（hidden-size）');
  assert.equal(en.settingName('eps'), 'ε (Adam; eps)');
  for (const s of SETTINGS) assert.doesNotMatch(en.settingName(s.name), /\) \(/, s.name);
  for (const s of SETTINGS) assert.doesNotMatch(zh.settingName(s.name), /）（/, s.name);
  // The form's labels the same way, with what 0 means.
  // Its "0 = off" kept on one line (no break beside the sign).
  assert.equal(en.fieldLabel('clipNorm'), 'Clip grad norm (0\u00a0=\u00a0off)');
  assert.equal(en.fieldLabel('weightDecay'), 'Weight decay (L2; 0\u00a0=\u00a0off)');
  assert.equal(zh.fieldLabel('weightDecay'), `${zh.setting('weightDecay', 'label').replace(/（.*/, '')}（L2，0\u00a0=\u00a0关闭）`);
  assert.equal(en.fieldLabel('hidden'), en.setting('hidden', 'label'));
  for (const s of SETTINGS) for (const tr of [en, zh]) assert.doesNotMatch(tr.fieldLabel(s.name), /[）)]\s*[（(]/, s.name);
  // A number as the form shows it: no digit grouping.
  assert.equal(rebuilt(zh, 'seed', 12345), `新的网络：${zh.setting('seed', 'label')}（seed）改为 12345；训练从第 0 步重新开始。`);
});

test('an HTTP status is named in the reader\'s language: by the catalog where it names it (HTTP/2 sends no words), else by the server\'s words in English only', () => {
  const [en, zh] = [new Translator('en'), new Translator('zh-CN')];
  assert.equal(en.httpStatus(404, ''), 'Not Found');
  assert.equal(en.httpStatus(418, "I'm a teapot"), "I'm a teapot");
  assert.equal(zh.httpStatus(404, 'Not Found'), '找不到文件');
  assert.equal(zh.httpStatus(418, "I'm a teapot"), '');
  // Every status one catalog names, the others name too.
  assert.deepEqual(Object.keys(CATALOGS['zh-CN'].httpStatus), Object.keys(CATALOGS.en.httpStatus));
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

test('full-width digits, letters and signs (a Chinese keyboard\'s) are read as their ASCII', () => {
  const chinese = new Translator('zh-CN');
  const english = new Translator('en');
  assert.deepEqual(parseField('lr', '０．０１', chinese), { ok: true, value: 0.01 });
  assert.deepEqual(parseField('hidden', '６４', chinese), { ok: true, value: 64 });
  assert.deepEqual(parseField('clipNorm', 'ＯＦＦ', english), { ok: true, value: 0 });
  assert.deepEqual(parseField('carryState', 'ｆａｌｓｅ', english), { ok: true, value: false });
  assert.equal(parseField('hidden', '６４０', chinese).ok, false, 'out of range all the same');
});

test('a boolean setting takes true or false, in any case, as the engine does; yes, on, 1 are refused, saying what it takes', () => {
  const english = new Translator('en');
  assert.deepEqual(parseField('carryState', 'False', english), { ok: true, value: false });
  assert.deepEqual(parseField('carryState', ' true ', english), { ok: true, value: true });
  for (const word of ['yes', 'no', 'on', 'off', '1', '0', '']) {
    const r = parseField('carryState', word, english, 'carry-state');
    assert.equal(r.ok, false, `"${word}" was taken`);
    assert.match(r.message, /carry-state.*true or false/, r.message);
  }
});

test('a typed learning rate "0,01" is 0.01; "1,000" is refused with a message in the reader\'s language', () => {
  const english = new Translator('en');
  const chinese = new Translator('zh-CN');
  assert.deepEqual(parseField('lr', '0,01', english), { ok: true, value: 0.01 });
  assert.deepEqual(parseField('stopAfter', '2,0', english), { ok: true, value: 2 });
  // Grouped digits: in a field of integers they can only be grouping, and the message says what to type;
  // in a field of decimals "1,000" could be either, and is refused as no number.
  assert.deepEqual(parseField('stopAfter', '1,000', english), { ok: false, message: 'Stop after (windows; stopAfter): write "1,000" without digit grouping, as 1000' });
  assert.deepEqual(parseField('seed', '12,345,678', chinese), { ok: false, message: '随机种子（seed）：请把“12,345,678”写成 12345678（不带千位分隔符）' });
  // "1.000" too, as German groups a thousand (it had been read as 1); a decimal in a field of decimals is one.
  assert.deepEqual(parseField('stopAfter', '1.000', english), { ok: false, message: 'Stop after (windows; stopAfter): write "1.000" without digit grouping, as 1000' });
  assert.deepEqual(parseField('seed', '1.000.000', english).ok, false);
  // Both signs: no number, and no suggestion (it had been 1000000 for 1,000.000).
  for (const text of ['1,000.000', '1.000,000']) assert.match(parseField('seed', text, english).message, /is not a number/, text);
  assert.deepEqual(parseField('stopBelow', '1.000', english), { ok: true, value: 1 });
  assert.deepEqual(parseField('seed', '1.0', english), { ok: true, value: 1 });
  assert.match(parseField('stopBelow', '1,000', english).message, /is not a number \(use a single decimal point or comma, and no digit grouping\)/);
  const zh = parseField('lr', '0,0,1', chinese);
  assert.equal(zh.ok, false);
  assert.match(zh.message, /学习率/);
  // Out of range: the engine decides; English gives its words, Chinese the catalog's, each naming the setting by its label.
  assert.equal(parseField('hidden', '0', english).message, 'Hidden size (hidden) must be an integer from 1 to 256, got 0');
  // Named as where it was written calls it (an attribute: hidden-size), by the engine and the catalogs alike.
  assert.equal(parseField('hidden', '0', english, 'hidden-size').message, 'Hidden size (hidden-size) must be an integer from 1 to 256, got 0');
  assert.equal(parseField('hidden', '0', chinese, 'hidden-size').message, '隐藏单元数（hidden-size）必须是 1 到 256 之间的整数，收到的是 0');
  assert.equal(parseField('clipNorm', 'none', english, 'clip-norm').message, 'Clip grad norm (clip-norm) must be off (0) or a positive number, got "none"');
  assert.equal(engine.validateSetting('hidden', 0, 'hidden-size'), 'hidden-size must be an integer from 1 to 256, got 0');
  assert.equal(engine.settingError('carryState', 'yes', 'carry-state').params.name, 'carry-state');
  assert.equal(parseField('hidden', '0', chinese).message, '隐藏单元数（hidden）必须是 1 到 256 之间的整数，收到的是 0');
});

test('a 0 that means something is read from the table\'s word for it, whatever the page\'s language, and written as it in the URL', () => {
  const english = new Translator('en');
  const chinese = new Translator('zh-CN');
  for (const [name, word, zh] of [['speed', 'max', '最快'], ['clipNorm', 'off', '关闭'], ['stopAfter', 'never', '不限'], ['stopBelow', 'Never', '不限']]) {
    assert.deepEqual(parseField(name, word, english), { ok: true, value: 0 }, `${name}=${word}`);
    assert.deepEqual(parseField(name, word, chinese), { ok: true, value: 0 }, `${name}=${word} on a Chinese page`);
    // The word shown is the language's, the word read the table's: markup means the same in every language.
    assert.equal(parseField(name, zh, chinese).ok, false, `${name}=${zh}`);
  }
  assert.equal(parseField('lr', 'off', english).ok, false, 'no word where 0 means nothing');
  assert.equal(parseField('speed', 'never', english).ok, false, 'only the setting\'s own word');
  assert.deepEqual(parseField('speed', '0', english), { ok: true, value: 0 });
  // A refusal leads with the word to write, in every language (a Chinese reader sees 最快 on the slider, and writes max).
  assert.equal(parseField('speed', '1001', english).message, 'Speed (speed) must be max (0) or an integer from 1 to 1000, got 1001');
  // The numbers to type are written as a field reads them, without digit grouping (which it refuses).
  assert.equal(parseField('speed', '最快', chinese).message, '速度（speed）必须是 max（即 0）或 1 到 1000 之间的整数，收到的是“最快”');
  assert.equal(parseField('speed', '1001', chinese).message, '速度（speed）必须是 max（即 0）或 1 到 1000 之间的整数，收到的是 1001');
  assert.equal(chinese.setting('seed', 'accepts'), '0 到 4294967295 之间的整数');
  for (const s of SETTINGS) assert.doesNotMatch(chinese.setting(s.name, 'accepts'), /\d,\d/, s.name);
  assert.equal(parseField('clipNorm', '-1', chinese).message, '梯度范数裁剪（clipNorm）必须是 off（即 0）或一个正数，收到的是 -1');
  // The engine reads the word too, as its messages name it (a config string, as a flag's value does).
  assert.equal(engine.settingError('clipNorm', 'off'), undefined);
  assert.equal(engine.settingError('speed', 'max'), undefined);
  assert.equal(engine.settingError('stopBelow', ' Never '), undefined, 'around spaces, in any case, as attributes and URLs read it');
  // Another text is refused by what the setting accepts, its word first.
  assert.equal(engine.settingError('clipNorm', 'max').message, 'clipNorm must be off (0) or a positive number, got "max"');
  assert.match(engine.settingError('lr', 'off').message, /^lr must be a number/, 'no word where 0 means nothing');
  // As TrainerConfig and HyperParameters declare it: a trainer takes the word, and config() gives the number.
  const trainer = new engine.Trainer({ clipNorm: 'off', weightDecay: 'Off' });
  assert.deepEqual([trainer.config().clipNorm, trainer.config().weightDecay], [0, 0]);
  trainer.setHyperParameters({ clipNorm: 1 });
  trainer.setHyperParameters({ clipNorm: ' off ' });
  assert.equal(trainer.config().clipNorm, 0, 'setHyperParameters reads the word as 0');
  assert.throws(() => trainer.setHyperParameters({ clipNorm: 'none' }), /clipNorm must be off \(0\) or a positive number, got "none"/);
  trainer.free();
  assert.equal(toQuery({ speed: 0, lr: 0.01 }), '?lr=0.01&speed=max');
  assert.equal(toQuery({ speed: 1 }), '', 'the default is left out');
  // The speed slider: 1 to 1000 steps a frame, then max.
  assert.equal(SPEEDS.at(-1), 0);
  assert.equal(speedIndex(0), SPEEDS.length - 1);
  assert.equal(SPEEDS[speedIndex(1000)], 1000);
  assert.equal(SPEEDS[speedIndex(7)], 5, 'another speed: the nearest position');
});

test('numbers shown as text follow the locale', () => {
  const tr = new Translator('en');
  assert.equal(tr.count(12345), '12,345');
  assert.equal(tr.short(0.012345), '0.0123');
  assert.equal(tr.short(4.567e-5), '4.57e-5');
  // A run near divergence's R² (its loss about 1e38): not 39 digits.
  assert.equal(tr.short(-3.4028e38), '-3.40e38');
  assert.equal(tr.short(123456), '1.23e5');
  assert.equal(tr.short(99900), '99900');
  assert.equal(tr.short(99960), '1.00e5'); // rounds to 100000: six digits otherwise
  assert.equal(tr.short(0.00099951), '0.00100');
  assert.equal(tr.fixed(1.23456), '1.235');
  // The probes' values ungrouped; µs/step grouped as the step count is (98,833.3, not 98833.3).
  assert.equal(tr.fixed(98833.33, 1), '98833.3');
  assert.equal(tr.fixed(98833.33, 1, true), '98,833.3');
  // A readout's large value keeps its decimals (the strip chart's t after 32,000 windows); the
  // unrolled view's ŷ of a diverged run is written short: three significant digits, not 20 digits and 3 decimals.
  assert.equal(tr.fixed(123456.789), '123456.789');
  assert.deepEqual([13667601334860251000, -123456.7, 99999.4, 0.5].map((v) => numberText(tr, v)), ['1.37e19', '-1.23e5', '99999.400', '0.500']);
  // The µs/step readout: a decimal while it tells something, grouped.
  assert.deepEqual([12.345, 99.94, 152000.04, NaN].map((v) => microsText(tr, v)), ['12.3', '99.9', '152,000', '–']);
  assert.equal(new Translator('zh-CN').count(12345), '12,345');
  // Not finite, in any language: ∞ as the charts write it, not JavaScript's word "Infinity"
  // (a diverged run's loss and RMSE in the Chinese readouts had read 损失 Infinity).
  for (const t of [tr, new Translator('zh-CN')]) {
    assert.deepEqual([Infinity, -Infinity, NaN].map((v) => t.short(v)), ['∞', '−∞', 'NaN']);
    assert.deepEqual([Infinity, -Infinity, NaN].map((v) => t.fixed(v)), ['∞', '−∞', 'NaN']);
    assert.deepEqual([Infinity, -Infinity].map((v) => numberText(t, v)), ['∞', '−∞']);
  }
});

test('a value that rounds to zero is written without a sign: 0.000, not -0.000 (the unrolled view\'s inputs at t = kπ)', () => {
  for (const tr of [new Translator('en'), new Translator('zh-CN')]) {
    assert.equal(tr.fixed(-0.0001), '0.000');
    assert.equal(tr.fixed(-0), '0.000');
    assert.equal(tr.fixed(-0.04, 1), '0.0');
    assert.equal(tr.fixed(-0.5), '-0.500');
  }
});

test('the chart labels a Translator gives are exactly the ChartLabels the engine reads (src/wasm/types.d.ts)', () => {
  const dts = fs.readFileSync(new URL('../../src/wasm/types.d.ts', import.meta.url), 'utf8');
  const body = dts.slice(dts.indexOf('export interface ChartLabels {'), dts.indexOf('}', dts.indexOf('export interface ChartLabels {')));
  const declared = [...body.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]).sort();
  const tr = new Translator('zh-CN');
  assert.deepEqual(Object.keys(tr.chartLabels()).sort(), declared);
  assert.equal(tr.chartLabels(), tr.chartLabels(), 'a new object per call: the engine would read the texts every frame');
  // Numbered from 0, as PyTorch's weight_ih_l0 and the unrolled view's rows.
  assert.deepEqual(tr.chartLabels().layers, ['层 0', '层 1', '层 2', '层 3']);
});

/** The engine's messages, code → English template (src/messages.rs). */
const ENGINE = engine.errorMessages();
const fixture = (name) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** One error of each kind a page shows: refused settings, bad weights files, checkpoints, memory-free ones. */
function engineErrors() {
  const errors = [];
  const thrown = (what, fn) => {
    try {
      fn();
    } catch (err) {
      errors.push([what, err]);
      return;
    }
    assert.fail(`${what}: no error`);
  };
  thrown('hidden 0', () => new engine.Trainer({ hidden: 0 }));
  thrown('cell GRU', () => new engine.Trainer({ cell: 'GRU' }));
  thrown('lr as text', () => new engine.Trainer({ lr: '0.1' }));
  thrown('long text', () => new engine.Trainer({ lr: 'x'.repeat(50) }));
  thrown('not an object', () => new engine.Trainer(5));
  thrown('unknown setting', () => new engine.Trainer({ hiden: 3 }));
  const t = new engine.Trainer({});
  thrown('clipNorm -1', () => t.setHyperParameters({ clipNorm: -1 }));
  thrown('cell while running', () => t.setHyperParameters({ cell: 'gru' }));
  thrown('train(n)', () => t.train(0.5));
  thrown('exportWeights(format)', () => t.exportWeights('csv'));
  thrown('torch.save', () => t.importWeights(fixture('files/training_checkpoint.pth'), 'epoch 3.pth'));
  thrown('whole model', () => t.importWeights(fixture('files/whole_model.pt'), 'model.pt'));
  thrown('TorchScript', () => t.importWeights(fixture('files/torchscript.pt')));
  thrown('compressed .npz', () => t.importWeights(fixture('files/state_dict_compressed.npz'), 'w.npz'));
  thrown('float16 .npz', () => t.importWeights(fixture('files/state_dict_f16.npz'), 'w.npz'));
  thrown('zipped JSON', () => t.importWeights(fixture('files/weights_json.zip'), 'w.zip'));
  thrown('zipped JSON checkpoint', () => t.importCheckpoint(fixture('files/weights_json.zip'), 'w.zip'));
  thrown('text', () => t.importWeights('hello world'));
  thrown('HTML', () => t.importCheckpoint('<!doctype html><p>404'));
  thrown('broken JSON', () => t.importWeights('{"rnn.weight_ih_l0": [1,'));
  thrown('wrong model', () => t.importWeights(new engine.Trainer({ hidden: 8, layers: 2 }).exportWeights()));
  thrown('prefixed keys', () => {
    const dict = JSON.parse(new engine.Trainer({ hidden: 8 }).exportWeights());
    t.importWeights(JSON.stringify(Object.fromEntries(Object.entries(dict).map(([k, v]) => [`module.${k}`, v]))));
  });
  thrown('a number as weights', () => t.importWeights('[1, 2]'));
  const checkpoint = JSON.parse(t.exportCheckpoint());
  thrown('newer checkpoint', () => t.importCheckpoint(JSON.stringify({ ...checkpoint, version: 2 }), 'run.json'));
  thrown('checkpoint version', () => t.importCheckpoint(JSON.stringify({ ...checkpoint, version: 'one' })));
  thrown('checkpoint field', () => t.importCheckpoint(JSON.stringify({ ...checkpoint, extra: 1 })));
  thrown('checkpoint config', () => t.importCheckpoint(JSON.stringify({ ...checkpoint, config: { ...checkpoint.config, hidden: 0 } })));
  thrown('not a checkpoint', () => t.importCheckpoint('{"format": "other"}'));
  errors.push(['settingError', engine.settingError('hidden', 0)], ['configError', engine.configError({ layers: 9 })]);
  return errors;
}

test('every code of the engine\'s messages has a text in every catalog, with exactly the values the engine gives', () => {
  assert.ok(Object.keys(ENGINE).length > 100, 'errorMessages() lists the table');
  for (const [locale, catalog] of Object.entries(CATALOGS)) {
    if (locale === 'en') continue;
    assert.deepEqual(Object.keys(catalog.engine ?? {}).sort(), Object.keys(ENGINE).sort(), `${locale}: codes missing or extra`);
    for (const [code, text] of Object.entries(catalog.engine)) {
      // Every value the engine gives is written, and no other.
      const names = (t) => [...new Set(placeholders(t))].sort();
      assert.deepEqual(names(text), names(ENGINE[code]), `${locale} ${code}: the engine's values`);
      // A text that says something in English says it in the catalog's language (not only names and punctuation).
      if (!UNITS.has(code) && /[a-z]/i.test(ENGINE[code].replace(/\{\w+\}/g, ''))) assert.match(text, CJK, `${locale} ${code} is English`);
    }
  }
});

test('engine errors carry code and params that fill the English template exactly as the engine wrote its message', () => {
  const codes = new Set();
  for (const [what, err] of engineErrors()) {
    assert.equal(typeof err.code, 'string', what);
    assert.ok(ENGINE[err.code], `${what}: ${err.code} is not in errorMessages()`);
    assert.equal(renderMessage(ENGINE, err), err.message, what);
    codes.add(err.code);
  }
  assert.ok(codes.size >= 15, [...codes].join(' '));
});

test('a Chinese page gets the engine\'s errors in Chinese: Python, file names and values as they are', () => {
  const zh = new Translator('zh-CN');
  const en = new Translator('en');
  for (const [what, err] of engineErrors()) {
    assert.equal(en.error(err), err.message, `${what}: English is the engine's own words`);
    const text = zh.error(err);
    assert.match(text, CJK, `${what}: ${text}`);
    // No English sentence of the engine's is left: its words appear only inside values (names, Python, quoted text).
    for (const english of ['must be', 'this file is', 'cannot', 'not enough', 'checkpoint was written', 'got ']) {
      assert.ok(!text.includes(english), `${what}: "${english}" in ${text}`);
    }
  }
  const byWhat = Object.fromEntries(engineErrors());
  const pth = zh.error(byWhat['torch.save']);
  assert.match(pth, /^这个文件是一个用 torch\.save 保存的 PyTorch 训练检查点，状态字典在 \['model_state_dict'\] 下：/);
  assert.ok(pth.includes("\n    import torch; from safetensors.torch import save_file; save_file(torch.load('epoch 3.pth')['model_state_dict'], 'epoch 3.safetensors')"), pth);
  assert.equal(zh.error(byWhat['newer checkpoint']),
    '这个检查点是由更新版本的 rnn-playground 写出的（格式版本 2）；当前版本最多只能读取版本 1。请使用更新版本的 rnn-playground 打开它');
  assert.equal(zh.error(byWhat['hidden 0']), 'hidden 必须是 1 到 256 之间的整数，收到的是 0');
  // Values as given, and keys in a file, in the language's quotes (the engine's English has "…").
  assert.match(zh.error(byWhat['wrong model']), /^无法把这些权重加载到 RNN \(tanh\)（32 个隐藏单元，1 层）中：\n  多出的键：“rnn\.weight_ih_l1”、“rnn\.weight_hh_l1”/);
  assert.match(byWhat['wrong model'].message, /unexpected keys: "rnn\.weight_ih_l1", "rnn\.weight_hh_l1"/);
  assert.match(zh.error(byWhat['cell GRU']), /收到的是“GRU”$/);
  assert.match(byWhat['cell GRU'].message, /got "GRU"/);
  // A JS value given where another kind was due, as the engine describes it: quoted the same way.
  assert.match(zh.error(byWhat['lr as text']), /收到的是“0\.1”$/);
  assert.match(byWhat['lr as text'].message, /got "0\.1"$/);
  assert.match(zh.error(byWhat['long text']), new RegExp(`收到的是“${'x'.repeat(40)}”…$`));
  assert.match(byWhat['long text'].message, new RegExp(`got "${'x'.repeat(40)}"…$`));
  // Numbers in the reader's locale; a JS error without a code is its message.
  assert.equal(zh.error(engine.settingError('seed', -1)), 'seed 必须是 0 到 4294967295 之间的整数，收到的是 -1');
  assert.equal(zh.error(new TypeError('Failed to fetch')), 'Failed to fetch');
});

test('a list in a message (names, keys, choices) is written as the reader\'s language writes one: "rnn, lstm, gru" in English as the engine wrote it, "rnn、lstm、gru" in Chinese', () => {
  const zh = new Translator('zh-CN');
  const en = new Translator('en');
  const byWhat = Object.fromEntries(engineErrors());
  const cases = [
    // The engine's lists: a choice's names, the settings, missing and unexpected keys.
    [byWhat['cell GRU'], 'rnn, lstm, gru', 'rnn、lstm、gru'],
    [byWhat['cell while running'], 'lr, momentum, beta1', 'lr、momentum、beta1'],
    // Keys as found in the file: each in the language's quotes too.
    [byWhat['wrong model'], '"rnn.weight_ih_l1", "rnn.weight_hh_l1"', '“rnn.weight_ih_l1”、“rnn.weight_hh_l1”'],
  ];
  for (const [err, english, chinese] of cases) {
    assert.ok(err.message.includes(english), `${err.message} has ${english}`);
    assert.equal(en.error(err), err.message);
    assert.ok(zh.error(err).includes(chinese), `${zh.error(err)} has ${chinese}`);
    assert.ok(!zh.error(err).includes(english), zh.error(err));
  }
  // The page's own lists and quotes.
  assert.equal(en.list(['a', 'b', 'c']), 'a, b, c');
  assert.equal(zh.list(['a', 'b', 'c']), 'a、b、c');
  assert.equal(zh.list(['a']), 'a');
  assert.equal(en.quoted('stpe'), '"stpe"');
  assert.equal(zh.quoted('stpe'), '“stpe”');
  assert.match(parseField('hiden', '3', zh).message, /^el.config：未知的设置“hiden”；可用的设置有 task、cell、nonlinearity、/);
  assert.match(parseField('hiden', '3', en).message, /^el.config: unknown setting "hiden"; the settings are task, cell, nonlinearity, /);
});

test('what importWeights reports carries code and params as errors do, written in Chinese by the catalog', () => {
  const t = new engine.Trainer({});
  const weights = t.exportWeights();
  const record = fixture('lstm_h32_seed1.json');
  const zh = new Translator('zh-CN');
  const cases = [
    [t.importWeights(weights), '加载的是 JSON 格式的状态字典'],
    [t.importWeights(t.exportWeights('safetensors')), '加载的是 safetensors 格式的状态字典'],
    [t.importWeights(fixture('files/state_dict.npz'), 'rnn.npz'), '加载的是 NumPy .npz 格式的状态字典'],
    [new engine.Trainer({ cell: 'lstm' }).importWeights(record), '加载的是 JSON 格式的训练记录中的 initial_state_dict'],
  ];
  for (const [loaded, chinese] of cases) {
    assert.equal(renderMessage(ENGINE, loaded), loaded.message, 'the English template filled in is the message');
    assert.equal(new Translator('en').error(loaded), loaded.message);
    assert.equal(zh.error(loaded), chinese);
  }
  t.free();
});

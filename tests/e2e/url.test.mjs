// Settings in the URL: applied on load, validated per field, written back on change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, assertClean, demoData, field, messages, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('?cell=gru&hidden=8 is applied to the trainer and the controls', async () => {
  const { page, context, problems } = await open(env, '?cell=gru&hidden=8');
  const { config } = await demoData(page);
  assert.equal(config.cell, 'gru');
  assert.equal(config.hidden, 8);
  assert.equal(await field(page, 'cell').inputValue(), 'gru');
  assert.equal(await field(page, 'hidden').inputValue(), '8');
  assert.equal(await messages(page).textContent(), '');
  assertClean(problems);
  await context.close();
});

test('?hidden=0 shows a message naming the field and uses the default 32', async () => {
  const { page, context, problems } = await open(env, '?hidden=0');
  const text = await messages(page).textContent();
  // Named by its label and the URL's key (the URL's names are the settings').
  assert.match(text, /Invalid URL setting: Hidden size \(hidden\) must be an integer from 1 to 256, got 0; using the default 32\./);
  assert.equal((await demoData(page)).config.hidden, 32);
  assert.equal(await field(page, 'hidden').inputValue(), '32');
  assertClean(problems);
  await context.close();
});

test('one bad value does not reset the others (?cell=foo&hidden=16&lr=abc&layers=3)', async () => {
  const { page, context, problems } = await open(env, '?cell=foo&hidden=16&lr=abc&layers=3');
  const text = await messages(page).textContent();
  assert.match(text, /Cell \(cell\) must be one of rnn, lstm, gru, got "foo"/);
  assert.match(text, /Learning rate \(lr\) must be/);
  const { config } = await demoData(page);
  assert.equal(config.cell, 'rnn');
  assert.equal(config.hidden, 16);
  assert.equal(config.layers, 3);
  assert.equal(config.lr, 0.02);
  assertClean(problems);
  await context.close();
});

test('a setting written in the URL as its attribute or label is (?hiddenSize=16&time-step=5, as a reader might type it), its name winning over another spelling (which is said); written back by its name, the page\'s own keys kept', async () => {
  const { page, context, problems } = await open(env, '?hiddenSize=16&time-step=5&Learning_rate=0.01&lr=0.005&utm_source=x');
  const { config } = await demoData(page);
  assert.deepEqual([config.hidden, config.timeStep, config.lr], [16, 5, 0.005]);
  assert.equal(await field(page, 'hidden').inputValue(), '16');
  // The one said: the learning rate given twice, the value passed over named as written.
  assert.equal(await messages(page).textContent(), 'The URL gives Learning rate (lr) more than once: lr=0.005 is read, not Learning_rate=0.01.×');
  // A warning, not an error (no error event: nothing is refused).
  assert.equal(await messages(page).locator('[data-msg-key="url:lr:repeated"]').getAttribute('data-kind'), 'warning');
  // Invalid under another spelling: named as it was written.
  const bad = await open(env, '?hiddenSize=0');
  assert.match(await messages(bad.page).textContent(), /Invalid URL setting: Hidden size \(hiddenSize\) must be an integer from 1 to 256, got 0; using the default 32\./);
  await bad.context.close();
  // An option given twice, and an invalid value read before a valid one (the read one's message follows).
  const twice = await open(env, '?controls=play&controls=all&hidden=abc&hiddenSize=8');
  assert.match(await messages(twice.page).textContent(), /The URL gives controls more than once: controls=play is read, not controls=all\./);
  assert.match(await messages(twice.page).textContent(), /The URL gives Hidden size \(hidden\) more than once: hidden=abc is read, not hiddenSize=8\..*Invalid URL setting: Hidden size \(hidden\) must be/);
  await twice.context.close();
  await field(page, 'cell').selectOption('gru');
  await page.waitForFunction(() => location.search.includes('cell=gru'));
  const params = new URL(page.url()).searchParams;
  assert.deepEqual([...params.keys()].sort(), ['cell', 'hidden', 'lr', 'timeStep', 'utm_source']);
  assert.deepEqual([params.get('hidden'), params.get('timeStep'), params.get('lr')], ['16', '5', '0.005']);
  assertClean(problems);
  await context.close();
});

test('unrelated query parameters survive a settings change', async () => {
  const { page, context, problems } = await open(env, '?embed=1');
  await field(page, 'cell').selectOption('lstm');
  await page.waitForFunction(() => location.search.includes('cell=lstm'));
  assert.ok(page.url().includes('embed=1'));
  assertClean(problems);
  await context.close();
});

test('?lang=zh-CN: the element and the page’s own texts (title, description, header, footer) are Chinese, the lead’s marked-up words kept and its tutorial link the Chinese tutorial; ?lang=en leaves index.html as written', async () => {
  const { page, context, problems } = await open(env, '?lang=zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: 10_000 });
  const shown = await page.evaluate(() => {
    const lead = document.querySelector('.page-header p');
    return {
      title: document.title,
      description: document.querySelector('meta[name="description"]').content,
      lead: lead.textContent,
      parts: [...lead.querySelectorAll('[data-part]')].map((el) => `${el.localName}:${el.textContent}`),
      link: lead.querySelector('a').getAttribute('href'),
      footer: document.querySelector('.page-footer').textContent.trim(),
      play: document.querySelector('rnn-playground').shadowRoot.querySelector('[data-action="play"]')?.textContent,
    };
  });
  const HAN = /\p{Script=Han}/u;
  for (const key of ['title', 'description', 'lead', 'footer']) assert.match(shown[key], HAN, `${key}: ${shown[key]}`);
  assert.doesNotMatch(shown.lead, /\{\w+\}|undefined|Press|tutorial/, shown.lead);
  assert.deepEqual(shown.parts, ['strong:sin(t)', 'strong:cos(t)', 'span:按 Space 播放或暂停，按 → 训练一步，按 R 重置。', 'kbd:Space', 'kbd:→', 'kbd:R', 'a:用实时训练的网络讲的教程']);
  assert.equal(shown.link, 'tutorial.zh-CN.html');
  assert.match(shown.play ?? '', HAN, 'the element follows ?lang= too');
  assertClean(problems);
  await context.close();

  const english = await open(env, '?lang=en');
  assert.equal(await english.page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await english.page.evaluate(() => document.querySelector('.page-header p').textContent), /Press\s+Space to play or pause/);
  assert.equal(await english.page.evaluate(() => document.querySelector('.page-header a').getAttribute('href')), 'tutorial.html');
  assertClean(english.problems);
  await english.context.close();
});

test('sync-url removed and set again while the page runs: the URL no longer follows the settings, then holds them again at once; an invalid option is not reported again', async () => {
  const { page, context, problems } = await open(env, '?embed=1');
  await page.locator(DEMO).evaluate((el) => el.removeAttribute('sync-url'));
  await field(page, 'cell').selectOption('lstm');
  await page.waitForFunction((sel) => document.querySelector(sel).config.cell === 'lstm', DEMO);
  assert.equal(await page.evaluate(() => location.search), '?embed=1');
  await page.locator(DEMO).evaluate((el) => el.setAttribute('sync-url', ''));
  assert.match(await page.evaluate(() => location.search), /^\?embed=1&.*cell=lstm/);
  // Under it, the URL's options win over the attributes: at once.
  await page.evaluate(() => history.replaceState(null, '', `${location.search}&charts=loss`));
  await page.locator(DEMO).evaluate((el) => el.removeAttribute('sync-url'));
  await page.locator(DEMO).evaluate((el) => el.setAttribute('sync-url', ''));
  assert.deepEqual(await page.locator(DEMO).evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-card]')].filter((c) => !c.hidden).map((c) => c.dataset.card)), ['controls', 'loss']);
  // An invalid option is reported once: toggling sync-url (which reads the options again) does not say it again.
  const errors = await page.locator(DEMO).evaluate((el) => {
    const seen = [];
    el.addEventListener('error', (e) => seen.push(e.detail.message));
    el.setAttribute('hide', 'bogus');
    for (let i = 0; i < 2; i++) {
      el.removeAttribute('sync-url');
      el.setAttribute('sync-url', '');
    }
    return seen;
  });
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^Invalid hide: unknown name "bogus"; the names are play, step/);
  assert.equal(await messages(page).locator('[data-msg-key="option:hide"]').count(), 1);
  assertClean(problems);
  await context.close();
});

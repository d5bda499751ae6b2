// Phones: on a touch screen a tap on a chart shows its readout and keeps it until a tap
// elsewhere; a horizontal drag scrubs the readout without scrolling the page; a vertical swipe
// on a chart scrolls the page. Touches are real touch events sent through the DevTools
// protocol to an emulated phone (390 × 844, touch, device pixel ratio 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/**
 * A phone (touch, DPR 2) of `width` × `height` CSS px showing index.html with `query`, once its
 * element is ready. Returns { page, context, problems } (console errors and page errors).
 */
async function phone(width, height, query = '', { locale } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${env.url}index.html${query}`);
  await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'ready', null, { timeout: 20_000 });
  return { page, context, problems };
}

test('a tap shows the readout and keeps it; a horizontal drag scrubs without scrolling; a vertical swipe scrolls', async () => {
  const { page, context, problems } = await phone(390, 844);
  await page.locator('rnn-playground').evaluate((el) => { for (let i = 0; i < 5; i++) el.step(); });
  const canvas = page.locator('rnn-playground canvas[data-chart="strip"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const probe = () => page.locator('rnn-playground').evaluate((el) => el.shadowRoot.querySelector('[data-probe="strip"]').value);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  const y = box.y + box.height / 2;

  // A tap: the readout appears and stays after the finger lifts.
  await touch('touchStart', [[box.x + box.width * 0.3, y]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(300);
  const tapped = await probe();
  assert.match(tapped, /^t\u00a0[\d.-]+ {2}input/, `no readout after a tap: "${tapped}"`);

  // A horizontal drag: the readout follows the finger; the page does not scroll.
  const scrollBefore = await page.evaluate(() => scrollY);
  await touch('touchStart', [[box.x + box.width * 0.3, y]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[box.x + box.width * (0.3 + 0.04 * i), y]]);
  const dragged = await probe();
  await touch('touchEnd', []);
  assert.notEqual(dragged, tapped, 'the readout did not follow the drag');
  assert.match(dragged, /^t\u00a0[\d.-]+/);
  assert.equal(await page.evaluate(() => scrollY), scrollBefore, 'a horizontal drag scrolled the page');

  // A tap elsewhere clears it.
  await touch('touchStart', [[20, 20]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(200);
  assert.equal(await probe(), '', 'a tap elsewhere left the readout');

  // A vertical swipe on the chart scrolls the page.
  await touch('touchStart', [[box.x + box.width / 2, y + 40]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[box.x + box.width / 2, y + 40 - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(300);
  assert.ok(await page.evaluate(() => scrollY) > scrollBefore + 20, 'a vertical swipe on the chart did not scroll the page');
  assertClean(problems);
  await context.close();
});

test('a Chinese page on a 360 px phone: a chart\'s readout is shown whole (wrapped, not cut, each label on the line of its value), buttons break only between words, every field, button, a message\'s × and the summaries are a finger\'s target (44 px), and a row\'s fields have their controls side by side where one label wraps', async () => {
  const { page, context, problems } = await phone(360, 740, '?lang=zh-CN', { locale: 'zh-CN' });
  const el = page.locator('rnn-playground');
  await el.evaluate((e) => { for (let i = 0; i < 5; i++) e.step(); });
  // The readout of a point of the strip chart: t, input, target and the prediction, all in view.
  const canvas = page.locator('rnn-playground canvas[data-chart="strip"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  await touch('touchStart', [[box.x + box.width * 0.3, box.y + box.height / 2]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(300);
  const readout = await el.evaluate((e) => {
    const p = e.shadowRoot.querySelector('[data-probe="strip"]');
    // The lines each label and its value are on (a label had ended one line, its value begun the next).
    const text = p.firstChild;
    const lines = [...p.value.matchAll(/(t|输入|目标|预测)\s\S+/g)].map((m) => {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      return `${m[0]}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
    });
    return { text: p.value, lines, cut: p.scrollWidth > p.clientWidth + 1, right: p.getBoundingClientRect().right };
  });
  assert.match(readout.text, /预测/, readout.text);
  assert.equal(readout.lines.length, 4, readout.text);
  assert.deepEqual(readout.lines.filter((l) => !l.endsWith(': 1')), [], `a label apart from its value: ${readout.lines}`);
  assert.equal(readout.cut, false, `the readout is cut: ${readout.text}`);
  assert.ok(readout.right <= 360, `the readout runs off the screen at ${readout.right}`);
  // Every button shown, the unrolled view's inside a step too, and the unrolled view's row heads
  // ("h₀（起点）" had wrapped as "h₀（起" / "点）"): a run of Han characters is on one line, an
  // arrow beside it too.
  await el.evaluate((e) => e.shadowRoot.querySelector('[data-action="unrolled-enter"]').click());
  await page.waitForFunction(() => !document.querySelector('rnn-playground').shadowRoot.querySelector('[data-action="unrolled-forward"]').hidden);
  const broken = await el.evaluate((e) => {
    const out = [];
    const texts = [];
    for (const label of e.shadowRoot.querySelectorAll('.rd-btn, .rd-u__head, .rd-field__label, .rd-unrolled__table th')) {
      if (!label.offsetParent) continue;
      const walk = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) texts.push(walk.currentNode);
    }
    for (const text of texts) {
      // (A step button's arrow with its word: "← 上一阶段" had put the arrow on a line of its own.)
      for (const m of text.data.matchAll(/(?:[←→][\s\u00a0])?\p{Script=Han}+(?:[\s\u00a0][←→])?/gu)) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
    return { out, h0: texts.some((t) => t.data.includes('起点')), fields: texts.some((t) => t.data.includes('关闭')) };
  });
  assert.ok(broken.h0 && broken.fields, `the unrolled view's h₀ label or the fields' labels were not checked: ${JSON.stringify(broken)}`);
  assert.deepEqual(broken.out, [], 'Chinese words (or a word and its arrow) broken across lines in buttons, row heads or fields\' labels');
  // The number fields (text inputs), the menus and the speed's slider: a finger's target, 44 px
  // (the fields had been 36 px beside 44 px buttons).
  const heights = await el.evaluate((e) => ({
    inputs: [...e.shadowRoot.querySelectorAll('.rd-field input[type="text"], .rd-field input[type="range"]')].filter((i) => i.offsetParent).map((i) => i.offsetHeight),
    selects: [...e.shadowRoot.querySelectorAll('.rd-field select')].filter((s) => s.offsetParent).map((s) => s.offsetHeight),
    // Text under 16 px in a field makes a phone's browser zoom the page when it is focused.
    small: [...e.shadowRoot.querySelectorAll('.rd-field input[type="text"], .rd-field select')].filter((f) => f.offsetParent && parseFloat(getComputedStyle(f).fontSize) < 16).length,
  }));
  assert.equal(heights.small, 0, 'fields with text under 16 px');
  assert.ok(heights.inputs.length > 3 && heights.selects.length > 1, JSON.stringify(heights));
  assert.ok([...heights.inputs, ...heights.selects].every((h) => h >= 44), JSON.stringify(heights));
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'the page scrolls sideways');
  // The fields of a row have their controls side by side, where a label of the row wraps onto two
  // lines (训练窗口上限 / （0 = 不限）: its box had sat a line below its neighbour's).
  const rows = await el.evaluate((e) => {
    const byRow = new Map();
    for (const f of e.shadowRoot.querySelectorAll('.rd-grid > .rd-field')) {
      if (!f.checkVisibility()) continue;
      const top = Math.round(f.getBoundingClientRect().top);
      const control = f.querySelector('input, select').getBoundingClientRect();
      const label = f.querySelector('.rd-field__label').getBoundingClientRect();
      byRow.set(top, [...(byRow.get(top) ?? []), { control: Math.round(control.top), lines: Math.round(label.height / 16) }]);
    }
    return [...byRow.values()];
  });
  assert.ok(rows.some((r) => r.length === 2 && r[0].lines !== r[1].lines), `no row with a label of two lines beside one of one: ${JSON.stringify(rows)}`);
  assert.deepEqual(rows.filter((r) => new Set(r.map((f) => f.control)).size > 1), [], 'controls of one row at different heights');
  // The Copy as PyTorch dialog's buttons are each on one line (下载 run.py had broken onto two).
  await el.evaluate((e) => e.shadowRoot.querySelector('[data-dialog="pytorch"]').showModal());
  const lines = await el.evaluate((e) => [...e.shadowRoot.querySelectorAll('.rd-dialog .rd-btn')].map((b) => {
    const range = document.createRange();
    range.selectNodeContents(b);
    return [b.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
  }));
  assert.ok(lines.length === 3 && lines.every(([, n]) => n === 1), JSON.stringify(lines));
  await el.evaluate((e) => e.shadowRoot.querySelector('[data-dialog="pytorch"]').close());
  // A finger's targets: a message's ×, every button and the disclosures' summaries, 44 × 44 CSS px
  // at least (the ×, 24 px; Files, Step inside's and the dialog's buttons had been 34 px tall).
  await el.evaluate((e) => e.setAttribute('hidden-size', '0'));
  const close = await el.evaluate((e) => e.shadowRoot.querySelector('.rd-msg__close').getBoundingClientRect().toJSON());
  assert.ok(close.width >= 44 && close.height >= 44, `the message's ×: ${close.width} × ${close.height}`);
  const small = await el.evaluate((e) => [...e.shadowRoot.querySelectorAll('button, summary')]
    .filter((b) => b.checkVisibility() && !b.closest('.rd-u'))
    .map((b) => [b.textContent.trim(), Math.round(b.getBoundingClientRect().height)]));
  assert.ok(small.length > 8, JSON.stringify(small));
  assert.deepEqual(small.filter(([, h]) => h < 44), [], 'targets under 44 px tall');
  assertClean(problems);
  await context.close();
});

test('a phone\'s pages do not tell their reader which keys to press (the lead\'s Space, → and R; the tutorials\' and the unrolled view\'s keys inside a step, in English and Chinese); a desktop\'s do', async () => {
  const pages = ['index.html', 'index.html?lang=zh-CN', 'tutorial.html', 'tutorial.zh-CN.html'];
  const keysShown = async (page, path) => {
    await page.goto(`${env.url}${path}`);
    if (path.includes('zh-CN')) await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    if (path.startsWith('index')) await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'ready');
    // The page's, and on index.html the element's (the unrolled view's keys, live).
    return page.evaluate(() => [...document.querySelectorAll('.keys-hint'), ...(document.querySelector('rnn-playground.page-demo')?.shadowRoot.querySelectorAll('.rd-keys') ?? [])]
      .map((h) => h.getClientRects().length > 0 && /Space|Esc/.test(h.textContent)));
  };
  for (const [viewport, touch] of [[{ width: 390, height: 844 }, true], [{ width: 1280, height: 800 }, false]]) {
    const context = await env.browser.newContext({ viewport, isMobile: touch, hasTouch: touch });
    const page = await context.newPage();
    for (const path of pages) {
      const shown = await keysShown(page, path);
      assert.ok(shown.length >= (path.startsWith('index') ? 2 : 1), `${path}: no keys' sentence`);
      assert.deepEqual(shown, shown.map(() => !touch), `${path} on a ${touch ? 'phone' : 'desktop'}`);
    }
    await context.close();
  }
});

test('on a 320 px phone the gradient flow\'s panels are one above the other, each as wide as the chart, and a tap reads either; from 500 px they are side by side on a row of their own', async () => {
  const { page, context, problems } = await phone(320, 640);
  const el = page.locator('rnn-playground');
  await el.evaluate((e) => { for (let i = 0; i < 10; i++) e.step(); });
  const canvas = page.locator('rnn-playground canvas[data-chart="gradients"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Side by side, each panel had been about 100 px wide and its legend not drawn at all.
  assert.ok(box.height > box.width, `the chart is ${box.width} × ${box.height}`);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  const read = async (fy) => {
    await touch('touchStart', [[box.x + box.width * 0.6, box.y + box.height * fy]]);
    await touch('touchEnd', []);
    await page.waitForTimeout(200);
    return el.evaluate((e) => e.shadowRoot.querySelector('[data-probe="gradients"]').value);
  };
  assert.match(await read(0.25), /^t\u00a0\d+ {2}‖dL\/dh‖/, 'the upper panel');
  assert.match(await read(0.75), /^step\u00a0\d+ {2}‖g‖\u00a0\S+$/, 'the lower panel');
  // 500 to 759 px: a row of its own, two columns of the small charts beside each other elsewhere.
  for (const width of [500, 600, 740]) {
    await page.setViewportSize({ width, height: 800 });
    const { card, row, w, h } = await el.evaluate(async (e) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const c = e.shadowRoot.querySelector('canvas[data-chart="gradients"]').getBoundingClientRect();
      return {
        card: e.shadowRoot.querySelector('[data-card="gradients"]').getBoundingClientRect().width,
        row: e.shadowRoot.querySelector('.rd-row').getBoundingClientRect().width,
        w: c.width, h: c.height,
      };
    });
    assert.ok(Math.abs(card - row) < 1 && w > h, `${width} px: the card ${card} of the row's ${row}, the chart ${w} × ${h}`);
  }
  assertClean(problems);
  await context.close();
});

test('a phone whose Play sits at the window\'s foot: the run\'s message under the buttons is scrolled into the window when it comes (it had been below, out of sight)', async () => {
  const { page, context, problems } = await phone(375, 740, '?stopAfter=3');
  const play = page.locator('rnn-playground [data-action="play"]');
  // The window made to end 5 px under Play.
  const foot = await play.boundingBox();
  const height = Math.round(foot.y + foot.height) + 5;
  await page.setViewportSize({ width: 375, height });
  const before = await play.boundingBox();
  assert.ok(before.y < height && before.y + before.height > height - 40, `Play at y ${before.y}: not at the window's foot, the test proves nothing`);
  await play.tap();
  await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'paused', null, { timeout: 20_000 });
  const message = page.locator('rnn-playground [data-run-messages] [data-msg-key="stop"]');
  await page.waitForFunction(() => {
    const m = document.querySelector('rnn-playground').shadowRoot.querySelector('[data-run-messages] [data-msg-key="stop"]')?.getBoundingClientRect();
    return m && m.top >= 0 && m.bottom <= innerHeight + 1;
  }, null, { timeout: 5000 });
  assert.match(await message.textContent(), /^Stopped after 3 windows/);
  assert.ok((await play.boundingBox()).y >= 0, 'Play scrolled out of the window');
  assertClean(problems);
  await context.close();
});

test('on a 360 × 740 phone, what a file chosen with the Files buttons came to is said under them, in the window, brought in where the buttons are at the window\'s foot (an import, a file refused; it had been said in the messages\' area some 1,000 px up the page), and goes with a new network; a file the page loads from a weights URL is still said there', async () => {
  const { page, context, problems } = await phone(360, 740);
  const el = page.locator('rnn-playground');
  await page.evaluate(async () => { await (await import('/engine.js')).readyFiles(); });
  const weights = await el.evaluate((e) => e.trainer.exportWeights());
  const button = page.locator('rnn-playground [data-action="import-weights"]');
  /** Chooses a file with Import weights… tapped at the window's foot; resolves once `pattern` is said under the Files buttons and in the window. */
  const choose = async (file, pattern) => {
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    await page.evaluate((dy) => window.scrollBy(0, dy), Math.round(box.y + box.height - 735));
    const at = await button.boundingBox();
    assert.ok(at.y + at.height > 700 && at.y + at.height <= 740, `Import weights… at y ${at.y}: not at the window's foot, the test proves nothing`);
    const chooser = page.waitForEvent('filechooser');
    await button.tap();
    await (await chooser).setFiles(file);
    await page.waitForFunction((source) => {
      const m = document.querySelector('rnn-playground').shadowRoot.querySelector('[data-file-messages] [data-msg-key="file"]');
      const r = m?.getBoundingClientRect();
      return new RegExp(source).test(m?.textContent ?? '') && r.top >= 0 && r.bottom <= innerHeight + 1;
    }, pattern.source, { timeout: 10_000 });
    return el.evaluate((e) => e.shadowRoot.querySelector('[data-messages]').textContent);
  };
  assert.equal(await choose({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(weights) }, /^Imported weights from w\.json/), '', 'said in the messages\' area too');
  await el.evaluate((e) => e.addEventListener('error', (ev) => { window.lastError = ev.detail.message; }));
  await choose({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') }, /^Could not import weights from bad\.json: /);
  assert.match(await page.evaluate(() => window.lastError), /^Could not import weights from bad\.json: /, 'no error event');
  // A new network from the seed: what a file came to no longer holds, and goes (an import's "Imported weights" had stayed).
  await choose({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(weights) }, /^Imported weights from w\.json/);
  await page.locator('rnn-playground [data-field="seed"]').fill('7');
  await page.locator('rnn-playground [data-field="seed"]').press('Enter');
  await page.waitForFunction(() => document.querySelector('rnn-playground').config.seed === 7);
  assert.equal(await el.evaluate((e) => e.shadowRoot.querySelector('[data-file-messages]').textContent), '', 'a file\'s message stayed beside a new network');
  // The page's own file (a weights URL): in the messages' area, by the chart it changes.
  await page.route('**/from-url.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: weights }));
  await el.evaluate((e) => e.setAttribute('weights', 'from-url.json'));
  await page.waitForFunction(() => /Imported weights from from-url\.json/.test(document.querySelector('rnn-playground').shadowRoot.querySelector('[data-messages]').textContent));
  assert.equal(await el.evaluate((e) => e.shadowRoot.querySelector('[data-file-messages]').textContent), '');
  assertClean(problems);
  await context.close();
});

test('on a 360 × 740 phone, what a value typed in a field did is said under that field, in the window with it, brought in where the field is at the window\'s foot (a new network, a live change, a stop rule, a refusal; it had been said under the readouts, some 400 px up the page), in English and Chinese', async () => {
  for (const query of ['', '?lang=zh-CN']) {
    const { page, context, problems } = await phone(360, 740, query);
    // From the form's foot up, so that a message leaving the field before (the next is said
    // there) is below the next field and does not move it.
    for (const [name, value] of [['stopAfter', '20'], ['eps', '1,000'], ['lr', '0.01'], ['hidden', '16']]) {
      const field = page.locator(`rnn-playground [data-field="${name}"]`);
      await field.scrollIntoViewIfNeeded();
      // The field at the window's foot: its message, below it, is brought into the window.
      const at = await field.boundingBox();
      const scrolled = await page.evaluate((y) => { window.scrollBy(0, y); return scrollY; }, at.y + at.height - 735);
      await field.fill(value);
      await field.press('Enter');
      const said = page.locator(`rnn-playground [data-setting="${name}"] .rd-field__msg`);
      await said.waitFor({ timeout: 5000 });
      // (Scrolled smoothly.)
      await page.waitForFunction((m) => m.getBoundingClientRect().bottom <= innerHeight + 1, await said.elementHandle(), { timeout: 3000 });
      const [f, m] = [await field.boundingBox(), await said.boundingBox()];
      assert.ok(await page.evaluate((y) => scrollY > y, scrolled), `${name}${query}: the page did not scroll: its message was not below the window, the test proves nothing`);
      assert.ok(m.y >= 0 && m.y + m.height <= 741 && m.y >= f.y + f.height, `${name}${query}: said at y ${m.y}–${m.y + m.height}, the field at ${f.y}`);
      assert.match(await said.textContent(), { hidden: /16/, lr: /0\.01/, stopAfter: /20/, eps: /1,000/ }[name]);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('on the common phones (360 × 740, 390 × 844, 412 × 915) the page shows Play without scrolling, in English and Chinese (at 360 × 740 it had sat 8 px below the fold)', async () => {
  for (const [width, height] of [[360, 740], [390, 844], [412, 915]]) {
    for (const query of ['', '?lang=zh-CN']) {
      const { page, context, problems } = await phone(width, height, query);
      const play = await page.locator('rnn-playground [data-action="play"]').boundingBox();
      assert.ok(play.y + play.height <= height, `${width} × ${height}${query}: Play's foot at ${play.y + play.height}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('a tap on a chart on a 360 × 740 phone moves nothing: its readout lies over the chart\'s other half, at its foot (where its x axis is labelled) for a point in its upper half, over its title for one in its lower half (wrapped onto two lines below the chart, it had grown the card and pushed Play below the fold), in English and Chinese', async () => {
  for (const query of ['', '?lang=zh-CN']) {
    const { page, context, problems } = await phone(360, 740, query);
    await page.locator('rnn-playground').evaluate((el) => { for (let i = 0; i < 5; i++) el.step(); });
    const cdp = await context.newCDPSession(page);
    for (const chart of ['strip', 'loss', 'hidden', 'gradients', 'preview']) {
      const canvas = page.locator(`rnn-playground canvas[data-chart="${chart}"]`);
      await canvas.scrollIntoViewIfNeeded();
      const place = () => page.locator('rnn-playground').evaluate((el, chart) => {
        const root = el.shadowRoot;
        const r = (q) => root.querySelector(q).getBoundingClientRect();
        return { play: r('[data-action="play"]').top - r('[data-card="strip"]').top, card: r(`[data-card="${chart}"]`).height };
      }, chart);
      const before = await place();
      const probe = page.locator(`rnn-playground [data-probe="${chart}"]`);
      // (Inside the plot: for the gradient flow, its upper panel, then its lower one.)
      for (const fy of [0.25, 0.65]) {
        const box = await canvas.boundingBox();
        const y = box.y + box.height * fy;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + box.width * 0.6, y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await page.waitForFunction(([chart, fy]) => {
          const o = document.querySelector('rnn-playground').shadowRoot.querySelector(`[data-probe="${chart}"]`);
          return o.value !== '' && o.dataset.side === (fy < 0.5 ? 'bottom' : 'top');
        }, [chart, fy]);
        assert.deepEqual(await place(), before, `${query} ${chart} at ${fy}: the tap moved the page`);
        const readout = await probe.boundingBox();
        const middle = box.y + box.height / 2;
        assert.ok(fy < 0.5 ? readout.y >= middle && readout.y + readout.height <= box.y + box.height + 0.5 : readout.y + readout.height <= middle,
          `${query} ${chart} at ${fy}: the readout ${JSON.stringify(readout)} is over the point's half of the chart ${JSON.stringify(box)}`);
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('every menu is as wide as its widest choice, none cut behind its arrow: on phones of 320 to 412 px (16 px text) and on a desktop, in English and Chinese', async () => {
  // At 320 px, two columns of 131 px had cut "RNN (Elman)" to "RNN (Elman" (it needs 139 px).
  for (const [width, mobile] of [[320, true], [360, true], [412, true], [1280, false]]) {
    const context = await env.browser.newContext({ viewport: { width, height: 800 }, isMobile: mobile, hasTouch: mobile });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (['error', 'warning'].includes(m.type())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    for (const [query, sawtooth] of [['', 'sawtooth'], ['?lang=zh-CN', '锯齿波']]) {
      await page.goto(`${env.url}index.html${query}`);
      await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'ready', null, { timeout: 20_000 });
      // The menus in the page's language (a choice the two name differently).
      assert.equal(await page.evaluate(() => document.querySelector('rnn-playground').shadowRoot.querySelector('[data-choice="sawtooth"]').textContent), sawtooth);
      const cut = await page.evaluate(() => [...document.querySelector('rnn-playground').shadowRoot.querySelectorAll('select')].flatMap((s) => {
        const has = s.getBoundingClientRect().width;
        // A menu's width at its content's (the widest choice's, as a browser sizes a menu).
        s.style.cssText = 'width: max-content; align-self: flex-start';
        const needs = s.getBoundingClientRect().width;
        s.style.cssText = '';
        return needs > has + 0.5 ? [`${s.dataset.field ?? s.getAttribute('aria-label')}: ${needs.toFixed(0)} px in ${has.toFixed(0)}`] : [];
      }));
      assert.deepEqual(cut, [], `${width} px${query}`);
    }
    assertClean(problems);
    await context.close();
  }
});

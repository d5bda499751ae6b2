// The element where tutorials live (issue 18): a reader's language (lang on an ancestor, then
// changed on the element), a property set before the element was defined, a host enforcing
// Trusted Types (with the element's policy allowed, and with the host's own only), a browser without IntersectionObserver, a host refusing the DOM the element
// builds, a decimal comma typed in a field, a CSP without 'wasm-unsafe-eval', and a weights
// URL on another origin. Each page is served under a CSP given here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, assertClean } from './helpers.mjs';
import { CSP } from '../../scripts/serve.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** `body` as a page of the server's origin under `csp`; `module` false leaves out the package's script. */
async function host(body, { csp = CSP, module = true, initScript } = {}) {
  const { page, context, problems } = await newPage(env, { initScript });
  const url = `${env.url}__host__/page.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="/favicon.svg">${module ? '<script type="module" src="/rnn-playground.js"></script>' : ''}</head>
<body>${body}</body></html>`;
  await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html', headers: { 'Content-Security-Policy': csp } }));
  await page.goto(url);
  return { page, context, problems };
}
const state = (page, sel = 'rnn-playground') => page.locator(sel).evaluate((el) => el.state);
const waitState = (page, want, sel = 'rnn-playground') =>
  page.waitForFunction(([s, w]) => document.querySelector(s)?.state === w, [sel, want], { timeout: 20_000 });
const shadowText = (page, sel, query) => page.locator(sel).evaluate((el, q) => el.shadowRoot.querySelector(q)?.textContent ?? '', query);

/** Every text a reader sees or hears in the element: text nodes and the labels of the accessibility tree. */
const readerTexts = (page) => page.locator('rnn-playground').evaluate((el) => {
  const out = [];
  const walk = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      // MathML and code are symbols; the script dialog is Python.
      if (!n.parentElement.closest('math, code, pre, [hidden]') && n.textContent.trim()) out.push(n.textContent.trim());
    } else {
      for (const a of ['aria-label', 'title', 'placeholder']) if (n.getAttribute(a)) out.push(n.getAttribute(a));
    }
  }
  return out;
});

test('lang="zh-CN" on an ancestor: every text of the element is Chinese; lang="en" on the element turns it back', async () => {
  const { page, problems } = await host('<div lang="zh-CN"><rnn-playground loading="eager" charts="all"></rnn-playground></div>');
  await waitState(page, 'ready');
  await page.locator('rnn-playground').evaluate((el) => { el.shadowRoot.querySelector('details').open = true; el.step(); });
  // Symbols, numbers and names that are the same in every language.
  // PyTorch's names too: the unrolled view's weight tensors and nn.Linear on its arrows.
  const neutral = /^(Linear |h )?[\s\d.,:;+\-−–=()（）/|‖·×%²θλμεβσŷ^→↑]*$|^(t|h|x|y|T|L|W|b|c|Linear|RNN|RNN \(Elman\)|LSTM|GRU|Adam|SGD|tanh|ReLU|sin-cos|h = 0|Space|ArrowRight|R|‖dL\/dh_t‖.*|torch\.manual_seed\(seed\)|weight_ih_l\d weight_hh_l\d)$/;
  const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
  const texts = await readerTexts(page);
  const english = texts.filter((t) => !CJK.test(t) && !neutral.test(t));
  assert.deepEqual(english, [], 'texts left in English');
  // Chinese sentences follow one another with no space (the equations' text joined two with one).
  assert.deepEqual(texts.filter((t) => /[。；！？] +[\u3400-\u9fff]/.test(t)), [], 'a space after a Chinese full stop');
  assert.equal(await shadowText(page, 'rnn-playground', '[data-action="play"]'), '播放');
  assert.equal(await page.locator('rnn-playground').evaluate((el) => el.shadowRoot.querySelector('.rd').lang), 'zh-CN');

  await page.locator('rnn-playground').evaluate((el) => el.setAttribute('lang', 'en'));
  assert.equal(await shadowText(page, 'rnn-playground', '[data-action="play"]'), 'Play');
  assert.match(await shadowText(page, 'rnn-playground', '[data-setting="lr"] .rd-field__label'), /^Learning rate/);
  assertClean(problems);
});

test('a config property set before the element is defined takes effect on upgrade, and later sets still work', async () => {
  const { page, problems } = await host('<rnn-playground loading="eager"></rnn-playground>', { module: false });
  await page.evaluate(async () => {
    const el = document.querySelector('rnn-playground');
    el.config = { cell: 'gru', hidden: 8 };
    await import('/rnn-playground.js');
  });
  await waitState(page, 'ready');
  const first = await page.locator('rnn-playground').evaluate((el) => ({ own: Object.hasOwn(el, 'config'), ...el.config }));
  assert.equal(first.own, false, 'config is still an own property shadowing the accessor');
  assert.equal(first.cell, 'gru');
  assert.equal(first.hidden, 8);
  await page.locator('rnn-playground').evaluate((el) => { el.config = { hidden: 16 }; });
  assert.equal(await page.locator('rnn-playground').evaluate((el) => el.config.hidden), 16);
  assertClean(problems);
});

test('a host enforcing Trusted Types (require-trusted-types-for \'script\'): the element starts and trains, and its file actions run in their worker', async () => {
  const csp = `${CSP}; require-trusted-types-for 'script'`;
  const { page, problems } = await host('<rnn-playground loading="eager" charts="all"></rnn-playground>', { csp });
  const infos = [];
  page.on('console', (m) => { if (m.type() === 'info') infos.push(m.text()); });
  await waitState(page, 'ready');
  await page.locator('rnn-playground').evaluate((el) => { el.shadowRoot.querySelector('details').open = true; el.play(); });
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 10, null, { timeout: 15_000 });
  assert.ok(await page.locator('rnn-playground').evaluate((el) => el.shadowRoot.querySelectorAll('math').length) > 0, 'no equations');
  // The training worker's URL goes through the element's policy (no refused assignment
  // reported: no console error at all); the worker trains.
  assert.equal(await page.evaluate(async () => {
    const { trainingWorkerStatus } = await import('/worker-training.js');
    for (let i = 0; i < 200 && trainingWorkerStatus()?.runs !== 1; i++) await new Promise((r) => setTimeout(r, 50));
    return trainingWorkerStatus()?.runs;
  }), 1, 'the element does not train in the worker');
  // The files worker's URL goes through the same policy.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('rnn-playground [data-action="export-weights"]').click()]);
  assert.match(download.suggestedFilename(), /\.weights\.json$/);
  assert.deepEqual(infos, [], 'a worker did not start');
  assertClean(problems);
});

test('a host that lists its own Trusted Types policies only: the element trains on the main thread, says why, and its policy is refused once', async () => {
  const csp = `${CSP}; require-trusted-types-for 'script'; trusted-types hostpolicy`;
  const { page, problems } = await host('<rnn-playground loading="eager" autoplay charts="strip" controls="play"></rnn-playground>', { csp });
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount >= 10, null, { timeout: 20_000 });
  // The reason the console gives (console.info, as tests/e2e/worker.test.mjs checks).
  const status = await page.evaluate(async () => (await import('/worker-training.js')).trainingWorkerStatus());
  assert.equal(status.status, 'failed');
  assert.match(status.reason, /TrustedScriptURL/);
  // The browser reports the refused policy and the plain URL refused (the host's CSP at work);
  // the policy once: it is not tried a second time.
  const refused = problems.filter((p) => /blocked trusted-types-policy/.test(p));
  assert.equal(refused.length, 1, `reports of the refused policy:\n${refused.join('\n')}`);
  assertClean(problems.filter((p) => !/trusted-types-policy|trusted-types-sink|TrustedTypePolicy named 'rnn-playground'|TrustedScriptURL/.test(p)));
});

test('without IntersectionObserver the element starts at once, as if in view, and trains', async () => {
  const { page, problems } = await host(`${'<p>a paragraph above</p>'.repeat(150)}<rnn-playground autoplay controls="none" charts="strip"></rnn-playground>`,
    { initScript: () => { delete window.IntersectionObserver; } });
  await page.waitForFunction(() => document.querySelector('rnn-playground')?.stepCount >= 10, null, { timeout: 20_000 });
  assert.equal(await state(page), 'running');
  assertClean(problems);
});

test('a host that refuses the DOM the element builds: a message where the element is, state error, an error event', async () => {
  const { page } = await host('<rnn-playground loading="eager"></rnn-playground>', {
    initScript: () => {
      const create = Document.prototype.createElement;
      Document.prototype.createElement = function (tag, ...rest) {
        if (tag === 'dialog') throw new TypeError('this host refuses <dialog>');
        return create.call(this, tag, ...rest);
      };
      window.errors = [];
      document.addEventListener('error', (e) => window.errors.push(e.detail?.message), true);
    },
  });
  await waitState(page, 'error');
  assert.match(await shadowText(page, 'rnn-playground', '.rd-placeholder'), /could not start: this host refuses <dialog>/);
  const errors = await page.evaluate(() => window.errors);
  assert.ok(errors.some((m) => /could not start/.test(m)), `error events: ${errors}`);
});

test('a typed decimal comma is the decimal point; digit grouping is refused with a message and changes nothing', async () => {
  const { page, problems } = await host('<rnn-playground loading="eager"></rnn-playground>');
  await waitState(page, 'ready');
  const lr = page.locator('rnn-playground [data-field="lr"]');
  await lr.fill('0,01');
  await lr.press('Enter');
  await lr.blur();
  await page.waitForFunction(() => document.querySelector('rnn-playground').config.lr === 0.01, null, { timeout: 5000 });
  const stop = page.locator('rnn-playground [data-field="stopAfter"]');
  await stop.fill('1,000');
  await stop.blur();
  // Said under the field.
  await page.waitForFunction(() => /write "1,000" without digit grouping, as 1000/.test(document.querySelector('rnn-playground').shadowRoot.querySelector('[data-setting="stopAfter"] .rd-field__msg[data-kind="error"]')?.textContent), null, { timeout: 5000 });
  assert.equal(await page.locator('rnn-playground').evaluate((el) => el.config.stopAfter), 0);
  assert.equal(await stop.inputValue(), '0');
  assertClean(problems.filter((p) => !/without digit grouping/.test(p)));
});

test("a CSP without 'wasm-unsafe-eval': the message names the source to add", async () => {
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
  const { page } = await host('<rnn-playground loading="eager"></rnn-playground>', { csp });
  await waitState(page, 'error');
  assert.match(await shadowText(page, 'rnn-playground', '.rd-placeholder'), /add 'wasm-unsafe-eval' to its script-src/);
});

test('a weights URL on another origin that gives the page nothing: the message says the server may be down (fetch cannot tell, and nothing listens here) or not send the CORS header, and names connect-src', async () => {
  const { page } = await host('<rnn-playground loading="eager" weights="http://127.0.0.2:9/w.json"></rnn-playground>');
  await page.waitForFunction(() => /Access-Control-Allow-Origin/.test(document.querySelector('rnn-playground')?.shadowRoot.querySelector('[data-messages]')?.textContent),
    null, { timeout: 20_000 });
  const text = await shadowText(page, 'rnn-playground', '[data-messages]');
  assert.match(text, /Could not load weights from http:\/\/127\.0\.0\.2:9\/w\.json/);
  assert.match(text, /That server may be down or the address wrong; if it is up, it must let other origins read its files: send Access-Control-Allow-Origin/);
  assert.match(text, /connect-src/);
  assert.doesNotMatch(text, /Failed to fetch/, 'the browser\'s English words');
});

test('embed.html in <iframe sandbox="allow-scripts"> (no allow-same-origin) trains, the server sending CORS headers', async () => {
  const { page, problems } = await host('<iframe sandbox="allow-scripts" src="/embed.html?controls=none&charts=strip&autoplay"></iframe>');
  const frame = page.frameLocator('iframe');
  await frame.locator('rnn-playground').waitFor({ timeout: 20_000 });
  const frameHandle = page.frames().find((f) => f.url().includes('embed.html'));
  await frameHandle.waitForFunction(() => document.querySelector('rnn-playground')?.stepCount >= 10, null, { timeout: 20_000 });
  assert.equal(await frameHandle.evaluate(() => self.origin), 'null', 'the frame is not in an opaque origin');
  assertClean(problems);
});

test('index.html opened from file://: its own markup says to serve the folder, before any script runs (with ?lang=zh-CN, in Chinese, embed.html too)', async () => {
  const { page } = await newPage(env);
  await page.goto(`file://${new URL('../../www/index.html', import.meta.url).pathname}`);
  const text = await page.locator('.rnn-fallback').innerText();
  // Shown at once (the file:// case it is for), it reads as loading first (on a slow network it
  // shows until the scripts run), then what to do if it stays.
  assert.match(text, /^Loading: .* If this text stays, .*web server/s);
  assert.ok(await page.locator('.rnn-fallback').isVisible(), 'the explanation is hidden');
  // In the URL's language (?lang=zh-CN: a classic script writes it, as the modules cannot run),
  // index.html's and embed.html's alike.
  for (const file of ['index.html', 'embed.html']) {
    await page.goto(`file://${new URL(`../../www/${file}`, import.meta.url).pathname}?lang=zh-CN`);
    const fallback = page.locator('.rnn-fallback');
    assert.match(await fallback.textContent(), /^正在加载：.*请通过 Web 服务器打开本页（npm start，或在本文件夹中运行 python3 -m http\.server）/, file);
    assert.deepEqual(await fallback.evaluate((p) => [p.lang, [...p.querySelectorAll('code')].map((c) => c.textContent)]),
      ['zh-CN', ['npm start', 'python3 -m http.server', 'Access-Control-Allow-Origin: *']], file);
    // Shown at once: the page is not held for texts its modules cannot write from a file (it had been blank 3 s).
    assert.equal(await page.evaluate(() => 'translating' in document.documentElement.dataset), false, file);
    assert.ok(await fallback.isVisible(), file);
  }
});

test('?lang=zh-CN: embed.html and the page (sync-url) show the element in Chinese', async () => {
  for (const path of ['embed.html?lang=zh-CN', 'index.html?lang=zh-CN']) {
    const { page, problems } = await newPage(env);
    await page.goto(`${env.url}${path}`);
    await waitState(page, 'ready');
    assert.equal(await shadowText(page, 'rnn-playground', '[data-action="play"]'), '播放', path);
    assertClean(problems);
  }
});

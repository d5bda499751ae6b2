// www/tutorial.zh-CN.html: the tutorial's story in Simplified Chinese. It is the Chinese page
// (lang, title, headings and every paragraph in Chinese), it holds the same <rnn-playground>
// tags as tutorial.html and loads the same CSP, stylesheet and module, the two pages link to
// each other, and its elements train under the CSP with no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const ZH = 'tutorial.zh-CN.html';
const EN = 'tutorial.html';
const RUN = 'rnn-playground[stop-after="60"]';

/** Waits until the element matching `sel` has loaded (its state is no longer `loading`). */
const waitLoaded = (page, sel) =>
  page.waitForFunction((s) => { const st = document.querySelector(s)?.state; return st && st !== 'loading'; }, sel, { timeout: 20_000 });

test('tutorial.zh-CN.html is in Chinese: lang, title, headings and every paragraph; the same CSP, module, sections and <rnn-playground> tags as tutorial.html', async () => {
  const { page, context, problems } = await open(env, ZH, { waitReady: false });
  await waitLoaded(page, 'rnn-playground');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');

  const text = await page.evaluate(() => {
    const main = document.querySelector('main');
    // A paragraph's prose, each <code> (markup shown as an example stays markup) as one word.
    const prose = (el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('code').forEach((c) => c.replaceWith('code'));
      return copy.textContent.replace(/\s+/g, ' ').trim();
    };
    return {
      title: document.title,
      headings: [...document.querySelectorAll('h1, main h2, main figcaption')].map(prose),
      paragraphs: [...document.querySelectorAll('body p')].map(prose),
      mainParagraphs: main.querySelectorAll('p').length,
    };
  });
  const cjk = /[\u4e00-\u9fff]/;
  // Five or more Latin words in a row: an English sentence (or most of one) left untranslated.
  const english = /(?:[A-Za-z]{2,}[\s,.;:!?'"()-]+){4}[A-Za-z]{2,}/;
  assert.match(text.title, cjk, `the title is not Chinese: ${text.title}`);
  assert.ok(text.headings.length >= 6, `headings found: ${text.headings}`);
  assert.ok(text.mainParagraphs >= 4, `paragraphs in main: ${text.mainParagraphs}`);
  // A space between two Chinese characters or marks: a line break in the source, shown as a gap.
  const gap = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”] [\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]/;
  for (const t of [...text.headings, ...text.paragraphs]) {
    assert.match(t, cjk, `no Chinese in: ${t}`);
    assert.doesNotMatch(t, english, `English prose left in: ${t}`);
    assert.doesNotMatch(t, gap, `a space between Chinese characters in: ${t}`);
  }

  // The English page, read (not run) in the same origin. What must be the same in both pages:
  // the CSP, the stylesheets, the module scripts, the sections, and each <rnn-playground>'s
  // attributes in document order.
  const [zh, en] = await page.evaluate(async (EN) => {
    const attrs = (el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
    const shape = (doc) => ({
      csp: doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      styles: [...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href')),
      modules: [...doc.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src')),
      sections: doc.querySelectorAll('main section').length,
      elements: [...doc.querySelectorAll('rnn-playground')].map(attrs),
    });
    const html = await (await fetch(EN)).text();
    return [shape(document), shape(new DOMParser().parseFromString(html, 'text/html'))];
  }, EN);
  assert.ok(en.elements.length >= 5, `tutorial.html has ${en.elements.length} elements`);
  assert.deepEqual(zh, en, 'tutorial.zh-CN.html and tutorial.html differ in their head, sections or <rnn-playground> tags');
  assertClean(problems);
  await context.close();
});

test('the two tutorial pages link to each other (a visible link and rel=alternate hreflang) and the Chinese page links to index.html', async () => {
  const { page, context, problems } = await open(env, EN, { waitReady: false });
  await waitLoaded(page, RUN);
  const alternates = () => page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href])));
  const expected = { en: env.url + EN, 'zh-CN': env.url + ZH, 'x-default': env.url + EN };
  assert.deepEqual(await alternates(), expected, 'tutorial.html: rel=alternate links');

  // A reader clicks 中文版 on the English page...
  const toZh = page.locator('header a[hreflang="zh-CN"]');
  assert.equal(await toZh.textContent(), '中文版');
  assert.equal(await toZh.getAttribute('lang'), 'zh-CN');
  assert.ok(await toZh.isVisible(), 'the 中文版 link is not visible');
  await Promise.all([page.waitForURL(env.url + ZH), toZh.click()]);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await waitLoaded(page, RUN);
  assert.deepEqual(await alternates(), expected, 'tutorial.zh-CN.html: rel=alternate links');
  // Its links to the playground open it in Chinese.
  const home = await page.locator('a[href^="index.html"]').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(home.length >= 2 && home.every((h) => h === env.url + 'index.html?lang=zh-CN'), `links to index.html: ${home}`);

  // ...and English on the Chinese page takes them back.
  const toEn = page.locator('header a[hreflang="en"]');
  assert.equal(await toEn.textContent(), 'English');
  assert.equal(await toEn.getAttribute('lang'), 'en');
  assert.ok(await toEn.isVisible(), 'the English link is not visible');
  await Promise.all([page.waitForURL(env.url + EN), toEn.click()]);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await waitLoaded(page, RUN);

  // The Chinese page's 完整的演练场 opens the playground in Chinese.
  await page.goto(env.url + ZH);
  await Promise.all([page.waitForURL(env.url + 'index.html?lang=zh-CN'), page.getByRole('link', { name: '完整的演练场' }).click()]);
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN'
    && document.querySelector('rnn-playground')?.shadowRoot?.querySelector('[data-action="play"]')?.textContent === '播放');
  assertClean(problems);
  await context.close();
});

test('tutorial.zh-CN.html: the tutorial run trains when played, under the CSP with no console error', async () => {
  const { page, context, problems } = await open(env, ZH, { waitReady: false });
  await page.waitForFunction((s) => document.querySelector(s)?.state === 'ready', RUN, { timeout: 20_000 });
  const run = page.locator(RUN);
  assert.equal(await run.evaluate((el) => el.stepCount), 0, 'trained before Play');
  await run.locator('[data-action="play"]').click();
  await page.waitForFunction((s) => document.querySelector(s).stepCount >= 10, RUN, { timeout: 20_000 });
  const { state, loss } = await run.evaluate((el) => ({ state: el.state, loss: el.loss }));
  assert.ok(state === 'running' || state === 'paused', `state after Play: ${state}`);
  assert.ok(Number.isFinite(loss), `loss after 10 windows: ${loss}`);
  assertClean(problems);
  await context.close();
});

// What a page loads: index.html (English) loads the engine's core build and no module it does not
// use at first (no files build: tests/e2e/files-build.test.mjs; no other language's texts); a
// Chinese page loads the Chinese texts, and its element starts in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, newPage, assertClean, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Every path the page asks its server for. */
function requests(page) {
  const asked = [];
  page.on('request', (req) => asked.push(new URL(req.url()).pathname));
  return asked;
}

test('index.html in English loads neither the Chinese texts nor the files build', async () => {
  const { page, context, problems } = await newPage(env);
  const asked = requests(page);
  await page.goto(env.url);
  await page.waitForFunction((sel) => document.querySelector(sel)?.state === 'ready', DEMO);
  await page.waitForLoadState('networkidle');
  assert.ok(asked.includes('/pkg/rnn_playground_relaxed_bg.wasm'), asked.join(' '));
  assert.deepEqual(asked.filter((p) => /zh-CN|\/pkg\/files\//.test(p)), []);
  assertClean(problems);
  await context.close();
});

test('a page in Chinese loads the Chinese texts and its element is in Chinese once ready', async () => {
  const { page, context, problems } = await open(env, '?lang=zh-CN', { waitReady: false });
  await page.waitForFunction((sel) => document.querySelector(sel)?.state === 'ready', DEMO);
  const r = await page.evaluate((sel) => ({
    play: document.querySelector(sel).shadowRoot.querySelector('[data-action="play"]').textContent,
    loaded: performance.getEntriesByType('resource').some((e) => e.name.endsWith('/locales/zh-CN.js')),
  }), DEMO);
  assert.ok(r.loaded, 'the Chinese texts were not loaded');
  assert.match(r.play, /[\u4e00-\u9fff]/, `Play is "${r.play}"`);
  assertClean(problems);
  await context.close();
});

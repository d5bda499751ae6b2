// What a page loads: index.html (English) loads the engine's core build and no module it does not
// use at first (no files build: tests/e2e/files-build.test.mjs; no other language's texts); a
// Chinese page loads the Chinese texts, and its element starts in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, newPage, nextFrames, assertClean, DEMO } from './helpers.mjs';

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

/**
 * Holds every response of `page` whose URL matches `pattern` until the returned release() is
 * called; `onAsked()` is called at each request.
 */
async function hold(page, pattern, onAsked = () => {}) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => { onAsked(); await held; await route.continue(); });
  return release;
}

/** Holds every .wasm response of `page` (hold): the engine stays loading meanwhile. */
const holdWasm = (page) => hold(page, /\.wasm$/);

// Each element laid out while its engine loads, then started: the text after it must not move.
// Before, the element held a 12rem "Loading…" box and grew by up to 3,000 px at 360 px wide
// when the engine came (a reader's tap landed on the wrong line; layout shift 0.1 to 0.2).
const STEADY_CASES = [
  { name: 'every part (index.html as a phone shows it)', attrs: '', width: 360 },
  { name: 'every part, wide', attrs: '', width: 1280 },
  { name: 'the unrolled view of a 2-layer LSTM', attrs: 'charts="unrolled" controls="play,reset" cell="lstm" layers="2"', width: 360 },
  { name: 'in Chinese, a task with its note', attrs: 'lang="zh-CN" task="square" charts="strip,loss,preview" controls="play,step,reset,readouts,task"', width: 360 },
  { name: 'hide="all", a 3-layer GRU at T 40', attrs: 'hide="all" cell="gru" layers="3" time-step="40" charts="all"', width: 700 },
  { name: 'attributes changed while loading', attrs: 'charts="unrolled,strip"', width: 360, change: { cell: 'gru', layers: '3', lang: 'zh-CN', 'time-step': '12' } },
];

for (const c of STEADY_CASES) {
  test(`nothing moves when the engine starts: ${c.name}`, async () => {
    const { page, context, problems } = await newPage(env, { viewport: { width: c.width, height: 800 } });
    const release = await holdWasm(page);
    const base = new URL('__steady__/', env.url).href;
    await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body style="margin:0"><rnn-playground loading="eager" ${c.attrs}></rnn-playground><p id="after">after</p></body></html>` }));
    await page.goto(base + 'page.html');
    const laidOut = () => page.evaluate(() => {
      const el = document.querySelector('rnn-playground');
      const root = el.shadowRoot.querySelector('.rd');
      return {
        state: el.state,
        loading: root?.dataset.loading ?? null,
        inert: root ? root.querySelectorAll('[inert]').length : null,
        // The controls a reader can reach (none in an inert subtree).
        usable: root ? [...root.querySelectorAll('button, input, select, [tabindex]')].filter((e) => !e.closest('[inert]'))
          .map((e) => e.dataset.action ?? e.dataset.field ?? e.localName) : null,
        status: el.shadowRoot.querySelector('[part~="placeholder"]')?.textContent ?? null,
        // "Loading…" within its box: as wide as its text (not the bare padding), nothing spilling out.
        statusFits: ((p) => p && p.clientWidth > 100 && p.scrollWidth <= p.clientWidth && p.scrollHeight <= p.clientHeight)(el.shadowRoot.querySelector('[part~="placeholder"]')),
        play: root?.querySelector('[data-action="play"]').textContent ?? null,
        lang: root?.lang ?? null,
        // The strip chart's title (where shown) stays readable: the box is below it.
        titleClear: ((box, title) => {
          if (!box || !title || title.getClientRects().length === 0) return true;
          const b = box.getBoundingClientRect(), t = title.getBoundingClientRect();
          return b.top >= t.bottom || b.bottom <= t.top || b.left >= t.right || b.right <= t.left;
        })(el.shadowRoot.querySelector('[part~="placeholder"]'), root?.querySelector('[data-card="strip"] .rd-card__title')),
      };
    });
    await page.waitForFunction(() => document.querySelector('rnn-playground')?.state === 'loading');
    if (c.change) {
      await page.evaluate((change) => {
        const el = document.querySelector('rnn-playground');
        for (const [name, value] of Object.entries(change)) el.setAttribute(name, value);
      }, c.change);
    }
    const zh = /lang="zh-CN"/.test(c.attrs) || c.change?.lang === 'zh-CN';
    const status = zh ? /加载/ : /Loading/;
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('rnn-playground').shadowRoot.querySelector('[part~="placeholder"]')?.textContent), status.source);
    // Two frames: the layout (and a canvas's size) settled.
    await nextFrames(page);
    const loading = await laidOut();
    const before = await page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
    release();
    await page.waitForFunction(() => document.querySelector('rnn-playground').state !== 'loading');
    await nextFrames(page);
    const ready = await laidOut();
    const afterStart = await page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
    assert.equal(afterStart, before, `the text after the element moved from ${before} to ${afterStart} px`);
    assert.ok(before > 200, `the element was laid out while loading (${before} px)`);
    // While loading, the layout is there but inert (nothing to click yet) under "Loading…", but
    // for Play, whose tap is kept for the start (the next test).
    assert.deepEqual({ state: loading.state, loading: loading.loading, usable: loading.usable }, { state: 'loading', loading: '', usable: ['play'] });
    assert.equal(loading.lang, zh ? 'zh-CN' : 'en');
    assert.ok(loading.statusFits, 'the "Loading…" box holds its text');
    assert.ok(loading.titleClear, 'the "Loading…" box covers the strip chart\'s title');
    assert.equal(loading.play, zh ? '播放' : 'Play');
    assert.deepEqual({ state: ready.state, loading: ready.loading, inert: ready.inert, status: ready.status }, { state: 'ready', loading: null, inert: 0, status: null });
    assert.ok(ready.usable.includes('step') && ready.usable.includes('reset'), `usable once ready: ${ready.usable}`);
    assertClean(problems);
    await context.close();
  });
}

test('Play and Space answer while the engine loads: a press is kept for the start (Play reads Pause), a second takes it back; nothing else can be reached', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 1320, height: 900 } });
  const release = await holdWasm(page);
  const base = new URL('__play__/', env.url).href;
  // #bare: no chart, 800 px wide: Play at the top, where the "Loading…" box is; #first: no strip
  // chart, nor readouts: the controls first; #only: Play alone. #keys: the page's keys (Space).
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body style="margin:0;display:grid;grid-template-columns:repeat(4,1fr)">
<rnn-playground id="tap"></rnn-playground><rnn-playground id="auto" autoplay></rnn-playground><rnn-playground id="keys" keyboard="page" charts="strip"></rnn-playground><rnn-playground id="bare" charts="none" style="grid-column: 1 / -1; width: 800px"></rnn-playground>
<rnn-playground id="first" charts="unrolled" controls="play,reset" style="grid-column: 1 / -1; width: 800px"></rnn-playground><rnn-playground id="only" charts="none" controls="play" style="grid-column: 1 / -1; width: 360px"></rnn-playground></body></html>` }));
  await page.goto(base + 'page.html');
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((el) => el.state === 'loading' && el.shadowRoot.querySelector('.rd-layout')));
  const play = (id) => page.locator(`#${id} [data-action="play"]`);
  const shown = (id) => page.evaluate((id) => {
    const el = document.getElementById(id);
    const opacity = (node) => { let o = 1; for (; node && !node.classList?.contains('rd'); node = node.parentNode) o *= Number(getComputedStyle(node).opacity); return o; };
    const button = (name) => el.shadowRoot.querySelector(`[data-action="${name}"]`);
    const r = button('play').getBoundingClientRect();
    // What is drawn over Play (its centre and corners): Play, not the "Loading…" box (hit-tested for the question:
    // a tap goes through the box anyway, pointer-events: none).
    const box = el.shadowRoot.querySelector('[part~="placeholder"]');
    if (box) box.style.pointerEvents = 'auto';
    const points = [[r.width / 2, r.height / 2], [4, 4], [r.width - 4, 4], [4, r.height - 4], [r.width - 4, r.height - 4]];
    const onTop = points.every(([x, y]) => el.shadowRoot.elementFromPoint(r.x + x, r.y + y) === button('play'));
    if (box) box.style.pointerEvents = '';
    return { state: el.state, play: button('play').textContent, playOpacity: opacity(button('play')), stepOpacity: opacity(button('step')), onTop };
  }, id);
  // Autoplay: Pause from the start (what the demo will do); Play undimmed and on top, Step dimmed.
  assert.deepEqual(await shown('auto'), { state: 'loading', play: 'Pause', playOpacity: 1, stepOpacity: 0.5, onTop: true });
  assert.deepEqual(await shown('tap'), { state: 'loading', play: 'Play', playOpacity: 1, stepOpacity: 0.5, onTop: true });
  for (const id of ['bare', 'first', 'only']) {
    await play(id).scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rd-layout'), id);
    assert.equal((await shown(id)).onTop, true, `#${id}: Play is under the "Loading…" box`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await play('tap').click();
  await play('auto').click();
  // Tab from a Play goes to the next element's Play: Step, Reset and the fields are inert.
  await play('tap').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id + ' ' + document.activeElement.shadowRoot?.activeElement?.dataset.action), 'auto play');
  // Focus stays on Play when the view is laid out again (a setting changed while loading).
  await page.evaluate(() => document.getElementById('auto').setAttribute('layers', '2'));
  await page.waitForFunction(() => document.getElementById('auto').shadowRoot.querySelector('[data-field="layers"]')?.value === '2');
  assert.equal(await page.evaluate(() => document.getElementById('auto').shadowRoot.activeElement?.dataset.action), 'play');
  // Space with the page's keys (focus on the page, not a button); → and R are the page's own.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Space');
  const sameKeysPlay = (await shown('keys')).play;
  assert.deepEqual({ tap: (await shown('tap')).play, auto: (await shown('auto')).play, keys: sameKeysPlay }, { tap: 'Pause', auto: 'Play', keys: 'Pause' });
  release();
  await page.waitForFunction(() => document.getElementById('tap').stepCount > 3 && document.getElementById('keys').stepCount > 3);
  await nextFrames(page);
  const after = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('rnn-playground')].map((el) => [el.id, [el.state, el.stepCount]])));
  assert.deepEqual({ tap: after.tap[0], keys: after.keys[0], auto: after.auto }, { tap: 'running', keys: 'running', auto: ['ready', 0] });
  assert.equal((await shown('tap')).play, 'Pause');
  // Then Play and Space are the demo's own, the loading's listeners gone: a tap pauses, the
  // next plays again (with the loading's listener left, it would play and the demo's pause at
  // once); Space pauses (the loading's would say play, and keep the demo's from the key).
  await play('tap').click();
  await page.waitForFunction(() => document.getElementById('tap').state === 'paused');
  await play('tap').click();
  await page.waitForFunction(() => document.getElementById('tap').state === 'running');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('keys').state === 'paused');
  assertClean(problems);
  await context.close();
});

test('an element with keyboard="page" far down a page, not started yet, leaves Space to the page and to the element running', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 800, height: 700 } });
  const base = new URL('__keys__/', env.url).href;
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body style="margin:0">
<rnn-playground id="near" keyboard="page" charts="strip"></rnn-playground><div style="height:6000px"></div><rnn-playground id="far" keyboard="page"></rnn-playground></body></html>` }));
  await page.goto(base + 'page.html');
  await page.waitForFunction(() => document.getElementById('near').state === 'ready');
  const after = async (want) => {
    try {
      await page.waitForFunction((want) => document.getElementById('near').state === want, want, { timeout: 10_000 });
    } catch {
      assert.fail(`after Space: ${JSON.stringify(await page.evaluate(() => ({ state: document.getElementById('near').state, scrollY, active: document.activeElement?.localName })))}, not ${want}`);
    }
  };
  await page.keyboard.press('Space');
  await after('running');
  // A window trained first: paused before its first, a run reads `ready` again, not `paused`.
  await page.waitForFunction(() => document.getElementById('near').stepCount > 0);
  await page.keyboard.press('Space');
  await after('paused');
  assert.equal(await page.evaluate(() => document.getElementById('far').state), 'loading', 'the far element started');
  assertClean(problems);
  await context.close();
});

test('a long page lays out at once only the elements near the viewport (one in a hidden box is not); the others when they near it', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 800, height: 600 } });
  const release = await holdWasm(page);
  const base = new URL('__long__/', env.url).href;
  // And one in a hidden box at the top: no box, so not near; laid out once it is shown.
  const body = '<div id="hidden" style="display:none"><rnn-playground id="boxless" charts="strip"></rnn-playground></div>'
    + Array.from({ length: 12 }, (_, i) => `<div style="height:700px">section ${i}</div><rnn-playground charts="strip,loss" controls="play,reset"></rnn-playground>`).join('');
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body style="margin:0">${body}</body></html>` }));
  await page.goto(base + 'page.html');
  await page.waitForFunction(() => customElements.get('rnn-playground'));
  await nextFrames(page);
  const laidOut = () => page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((el) => Boolean(el.shadowRoot.querySelector('.rd'))));
  // The first element is 700 px down, within the viewport (600 px) and the lazy margin (200 px).
  assert.deepEqual(await laidOut(), [false, true, ...Array(11).fill(false)]);
  await page.evaluate(() => { document.getElementById('hidden').style.display = 'block'; });
  await page.waitForFunction(() => document.getElementById('boxless').shadowRoot.querySelector('.rd'));
  await page.evaluate(() => document.querySelectorAll('rnn-playground')[12].scrollIntoView());
  await page.waitForFunction(() => document.querySelectorAll('rnn-playground')[12].shadowRoot.querySelector('.rd'));
  release();
  await page.waitForFunction(() => document.querySelectorAll('rnn-playground')[12].state === 'ready');
  assertClean(problems);
  await context.close();
});

test('index.html on a phone: nothing in view moves while it loads and starts (layout shift 0)', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
  await page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.shifts.push({ value: e.value, at: Math.round(e.startTime) });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const release = await holdWasm(page);
  await page.goto(env.url);
  await page.waitForFunction((sel) => document.querySelector(sel)?.state === 'loading', DEMO);
  await page.waitForTimeout(300);
  release();
  await page.waitForFunction((sel) => document.querySelector(sel).state === 'ready', DEMO);
  await page.waitForTimeout(500);
  // Before, the footer (in view under a 12rem "Loading…" box) jumped 3,000 px down: 0.1.
  const shifts = await page.evaluate(() => window.shifts);
  assert.deepEqual(shifts, []);
  assertClean(problems);
  await context.close();
});

test('index.html?lang=zh-CN on a phone: the Chinese texts are asked for beside the element\'s modules, the page is not painted in English meanwhile, and nothing moves', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
  await page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.shifts.push({ value: e.value, moved: e.sources.map((s) => (s.node?.nodeType === 3 ? `text of ${s.node.parentElement?.dataset.pageText ?? s.node.parentElement?.localName}` : s.node?.dataset?.pageText ?? s.node?.localName)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // A module of the element's graph comes only once the Chinese texts have been asked for (and
  // they come when the test says): before, main.js asked for them only after the whole graph.
  let asked;
  const textsAsked = new Promise((resolve) => { asked = resolve; });
  await page.route(/\/view\.js$/, async (route) => { await textsAsked; await route.continue(); });
  const release = await hold(page, /\/locales\/zh-CN\.js$/, asked);
  await page.goto(env.url + '?lang=zh-CN');
  const inTime = await Promise.race([textsAsked.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
  assert.ok(inTime, 'the Chinese texts were not asked for while the element\'s modules loaded');
  await page.waitForFunction((sel) => customElements.get('rnn-playground') && document.querySelector(sel).shadowRoot.querySelector('[part~="placeholder"]'), DEMO);
  await page.waitForTimeout(300);
  const waiting = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { status: el.shadowRoot.querySelector('[part~="placeholder"]').textContent, high: el.getBoundingClientRect().height >= innerHeight, painted: getComputedStyle(document.body).visibility, held: 'translating' in document.documentElement.dataset };
  }, DEMO);
  // No English "Loading…" while the Chinese texts come (nothing, then 加载中…); a screen's height
  // held; and the page's English not shown (page-lang.js).
  assert.deepEqual(waiting, { status: '', high: true, painted: 'hidden', held: true });
  release();
  await page.waitForFunction((sel) => document.querySelector(sel).state === 'ready', DEMO);
  await page.waitForTimeout(500);
  assert.match(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-action="play"]').textContent, DEMO), /播放/);
  // Nothing moves. Before, the page's lead, written in Chinese over its English (from 208 to 109
  // px high), moved <main> and the element: 0.14; and before that the element shrank to a
  // "Loading…" box while the texts came, and grew again.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).visibility), 'visible');
  assert.deepEqual(await page.evaluate(() => window.shifts), []);
  assertClean(problems);
  await context.close();
});

test('index.html?lang=zh-CN whose texts never come is shown in English after 3 s; ?lang=en at once', async () => {
  const { page, context } = await newPage(env, { viewport: { width: 360, height: 640 } });
  await hold(page, /\/locales\/zh-CN\.js$/);
  await page.goto(env.url + '?lang=zh-CN');
  const painted = () => page.evaluate(() => getComputedStyle(document.body).visibility);
  await page.waitForTimeout(1500);
  assert.equal(await painted(), 'hidden');
  await page.waitForFunction(() => getComputedStyle(document.body).visibility === 'visible', null, { timeout: 3000 });
  await page.goto(env.url + '?lang=en');
  await page.waitForFunction(() => document.documentElement.dataset.translating === undefined, null, { timeout: 2000 });
  assert.equal(await painted(), 'visible');
  await context.close();
});

test('play() while the engine is there but the element\'s texts are not yet: one demo starts, once (one ready event), and Play then pauses it', async () => {
  const { page, context, problems } = await newPage(env);
  const releaseTexts = await hold(page, /\/locales\/zh-CN\.js$/);
  const base = new URL('__twice__/', env.url).href;
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body><rnn-playground lang="zh-CN" loading="eager" charts="strip"></rnn-playground></body></html>` }));
  await page.goto(base + 'page.html');
  await page.evaluate(async () => {
    const el = document.querySelector('rnn-playground');
    window.readies = 0;
    el.addEventListener('ready', () => { window.readies += 1; });
    const { ready } = await import('/rnn-playground.js');
    await ready();
    el.play();
  });
  releaseTexts();
  await page.waitForFunction(() => document.querySelector('rnn-playground').stepCount > 0);
  await page.locator('rnn-playground [data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'paused');
  assert.equal(await page.evaluate(() => window.readies), 1);
  assertClean(problems);
  await context.close();
});

test('index.html whose engine cannot load: the element is the size of its message (the screen\'s height held for it is let go)', async () => {
  const { page, context } = await newPage(env, { viewport: { width: 360, height: 640 } });
  await page.route(/\.wasm$/, (route) => route.abort());
  // Its texts held back: the view is never laid out before the start fails.
  const release = await hold(page, /\/locales\/zh-CN\.js$/);
  await page.goto(env.url + '?lang=zh-CN');
  await page.waitForFunction((sel) => document.querySelector(sel)?.state === 'error', DEMO, { timeout: 20_000 });
  release();
  await nextFrames(page);
  const r = await page.evaluate((sel) => ({ height: document.querySelector(sel).getBoundingClientRect().height, box: document.querySelector(sel).shadowRoot.querySelector('[part~="placeholder"]').getBoundingClientRect().height }), DEMO);
  assert.ok(r.height < 400 && r.height <= r.box + 32, `the element is ${r.height} px high, its message ${r.box} px`);
  await context.close();
});

test('while loading, an element is laid out once per change (el.config of many settings: once) and only in its own language (never first in English)', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 360, height: 800 } });
  const release = await holdWasm(page);
  // The Chinese texts come late: the element waits for them before it lays out.
  const releaseTexts = await hold(page, /\/locales\/zh-CN\.js$/);
  const base = new URL('__once__/', env.url).href;
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body><rnn-playground id="zh" lang="zh-CN" loading="eager"></rnn-playground><rnn-playground id="en" loading="eager"></rnn-playground></body></html>` }));
  await page.goto(base + 'page.html');
  // Every view laid out, by the element and its language.
  await page.waitForFunction(() => customElements.get('rnn-playground'));
  await page.evaluate(() => {
    window.layouts = [];
    for (const el of document.querySelectorAll('rnn-playground')) {
      const seen = (node) => { if (node.classList?.contains('rd')) window.layouts.push(`${el.id} ${node.lang}`); };
      el.shadowRoot.querySelectorAll('.rd').forEach(seen);
      new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(seen))).observe(el.shadowRoot, { childList: true });
    }
  });
  await nextFrames(page);
  assert.deepEqual(await page.evaluate(() => window.layouts.filter((l) => l.startsWith('zh'))), [], 'laid out before its texts came');
  releaseTexts();
  await page.waitForFunction(() => window.layouts.some((l) => l.startsWith('zh')));
  const layoutsBefore = await page.evaluate(() => window.layouts.length);
  await page.evaluate(() => {
    document.getElementById('en').config = { cell: 'lstm', layers: 2, hidden: 16, lr: 0.01, seed: 3, timeStep: 20, optimizer: 'sgd', momentum: 0.5 };
    document.getElementById('en').setAttribute('autoplay', ''); // no change to the layout: not laid out again
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const layouts = await page.evaluate(() => window.layouts);
  assert.deepEqual(layouts.slice(layoutsBefore), ['en en'], 'one layout for the script\'s eight settings');
  assert.deepEqual(layouts.filter((l) => l.startsWith('zh')), ['zh zh-CN']);
  release();
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((el) => el.state !== 'loading'));
  assert.equal(await page.evaluate(() => document.getElementById('en').config.layers), 2);
  assertClean(problems);
  await context.close();
});

test('a reader who jumped to a section and scrolls up past elements laid out as they near sees nothing move (scroll anchoring passes over a growing "Loading…" box)', async () => {
  const { page, context, problems } = await newPage(env, { viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const base = new URL('__up__/', env.url).href;
  const text = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}</p>`;
  const body = Array.from({ length: 9 }, (_, i) => `<h2 id="s${i}">Section ${i}</h2>${text}${text}<rnn-playground charts="strip,loss" controls="play,reset"></rnn-playground>${text}`).join('');
  await page.route(base + 'page.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script type="module" src="/rnn-playground.js"></script></head><body style="max-width:800px;margin:auto">${body}</body></html>` }));
  await page.goto(base + 'page.html#s8');
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].some((el) => el.state === 'ready'));
  await page.waitForTimeout(500);
  const settled = await page.evaluate(() => window.shifts.length);
  // Up 300 px at a time: an element above grows while its bottom is still in view. Before, the
  // page anchored to the element itself and the text below it jumped down by its growth (0.25).
  await page.mouse.move(600, 400);
  for (let i = 0; i < 80 && await page.evaluate(() => scrollY) > 0; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate((n) => window.shifts.slice(n), settled), []);
  assert.equal(await page.evaluate(() => scrollY), 0, 'scrolled up to the top');
  assert.ok(await page.evaluate(() => document.querySelector('rnn-playground').shadowRoot.querySelector('.rd')), 'the first element was laid out');
  assertClean(problems);
  await context.close();
});

// Buttons, controls and keyboard: each changes the trainer and the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, openHtml, assertClean, demoData, action, field, messages, setInput, waitStep, DEMO, waitState, runMessages, loadFileMethods } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('at the stop-after limit, Step, Step inside, → and Play say why they train nothing, each time, even after the message was dismissed', async () => {
  const { page, context, problems } = await open(env, '?stopAfter=3');
  for (let i = 1; i <= 3; i++) {
    await action(page, 'step').click();
    await waitStep(page, i);
  }
  const stopMessage = () => page.locator(`${DEMO} [data-msg-key="stop"] .rd-msg__text`);
  const dismiss = async () => {
    await page.locator(`${DEMO} [data-msg-key="stop"] .rd-msg__close`).click();
    assert.equal(await stopMessage().count(), 0, 'dismissed');
  };
  assert.match(await stopMessage().textContent(), /stop|limit/i);
  for (const press of [
    () => action(page, 'step').click(),
    () => action(page, 'unrolled-enter').click(),
    async () => { await page.locator('body').click({ position: { x: 5, y: 5 } }); await page.keyboard.press('ArrowRight'); },
    () => action(page, 'play').click(),
  ]) {
    await dismiss();
    await press();
    await stopMessage().waitFor();
    assert.match(await stopMessage().textContent(), /Already at the stop-after limit of 3 windows/);
    const d = await demoData(page);
    assert.equal(d.step, 3, 'nothing trained');
    assert.equal(d.state, 'paused');
  }
  assert.equal(await page.locator(`${DEMO} [data-unrolled-phase]`).evaluate((p) => p.dataset.kind), 'live', 'the phases were not entered');
  // Said under the buttons, in view with them (the messages' area is below the fold at 1280×800).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => scrollTo(0, 0));
  const [message, play] = await Promise.all([stopMessage().boundingBox(), action(page, 'play').boundingBox()]);
  assert.ok(message.y > play.y && message.y + message.height <= 800, `the message at y ${message.y}–${message.y + message.height}, Play at ${play.y}`);
  assert.equal(await runMessages(page).locator('[data-msg-key="stop"]').count(), 1);
  // The buttons hidden: the message goes to the messages' area (not hidden with them), and back,
  // its × keeping the focus it had (moved, it had lost it to the page's body).
  await page.locator(`${DEMO} [data-msg-key="stop"] .rd-msg__close`).focus();
  const closeFocused = () => page.locator(DEMO).evaluate((el) => el.shadowRoot.activeElement?.matches('[data-msg-key="stop"] .rd-msg__close') ?? false);
  await page.locator(DEMO).evaluate((el) => el.setAttribute('controls', 'lr'));
  assert.equal(await messages(page).locator('[data-msg-key="stop"]').count(), 1);
  assert.equal(await closeFocused(), true, 'the message\'s × lost the focus when it moved');
  await page.locator(DEMO).evaluate((el) => el.setAttribute('controls', 'all'));
  assert.equal(await runMessages(page).locator('[data-msg-key="stop"]').count(), 1);
  assert.equal(await closeFocused(), true, 'the message\'s × lost the focus when it moved back');
  assertClean(problems);
  await context.close();
});

test('step trains one window, reset goes back to step 0, play/pause toggles', async () => {
  const { page, context, problems } = await open(env);
  assert.equal((await demoData(page)).step, 0);
  await action(page, 'step').click();
  await waitStep(page, 1);
  const d = await demoData(page);
  assert.ok(Number.isFinite(d.loss) && d.loss > 0, `loss after one step: ${d.loss}`);
  assert.equal(await page.locator(`${DEMO} [data-readout="step"]`).textContent(), '1');
  await action(page, 'reset').click();
  await waitStep(page, 0);
  await action(page, 'play').click();
  assert.equal(await action(page, 'play').textContent(), 'Pause');
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 5, DEMO);
  await action(page, 'play').click();
  // The button at once; the state once the worker's window in flight is back.
  assert.equal(await action(page, 'play').textContent(), 'Play');
  await waitState(page, 'paused');
  // µs/step is shown once 5 ms inside train() have been timed (a dash until then): at speed
  // 100, a few frames.
  await field(page, 'speed').evaluate((el) => { el.value = '8'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await action(page, 'play').click();
  await page.waitForFunction((sel) => /^\d[\d,]*(\.\d)?$/.test(document.querySelector(sel).shadowRoot.querySelector('[data-readout="cost"]').textContent), DEMO);
  await action(page, 'play').click();
  assertClean(problems);
  await context.close();
});

// field, how to set it, the value the trainer's config() must then report, the URL text
const CHANGES = [
  ['cell', 'lstm', 'lstm', 'cell=lstm'],
  ['cell', 'gru', 'gru', 'cell=gru'],
  ['hidden', 16, 16, 'hidden=16'],
  ['layers', '2', 2, 'layers=2'],
  ['timeStep', 20, 20, 'timeStep=20'],
  ['lr', 0.005, 0.005, 'lr=0.005'],
  ['optimizer', 'sgd', 'sgd', 'optimizer=sgd'],
  ['seed', 7, 7, 'seed=7'],
  ['clipNorm', 1, 1, 'clipNorm=1'],
  ['weightDecay', 0.01, 0.01, 'weightDecay=0.01'],
];

test('each control changes the trainer config and the URL', async () => {
  const { page, context, problems } = await open(env);
  for (const [name, value, want, inUrl] of CHANGES) {
    const el = field(page, name);
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === 'SELECT') await el.selectOption(String(value));
    else await setInput(page, name, value);
    await page.waitForFunction(([sel, k, v]) => document.querySelector(sel).config[k] === v, [DEMO, name, want]);
    assert.ok(page.url().includes(inUrl), `URL ${page.url()} lacks ${inUrl}`);
  }
  // Momentum only applies to SGD (chosen above); nonlinearity only to the Elman RNN.
  await setInput(page, 'momentum', 0.5);
  await page.waitForFunction((sel) => document.querySelector(sel).config.momentum === 0.5, DEMO);
  assert.equal(await field(page, 'nonlinearity').isDisabled(), true, 'nonlinearity is enabled for gru');
  await field(page, 'cell').selectOption('rnn');
  await field(page, 'nonlinearity').selectOption('relu');
  await page.waitForFunction((sel) => document.querySelector(sel).config.nonlinearity === 'relu', DEMO);
  // The task list comes from the wasm module's tasks().
  const tasks = await field(page, 'task').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(tasks.includes('sin-cos') && tasks.length >= 2, `tasks: ${tasks}`);
  await field(page, 'task').selectOption(tasks[1]);
  await page.waitForFunction(([sel, t]) => document.querySelector(sel).config.task === t, [DEMO, tasks[1]]);
  assert.ok(page.url().includes(`task=${tasks[1]}`));
  // Speed is a page setting: it goes to the URL, not to the trainer.
  await field(page, 'speed').evaluate((el) => { el.value = '4'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => location.search.includes('speed=10'));
  assert.equal(await page.locator(`${DEMO} [data-speed-text]`).textContent(), '10');
  assert.equal(await field(page, 'speed').getAttribute('aria-valuetext'), '10 steps/frame');
  // One step a frame, in the singular.
  await field(page, 'speed').evaluate((el) => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.locator(`${DEMO} [data-speed-unit]`).textContent(), 'step/frame');
  assert.equal(await field(page, 'speed').getAttribute('aria-valuetext'), '1 step/frame');
  // The slider's last position: max, as many steps as fit in a frame's time (speed 0).
  await field(page, 'speed').evaluate((el) => { el.value = el.max; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => location.search.includes('speed=max'));
  assert.equal(await page.locator(`${DEMO} [data-speed-text]`).textContent(), 'max');
  assert.equal(await page.locator(`${DEMO} [data-speed-unit]`).isHidden(), true, 'no "steps/frame" after max');
  assert.equal(await field(page, 'speed').getAttribute('aria-valuetext'), 'max');
  assert.equal((await demoData(page)).config.speed, 0);
  // The URL reproduces the run: open it afresh and get the same config.
  const { config } = await demoData(page);
  const again = await open(env, new URL(page.url()).search);
  assert.deepEqual((await demoData(again.page)).config, config);
  assert.equal(await again.page.locator(`${DEMO} [data-speed-text]`).textContent(), 'max');
  assertClean(again.problems);
  await again.context.close();
  assertClean(problems);
  await context.close();
});

test('an invalid entry in a control is refused with a message naming the field, under the field (in view on a phone, not far up in the message area), the field back at the value in use and described by the message until typed in again; the error event still fires', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 360, height: 740 } });
  await page.locator(DEMO).evaluate((el) => {
    window.errors = [];
    el.addEventListener('error', (e) => window.errors.push(e.detail.message));
  });
  // The last field of the form, far below the message area on a phone.
  await setInput(page, 'stopPatience', 0);
  const error = page.locator(`${DEMO} [data-setting="stopPatience"] .rd-field__msg[data-kind="error"]`);
  await error.waitFor();
  assert.match(await error.textContent(), /^Not applied: Stop patience \(windows; stopPatience\) must be an integer from 1/);
  const shown = await page.locator(DEMO).evaluate((el) => {
    const input = el.shadowRoot.querySelector('[data-field="stopPatience"]');
    const err = el.shadowRoot.getElementById(input.getAttribute('aria-describedby'));
    const box = err.getBoundingClientRect();
    return {
      invalid: input.getAttribute('aria-invalid'),
      described: err?.textContent,
      labelledBy: el.shadowRoot.getElementById(input.getAttribute('aria-labelledby'))?.textContent,
      role: err.getAttribute('role'),
      inView: box.top >= 0 && box.bottom <= innerHeight,
      area: el.shadowRoot.querySelector('[data-messages]').textContent,
      value: input.value,
    };
  });
  assert.deepEqual({ ...shown, described: undefined }, {
    invalid: null, described: undefined, labelledBy: 'Stop patience (windows)', role: 'alert', inView: true, area: '', value: '1',
  });
  assert.match(shown.described, /^Not applied: /);
  // A page styles the messages under the fields by their part, as it does the messages' areas.
  // (A constructed stylesheet: the demo page's CSP allows no inline style.)
  const styled = await page.locator(DEMO).evaluate((el) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('rnn-playground::part(field-message) { outline: 3px solid rgb(0, 128, 0); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const look = getComputedStyle(el.shadowRoot.querySelector('[data-setting="stopPatience"] .rd-field__msg'));
    return `${look.outlineWidth} ${look.outlineColor}`;
  });
  assert.equal(styled, '3px rgb(0, 128, 0)', 'a page\'s ::part(field-message) rule did not reach the message under the field');
  assert.equal((await demoData(page)).config.stopPatience, 1);
  assert.deepEqual(await page.evaluate(() => window.errors), [shown.described]);
  // Typed in again, even the value it holds (no change event then): the message goes, the field is valid.
  await field(page, 'stopPatience').fill('1');
  assert.equal(await error.count(), 0);
  assert.equal(await field(page, 'stopPatience').getAttribute('aria-describedby'), null);
  // A refused hidden size, as before: named, and nothing changed.
  await setInput(page, 'hidden', 0);
  await page.locator(`${DEMO} [data-setting="hidden"] .rd-field__msg[data-kind="error"]`).waitFor();
  assert.match(await page.locator(`${DEMO} [data-setting="hidden"] .rd-field__msg[data-kind="error"]`).textContent(), /Hidden size \(hidden\) must be/);
  assert.equal((await demoData(page)).config.hidden, 32);
  assert.equal(await field(page, 'hidden').inputValue(), '32');
  assert.ok(!page.url().includes('hidden='));
  assertClean(problems);
  await context.close();
});

test('what a value typed in did is said under its field and by a live region there from the start (every live region is in the accessibility tree while empty); each field keeps its own name and is described by every message under it (a confirmation and a refusal together); a stop rule typed is said too; a script\'s value for that setting, or a run an import starts, takes the confirmation away', async () => {
  const { page, context, problems } = await open(env);
  // Every live region (the messages' areas, the fields' announcer) is in the accessibility tree
  // before it has anything to say: one shown only with its first message is not announced by
  // every screen reader (empty, the messages' areas had been display: none).
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const inTree = nodes.filter((n) => !n.ignored && n.role?.value === 'status').length;
  // (Role status: the messages' areas, the announcer, the charts' readouts and the speed, <output>s.)
  const regions = await page.locator(DEMO).evaluate((el) => [...el.shadowRoot.querySelectorAll('[role="status"], output')].filter((r) => !r.closest('dialog')).length);
  assert.equal(inTree, regions, 'live regions left out of the accessibility tree while empty');
  /** Field `name`'s accessible name and description (from its ARIA attributes), and what the live region said last. */
  const aria = (name) => page.locator(DEMO).evaluate((el, name) => {
    const root = el.shadowRoot;
    const input = root.querySelector(`[data-field="${name}"]`);
    const ids = (a) => (input.getAttribute(a) ?? '').split(' ').filter(Boolean);
    return {
      name: ids('aria-labelledby').map((id) => root.getElementById(id)?.textContent ?? '(missing)').join(' '),
      description: ids('aria-describedby').map((id) => root.getElementById(id)?.textContent ?? '(missing)'),
      said: root.querySelector('[data-field-status]').textContent,
    };
  }, name);
  await setInput(page, 'hidden', 16);
  const newNetwork = 'New network: Hidden size (hidden) set to 16; training restarts at step 0.';
  assert.deepEqual(await aria('hidden'), { name: 'Hidden size', description: [newNetwork], said: newNetwork });
  // The next change's message is under its field; the first field is as it was.
  await setInput(page, 'lr', 0.05);
  const live = 'Learning rate (lr) is now 0.05; training goes on at step 0.';
  assert.deepEqual(await aria('lr'), { name: 'Learning rate', description: [live], said: live });
  assert.deepEqual(await aria('hidden'), { name: '', description: [], said: live }, 'the earlier field kept the marks of a message gone (all had been named "Hidden size")');
  // Another language: the message is written again in it, the live region emptied (not said again, nor left in English).
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await page.waitForFunction((sel) => /现在是/.test(document.querySelector(sel).shadowRoot.querySelector('[data-setting="lr"] .rd-field__msg')?.textContent), DEMO);
  assert.deepEqual(await aria('lr'), { name: '学习率', description: ['学习率（lr）现在是 0.05；训练从第 0 步继续。'], said: '' });
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  await page.waitForFunction(([sel, text]) => document.querySelector(sel).shadowRoot.querySelector('[data-setting="lr"] .rd-field__msg')?.textContent === text, [DEMO, live]);
  // A refusal beside it: described by both; the confirmation gone with Reset, the refusal stays, the field named by its label alone.
  await setInput(page, 'lr', 'abc');
  const lr = await aria('lr');
  assert.equal(lr.name, 'Learning rate');
  assert.deepEqual([lr.description.length, lr.description[0], /^Not applied: /.test(lr.description[1])], [2, live, true]);
  await action(page, 'reset').click();
  const reset = await aria('lr');
  assert.equal(reset.name, 'Learning rate', 'the refusal\'s text became part of the field\'s name');
  assert.deepEqual(reset.description.map((d) => /^Not applied: /.test(d)), [true], 'the refusal no longer describes the field');
  // A stop rule typed in: said under it too.
  await setInput(page, 'stopAfter', 20);
  assert.match((await aria('stopAfter')).description.join(), /^Stop after .*is now 20\.$/);
  // A script sets it again: "is now 20" no longer holds, and goes (a stop rule's change from a script says nothing).
  await page.locator(DEMO).evaluate((el) => { el.config = { stopAfter: 50 }; });
  await page.waitForFunction((sel) => document.querySelector(sel).config.stopAfter === 50, DEMO);
  assert.deepEqual((await aria('stopAfter')).description, [], 'a confirmation stayed under a field showing another value');
  // An import starts a run of its own: what was said of this one's change goes.
  await loadFileMethods(page);
  const weights = await page.locator(DEMO).evaluate((el) => el.trainer.exportWeights());
  await setInput(page, 'lr', 0.01);
  assert.equal((await aria('lr')).description.length, 1);
  await page.locator(`${DEMO} [data-file="weights"]`).setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(weights) });
  await page.waitForFunction((sel) => /Imported weights/.test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), DEMO);
  assert.equal(await page.locator(`${DEMO} .rd-field__msg`).count(), 0, 'a confirmation of the run before the import stayed');
  assertClean(problems);
  await context.close();
});

test('keyboard: space plays and pauses (after a click on a button too; a button reached with Tab takes it), → steps, r resets, not while typing', async () => {
  const { page, context, problems } = await open(env);
  await page.keyboard.press('ArrowRight');
  await waitStep(page, 1);
  await page.keyboard.press('ArrowRight');
  await waitStep(page, 2);
  await page.keyboard.press('r');
  await waitStep(page, 0);
  await page.keyboard.press('Space');
  await waitState(page, 'running');
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 3, DEMO);
  await page.keyboard.press('Space');
  await waitState(page, 'paused');
  const stopped = (await demoData(page)).step;
  await page.waitForTimeout(150);
  assert.equal((await demoData(page)).step, stopped);
  // Space after a click on a button (focused, without a focus ring) plays and pauses: it does
  // not press that button again; on a button reached with Tab it is the button's own.
  await action(page, 'step').click();
  await waitStep(page, stopped + 1);
  await page.keyboard.press('Space');
  await waitState(page, 'running');
  await page.keyboard.press('Space');
  await waitState(page, 'paused');
  const clicked = (await demoData(page)).step;
  await page.keyboard.press('Shift+Tab'); // Step → Play, from the keyboard
  await page.keyboard.press('Tab'); // back on Step, its focus ring shown
  assert.equal(await action(page, 'step').evaluate((b) => b.matches(':focus-visible')), true);
  await page.keyboard.press('Space');
  await waitStep(page, clicked + 1);
  assert.equal((await demoData(page)).state, 'paused');
  // So after a click on a button that goes, focus moved to the one in its place by the view
  // (Step inside → Next): Space plays, it does not go to the next phase.
  await action(page, 'unrolled-enter').click();
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-phase]').dataset.kind === 'forward', DEMO);
  assert.equal(await action(page, 'unrolled-forward').evaluate((b) => b.getRootNode().activeElement === b), true, 'focus on Next');
  await page.keyboard.press('Space');
  await waitState(page, 'running');
  await page.keyboard.press('Space');
  await waitState(page, 'paused');
  const { step: inside } = await demoData(page);
  // Typing "r" into a field must not reset.
  await field(page, 'seed').focus();
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  assert.equal((await demoData(page)).step, inside);
  assertClean(problems);
  await context.close();
});

test('steps/s and µs/step after a settings change or a hidden tab: a dash until measured, then the true rate, never 0', async () => {
  const { page, context, problems } = await open(env);
  const readout = (name) => page.locator(`${DEMO} [data-readout="${name}"]`);
  const rateShows = (pattern) => page.waitForFunction(([sel, p]) => new RegExp(p).test(document.querySelector(sel).shadowRoot.querySelector('[data-readout="rate"]').textContent), [DEMO, pattern.source]);
  await action(page, 'play').click();
  await rateShows(/^[1-9]/);
  // Every value the two readouts show from here on.
  await page.locator(DEMO).evaluate((el) => {
    window.__readouts = [];
    for (const key of ['rate', 'cost']) {
      const dd = el.shadowRoot.querySelector(`[data-readout="${key}"]`);
      new MutationObserver(() => window.__readouts.push([key, dd.textContent])).observe(dd, { childList: true, characterData: true, subtree: true });
    }
  });
  await field(page, 'cell').selectOption('gru');
  await page.waitForTimeout(900);
  // A hidden tab (Playwright's pages never become document.hidden: override and dispatch).
  const setVisibility = (state) => page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
  await setVisibility('hidden');
  await rateShows(/^–$/).catch(() => assert.fail('steps/s while the tab is hidden: not –'));
  await setVisibility('visible');
  await rateShows(/^[1-9]/).catch(() => assert.fail('steps/s after resuming: not measured'));
  const seen = await page.evaluate(() => window.__readouts);
  await action(page, 'play').click();
  const rates = seen.filter(([k]) => k === 'rate').map(([, v]) => v);
  const costs = seen.filter(([k]) => k === 'cost').map(([, v]) => v);
  for (const v of [...rates, ...costs]) assert.match(v, /^(–|[0-9][0-9,]*(\.\d)?)$/);
  assert.ok(![...rates, ...costs].some((v) => /^0(\.0)?$/.test(v)), `a readout showed 0: rates ${rates}, costs ${costs}`);
  assert.equal(rates[0], '–', `after the change steps/s showed ${rates[0]} before measuring`);
  assert.match(rates.at(-1), /^[1-9]/, `steps/s after resuming: ${rates}`);
  assertClean(problems);
  await context.close();
});

test('the speed in the reader\'s language: max is 最快 in Chinese, written again when the language changes, and the slider says it to assistive technology', async () => {
  const { page, context, problems } = await openHtml(env, '<rnn-playground lang="zh-CN" loading="eager" speed="max"></rnn-playground>');
  await waitState(page, 'ready', { timeout: 20_000 });
  const shown = () => page.locator(DEMO).evaluate((el) => {
    const root = el.shadowRoot;
    return {
      text: root.querySelector('[data-speed-text]').textContent,
      unit: root.querySelector('[data-speed-unit]').hidden,
      aria: root.querySelector('[data-field="speed"]').getAttribute('aria-valuetext'),
      position: root.querySelector('[data-field="speed"]').value,
      last: root.querySelector('[data-field="speed"]').max,
    };
  });
  const zh = await shown();
  assert.deepEqual(zh, { text: '最快', unit: true, aria: '最快', position: zh.last, last: zh.last });
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'en'));
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-speed-text]').textContent === 'max', DEMO);
  assert.equal((await shown()).aria, 'max');
  await page.locator(DEMO).evaluate((el) => el.setAttribute('speed', '1000'));
  await page.waitForFunction((sel) => document.querySelector(sel).config.speed === 1000, DEMO);
  assert.deepEqual(await shown(), { text: '1,000', unit: false, aria: '1,000 steps/frame', position: String(Number(zh.last) - 1), last: zh.last });
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-field="speed"]').getAttribute('aria-valuetext') === '1,000 步/帧', DEMO);
  assertClean(problems);
  await context.close();
});

test('a message dismissed from the keyboard leaves focus in the element: on the next message\'s ×, then on its first control (under buttons, the first of those), so that its keys go on working', async () => {
  const { page, context, problems } = await openHtml(env, '<rnn-playground id="a" loading="eager" hidden-size="0"></rnn-playground>');
  await page.waitForFunction(() => document.getElementById('a').state === 'ready');
  const el = page.locator('#a');
  // A new network from the page's script (a change typed in a field is said under it, with no ×).
  await el.evaluate((e) => e.setAttribute('cell', 'lstm'));
  const closes = el.locator('.rd-msg__close');
  assert.equal(await closes.count(), 2, 'the invalid attribute\'s message and the new network\'s');
  const focused = () => el.evaluate((e) => {
    const f = e.shadowRoot.activeElement;
    return f ? (f.dataset.action ?? f.closest('[data-msg-key]')?.dataset.msgKey ?? f.localName) : document.activeElement.localName;
  });
  await closes.first().focus();
  await page.keyboard.press('Enter');
  assert.equal(await closes.count(), 1);
  assert.equal(await focused(), 'change');
  await page.keyboard.press('Space');
  assert.equal(await closes.count(), 0);
  assert.equal(await focused(), 'play');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('a').state === 'running');
  // The last message under the Files buttons (a file refused): focus goes to those buttons and
  // the page stays where it is (it had gone to Play, scrolling the page far up).
  await el.locator('[data-file="weights"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
  const fileClose = el.locator('[data-file-messages] .rd-msg__close');
  await fileClose.waitFor();
  await fileClose.scrollIntoViewIfNeeded();
  await fileClose.focus();
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok(scrolled > 0, 'the Files buttons in view without scrolling: the test proves nothing');
  await page.keyboard.press('Enter');
  assert.equal(await el.locator('[data-file-messages] .rd-msg').count(), 0);
  assert.equal(await focused(), 'export-weights');
  assert.equal(await page.evaluate(() => scrollY), scrolled, 'the page scrolled away from the Files buttons');
  assertClean(problems);
  await context.close();
});

test('the six readouts sit in rows of 6, 3 or 2 at every width, never 5 and 1 alone (at 1,000 px the element had left µs/step alone on a row)', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 1280, height: 900 } });
  const seen = [];
  for (const width of [320, 360, 420, 700, 800, 900, 1014, 1100, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const rows = await page.locator(DEMO).evaluate(async (el) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const counts = new Map();
      for (const d of el.shadowRoot.querySelector('.rd-readouts').children) {
        const top = Math.round(d.getBoundingClientRect().top);
        counts.set(top, (counts.get(top) ?? 0) + 1);
      }
      return [...counts.values()].join('+');
    });
    seen.push(`${width}: ${rows}`);
  }
  for (const s of seen) assert.match(s, /: (6|3\+3|2\+2\+2)$/, seen.join(', '));
  assertClean(problems);
  await context.close();
});

test('with one or two small charts beside the gradient flow, they fill their row at every width (charts="strip,loss,gradients" had put the loss chart in a third of its row, the rest blank)', async () => {
  const seen = [];
  for (const charts of ['strip,loss,gradients', 'strip,loss,hidden,gradients', 'loss,preview,gradients']) {
    const { page, context, problems } = await open(env, `?charts=${charts}`);
    for (const width of [600, 800, 1024, 1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      const cards = await page.locator(DEMO).evaluate(async (el) => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const row = el.shadowRoot.querySelector('.rd-row').getBoundingClientRect();
        return [...el.shadowRoot.querySelectorAll('.rd-row > [data-card]')].filter((c) => !c.hidden).map((c) => {
          const b = c.getBoundingClientRect();
          return { card: c.dataset.card, top: Math.round(b.top), right: Math.round(row.right - b.right) };
        });
      });
      seen.push(`${charts} at ${width}: ${JSON.stringify(cards)}`);
      // Each row ends at the row's right edge: no blank after its last card.
      for (const top of new Set(cards.map((c) => c.top))) {
        assert.equal(Math.min(...cards.filter((c) => c.top === top).map((c) => c.right)), 0, seen.at(-1));
      }
    }
    assertClean(problems);
    await context.close();
  }
});

test('the small charts\' row leaves no chart alone beside a blank at any width from two columns on: the loss, hidden-state and task charts share a row, the gradient flow beside them or on a row of its own (at 1280 px the task chart had sat alone, three quarters of its row blank)', async () => {
  const { page, context, problems } = await open(env);
  const seen = [];
  for (const width of [800, 1024, 1280, 1300, 1440, 1920, 2560]) {
    await page.setViewportSize({ width, height: 900 });
    const cards = await page.locator(DEMO).evaluate(async (el) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const row = el.shadowRoot.querySelector('.rd-row').getBoundingClientRect();
      return Object.fromEntries(['loss', 'hidden', 'preview', 'gradients'].map((n) => {
        const b = el.shadowRoot.querySelector(`[data-card="${n}"]`).getBoundingClientRect();
        return [n, { top: Math.round(b.top), left: Math.round(b.left - row.left), right: Math.round(row.right - b.right) }];
      }));
    });
    const { loss, hidden, preview, gradients } = cards;
    const oneRow = loss.top === hidden.top && hidden.top === preview.top;
    const flow = gradients.top === loss.top || (gradients.left === 0 && gradients.right === 0);
    // Each row ends at the row's right edge: no blank after its last card.
    const rightmost = Math.min(...Object.values(cards).filter((c) => c.top === loss.top).map((c) => c.right));
    seen.push(`${width}: ${JSON.stringify(cards)}`);
    assert.ok(oneRow && flow && rightmost === 0, seen.at(-1));
  }
  assertClean(problems);
  await context.close();
});

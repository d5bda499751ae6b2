// The unrolled view (charts="unrolled", www/unrolled.js) on the page and on the tutorial page:
// PyTorch's shapes follow the settings; Step inside walks one training step's phases in the
// order the step runs them, each with its table, from the buttons and from the keyboard;
// leaving the phases (or pressing Play) lets training go on; the numbers behind a column agree
// with the cell's equation; pointing at a prediction shades the inputs it depends on, live; all
// under the pages' CSP with no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, openHtml, nextFrames, assertClean, action, field, setInput, waitStep, demoData, DEMO } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const U = `${DEMO} [data-card="unrolled"]`;
const phaseOf = (page) => page.locator(`${U} [data-unrolled-phase]`).evaluate((p) => (p.dataset.timeStep === undefined ? p.dataset.kind : `${p.dataset.kind} ${p.dataset.timeStep}`));
const shapes = (page) => page.locator(`${U} [data-unrolled-shapes]`).textContent();
/** The header cells of the table of the current phase, and its rows' first cells. */
const table = (page) => page.locator(`${U} [data-unrolled-table]`).evaluate((t) => ({
  head: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
  rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
}));
/** The phases a step runs, in order, for T time steps. */
const expectedPhases = (T) => [
  ...Array.from({ length: T }, (_, t) => `forward ${t}`), 'loss',
  ...Array.from({ length: T }, (_, t) => `backward ${T - 1 - t}`), 'cut', 'clip', 'update', 'carry',
];

test("PyTorch's shapes at the defaults, and after changing hidden size, layers, time steps and the cell", async () => {
  const { page, context, problems } = await open(env);
  assert.match(await shapes(page), /x \(1, 10, 1\) → nn\.RNN → r_out \(1, 10, 32\) → nn\.Linear → output \(1, 10, 1\); the state h_state \(1, 1, 32\)/);
  // One column per time step, one row of cells per layer, each naming its layer's weights.
  const cells = () => page.locator(`${U} .rd-u__c--cell`).evaluateAll((els) => els.map((e) => e.textContent));
  let named = await cells();
  assert.equal(named.length, 10);
  assert.ok(named.every((t) => t.includes('weight_ih_l0') && t.includes('weight_hh_l0') && t.includes('(1, 32)')), named[0]);
  assert.equal(await page.locator(`${U} [data-unrolled-yhat]`).count(), 10);

  await setInput(page, 'hidden', 16);
  assert.match(await shapes(page), /x \(1, 10, 1\) → nn\.RNN → r_out \(1, 10, 16\) → nn\.Linear → output \(1, 10, 1\); the state h_state \(1, 1, 16\)/);
  await field(page, 'layers').selectOption('3');
  assert.match(await shapes(page), /r_out \(1, 10, 16\) .* h_state \(3, 1, 16\)/);
  named = await cells();
  assert.equal(named.length, 30);
  for (const l of [0, 1, 2]) assert.ok(named.some((t) => t.includes(`weight_hh_l${l}`)), `layer ${l}'s weights are not named`);
  await setInput(page, 'timeStep', 25);
  assert.match(await shapes(page), /x \(1, 25, 1\) → nn\.RNN → r_out \(1, 25, 16\) → nn\.Linear → output \(1, 25, 1\); the state h_state \(3, 1, 16\)/);
  assert.equal(await page.locator(`${U} [data-unrolled-yhat]`).count(), 25);
  // Each column headed by its time step, 1 to T, above its prediction (on a phone, a column cut
  // at the card's edge had shown no number saying more were beyond).
  const heads = await page.locator(`${U} [data-unrolled-t]`).evaluateAll((els) => els.map((e) => [e.textContent, Math.round(e.getBoundingClientRect().left)]));
  const predictions = await page.locator(`${U} [data-unrolled-yhat]`).evaluateAll((els) => els.map((e) => Math.round(e.closest('[data-col]').getBoundingClientRect().left)));
  assert.deepEqual(heads.map(([text]) => text), Array.from({ length: 25 }, (_, i) => String(i + 1)));
  assert.deepEqual(heads.map(([, left]) => left), predictions, 'a time step over another column');
  await field(page, 'cell').selectOption('lstm');
  assert.match(await shapes(page), /nn\.LSTM .* h_state \(\(3, 1, 16\), \(3, 1, 16\)\)/);
  // The weights each layer's head names are the engine's recurrent weights of that layer (its
  // state dict's names without the module's prefix), for every cell: the view writes them
  // before the engine has loaded (pytorch-shapes.js layerWeightNames).
  for (const cell of ['lstm', 'gru', 'rnn']) {
    await field(page, 'cell').selectOption(cell);
    const { shown, engine } = await page.locator(DEMO).evaluate((el) => ({
      shown: [...el.shadowRoot.querySelectorAll('.rd-u__weights--head')].map((e) => e.textContent).reverse(),
      engine: [0, 1, 2].map((l) => el.trainer.parameterNames().filter((n) => n.endsWith(`_l${l}`) && /\.weight_/.test(n))
        .map((n) => n.slice(n.indexOf('.') + 1)).join(' ')),
    }));
    assert.deepEqual(shown, engine, cell);
  }
  assertClean(problems);
  await context.close();
});

test('Step inside: the phases in the order the step runs them, each with its table; Next after the last trains the next window', async () => {
  const { page, context, problems } = await open(env, '?timeStep=4');
  await action(page, 'unrolled-enter').click();
  const stepped = await demoData(page);
  assert.equal(stepped.step, 1, 'Step inside trains one window');
  assert.equal(stepped.state, 'paused', 'the element says it has trained and is paused, as after Step');
  // The window numbered as the step readout counts it (1: the first, the tutorial's step 0), its span of t saying which.
  const said = () => page.locator(`${U} [data-unrolled-phase]`).textContent();
  assert.match(await said(), /^Window 1 \(t from 0 to π\), phase 1 of \d+:/);
  const seen = [await phaseOf(page)];
  const tables = [await table(page)];
  for (let i = 1; i < expectedPhases(4).length; i++) {
    await action(page, 'unrolled-forward').click();
    seen.push(await phaseOf(page));
    tables.push(await table(page));
  }
  assert.deepEqual(seen, expectedPhases(4));
  // forward t: that step's row (numbered from 1, as the equations number them); loss: every step
  // and the loss; backward: dL/dh_t; update: every parameter tensor.
  assert.deepEqual(tables[0].rows.map((r) => r[0]), ['1']);
  assert.ok(tables[0].head.includes('prediction ŷₜ'), tables[0].head.join('|'));
  assert.equal(tables[4].rows.length, 5, 'the loss table: 4 time steps and the loss');
  assert.deepEqual(tables[5].rows.map((r) => r[0]), ['4'], 'backward starts at t = T');
  assert.match(tables[5].head.join('|'), /‖dL\/dhₜ‖/);
  const update = tables[expectedPhases(4).indexOf('update')];
  assert.deepEqual(update.rows.map((r) => r[0]).sort(),
    ['out.bias', 'out.weight', 'rnn.bias_hh_l0', 'rnn.bias_ih_l0', 'rnn.weight_hh_l0', 'rnn.weight_ih_l0']);
  assert.ok(update.rows.every((r) => Number(r[2]) > 0), 'every parameter tensor moved');
  // The cut of the run's first window: h₀ = 0, no window before it (it had named the tutorial's
  // detach line of "the previous window's values" over a table of zeros).
  await action(page, 'unrolled-back').click();
  await action(page, 'unrolled-back').click();
  await action(page, 'unrolled-back').click();
  assert.equal(await phaseOf(page), 'cut');
  assert.match(await page.locator(`${U} [data-unrolled-phase]`).textContent(), /This is the run's first window: h₀ = 0 \(PyTorch's h_state = None\), so there is nothing before it to cut\. From the next window on, the tutorial carries h_state and cuts its gradient/);
  assert.deepEqual((await table(page)).rows.map((r) => r[1]), ['0'], 'h₀ is zero');
  // After the carried state, Next trains the next window and starts at its forward pass.
  for (let i = 0; i < 4; i++) await action(page, 'unrolled-forward').click();
  assert.equal(await phaseOf(page), 'forward 0');
  assert.equal((await demoData(page)).step, 2);
  assert.match(await said(), /^Window 2 \(t from π to 2π\), phase 1 of/);
  // The dL/dh bars appear in the backward pass, from t = T−1 down.
  for (let i = 0; i < 6; i++) await action(page, 'unrolled-forward').click();
  assert.equal(await phaseOf(page), 'backward 2');
  const bars = await page.locator(`${U} [data-unrolled-grad]`).evaluateAll((els) => els.map((e) => !e.hidden));
  assert.deepEqual(bars, [false, false, true, true]);
  // A tap on a cell the backward pass reached shows its dL/dh_t (a phone has no hover); the
  // fourth column is time step 4, as the equations number them.
  await page.locator(`${U} .rd-u__c--cell[data-col="3"]`).click();
  assert.match(await page.locator(`${DEMO} [data-probe="unrolled"]`).textContent(), /layer 0, time step 4: ‖dL\/dhₜ‖ = \d/);
  // The second window's cut names the tutorial's detach line: its h₀ is the first window's h_T.
  while (await phaseOf(page) !== 'cut') await action(page, 'unrolled-forward').click();
  assert.match(await page.locator(`${U} [data-unrolled-phase]`).textContent(), /^Window 2 .*h_state = Variable\(h_state\.data\).*h_state = h_state\.detach\(\)/);
  assert.notEqual((await table(page)).rows[0][1], '0', 'h₀ carried from window 1');
  assertClean(problems);
  await context.close();
});

test('walking through a step, nothing moves: the columns stay put, the phase\'s text and its table keep their tallest height, the rows their room (360 and 1280 px); let go of live and on a new width', async () => {
  // Before, at 360 px the phase's text took 84 to 146 px by phase, moving the columns up and
  // down; at 1280 px the errors' line and the gradient bars grew the columns after the forward
  // pass; and the table's height (70 to 314 px) moved the rest of the page at every phase.
  for (const width of [360, 1280]) {
    const { page, context, problems } = await open(env, '', { viewport: { width, height: 800 } });
    await action(page, 'unrolled-enter').click();
    const place = () => page.locator(U).evaluate((card) => {
      const top = card.getBoundingClientRect().top;
      const grid = card.querySelector('[data-unrolled-grid]').getBoundingClientRect();
      return { columns: `${(grid.top - top).toFixed(1)}+${grid.height.toFixed(1)}`, card: card.getBoundingClientRect().height };
    });
    const first = await place();
    const phases = expectedPhases(10);
    // Two steps' phases: the card grows at most the first time a phase needs more room (the
    // loss's table), and never shrinks; over the second step, it does not change at all.
    const cards = [first.card];
    for (let i = 1; i <= 2 * phases.length; i++) {
      await action(page, 'unrolled-forward').click();
      const now = await place();
      assert.equal(now.columns, first.columns, `${width} px, ${await phaseOf(page)}: the columns moved`);
      assert.ok(now.card >= cards.at(-1), `${width} px, ${await phaseOf(page)}: the card shrank from ${cards.at(-1)} to ${now.card} px`);
      cards.push(now.card);
    }
    assert.equal(new Set(cards.slice(phases.length)).size, 1, `${width} px: the card's heights over the second step: ${cards.slice(phases.length)}`);
    const phase = page.locator(`${U} [data-unrolled-phase]`);
    if (width === 360) {
      // The tallest text (cut's) held, then the element made wide: the text's own height again.
      while (await phaseOf(page) !== 'cut') await action(page, 'unrolled-forward').click();
      const narrow = await phase.evaluate((p) => p.getBoundingClientRect().height);
      await page.setViewportSize({ width: 1280, height: 800 });
      await nextFrames(page);
      await nextFrames(page);
      const wide = await phase.evaluate((p) => p.getBoundingClientRect().height);
      assert.ok(wide < narrow / 2, `the phase's text kept its narrow height (${narrow} px) when wide (${wide} px)`);
    }
    await action(page, 'unrolled-leave').click();
    assert.equal(await phase.evaluate((p) => p.style.minHeight), '', 'still held once live');
    assertClean(problems);
    await context.close();
  }
});

test('a long window\'s loss table scrolls inside its box (about 12 rows), its head in sight, and can be focused to scroll by keyboard', async () => {
  const { page, context, problems } = await open(env, '?timeStep=30');
  await action(page, 'unrolled-enter').click();
  while (await phaseOf(page) !== 'loss') await action(page, 'unrolled-forward').click();
  const t = page.locator(`${U} [data-unrolled-table]`);
  const box = await t.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight, rem: parseFloat(getComputedStyle(document.documentElement).fontSize), focusable: el.tabIndex === 0 }));
  assert.ok(box.client <= 20 * box.rem + 1 && box.scroll > box.client, `the table is ${box.client} px high, its rows ${box.scroll} px`);
  assert.ok(box.focusable);
  await t.focus();
  await page.keyboard.press('End');
  // Scrolled to the end (smoothly: over a few frames), the head still at the top of the box.
  await page.waitForFunction((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1, await t.elementHandle(), { timeout: 5000 });
  const after = await t.evaluate((el) => {
    const head = el.querySelector('thead th').getBoundingClientRect();
    return { top: el.scrollTop, headInside: head.top >= el.getBoundingClientRect().top - 1 };
  });
  assert.ok(after.top > 0 && after.headInside, JSON.stringify(after));
  assertClean(problems);
  await context.close();
});

test('without the carried state, the cut says every window starts from zero', async () => {
  const { page, context, problems } = await open(env, '?timeStep=3&carryState=false');
  await action(page, 'unrolled-enter').click();
  while (await phaseOf(page) !== 'cut') await action(page, 'unrolled-forward').click();
  assert.match(await page.locator(`${U} [data-unrolled-phase]`).textContent(), /h₀ = 0/);
  const rows = (await table(page)).rows;
  assert.deepEqual(rows.map((r) => r[1]), ['0'], 'h0 is zero');
  assertClean(problems);
  await context.close();
});

test('stepping by keyboard: Enter on Step inside, → next, ← back, Shift+→ and Shift+← by stage, Esc leaves; → trains a step again afterwards', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'unrolled-enter').focus();
  await page.keyboard.press('Enter');
  assert.equal(await phaseOf(page), 'forward 0');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await phaseOf(page), 'forward 2');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await phaseOf(page), 'forward 1');
  // By stage: the loss, the backward pass's first phase; back to its start, then to the loss.
  const stages = [];
  for (const key of ['Shift+ArrowRight', 'Shift+ArrowRight', 'ArrowRight', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft']) {
    await page.keyboard.press(key);
    stages.push(await phaseOf(page));
  }
  assert.deepEqual(stages, ['loss', 'backward 9', 'backward 8', 'backward 9', 'loss', 'forward 0']);
  assert.equal((await demoData(page)).step, 1, 'the arrows step through phases, they do not train');
  await page.keyboard.press('Escape');
  assert.equal(await phaseOf(page), 'live');
  await page.keyboard.press('ArrowRight');
  await waitStep(page, 2);
  assertClean(problems);
  await context.close();
});

test('keys on the element (keyboard="element"): the button pressed gives its focus to the one in its place (Step inside to Next, Leave and Esc to Step inside, ← at the first phase to Next), so →, ← and Esc go on working', async () => {
  const { page, context, problems } = await openHtml(env, '<rnn-playground id="a" charts="unrolled" hidden-size="8"></rnn-playground>');
  const el = '#a';
  const button = (name) => page.locator(`${el} [data-action="${name}"]`);
  const focused = () => page.locator(el).evaluate((e) => e.shadowRoot.activeElement?.dataset.action ?? document.activeElement?.localName);
  const phase = () => page.locator(`${el} [data-unrolled-phase]`).evaluate((p) => (p.dataset.timeStep === undefined ? p.dataset.kind : `${p.dataset.kind} ${p.dataset.timeStep}`));
  await page.waitForFunction(() => document.getElementById('a').state === 'ready');
  await button('unrolled-enter').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('[data-unrolled-phase]').dataset.kind === 'forward');
  assert.equal(await focused(), 'unrolled-forward');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await phase(), 'forward 2');
  await button('unrolled-back').click();
  await button('unrolled-back').click();
  assert.equal(await phase(), 'forward 0');
  assert.equal(await focused(), 'unrolled-forward', '← at the first phase is disabled: its focus goes to Next');
  await page.keyboard.press('ArrowRight');
  assert.equal(await phase(), 'forward 1');
  await page.keyboard.press('Escape');
  assert.equal(await phase(), 'live');
  assert.equal(await focused(), 'unrolled-enter');
  // Clicked (a pointer focuses the button too): Step inside, then Leave.
  await button('unrolled-enter').click();
  await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('[data-unrolled-phase]').dataset.kind === 'forward');
  await button('unrolled-leave').click();
  assert.equal(await focused(), 'unrolled-enter');
  // Live again, → is Step.
  const step = await page.locator(el).evaluate((e) => e.stepCount);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((n) => document.getElementById('a').stepCount === n + 1, step);
  assertClean(problems);
  await context.close();
});

test('walking through a long window on a phone, the view scrolls its box to the column of each phase (forward and backward), never the page', async () => {
  const { page, context, problems } = await open(env, '?timeStep=40', { viewport: { width: 360, height: 740 } });
  await action(page, 'unrolled-enter').click();
  const inView = () => page.locator(U).evaluate((card) => {
    const box = card.querySelector('[data-unrolled-grid]');
    const t = Number(card.querySelector('[data-unrolled-phase]').dataset.timeStep);
    const cell = box.querySelector(`[data-unrolled-x="${t}"]`).getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const heads = box.querySelector('.rd-u__head').getBoundingClientRect().width;
    return { t, in: cell.left >= b.left + heads - 1 && cell.right <= b.right + 1, page: [scrollX, scrollY] };
  });
  const seen = [];
  const page0 = await page.evaluate(() => [scrollX, scrollY]);
  for (let i = 0; i < 60; i++) {
    const phase = await phaseOf(page);
    if (/^(forward|backward) /.test(phase) && i % 5 === 0) {
      const r = await inView();
      assert.ok(r.in, `${phase}: its column is out of the view's box`);
      assert.deepEqual(r.page, page0, 'the page scrolled');
      seen.push(phase);
    }
    await action(page, 'unrolled-forward').click();
  }
  assert.ok(seen.some((p) => p.startsWith('forward 3')) && seen.some((p) => p.startsWith('backward')), `phases checked: ${seen}`);
  assertClean(problems);
  await context.close();
});

test('the phases playing on their own follow their columns until the reader scrolls the box: then they play on where it was scrolled to, and the next press follows again', async () => {
  const { page, context, problems } = await open(env, '?timeStep=40', { viewport: { width: 360, height: 740 } });
  await action(page, 'unrolled-enter').click();
  const box = page.locator(`${U} [data-unrolled-grid]`);
  const state = () => page.locator(U).evaluate((card) => {
    const grid = card.querySelector('[data-unrolled-grid]');
    const t = Number(card.querySelector('[data-unrolled-phase]').dataset.timeStep);
    const cell = grid.querySelector(`[data-unrolled-x="${t}"]`).getBoundingClientRect();
    const b = grid.getBoundingClientRect();
    return { t, scrollLeft: grid.scrollLeft, in: cell.left >= b.left && cell.right <= b.right + 1 };
  });
  await action(page, 'unrolled-play').click();
  // Followed while playing: the box scrolled to bring a column into view.
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-grid]').scrollLeft > 0, DEMO, { timeout: 10_000 });
  const followed = await state();
  assert.ok(followed.in && followed.scrollLeft > 0, `playing, the phase's column out of view: ${JSON.stringify(followed)}`);
  // The reader scrolls the box to its end with the wheel (the page stays put).
  await box.scrollIntoViewIfNeeded();
  const b = await box.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.wheel(100_000, 0);
  await page.waitForFunction((sel) => {
    const grid = document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-grid]');
    return grid.scrollLeft >= grid.scrollWidth - grid.clientWidth - 1;
  }, DEMO);
  const scrolled = await state();
  // Two more phases played: the box stays where the reader left it.
  await page.waitForFunction(([sel, t]) => Number(document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-phase]').dataset.timeStep) >= t + 2, [DEMO, scrolled.t], { timeout: 10_000 });
  const after = await state();
  assert.equal(after.scrollLeft, scrolled.scrollLeft, `the phases playing scrolled the box back over the reader's scroll: ${JSON.stringify({ scrolled, after })}`);
  assert.equal(after.in, false, 'the phase\'s column was at the end of the box');
  // Pausing moves nothing; Next brings the phase's column into view again.
  await action(page, 'unrolled-play').click();
  assert.equal((await state()).scrollLeft, scrolled.scrollLeft, 'pausing the phases scrolled the box');
  await action(page, 'unrolled-forward').click();
  assert.ok((await state()).in, 'Next did not bring its column into view');
  assertClean(problems);
  await context.close();
});

test('the phases of a long window play faster (T 200: 405 phases, a step in about 40 s, not 4.4 minutes at 650 ms each), and are not announced to a screen reader while they play', async () => {
  const { page, context, problems } = await open(env, '?timeStep=200');
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-play').click();
  const index = () => page.locator(`${U} [data-unrolled-phase]`).evaluate((p) => Number(p.dataset.timeStep));
  const from = await index();
  const live = () => page.locator(`${U} [data-unrolled-phase]`).getAttribute('aria-live');
  // Not announced while playing (ten a second), announced again once paused.
  assert.equal(await live(), 'off');
  // 100 ms a phase: 16 in about 1.6 s; at half of 650 ms a phase at most on a busy machine.
  const t0 = Date.now();
  await page.waitForFunction(([sel, n]) => Number(document.querySelector('rnn-playground').shadowRoot.querySelector(sel).dataset.timeStep) >= n, ['[data-unrolled-phase]', from + 16], { timeout: 20_000 });
  const ms = Date.now() - t0;
  await action(page, 'unrolled-play').click();
  assert.equal(await live(), 'polite');
  assert.ok(ms < 16 * 325, `16 phases played in ${ms} ms`);
  assertClean(problems);
  await context.close();
});

test('on a phone, the numbers behind a column and a phase\'s table scroll sideways and a shade at the edge says there is more (none at the end)', async () => {
  const { page, context, problems } = await open(env, '?cell=lstm', { viewport: { width: 360, height: 740 } });
  await action(page, 'unrolled-enter').click();
  await page.locator(`${U} details summary`).first().click();
  // The share of a box's rightmost 4 px that is not the card's white, decoded by the browser
  // on a page of its own (the demo's CSP allows no data: image).
  const decoder = await context.newPage();
  const shaded = async (box) => {
    const png = (await box.screenshot()).toString('base64');
    return decoder.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(img.width - 4, 0, 4, img.height);
      let gray = 0;
      for (let i = 0; i < data.length; i += 4) gray += data[i] + data[i + 1] + data[i + 2] < 3 * 245;
      return gray / (data.length / 4);
    }, png);
  };
  const edges = async (box, what) => {
    await box.scrollIntoViewIfNeeded();
    assert.ok(await box.evaluate((e) => e.scrollWidth > e.clientWidth + 20), `${what} fits: nothing to show`);
    const atStart = await shaded(box);
    await box.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
    const atEnd = await shaded(box);
    assert.ok(atStart > 0.45 && atEnd < 0.1, `${what}: the right edge shaded ${atStart} with more to see, ${atEnd} at the end`);
  };
  await edges(page.locator(`${U} .rd-eq`).first(), 'the numbers behind a column');
  // The optimizer's phase: its table's largest |Δθ| had been cut at the card's edge, unmarked.
  while (await phaseOf(page) !== 'update') await action(page, 'unrolled-forward').click();
  await edges(page.locator(`${U} [data-unrolled-table]`), 'the update\'s table');
  await decoder.close();
  assertClean(problems);
  await context.close();
});

test('a wide network\'s shapes fit their columns (h → (1, 256) had been cut to "(1, 25…")', async () => {
  const { page, context, problems } = await open(env, '?cell=lstm&hidden=256&timeStep=40', { viewport: { width: 900, height: 800 } });
  const cut = await page.locator(`${U} [data-unrolled-grid]`).evaluate((grid) => [...grid.querySelectorAll('.rd-u__shape')]
    .filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map((e) => `${e.textContent}: ${e.scrollWidth} > ${e.clientWidth}`));
  assert.deepEqual(cut, []);
  assertClean(problems);
  await context.close();
});

test('in a long window scrolled to its end, the rows\' heads stay at the box\'s left edge (they had scrolled away past the box\'s own width), on a phone and wide', async () => {
  for (const width of [360, 1280]) {
    const { page, context, problems } = await open(env, '?timeStep=200', { viewport: { width, height: 800 } });
    const at = await page.locator(`${U} [data-unrolled-grid]`).evaluate(async (box) => {
      box.scrollLeft = box.scrollWidth;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { box: box.getBoundingClientRect().left, heads: [...box.querySelectorAll('.rd-u__head')].map((h) => h.getBoundingClientRect().left), scrolled: box.scrollLeft };
    });
    assert.ok(at.scrolled > 2000, `${width} px: scrolled ${at.scrolled}`);
    for (const left of at.heads) assert.ok(Math.abs(left - at.box) < 1, `${width} px: a head at ${left}, the box at ${at.box}`);
    assertClean(problems);
    await context.close();
  }
});

test('controls, hide and charts changed inside a step (the unrolled view still shown) keep the phase walked through; charts without it leave', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-forward').click();
  for (const [name, value] of [['hide', 'cell'], ['controls', 'all'], ['charts', 'strip,loss,unrolled']]) {
    await page.locator(DEMO).evaluate((el, [name, value]) => el.setAttribute(name, value), [name, value]);
    assert.equal(await phaseOf(page), 'forward 1', `${name}="${value}"`);
  }
  await page.locator(DEMO).evaluate((el) => el.setAttribute('charts', 'strip,loss'));
  await page.locator(DEMO).evaluate((el) => el.setAttribute('charts', 'strip,loss,unrolled'));
  assert.equal(await phaseOf(page), 'live');
  assertClean(problems);
  await context.close();
});

test('the language changed inside a step: every text follows it, the phase stays, no error', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'unrolled-enter').click();
  assert.equal(await phaseOf(page), 'forward 0');
  await action(page, 'unrolled-forward').click();
  assert.equal(await phaseOf(page), 'forward 1');
  const texts = () => page.locator(U).evaluate((u) => ({
    forward: u.querySelector('[data-action="unrolled-forward"]').textContent,
    leave: u.querySelector('[data-action="unrolled-leave"]').textContent,
    phase: u.querySelector('[data-unrolled-phase]').textContent,
  }));
  await page.locator(DEMO).evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-action="unrolled-leave"]').textContent === '离开', DEMO);
  const zh = await texts();
  assert.match(zh.forward, /下一阶段/);
  assert.match(zh.phase, /\p{Script=Han}/u, zh.phase);
  // Chinese punctuation: no space after a full-width colon, full-width brackets around the task's note.
  assert.match(zh.phase, /^窗口 1（t 从 0 到 π），第 2 阶段（共 \d+ 个）：\S/, zh.phase);
  assert.match(await page.locator(`${DEMO} [data-task-note]`).textContent(), /^（.+）$/);
  assert.equal(await phaseOf(page), 'forward 1');
  await page.locator(DEMO).evaluate((el) => el.removeAttribute('lang'));
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-action="unrolled-leave"]').textContent === 'Leave', DEMO);
  assert.doesNotMatch((await texts()).phase, /\p{Script=Han}/u);
  assertClean(problems);
  await context.close();
});

/**
 * The strips of `cells` ({ l, t }) of the demo's unrolled view as drawn (the first H pixels:
 * RGBA) with the trainer's h of each (hiddenStates(l)), and the colours the view mixes, read as
 * it reads them: −1 the prediction's, 0 the background, 1 the target's.
 */
function readStrips(page, cells, H, T) {
  return page.locator(DEMO).evaluate((el, { cells, H, T }) => {
    const { trainer } = el;
    const out = cells.map(({ l, t }) => {
      const h = trainer.hiddenStates(l);
      const canvas = el.shadowRoot.querySelector(`[data-card="unrolled"] [data-layer="${l}"][data-col="${t}"] canvas`);
      const px = canvas.getContext('2d').getImageData(0, 0, H, 1).data;
      return { l, t, h: [...h.slice(t * H, t * H + H)], px: [...px] };
    });
    const colour = (name) => {
      const probe = document.createElement('span');
      probe.style.color = `var(${name})`;
      el.shadowRoot.querySelector('[data-card="unrolled"]').append(probe);
      const rgb = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number).slice(0, 3);
      probe.remove();
      return rgb;
    };
    return { out, bg: colour('--bg'), pos: colour('--target'), neg: colour('--prediction'), T };
  }, { cells, H, T });
}

/** Each unit's pixel is its own layer's h_t, to the rounding of a byte: bg + (colour − bg)·|h|. */
function assertStripsShowH(strips) {
  for (const { l, t, h, px } of strips.out) {
    for (let j = 0; j < h.length; j++) {
      const v = Math.max(-1, Math.min(1, h[j]));
      const c = v >= 0 ? strips.pos : strips.neg;
      const expected = [0, 1, 2].map((k) => strips.bg[k] + (c[k] - strips.bg[k]) * Math.abs(v));
      const got = [0, 1, 2].map((k) => px[4 * j + k]);
      assert.ok(px[4 * j + 3] === 255 && got.every((g, k) => Math.abs(g - expected[k]) <= 1.5),
        `layer ${l}, t ${t}, unit ${j}: h ${h[j]} should be drawn ${expected.map(Math.round)}, is ${px.slice(4 * j, 4 * j + 4)}`);
    }
  }
}


test('live, every layer\'s strips show that layer\'s h of the last window (hiddenStates(layer)), not only the top one, in the colours of the theme as it changes', async () => {
  const { page, context, problems } = await open(env, '?layers=2&hidden=8&timeStep=5');
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 5, DEMO);
  await action(page, 'play').click();
  // Paused out of view, the columns were not drawn (only those in view are); scrolled into
  // view, they are drawn from the last update.
  await page.locator(`${DEMO} [data-card="unrolled"]`).scrollIntoViewIfNeeded();
  await nextFrames(page);
  const cells = [0, 1].flatMap((l) => [0, 1, 2, 3, 4].map((t) => ({ l, t })));
  const strips = await readStrips(page, cells, 8, 5);
  assertStripsShowH(strips);
  // The layers' values differ, so a strip showing another layer's h would fail above.
  const of = (l) => strips.out.filter((s) => s.l === l).flatMap((s) => s.h);
  assert.ok(of(0).some((v, i) => Math.abs(v - of(1)[i]) > 0.1), 'the two layers have (nearly) the same h');
  // The strips' colours (read once per layout, not per render) follow the theme: the attribute,
  // and with theme auto the system's dark mode.
  const themes = [
    ['theme="dark"', () => page.locator(DEMO).evaluate((el) => el.setAttribute('theme', 'dark'))],
    ['theme auto, light', () => page.locator(DEMO).evaluate((el) => el.removeAttribute('theme'))],
    ['theme auto, the system dark', () => page.emulateMedia({ colorScheme: 'dark' })],
  ];
  let bg = strips.bg;
  for (const [name, apply] of themes) {
    await apply();
    await nextFrames(page);
    const now = await readStrips(page, cells, 8, 5);
    assert.notDeepEqual(now.bg, bg, `${name}: the background did not change`);
    bg = now.bg;
    assertStripsShowH(now);
  }
  assertClean(problems);
  await context.close();
});

test('a long window draws only the columns in view, and a column scrolled into view shows the current h', async () => {
  const { page, context, problems } = await open(env, '?cell=lstm&layers=2&hidden=8&timeStep=200');
  const card = page.locator(`${DEMO} [data-card="unrolled"]`);
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 3, DEMO);
  await action(page, 'play').click();
  await card.scrollIntoViewIfNeeded();
  await nextFrames(page);
  const first = await readStrips(page, [{ l: 0, t: 0 }, { l: 1, t: 0 }], 8, 200);
  assertStripsShowH(first);
  // The last column, far out of the view's scroll box, was never drawn: its pixels are clear.
  const last = await readStrips(page, [{ l: 1, t: 199 }], 8, 200);
  assert.ok(last.out[0].px.every((v) => v === 0), `the last column was drawn out of view: ${last.out[0].px.slice(0, 8)}`);
  // Scrolled to the end, it is drawn with the last window's h.
  await card.locator('.rd-unrolled__scroll').evaluate((box) => { box.scrollLeft = box.scrollWidth; });
  await nextFrames(page);
  await nextFrames(page);
  assertStripsShowH(await readStrips(page, [{ l: 0, t: 199 }, { l: 1, t: 199 }], 8, 200));
  assertClean(problems);
  await context.close();
});

// The view is as high before its columns are drawn as after: a column not drawn yet (out of
// view, its cells skipped by content-visibility: auto) is as high as one drawn. Before, the
// undrawn columns kept a gradient bar the drawn ones hide, and a skipped cell was held 3rem high:
// the card shrank (6.6 px at 700 px wide, up to 31 px) as the reader scrolled along it.
const STEADY_UNROLLED = [
  { width: 700, attrs: '' },
  { width: 1280, attrs: 'charts="unrolled" cell="lstm" layers="2" time-step="60"' },
  { width: 360, attrs: 'charts="unrolled" time-step="60"' },
];
for (const { width, attrs } of STEADY_UNROLLED) {
  test(`the unrolled view keeps its height when it is first scrolled to and scrolled along, its heads holding their text (${width} px${attrs ? `, ${attrs}` : ''})`, async () => {
    const { page, context, problems } = await openHtml(env, `<svg width="1" height="4000"></svg>
<rnn-playground ${attrs}></rnn-playground><p id="after">after</p>`, { viewport: { width, height: 800 } });
    // Near enough to start (laid out out of sight), not in view (a spacer without a style attribute: the page's CSP).
    await page.evaluate(() => window.scrollTo(0, 4000 - 800 - 150));
    assert.ok(await page.evaluate(() => document.querySelector('rnn-playground').getBoundingClientRect().top > innerHeight), 'the element starts below the viewport');
    await page.waitForFunction(() => document.querySelector('rnn-playground').state === 'ready');
    await nextFrames(page);
    const height = () => page.evaluate(() => document.getElementById('after').getBoundingClientRect().top - document.querySelector('rnn-playground').getBoundingClientRect().top);
    const before = await height();
    const box = page.locator('rnn-playground .rd-unrolled__scroll');
    await box.evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await nextFrames(page);
    await nextFrames(page);
    const shown = await height();
    await box.evaluate((b) => { b.scrollLeft = b.scrollWidth; });
    await nextFrames(page);
    await nextFrames(page);
    const along = await height();
    // A cell skipped by content-visibility: auto has its contents skipped, not itself.
    const skipped = await page.locator('rnn-playground .rd-u__c').evaluateAll((cells) => cells.filter((c) => !c.firstElementChild.checkVisibility({ contentVisibilityAuto: true })).length);
    if (/time-step="60"/.test(attrs)) assert.ok(skipped > 0, 'the columns out of view are skipped');
    // And the rows' heads hold their text (a PyTorch shape wider than the head ran over the first column).
    const spilled = await page.locator('rnn-playground .rd-u__head').evaluateAll((heads) => heads
      .filter((head) => head.offsetParent !== null && head.scrollWidth > head.clientWidth + 1)
      .map((head) => `"${head.textContent.trim()}" ${head.scrollWidth} > ${head.clientWidth}`));
    assert.deepEqual(spilled, []);
    assert.deepEqual({ shown, along }, { shown: before, along: before }, `the element was ${before} px high`);
    assertClean(problems);
    await context.close();
  });
}

test('a new network built while inside a step (fewer layers, more units, a checkpoint) leaves the phases and draws the new one', async () => {
  const { page, context, problems } = await open(env, '?layers=2&hidden=8&timeStep=5');
  const cells = () => page.locator(`${U} .rd-u__c--cell`).count();
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-forward').click();
  await field(page, 'layers').selectOption('1');
  assert.equal(await phaseOf(page), 'live');
  assert.equal(await cells(), 5);
  await action(page, 'unrolled-enter').click();
  await setInput(page, 'hidden', 16);
  assert.equal(await phaseOf(page), 'live');
  assert.match(await page.locator(`${U} [data-unrolled-shapes]`).textContent(), /h_state \(1, 1, 16\)/);
  // A checkpoint of a larger network, imported while inside: loaded, and no "Could not import".
  const checkpoint = await page.evaluate(async () => {
    const { Trainer, ready } = await import('/engine.js');
    await ready();
    const t = new Trainer({ layers: 3, hidden: 12, timeStep: 7 });
    t.train(2);
    return t.exportCheckpoint();
  });
  await action(page, 'unrolled-enter').click();
  await page.locator(`${DEMO} [data-file="checkpoint"]`).setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(checkpoint) });
  await page.waitForFunction((sel) => /Imported checkpoint/.test(document.querySelector(sel).shadowRoot.querySelector('[data-file-messages]').textContent), DEMO);
  assert.doesNotMatch(await page.locator(DEMO).evaluate((el) => el.shadowRoot.querySelector('.rd').textContent), /Could not/);
  assert.equal(await phaseOf(page), 'live');
  assert.equal(await cells(), 3 * 7);
  assertClean(problems);
  await context.close();
});

test('Reset keeps the columns of the same network (building them held a large network\'s Reset up 20 to 30 ms) and draws the new run\'s step 0, leaving a step walked through and a pinned prediction; another cell builds them again', async () => {
  const { page, context, problems } = await open(env, '?layers=2&hidden=8&timeStep=5');
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 5, DEMO);
  await action(page, 'play').click();
  await page.locator(U).scrollIntoViewIfNeeded();
  await page.locator(`${U} [data-unrolled-yhat="2"]`).click();
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-forward').click();
  assert.notEqual(await phaseOf(page), 'live');
  const mark = () => page.locator(U).evaluate((card) => { for (const c of card.querySelectorAll('.rd-u__c')) c.dataset.before = ''; });
  const kept = () => page.locator(U).evaluate((card) => [...card.querySelectorAll('.rd-u__c')].map((c) => 'before' in c.dataset));
  await mark();
  await action(page, 'reset').click();
  await nextFrames(page);
  assert.equal(await page.locator(DEMO).evaluate((el) => el.stepCount), 0);
  assert.equal(await phaseOf(page), 'live');
  assert.ok((await kept()).every(Boolean), 'Reset built the columns of the same network again');
  assert.equal(await page.locator(`${U} [data-unrolled-yhat][aria-pressed="true"]`).count(), 0, 'the pinned prediction stayed pinned after Reset');
  const cells = [0, 1].flatMap((l) => [0, 1, 2, 3, 4].map((t) => ({ l, t })));
  assertStripsShowH(await readStrips(page, cells, 8, 5));
  const shown = await page.locator(DEMO).evaluate((el) => ({
    cols: [...el.shadowRoot.querySelectorAll('[data-card="unrolled"] [data-unrolled-yhat]')].map((b) => Number(b.textContent.replace('−', '-'))),
    prediction: [...el.trainer.lastWindow().prediction],
  }));
  assert.ok(shown.cols.length === 5 && shown.cols.every((v, i) => Math.abs(v - shown.prediction[i]) <= 0.006),
    `the predictions shown ${shown.cols} are not step 0's ${shown.prediction}`);
  // The same shape, another cell: its names are in the columns' text, so they are built again.
  await field(page, 'cell').selectOption('gru');
  assert.ok((await kept()).every((k) => !k), 'a GRU kept the RNN\'s columns');
  assert.match(await shapes(page), /GRU/);
  assertClean(problems);
  await context.close();
});

test('a Step inside whose window fails (the engine throws, as where memory cannot hold its record) leaves Step inside working: the next press walks through the next window', async () => {
  const { page, context, problems } = await open(env, '?hidden=8&timeStep=5');
  await page.evaluate(async () => {
    const { Trainer } = await import('/engine.js');
    const traceStep = Trainer.prototype.traceStep;
    Trainer.prototype.traceStep = function failOnce() {
      Trainer.prototype.traceStep = traceStep;
      throw new Error('simulated trace failure');
    };
  });
  await action(page, 'unrolled-enter').click();
  assert.equal(await phaseOf(page), 'live');
  await action(page, 'unrolled-enter').click();
  assert.equal(await phaseOf(page), 'forward 0', 'Step inside did nothing after a failed one');
  assertClean(problems.filter((p) => !/simulated trace failure/.test(p)));
  assert.ok(problems.some((p) => /simulated trace failure/.test(p)), 'the failure was not reported');
  await context.close();
});

test('Step inside refused (at the stop-after limit, after a divergence) says why under its own button, in the window (it had been said under Play, far up the page); Step refused again brings the message back there', async () => {
  const { page, context, problems } = await open(env, '?stopAfter=2');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (let i = 1; i <= 2; i++) {
    await action(page, 'step').click();
    await waitStep(page, i);
  }
  const where = () => page.locator(DEMO).evaluate((el) => {
    const m = el.shadowRoot.querySelector('[data-msg-key="stop"], [data-msg-key="diverged"]');
    const box = m?.getBoundingClientRect();
    return m ? { card: m.closest('[data-card]')?.dataset.card, inWindow: box.top >= 0 && box.bottom <= innerHeight, text: m.textContent } : null;
  });
  await action(page, 'unrolled-enter').scrollIntoViewIfNeeded();
  await action(page, 'unrolled-enter').click();
  const inside = await where();
  assert.equal(inside?.card, 'unrolled', JSON.stringify(inside));
  assert.ok(inside.inWindow, 'the message is out of the window');
  assert.match(inside.text, /Already at the stop-after limit of 2 windows/);
  assert.equal((await demoData(page)).step, 2, 'nothing trained');
  // The unrolled view hidden, its message goes under Play (it had stayed in the hidden card); shown again, back.
  await page.locator(DEMO).evaluate((el) => el.setAttribute('charts', 'strip loss'));
  assert.equal((await where())?.card, 'controls', 'the message stayed in the hidden unrolled view');
  await page.locator(DEMO).evaluate((el) => el.setAttribute('charts', 'all'));
  assert.equal((await where())?.card, 'unrolled');
  await action(page, 'step').scrollIntoViewIfNeeded();
  await action(page, 'step').click();
  assert.equal((await where())?.card, 'controls', 'Step refused: the message did not come back under it');
  assertClean(problems);
  await context.close();

  // A diverged run: the same.
  const diverged = await open(env, '?optimizer=sgd&lr=10');
  await action(diverged.page, 'play').click();
  await diverged.page.waitForFunction((sel) => document.querySelector(sel).state === 'diverged', DEMO, { timeout: 20_000 });
  await action(diverged.page, 'unrolled-enter').scrollIntoViewIfNeeded();
  await action(diverged.page, 'unrolled-enter').click();
  const said = await diverged.page.locator(DEMO).evaluate((el) => el.shadowRoot.querySelector('[data-msg-key="diverged"]')?.closest('[data-card]')?.dataset.card);
  assert.equal(said, 'unrolled');
  assertClean(diverged.problems);
  await diverged.context.close();
});

test('training goes on after leaving the phases, and Play leaves them by itself', async () => {
  const { page, context, problems } = await open(env);
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-forward').click();
  await action(page, 'unrolled-leave').click();
  assert.equal(await phaseOf(page), 'live');
  await action(page, 'play').click();
  // At least 20 (the worker's windows may land two in one frame: not exactly 20).
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 20, DEMO);
  await action(page, 'play').click();
  // Inside again, Play leaves the phases and trains.
  const before = (await demoData(page)).step;
  await action(page, 'unrolled-enter').click();
  assert.equal(await phaseOf(page), 'forward 0');
  await action(page, 'play').click();
  assert.equal(await phaseOf(page), 'live');
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).stepCount >= n, [DEMO, before + 20]);
  assert.equal((await demoData(page)).state, 'running');
  // Play the phases runs them on its own until the carried state.
  await action(page, 'play').click();
  await action(page, 'unrolled-enter').click();
  await action(page, 'unrolled-play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-phase]').dataset.kind === 'loss', DEMO, { timeout: 20_000 });
  await action(page, 'unrolled-leave').click();
  assertClean(problems);
  await context.close();
});

test("the numbers behind a column: the cell's equation with that step's values holds (RNN, LSTM, GRU), for a time step the forward pass has reached (before, they showed beside columns of \"…\"); the picker follows the phase's time step", async () => {
  let negatives = 0;
  for (const cell of ['rnn', 'lstm', 'gru']) {
    const { page, context, problems } = await open(env, `?cell=${cell}&layers=2&hidden=8`);
    await action(page, 'play').click();
    await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 5, DEMO);
    await action(page, 'play').click();
    await action(page, 'unrolled-enter').click();
    await page.locator(`${U} [data-unrolled-detail] summary`).click();
    // At forward 0, time step 4 is not reached: no numbers yet.
    await page.locator(`${U} select[data-unrolled-pick="t"]`).selectOption({ value: '3' });
    assert.equal(await page.locator(`${U} [data-unrolled-math]`).textContent(), 'The forward pass has not reached time step 4 yet: its numbers show here once it has (Next →).');
    // Past the forward pass (the loss), every time step's.
    while (await phaseOf(page) !== 'loss') await action(page, 'unrolled-forward').click();
    await page.locator(`${U} select[data-unrolled-pick="t"]`).selectOption({ value: '3' });
    await page.locator(`${U} select[data-unrolled-pick="layer"]`).selectOption('1');
    await page.locator(`${U} select[data-unrolled-pick="unit"]`).selectOption('5');
    const { maths, shown } = await page.locator(`${U} [data-unrolled-math] math`).evaluateAll((ms) => ({
      maths: ms.map((m) => [...m.querySelectorAll('mn[data-value]')].map((n) => Number(n.dataset.value))),
      shown: ms.map((m) => ({
        text: m.textContent,
        numbers: [...m.querySelectorAll('mn[data-value]')].map((n) => [Number(n.dataset.value), n.textContent, n.previousElementSibling?.textContent]),
      })),
    }));
    // Each number is shown as arithmetic writes it: no "+ −0.3" or "· −0.3"; a negative value
    // after + is a subtraction (its magnitude shown), after · or − in parentheses.
    for (const { text, numbers } of shown) {
      assert.doesNotMatch(text, /[+·−][-−]\d/, `${cell}: ${text}`);
      assert.doesNotMatch(text, /-/, `${cell}: one minus sign, the operators' (−): ${text}`);
      for (const [value, written, before] of numbers) {
        const magnitude = Number(written.replace(/^[-−]/, ''));
        assert.ok(Math.abs(magnitude - Math.abs(value)) < 6e-4, `${cell}: ${written} for ${value}`);
        if (value < -5e-4) {
          negatives += 1;
          assert.ok(/^[-−]/.test(written) ? before !== '+' : before === '−', `${cell}: ${value} written ${written} after ${before}`);
        }
      }
    }

    const last = (xs) => xs[xs.length - 1];
    const sigma = (x) => 1 / (1 + Math.exp(-x));
    const close = (a, b, what) => assert.ok(Math.abs(a - b) < 2e-3, `${cell} ${what}: ${a} vs ${b}`);
    if (cell === 'rnn') {
      const [a, b, h] = maths[0];
      close(Math.tanh(a + b), h, 'h = tanh(ih + hh)');
    } else if (cell === 'lstm') {
      assert.equal(maths.length, 6);
      for (const [k, f] of [[0, sigma], [1, sigma], [2, Math.tanh], [3, sigma]]) {
        const [a, b, g] = maths[k];
        close(f(a + b), g, `gate ${k}`);
      }
      const [o, c, h] = maths[5];
      close(o * Math.tanh(c), h, 'h = o tanh(c)');
      close(last(maths[4]), c, 'the same c');
    } else {
      assert.equal(maths.length, 4);
      const [ar, br, r] = maths[0];
      close(sigma(ar + br), r, 'r');
      const [a, r2, b, n] = maths[2];
      close(Math.tanh(a + r2 * b), n, 'n = tanh(ih_n + r hh_n)');
      const [z, n2, z2, hPrev, h] = maths[3];
      close(z, maths[1][2], 'the same z');
      close((1 - z) * n2 + z2 * hPrev, h, 'h = (1 − z) n + z h_{t−1}');
    }
    // The next phase goes to its time step (backward 10), the one after (the reader picked 3 meanwhile) to its own.
    const pickedT = () => page.locator(`${U} select[data-unrolled-pick="t"]`).inputValue();
    await action(page, 'unrolled-forward').click();
    assert.deepEqual([await phaseOf(page), await pickedT()], ['backward 9', '9']);
    await page.locator(`${U} select[data-unrolled-pick="t"]`).selectOption({ value: '3' });
    await action(page, 'unrolled-forward').click();
    assert.deepEqual([await phaseOf(page), await pickedT()], ['backward 8', '8']);
    assertClean(problems);
    await context.close();
  }
  assert.ok(negatives > 0, 'no negative value to check the signs of');
});

test('how far back it looks: pointing at a prediction shades the inputs up to it, none after, and it follows training', async () => {
  const { page, context, problems } = await open(env, '?speed=5');
  await action(page, 'play').click();
  await page.waitForFunction((sel) => document.querySelector(sel).stepCount >= 50, DEMO);
  const yhat = page.locator(`${U} [data-unrolled-yhat="6"]`);
  await yhat.click(); // a tap keeps it
  // Named for assistive technology by what it is and where, then its value (its number alone, before).
  // (Its time step numbered from 1, as the equations do: the seventh column is time step 7.)
  const named = page.getByRole('button', { name: /^prediction ŷ at time step 7: −?\d\.\d+$/ });
  assert.equal(await named.getAttribute('data-unrolled-yhat'), '6');
  assert.match(await named.textContent(), /^−?\d\.\d+$/);
  const shading = () => page.locator(`${U} [data-unrolled-x]`).evaluateAll((els) => els.map((e) => Number(e.style.getPropertyValue('--influence'))));
  const first = await shading();
  assert.equal(first.length, 10);
  assert.ok(first.slice(0, 7).some((v) => v > 0), `no input shaded: ${first}`);
  assert.equal(Math.max(...first.slice(0, 7)), 1, 'the strongest input is shaded fully');
  assert.deepEqual(first.slice(7), [0, 0, 0], 'inputs after t are not shaded');
  assert.match(await page.locator(`${DEMO} [data-probe="unrolled"]`).textContent(), /ŷ at time step 7 depends on the inputs from time step \d+ on/);
  // Live: the shading follows the training weights (redrawn at most every 100 ms: until it
  // changes, however busy this machine, at most 15 s).
  const changed = await page.waitForFunction((first) => [...document.querySelector('rnn-playground').shadowRoot.querySelectorAll('[data-card="unrolled"] [data-unrolled-x]')]
    .some((e, i) => Number(e.style.getPropertyValue('--influence')) !== first[i]), first, { timeout: 15_000 }).then(() => true, () => false);
  await action(page, 'play').click();
  assert.ok(changed, 'the shading did not change while training');
  assert.deepEqual((await shading()).slice(7), [0, 0, 0]);
  assertClean(problems);
  await context.close();
});

test('tutorial.html: Inside one step and RNN, LSTM and GRU side by side, every time step in view, each shading its inputs, under the CSP', async () => {
  const { page, context, problems } = await open(env, 'tutorial.html', { waitReady: false });
  const figures = page.locator('.cells-unrolled rnn-playground');
  assert.equal(await figures.count(), 3);
  // Each trains only while it is in view.
  for (let i = 0; i < 3; i++) {
    await figures.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((i) => document.querySelectorAll('.cells-unrolled rnn-playground')[i].state === 'ready', i, { timeout: 20_000 });
    await figures.nth(i).evaluate((el) => { el.setAttribute('speed', '20'); el.play(); });
    await page.waitForFunction((i) => document.querySelectorAll('.cells-unrolled rnn-playground')[i].stepCount >= 100, i, { timeout: 30_000 });
    await figures.nth(i).evaluate((el) => el.pause());
  }
  // Side by side at 1280 px: one row, and all 10 columns of each in view, none scrolled off.
  const boxes = await figures.evaluateAll((els) => els.map((el) => {
    const grid = el.shadowRoot.querySelector('[data-unrolled-grid]');
    const { top, left } = el.getBoundingClientRect();
    return { top, left, hiddenColumns: grid.scrollWidth - grid.clientWidth, value: el.shadowRoot.querySelector('[data-unrolled-x] .rd-u__value').textContent };
  }));
  assert.ok(boxes.every((b) => b.top === boxes[0].top) && boxes[0].left < boxes[1].left && boxes[1].left < boxes[2].left, JSON.stringify(boxes));
  for (const b of boxes) assert.ok(b.hiddenColumns <= 1, `columns scroll off: ${JSON.stringify(b)}`);
  // Columns that narrow show one decimal, so that the values do not run together.
  assert.match(boxes[0].value, /^-?\d\.\d$/, boxes[0].value);
  const shades = [];
  for (let i = 0; i < 3; i++) {
    await figures.nth(i).locator('[data-unrolled-yhat="9"]').click();
    const shade = await figures.nth(i).locator('[data-unrolled-x]').evaluateAll((els) => els.map((e) => Number(e.style.getPropertyValue('--influence'))));
    assert.equal(Math.max(...shade), 1, `element ${i}: ${shade}`);
    shades.push(shade);
  }
  // Three cells, three ways of looking back.
  assert.notDeepEqual(shades[0], shades[1]);
  assert.notDeepEqual(shades[1], shades[2]);
  const inside = page.locator('section:has(h2:text("Inside one step")) > rnn-playground');
  assert.equal(await inside.getAttribute('charts'), 'unrolled');
  // Before any training its strips show the first window's h in the page's colours (they were black:
  // drawn before the element was in the document, when no colour could be read).
  await inside.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('section rnn-playground[charts="unrolled"][controls="none"]').state === 'ready');
  await nextFrames(page);
  const dark = await inside.evaluate((el) => {
    const px = el.shadowRoot.querySelector('[data-card="unrolled"] canvas').getContext('2d').getImageData(0, 0, 32, 1).data;
    return Array.from({ length: 32 }, (_, j) => px[4 * j] + px[4 * j + 1] + px[4 * j + 2]).filter((sum) => sum < 150).length;
  });
  assert.equal(dark, 0, 'strip pixels drawn (nearly) black');
  assertClean(problems);
  await context.close();
});

test('on a phone (360 px) the unrolled view scrolls inside its card (by keyboard too: ← → on the focused columns), the page does not scroll sideways, and no text runs out of its box', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  await action(page, 'unrolled-enter').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const scroll = await page.locator(`${U} [data-unrolled-grid]`).evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(scroll, 'the columns scroll within the card');
  // Its four buttons in two rows of two, each label on one line ("Play the phases" had taken three).
  const buttons = await page.locator(`${U} .rd-unrolled__buttons`).evaluate((group) =>
    [...group.querySelectorAll('.rd-btn')].filter((b) => b.checkVisibility()).map((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return { label: b.textContent.trim(), lines, top: Math.round(b.getBoundingClientRect().top) };
    }));
  assert.equal(buttons.length, 4, JSON.stringify(buttons));
  assert.deepEqual(buttons.filter((b) => b.lines > 1), [], 'a label on more than one line');
  assert.equal(new Set(buttons.map((b) => b.top)).size, 2, `not two rows: ${JSON.stringify(buttons)}`);
  // The loss phase (each column's error) and the rows' heads: every shown cell and head holds
  // its text (a text wider than its box would run into the next column).
  while (await phaseOf(page) !== 'loss') await action(page, 'unrolled-forward').click();
  const spilled = await page.locator(`${U} [data-unrolled-grid]`).evaluate((grid) =>
    [...grid.querySelectorAll('.rd-u__c, .rd-u__head')]
      .filter((box) => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${box.className}: "${box.textContent.trim()}" ${box.scrollWidth} > ${box.clientWidth}`));
  assert.deepEqual(spilled, []);
  // A prediction's number keeps 1.5 px on each side inside its box's 1 px border ("-0.1" had
  // run over both).
  const cramped = await page.locator(`${U} [data-unrolled-grid]`).evaluate((grid) =>
    [...grid.querySelectorAll('[data-unrolled-yhat]')].flatMap((box) => {
      const range = document.createRange();
      range.selectNodeContents(box);
      const text = range.getBoundingClientRect().width;
      const style = getComputedStyle(box);
      const room = box.getBoundingClientRect().width - 2 - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return text + 3 > room && box.clientWidth > 0 ? [`"${box.textContent}" ${text.toFixed(1)} px in ${room.toFixed(1)}`] : [];
    }));
  assert.deepEqual(cramped, []);
  // The rows' heads break between words, never inside a name (weight_ih_l0 had read weight_i / h_l0).
  const broken = await page.locator(`${U} [data-unrolled-grid]`).evaluate((grid) => {
    const out = [];
    let names = 0;
    for (const el of grid.querySelectorAll('.rd-u__head span')) {
      const text = el.firstChild;
      if (!el.offsetParent || text?.nodeType !== Node.TEXT_NODE) continue;
      for (const m of text.data.matchAll(/[\w()]+/g)) {
        names += /_/.test(m[0]);
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) out.push(m[0]);
      }
    }
    return { out, names };
  });
  assert.ok(broken.names >= 2, `the weights' names were not checked: ${JSON.stringify(broken)}`);
  assert.deepEqual(broken.out, [], 'names broken across lines in the rows\' heads');
  // The keyboard scrolls the columns where they are focused: → and ← scroll, and step no phase.
  const grid = page.locator(`${U} [data-unrolled-grid]`);
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-unrolled-grid]').scrollLeft > 0, DEMO);
  assert.equal(await phaseOf(page), 'loss', 'the arrows on the columns scroll them, they do not change the phase');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await phaseOf(page), 'loss');
  assertClean(problems);
  await context.close();
});

test('on a phone, the "how far back it looks" readout pinned at the window\'s foot is drawn over the rows\' heads (they had hidden its first 18 characters, its time step among them)', async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 360, height: 740 } });
  await action(page, 'step').click();
  const yhat = page.locator(`${U} [data-unrolled-yhat="1"]`);
  // The ŷ row near the window's foot, the grid going on below it.
  await yhat.evaluate((el) => { el.scrollIntoView({ block: 'end' }); window.scrollBy(0, 100); });
  await yhat.click();
  const probe = page.locator(`${DEMO} [data-probe="unrolled"]`);
  assert.match(await probe.textContent(), /^How far back it looks: ŷ at time step 2 /);
  const box = await probe.boundingBox();
  assert.ok(box.y + box.height <= 740 && box.y < 740, `the readout is not in the window: ${JSON.stringify(box)}`);
  // What is drawn at its first characters' place: the readout, not a row's head. (Hit-tested
  // in paint order, the readout made to take the pointer for that: it lets it through.)
  const top = await page.evaluate(([x, y]) => {
    const root = document.querySelector('rnn-playground').shadowRoot;
    root.querySelector('[data-probe="unrolled"]').style.pointerEvents = 'auto';
    const el = root.elementFromPoint(x, y);
    return el?.closest('[data-probe]')?.dataset.probe ?? el?.className;
  }, [box.x + 4, box.y + box.height / 2]);
  assert.equal(top, 'unrolled');
  assertClean(problems);
  await context.close();
});

test('inside a step on a phone, Next stays in the window while the reader looks at the columns below (360 × 640, 4 layers: the input row at the window\'s foot had put the buttons above its top), under a page\'s fixed header where --rnn-sticky-top gives its height; live, they scroll with the card', async () => {
  const { page, context, problems } = await open(env, '?layers=4&cell=lstm', { viewport: { width: 360, height: 640 } });
  const grid = page.locator(`${U} [data-unrolled-grid]`);
  const inWindow = async (action) => {
    const box = await page.locator(`${DEMO} [data-action="${action}"]`).boundingBox();
    return box.y >= 0 && box.y + box.height <= 640;
  };
  const toInputRow = () => grid.evaluate((g) => g.querySelector('[data-unrolled-x]').scrollIntoView({ block: 'end' }));
  // Live: Step inside scrolls away with the card.
  await toInputRow();
  assert.equal(await inWindow('unrolled-enter'), false, 'Step inside followed the window while live');
  await action(page, 'unrolled-enter').click();
  for (let i = 0; i < 3; i++) {
    await toInputRow();
    assert.ok(await inWindow('unrolled-forward'), `phase ${i + 1}: Next above the window's top`);
    await action(page, 'unrolled-forward').click();
  }
  assert.equal(await phaseOf(page), 'forward 3');
  // A page with a fixed header 56 px high says so (--rnn-sticky-top): the buttons stay under it.
  await page.locator(DEMO).evaluate((el) => el.style.setProperty('--rnn-sticky-top', '56px'));
  await toInputRow();
  const next = await page.locator(`${DEMO} [data-action="unrolled-forward"]`).boundingBox();
  assert.ok(next.y >= 56 && next.y + next.height <= 640, `Next at y ${next.y}, under a 56 px header`);
  assertClean(problems);
  await context.close();
});

// custom-elements.json against the element as the browser runs it: the CSS parts it lists are
// the parts the element's shadow root holds (scripts/custom-elements.mjs finds them in the source;
// this shows none is missed, however the markup is built), its attributes are the ones the
// element observes, and each CSS custom property it lists changes what the element shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, start, openHtml, assertClean } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'custom-elements.json'), 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'rnn-playground');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the manifest lists the parts and attributes of the running element, no more and no fewer', async () => {
  const { page, context, problems } = await openHtml(env, '<main id="host"></main>');
  await page.waitForFunction(() => customElements.get('rnn-playground'));
  const parts = await page.evaluate(async () => {
    const seen = new Set();
    const collect = (el) => el.shadowRoot.querySelectorAll('[part]').forEach((p) => p.part.forEach((n) => seen.add(n)));
    const el = document.createElement('rnn-playground');
    el.setAttribute('loading', 'eager');
    document.getElementById('host').append(el);
    collect(el); // before the engine has loaded: the placeholder
    await new Promise((resolve) => el.addEventListener('ready', resolve, { once: true }));
    collect(el); // the demo
    // A value refused in a field: the message under it.
    const lr = el.shadowRoot.querySelector('[data-field="lr"]');
    lr.value = 'abc';
    lr.dispatchEvent(new Event('change', { bubbles: true }));
    collect(el);
    return [...seen].sort();
  });
  assert.deepEqual(element.cssParts.map((p) => p.name).sort(), parts);
  const observed = await page.evaluate(() => customElements.get('rnn-playground').observedAttributes);
  assert.deepEqual(element.attributes.map((a) => a.name), observed);
  assertClean(problems);
  await context.close();
});

/**
 * The custom properties that place a part rather than style the element: each acts in one
 * state only (Step inside's sticky buttons, inside a step, on a narrow element), where the
 * part's computed style shows it.
 */
const PLACING = { '--rnn-sticky-top': { part: '.rd-unrolled__buttons', style: 'top', value: '40px' } };

test('each custom property the manifest lists is read by the element: setting it changes its pixels or text style (or, one that places a part, that part\'s place)', async () => {
  const { page, context, problems } = await openHtml(env, `<rnn-playground id="one" loading="eager" controls="play"></rnn-playground>
    <rnn-playground id="narrow" loading="eager" controls="none" charts="unrolled"></rnn-playground>`);
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((e) => e.state === 'ready'));
  // A phone-wide element inside a step, where the sticky buttons stick.
  const narrow = page.locator('#narrow');
  await narrow.evaluate((e) => { e.style.width = '360px'; });
  await narrow.locator('[data-action="unrolled-enter"]').click();
  await page.waitForFunction(() => document.getElementById('narrow').shadowRoot.querySelector('[data-unrolled-grid]').dataset.phase !== 'live');
  const el = page.locator('#one');
  const looks = () => el.screenshot({ animations: 'disabled' });
  for (const { name } of element.cssProperties) {
    if (PLACING[name]) {
      const { part, style, value } = PLACING[name];
      const placed = () => narrow.evaluate((e, [part, style]) => getComputedStyle(e.shadowRoot.querySelector(part))[style], [part, style]);
      const was = await placed();
      await narrow.evaluate((e, [n, v]) => e.style.setProperty(n, v), [name, value]);
      assert.deepEqual([was === value, await placed()], [false, value], `setting ${name} did not place ${part}`);
      continue;
    }
    const value = /size/.test(name) ? '20px' : /font/.test(name) ? 'monospace' : '#00ff00';
    // Against how it looks just before (the property before it put back): not the first look,
    // which the page's later layout may have left behind.
    const before = await looks();
    await el.evaluate((e, [n, v]) => { e.style.setProperty(n, v); e.setAttribute('theme', 'dark'); e.setAttribute('theme', 'light'); }, [name, value]);
    await page.waitForTimeout(100);
    const after = await looks();
    assert.ok(!after.equals(before), `setting ${name} changed nothing the element shows`);
    await el.evaluate((e, n) => { e.style.removeProperty(n); e.setAttribute('theme', 'dark'); e.setAttribute('theme', 'light'); }, name);
    await page.waitForTimeout(100);
  }
  assertClean(problems);
  await context.close();
});

// The Custom Elements Manifest (custom-elements.json) and the settings' attribute typings
// (www/setting-attributes.d.ts) are what scripts/custom-elements.mjs writes from the code today,
// and the manifest is valid under the Custom Elements Manifest schema 2.1.0, with no field the
// schema does not define (a misspelt field would be silently ignored by the tools that read it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { generate, REPO, MANIFEST, SETTING_ATTRIBUTES } from '../../scripts/custom-elements.mjs';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

test('custom-elements.json and www/setting-attributes.d.ts are what scripts/custom-elements.mjs writes from the code', async () => {
  const files = await generate();
  assert.deepEqual(Object.keys(files).sort(), [MANIFEST, SETTING_ATTRIBUTES].sort());
  for (const [file, expected] of Object.entries(files)) {
    const committed = fs.existsSync(path.join(REPO, file)) ? fs.readFileSync(path.join(REPO, file), 'utf8') : '(missing)';
    assert.ok(committed === expected,
      `${file} is out of date with the code: run \`node scripts/custom-elements.mjs\` and commit what it writes`);
  }
});

/** The schema with every object closed: no property besides those it lists. */
function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, closed(s)])) : closed(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

test('custom-elements.json is a valid Custom Elements Manifest (schema 2.1.0), every field one the schema defines', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, MANIFEST), 'utf8'));
  const schema = require('custom-elements-manifest/schema.json');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(closed(schema));
  assert.ok(validate(manifest), `not a valid manifest:\n${JSON.stringify(validate.errors, null, 2)}`);
  assert.match(manifest.schemaVersion, /^2\./);
  const [element] = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
  assert.equal(element.tagName, 'rnn-playground');
  for (const list of ['attributes', 'members', 'events', 'cssParts', 'cssProperties']) {
    assert.ok(element[list]?.length > 0, `the manifest lists no ${list}`);
  }
  for (const a of element.attributes) assert.ok(a.description && a.type?.text, `attribute ${a.name} has no description or type`);
});

test('package.json points tools at the manifest and ships it', () => {
  assert.equal(pkg.customElements, MANIFEST);
  assert.ok(pkg.files.includes(MANIFEST));
  assert.ok(pkg.files.includes(SETTING_ATTRIBUTES));
});

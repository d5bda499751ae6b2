// Every entry of package.json's `exports`, imported by its package name in bare Node (no DOM:
// no HTMLElement, no customElements), as documentation frameworks (VitePress, Docusaurus, Astro,
// Next.js, Nuxt) import a page's modules when they render it on the server. Each entry loads
// without throwing, defines nothing global, and exports exactly the values its `types` file
// declares; the map is read from package.json, so a new entry is covered without editing this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** The file an entry resolves to at run time (its `default` condition, or the plain string). */
const runtimeTarget = (entry) => (typeof entry === 'string' ? entry : entry.default);

/**
 * The values a declaration file exports: `export { a, b as c }` (not `type` ones),
 * `export function|class|const …`, and `export * from` followed into the file it names.
 */
function declaredValues(file) {
  const source = fs.readFileSync(file, 'utf8');
  const names = new Set();
  for (const [, list] of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!item.startsWith('type ')) names.add(item.split(/\s+as\s+/).pop());
    }
  }
  for (const [, name] of source.matchAll(/^export\s+(?:declare\s+)?(?:function|class|const|let|var|enum)\s+([\w$]+)/gm)) names.add(name);
  if (/^export\s+default\b/m.test(source)) names.add('default');
  for (const [, spec] of source.matchAll(/^export\s+\*\s+from\s+'([^']+)'/gm)) {
    for (const name of declaredValues(path.join(path.dirname(file), spec.replace(/\.js$/, '.d.ts')))) names.add(name);
  }
  return names;
}

test('the package is loaded in a bare Node, with no DOM', () => {
  assert.equal(globalThis.HTMLElement, undefined);
  assert.equal(globalThis.customElements, undefined);
  assert.equal(globalThis.window, undefined);
});

for (const [subpath, entry] of Object.entries(pkg.exports)) {
  const specifier = path.posix.join(pkg.name, subpath);
  test(`exports["${subpath}"]: import '${specifier}' works in Node and gives what its declarations say`, async () => {
    const target = runtimeTarget(entry);
    assert.ok(target, `exports["${subpath}"] has no default condition: nothing to import at run time`);
    for (const file of [target, entry.types].filter(Boolean)) {
      assert.ok(fs.existsSync(path.join(REPO, file)), `exports["${subpath}"] names ${file}, which does not exist`);
      const packed = file === './package.json' || pkg.files.includes(file.replace(/^\.\//, ''));
      assert.ok(packed, `exports["${subpath}"] names ${file}, which package.json's files leaves out of the tarball`);
    }
    // By the package's own name: Node resolves it through this exports map.
    assert.equal(import.meta.resolve(specifier), pathToFileURL(path.join(REPO, target)).href);

    if (target.endsWith('.json')) {
      const { default: json } = await import(specifier, { with: { type: 'json' } });
      assert.equal(typeof json, 'object');
      assert.ok(json && Object.keys(json).length > 0, `${specifier} is empty`);
      return;
    }
    assert.ok(typeof entry === 'object' && entry.types, `exports["${subpath}"] is a module with no types condition`);
    assert.equal(Object.keys(entry)[0], 'types', `exports["${subpath}"]: "types" must come first (TypeScript takes the first condition that matches)`);

    const module = await import(specifier);
    const exported = Object.keys(module).sort();
    assert.ok(exported.length > 0, `${specifier} exports nothing`);
    assert.deepEqual(exported, [...declaredValues(path.join(REPO, entry.types))].sort(),
      `${specifier}: the module's exports (left) are not what ${entry.types} declares (right)`);
    for (const name of exported) assert.notEqual(module[name], undefined, `${specifier} exports ${name} as undefined`);
    assert.equal(globalThis.customElements, undefined, 'importing it made a custom element registry');
  });
}

test('the element module: the class is there in Node (a stand-in base, nothing defined), with its attributes', async () => {
  const { RnnPlayground, OPTIONS } = await import('rnn-playground/element');
  const main = await import('rnn-playground');
  assert.equal(main.RnnPlayground, RnnPlayground);
  assert.equal(typeof RnnPlayground, 'function');
  assert.ok(RnnPlayground.observedAttributes.includes('cell'));
  for (const option of OPTIONS) assert.ok(RnnPlayground.observedAttributes.includes(option), option);
  for (const method of ['play', 'pause', 'step', 'reset']) assert.equal(typeof RnnPlayground.prototype[method], 'function', method);
  const engine = await import('rnn-playground/engine');
  for (const name of Object.keys(engine)) assert.equal(main[name], engine[name], `the main module re-exports the engine's ${name}`);
});

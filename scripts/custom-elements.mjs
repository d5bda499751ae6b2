// Writes the Custom Elements Manifest (custom-elements.json, schema 2.1.0: what editors, linters,
// Storybook and documentation tools read) and the settings' attribute typings
// (www/setting-attributes.d.ts), both from the code:
//   attributes   RnnPlayground.observedAttributes (www/element.js, loaded in Node): the settings'
//                rows of www/settings-schema.js, documented by the declarations the settings table
//                writes (TrainerConfig, RnnPlaygroundConfig); the options' members of
//                RnnPlaygroundAttributes in www/rnn-playground.d.ts (types and docs)
//   properties,  the public members of RnnPlayground.prototype, typed and documented as
//   methods      www/rnn-playground.d.ts declares them
//   events       the names element.js fires (#emit('…')), typed and documented by
//                RnnPlaygroundEvents in www/rnn-playground.d.ts
//   CSS parts    every part name set in the modules the element imports (part="…" in markup,
//                setAttribute('part', …), .part.add(…))
//   CSS custom   every --rnn-* property those modules read, documented by the comment lines
//   properties   that list them ("//   --rnn-a, --rnn-b   what they style")
// It stops with a message when the code and the declarations disagree (an attribute, member or
// event the declarations do not have). tests/node/custom-elements.test.mjs fails when the
// committed files differ from what this writes.
// Usage: node scripts/custom-elements.mjs [--check]   (--check: write nothing, exit 1 if stale)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST = 'custom-elements.json';
export const SETTING_ATTRIBUTES = 'www/setting-attributes.d.ts';
const TAG = 'rnn-playground';
const ELEMENT = 'www/element.js';
const MAIN = 'www/rnn-playground.js';
const DECLARATIONS = 'www/rnn-playground.d.ts';
const SCHEMA = 'www/settings-schema.js';
const ENGINE_TYPES = 'src/wasm/types.d.ts';
/** The custom element callbacks: the browser calls them, a page does not. */
const LIFECYCLE = new Set(['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'adoptedCallback']);

const read = (file) => fs.readFileSync(path.join(REPO, file), 'utf8');
const load = (file) => import(pathToFileURL(path.join(REPO, file)).href);

class Disagreement extends Error {}
const fail = (message) => { throw new Disagreement(`${message}\n(scripts/custom-elements.mjs reads both; make them agree, then run it again)`); };

// --- reading TypeScript declarations (the few forms www/*.d.ts use) ---

/** The text of a JSDoc comment, without its markers: lines joined, paragraphs kept. */
function docText(comment) {
  return comment.replace(/^\/\*\*|\*\/$/g, '').split('\n').map((l) => l.replace(/^\s*\*?\s?/, '').trim())
    .join('\n').trim().replace(/([^\n])\n(?=[^\n])/g, '$1 ');
}

/** The body of `export interface NAME … {` or `export declare class NAME … {` in `source`. */
function block(source, opener, file) {
  const start = source.search(new RegExp(`^export (?:declare )?${opener}\\b[^{]*\\{`, 'm'));
  if (start < 0) fail(`${file} has no \`export ${opener}\``);
  const open = source.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  return fail(`${file}: \`${opener}\` is not closed`);
}

/** The members of an interface or class body: [{ doc, text }], `text` the declaration without its `;`. */
function members(body) {
  const out = [];
  let doc = '';
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i])) { i++; continue; }
    if (body.startsWith('/**', i)) {
      const end = body.indexOf('*/', i) + 2;
      doc = docText(body.slice(i, end));
      i = end;
      continue;
    }
    if (body.startsWith('//', i)) { i = body.indexOf('\n', i) + 1 || body.length; continue; }
    let depth = 0;
    let j = i;
    for (; j < body.length; j++) {
      const c = body[j];
      if ('({<['.includes(c)) depth++;
      else if (')}>]'.includes(c) && body[j - 1] !== '=') depth--;
      else if (c === ';' && depth === 0) break;
    }
    out.push({ doc, text: body.slice(i, j).replace(/\s+/g, ' ').trim() });
    doc = '';
    i = j + 1;
  }
  return out;
}

/** `name?: type` members of an interface: Map name → { type, doc, optional }. */
function properties(body) {
  const out = new Map();
  for (const { doc, text } of members(body)) {
    const m = text.match(/^(?:readonly )?('?)([\w$-]+)\1(\??):\s*([\s\S]+)$/);
    if (m) out.set(m[2], { type: m[4], doc, optional: m[3] === '?' });
  }
  return out;
}

/** The class's fields and methods as declared: Map name → { kind, type, doc, readonly, parameters }. */
function classMembers(body) {
  const out = new Map();
  for (const { doc, text } of members(body)) {
    if (text.startsWith('static ')) continue;
    let m;
    if ((m = text.match(/^(readonly )?([\w$]+):\s*([\s\S]+)$/))) {
      out.set(m[2], { kind: 'field', type: m[3], doc, readonly: Boolean(m[1]) });
    } else if ((m = text.match(/^get ([\w$]+)\(\):\s*([\s\S]+)$/))) {
      const known = out.get(m[1]);
      out.set(m[1], { kind: 'field', type: m[2], doc: doc || known?.doc || '', readonly: !known?.setter, setter: known?.setter });
    } else if ((m = text.match(/^set ([\w$]+)\(/))) {
      const known = out.get(m[1]);
      out.set(m[1], { kind: 'field', type: known?.type ?? '', doc: known?.doc || doc, readonly: false, setter: true });
    } else if ((m = text.match(/^([\w$]+)(<[^(]*>)?\(([^)]*)\):\s*([\s\S]+)$/))) {
      if (out.has(m[1])) continue; // an overload: the first declaration documents it
      const parameters = m[3].split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
        const [, name, optional, type] = p.match(/^([\w$]+)(\??):\s*([\s\S]+)$/);
        return { name, type: { text: type }, ...(optional ? { optional: true } : {}) };
      });
      out.set(m[1], { kind: 'method', type: m[4], doc, parameters });
    }
  }
  return out;
}

// --- reading the JavaScript ---

/** The modules `file` imports, itself first, transitively (relative imports only). */
function importGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, , spec] of read(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"']+\.js)\1/g)) {
    importGraph(path.posix.join(path.posix.dirname(file), spec), seen);
  }
  return seen;
}

/** Every name given to `part` in `source`: markup, `part: '…'` in view.js's DOM builder, setAttribute('part', …), .part.add(…). */
function partNames(source) {
  const lists = [
    ...[...source.matchAll(/\bpart=(["'])([^"'$]*)\1/g)].map((m) => m[2]),
    ...[...source.matchAll(/\bpart: (["'])([^"'$]*)\1/g)].map((m) => m[2]),
    ...[...source.matchAll(/chartCard\(\s*'\w+',\s*(["'])([^"'$]*)\1/g)].map((m) => m[2]),
    ...[...source.matchAll(/setAttribute\(\s*(["'])part\1\s*,\s*(["'])([^"']*)\2/g)].map((m) => m[3]),
    ...[...source.matchAll(/\.part\.add\(([^)]*)\)/g)].map((m) => [...m[1].matchAll(/(["'])([^"']*)\1/g)].map((s) => s[2]).join(' ')),
  ];
  return lists.map((list) => list.split(/\s+/).filter(Boolean));
}

/** `var(--rnn-x, fallback)` and '--rnn-x' in `source`: Map name → fallback ('' when none). */
function customProperties(source) {
  const out = new Map();
  for (const m of source.matchAll(/var\(\s*(--rnn-[\w-]+)\s*(,)?/g)) {
    let fallback = '';
    if (m[2]) {
      let depth = 1;
      let j = m.index + m[0].length;
      for (; j < source.length && depth > 0; j++) {
        if (source[j] === '(') depth++;
        else if (source[j] === ')') depth--;
      }
      fallback = source.slice(m.index + m[0].length, j - 1).trim();
    }
    if (!out.get(m[1])) out.set(m[1], fallback);
  }
  for (const m of source.matchAll(/(["'])(--rnn-[\w-]+)\1/g)) if (!out.has(m[2])) out.set(m[2], '');
  return out;
}

/** The comment lines that document custom properties: `//   --rnn-a, --rnn-b   what they style`. */
function propertyDocs(source) {
  const out = new Map();
  for (const m of source.matchAll(/^\s*\/\/\s+((?:--rnn-[\w-]+,?\s*)+?)\s{2,}(\S.*)$/gm)) {
    for (const name of m[1].split(/[,\s]+/).filter(Boolean)) out.set(name, m[2].trim());
  }
  return out;
}

// --- the settings ---

/** What a change of a setting does, by its scope. */
const CHANGE = { structural: ' A change builds a new network (step 0).', live: ' A change applies to the running trainer.', page: '' };

/**
 * Each setting's documentation: its line in the declarations the settings table writes
 * (TrainerConfig in src/wasm/types.d.ts, RnnPlaygroundConfig in www/rnn-playground.d.ts: what it
 * is, what it accepts, what 0 means, its default) and what a change does. Map name → text.
 */
function settingDocs(settings, declarations) {
  const declared = new Map([
    ...properties(block(read(ENGINE_TYPES), 'interface TrainerConfig', ENGINE_TYPES)),
    ...properties(block(declarations, 'interface RnnPlaygroundConfig', DECLARATIONS)),
  ]);
  const attributeOf = new Map(settings.map((s) => [s.name, s.attribute]));
  return new Map(settings.map((s) => {
    const doc = declared.get(s.name)?.doc;
    if (!doc) fail(`the setting ${s.name} (${SCHEMA}) has no documented declaration in ${ENGINE_TYPES} or ${DECLARATIONS}`);
    // Each other setting its help names ({stopBelow}, declared as `stopBelow`) by its attribute,
    // as these docs name settings.
    let named = doc;
    for (const [, other] of s.help.matchAll(/\{(\w+)\}/g)) named = named.replaceAll(`\`${other}\``, `\`${attributeOf.get(other)}\``);
    return [s.name, named + CHANGE[s.scope]];
  }));
}

/** The attribute's value type as text: the choices, true/false, or number. */
function settingType(s) {
  if (s.kind === 'boolean') return "'true' | 'false'";
  if (s.kind === 'choice') return s.choices.map((c) => `'${c.value}'`).join(' | ');
  return s.zero ? `number | '${s.zero}'` : 'number';
}

// --- the outputs ---

/** { [file]: text } of the manifest and the settings' attribute typings, from the code as it is now. */
export async function generate() {
  const { SETTINGS } = await load(SCHEMA);
  const { RnnPlayground } = await load(ELEMENT);
  const declarations = read(DECLARATIONS);
  const elementSource = read(ELEMENT);

  // Attributes: the settings' and the options', in observedAttributes' order.
  const settingOf = new Map(SETTINGS.map((s) => [s.attribute, s]));
  const docs = settingDocs(SETTINGS, declarations);
  const options = properties(block(declarations, 'interface RnnPlaygroundAttributes', DECLARATIONS));
  const observed = RnnPlayground.observedAttributes;
  const attributes = observed.map((name) => {
    const s = settingOf.get(name);
    if (s) return { name, description: docs.get(s.name), type: { text: settingType(s) }, default: String(s.default) };
    const option = options.get(name);
    if (!option) fail(`${ELEMENT} observes the attribute "${name}", which RnnPlaygroundAttributes in ${DECLARATIONS} does not declare`);
    return { name, description: option.doc, type: { text: option.type } };
  });
  for (const name of options.keys()) {
    if (!observed.includes(name)) fail(`${DECLARATIONS} declares the attribute "${name}", which ${ELEMENT} does not observe`);
  }

  // Properties and methods: the prototype's public members, as the declarations type them.
  const declared = classMembers(block(declarations, 'class RnnPlayground', DECLARATIONS));
  const memberList = Object.entries(Object.getOwnPropertyDescriptors(RnnPlayground.prototype))
    .filter(([name]) => !LIFECYCLE.has(name))
    .map(([name, d]) => {
      const decl = declared.get(name);
      if (!decl) fail(`RnnPlayground.prototype.${name} (${ELEMENT}) is not declared in ${DECLARATIONS}`);
      const description = decl.doc ? { description: decl.doc } : {};
      if (typeof d.value === 'function') {
        return { kind: 'method', name, ...description, parameters: decl.parameters, return: { type: { text: decl.type } } };
      }
      return { kind: 'field', name, ...description, type: { text: decl.type }, ...(d.set ? {} : { readonly: true }) };
    });

  // Events: what element.js fires, as RnnPlaygroundEvents types them.
  const fired = [...new Set([...elementSource.matchAll(/#emit\(\s*'([\w-]+)'/g)].map((m) => m[1]))];
  const eventTypes = properties(block(declarations, 'interface RnnPlaygroundEvents', DECLARATIONS));
  for (const name of fired) {
    if (!eventTypes.has(name)) fail(`${ELEMENT} fires "${name}", which RnnPlaygroundEvents in ${DECLARATIONS} does not declare`);
  }
  for (const name of eventTypes.keys()) {
    if (!fired.includes(name)) fail(`${DECLARATIONS} declares the event "${name}", which ${ELEMENT} never fires`);
  }
  const events = [...eventTypes].map(([name, e]) => ({ name, ...(e.doc ? { description: e.doc } : {}), type: { text: e.type } }));

  // CSS parts and custom properties: from every module the element imports.
  const sources = [...importGraph(ELEMENT)].map(read);
  const partLists = sources.flatMap(partNames);
  const partNamesAll = [...new Set(partLists.flat())].sort();
  const cssParts = partNamesAll.map((name) => {
    // A name that several elements share ("card") lists the names each also has ("strip", …);
    // a name given with a shared one is that kind of piece ("the strip card").
    const withIt = partLists.filter((list) => list.includes(name));
    const first = withIt.filter((list) => list[0] === name && list.length > 1).map((list) => list[1]);
    const kind = withIt.map((list) => list[0]).find((n) => n !== name);
    if (first.length) return { name, description: `Every ${name}; each also has its own part: ${first.join(', ')}.` };
    if (kind) return { name, description: `The ${name} ${kind} (also part \`${kind}\`).` };
    return { name };
  });
  const fallbacks = new Map();
  const propertyDoc = new Map();
  for (const source of sources) {
    for (const [name, fallback] of customProperties(source)) if (!fallbacks.get(name)) fallbacks.set(name, fallback);
    for (const [name, doc] of propertyDocs(source)) propertyDoc.set(name, doc);
  }
  const cssProperties = [...fallbacks.keys()].sort().map((name) => ({
    name,
    ...(propertyDoc.has(name) ? { description: propertyDoc.get(name) } : {}),
    ...(fallbacks.get(name) ? { default: fallbacks.get(name) } : {}),
  }));

  const classDoc = elementSource.match(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export class RnnPlayground\b/);
  const element = {
    kind: 'class',
    name: 'RnnPlayground',
    ...(classDoc ? { description: docText(classDoc[1]) } : {}),
    customElement: true,
    tagName: TAG,
    superclass: { name: 'HTMLElement', package: 'global:' },
    attributes,
    members: memberList,
    events,
    cssParts,
    cssProperties,
  };
  const reference = { name: 'RnnPlayground', module: ELEMENT };
  const manifest = {
    schemaVersion: '2.1.0',
    modules: [
      {
        kind: 'javascript-module',
        path: ELEMENT,
        declarations: [element],
        exports: [{ kind: 'js', name: 'RnnPlayground', declaration: reference }],
      },
      {
        kind: 'javascript-module',
        path: MAIN,
        declarations: [],
        exports: [
          { kind: 'custom-element-definition', name: TAG, declaration: reference },
          { kind: 'js', name: 'RnnPlayground', declaration: reference },
          { kind: 'js', name: '*', declaration: { name: '*', module: 'www/engine.js' } },
        ],
      },
    ],
  };

  return {
    [MANIFEST]: `${JSON.stringify(manifest, null, 2)}\n`,
    [SETTING_ATTRIBUTES]: settingAttributes(SETTINGS, docs),
  };
}

/** www/setting-attributes.d.ts: one attribute per setting, typed by RnnPlaygroundConfig (the table's own types). */
function settingAttributes(settings, docs) {
  const lines = settings.map((s) => {
    const key = /^[a-z]\w*$/i.test(s.attribute) ? s.attribute : `'${s.attribute}'`;
    // A 0 that means something may be written as its word (settings.js parseField).
    const word = s.zero ? ` | '${s.zero}'` : '';
    return `  /** ${docs.get(s.name)} */\n  ${key}?: AttributeValue<RnnPlaygroundConfig['${s.name}']>${word};`;
  });
  return `// Written by scripts/custom-elements.mjs from the settings table (www/settings-schema.js), with the
// manifest; tests/node/custom-elements.test.mjs fails when this file differs from what it writes.
import type { RnnPlaygroundConfig } from './rnn-playground.js';

/**
 * A setting's attribute value: the setting's own type (a choice's names), with numbers also as
 * text, and true/false as text (an attribute's presence alone reads as neither).
 */
export type AttributeValue<T> = T extends boolean ? \`\${T}\` : T extends number ? T | \`\${T}\` : T;

/** The settings' attributes of <rnn-playground>, one for each setting of the table. */
export interface RnnPlaygroundSettingAttributes {
${lines.join('\n')}
}
`;
}

/** Files whose committed text differs from what generate() writes: [file]. */
export async function stale() {
  const files = await generate();
  return Object.keys(files).filter((file) => {
    const current = fs.existsSync(path.join(REPO, file)) ? read(file) : null;
    return current !== files[file];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--check')) {
      const files = await stale();
      if (files.length) {
        console.error(`out of date: ${files.join(', ')}; run: node scripts/custom-elements.mjs`);
        process.exit(1);
      }
      console.log(`${MANIFEST} and ${SETTING_ATTRIBUTES} are up to date`);
    } else {
      for (const [file, text] of Object.entries(await generate())) {
        fs.writeFileSync(path.join(REPO, file), text);
        console.log(`wrote ${file}`);
      }
    }
  } catch (err) {
    if (!(err instanceof Disagreement)) throw err;
    console.error(`custom-elements: ${err.message}`);
    process.exit(1);
  }
}

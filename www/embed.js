// embed.html: one <rnn-playground> filling the frame, configured by the page's query, for
// hosts that allow an <iframe> but no scripts: embed.html?cell=lstm&controls=none.
// A setting goes by its URL name, or as its attribute or label is written (hidden, hidden-size,
// hiddenSize: settings.js settingsInQuery), its name winning; the element's options this page
// reads (EMBED_OPTIONS: loading, sync-url and keyboard are its own) and lang (zh-CN) by theirs.
import { FIELDS, FIELD_NAMES, fieldOfUrlKey, repeatsInQuery, settingsInQuery } from './settings.js';
import { EMBED_OPTIONS } from './element.js';
import './rnn-playground.js';

const el = document.createElement('rnn-playground');
el.setAttribute('loading', 'eager');
el.setAttribute('keyboard', 'page');
const params = new URLSearchParams(location.search);
const { texts, repeated } = settingsInQuery(params);
for (const [name, text] of texts) el.setAttribute(FIELDS[name].attribute, text);
// An option by its first value, as a setting (and the element's URL under sync-url).
const options = [...EMBED_OPTIONS, 'lang'];
for (const key of options) if (params.has(key)) el.setAttribute(key, params.get(key));
const ignored = [...new Set(params.keys())].filter((key) => !fieldOfUrlKey(key) && !options.includes(key));
document.querySelector('.rnn-fallback')?.remove();
document.body.append(el);
for (const [name, used, passed] of [...repeatsInQuery(params, options), ...repeated]) {
  console.warn(`embed.html: ${name} is given more than once; ${used.join('=')} is read, not ${passed.map((p) => p.join('=')).join(', ')}`);
}
if (ignored.length) {
  console.warn(`embed.html: ignored unknown query parameter(s) ${ignored.join(', ')}; ` +
    `the settings are ${FIELD_NAMES.join(', ')} and the options ${options.join(', ')}`);
}

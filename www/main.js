// Entry point of index.html: the page is one <rnn-playground> element that owns the URL query
// and the page's keyboard (sync-url, keyboard="page"); defining the element is all it takes.
// The page's own texts (title, description, header, footer) follow the URL's ?lang= as the
// element does: a language other than English writes its catalog's `page` texts over the
// English of index.html, keeping the marked-up words (data-part) and the document's lang.
import { CATALOGS, loadLocale, resolveLocale } from './i18n.js';

/** Writes the texts of `locale`'s catalog (`page`) over index.html's English. */
function translatePage(locale) {
  const texts = CATALOGS[locale].page;
  document.documentElement.lang = locale;
  document.title = texts.title;
  document.querySelector('meta[name="description"]').content = texts.description;
  const lead = document.querySelector('[data-page-text="lead"]');
  const parts = Object.fromEntries([...lead.querySelectorAll('[data-part]')].map((el) => [el.dataset.part, el]));
  parts.tutorial.textContent = texts.tutorial;
  parts.tutorial.href = texts.tutorialHref;
  // "…由 {sin} 预测 {cos}…": text between the parts, each part where its name is; the keys'
  // sentence (a part of its own, which phones hide) so too.
  const fill = (el, text) => el.replaceChildren(...text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? parts[piece] : piece)));
  fill(parts.keys, texts.keys);
  fill(lead, texts.lead);
  document.querySelector('[data-page-text="footer"]').textContent = texts.footer;
}

/** The page may be painted (page-lang.js held it while its language was not known). */
const shown = () => delete document.documentElement.dataset.translating;

const tag = new URLSearchParams(location.search).get('lang');
const locale = tag ? resolveLocale(tag) : 'en';
if (locale !== 'en') {
  loadLocale(locale).then(translatePage)
    .catch((err) => console.warn(`the ${locale} texts of the page did not load (${err?.message ?? err})`))
    .finally(shown);
} else {
  shown();
}
// The element's module after the texts are asked for (index.html preloads its graph): imported
// statically, it would hold this module until the whole graph had loaded, and the language's
// texts would only be asked for then (the page and the element in English meanwhile).
import('./rnn-playground.js').catch((err) => console.error(`the playground did not load (${err?.message ?? err})`));

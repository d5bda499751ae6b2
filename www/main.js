// Entry point of index.html: mounts a demo into every [data-rnn-demo] element.
// The only demo on the page owns the URL query and the page's keyboard shortcuts.
import { mountDemo } from './app.js';

const roots = [...document.querySelectorAll('[data-rnn-demo]')];
for (const root of roots) {
  const only = roots.length === 1;
  mountDemo(root, { syncUrl: only, keyboardTarget: only ? document : root });
}

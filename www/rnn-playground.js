// The package's main module. Importing it defines the <rnn-playground> custom element (unless
// the page has one by that name already) and exports its class and the engine's API.
//   import 'rnn-playground';                       // then use <rnn-playground> in HTML
//   import { Trainer, ready } from 'rnn-playground'; await ready(); new Trainer({ cell: 'gru' });
// Where there is no custom element registry (Node, when a documentation framework renders its
// pages on the server) importing it defines nothing and throws nothing: the tags rendered there
// upgrade once the module runs in the browser.
import { RnnPlayground } from './element.js';

if (globalThis.customElements && !customElements.get('rnn-playground')) customElements.define('rnn-playground', RnnPlayground);

export { RnnPlayground };
export * from './engine.js';

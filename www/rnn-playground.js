// The package's main module. Importing it defines the <rnn-playground> custom element (unless
// the page has one by that name already) and exports its class and the engine's API.
//   import 'rnn-playground';                       // then use <rnn-playground> in HTML
//   import { Trainer, ready } from 'rnn-playground'; await ready(); new Trainer({ cell: 'gru' });
import { RnnPlayground } from './element.js';

if (!customElements.get('rnn-playground')) customElements.define('rnn-playground', RnnPlayground);

export { RnnPlayground };
export * from './engine.js';

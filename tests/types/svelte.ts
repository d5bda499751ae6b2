// <rnn-playground> in Svelte markup, with the package's Svelte typings (rnn-playground/svelte):
// svelte-check checks an element's attributes against its SvelteHTMLElements entry; these are
// checked here the same way, with tsc. Each line marked @ts-expect-error must be an error, which shows
// the tag is checked (not the catch-all `{ [name: string]: any }`).
import type {} from 'rnn-playground/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

type Attributes = SvelteHTMLElements['rnn-playground'];

export const markup: Attributes = {
  cell: 'lstm', 'hidden-size': 16, lr: '0.01', task: 'square', 'carry-state': 'false', controls: 'play,step,lr',
  theme: 'dark', autoplay: '', class: 'wide', id: 'first', 'data-chapter': 3,
  onstep: (e) => console.log(e.detail.step, e.detail.loss),
  'on:statechange': (e) => console.log(e.detail.state),
  onerror: (e) => console.log(e.detail.message),
};

// @ts-expect-error: not a cell
export const notACell: Attributes = { cell: 'foo' };
// @ts-expect-error: hidden-size is a number
export const notANumber: Attributes = { 'hidden-size': 'many' };
// @ts-expect-error: not a theme
export const notATheme: Attributes = { theme: 'blue' };
// @ts-expect-error: step events carry {step, loss}
export const wrongDetail: Attributes = { onstep: (e) => e.detail.message.length };
// @ts-expect-error: a misspelt setting
export const misspelt: Attributes = { 'hiden-size': 8 };

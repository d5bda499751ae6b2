// The package's main module (importing it defines <rnn-playground>) with the tag typed for Svelte
// (svelte-check): a SvelteHTMLElements entry with the element's attributes and, for each of its
// events, an `on<event>` listener (Svelte 5) and `on:<event>` (Svelte 4).
//   import 'rnn-playground/svelte';         (or, for the types alone: import type {} from 'rnn-playground/svelte';)
//   <rnn-playground cell="lstm" hidden-size={16} onstep={(e) => (loss = e.detail.loss)} />
import type { HTMLAttributes } from 'svelte/elements';
import type { RnnPlayground, RnnPlaygroundAttributes, RnnPlaygroundEvents } from './rnn-playground.js';

export * from './rnn-playground.js';

/** `onstep`, `on:step`, …: the element's events, as Svelte 5 and Svelte 4 bind them. */
export type RnnPlaygroundSvelteListeners = {
  [K in keyof RnnPlaygroundEvents as `on${K}` | `on:${K}`]?: (event: RnnPlaygroundEvents[K]) => void;
};

/** The attributes of <rnn-playground> in Svelte markup: HTML's, the element's and listeners. */
export type RnnPlaygroundSvelteProps =
  & Omit<HTMLAttributes<RnnPlayground>, keyof RnnPlaygroundAttributes | keyof RnnPlaygroundSvelteListeners>
  & RnnPlaygroundAttributes
  & RnnPlaygroundSvelteListeners;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'rnn-playground': RnnPlaygroundSvelteProps;
  }
}

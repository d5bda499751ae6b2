// The package's main module (importing it defines <rnn-playground>) with the tag typed for Vue
// templates (vue-tsc, Volar): a GlobalComponents entry whose props are the element's attributes and
// an `on<Event>` listener for each of its events (what `@step` compiles to). Vue also needs to be
// told the tag is a custom element: compilerOptions.isCustomElement = (tag) => tag.startsWith('rnn-').
//   import 'rnn-playground/vue';            (or, for the types alone: import type {} from 'rnn-playground/vue';)
//   <rnn-playground cell="lstm" :hidden-size="16" @step="(e) => (loss = e.detail.loss)" />
import type { HTMLAttributes, PublicProps } from 'vue';
import type { RnnPlayground, RnnPlaygroundAttributes, RnnPlaygroundEvents } from './rnn-playground.js';

export * from './rnn-playground.js';

/** `onStep`, `onStatechange`, …: what `@step`, `@statechange`, … bind. */
export type RnnPlaygroundVueListeners = {
  [K in keyof RnnPlaygroundEvents as `on${Capitalize<K>}`]?: (event: RnnPlaygroundEvents[K]) => void;
};

/** The props of <rnn-playground> in a Vue template: HTML's, the element's attributes and listeners. */
export type RnnPlaygroundVueProps =
  & Omit<HTMLAttributes, keyof RnnPlaygroundAttributes | keyof RnnPlaygroundVueListeners>
  & RnnPlaygroundAttributes
  & RnnPlaygroundVueListeners
  & PublicProps;

declare module 'vue' {
  interface GlobalComponents {
    /** <rnn-playground>: a custom element; `$props` is what templates are checked against. */
    'rnn-playground': new () => RnnPlayground & { $props: RnnPlaygroundVueProps };
  }
}

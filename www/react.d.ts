// The package's main module (importing it defines <rnn-playground>) with the tag typed for React
// 19's JSX: the element's attributes, and an `on<event>` prop for each of its events (React 19
// adds a listener for `onstep` on a custom element).
//   import 'rnn-playground/react';          (or, for the types alone: import type {} from 'rnn-playground/react';)
//   <rnn-playground cell="lstm" hidden-size={16} onstep={(e) => setLoss(e.detail.loss)} />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { RnnPlayground, RnnPlaygroundAttributes, RnnPlaygroundEvents } from './rnn-playground.js';

export * from './rnn-playground.js';

/** `onstep`, `onstatechange`, …: React 19 listens to the event named after `on`. */
export type RnnPlaygroundReactListeners = {
  [K in keyof RnnPlaygroundEvents as `on${K}`]?: (event: RnnPlaygroundEvents[K]) => void;
};

/**
 * The element's attributes as React 19 takes them: a boolean one (`autoplay`, `sync-url`) also as
 * a boolean, which React writes as the attribute present (true: `autoplay=""`) or left out (false).
 */
export type RnnPlaygroundReactAttributes = {
  [K in keyof RnnPlaygroundAttributes]: string extends NonNullable<RnnPlaygroundAttributes[K]> ? RnnPlaygroundAttributes[K]
    : '' extends NonNullable<RnnPlaygroundAttributes[K]> ? RnnPlaygroundAttributes[K] | boolean : RnnPlaygroundAttributes[K];
};

/** The props of <rnn-playground> in React 19: HTML's, the element's attributes and listeners. */
export type RnnPlaygroundReactProps =
  & Omit<DetailedHTMLProps<HTMLAttributes<RnnPlayground>, RnnPlayground>, keyof RnnPlaygroundAttributes | keyof RnnPlaygroundReactListeners>
  & RnnPlaygroundReactAttributes
  & RnnPlaygroundReactListeners;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'rnn-playground': RnnPlaygroundReactProps;
    }
  }
}

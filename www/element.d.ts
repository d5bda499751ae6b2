// Declarations of element.js (the package's `rnn-playground/element`): the <rnn-playground>
// element's class, not yet defined as a tag (customElements.define it under a name of your own,
// or import the package's main module, which defines <rnn-playground>).
import type { RnnPlaygroundAttributes } from './rnn-playground.js';
import type { RnnPlaygroundSettingAttributes } from './setting-attributes.js';

export { RnnPlayground } from './rnn-playground.js';
export type {
  RnnPlaygroundAttributes, RnnPlaygroundConfig, RnnPlaygroundConfigInit, RnnPlaygroundState, RnnPlaygroundEvents, RnnPlaygroundEventMap, RnnPlaygroundControl,
  RnnPlaygroundChart,
} from './rnn-playground.js';

/** The element's own attributes (besides the settings' and `lang`, which it follows as every element does). */
export declare const OPTIONS: readonly Exclude<keyof RnnPlaygroundAttributes, keyof RnnPlaygroundSettingAttributes | 'lang'>[];
/** The options embed.html also reads from its query (`embed.html?controls=play`): all but loading, sync-url and keyboard. */
export declare const EMBED_OPTIONS: readonly (typeof OPTIONS)[number][];

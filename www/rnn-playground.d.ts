// Declarations of the package's main module (rnn-playground.js): the <rnn-playground> element
// and the engine's API (engine.d.ts).
import type { Trainer, TrainerConfig, ResolvedTrainerConfig } from './pkg/rnn_playground.js';
import type { RnnPlaygroundSettingAttributes } from './setting-attributes.js';

export * from './engine.js';
export type { RnnPlaygroundSettingAttributes, AttributeValue } from './setting-attributes.js';

/** The element's state: `statechange` fires on each change. */
export type RnnPlaygroundState = 'loading' | 'ready' | 'running' | 'paused' | 'diverged' | 'error';

/** The element's settings as its `config` gives them: the trainer's configuration and the page's own, a word for 0 given as 0. */
export interface RnnPlaygroundConfig extends ResolvedTrainerConfig {
  /** Training steps per animation frame (max: as many as fit in the frame's time): max (0) or an integer from 1 to 1000. Default 1. */
  speed: number;
  /** Training pauses after this many windows (the tutorial's loop ends): never (0) or an integer from 1 to 1000000000. Default 0. */
  stopAfter: number;
  /** Training pauses once the loss stays below this for as many windows in a row as `stopPatience` says: from 0 to 1000000; 0: never. Default 0. */
  stopBelow: number;
  /** How many windows in a row the loss must stay under `stopBelow`: an integer from 1 to 1000000. Default 1. */
  stopPatience: number;
}
/** What the element's `config` takes: any of its settings, a number or the setting's word for 0 (speed: 'max'). */
export interface RnnPlaygroundConfigInit extends TrainerConfig {
  /** Training steps per animation frame (max: as many as fit in the frame's time): max (0) or an integer from 1 to 1000. Default 1. */
  speed?: number | 'max';
  /** Training pauses after this many windows (the tutorial's loop ends): never (0) or an integer from 1 to 1000000000. Default 0. */
  stopAfter?: number | 'never';
  /** Training pauses once the loss stays below this for as many windows in a row as `stopPatience` says: from 0 to 1000000; 0: never. Default 0. */
  stopBelow?: number | 'never';
  /** How many windows in a row the loss must stay under `stopBelow`: an integer from 1 to 1000000. Default 1. */
  stopPatience?: number;
}


/** The names the `controls` (and `hide`) attribute takes, besides `all` and `none`. */
export type RnnPlaygroundControl =
  | 'play' | 'step' | 'reset' | 'tutorial' | 'speed' | 'files' | 'pytorch' | 'readouts'
  | Exclude<keyof RnnPlaygroundConfig, 'speed'>;
/** The names the `charts` attribute takes, besides `all` and `none`. */
export type RnnPlaygroundChart = 'strip' | 'loss' | 'hidden' | 'preview' | 'gradients' | 'unrolled' | 'equations';

/** The element's own events, all bubbling and composed. */
export interface RnnPlaygroundEvents {
  /** The engine is loaded and the trainer built. */
  ready: CustomEvent<Record<string, never>>;
  /** After a frame's training (at most once per animation frame) or a single step. */
  step: CustomEvent<{ step: number; loss: number }>;
  /** The element's `state` changed. */
  statechange: CustomEvent<{ state: RnnPlaygroundState }>;
  /** The loss became NaN or infinite; training paused. */
  diverged: CustomEvent<{ step: number }>;
  /** A message the element showed: an invalid attribute, a file that did not load, … */
  error: CustomEvent<{ message: string }>;
}
/** Every event of the element: its own and HTMLElement's. */
export interface RnnPlaygroundEventMap extends Omit<HTMLElementEventMap, keyof RnnPlaygroundEvents>, RnnPlaygroundEvents {}

/**
 * The attributes of <rnn-playground>, all optional: one for each setting (setting-attributes.d.ts,
 * written from the settings table; the defaults are the PyTorch tutorial's) and the element's
 * own options below. An invalid value shows the engine's message inside the element, fires
 * `error`, and that field keeps its default.
 */
export interface RnnPlaygroundAttributes extends RnnPlaygroundSettingAttributes {
  /** Start training once loaded (off under prefers-reduced-motion: reduce, where Play is shown instead; under that preference Play also stays shown once a run has played, so that it can be paused). */
  autoplay?: '' | 'autoplay';
  /** `all` (default), `none`, or a comma list of RnnPlaygroundControl names. */
  controls?: string;
  /** Controls to hide from those `controls` shows; `all` keeps only Play, Step, Reset and the readouts. */
  hide?: string;
  /** `all` (default), `none`, or a comma list of RnnPlaygroundChart names. */
  charts?: string;
  /**
   * URL of a state dict to start from: JSON, safetensors or NumPy .npz, judged by content.
   * Until it is in, nothing trains: Play (or play(), or `autoplay` while set) reads Pause and
   * plays then; from the seed's weights if it cannot load. A run started meanwhile (an import,
   * Reset, a new network) drops it, as a new value or removing the attribute does.
   */
  weights?: string;
  /** URL of a checkpoint to resume; until it is in, nothing trains (as with `weights`). */
  checkpoint?: string;
  /** `auto` (default: follows prefers-color-scheme), `light` or `dark`. */
  theme?: 'auto' | 'light' | 'dark';
  /** `lazy` (default): load when the element nears the viewport; `eager`: at once. */
  loading?: 'lazy' | 'eager';
  /** Read the settings from the page's URL query and write changes back (one element per page). */
  'sync-url'?: '' | 'sync-url';
  /**
   * `element` (default): Space, → and R work while focus is inside it; `page`: anywhere on the
   * page. Space on one of its buttons presses that button where Tab reached it, and plays or
   * pauses after a click.
   */
  keyboard?: 'element' | 'page';
  /**
   * The language of the element's texts (a BCP 47 tag: 'en', 'zh-CN'); without it, the nearest
   * ancestor's `lang`, else the document's. Catalogs: English and Simplified Chinese (zh-CN);
   * another tag of a known language takes its catalog (zh → zh-CN), any other English.
   */
  lang?: string;
}

/** The <rnn-playground> element. */
export declare class RnnPlayground extends HTMLElement {
  static readonly observedAttributes: readonly string[];
  /**
   * Starts training (loading the engine first if needed; while a `weights` or `checkpoint` URL
   * loads, once it is in).
   */
  play(): void;
  /**
   * Stops training; the trained network stays. Resolves once `trainer` holds the whole state
   * (at once, unless the run was training in the worker, or a Step's windows are there or
   * waiting: it comes back once the windows in flight and the Steps asked for are trained)
   * and its file methods are loaded (the element loads the engine without them, and them here:
   * `readyFiles()`; its own file actions run them in a worker of their own). Never rejects: where they fail to load, it
   * resolves all the same and they throw an Error saying they are not loaded. Called before
   * autoplay starts (before the engine is loaded, from a `ready` listener, while a `weights` or
   * `checkpoint` URL loads), it keeps `autoplay` from starting (as a media element's pause()).
   */
  pause(): Promise<void>;
  /**
   * Trains one window (nothing while a `weights` or `checkpoint` URL loads). Where one window
   * takes two frames or more (a large network: LSTM h256, 4 layers, T 200 takes about 80 ms),
   * it trains in the training worker and `stepCount` and the `step` event follow once the run is
   * back; Steps asked meanwhile follow in one trip, and `await pause()` waits for them all.
   */
  step(): void;
  /** Back to step 0 with fresh weights from the seed. */
  reset(): void;
  /** Windows trained so far (0 before the engine is loaded). */
  readonly stepCount: number;
  /** The last window's loss (NaN before the first step). */
  readonly loss: number;
  /**
   * loading, ready, running, paused, diverged or error; `statechange` fires on each change.
   * After `pause()` it turns paused (ready at step 0) once the run has stopped: with the worker,
   * when its window in flight has come back (by the time `pause()` resolves), so `stepCount` is final then.
   */
  readonly state: RnnPlaygroundState;
  /**
   * The page's Trainer (null before the engine is loaded). While the element plays, training
   * runs in a Web Worker and this Trainer is the page's view of the run, brought up to date
   * every frame it draws (every frame where the page keeps up, down to every 4th): stepCount,
   * losses(), lastWindow(), hiddenStates() (a lower layer's only while the unrolled view is
   * shown), the gradient norms, config(); its weights are those of the last pause. While the
   * worker holds the run (the element plays in view, or its pause is finishing), a method that
   * would change it (train, trainUntilDiverged, step, traceStep, reset, setHyperParameters, trackLastStepGradient,
   * an import or restore) throws an Error saying to await `pause()` (live settings: the
   * element's attributes or `config`), and so does a method that reads the whole run or what
   * comes of its weights (exactState, exportWeights, exportCheckpoint, pytorchScript,
   * gradients, inputInfluence, displayState(true): it would give the last pause's); free()
   * always throws (the element frees its trainer when removed). Await `pause()` before exporting or
   * training it: then it is the run itself, bit for bit (as it is where no worker could start),
   * and its file methods (exportWeights, importWeights, exportCheckpoint, importCheckpoint,
   * pytorchScript) are loaded; before they are, they throw an Error saying to await them.
   * What a script then does with it (train, reset, setHyperParameters, an import) the element
   * shows when the script's synchronous calls end (at the next microtask): readouts, charts,
   * state, form, a step event where it trained; Play goes on from there.
   */
  readonly trainer: Trainer | null;
  /**
   * The current settings (null before the engine is loaded); setting it sets the matching
   * attributes. A value refused is reported as the attribute's would be, named by its key here:
   * "Invalid el.config value: Hidden size (hidden) must be …; using the default 32."
   */
  get config(): RnnPlaygroundConfig | null;
  set config(values: RnnPlaygroundConfigInit);

  addEventListener<K extends keyof RnnPlaygroundEventMap>(
    type: K,
    listener: (this: RnnPlayground, ev: RnnPlaygroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RnnPlaygroundEventMap>(
    type: K,
    listener: (this: RnnPlayground, ev: RnnPlaygroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'rnn-playground': RnnPlayground;
  }
}

// <rnn-playground>: the whole demo as one custom element. Attributes are the settings
// (settings.js FIELDS, kebab-case) and the element's options (OPTIONS below); the markup, the
// styles and the logic live in its shadow root. The element only translates between the DOM
// (attributes, properties, events, visibility) and the demo (demo.js).
import * as engine from './engine.js';
import { createDemo } from './demo.js';
import {
  CHARTS, CONTROLS, FIELDS, FIELD_NAMES, defaults, fieldOfAttribute, isTrainerSetting, parseField, parseNameList, useEngine,
} from './settings.js';
import { errorText } from './messages.js';
import { styleSheet } from './element-style.js';

/** The element's own attributes (besides the settings); the first seven also work in a page's query. */
export const OPTIONS = ['autoplay', 'controls', 'hide', 'charts', 'weights', 'checkpoint', 'theme', 'loading', 'sync-url', 'keyboard'];
const THEMES = ['auto', 'light', 'dark'];
/** What `hide="all"` keeps: the buttons and the readouts. */
const KEPT_BY_HIDE_ALL = ['play', 'step', 'reset', 'readouts'];
/** How far outside the viewport a lazy element starts loading. */
const LAZY_MARGIN = '200px';

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** HTMLElement where there is a DOM; in Node (a framework rendering pages on the server) a stand-in, so the module loads. */
const Base = globalThis.HTMLElement ?? class {};

/**
 * The `<rnn-playground>` element. Properties and methods: play(), pause(), step(), reset(),
 * stepCount, loss, state, trainer (read only), config. Events (bubbling, composed): ready,
 * step {step, loss}, statechange {state}, diverged, error {message}. See docs/element.md.
 */
export class RnnPlayground extends Base {
  static get observedAttributes() {
    return [...FIELD_NAMES.map((n) => FIELDS[n].attribute), ...OPTIONS];
  }

  #shadow;
  #demo = null;
  #state = 'loading';
  #starting = null;      // the promise of a start in progress
  #generation = 0;       // bumps on teardown: a start that finishes after it is dropped
  #wantPlay = false;     // play() before the demo existed
  #lifetime = null;      // AbortController of the listeners and observers of one connection
  #inView = true;
  #tabHidden = false;
  #placeholder;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styleSheet()];
  }

  // --- lifecycle ---

  connectedCallback() {
    if (this.#lifetime) return; // moved within the document: nothing to redo
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#showPlaceholder('Loading the WebAssembly module…');

    const tab = () => {
      this.#tabHidden = document.visibilityState === 'hidden';
      this.#updateSuspension();
    };
    document.addEventListener('visibilitychange', tab, { signal });
    tab();

    // In view: trains; out of view: holds. Lazy: starts when the element first nears the viewport.
    const view = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      this.#inView = entry.isIntersecting;
      this.#updateSuspension();
    });
    view.observe(this);
    const near = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        near.disconnect();
        this.#start();
      }
    }, { rootMargin: LAZY_MARGIN });
    if (this.getAttribute('loading') === 'eager' || this.#wantPlay) this.#start();
    else near.observe(this);
    signal.addEventListener('abort', () => { view.disconnect(); near.disconnect(); });
  }

  disconnectedCallback() {
    // A move (remove then insert in one task) keeps everything; a real removal frees the trainer.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'loading' && value === 'eager' && this.#lifetime) this.#start();
    const demo = this.#demo;
    if (!demo) return; // read when the demo starts
    const field = fieldOfAttribute(name);
    if (field) {
      this.#applySetting(field, value);
    } else if (name === 'controls' || name === 'hide' || name === 'charts') {
      demo.showParts(this.#controls(), this.#charts());
    } else if (name === 'theme') {
      demo.setTheme(this.#theme());
    } else if (name === 'weights' || name === 'checkpoint') {
      if (value) this.#fetchInto(name, value);
    } else if (name === 'autoplay') {
      if (value !== null && !reducedMotion()) demo.play();
    }
  }

  async #start() {
    if (this.#demo || this.#starting || !this.#lifetime) return;
    const generation = this.#generation;
    this.#starting = engine.ready();
    try {
      await this.#starting;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#starting = null;
      const message = `Could not load the WebAssembly module (${errorText(err)}).`;
      this.#showPlaceholder(message, true);
      this.#setState('error');
      this.#emit('error', { message });
      return;
    } finally {
      if (generation === this.#generation) this.#starting = null;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    useEngine(engine);

    const errors = [];
    const settings = this.#initialSettings(errors);
    this.#placeholder?.remove();
    this.#placeholder = null;
    const keyboardTarget = this.getAttribute('keyboard') === 'page' ? document : this;
    const demo = createDemo(this.#shadow, engine, {
      settings,
      controls: this.#controls(errors),
      charts: this.#charts(errors),
      theme: this.#theme(errors),
      colors: () => this.#colors(),
      syncUrl: this.hasAttribute('sync-url'),
      keyboardTarget,
      onState: (state) => this.#setState(state),
      onStep: (step, loss) => this.#emit('step', { step, loss }),
      onDiverged: () => this.#emit('diverged', { step: this.stepCount }),
      onError: (message) => this.#emit('error', { message }),
    });
    if (!demo) {
      this.#setState('error');
      return;
    }
    this.#demo = demo;
    this.#setState(demo.state);
    for (const [key, message] of errors) demo.fail(key, message);
    this.#updateSuspension();
    this.#emit('ready', {});

    if (this.getAttribute('checkpoint')) await this.#fetchInto('checkpoint', this.getAttribute('checkpoint'));
    else if (this.getAttribute('weights')) await this.#fetchInto('weights', this.getAttribute('weights'));
    if (this.#demo !== demo) return;
    if (this.#wantPlay || (this.hasAttribute('autoplay') && !reducedMotion())) demo.play();
    this.#wantPlay = false;
  }

  #teardown() {
    this.#generation += 1;
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#starting = null;
    this.#demo?.destroy();
    this.#demo = null;
    this.#placeholder?.remove();
    this.#placeholder = null;
    this.#setState('loading');
  }

  #showPlaceholder(text, isError = false) {
    if (!this.#placeholder) {
      this.#placeholder = document.createElement('p');
      this.#placeholder.className = 'rd-placeholder';
      this.#placeholder.setAttribute('part', 'placeholder');
      this.#placeholder.setAttribute('role', 'status');
      this.#shadow.append(this.#placeholder);
    }
    this.#placeholder.textContent = text;
    this.#placeholder.dataset.kind = isError ? 'error' : 'info';
  }

  // --- attributes ---

  /**
   * The starting settings: defaults, then the attributes, then (with sync-url) the page's URL
   * query. An invalid value keeps the field's default and adds [key, message] to `errors`.
   */
  #initialSettings(errors) {
    const settings = defaults();
    const take = (name, text, where) => {
      const r = parseField(name, text);
      if (r.ok) settings[name] = r.value;
      else {
        const label = where === 'url' ? `URL setting ${name}` : `attribute ${FIELDS[name].attribute}`;
        errors.push([`${where}:${name}`, invalidMessage(label, r.message, FIELDS[name].default)]);
      }
    };
    for (const name of FIELD_NAMES) {
      const text = this.getAttribute(FIELDS[name].attribute);
      if (text !== null) take(name, text, 'attribute');
    }
    if (this.hasAttribute('sync-url')) {
      const params = new URLSearchParams(location.search);
      for (const name of FIELD_NAMES) if (params.has(name)) take(name, params.get(name), 'url');
    }
    return settings;
  }

  /** A setting's attribute changed: applied as its control would; an invalid value falls back to the default. */
  #applySetting(field, text) {
    const demo = this.#demo;
    const attribute = FIELDS[field].attribute;
    let value = FIELDS[field].default;
    if (text !== null) {
      const r = parseField(field, text);
      if (r.ok) {
        value = r.value;
        demo.clearMessage(`attribute:${field}`);
      } else {
        demo.fail(`attribute:${field}`, invalidMessage(`attribute ${attribute}`, r.message, value));
      }
    }
    if (demo.settings[field] !== value) demo.change(field, value);
  }

  /** An option's value: the attribute, or with sync-url the page's URL query (which wins). */
  #option(name) {
    if (this.hasAttribute('sync-url')) {
      const params = new URLSearchParams(location.search);
      if (params.has(name)) return params.get(name);
    }
    return this.getAttribute(name);
  }

  /** The controls to show: `controls` (default all) less `hide` (`all`: everything but the buttons and readouts). */
  #controls(errors) {
    const shown = this.#nameList('controls', CONTROLS, errors).names;
    const hideText = this.#option('hide');
    if (hideText !== null) {
      const hidden = hideText.trim().toLowerCase() === 'all'
        ? new Set(CONTROLS.filter((c) => !KEPT_BY_HIDE_ALL.includes(c)))
        : this.#nameList('hide', CONTROLS, errors, 'none').names;
      for (const name of hidden) shown.delete(name);
    }
    return shown;
  }

  #charts(errors) {
    return this.#nameList('charts', CHARTS, errors).names;
  }

  #nameList(option, known, errors, fallback = 'all') {
    const r = parseNameList(this.#option(option) ?? fallback, known);
    if (r.unknown.length) {
      const message = `Invalid ${option}: unknown name${r.unknown.length > 1 ? 's' : ''} ${r.unknown.map((n) => `"${n}"`).join(', ')}; ` +
        `the names are ${known.join(', ')} (or all, none).`;
      if (errors) errors.push([`option:${option}`, message]);
      else this.#demo?.fail(`option:${option}`, message);
    } else {
      this.#demo?.clearMessage(`option:${option}`);
    }
    return r;
  }

  #theme(errors) {
    const text = (this.#option('theme') ?? 'auto').trim().toLowerCase();
    if (THEMES.includes(text)) return text;
    const message = `Invalid theme: "${text}"; the themes are ${THEMES.join(', ')}. Using auto.`;
    if (errors) errors.push(['option:theme', message]);
    else this.#demo?.fail('option:theme', message);
    return 'auto';
  }

  /** The charts' colours from the theming custom properties, each as '#rrggbb' (undefined: the scheme's). */
  #colors() {
    const style = getComputedStyle(this);
    const out = {};
    for (const [key, property] of Object.entries(COLOR_PROPERTIES)) {
      const value = style.getPropertyValue(property).trim();
      if (value) out[key] = toHex(value);
    }
    return out;
  }

  /** Fetches the `weights` (JSON or safetensors) or `checkpoint` URL and imports it; errors are shown and reported. */
  async #fetchInto(kind, url) {
    const demo = this.#demo;
    try {
      const res = await fetch(new URL(url, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      // Bytes: JSON or safetensors, judged by the engine from the content.
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (this.#demo !== demo) return;
      if (kind === 'weights') demo.importWeights(bytes, url);
      else demo.importCheckpoint(bytes, url);
    } catch (err) {
      if (this.#demo === demo) demo.fail('file', `Could not load ${kind} from ${url}: ${errorText(err)}`);
    }
  }

  // --- state, events, visibility ---

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit('statechange', { state });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #updateSuspension() {
    this.#demo?.suspend(!this.#inView || this.#tabHidden);
  }

  // --- the public API ---

  /** Starts training (loading the engine first if it has not started yet). */
  play() {
    if (this.#demo) this.#demo.play();
    else {
      this.#wantPlay = true;
      this.#start();
    }
  }

  pause() {
    this.#wantPlay = false;
    this.#demo?.pause();
  }

  /** Trains one window. */
  step() {
    this.#demo?.step();
  }

  /** Back to step 0 with fresh weights from the seed. */
  reset() {
    this.#demo?.reset();
  }

  /** Windows trained so far (0 before the engine is loaded). */
  get stepCount() {
    return this.#demo?.trainer?.stepCount ?? 0;
  }

  /** The last window's loss (NaN before the first step). */
  get loss() {
    return this.#demo?.loss ?? NaN;
  }

  /** loading, ready, running, paused, diverged or error. */
  get state() {
    return this.#state;
  }

  /** The engine's Trainer (null before the engine is loaded). Read only. */
  get trainer() {
    return this.#demo?.trainer ?? null;
  }

  /**
   * The current settings: the trainer's configuration with `speed` and `stopAfter`. Setting it
   * sets the matching attributes (so each value is validated and applied as its attribute is).
   */
  get config() {
    const demo = this.#demo;
    if (!demo) return null;
    const own = FIELD_NAMES.filter((name) => !isTrainerSetting(name)).map((name) => [name, demo.settings[name]]);
    return { ...demo.trainer.config(), ...Object.fromEntries(own) };
  }

  set config(values) {
    for (const [name, value] of Object.entries(values ?? {})) {
      const spec = FIELDS[name];
      if (!spec) {
        const message = `config: unknown setting "${name}"; the settings are ${FIELD_NAMES.join(', ')}.`;
        // The demo shows the message and reports it (one error event); before it exists, only the event.
        if (this.#demo) this.#demo.fail('config-property', message);
        else this.#emit('error', { message });
        continue;
      }
      this.setAttribute(spec.attribute, String(value));
    }
  }
}

/** "Invalid attribute hidden-size: hidden must be …; using the default 32." */
function invalidMessage(label, message, fallback) {
  return `Invalid ${label}: ${message}; using the default ${fallback}.`;
}

/** The theming custom properties of the charts' colours. */
const COLOR_PROPERTIES = {
  target: '--rnn-target-color',
  prediction: '--rnn-prediction-color',
  input: '--rnn-input-color',
  background: '--rnn-background',
  text: '--rnn-text-color',
};

let colorContext = null;
/** Any CSS colour as '#rrggbb' (what a canvas makes of it); undefined for a translucent or invalid one. */
function toHex(css) {
  colorContext ??= document.createElement('canvas').getContext('2d');
  colorContext.fillStyle = '#000001';
  colorContext.fillStyle = css;
  const out = colorContext.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(out) && out !== '#000001' ? out : undefined;
}

// <rnn-playground>: the whole demo as one custom element. Attributes are the settings
// (settings.js FIELDS, kebab-case) and the element's options (OPTIONS below); the markup, the
// styles and the logic live in its shadow root. The element only translates between the DOM
// (attributes, properties, events, visibility) and the demo (demo.js).
import * as engine from './engine.js';
import { createDemo, renderDemo } from './demo.js';
import {
  CHARTS, CONTROLS, FIELDS, FIELD_NAMES, defaults, fieldOfAttribute, fieldOfUrlKey, isTrainerSetting, layoutSettings, meantAttribute, nearestName, parseField,
  parseNameList, repeatsInQuery, settingText, settingsInQuery, useEngine,
} from './settings.js';
import { errorText } from './messages.js';
import { styleSheet } from './element-style.js';
import { REDUCED_MOTION, reducedMotion, showPlaying } from './view.js';
import { bindKeyboard } from './keyboard.js';
import { CATALOGS, Translator, loadLocale, resolveLocale } from './i18n.js';

/**
 * The element's own attributes (besides the settings and `lang`, which it follows as any
 * element does), each with where else it is read and what it does: `embed`, embed.html reads
 * it from its query too; `url`, the page's URL gives it under sync-url (#option); `layout`, it
 * changes the view's layout; `choices`, the words it takes, the default first.
 */
const OPTION_TABLE = {
  // (Its layout: Play shown where a reader asking for reduced motion holds it back, #controls.)
  autoplay: { embed: true, layout: true },
  controls: { embed: true, url: true, layout: true },
  hide: { embed: true, url: true, layout: true },
  charts: { embed: true, url: true, layout: true },
  weights: { embed: true },
  checkpoint: { embed: true },
  theme: { embed: true, url: true, layout: true, choices: ['auto', 'light', 'dark'] },
  loading: { choices: ['lazy', 'eager'] },
  'sync-url': { layout: true },
  keyboard: { choices: ['element', 'page'] },
};
const optionsWith = (property) => Object.keys(OPTION_TABLE).filter((name) => OPTION_TABLE[name][property]);
/** The element's options (OPTION_TABLE's names). */
export const OPTIONS = Object.keys(OPTION_TABLE);
/** The options embed.html reads from its query. */
export const EMBED_OPTIONS = optionsWith('embed');
/** The options the page's URL gives under sync-url (#option), lang included. */
const URL_OPTIONS = [...optionsWith('url'), 'lang'];
/** The options that take one of a few words, the default first. */
const CHOICES = Object.fromEntries(optionsWith('choices').map((name) => [name, OPTION_TABLE[name].choices]));
/** What `hide="all"` keeps: the buttons and the readouts. */
const KEPT_BY_HIDE_ALL = ['play', 'step', 'reset', 'readouts'];
/** The options that change the view's layout (besides the settings and the language). */
const LAID_OUT_BY = optionsWith('layout');
/** Every attribute the element follows: the settings', its options and `lang`. */
const OBSERVED = Object.freeze([...FIELD_NAMES.map((n) => FIELDS[n].attribute), ...OPTIONS, 'lang']);
/** How far outside the viewport a lazy element starts loading. */
const LAZY_MARGIN = '200px';

/**
 * Makes every element in `root` inert but `keep` (null: none), its ancestors included, which
 * stay usable for it: the siblings along its path are made inert. Returns those elements.
 */
function inertAllBut(root, keep) {
  const made = [];
  const path = new Set();
  for (let node = keep; node && node !== root; node = node.parentElement) path.add(node);
  const walk = (parent) => {
    for (const child of parent.children) {
      if (path.has(child)) walk(child);
      else if (!child.inert) { child.inert = true; made.push(child); }
    }
  };
  walk(root);
  return made;
}

/** The language an element is shown in: its `lang`, else its nearest ancestor's (across shadow roots), else the document's. */
function languageOf(el) {
  for (let node = el; node; node = node.parentElement ?? node.getRootNode?.().host) {
    const lang = node.getAttribute?.('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang;
}

/** HTMLElement where there is a DOM; in Node (a framework rendering pages on the server) a stand-in, so the module loads. */
const Base = globalThis.HTMLElement ?? class {};

/**
 * The `<rnn-playground>` element. Properties and methods: play(), pause(), step(), reset(),
 * stepCount, loss, state, trainer (read only), config. Events (bubbling, composed): ready,
 * step {step, loss}, statechange {state}, diverged, error {message}. See docs/element.md.
 */
export class RnnPlayground extends Base {
  static get observedAttributes() {
    return OBSERVED;
  }

  #shadow;
  #demo = null;
  #state = 'loading';
  #starting = null;      // the promise of a start in progress
  #generation = 0;       // bumps on teardown: a start that finishes after it is dropped
  #wantPlay = false;     // play() before the demo existed
  #noAutoplay = false;   // pause() before autoplay would start: it is off (as a media element's pause())
  #lifetime = null;      // AbortController of the listeners and observers of one connection
  #inView = true;
  #tabHidden = false;
  /**
   * The demo's markup once laid out (renderDemo): inert while the engine loads, so the element
   * has its final size before the demo starts in it; null before (#layOutEarly), or where the
   * host refused it.
   */
  #view = null;
  /** ElementInternals: its state `unlaid` (element-style.js; a page's CSS may use it too: docs/element.md) while only the "Loading…" box shows. */
  #internals;
  /** A layout is queued for the attributes changed in this task (attributeChangedCallback). */
  #layOutQueued = false;
  /** The view waits for the texts of the element's language to be laid out (#layOutEarly). */
  #layOutWhenTexts = false;
  /** The elements made inert while the engine loads (#layOut): all in the view but Play. */
  #loadingInert = null;
  /** Input answered before the demo exists (Play, and Space where the demo's keys will be): aborted when it starts. */
  #loadingInput = null;
  /** The text where the demo is or will be: "Loading…" over the view, or why it could not start. */
  #placeholder;
  /** The placeholder's text: (tr) => string. */
  #placeholderText = null;
  #tr = new Translator('en');
  /** The settings whose attribute `el.config` wrote last (a refusal of its value names it as config's key, not as an attribute). */
  #setByConfig = new Set();
  /** The attribute `el.config = {…}` is setting (attributeChangedCallback takes it: a page's listener setting another meanwhile is not config's). */
  #configWrites = null;
  /** The load of a catalog the language needs (i18n.js loadLocale), while in progress; it never rejects. */
  #loadingLocale = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#internals = this.attachInternals?.() ?? null;
    this.#shadow.adoptedStyleSheets = [styleSheet()];
    // Properties a framework set on the tag before this class was defined are own properties
    // that shadow the accessors: take each one out and set it again through its setter.
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(RnnPlayground.prototype))) {
      if (!d.set || !Object.hasOwn(this, name)) continue;
      const value = this[name];
      delete this[name];
      this[name] = value;
    }
  }

  // --- lifecycle ---

  connectedCallback() {
    if (this.#lifetime) return; // moved within the document: nothing to redo
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#updateLanguage();
    // A change of the document's language (a site's language switch) is followed too.
    const languages = new MutationObserver(() => this.#updateLanguage());
    languages.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    // The attributes it does not read (attributeChangedCallback hears only the others): a
    // misspelt setting or option is said (#misspelt), as the start says those already there.
    const others = new MutationObserver((records) => {
      for (const { attributeName: name } of records) {
        if (!OBSERVED.includes(name)) this.#sayMisspelt(name);
      }
    });
    others.observe(this, { attributes: true });
    // A site's light/dark switch (a class or data- attribute on <html> or <body>: VitePress's,
    // MkDocs Material's, Docusaurus's), or the element's own class or style, may change the
    // theming custom properties the page gives it: the charts follow in the next frame (the
    // colours read once a frame however many attributes change).
    let colorsRead = 0;
    const colors = new MutationObserver(() => {
      colorsRead ||= requestAnimationFrame(() => { colorsRead = 0; this.#demo?.colorsChanged(); });
    });
    for (const node of [document.documentElement, document.body]) if (node) colors.observe(node, { attributes: true });
    colors.observe(this, { attributes: true, attributeFilter: ['class', 'style'] });
    signal.addEventListener('abort', () => {
      languages.disconnect(); others.disconnect(); colors.disconnect(); cancelAnimationFrame(colorsRead);
    });
    for (const { name } of this.attributes) this.#warnMisspelt(name);
    this.#showPlaceholder((tr) => tr.t('loading'));
    this.#unlaid(true);
    RnnPlayground.#layOutAtNextFrame(this);
    // Play (#layOut) and, from the start on, Space answer before the demo exists (#start).
    this.#loadingInput = new AbortController();
    signal.addEventListener('abort', () => this.#loadingInput?.abort());

    const tab = () => {
      this.#tabHidden = document.visibilityState === 'hidden';
      this.#updateSuspension();
    };
    document.addEventListener('visibilitychange', tab, { signal });
    tab();
    window.matchMedia?.(REDUCED_MOTION).addEventListener?.('change', () => this.#reducedMotionChanged(), { signal });

    // Without IntersectionObserver (older WebViews, jsdom): in view, and started at once.
    if (typeof IntersectionObserver !== 'function') {
      this.#inView = true;
      this.#start();
      return;
    }
    // In view: trains; out of view: holds (also until the observer's first report, which comes
    // with the next rendered frame). Lazy: starts when the element first nears the viewport.
    this.#inView = false;
    const view = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      this.#inView = entry.isIntersecting;
      this.#updateSuspension();
    });
    view.observe(this);
    const near = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        near.disconnect();
        // Laid out before the engine is there (it may still be loading): out of sight yet.
        if (!this.#view) this.#layOutEarly();
        this.#start();
      }
    }, { rootMargin: LAZY_MARGIN });
    if (this.#choice('loading') === 'eager' || this.#wantPlay) this.#start();
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
    const field = fieldOfAttribute(name);
    if (field) {
      const byConfig = this.#configWrites === name;
      this.#configWrites = null;
      if (byConfig) this.#setByConfig.add(field);
      else this.#setByConfig.delete(field);
    }
    // A setting's attribute set again to the value it holds still applies once the demo runs:
    // the reader may have changed that setting with its control since (el.config = {…} and
    // setAttribute() ask for the attribute's value; #applySetting changes nothing where the
    // setting has it).
    if (oldValue === value && !(field && this.#demo)) return;
    if (name === 'lang') {
      if (this.#lifetime) this.#updateLanguage();
      return;
    }
    if (name === 'loading' && this.#choice('loading') === 'eager' && this.#lifetime) this.#start();
    const demo = this.#demo;
    if (!demo) {
      if (name === 'autoplay') this.#showPlayIntent();
      // Read when the demo starts; the view is laid out for it meanwhile (once for a script's
      // several changes: `el.config = {…}` sets an attribute per setting).
      if (this.#view && (field || LAID_OUT_BY.includes(name)) && !this.#layOutQueued) {
        this.#layOutQueued = true;
        queueMicrotask(() => { this.#layOutQueued = false; this.#layOutEarly(); });
      }
      return;
    }
    if (field) {
      this.#applySetting(field, value);
    } else if (name === 'controls' || name === 'hide' || name === 'charts') {
      // Only this attribute's value is reported (another list's error is not new).
      demo.showParts(this.#controls({ changed: name }), this.#charts({ changed: name }));
    } else if (name === 'theme') {
      demo.setTheme(this.#theme());
    } else if (name === 'keyboard') {
      demo.setKeyboardTarget(this.#keyboardTarget());
    } else if (name === 'sync-url') {
      // The URL's options win under it (#option), its settings were read at the start: the
      // options as they are now, and the settings written to the URL from now on, or no longer.
      demo.showParts(this.#controls(), this.#charts());
      demo.setTheme(this.#theme());
      this.#updateLanguage();
      demo.setSyncUrl(value !== null);
    } else if (name === 'weights' || name === 'checkpoint') {
      if (value) this.#fetchInto(name, value);
      else if (this.#fetching?.kind === name) this.#dropFetch();
    } else if (name === 'autoplay') {
      this.#autoplayWaits = this.#autoplayHeldBack();
      this.#followAutoplay(demo, { changed: name }, value !== null && !this.#autoplayWaits);
    }
  }

  /**
   * `autoplay` or the reader's reduced-motion preference changed: Play shown or not as #controls
   * says now (`report`: #nameList's), and the run started where `start` (a file the run starts
   * from decides itself, once in: demo.autoplayChanged).
   */
  #followAutoplay(demo, report, start) {
    demo.showParts(this.#controls(report), this.#charts(report));
    if (demo.waitingForFile) demo.autoplayChanged();
    else if (start) demo.play();
  }

  /**
   * The reader's reduced-motion preference changed (the system's setting, while the page is
   * open): Play shown or not as #controls says now (shown from now on where it came while a run
   * plays), and where it no longer holds autoplay back, the run autoplay waited to start
   * (#autoplayWaits) starts, as autoplay asked.
   */
  #reducedMotionChanged() {
    const demo = this.#demo;
    if (!demo) {
      if (this.#view) this.#layOutEarly();
      return;
    }
    this.#notesMotion();
    this.#followAutoplay(demo, undefined, this.#autoplayWaits && !reducedMotion());
  }

  async #start() {
    if (this.#demo || this.#starting || !this.#lifetime) return;
    const generation = this.#generation;
    // Space where the demo's keys will be (the page's, with keyboard="page") is kept for the
    // start as a press of Play is: bound now, not at connection, so that an element far down a
    // page, not started yet, leaves the page's Space to the page and to the demos running. (A
    // start runs once until the demo exists; after a failed one the signal is aborted.)
    bindKeyboard(this.#keyboardTarget(), { togglePlay: () => this.#togglePlayIntent() }, this.#loadingInput.signal);
    // The engine without its file methods: the element's file actions run them in the files
    // worker (file-methods.js), el.pause() loads them here for el.trainer.
    this.#starting = engine.ready({ files: false });
    try {
      await this.#starting;
      // The texts' catalog, where the language's is still loading (beside the wasm; it never
      // rejects): a start still in progress meanwhile, which play() or Play does not begin again.
      if (this.#loadingLocale) await this.#loadingLocale;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#starting = null;
      this.#failToStart((tr) => loadFailure(tr, err));
      return;
    } finally {
      if (generation === this.#generation) this.#starting = null;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    useEngine(engine);

    let demo;
    try {
      demo = this.#createDemo();
    } catch (err) {
      // A host that refuses what the demo needs (a Trusted Types or CSP rule, a missing API).
      this.#failToStart((tr) => tr.t('start.failed', { reason: tr.error(err) }));
      return;
    }
    if (!demo) {
      this.#setState('error');
      return;
    }
    this.#demo = demo;
    this.#setState(demo.state);
    // (A warning: shown, with no error event.)
    for (const [key, message, warning] of this.#startErrors) {
      if (warning) demo.say(key, message, 'warning');
      else demo.fail(key, message);
    }
    this.#updateSuspension();
    // The file the run starts from, if any (a checkpoint before weights): from here, Play and
    // play() (a ready listener's too) wait for it.
    const file = ['checkpoint', 'weights'].find((kind) => this.getAttribute(kind));
    const url = file && this.getAttribute(file);
    const waited = file && demo.waitForFile(() => this.#willPlay(), loadingMessage(file, url));
    if (file) this.#fetchInto(file, url);
    this.#emit('ready', {});
    if (waited) await waited;
    else if (this.#willPlay()) demo.play();
    if (this.#demo !== demo) return;
    this.#autoplayWaits = this.#autoplayHeldBack() && !this.#noAutoplay && !this.#wantPlay;
    this.#wantPlay = false;
    this.#noAutoplay = false;
  }

  /** Whether the demo plays once it starts: play() was called (or Play pressed) since, or `autoplay` and no pause(). */
  #willPlay() {
    return this.#wantPlay || (this.hasAttribute('autoplay') && !this.#autoplayHeldBack() && !this.#noAutoplay);
  }

  /** Whether `autoplay` is set but held back: the reader asks for reduced motion (Play is shown then, #controls). */
  #autoplayHeldBack() {
    return this.hasAttribute('autoplay') && reducedMotion();
  }

  /**
   * A run played while the reader asked for reduced motion (started by Play, play() or before
   * the preference came): Play stays shown (#controls) from then on, so that what moves can be
   * paused, whatever `controls`, `hide` and `autoplay` say or come to say (and a run the reader
   * paused so can be played again once the preference goes: no frozen element).
   */
  #movedUnderReducedMotion = false;

  /**
   * `autoplay` held back by reduced motion (at the start, or set under it) and the run not
   * started since (by Play, play() or a file's load) nor paused by a script: it starts where
   * the preference goes (#reducedMotionChanged).
   */
  #autoplayWaits = false;

  /** Whether a run moves under reduced motion for the first time now (#movedUnderReducedMotion set then). */
  #notesMotion() {
    if (this.#movedUnderReducedMotion || this.#state !== 'running' || !reducedMotion()) return false;
    this.#movedUnderReducedMotion = true;
    return true;
  }

  /** The invalid attributes found at the start: [key, (tr) => message, 'warning' where it is one]. */
  #startErrors = [];
  /** Unknown names given to el.config before the demo existed: [key, (tr) => message], shown at the start. */
  #configErrors = [];

  /** The demo for the attributes in the view (null when no trainer could be built); throws where the host refuses the DOM it builds. */
  #createDemo() {
    if (!this.#view) this.#layOut();
    const view = this.#view;
    const errors = this.#configErrors.splice(0);
    this.#startErrors = errors;
    const settings = this.#initialSettings(errors);
    // Read at connection, before there was a demo to show its message.
    this.#choice('loading', { errors });
    const demo = createDemo(view, engine, {
      tr: this.#tr,
      settings,
      controls: this.#controls({ errors }),
      charts: this.#charts({ errors }),
      theme: this.#theme({ errors }),
      colors: () => this.#colors(),
      syncUrl: this.hasAttribute('sync-url'),
      keyboardTarget: this.#keyboardTarget({ errors }),
      onState: (state) => this.#setState(state),
      onStep: (step, loss) => this.#emit('step', { step, loss }),
      onDiverged: ({ lr, lower, advised }) => {
        this.#emit('diverged', { step: this.stepCount });
        // The reader cannot lower it: the page's author can, who reads the console.
        const key = this.hasAttribute('sync-url') ? 'console.diverged.url' : 'console.diverged';
        if (!advised) this.#tellAuthor((tr) => tr.t(key, { lr, lower }), 'info');
      },
      onError: (message) => this.#emit('error', { message }),
    });
    this.#removePlaceholder();
    this.#endLoadingLayout();
    this.#loadingInput.abort();
    return demo;
  }

  /**
   * Lays out the demo's markup as the attributes say (settings, parts, theme, language), inert
   * and dimmed under "Loading…" until the engine starts, so that nothing on the page moves then.
   * Throws where the host refuses that DOM (a Trusted Types or CSP rule, a missing API).
   */
  #layOut() {
    const holder = document.createDocumentFragment();
    const view = renderDemo(holder, {
      tr: this.#tr, controls: this.#controls(), charts: this.#charts(),
      settings: layoutSettings(this.#settingTexts()),
    });
    const theme = this.#theme();
    if (theme !== 'auto') view.root.dataset.theme = theme;
    // Inert: no focus, clicks or typing before the demo can answer them, but for Play: a tap on
    // it is kept for the start (as play() is), and the button says so. The placeholder, beside
    // the layout, stays readable (role status).
    const play = this.#controls().has('play') ? view.actions.play : null;
    this.#endLoadingLayout();
    this.#loadingInert = inertAllBut(view.root.querySelector('.rd-layout'), play);
    play?.addEventListener('click', () => this.#togglePlayIntent(), { signal: this.#loadingInput.signal });
    // Not aria-busy: a screen reader may hold back what changes inside a busy region, Play's label among it.
    view.root.dataset.loading = '';
    const hadFocus = this.#view && this.#shadow.activeElement === this.#view.actions.play;
    this.#view?.root.remove();
    this.#shadow.append(holder);
    if (hadFocus) play?.focus();
    this.#view = view;
    this.#showPlayIntent();
    // From the next frame on: the page's layout that grows it still passes over it.
    requestAnimationFrame(() => this.#unlaid(false));
    // "Loading…" over the view: the same node each time (a screen reader's status, said once).
    this.#showPlaceholder((tr) => tr.t('loading'));
  }

  /**
   * Lays the view out (again) while the engine loads: at the first frame for an element near the
   * viewport (#layOutAtNextFrame), when it nears it, and when its attributes or language change
   * meanwhile; where its language's texts are still loading, once they are. A host that refuses
   * the DOM is told when the demo starts (#start), once.
   */
  #layOutEarly() {
    if (!this.#lifetime || this.#demo || this.#state !== 'loading') return;
    // Laid out in the element's language only: in English first, it would be laid out again,
    // at another size, once its texts come.
    this.#layOutWhenTexts = Boolean(this.#loadingLocale);
    if (this.#layOutWhenTexts) return;
    try {
      this.#layOut();
    } catch {
      // #createDemo lays it out again, and #start reports why it could not.
    }
  }

  /** The elements connected since the last frame's start (#layOutAtNextFrame), or null. */
  static #connected = null;

  /**
   * At the next frame, before it is painted, the elements connected meanwhile that are near the
   * viewport (as a lazy one starts: LAZY_MARGIN) lay out their view, so the page shows them at
   * their size from its first paint on. The others keep the "Loading…" box until they near it
   * (laid out when they start, out of sight): laying out every element of a long page at once
   * would hold its first frame up (6 to 11 ms an element here).
   */
  static #layOutAtNextFrame(el) {
    if (!RnnPlayground.#connected) {
      RnnPlayground.#connected = [];
      requestAnimationFrame(() => {
        const margin = parseFloat(LAZY_MARGIN);
        // Every position first, then the layouts: one style and layout pass for the reads.
        const near = RnnPlayground.#connected.filter((e) => {
          const r = e.getBoundingClientRect();
          // No box (display: none, or in a closed <details>): laid out when it nears the viewport.
          return (r.width > 0 || r.height > 0) && r.bottom >= -margin && r.top <= innerHeight + margin;
        });
        RnnPlayground.#connected = null;
        for (const e of near) e.#layOutEarly();
      });
    }
    RnnPlayground.#connected.push(el);
  }

  /** While the engine loads, Play says what a press does: Pause where the demo will play once started. */
  #showPlayIntent() {
    if (this.#loadingInert) showPlaying(this.#view, this.#tr, this.#willPlay());
  }

  /** Play pressed (or Space) before the demo exists: it will play once started, or no longer will. */
  #togglePlayIntent() {
    if (this.#willPlay()) this.pause();
    else this.play();
  }

  /** The view is no longer inert (the demo starts in it, or it goes): #layOut's marks undone. */
  #endLoadingLayout() {
    if (!this.#loadingInert) return;
    for (const el of this.#loadingInert) el.inert = false;
    delete this.#view.root.dataset.loading;
    this.#loadingInert = null;
  }

  /** Where the demo's keys are listened to: the page (`keyboard="page"`) or the element. `report`: #choice's. */
  #keyboardTarget(report) {
    return this.#choice('keyboard', report) === 'page' ? document : this;
  }

  /** Could not start: the placeholder says why (`text(tr)`) in the view's place, state `error`, an `error` event. */
  #failToStart(text) {
    this.#removeView();
    // Its message is its size now: a page's height held for it (:state(unlaid)) is let go; Play
    // and Space no longer start it.
    this.#unlaid(false);
    this.#loadingInput?.abort();
    this.#showPlaceholder(text, true);
    this.#setState('error');
    this.#emit('error', { message: text(this.#tr) });
  }

  /**
   * Follows the language (`lang` here or above, or the page's `?lang=` with sync-url): every
   * text is written again; a language whose catalog is not loaded yet is followed once it is
   * (the demo starts once it is: #start).
   */
  #updateLanguage() {
    const tag = this.#option('lang') || languageOf(this);
    const locale = resolveLocale(tag);
    if (!CATALOGS[locale]) {
      this.#loadingLocale ??= loadLocale(locale).then(
        () => { this.#loadingLocale = null; if (this.#lifetime) this.#updateLanguage(); },
        (err) => {
          this.#loadingLocale = null;
          console.warn(`rnn-playground: the ${locale} texts did not load (${err?.message ?? err}); showing English`);
          this.#writePlaceholder();
        },
      ).then(() => { if (this.#layOutWhenTexts) this.#layOutEarly(); });
      this.#writePlaceholder();
      return;
    }
    const tr = new Translator(locale);
    if (tr.locale === this.#tr.locale) return;
    this.#tr = tr;
    if (this.#demo) this.#demo.setLocale(tr);
    else if (this.#view) this.#layOutEarly();
    else this.#writePlaceholder();
  }

  #teardown() {
    this.#generation += 1;
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#starting = null;
    this.#noAutoplay = false;
    this.#autoplayWaits = false;
    this.#movedUnderReducedMotion = false;
    this.#fetching?.controller.abort();
    this.#demo?.destroy();
    this.#demo = null;
    this.#removeView();
    this.#setState('loading');
  }

  /** Shows `text(tr)`: over the view while it loads, else where the demo would be (why it could not start). */
  #showPlaceholder(text, isError = false) {
    this.#placeholderText = text;
    if (!this.#placeholder) {
      this.#placeholder = document.createElement('p');
      this.#placeholder.setAttribute('part', 'placeholder');
      this.#placeholder.setAttribute('role', 'status');
    }
    // Over the view, within its colours and theme (.rd-loading); else a box of its own.
    this.#placeholder.className = this.#view ? 'rd-loading' : 'rd-placeholder';
    (this.#view?.root ?? this.#shadow).append(this.#placeholder);
    this.#placeholder.dataset.kind = isError ? 'error' : 'info';
    this.#writePlaceholder();
  }

  /**
   * The placeholder's text in the element's language; while that language's texts load, none
   * ("Loading…" in English first would be a flash of another language), unless it says why the
   * demo could not start.
   */
  #writePlaceholder() {
    const p = this.#placeholder;
    if (!p) return;
    p.textContent = this.#loadingLocale && p.dataset.kind !== 'error' ? '' : this.#placeholderText(this.#tr);
  }

  /**
   * Whether only the "Loading…" box shows (a box that grows when the view is laid out): the
   * page's scroll anchoring then passes over the element (`overflow-anchor: none`), and keeps
   * the text after it in place where it grows at the top of the viewport, as the reader scrolls
   * up to it.
   */
  #unlaid(on) {
    try {
      if (on) this.#internals?.states.add('unlaid');
      else this.#internals?.states.delete('unlaid');
    } catch {
      // A browser without custom states (or with the older --unlaid only): anchoring as before.
    }
  }

  #removePlaceholder() {
    this.#placeholder?.remove();
    this.#placeholder = null;
  }

  /** Takes the view (a demo's already destroyed) and the placeholder out. */
  #removeView() {
    this.#endLoadingLayout();
    this.#view?.root.remove();
    this.#view = null;
    this.#removePlaceholder();
  }

  // --- attributes ---

  /**
   * The starting settings: defaults, then the attributes, then (with sync-url) the page's URL
   * query. An invalid value keeps the field's default and adds [key, message] to `errors`, as a
   * setting or option the URL gives more than once does (#urlRepeats).
   */
  #initialSettings(errors) {
    const settings = defaults();
    errors.push(...this.#urlRepeats());
    for (const { name } of this.attributes) {
      const message = this.#misspelt(name);
      if (message) errors.push([`attribute-name:${name}`, message, 'warning']);
    }
    for (const [name, text, where, called] of this.#settingTexts()) {
      const r = parseField(name, text, this.#tr);
      if (r.ok) settings[name] = r.value;
      else errors.push([`${where === 'url' ? 'url' : 'attribute'}:${name}`, invalidMessage(where, name, text, called)]);
    }
    return settings;
  }

  /**
   * The warning for an attribute the element does not read that means one it does (settings.js
   * meantAttribute: learning-rate="0.1" for lr, hiddenSize for hidden-size), as (tr) => text; else
   * null (the page's own attributes, a framework's, HTML's).
   */
  #misspelt(name) {
    const value = this.getAttribute(name);
    const meant = value === null ? undefined : meantAttribute(name, OBSERVED);
    if (!meant) return null;
    const written = (n) => (value === '' ? n : `${n}="${value}"`);
    return (tr) => tr.t('attribute.unknown', { given: written(name), meant: written(meant) });
  }

  /**
   * An attribute the element does not read: the page's author told in the console where it
   * means one that it does (#misspelt), or where it is HTML's hidden given a size (hidden="16",
   * as the URL's ?hidden=16: it hides the element, whose own message would not show). Returns
   * #misspelt's warning.
   */
  #warnMisspelt(name) {
    const value = this.getAttribute(name);
    if (name === 'hidden' && value !== null && value.trim() !== '' && Number.isFinite(Number(value))) {
      this.#tellAuthor((tr) => tr.t('console.hiddenSize', { value }));
    }
    const message = this.#misspelt(name);
    if (message) this.#tellAuthor(message);
    return message;
  }

  /**
   * Tells the page's author `text` ((tr) => text) in the console (`level`: console's method),
   * in the element's language, as the element says its messages: once its texts have loaded
   * where they are loading (an author of a page in Chinese reads Chinese).
   */
  #tellAuthor(text, level = 'warn') {
    const tell = () => console[level](`<rnn-playground>: ${text(this.#tr)}`);
    if (this.#loadingLocale) this.#loadingLocale.then(tell);
    else tell();
  }

  /** An attribute the element does not read set or removed: its warning shown or cleared (the demo's; the start reads them all). */
  #sayMisspelt(name) {
    const message = this.#warnMisspelt(name);
    const key = `attribute-name:${name}`;
    if (message) this.#demo?.say(key, message, 'warning');
    else this.#demo?.clearMessage(key);
  }

  /** [key, (tr) => message, 'warning'] for each setting or option the URL gives more than once (with sync-url): which value is read. */
  #urlRepeats() {
    const pair = ([key, text]) => `${key}=${text}`;
    return this.#urlQuery().repeated.map(([name, used, passed]) => [`url:${name}:repeated`, (tr) => tr.t('url.repeated', {
      named: FIELDS[name] ? tr.settingName(name, used[0]) : name, used: pair(used), passed: tr.list(passed.map(pair)),
    }), 'warning']);
  }

  /**
   * The settings given as text, in the order they apply: [name, text, 'attribute' | 'config' |
   * 'url', the key it was written under] (with sync-url, the URL's come last).
   */
  #settingTexts() {
    const texts = [];
    for (const name of FIELD_NAMES) {
      const text = this.getAttribute(FIELDS[name].attribute);
      if (text !== null) texts.push([name, text, ...this.#writtenBy(name)]);
    }
    for (const [name, text, key] of this.#urlQuery().texts) texts.push([name, text, 'url', key]);
    return texts;
  }

  /**
   * What the page's URL query gives, none without sync-url: { texts: its settings
   * (settingsInQuery), repeated: the settings and the options (URL_OPTIONS) it gives more than once }.
   */
  #urlQuery() {
    if (!this.hasAttribute('sync-url')) return { texts: [], repeated: [] };
    const params = new URLSearchParams(location.search);
    const { texts, repeated } = settingsInQuery(params);
    return { texts, repeated: [...repeated, ...repeatsInQuery(params, URL_OPTIONS)] };
  }

  /** Where setting `name`'s attribute was written and under which key: ['config', name] (el.config) or ['attribute', its attribute]. */
  #writtenBy(name) {
    return this.#setByConfig.has(name) ? ['config', name] : ['attribute', FIELDS[name].attribute];
  }

  /** A setting's attribute changed: applied as its control would; an invalid value falls back to the default. */
  #applySetting(field, text) {
    const demo = this.#demo;
    let value = FIELDS[field].default;
    if (text !== null) {
      const r = parseField(field, text, this.#tr);
      if (r.ok) {
        value = r.value;
        demo.clearMessage(`attribute:${field}`);
      } else {
        const [where, called] = this.#writtenBy(field);
        demo.fail(`attribute:${field}`, invalidMessage(where, field, text, called));
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

  /**
   * The controls to show: `controls` (default all) less `hide` (`all`: everything but the buttons
   * and readouts). `report` says where an unknown name goes (#nameList).
   */
  #controls(report) {
    const shown = this.#nameList('controls', CONTROLS, report).names;
    // Read (and its message cleared) whatever it is: none, all, or names.
    const { names } = this.#nameList('hide', CONTROLS, report, 'none');
    const all = this.#option('hide')?.trim().toLowerCase() === 'all';
    for (const name of all ? CONTROLS.filter((c) => !KEPT_BY_HIDE_ALL.includes(c)) : names) shown.delete(name);
    // Autoplay held back (a reader who asks for reduced motion): Play shown, whatever the lists
    // say, so that the run can still start (and pause) by hand; and once a run moved under that
    // preference, so that it can be paused.
    if (this.#autoplayHeldBack() || this.#movedUnderReducedMotion) shown.add('play');
    return shown;
  }

  #charts(report) {
    return this.#nameList('charts', CHARTS, report).names;
  }

  /**
   * The names `option` lists (parseNameList, `fallback` where none is known). Its unknown names
   * are a message: pushed to `report.errors` where given (the start), else shown (and its message
   * cleared where there are none), unless `report.changed` names another option.
   */
  #nameList(option, known, { errors, changed } = {}, fallback = 'all') {
    const r = parseNameList(this.#option(option), known, fallback);
    if (changed !== undefined && changed !== option) return r;
    this.#reportOption(option, r.unknown.length ? (tr) => tr.plural('invalid.list', r.unknown.length, {
      option, names: tr.list(r.unknown.map((n) => meant(tr, n, known))), known: tr.list(known),
    }) : null, errors);
    return r;
  }

  /**
   * The message of `option`'s value (`message(tr)`, or null where it is valid): pushed to
   * `errors` where given (the start: shown with the demo), else shown (and an error event)
   * unless it shows already, or cleared.
   */
  #reportOption(option, message, errors) {
    const key = `option:${option}`;
    if (errors) {
      if (message) errors.push([key, message]);
    } else if (message) {
      if (this.#demo?.messageText(key) !== message(this.#tr)) this.#demo?.fail(key, message);
    } else {
      this.#demo?.clearMessage(key);
    }
  }

  /** The theme: `theme`, or with sync-url the URL's. `report`: #choice's. */
  #theme(report) {
    return this.#choice('theme', report, this.#option('theme'));
  }

  /**
   * The word option `option` (CHOICES) takes, from `text` (default: its attribute), lower-cased;
   * its default where it has none. An invalid one is the default, with a message: pushed to
   * `report.errors` where given (the start), else shown; a valid one clears that message.
   */
  #choice(option, { errors } = {}, text = this.getAttribute(option)) {
    const choices = CHOICES[option];
    const value = text?.trim().toLowerCase() ?? choices[0];
    const valid = choices.includes(value);
    this.#reportOption(option, valid ? null : (tr) => tr.t('invalid.choice', {
      option, value: meant(tr, text, choices), choices: tr.list(choices), fallback: choices[0],
    }), errors);
    return valid ? value : choices[0];
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

  /** The fetch of a `weights` or `checkpoint` URL under way (#fetchInto), or null: { kind, controller (an AbortController) }. */
  #fetching = null;

  /**
   * Fetches the `weights` (JSON or safetensors) or `checkpoint` (`kind`) URL and imports it;
   * errors are shown and reported. The file is dropped if another is asked for, the run is
   * replaced (an import, Reset, a new network) or the element is taken down before it is in:
   * the later choice wins. While the demo waits for the file its run starts from
   * (demo.waitForFile), this is that file (a new URL replaces the one awaited): its failure
   * ends the wait, and says that the run starts from the seed's weights.
   */
  async #fetchInto(kind, url) {
    const demo = this.#demo;
    // The choice dates from now: a file the reader imports while this one downloads wins.
    const ticket = demo.importTicket();
    const atStart = demo.waitingForFile;
    // "Loading weights from …": the run waits for it where it starts from it, else goes on.
    const loading = loadingMessage(kind, url);
    if (atStart) demo.waitInstead(loading);
    else demo.sayFile(loading);
    this.#fetching?.controller.abort();
    const fetching = this.#fetching = { kind, controller: new AbortController() };
    const signal = fetching.controller.signal;
    const listening = new AbortController();
    demo.runSignal.addEventListener('abort', () => fetching.controller.abort(), { signal: listening.signal });
    try {
      const res = await fetch(new URL(url, document.baseURI), { signal }).catch((err) => {
        throw new NoAnswer(errorText(err), { cause: err });
      });
      if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status} ${res.statusText}`.trim()), { status: res.status, statusText: res.statusText });
      // JSON, safetensors or .npz, judged by the engine from the content; as a Blob, which the files
      // worker reads (an 89 MB body read into an ArrayBuffer here held the page up 100 ms and more).
      const body = await res.blob();
      if (kind === 'weights') await demo.importWeights(body, url, { signal, ticket });
      else await demo.importCheckpoint(body, url, { signal, ticket });
    } catch (err) {
      if (!signal.aborted) demo.sayFile((tr) => fetchFailure(tr, kind, url, err, atStart), 'error');
    } finally {
      // Dropped (a later file, a new run, the attribute removed): its message goes with it.
      if (signal.aborted) demo.clearMessage('file', loading);
      if (this.#fetching === fetching) this.#fetching = null;
      listening.abort();
    }
    // Not in (it failed, or was dropped for a later import), and not replaced: a run that was
    // to start from it waits no longer. (Where it landed, its run ended the wait.)
    if (!signal.aborted) demo.endWait();
  }

  /** The `weights` or `checkpoint` being fetched was removed: its file is dropped (a run awaiting it starts from the seed's weights). */
  #dropFetch() {
    this.#fetching.controller.abort();
    this.#fetching = null;
    this.#demo.endWait();
  }

  // --- state, events, visibility ---

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    if (state === 'running') this.#autoplayWaits = false;
    if (this.#notesMotion()) this.#demo?.showParts(this.#controls(), this.#charts());
    this.#emit('statechange', { state });
  }

  #emit(type, detail) {
    // An error in the console too, where an author looks first (as a misspelt attribute is).
    if (type === 'error') console.warn(`<rnn-playground>: ${detail.message}`);
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #updateSuspension() {
    this.#demo?.suspend(!this.#inView || this.#tabHidden);
  }

  // --- the public API ---

  /**
   * Starts training: loading the engine first if it has not started yet; while a `weights` or
   * `checkpoint` URL loads, once it is in.
   */
  play() {
    if (this.#demo) this.#demo.play();
    else {
      this.#wantPlay = true;
      this.#showPlayIntent();
      this.#start();
    }
  }

  /**
   * Pauses training. Returns a Promise that resolves once `trainer` holds the whole state
   * (at once, unless the run was training in the worker: it comes back in a few ms) and its
   * file methods (exportWeights, importWeights, exportCheckpoint, importCheckpoint,
   * pytorchScript) are loaded here (the element's own file actions run them in the files
   * worker, so a large network's export or import does not hold the page up).
   * Never rejects: where the files build does not load (offline, a copy without pkg/files/),
   * it resolves all the same, and the file methods throw an Error that says they are not loaded.
   * Called before autoplay starts (before the engine is loaded, from a `ready` listener, while
   * a `weights` or `checkpoint` URL loads), it keeps `autoplay` from starting (as a media
   * element's); an element removed and added again starts afresh.
   */
  pause() {
    this.#wantPlay = false;
    this.#noAutoplay = true;
    this.#autoplayWaits = false;
    const demo = this.#demo;
    if (!demo) {
      this.#showPlayIntent();
      return Promise.resolve();
    }
    return Promise.all([demo.pause(), engine.readyFiles().catch(() => {})]).then(() => {});
  }

  /** Trains one window (nothing while a `weights` or `checkpoint` URL loads). */
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
    return this.#demo?.scriptTrainer ?? null;
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
        // With the setting it may mean: a key written as the URL or the attribute writes it
        // (hiddenSize, learning-rate), else one a letter or two off.
        const near = fieldOfUrlKey(name) ?? nearestName(name, FIELD_NAMES);
        const message = (tr) => tr.t(near ? 'invalid.configNameMeant' : 'invalid.configName', { name, meant: near, names: tr.list(FIELD_NAMES) });
        // The demo shows the message and reports it (one error event); before it exists, the
        // start does. Each name its own message (a second had replaced the first's after the start).
        const key = `config-property:${name}`;
        if (this.#demo) this.#demo.fail(key, message);
        else this.#configErrors.push([key, message]);
        continue;
      }
      this.#configWrites = spec.attribute;
      this.setAttribute(spec.attribute, settingText(name, value));
      this.#configWrites = null;
    }
  }
}

/**
 * The message of an invalid setting `name` given as `text` in an attribute, `el.config` or the
 * URL (`where`: attribute, config, url), named as it was written there (`called`: its attribute,
 * its config key, its URL key), as a function of the Translator: "Invalid attribute: Hidden size
 * (hidden-size) must be …; using the default 32."
 */
function invalidMessage(where, name, text, called) {
  return (tr) => tr.t(`invalid.${where}`, {
    reason: parseField(name, text, tr, called).message, fallback: settingText(name, FIELDS[name].default),
  });
}

/**
 * Why the wasm did not load, with what to do: a Content-Security-Policy without
 * 'wasm-unsafe-eval', a page served from file://, a fetch refused for want of CORS headers (an
 * opaque origin: a sandboxed iframe), or else the browser's own words.
 */
function loadFailure(tr, err) {
  const reason = errorText(err);
  if (location.protocol === 'file:') return tr.t('load.file');
  if (err instanceof WebAssembly.CompileError && /unsafe-eval|Content Security Policy|CSP/i.test(reason)) {
    return tr.t('load.csp', { reason });
  }
  if (err instanceof TypeError && (self.origin === 'null' || /fetch|CORS|NetworkError/i.test(reason))) {
    // (The wasm's origin: a bundler may have written a file:// path for import.meta.url.)
    return tr.t('load.cors', { reason, url: new URL(engine.wasmUrl()).origin });
  }
  return tr.t('load.failed', { reason });
}

/** The message shown while the `weights` or `checkpoint` (`kind`) at `url` loads for the run to start from. */
/** `given`, quoted, with the name of `known` it may mean (settings.js nearestName): "stpe" (step?). */
const meant = (tr, given, known) => {
  const name = nearestName(given, known);
  return name ? tr.t('invalid.meant', { given: tr.quoted(given), meant: name }) : tr.quoted(given);
};

const loadingMessage = (kind, url) => (tr) => tr.t(kind === 'weights' ? 'message.loadingWeights' : 'message.loadingCheckpoint', { source: url });

/** The URL schemes a `weights` or `checkpoint` file is fetched from: fetch() reads no other. */
const FETCH_SCHEMES = ['http', 'https', 'data', 'blob'];

/**
 * fetch() got no response the page may read: a server down, an address wrong, or (which the
 * browser does not tell apart) one on another origin that does not let the page read it.
 */
class NoAnswer extends Error {}

/**
 * Why a `weights` or `checkpoint` URL did not load, in the reader's language: its HTTP status;
 * not a URL; no answer (NoAnswer: on another origin than the page's, a sandboxed frame's
 * included, with the CORS header and connect-src to add); a file of the other attribute's (the
 * engine's advice names the reader's buttons); else the error's own words. `atStart`, for the
 * file the run was to start from (it starts from the seed's weights instead).
 */
function fetchFailure(tr, kind, url, err, atStart) {
  const other = kind === 'weights' ? 'checkpoint' : 'weights';
  let address = null;
  try {
    address = new URL(url, document.baseURI);
  } catch {
    // Not a URL (fetch was never called).
  }
  const origin = address?.origin;
  const scheme = address?.protocol.slice(0, -1);
  let reason;
  if (err?.status) {
    reason = tr.t('message.httpStatus', { status: err.status, statusText: tr.httpStatus(err.status, err.statusText) }).trim();
    // The address asked for, where it is not as written (a relative one: the page's base is in it).
    if (address.href !== url) reason = tr.t('message.httpStatusAt', { status: reason, href: address.href });
  } else if (address === null) reason = tr.t('message.urlInvalid');
  else if (!FETCH_SCHEMES.includes(scheme)) reason = tr.t('message.urlScheme', { scheme, schemes: tr.list(FETCH_SCHEMES) });
  else if (err?.code === 'weights.isCheckpoint' || err?.code === 'checkpoint.isWeights') reason = tr.t('message.otherAttribute', { kind: tr.t(`kind.${other}`), attribute: other });
  else if (err instanceof NoAnswer) reason = tr.t(origin === self.origin ? 'message.fetchNoAnswer' : 'message.fetchBlocked', { origin });
  else reason = tr.error(err);
  return tr.t(atStart ? 'message.fetchFailedAtStart' : 'message.fetchFailed', { what: tr.t(`kind.${kind}`), url, reason });
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

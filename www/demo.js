// renderDemo(root, options): the playground's markup inside `root` (the <rnn-playground>
// element's shadow root), laid out before the engine loads; createDemo(view, engine, options)
// brings it to life once it has. The training itself is a DOM-free Session (session.js); a Demo
// wires it to the view and the page's features, each a module of its own: the controls
// (controls.js), the charts (charts.js), the readouts (readouts.js), the file buttons
// (file-actions.js), the PyTorch dialog (pytorch-dialog.js), the chart probes (probe.js), the
// keyboard (keyboard.js), the unrolled view (unrolled.js) and the animation loop (loop.js). It
// reports what happens through `options.on*` callbacks; the element turns them into DOM events.
import { bringIntoView, localize, render, showParts, showPlaying } from './view.js';
import { FIELDS, defaults, settingText, toQuery } from './settings.js';
import { bindControls, showSettings } from './controls.js';
import { Charts } from './charts.js';
import { TrainingLoop } from './loop.js';
import { Messages } from './messages.js';
import { bindProbes, readout } from './probe.js';
import { equationsNodes } from './equations.js';
import { Session } from './session.js';
import { bindReadouts } from './readouts.js';
import { bindFileActions } from './file-actions.js';
import { fileName } from './files.js';
import { bindPytorchDialog } from './pytorch-dialog.js';
import { bindKeyboard } from './keyboard.js';
import { bindUnrolled, layOutUnrolled } from './unrolled.js';
import { RemoteRun, WORKER_TRAINING } from './worker-training.js';
import { runFileMethod } from './file-methods.js';
import { readsRun } from './files-build.js';
import { scriptTrainer } from './script-trainer.js';
import { guessStepMs } from './step-cost.js';

/**
 * A Step whose window takes at least this long (ms: two frames; measured, or guessed before one
 * was) trains in the training worker (RemoteRun.stepAway), not on the main thread.
 */
const STEP_AWAY_MS = 32;

/** The messages' keys of the run's state (a stop rule reached, the run diverged): shown under its buttons. */
const RUN_MESSAGES = ['stop', 'diverged'];

/** Whether the control `name` (settings.js CONTROLS) is shown in `view`: a message says to use it only then. */
const controlShown = (view, name) => view.controls.some((c) => c.dataset.control === name && !c.hidden);

/**
 * The sentence `first`, then the advice for the two controls `a` and `b` shown (booleans): the
 * catalog key `both`, `onlyA` or `onlyB`, or none.
 */
function advised(tr, first, [a, b], [both, onlyA, onlyB]) {
  const advice = a ? (b ? both : onlyA) : b ? onlyB : null;
  return advice ? tr.t('text.sentences', { first, second: tr.t(advice) }) : first;
}

/**
 * The message that the run is at its Stop after limit (`key`: message.stopAfter as it stops,
 * message.atLimit at a Play or Step there; message.pastLimit either way where the limit was
 * lowered past the run's step), with what the reader can do with the controls `shown(name)` says are shown: Reset,
 * raise Stop after, both, or nothing.
 */
function atLimitMessage(tr, key, windows, step, shown) {
  const past = step > windows;
  const stopped = tr.plural(past ? 'message.pastLimit' : key, windows, { windows: tr.count(windows), step: tr.count(step) });
  return advised(tr, stopped, [shown('reset'), shown('stopAfter')], ['message.again.resetOrRaise', 'message.again.reset', 'message.again.raise']);
}

/**
 * The message shown when a stop rule pauses training, in `tr`'s language (`shown`:
 * atLimitMessage's): below the threshold, Play goes on (the rule stops it again after as many
 * windows below), Stop below set to never trains on.
 */
function stopMessage(tr, reason, settings, step, shown) {
  if (reason === 'stopAfter') return atLimitMessage(tr, 'message.stopAfter', settings.stopAfter, step, shown);
  const stopped = tr.plural('message.stopBelow', settings.stopPatience,
    { step: tr.count(step), loss: settings.stopBelow, patience: tr.count(settings.stopPatience) });
  return advised(tr, stopped, [shown('play'), shown('stopBelow')], ['message.below.playOrNever', 'message.below.play', 'message.below.never']);
}

/** The task's description (form and preview chart) and the equations panel, for `settings`, in `tr`'s language. */
function showExplanations(view, settings, tr) {
  const description = tr.choice('task', settings.task, 'description');
  view.taskDescription.textContent = description;
  view.equations.replaceChildren(...equationsNodes(settings, tr));
  view.taskNote.textContent = description ? tr.t('chart.preview.task', { description }) : '';
}

/**
 * The demo's markup in `root` as it will be for `settings`, its texts in `tr`'s language,
 * showing `controls` and `charts` (Sets of settings.js CONTROLS and CHARTS names), its values
 * not yet written. It needs no engine: the element lays it out at once, so the page does not
 * move when the demo starts in it (createDemo).
 * @returns {object} the view (view.js render)
 */
export function renderDemo(root, { tr, controls, charts, settings }) {
  const view = render(root);
  localize(view, tr);
  showParts(view, controls, charts);
  showSettings(view, settings, tr);
  showExplanations(view, settings, tr);
  if (charts.has('unrolled')) layOutUnrolled(view, settings, tr);
  return view;
}

/** Whether messages' area `area` of `view` follows buttons (the run's under Play's or Step inside's, the files' under the Files buttons). */
const followsButtons = (view, area) => [view.runMessages, view.unrolledMessages, view.fileMessages].includes(area);

/**
 * @param {object} view the demo's markup (renderDemo), showing `options.controls` and `options.charts` in `options.tr`'s language
 * @param {object} engine the engine module (engine.js), already ready() (its file methods need
 *   not be: the demo's file actions run them in the files worker, file-methods.js)
 * @param {object} options
 * @param {object} options.settings the starting settings (settings.js FIELDS), each already valid
 * @param {Set<string>} options.controls the controls to show (settings.js CONTROLS)
 * @param {Set<string>} options.charts the charts to show (settings.js CHARTS)
 * @param {import('./i18n.js').Translator} options.tr the texts' language (setLocale changes it)
 * @param {'auto'|'light'|'dark'} [options.theme='auto'] chart colours (auto follows prefers-color-scheme)
 * @param {() => object} [options.colors] the charts' colours, read when they are drawn (see Charts)
 * @param {boolean} [options.syncUrl=false] write settings changes into the page's URL query
 * @param {EventTarget} options.keyboardTarget where Space / → / R are listened to
 * @param {(state: string) => void} [options.onState] loading, ready, running, paused, diverged, error
 * @param {(step: number, loss: number) => void} [options.onStep] after each frame's training (at most once per frame)
 * @param {(why: { lr: number, lower: string, advised: boolean }) => void} [options.onDiverged] the
 *   run's learning rate, the one suggested (a tenth of it, at most the default) as text, and
 *   whether the message advised the reader to lower it (the learning rate and Reset shown)
 * @param {(message: string) => void} [options.onError] every error message the demo shows
 * @returns {Demo | null} the demo, or null when no trainer could be built (the view says why)
 */
export function createDemo(view, engine, options) {
  // Where focus goes once the last message of an area is dismissed from the keyboard: where the
  // area follows buttons (the run's, the files'), the first of them shown (the page stays where
  // the reader is), else the first control shown, else the first other stop of Tab (a chart,
  // the unrolled view).
  const shown = (selector, within = view.root) => [...within.querySelectorAll(selector)].find((c) => !c.disabled && c.getClientRects().length > 0);
  // Where the messages that follow the reader's controls go: the run's under the buttons pressed
  // last (Play, Step; or Step inside's: `unrolled`), a file's under the Files buttons where the
  // reader used them (`files`; a file the page loads, a URL's, in the messages' area).
  const messagesAt = { unrolled: false, files: false };
  const messages = new Messages(view.messages, options.tr, {
    announcer: view.fieldStatus,
    focusAfter: (area) => (followsButtons(view, area) ? shown('button', area.previousElementSibling) : null)
      ?? shown('button, input, select') ?? shown('[tabindex]:not([tabindex="-1"])') ?? null,
    // The run's messages under the buttons that asked for a window, where they are shown (in
    // view when one is pressed, where the messages' area is below the fold: Step inside's, far
    // down the page), a file's under the Files buttons (at the foot of a phone's controls); the
    // others in the messages' area.
    placeOf: (key) => {
      if (key === 'file') return messagesAt.files && controlShown(view, 'files') ? view.fileMessages : view.messages;
      if (!RUN_MESSAGES.includes(key)) return view.messages;
      if (messagesAt.unrolled && options.charts.has('unrolled')) return view.unrolledMessages;
      return ['play', 'step', 'reset'].some((name) => controlShown(view, name)) ? view.runMessages : view.messages;
    },
  });
  const fail = (err) => {
    options.onError?.(messages.show('config', (tr) => tr.t('message.refused', { reason: tr.error(err) }), 'error'));
  };
  let session;
  try {
    session = new Session(engine, options.settings, { trackGradients: options.charts.has('gradients') });
  } catch (err) {
    fail(err);
    options.onState?.('error');
    return null;
  }
  if (session.fallback) {
    fail(session.fallback);
    messages.show('config-fallback', (tr) => tr.t('message.usingDefaults'), 'error');
  }
  return new Demo(view, messages, engine, session, options, messagesAt);
}

/** One playground: the session, the view and the page's features, wired together. */
class Demo {
  #abort = new AbortController();
  #state = 'loading';
  #view;
  #messages;
  #session;
  #options;
  /** The texts' language (i18n.js Translator). */
  #tr;
  /** The charts shown (a Set the Charts read too). */
  #chartNames;
  #charts;
  /** Reads the charts' readouts shown again after a drawing (probe.js bindProbes; nothing until bound). */
  #refreshProbes = () => {};
  #loop;
  #updateReadouts;
  /** The unrolled view and its step inside (unrolled.js). */
  #unrolled;
  /** The run in the training worker (worker-training.js; the worker starts when an element first plays), or null: training on the main thread. */
  #remote = null;
  /**
   * While the file the run starts from loads (waitForFile): `wanted`, what a press (or play(),
   * pause()) asked for since, else null; `autoplay()`, whether the run plays once it is in
   * without one; `waiting`, the message shown; `resolve`, ends waitForFile's Promise. Null
   * otherwise.
   */
  #startFile = null;
  /** Aborted when the run is next replaced (#restarted): see runSignal. */
  #runReplaced = new AbortController();
  /** Imports asked for (#import): one lands only if none was asked for since. */
  #imports = 0;

  /**
   * Where the messages that follow the reader's controls go (createDemo's placeOf reads it): the
   * run's under Step inside's buttons where it asked last (`unrolled`), the file's under the
   * Files buttons where the reader used them last (`files`).
   */
  #messagesAt;

  constructor(view, messages, engine, session, options, messagesAt) {
    this.#messagesAt = messagesAt;
    this.#view = view;
    this.#messages = messages;
    this.#session = session;
    this.#options = options;
    this.#tr = options.tr;
    this.#chartNames = options.charts;
    const signal = this.#abort.signal;
    if (options.theme && options.theme !== 'auto') view.root.dataset.theme = options.theme;
    this.#charts = new Charts(view.canvases, engine, {
      getTrainer: () => session.trainer,
      shown: this.#chartNames,
      theme: options.theme ?? 'auto',
      colors: options.colors,
      labels: this.#tr.chartLabels(),
      signal,
      onError: (err) => this.fail('charts', (tr) => tr.t('message.chartsFailed', { reason: tr.error(err) })),
      onDrawn: () => this.#refreshProbes(),
    });
    if (WORKER_TRAINING) {
      this.#remote = new RemoteRun(session, {
        trackGradients: () => this.#chartNames.has('gradients'),
        heavy: () => this.#holdsPageUp(1),
        onBack: (shownStep) => this.#back(shownStep),
      });
    }
    this.#loop = new TrainingLoop((n) => this.#train(n), (loss) => this.#afterTraining(loss), this.#remote);
    this.#updateReadouts = bindReadouts(view, session, this.#loop, () => this.#tr);
    this.#unrolled = bindUnrolled(view, session, {
      tr: () => this.#tr,
      shown: () => this.#chartNames.has('unrolled'),
      pause: () => this.pause(),
      exact: (fn) => this.#exact(fn),
      want: (what, on) => this.#remote?.need(what, on),
      mayTrain: () => {
        this.#messagesAt.unrolled = true;
        return this.#mayTrain();
      },
      traceStep: (fn) => this.#traceStep(fn),
      signal,
    });
    this.#bind(engine, signal);
    // The system's dark mode, which the theme 'auto' follows.
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#themeChanged(), { signal });
    // First paint.
    this.#restarted();
  }

  /** The view's controls, buttons and features, bound to this demo. */
  #bind(engine, signal) {
    const view = this.#view, session = this.#session;
    bindControls(view, {
      getSettings: () => session.settings,
      onChange: (field, value) => this.change(field, value, { fromControl: true }),
      onInvalid: (field, message) => this.#refuse(field, message, true),
      tr: () => this.#tr,
      signal,
    });
    // A field's value changed, or typed again: its message goes (a valid value, or a new refusal, follows).
    for (const type of ['change', 'input']) {
      view.root.addEventListener(type, (e) => {
        const field = e.target?.dataset?.field;
        if (field) this.#messages.clear(`input:${field}`);
      }, { signal, capture: true });
    }
    const on = (action, handler) => view.actions[action].addEventListener('click', handler, { signal });
    on('play', () => this.#togglePlay());
    on('step', () => this.step());
    on('reset', () => this.reset());
    on('tutorial', () => this.#runTutorial());
    bindFileActions(view, session, {
      exact: (fn) => this.#exact(fn),
      fileMethod: (method, args, options) => this.#fileMethod(method, args, options),
      fail: (text) => this.sayFile(text, 'error', { fromControl: true }),
      clear: (text) => this.#messages.clear('file', text),
      importWeights: (data, name) => this.importWeights(data, name, { fromControl: true }),
      importCheckpoint: (data, name) => this.importCheckpoint(data, name, { fromControl: true }),
      signal,
    });
    bindPytorchDialog(view, () => this.#tr, (method) => this.#fileMethod(method), signal);
    this.#refreshProbes = bindProbes(view.canvases, view.probes, {
      layoutOf: (name) => this.#charts.layouts[name],
      valueAt: (name, at) => readout(name, at, session.trainer, engine, this.#tr),
      pixelRatio: () => this.#charts.options.pixelRatio,
      signal,
    });
    this.setKeyboardTarget(this.#options.keyboardTarget);
  }

  /** Listens for the demo's keys (keyboard.js) on `target` (the element, or the page's document), no longer where it did. */
  setKeyboardTarget(target) {
    this.#keys?.abort();
    const keys = this.#keys = new AbortController();
    this.#abort.signal.addEventListener('abort', () => keys.abort(), { signal: keys.signal });
    bindKeyboard(target, {
      togglePlay: () => this.#togglePlay(),
      // A held → (the key's repeats) steps as fast as the windows come back from the worker,
      // rather than piling up Steps that go on training once the key is let go.
      step: ({ repeat }) => { if (!(repeat && this.#remote?.remote)) this.step(); },
      reset: () => this.reset(),
      phases: this.#unrolled,
      root: this.#view.root,
    }, keys.signal);
  }

  /** The keys' listener (setKeyboardTarget), aborted with the demo or for another target. */
  #keys = null;

  /**
   * Shows an error message in the demo (under `key`, replacing an earlier one) and reports it;
   * `text` is a string or `(tr) => string` (written again when the language changes);
   * `options.field`: the control it is about, under which it shows (Messages.show).
   */
  fail(key, text, options) {
    this.#options.onError?.(this.#messages.show(key, text, 'error', options));
  }

  /**
   * Shows the message of a file (key 'file': loading, imported, or not loaded or exported;
   * `kind` info or error, which is reported as fail() does): under the Files buttons where the
   * reader used them (`fromControl`, they are shown), brought into the window if below it (a
   * phone's), an error there said at once (Messages.show's alert); else (a file the page loads,
   * its URL's) in the messages' area.
   */
  sayFile(text, kind = 'info', { fromControl = false } = {}) {
    this.#messagesAt.files = fromControl;
    const said = this.#messages.show('file', text, kind, { alert: fromControl });
    if (kind === 'error') this.#options.onError?.(said);
    this.#bringInUnder('file');
  }

  /**
   * The message of `key`, where it went under the buttons that asked for it (followsButtons) and
   * they are in the window but it is not (a phone, the buttons at the window's foot), scrolled
   * in: the least that shows it.
   */
  #bringInUnder(key) {
    const el = this.#messages.byKey.get(key);
    if (el && followsButtons(this.#view, el.parentElement)) bringIntoView(el, el.parentElement.previousElementSibling);
  }

  /** The text of the message under `key` while it shows, else undefined. */
  messageText(key) {
    return this.#messages.textOf(key);
  }

  /** Shows an information message (or another `kind`: Messages.show) under `key`, as fail() does an error. */
  say(key, text, kind = 'info') {
    this.#messages.show(key, text, kind);
  }

  /** Clears the message under `key`; with `only`, only while it shows that text (Messages.clear). */
  clearMessage(key, only) {
    this.#messages.clear(key, only);
  }

  #setState(next) {
    if (next === this.#state) return;
    this.#state = next;
    this.#options.onState?.(next);
  }

  /**
   * Calls `fn` once the session's trainer holds the whole state: now, or once the worker
   * sent it back (its training there stops; the loop sends it again if still playing).
   */
  #exact(fn) {
    if (!this.#remote?.remote) return fn();
    this.#remote.stop();
    return this.#settled().then(fn);
  }

  /**
   * Resolves once the session's trainer holds the run (stopped in the worker and back, or back
   * from a Step's trip there) with no Step waiting for it: those go first.
   */
  async #settled() {
    while (this.#remote?.remote || this.#stepsWaiting > 0) await this.#remote.whenExact();
  }

  /**
   * Runs the trainer's file method `method` with `args` (exportWeights, exportCheckpoint,
   * pytorchScript, importWeights, importCheckpoint) on its whole state (taken back from the
   * training worker first, #exact), or for an import on a new Trainer (files-build.js
   * fileMethodSource: the run goes on meanwhile), off the main thread where a worker runs
   * (file-methods.js runFileMethod: the trainer is left as it was). Resolves to { result, exact,
   * stepCount, settings } (the run's step count and settings when it began), or null once the
   * demo is destroyed; rejects with the method's error.
   */
  async #fileMethod(method, args = [], options) {
    const run = () => {
      const { stepCount, settings, trainer } = this.#session;
      return runFileMethod(trainer, method, args, options).then((out) => ({ ...out, stepCount, settings }));
    };
    try {
      const done = await (readsRun(method) ? this.#exact(run) : run());
      return this.#abort.signal.aborted ? null : done;
    } catch (err) {
      // Nothing to say once the demo is gone.
      if (this.#abort.signal.aborted) return null;
      throw err;
    }
  }

  /**
   * A place among the imports asked for: an import lands only if none was asked for after it.
   * The element takes one when it begins to fetch a file (its import then dates from then).
   */
  importTicket() {
    return ++this.#imports;
  }

  /**
   * Runs import `method` (importWeights, importCheckpoint) of `data` from `source` (#fileMethod);
   * resolves to its { result, exact }, or null where it is dropped: the demo destroyed, `signal`
   * aborted, a run started meanwhile (Reset, a new network, another import landed) or another
   * import asked for since `ticket` (importTicket(); taken now if not given): the later choice
   * wins.
   */
  async #import(method, data, source, { signal, ticket = this.importTicket() } = {}) {
    this.#showScripted();
    const run = this.runSignal;
    const done = await this.#fileMethod(method, [data, fileName(source)]);
    return !done || signal?.aborted || run.aborted || ticket !== this.#imports ? null : done;
  }

  /**
   * The run is back from the worker, maybe a few windows past what was shown: they are shown
   * now, and the step event follows on the next frame (at most one a frame), unless playing
   * again by then (the loop reports them).
   */
  #back(shownStep) {
    const session = this.#session;
    if (session.stepCount === shownStep) return;
    // The windows in flight may have reached a stop rule or diverged (their display state was not shown).
    this.#showStopped();
    this.#updateReadouts();
    this.#charts.drawLive();
    this.#unrolled.update(false);
    this.#showPlaying();
    this.#stepEventNextFrame();
  }

  /** The step event on the next frame (one, however many ask before it), unless playing again by then (the loop reports the steps). */
  #stepEventNextFrame() {
    if (this.#stepEvent) return;
    this.#stepEvent = requestAnimationFrame(() => {
      this.#stepEvent = 0;
      if (this.#abort.signal.aborted || this.#loop.running) return;
      this.#reportStep(this.#session.lastLoss);
    });
  }

  /** The requestAnimationFrame of #stepEventNextFrame, or 0. */
  #stepEvent = 0;

  /** The step event, for the step the run is at, unless reported already (a frame or a Step that trained nothing: a stop rule's). */
  #reportStep(loss) {
    if (this.#session.stepCount === this.#reported) return;
    this.#reported = this.#session.stepCount;
    this.#options.onStep?.(this.#reported, loss);
  }

  /** The step the last step event reported since the run last started over (-1: none), which #stepEventNextFrame does not report again. */
  #reported = -1;

  /** After training (a frame's or one step): stop rules, readouts, charts, the step event. */
  #afterTraining(loss) {
    this.#showStopped();
    this.#updateReadouts();
    this.#charts.drawLive();
    this.#unrolled.update(this.#loop.running);
    this.#reportStep(loss);
  }

  /** Where the run reached a stop rule or diverged: paused, with the rule's message (or the divergence's). */
  #showStopped() {
    const session = this.#session;
    const reason = session.stopped;
    if (!reason) return;
    this.pause();
    if (reason === 'diverged') {
      this.#showDiverged();
    } else {
      const { settings, stepCount } = session;
      this.#showRunMessage('stop', (tr) => stopMessage(tr, reason, settings, stepCount, (name) => this.#controlShown(name)));
    }
  }

  /** Shows a message of the run (RUN_MESSAGES), brought in where it went under the buttons that asked (Play's, Step inside's). */
  #showRunMessage(key, text, kind) {
    this.#messages.show(key, text, kind);
    this.#bringInUnder(key);
  }

  #controlShown(name) {
    return controlShown(this.#view, name);
  }

  /** The run diverged: the state, the message, Play and Step off, the event (once, as it becomes so). */
  #showDiverged() {
    const view = this.#view;
    const was = this.#state;
    this.#setState('diverged');
    // What to do, where the reader can (the learning rate and Reset shown), else why (what the
    // page can do is the page's author's: onDiverged's).
    const lr = this.#session.settings.lr;
    // A tenth of it, at most the default (SGD at lr 10 diverges at 1 too).
    const lower = settingText('lr', Math.min(Number((lr / 10).toPrecision(2)), FIELDS.lr.default));
    // (Asked again where the controls shown change: Messages.place.)
    const readerCan = () => this.#controlShown('lr') && this.#controlShown('reset');
    this.#showRunMessage('diverged', (tr) => tr.t(readerCan() ? 'message.diverged' : 'message.diverged.page', {
      lr: tr.settingValue('lr', lr), lower,
    }), 'warning');
    view.actions.play.disabled = true;
    view.actions.step.disabled = true;
    if (was === 'diverged') return;
    // What a change before said of this run ("… training goes on at step 0"): no longer so.
    this.#messages.clear('change');
    this.#options.onDiverged?.({ lr, lower, advised: readerCan() });
  }

  /**
   * The state the demo is in when it is not diverged: running, or idle at step 0 or later. Idle
   * only once the trainer holds the whole run: while the worker's window in flight is on its
   * way back, the state stays as it was (pause() shows it when it lands).
   */
  #showPlaying() {
    const playing = this.#loop.running;
    // Paused with the run in the worker or on its way back (a pause, a Step's or Step inside's window): busy.
    const away = !playing && (this.#remote?.remote ?? false);
    showPlaying(this.#view, this.#tr, playing || this.#playsOnceLoaded(), away);
    if (this.#session.diverged || away) return;
    this.#setState(playing ? 'running' : this.#session.stepCount === 0 ? 'ready' : 'paused');
  }

  /**
   * Whether a window may be trained now (Play, Step, Step inside); where not, says why again
   * (the stop-after limit reached, the run diverged), under the buttons pressed last. A
   * stop-below pause does not hold it.
   */
  #mayTrain() {
    // Not from the seed's weights while the file the run starts from loads (its message shows).
    if (this.#startFile) return false;
    const session = this.#session;
    if (session.diverged) {
      this.#showDiverged();
      return false;
    }
    if (session.stopped === 'stopBelow') session.clearStop();
    if (session.stepsLeft() === 0) {
      const windows = session.settings.stopAfter;
      const step = session.stepCount;
      this.#showRunMessage('stop', (tr) => atLimitMessage(tr, 'message.atLimit', windows, step, (name) => this.#controlShown(name)));
      return false;
    }
    return true;
  }

  play() {
    this.#showScripted();
    if (this.#startFile) {
      this.#startFile.wanted = true;
      this.#showPlaying();
      return;
    }
    const session = this.#session, loop = this.#loop, messages = this.#messages;
    this.#messagesAt.unrolled = false;
    if (loop.running || !this.#mayTrain()) return;
    this.#stepsWaiting = 0;
    this.#unrolled.leave();
    session.clearStop();
    messages.clear('stop');
    loop.start();
    this.#showPlaying();
  }

  /**
   * Pauses; resolves once the trainer holds the whole state (at once unless it was training in
   * the worker, or a Step's windows are there or waiting: #settled). The state turns paused then
   * too, with the windows the worker trained meanwhile shown (#back): a statechange listener
   * reads the step the run stopped at.
   */
  pause() {
    if (this.#startFile) this.#startFile.wanted = false;
    this.#loop.stop();
    this.#showPlaying();
    this.#updateReadouts();
    // The live view is redrawn at most every 100 ms while training: paused, it shows the last window.
    this.#unrolled.update(false);
    return this.#settled().then(() => { if (!this.#abort.signal.aborted) this.#showPlaying(); });
  }

  #togglePlay() {
    if (this.#loop.running || this.#playsOnceLoaded()) this.pause();
    else this.play();
  }

  step() {
    this.#showScripted();
    this.#messagesAt.unrolled = false;
    if (!this.#mayTrain()) return;
    if (this.#loop.running) this.pause();
    if (this.#remote?.remote) {
      // The run is on its way back from the worker (a pause, or a Step's windows): this Step
      // follows it, with every other one asked for meanwhile, in one go.
      if (this.#stepsWaiting++ === 0) this.#stepsOnceBack();
      return;
    }
    this.#trainSteps(1);
  }

  /** Steps asked for while the run was on its way back (step()); Play and a new run drop them. */
  #stepsWaiting = 0;

  /** Trains the Steps asked for meanwhile once the run is here (and stays: a new run's Step may have sent it again). */
  async #stepsOnceBack() {
    while (this.#remote.remote) await this.#remote.whenExact();
    const n = this.#stepsWaiting;
    this.#stepsWaiting = 0;
    if (n > 0 && !this.#abort.signal.aborted && this.#mayTrain()) this.#trainSteps(n);
  }

  /**
   * Trains `n` windows of the paused run (Step): in the worker where they would hold the page up
   * (RemoteRun.stepAway; #back shows them once the run is back), else here, at once.
   */
  #trainSteps(n) {
    this.#unrolled.leave();
    this.#trainAway(n, false, () => this.#trainHere(n));
  }

  /**
   * Trains `n` windows of the paused run (`trace`: one, with its record): in the worker where they
   * would hold the page up (RemoteRun.stepAway; #back shows them once the run is back; busy
   * meanwhile), else here(), at once; here() too where the worker was lost meanwhile. Else
   * back(outcome) gets stepAway's outcome: { steps, ms, trace }, or null where the run was
   * dropped meanwhile.
   */
  #trainAway(n, trace, here, back) {
    const away = this.#holdsPageUp(n) ? this.#remote?.stepAway(n, { trace }) : null;
    if (!away) {
      here();
      return;
    }
    this.#showPlaying();
    away.then((outcome) => {
      if (this.#abort.signal.aborted) return;
      this.#showPlaying();
      if (outcome === 'lost') {
        here();
        return;
      }
      if (outcome) this.#loop.record(outcome.steps, outcome.ms);
      back?.(outcome);
    });
  }

  /** Whether `n` windows here would hold the page up (two frames or more: STEP_AWAY_MS), their cost as timed, else guessed from the network's size (step-cost.js). */
  #holdsPageUp(n) {
    const timed = this.#loop.msPerStep;
    return n * (Number.isNaN(timed) ? guessStepMs(this.#session.settings) : timed) >= STEP_AWAY_MS;
  }

  /**
   * Step inside: trains the next window of the paused run with its record and calls `fn` once with
   * it (session.traceStep()'s StepTrace) and the settings it trained with, or with null where it
   * is not to be walked through: training cannot go on (or threw), or a new run started or Play
   * was pressed meanwhile. In the worker where the window would hold the page up, as Step
   * (RemoteRun.stepAway; #back shows the window; live settings changed meanwhile are the next
   * window's), else here at once.
   */
  #traceStep(fn) {
    const here = () => {
      const settings = this.#session.settings;
      let trace = null;
      try {
        trace = this.#session.traceStep();
      } finally {
        // (Where it throws, the engine's error goes on: fn still hears, and the view goes on.)
        fn(trace, settings);
      }
      if (trace) {
        this.#afterTraining(trace.loss);
        this.#showPlaying();
      }
    };
    // Walked through from the next frame: taking the run back was this task's work (at LSTM
    // h256, 4 layers, T 200 about 35 ms, and the first phase's drawing 15 more).
    const sent = this.#session.settings;
    this.#trainAway(1, true, here, (outcome) => requestAnimationFrame(() => {
      fn(outcome && !this.#loop.running && !this.#abort.signal.aborted ? outcome.trace : null, sent);
    }));
  }

  /**
   * Trains up to `n` windows on the main thread: { loss, steps }, the last loss and the windows
   * trained (fewer where a stop rule or a divergence ended them).
   */
  #train(n) {
    const session = this.#session;
    const from = session.stepCount;
    const loss = session.train(n);
    return { loss, steps: session.stepCount - from };
  }

  /** Trains `n` windows on the main thread now (Step; fewer where a stop rule ends them). */
  #trainHere(n) {
    this.#showScripted();
    const t0 = performance.now();
    const { loss, steps } = this.#train(n);
    if (steps > 0) this.#loop.record(steps, performance.now() - t0);
    this.#afterTraining(loss);
    this.#showPlaying();
  }

  /**
   * The session started a new run from its settings: Reset (no `settings`) or a new network
   * (`settings`, the new ones). The worker, where it trains the run, starts the same one itself
   * (RemoteRun.restart); the demo shows it.
   */
  #newRun(settings) {
    // From the seed: what a file came to ("Imported weights from …") no longer holds.
    this.#messages.clear('file');
    this.#remote?.restart(settings);
    this.#restarted();
  }

  /** The session's run was replaced by a file's (an import): the worker's, if any, is forgotten; the demo shows the new one. */
  #replacedRun() {
    // What was said of the last run's changes ("… training goes on at step 93") no longer holds.
    this.#messages.clear('change');
    this.#remote?.drop();
    this.#restarted();
  }

  /** Called whenever the trainer starts over (reset, new settings, imported weights or checkpoint, a script's calls). */
  #restarted() {
    const view = this.#view, messages = this.#messages, loop = this.#loop, session = this.#session;
    this.#runReplaced.abort();
    this.#runReplaced = new AbortController();
    this.#stepsWaiting = 0;
    loop.resetStats();
    this.#reported = -1;
    messages.clear('diverged');
    messages.clear('stop');
    view.actions.play.disabled = false;
    view.actions.step.disabled = false;
    this.#settingsChanged();
    this.#showExplanations();
    loop.speed = session.settings.speed;
    this.#showPlaying();
    if (session.diverged) this.#showDiverged();
    this.#updateReadouts();
    this.#charts.drawAll();
    this.#unrolled.restart();
    // The file the run starts from, if it is awaited: this run is the file's, or replaces it.
    this.endWait();
  }

  reset() {
    this.#showScripted();
    this.#session.reset();
    // A new run: what was said of the last one's changes (a live setting "at step n") no longer holds.
    this.#messages.clear('change');
    this.#newRun();
  }

  /** The settings changed: the form shows them and, under sync-url, the URL keeps them. */
  #settingsChanged() {
    const settings = this.#session.settings;
    showSettings(this.#view, settings, this.#tr);
    this.#writeUrl();
    // What a change said ("… is now 0.05") no longer holds once a script set another value.
    if (this.#said && settings[this.#said.field] !== this.#said.value) {
      this.#messages.clear('change');
      this.#said = null;
    }
  }

  /** Under sync-url, the settings into the page's URL query. */
  #writeUrl() {
    if (!this.#options.syncUrl) return;
    history.replaceState(history.state, '', location.pathname + toQuery(this.#session.settings, location.search) + location.hash);
  }

  /** Keeps the settings in the page's URL from now on (they are written there at once), or no longer. */
  setSyncUrl(on) {
    this.#options = { ...this.#options, syncUrl: on };
    this.#writeUrl();
  }

  /** The task's description and the equations panel, for the current settings. */
  #showExplanations() {
    showExplanations(this.#view, this.#session.settings, this.#tr);
  }

  /**
   * Applies a valid value of one setting, as its control does. Returns false if the engine
   * rejected it. `fromControl`: the reader set it in its control, under which what it did is
   * said (#sayChange).
   */
  change(field, value, { fromControl = false } = {}) {
    this.#showScripted();
    const session = this.#session, messages = this.#messages, view = this.#view;
    let what;
    try {
      what = session.change(field, value);
    } catch (err) {
      // A refused live value is that field's message; a refused network, the settings' (cleared
      // by the next network built).
      if (FIELDS[field].scope === 'live') this.#refuse(field, (tr) => tr.error(err), fromControl);
      else this.fail('config', (tr) => tr.t('message.refused', { reason: tr.error(err) }));
      showSettings(view, session.settings, this.#tr);
      return false;
    }
    messages.clear('config');
    if (what === 'rebuilt') {
      this.#sayChange((tr) => tr.t('message.rebuilt', { setting: tr.settingName(field), value: tr.settingValue(field, value) }), field, fromControl);
      this.#newRun(session.settings);
      return true;
    }
    this.#remote?.change(field, value);
    if (what === 'page') {
      this.#settingsChanged();
      if (field === 'speed') this.#loop.speed = value;
      if (field.startsWith('stop')) messages.clear('stop');
      // Said where it was set (a slider shows its value beside it).
      if (fromControl && view.fields[field].type !== 'range') {
        this.#sayChange((tr) => tr.t('message.page', { setting: tr.settingName(field), value: tr.settingValue(field, value) }), field, true);
      }
      return true;
    }
    this.#showLiveChange();
    const step = session.stepCount;
    // A diverged run does not go on (its message says what does): the value alone.
    const key = session.diverged ? 'message.live.diverged' : 'message.live';
    this.#sayChange((tr) => tr.t(key, { setting: tr.settingName(field), value: tr.settingValue(field, value), step: tr.count(step) }), field, fromControl);
    return true;
  }

  /**
   * Says that a value of `field` was not applied, and why (`reason(tr)`), as an error: under the
   * field where it is shown (a change from an attribute or el.config may be of a hidden one),
   * brought into the window where the reader set it in its control (`fromControl`).
   */
  #refuse(field, reason, fromControl) {
    const key = `input:${field}`;
    const under = this.#controlShown(field) ? { field: this.#view.fields[field] } : undefined;
    this.fail(key, (tr) => tr.t('message.notApplied', { reason: reason(tr) }), under);
    if (fromControl) this.#bringIn(key, field);
  }

  /**
   * Says what a change of `field` did (`text`, Messages.show's; the message of key 'change'):
   * under the field where the reader set it in its control (`fromControl`), brought into the
   * window; else in the messages' area.
   */
  #sayChange(text, field, fromControl) {
    this.#messages.show('change', text, 'info', fromControl ? { field: this.#view.fields[field] } : undefined);
    this.#said = { field, value: this.#session.settings[field] };
    if (fromControl) this.#bringIn('change', field);
  }

  /** The setting and value the message of key 'change' states (#sayChange), or null. */
  #said = null;

  /** The message of `key` under `field`, where the reader set it, brought into the window if below it (a phone's). */
  #bringIn(key, field) {
    const el = this.#messages.byKey.get(key);
    if (el) bringIntoView(el, this.#view.fields[field]);
  }

  /** A live setting changed (the run goes on): the form and URL, the explanations, the charts and the unrolled view show it. */
  #showLiveChange() {
    this.#settingsChanged();
    this.#showExplanations();
    this.#charts.invalidate();
    this.#unrolled.render();
  }

  /** The tutorial's run: its settings (the defaults), 60 windows at one per frame, then stop; plays. */
  #runTutorial() {
    this.#showScripted();
    try {
      this.#session.rebuild({ ...defaults(), stopAfter: 60 });
    } catch (err) {
      this.fail('config', (tr) => tr.t('message.refused', { reason: tr.error(err) }));
      return;
    }
    this.#messages.show('change', (tr) => tr.t('message.tutorial'));
    this.#said = null;
    this.#newRun(this.#session.settings);
    this.play();
  }

  /**
   * Waits for the file the run starts from (the element's `weights` or `checkpoint` URL, which
   * the element fetches and imports), with `waiting` (a message: tr => text) shown and nothing
   * trained meanwhile: Play says and keeps what a press (or play(), pause()) asks for; Step and
   * Step inside wait. The wait ends when a run starts (the file's import; or the reader's or a
   * script's: an import, Reset, a new network, whose run the file then does not replace) or at
   * endWait() (the file did not load); the run then plays if a press since asked for it, or,
   * without one, if `autoplay()` (the element's `autoplay`, or play() before the demo existed)
   * says so then. Returns a Promise that resolves when the wait ends (or the demo is destroyed).
   */
  waitForFile(autoplay, waiting) {
    return new Promise((resolve) => {
      this.#startFile = { wanted: null, autoplay, waiting, resolve };
      this.#abort.signal.addEventListener('abort', resolve);
      this.sayFile(waiting);
      this.#showPlaying();
    });
  }

  /** Whether the demo waits for the file its run starts from (waitForFile). */
  get waitingForFile() {
    return this.#startFile !== null;
  }

  /** While the file the run starts from loads, another replaces it: `waiting` is shown instead. */
  waitInstead(waiting) {
    if (!this.#startFile) return;
    this.#startFile.waiting = waiting;
    this.sayFile(waiting);
  }

  /** Ends the wait for the file the run starts from, if any (waitForFile): the run plays if asked to. */
  endWait() {
    const startFile = this.#startFile;
    if (!startFile) return;
    const play = this.#playsOnceLoaded();
    this.#startFile = null;
    // Still the wait's where no file came (an error replaces it, an import too).
    this.#messages.clear('file', startFile.waiting);
    if (play) this.play();
    else this.#showPlaying();
    startFile.resolve();
  }

  /** Whether the run plays once the file it starts from is in (false when none is awaited). */
  #playsOnceLoaded() {
    const startFile = this.#startFile;
    return startFile !== null && (startFile.wanted ?? startFile.autoplay());
  }

  /** The element's `autoplay` was set or removed: Play shows what it will do once the wait ends. */
  autoplayChanged() {
    this.#showPlaying();
  }

  /**
   * An AbortSignal aborted when the run is next replaced: reset, a new network, an import, the
   * tutorial's run (a file fetched for the run it was asked for is then dropped).
   */
  get runSignal() {
    return this.#runReplaced.signal;
  }

  /**
   * Starts a new run from the weights in `data` (string, bytes or a Blob: JSON, safetensors or
   * NumPy .npz) from `source` (a file name or URL), read in the engine's files build (#import);
   * rejects on a bad file (or where it does not load). Nothing once the demo is destroyed, once
   * `options.signal` (an AbortSignal) is aborted, or where a run started or another import was
   * asked for since `options.ticket` (importTicket(); else now): the later choice wins. What it
   * did is said where sayFile says (`options.fromControl`: a file the reader chose).
   */
  async importWeights(data, source, options) {
    const done = await this.#import('importWeights', data, source, options);
    if (!done) return;
    const loaded = done.result;
    // The run may have gone on in the worker meanwhile: the file's replaces it, once it is here
    // (where restoring it fails, the run goes on).
    this.#session.importedWeights(done.exact);
    this.sayFile((tr) => tr.t('message.importedWeights', { source, format: tr.error(loaded) }), 'info', options);
    this.#replacedRun();
  }

  /**
   * Continues from the checkpoint in `data` (its settings replace the current ones), read as
   * importWeights reads weights; rejects on a bad file; dropped as importWeights is.
   */
  async importCheckpoint(data, source, options) {
    const done = await this.#import('importCheckpoint', data, source, options);
    if (!done) return;
    this.#session.importedCheckpoint(done.exact);
    const step = this.#session.stepCount;
    this.sayFile((tr) => tr.t('message.importedCheckpoint', { source, step: tr.count(step) }), 'info', options);
    this.#replacedRun();
  }

  /** Stops training without changing the state (out of view, hidden tab); false resumes. */
  suspend(suspended) {
    this.#loop.suspend(suspended);
    this.#updateReadouts();
  }

  /** Shows only the named controls and charts (Sets of names from settings.js CONTROLS, CHARTS). */
  showParts(nextControls, nextCharts) {
    const unrolled = this.#chartNames.has('unrolled');
    showParts(this.#view, nextControls, nextCharts);
    this.#chartNames.clear();
    for (const name of nextCharts) this.#chartNames.add(name);
    // (After the charts' names: a run's message under Step inside leaves with the unrolled view.)
    this.#messages.place();
    this.#session.trackGradients = this.#chartNames.has('gradients');
    this.#remote?.track(this.#chartNames.has('gradients'));
    this.#charts.invalidate();
    // Built again only where it comes or goes: a step walked through stays.
    if (this.#chartNames.has('unrolled') !== unrolled) this.#unrolled.relayout();
  }

  /** 'auto' (follows prefers-color-scheme), 'light' or 'dark'. */
  setTheme(next) {
    if (next === 'auto') delete this.#view.root.dataset.theme;
    else this.#view.root.dataset.theme = next;
    this.#charts.theme = next;
    this.#themeChanged();
  }

  /**
   * The page may have changed the theming custom properties (a site's light/dark switch): where
   * the colours they give differ from those the charts were drawn in, everything is drawn again
   * in them.
   */
  colorsChanged() {
    if (JSON.stringify(this.#charts.readColors() ?? {}) !== JSON.stringify(this.#charts.options.colors ?? {})) this.#themeChanged();
  }

  /** The theme or the system's dark mode changed: the charts and the unrolled view's colours. */
  #themeChanged() {
    this.#charts.updateDark();
    this.#charts.invalidate();
    this.#unrolled.themeChanged();
  }

  /** Writes every text again in `tr`'s language (i18n.js Translator): the view, messages, charts, readouts. */
  setLocale(tr) {
    this.#tr = tr;
    localize(this.#view, tr);
    this.#messages.localize(tr);
    this.#charts.options.labels = tr.chartLabels();
    this.#showPlaying();
    this.#showExplanations();
    this.#updateReadouts();
    this.#charts.invalidate();
    this.#unrolled.relayout(true);
  }

  /** The Translator of the texts shown. */
  get tr() { return this.#tr; }

  get state() { return this.#state; }
  get loss() { return this.#session.lastLoss; }
  get settings() { return this.#session.settings; }
  get trainer() { return this.#session.trainer; }

  /** The trainer as the element's `trainer` property gives it to scripts (script-trainer.js), or null. */
  get scriptTrainer() {
    const trainer = this.#session.trainer;
    if (!trainer) return null;
    return scriptTrainer(trainer, {
      held: () => this.#remote?.remote ?? false,
      wrote: (change) => this.#scriptWrote(change),
    });
  }

  /**
   * A script changed the trainer through `el.trainer` (paused: train(), an import, reset(seed),
   * setHyperParameters…). When its synchronous calls end (at the next microtask), or before the
   * element's own next action, the session takes the trainer's settings and loss and the element
   * shows the trainer as the calls left it, as after the matching control; where they trained,
   * the step event follows on the next frame, as after Step.
   */
  #scriptWrote({ loss, kept }) {
    const pending = this.#scripted ?? { trained: false, restarted: false, loss: undefined };
    if (!this.#scripted) queueMicrotask(() => this.#showScripted());
    // The last window trained gives the loss, unless a later call started over (the history's then).
    if (loss !== undefined) this.#scripted = { ...pending, trained: true, loss };
    else if (!kept) this.#scripted = { ...pending, restarted: true, loss: undefined };
    else this.#scripted = pending;
  }

  /** Shows what a script did through `el.trainer` (#scriptWrote), if it is not shown yet. */
  #showScripted() {
    const scripted = this.#scripted;
    this.#scripted = null;
    if (!scripted || this.#abort.signal.aborted) return;
    const session = this.#session;
    const moved = scripted.trained || scripted.restarted;
    session.adoptTrainer(moved ? { loss: scripted.loss } : { kept: true });
    this.#unrolled.leave();
    // Else a live setting or the gradient's tracking: the run goes on, as after the control. (A
    // script writes only to a run that is here: a new one, from its reset() or import, may go to
    // the worker again where the last did not fit.)
    if (scripted.restarted) this.#replacedRun();
    else if (moved) this.#restarted();
    else this.#showLiveChange();
    if (scripted.trained) this.#stepEventNextFrame();
  }

  /** What a script's calls through `el.trainer` did (#scriptWrote), until the element shows it; or null. */
  #scripted = null;

  destroy() {
    this.#remote?.destroy();
    this.#loop.stop();
    this.#abort.abort();
    this.#session.free();
    this.#view.root.remove();
  }
}

// createDemo(root, engine, options): one playground inside `root` (the <rnn-playground>
// element's shadow root). The training itself is a DOM-free Session (session.js); a Demo
// wires it to the view and the page's features, each a module of its own: the controls
// (controls.js), the charts (charts.js), the readouts (readouts.js), the file buttons
// (file-actions.js), the PyTorch dialog (pytorch-dialog.js), the chart probes (probe.js), the
// keyboard (keyboard.js) and the animation loop (loop.js). It reports what happens through
// `options.on*` callbacks; the element turns them into DOM events.
import { render, showParts } from './view.js';
import { FIELDS, defaults, toQuery } from './settings.js';
import { bindControls, showSettings } from './controls.js';
import { Charts } from './charts.js';
import { TrainingLoop } from './loop.js';
import { Messages, errorText } from './messages.js';
import { bindProbes, readout } from './probe.js';
import { equationsMarkup } from './equations.js';
import { Session } from './session.js';
import { bindReadouts } from './readouts.js';
import { bindFileActions } from './file-actions.js';
import { fileName } from './files.js';
import { bindPytorchDialog } from './pytorch-dialog.js';
import { bindKeyboard } from './keyboard.js';

const DIVERGED =
  'Training diverged: the loss is not a finite number. Lower the learning rate (try 0.01), then press Reset.';

/** The message shown when a stop rule pauses training. */
function stopMessage(reason, settings, step) {
  if (reason === 'stopAfter') {
    return `Stopped after ${settings.stopAfter} windows (stop after). Press Reset to run again, or raise Stop after to go on.`;
  }
  return `Stopped at step ${step}: the loss stayed below ${settings.stopBelow} for ${settings.stopPatience} ` +
    `window${settings.stopPatience > 1 ? 's' : ''} in a row (stop below).`;
}

/**
 * @param {ShadowRoot|HTMLElement} root where the demo's markup goes
 * @param {object} engine the engine module (engine.js), already ready()
 * @param {object} options
 * @param {object} options.settings the starting settings (settings.js FIELDS), each already valid
 * @param {Set<string>} options.controls the controls to show (settings.js CONTROLS)
 * @param {Set<string>} options.charts the charts to show (settings.js CHARTS)
 * @param {'auto'|'light'|'dark'} [options.theme='auto'] chart colours (auto follows prefers-color-scheme)
 * @param {() => object} [options.colors] the charts' colours, read when they are drawn (see Charts)
 * @param {boolean} [options.syncUrl=false] write settings changes into the page's URL query
 * @param {EventTarget} options.keyboardTarget where Space / → / R are listened to
 * @param {(state: string) => void} [options.onState] loading, ready, running, paused, diverged, error
 * @param {(step: number, loss: number) => void} [options.onStep] after each frame's training (at most once per frame)
 * @param {() => void} [options.onDiverged]
 * @param {(message: string) => void} [options.onError] every error message the demo shows
 * @returns {Demo | null} the demo, or null when no trainer could be built (the view says why)
 */
export function createDemo(root, engine, options) {
  const view = render(root);
  showParts(view, options.controls, options.charts);
  const messages = new Messages(view.messages);
  const fail = (text) => {
    messages.show('config', text, 'error');
    options.onError?.(text);
  };
  let session;
  try {
    session = new Session(engine, options.settings, { trackGradients: options.charts.has('gradients') });
  } catch (err) {
    fail(`These settings were not accepted: ${errorText(err)}`);
    options.onState?.('error');
    return null;
  }
  if (session.fallback) {
    fail(`These settings were not accepted: ${errorText(session.fallback)}`);
    messages.show('config-fallback', 'Using the default settings instead.', 'error');
  }
  return new Demo(view, messages, engine, session, options);
}

/** One playground: the session, the view and the page's features, wired together. */
class Demo {
  #abort = new AbortController();
  #state = 'loading';
  #view;
  #messages;
  #session;
  #options;
  /** The charts shown (a Set the Charts read too). */
  #chartNames;
  #charts;
  #loop;
  #updateReadouts;

  constructor(view, messages, engine, session, options) {
    this.#view = view;
    this.#messages = messages;
    this.#session = session;
    this.#options = options;
    this.#chartNames = options.charts;
    const signal = this.#abort.signal;
    if (options.theme && options.theme !== 'auto') view.root.dataset.theme = options.theme;
    this.#charts = new Charts(view.canvases, engine, {
      getTrainer: () => session.trainer,
      shown: this.#chartNames,
      theme: options.theme ?? 'auto',
      colors: options.colors,
      signal,
      onError: (err) => this.fail('charts', `Could not draw the charts: ${errorText(err)}`),
    });
    this.#loop = new TrainingLoop((n) => session.train(n), (loss) => this.#afterTraining(loss));
    this.#updateReadouts = bindReadouts(view, session, this.#loop);
    this.#bind(engine, signal);
    // First paint.
    this.#restarted();
  }

  /** The view's controls, buttons and features, bound to this demo. */
  #bind(engine, signal) {
    const view = this.#view, session = this.#session;
    bindControls(view, {
      getSettings: () => session.settings,
      onChange: (field, value) => this.change(field, value),
      onInvalid: (field, message) => this.fail(`input:${field}`, `Not applied: ${message}.`),
      signal,
    });
    view.root.addEventListener('change', (e) => {
      const field = e.target?.dataset?.field;
      if (field) this.#messages.clear(`input:${field}`);
    }, { signal, capture: true });
    const on = (action, handler) => view.actions[action].addEventListener('click', handler, { signal });
    on('play', () => this.#togglePlay());
    on('step', () => this.step());
    on('reset', () => this.reset());
    on('tutorial', () => this.#runTutorial());
    bindFileActions(view, session, {
      fail: (key, text) => this.fail(key, text),
      importWeights: (data, name) => this.importWeights(data, name),
      importCheckpoint: (data, name) => this.importCheckpoint(data, name),
      signal,
    });
    bindPytorchDialog(view, session, signal);
    bindProbes(view.canvases, view.probes, {
      layoutOf: (name) => this.#charts.layouts[name],
      valueAt: (name, at) => readout(name, at, session.trainer, engine),
      signal,
    });
    bindKeyboard(this.#options.keyboardTarget, {
      togglePlay: () => this.#togglePlay(),
      step: () => this.step(),
      reset: () => this.reset(),
    }, signal);
  }

  /** Shows an error message in the demo (under `key`, replacing an earlier one) and reports it. */
  fail(key, text) {
    this.#messages.show(key, text, 'error');
    this.#options.onError?.(text);
  }

  clearMessage(key) {
    this.#messages.clear(key);
  }

  #setState(next) {
    if (next === this.#state) return;
    this.#state = next;
    this.#options.onState?.(next);
  }

  /** After training (a frame's or one step): stop rules, readouts, charts, the step event. */
  #afterTraining(loss) {
    const session = this.#session, messages = this.#messages, view = this.#view;
    const reason = session.stopped;
    if (reason === 'diverged') {
      this.pause();
      this.#setState('diverged');
      messages.show('diverged', DIVERGED, 'warning');
      view.actions.play.disabled = true;
      view.actions.step.disabled = true;
      this.#options.onDiverged?.();
    } else if (reason) {
      this.pause();
      messages.show('stop', stopMessage(reason, session.settings, session.stepCount));
    }
    this.#updateReadouts();
    this.#charts.drawLive();
    this.#options.onStep?.(session.stepCount, loss);
  }

  /** The state the demo is in when it is not diverged: running, or idle at step 0 or later. */
  #showPlaying() {
    const playing = this.#loop.running;
    this.#view.actions.play.textContent = playing ? 'Pause' : 'Play';
    this.#view.actions.play.setAttribute('aria-pressed', String(playing));
    if (!this.#session.diverged) this.#setState(playing ? 'running' : this.#session.stepCount === 0 ? 'ready' : 'paused');
  }

  play() {
    const session = this.#session, loop = this.#loop, messages = this.#messages;
    if (session.diverged || loop.running) return;
    session.clearStop();
    if (session.stepsLeft() === 0) {
      messages.show('stop', `Already at the stop-after limit of ${session.settings.stopAfter} windows. ` +
        'Press Reset to run again, or raise Stop after to go on.');
      return;
    }
    messages.clear('stop');
    loop.start();
    this.#showPlaying();
  }

  pause() {
    this.#loop.stop();
    this.#showPlaying();
    this.#updateReadouts();
  }

  #togglePlay() {
    if (this.#loop.running) this.pause();
    else this.play();
  }

  step() {
    const session = this.#session, loop = this.#loop;
    if (session.diverged || session.stepsLeft() === 0) return;
    if (loop.running) this.pause();
    if (session.stopped === 'stopBelow') session.clearStop();
    const t0 = performance.now();
    const loss = session.train(1);
    loop.record(1, performance.now() - t0);
    this.#afterTraining(loss);
    this.#showPlaying();
  }

  /** Called whenever the trainer starts over (reset, new settings, imported weights or checkpoint). */
  #restarted() {
    const view = this.#view, messages = this.#messages, loop = this.#loop, session = this.#session;
    loop.resetStats();
    messages.clear('diverged');
    messages.clear('stop');
    view.actions.play.disabled = false;
    view.actions.step.disabled = false;
    showSettings(view, session.settings);
    this.#writeUrl();
    this.#showExplanations();
    loop.speed = session.settings.speed;
    this.#showPlaying();
    this.#updateReadouts();
    this.#charts.drawAll();
  }

  reset() {
    this.#session.reset();
    this.#messages.clear('file');
    this.#restarted();
  }

  #writeUrl() {
    if (!this.#options.syncUrl) return;
    const url = location.pathname + toQuery(this.#session.settings, location.search) + location.hash;
    history.replaceState(history.state, '', url);
  }

  /** The task's description and the equations panel, for the current settings. */
  #showExplanations() {
    const settings = this.#session.settings;
    const task = FIELDS.task.choices.find((t) => t.value === settings.task);
    this.#view.taskDescription.textContent = task ? task.description : '';
    this.#view.equations.innerHTML = equationsMarkup(settings);
    this.#view.taskNote.textContent = task ? `(${task.description})` : '';
  }

  /** Applies a valid value of one setting, as its control does. Returns false if the engine rejected it. */
  change(field, value) {
    const session = this.#session, messages = this.#messages, view = this.#view;
    let what;
    try {
      what = session.change(field, value);
    } catch (err) {
      // A refused live value is that field's message; a refused network, the settings' (cleared
      // by the next network built).
      if (FIELDS[field].scope === 'live') this.fail(`input:${field}`, `Not applied: ${errorText(err)}`);
      else this.fail('config', `These settings were not accepted: ${errorText(err)}`);
      showSettings(view, session.settings);
      return false;
    }
    messages.clear('config');
    if (what === 'rebuilt') {
      messages.show('rebuild', `New network: ${field} ${value}; training restarts at step 0.`);
      this.#restarted();
      return true;
    }
    showSettings(view, session.settings);
    this.#writeUrl();
    if (what === 'page') {
      if (field === 'speed') this.#loop.speed = value;
      if (field.startsWith('stop')) messages.clear('stop');
      return true;
    }
    this.#showExplanations();
    messages.show('rebuild', `${field} is now ${value}; training goes on at step ${session.stepCount}.`);
    this.#charts.invalidate();
    return true;
  }

  /** The tutorial's run: its settings (the defaults), 60 windows at one per frame, then stop; plays. */
  #runTutorial() {
    try {
      this.#session.rebuild({ ...defaults(), stopAfter: 60 });
    } catch (err) {
      this.fail('config', `These settings were not accepted: ${errorText(err)}`);
      return;
    }
    this.#messages.show('rebuild', 'The tutorial\'s run: an Elman RNN, hidden 32, Adam at lr 0.02, 60 windows.');
    this.#restarted();
    this.play();
  }

  /**
   * Starts a new run from the weights in `data` (string or bytes: JSON, safetensors or NumPy
   * .npz) read from `source` (a file name or URL); throws on a bad file.
   */
  importWeights(data, source) {
    const which = this.#session.importWeights(data, fileName(source));
    this.#messages.show('file', `Imported weights from ${source} (${which}).`);
    this.#restarted();
  }

  /** Continues from the checkpoint in `data` (its settings replace the current ones); throws on a bad file. */
  importCheckpoint(data, source) {
    this.#session.importCheckpoint(data, fileName(source));
    this.#messages.show('file', `Imported checkpoint from ${source} (step ${this.#session.stepCount}).`);
    this.#restarted();
  }

  /** Stops training without changing the state (out of view, hidden tab); false resumes. */
  suspend(suspended) {
    this.#loop.suspend(suspended);
    this.#updateReadouts();
  }

  /** Shows only the named controls and charts (Sets of names from settings.js CONTROLS, CHARTS). */
  showParts(nextControls, nextCharts) {
    showParts(this.#view, nextControls, nextCharts);
    this.#chartNames.clear();
    for (const name of nextCharts) this.#chartNames.add(name);
    this.#session.trackGradients = this.#chartNames.has('gradients');
    this.#charts.invalidate();
  }

  /** 'auto' (follows prefers-color-scheme), 'light' or 'dark'. */
  setTheme(next) {
    if (next === 'auto') delete this.#view.root.dataset.theme;
    else this.#view.root.dataset.theme = next;
    this.#charts.theme = next;
    this.#charts.updateDark();
    this.#charts.invalidate();
  }

  get state() { return this.#state; }
  get loss() { return this.#session.lastLoss; }
  get settings() { return this.#session.settings; }
  get trainer() { return this.#session.trainer; }

  destroy() {
    this.#loop.stop();
    this.#abort.abort();
    this.#session.free();
    this.#view.root.remove();
  }
}

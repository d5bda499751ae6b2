// createDemo(root, engine, options): one playground inside `root` (the <rnn-playground>
// element's shadow root). The training itself is a DOM-free Session (session.js); this file
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
 * @returns the demo's handle (see the returned object), or null when no trainer could be built
 */
export function createDemo(root, engine, options) {
  const { controls, charts: chartNames, theme = 'auto', colors, syncUrl = false, keyboardTarget } = options;
  const onState = options.onState ?? (() => {});
  const onStep = options.onStep ?? (() => {});
  const onDiverged = options.onDiverged ?? (() => {});
  const onError = options.onError ?? (() => {});

  const abort = new AbortController();
  const { signal } = abort;
  const view = render(root);
  showParts(view, controls, chartNames);
  if (theme !== 'auto') view.root.dataset.theme = theme;
  const messages = new Messages(view.messages);
  /** Shows an error message inside the demo and reports it. */
  const fail = (key, text) => {
    messages.show(key, text, 'error');
    onError(text);
  };

  let state = 'loading';
  const setState = (next) => {
    if (next === state) return;
    state = next;
    onState(next);
  };

  let session;
  try {
    session = new Session(engine, options.settings, { trackGradients: chartNames.has('gradients') });
  } catch (err) {
    fail('config', `These settings were not accepted: ${errorText(err)}`);
    setState('error');
    return null;
  }
  if (session.fallback) {
    fail('config', `These settings were not accepted: ${errorText(session.fallback)}`);
    messages.show('config-fallback', 'Using the default settings instead.', 'error');
  }

  const charts = new Charts(view.canvases, engine, {
    getTrainer: () => session.trainer,
    shown: chartNames,
    theme,
    colors,
    signal,
    onError: (err) => fail('charts', `Could not draw the charts: ${errorText(err)}`),
  });
  const loop = new TrainingLoop((n) => session.train(n), (loss) => afterTraining(loss));
  loop.speed = session.settings.speed;
  const updateReadouts = bindReadouts(view, session, loop);

  /** After training (a frame's or one step): stop rules, readouts, charts, the step event. */
  function afterTraining(loss) {
    const reason = session.stopped;
    if (reason === 'diverged') {
      pause();
      setState('diverged');
      messages.show('diverged', DIVERGED, 'warning');
      view.actions.play.disabled = true;
      view.actions.step.disabled = true;
      onDiverged();
    } else if (reason) {
      pause();
      messages.show('stop', stopMessage(reason, session.settings, session.stepCount));
    }
    updateReadouts();
    charts.drawLive();
    onStep(session.stepCount, loss);
  }

  /** The state the demo is in when it is not diverged: running, or idle at step 0 or later. */
  function showPlaying() {
    const playing = loop.running;
    view.actions.play.textContent = playing ? 'Pause' : 'Play';
    view.actions.play.setAttribute('aria-pressed', String(playing));
    if (!session.diverged) setState(playing ? 'running' : session.stepCount === 0 ? 'ready' : 'paused');
  }

  function play() {
    if (session.diverged || loop.running) return;
    session.clearStop();
    if (session.stepsLeft() === 0) {
      messages.show('stop', `Already at the stop-after limit of ${session.settings.stopAfter} windows. ` +
        'Press Reset to run again, or raise Stop after to go on.');
      return;
    }
    messages.clear('stop');
    loop.start();
    showPlaying();
  }
  function pause() {
    loop.stop();
    showPlaying();
    updateReadouts();
  }
  const togglePlay = () => (loop.running ? pause() : play());
  function step() {
    if (session.diverged || session.stepsLeft() === 0) return;
    if (loop.running) pause();
    if (session.stopped === 'stopBelow') session.clearStop();
    const t0 = performance.now();
    const loss = session.train(1);
    loop.record(1, performance.now() - t0);
    afterTraining(loss);
    showPlaying();
  }

  /** Called whenever the trainer starts over (reset, new settings, imported weights or checkpoint). */
  function restarted() {
    loop.resetStats();
    messages.clear('diverged');
    messages.clear('stop');
    view.actions.play.disabled = false;
    view.actions.step.disabled = false;
    showSettings(view, session.settings);
    writeUrl();
    updateTaskDescription();
    loop.speed = session.settings.speed;
    showPlaying();
    updateReadouts();
    charts.drawAll();
  }
  function reset() {
    session.reset();
    messages.clear('file');
    restarted();
  }

  function writeUrl() {
    if (!syncUrl) return;
    const url = location.pathname + toQuery(session.settings, location.search) + location.hash;
    history.replaceState(history.state, '', url);
  }

  function updateTaskDescription() {
    const settings = session.settings;
    const task = FIELDS.task.choices.find((t) => t.value === settings.task);
    view.taskDescription.textContent = task ? task.description : '';
    view.equations.innerHTML = equationsMarkup(settings);
    view.taskNote.textContent = task ? `(${task.description})` : '';
  }

  /** Applies a valid value of one setting, as its control does. Returns false if the engine rejected it. */
  function change(field, value) {
    let what;
    try {
      what = session.change(field, value);
    } catch (err) {
      fail(`input:${field}`, FIELDS[field].scope === 'live'
        ? `Not applied: ${errorText(err)}` : `These settings were not accepted: ${errorText(err)}`);
      showSettings(view, session.settings);
      return false;
    }
    messages.clear('config');
    if (what === 'rebuilt') {
      messages.show('rebuild', `New network: ${field} ${value}; training restarts at step 0.`);
      restarted();
      return true;
    }
    showSettings(view, session.settings);
    writeUrl();
    if (what === 'page') {
      if (field === 'speed') loop.speed = value;
      if (field.startsWith('stop')) messages.clear('stop');
      return true;
    }
    updateTaskDescription();
    messages.show('rebuild', `${field} is now ${value}; training goes on at step ${session.stepCount}.`);
    charts.invalidate();
    return true;
  }

  /** The tutorial's run: its settings (the defaults), 60 windows at one per frame, then stop; plays. */
  function runTutorial() {
    try {
      session.rebuild({ ...defaults(), stopAfter: 60 });
    } catch (err) {
      fail('config', `These settings were not accepted: ${errorText(err)}`);
      return;
    }
    messages.show('rebuild', 'The tutorial\'s run: an Elman RNN, hidden 32, Adam at lr 0.02, 60 windows.');
    restarted();
    play();
  }

  function importWeights(data, source) {
    const which = session.importWeights(data);
    messages.show('file', `Imported weights from ${source} (${which}).`);
    restarted();
  }
  function importCheckpoint(data, source) {
    session.importCheckpoint(data);
    messages.show('file', `Imported checkpoint from ${source} (step ${session.stepCount}).`);
    restarted();
  }

  bindControls(view, {
    getSettings: () => session.settings,
    onChange: change,
    onInvalid: (field, message) => fail(`input:${field}`, `Not applied: ${message}.`),
    signal,
  });
  view.root.addEventListener('change', (e) => {
    const field = e.target?.dataset?.field;
    if (field) messages.clear(`input:${field}`);
  }, { signal, capture: true });
  view.actions.play.addEventListener('click', togglePlay, { signal });
  view.actions.step.addEventListener('click', step, { signal });
  view.actions.reset.addEventListener('click', reset, { signal });
  view.actions.tutorial.addEventListener('click', runTutorial, { signal });
  bindFileActions(view, session, { fail, importWeights, importCheckpoint, signal });
  bindPytorchDialog(view, session, signal);
  bindProbes(view.canvases, view.probes, {
    layoutOf: (name) => charts.layouts[name],
    valueAt: (name, at) => readout(name, at, session.trainer, engine),
    signal,
  });
  bindKeyboard(keyboardTarget, { togglePlay, step, reset }, signal);

  // --- first paint ---
  restarted();

  return {
    play,
    pause,
    step,
    reset,
    change,
    /** Starts a new run from the weights in `data` (string or bytes, JSON or safetensors); throws on a bad file. */
    importWeights,
    /** Continues from the checkpoint in `data` (its settings replace the current ones); throws on a bad file. */
    importCheckpoint,
    /** Shows an error message in the demo (under `key`, replacing an earlier one) and reports it. */
    fail,
    clearMessage: (key) => messages.clear(key),
    /** Stops training without changing the state (out of view, hidden tab); false resumes. */
    suspend(suspended) {
      loop.suspend(suspended);
      updateReadouts();
    },
    /** Shows only the named controls and charts (Sets of names from settings.js CONTROLS, CHARTS). */
    showParts(nextControls, nextCharts) {
      showParts(view, nextControls, nextCharts);
      chartNames.clear();
      for (const name of nextCharts) chartNames.add(name);
      session.trackGradients = chartNames.has('gradients');
      charts.invalidate();
    },
    /** 'auto' (follows prefers-color-scheme), 'light' or 'dark'. */
    setTheme(next) {
      if (next === 'auto') delete view.root.dataset.theme;
      else view.root.dataset.theme = next;
      charts.theme = next;
      charts.updateDark();
      charts.invalidate();
    },
    get state() { return state; },
    get loss() { return session.lastLoss; },
    get settings() { return session.settings; },
    get trainer() { return session.trainer; },
    destroy() {
      loop.stop();
      abort.abort();
      session.free();
      view.root.remove();
    },
  };
}

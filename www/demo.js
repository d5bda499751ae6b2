// createDemo(root, engine, options): one playground inside `root` (the <rnn-playground>
// element's shadow root): the trainer, the controls, the charts, the readouts, the keyboard,
// the URL settings and the training loop. It reports what happens through `options.on*`
// callbacks; the element turns them into DOM events.
import { render, showParts } from './view.js';
import { FIELDS, FIELD_NAMES, defaults, isStructural, isTrainerSetting, toQuery, trainerConfig } from './settings.js';
import { bindControls, showSettings } from './controls.js';
import { Charts } from './charts.js';
import { TrainingLoop } from './loop.js';
import { Messages, errorText } from './messages.js';
import { downloadText, exportName, onFileChosen } from './files.js';
import { bindProbes, readout, short } from './probe.js';
import { equationsMarkup } from './equations.js';

const DIVERGED =
  'Training diverged: the loss is not a finite number. Lower the learning rate (try 0.01), then press Reset.';

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
 * @returns the demo's handle (see the returned object)
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

  let settings = { ...options.settings };

  // --- trainer ---
  let trainer = null;
  let diverged = false;
  let lastLoss = NaN;

  /** Builds a Trainer for `next`; on a constructor error keeps the current one and returns false. */
  function build(next) {
    let fresh;
    try {
      fresh = new engine.Trainer(trainerConfig(next));
    } catch (err) {
      fail('config', `These settings were not accepted: ${errorText(err)}`);
      return false;
    }
    trainer?.free();
    trainer = fresh;
    settings = next;
    trainer.trackLastStepGradient(chartNames.has('gradients'));
    messages.clear('config');
    return true;
  }

  if (!build(settings)) {
    // A combination the engine rejects although each field was valid: fall back to defaults.
    const fallback = { ...defaults() };
    for (const name of FIELD_NAMES) if (!isTrainerSetting(name)) fallback[name] = settings[name];
    if (!build(fallback)) {
      setState('error');
      return null;
    }
    messages.show('config-fallback', 'Using the default settings instead.', 'error');
  }

  // --- readouts ---
  const shown = { step: '', loss: '', rmse: '', r2: '', rate: '', cost: '' };
  function setText(key, text) {
    if (shown[key] !== text) {
      shown[key] = text;
      view.readouts[key].textContent = text;
    }
  }
  /** R² of the last window: 1 − Σ(ŷ − y)² / Σ(y − ȳ)² (NaN for a constant target). */
  function rSquared() {
    const { target, prediction } = trainer.lastWindow();
    const mean = target.reduce((a, b) => a + b, 0) / target.length;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < target.length; i++) {
      residual += (prediction[i] - target[i]) ** 2;
      total += (target[i] - mean) ** 2;
    }
    return total > 0 ? 1 - residual / total : NaN;
  }
  function updateReadouts() {
    const step = trainer.stepCount;
    setText('step', String(step));
    setText('loss', step === 0 ? '–' : short(lastLoss));
    // The window's loss is its mean squared error: RMSE is its square root.
    setText('rmse', step === 0 ? '–' : short(Math.sqrt(lastLoss)));
    // R² copies the last window out of wasm: only when the readouts are shown.
    if (!view.readouts.r2.closest('[hidden]')) setText('r2', step === 0 ? '–' : short(rSquared()));
    setText('rate', Number.isFinite(loop.stepsPerSecond) && loop.active
      ? Math.round(loop.stepsPerSecond).toLocaleString('en-US') : '–');
    setText('cost', Number.isFinite(loop.measuredMicrosPerStep) ? loop.measuredMicrosPerStep.toFixed(1) : '–');
  }

  // --- charts and loop ---
  const charts = new Charts(view.canvases, engine, {
    getTrainer: () => trainer,
    shown: chartNames,
    theme,
    colors,
    signal,
    onError: (err) => fail('charts', `Could not draw the charts: ${errorText(err)}`),
  });

  /** Windows left before the stop-after rule fires (Infinity without one). */
  const stepsLeft = () => (settings.stopAfter > 0 ? Math.max(0, settings.stopAfter - trainer.stepCount) : Infinity);
  /** Consecutive windows whose loss was below stopBelow; the rule fires at stopPatience. */
  let below = 0;
  /**
   * Trains up to `n` windows and returns the last loss. With a stop-below rule each window's
   * loss is checked (one step() per window); without one, one train(n) call inside wasm.
   */
  function trainWindows(n) {
    const k = Math.min(n, stepsLeft());
    if (k <= 0) return lastLoss;
    if (!(settings.stopBelow > 0)) return trainer.train(k);
    let loss = lastLoss;
    for (let i = 0; i < k && below < settings.stopPatience; i++) {
      loss = trainer.step();
      below = loss < settings.stopBelow ? below + 1 : 0;
    }
    return loss;
  }
  const stopBelowFired = () => settings.stopBelow > 0 && below >= settings.stopPatience;
  const loop = new TrainingLoop(trainWindows, (loss) => afterTraining(loss));
  loop.speed = settings.speed;

  function afterTraining(loss) {
    lastLoss = loss;
    if (!Number.isFinite(loss)) {
      diverged = true;
      pause();
      setState('diverged');
      messages.show('diverged', DIVERGED, 'warning');
      view.actions.play.disabled = true;
      view.actions.step.disabled = true;
      onDiverged();
    } else if (stepsLeft() === 0) {
      pause();
      messages.show('stop', `Stopped after ${settings.stopAfter} windows (stop after). ` +
        'Press Reset to run again, or raise Stop after to go on.');
    } else if (stopBelowFired()) {
      pause();
      messages.show('stop', `Stopped at step ${trainer.stepCount}: the loss stayed below ${settings.stopBelow} ` +
        `for ${settings.stopPatience} window${settings.stopPatience > 1 ? 's' : ''} in a row (stop below).`);
    }
    updateReadouts();
    charts.drawLive();
    onStep(trainer.stepCount, loss);
  }

  function clearDivergence() {
    diverged = false;
    messages.clear('diverged');
    view.actions.play.disabled = false;
    view.actions.step.disabled = false;
  }

  /** The state the demo is in when it is not diverged: running, or idle at step 0 or later. */
  function showPlaying() {
    const playing = loop.running;
    view.actions.play.textContent = playing ? 'Pause' : 'Play';
    view.actions.play.setAttribute('aria-pressed', String(playing));
    if (!diverged) setState(playing ? 'running' : trainer.stepCount === 0 ? 'ready' : 'paused');
  }

  function play() {
    if (diverged || loop.running) return;
    below = 0;
    if (stepsLeft() === 0) {
      messages.show('stop', `Already at the stop-after limit of ${settings.stopAfter} windows. ` +
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
  function togglePlay() {
    if (loop.running) pause();
    else play();
  }
  function step() {
    if (diverged || stepsLeft() === 0) return;
    if (loop.running) pause();
    const t0 = performance.now();
    const loss = trainer.step();
    below = settings.stopBelow > 0 && loss < settings.stopBelow ? below + 1 : 0;
    loop.record(1, performance.now() - t0);
    afterTraining(loss);
    showPlaying();
  }
  /** Called whenever the trainer starts over (reset, new settings, imported weights). */
  function restarted() {
    lastLoss = NaN;
    below = 0;
    loop.resetStats();
    clearDivergence();
    messages.clear('stop');
    showPlaying();
    updateReadouts();
    charts.drawAll();
  }
  function reset() {
    trainer.reset();
    messages.clear('file');
    restarted();
  }

  // --- settings changes ---
  function writeUrl() {
    if (!syncUrl) return;
    const url = location.pathname + toQuery(settings, location.search) + location.hash;
    history.replaceState(history.state, '', url);
  }

  /** Applies a valid value of one setting, as its control does. Returns false if the engine rejected it. */
  function change(field, value) {
    if (!isTrainerSetting(field)) {
      settings = { ...settings, [field]: value };
      if (field === 'speed') loop.speed = value;
      if (field.startsWith('stop')) {
        messages.clear('stop');
        below = 0;
      }
      showSettings(view, settings);
      writeUrl();
      return true;
    }
    if (!isStructural(field) && trainer.setHyperParameters) {
      // An optimizer setting: the run goes on with it (weights, moments, step, state, history).
      try {
        trainer.setHyperParameters({ [field]: value });
      } catch (err) {
        fail(`input:${field}`, `Not applied: ${errorText(err)}`);
        showSettings(view, settings);
        return false;
      }
      settings = { ...settings, [field]: value };
      showSettings(view, settings);
      writeUrl();
      updateTaskDescription();
      messages.show('rebuild', `${field} is now ${value}; training goes on at step ${trainer.stepCount}.`);
      charts.invalidate();
      return true;
    }
    return rebuild({ ...settings, [field]: value }, `New network: ${field} ${value}; training restarts at step 0.`);
  }

  /** A new network for `next` (a running loop goes on with it), with `note` shown; false if refused. */
  function rebuild(next, note) {
    if (!build(next)) {
      showSettings(view, settings);
      return false;
    }
    showSettings(view, settings);
    writeUrl();
    updateTaskDescription();
    loop.speed = settings.speed;
    messages.show('rebuild', note);
    restarted();
    return true;
  }

  /** The tutorial's run: its settings (the defaults), 60 windows at one per frame, then stop; plays. */
  function runTutorial() {
    if (rebuild({ ...defaults(), stopAfter: 60 }, 'The tutorial\'s run: an Elman RNN, hidden 32, Adam at lr 0.02, 60 windows.')) play();
  }

  function updateTaskDescription() {
    const task = FIELDS.task.choices.find((t) => t.value === settings.task);
    view.taskDescription.textContent = task ? task.description : '';
    view.equations.innerHTML = equationsMarkup(settings);
    view.taskNote.textContent = task ? `(${task.description})` : '';
  }

  bindControls(view, {
    getSettings: () => settings,
    onChange: change,
    onInvalid: (field, message) => fail(`input:${field}`, `Not applied: ${message}.`),
    signal,
  });
  view.root.addEventListener('change', (e) => {
    const field = e.target?.dataset?.field;
    if (field) messages.clear(`input:${field}`);
  }, { signal, capture: true });

  // --- buttons ---
  view.actions.play.addEventListener('click', togglePlay, { signal });
  view.actions.step.addEventListener('click', step, { signal });
  view.actions.reset.addEventListener('click', reset, { signal });
  view.actions.tutorial.addEventListener('click', runTutorial, { signal });

  /** Offers what `make()` returns as a download; an error (a diverged run) is shown instead. */
  const offer = (what, make, name, type) => () => {
    try {
      downloadText(make(), name(), type);
    } catch (err) {
      fail('file', `Could not export ${what}: ${errorText(err)}`);
    }
  };
  const named = (kind, extension) => () => exportName(settings, trainer.stepCount, kind, extension);
  view.actions['export-weights'].addEventListener('click',
    offer('the weights', () => trainer.exportWeights(), named('weights', 'json')), { signal });
  view.actions['export-safetensors'].addEventListener('click',
    offer('the weights', () => trainer.exportWeights('safetensors'), named('weights', 'safetensors'), 'application/octet-stream'), { signal });
  view.actions['export-checkpoint'].addEventListener('click',
    offer('the checkpoint', () => trainer.exportCheckpoint(), named('checkpoint', 'json')), { signal });
  view.actions['export-losses'].addEventListener('click',
    offer('the loss history', () => lossCsv(trainer), named('losses', 'csv'), 'text/csv'), { signal });

  // --- Copy as PyTorch: the script in a dialog ---
  const dialog = view.dialog;
  view.actions.pytorch.addEventListener('click', () => {
    try {
      dialog.script.textContent = trainer.pytorchScript();
      dialog.status.textContent = trainer.stepCount === 0
        ? 'No step trained yet: the script runs one window.'
        : `The script trains the ${trainer.stepCount} windows trained so far.`;
    } catch (err) {
      dialog.script.textContent = '';
      dialog.status.textContent = `No script for this run: ${errorText(err)}.`;
    }
    dialog.pytorch.showModal();
  }, { signal });
  view.root.querySelector('[data-action="copy-script"]').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(dialog.script.textContent);
      dialog.status.textContent = 'Copied.';
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text for Ctrl+C.
      getSelection().selectAllChildren(dialog.script);
      dialog.status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }, { signal });
  view.root.querySelector('[data-action="download-script"]').addEventListener('click', () => {
    downloadText(dialog.script.textContent, 'run.py', 'text/x-python');
  }, { signal });
  view.actions['import-weights'].addEventListener('click', () => view.files.weights.click(), { signal });
  view.actions['import-checkpoint'].addEventListener('click', () => view.files.checkpoint.click(), { signal });

  /**
   * Starts a new run from the weights in `data` (a string or bytes, JSON or safetensors: the
   * engine judges by content): step 0, fresh optimizer. Throws on a bad file.
   */
  function importWeights(data, source) {
    const which = trainer.importWeights(data);
    messages.show('file', `Imported weights from ${source} (${which}).`);
    restarted();
  }
  /** Continues from the checkpoint in `data` (its settings replace the current ones); throws on a bad file. */
  function importCheckpoint(data, source) {
    trainer.importCheckpoint(data);
    trainer.trackLastStepGradient(chartNames.has('gradients'));
    const config = trainer.config();
    const next = { ...settings };
    for (const name of FIELD_NAMES) if (isTrainerSetting(name) && name in config) next[name] = config[name];
    settings = next;
    showSettings(view, settings);
    writeUrl();
    updateTaskDescription();
    clearDivergence();
    lastLoss = trainer.losses().at(-1) ?? NaN;
    showPlaying();
    updateReadouts();
    messages.show('file', `Imported checkpoint from ${source} (step ${trainer.stepCount}).`);
    charts.drawAll();
  }

  const fileError = (what) => (err, file) =>
    fail('file', `Could not import ${what} from ${file?.name ?? 'the file'}: ${errorText(err)}`);
  const stopWeights = onFileChosen(view.files.weights, (bytes, file) => importWeights(bytes, file.name), fileError('weights'));
  const stopCheckpoint = onFileChosen(view.files.checkpoint, (bytes, file) => importCheckpoint(bytes, file.name),
    fileError('checkpoint'));
  signal.addEventListener('abort', () => { stopWeights(); stopCheckpoint(); });

  // --- the values under the pointer (or the arrow keys' cursor) on each chart ---
  bindProbes(view.canvases, view.probes, {
    layoutOf: (name) => charts.layouts[name],
    valueAt: (name, at) => readout(name, at, trainer, engine),
    signal,
  });

  // --- keyboard: space = play/pause, → = one step, r = reset (not while typing) ---
  keyboardTarget.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, select, textarea'))) return;
    const onButton = t instanceof HTMLElement && t.closest('button');
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (onButton) return; // the focused button's own click
      e.preventDefault();
      togglePlay();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      step();
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      reset();
    }
  }, { signal });

  // --- first paint ---
  showSettings(view, settings);
  updateTaskDescription();
  writeUrl();
  showPlaying();
  updateReadouts();
  charts.drawAll();

  return {
    play,
    pause,
    step,
    reset,
    change,
    importWeights,
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
      trainer.trackLastStepGradient(chartNames.has('gradients'));
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
    get loss() { return lastLoss; },
    get settings() { return { ...settings }; },
    get trainer() { return trainer; },
    destroy() {
      loop.stop();
      abort.abort();
      trainer?.free();
      trainer = null;
      view.root.remove();
    },
  };
}

/**
 * The loss history as CSV: `step,loss`, one line per entry of losses(). With a coarsened
 * history (lossStride > 1) an entry is the mean loss of its steps and `step` is the last of them.
 */
export function lossCsv(trainer) {
  const losses = trainer.losses();
  const stride = trainer.lossStride;
  const lines = ['step,loss'];
  // The last entry may cover fewer steps than the stride.
  for (let i = 0; i < losses.length; i++) lines.push(`${Math.min((i + 1) * stride, trainer.stepCount)},${losses[i]}`);
  return `${lines.join('\n')}\n`;
}

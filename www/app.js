// mountDemo(root, options): builds one playground inside `root` and wires the trainer,
// the controls, the charts, the URL settings, the keyboard and the training loop.
// Several demos can live on one page; only one should own the URL (options.syncUrl).
import { render } from './view.js';
import * as engine from './engine.js';
import { FIELDS, defaults, parseField, parseQuery, toQuery, trainerConfig, useEngine } from './settings.js';
import { bindControls, showSettings, showTasks } from './controls.js';
import { Charts } from './charts.js';
import { TrainingLoop } from './loop.js';
import { Messages, errorText } from './messages.js';
import { downloadText, exportName, onFileChosen } from './files.js';

const DIVERGED =
  'Training diverged: the loss is not a finite number. Lower the learning rate (try 0.01), then press Reset.';

/**
 * @param {HTMLElement} root an (empty) element the demo fills
 * @param {object} [options]
 * @param {boolean} [options.syncUrl=true] read settings from the URL query and write changes back
 * @param {string} [options.query] settings as a query string when not syncing with the URL
 * @param {EventTarget} [options.keyboardTarget=root] where space / → / r are listened to
 * @param {'auto'|'light'|'dark'} [options.theme='auto'] chart colours (auto follows prefers-color-scheme)
 * @returns {Promise<object>} a handle: play, pause, step, reset, set, settings, trainer, destroy
 */
export async function mountDemo(root, options = {}) {
  const {
    syncUrl = true,
    query = '',
    keyboardTarget = root,
    theme = 'auto',
  } = options;
  const abort = new AbortController();
  const { signal } = abort;
  const view = render(root);
  if (theme !== 'auto') root.dataset.theme = theme;
  const messages = new Messages(view.messages);
  const setState = (state) => { root.dataset.state = state; };
  setState('loading');
  messages.show('status', 'Loading the WebAssembly module…');

  let wasm;
  try {
    await engine.ready();
    wasm = engine;
  } catch (err) {
    setState('error');
    messages.show('status', `Could not load the WebAssembly module (${errorText(err)}). ` +
      'Build it first: npm run build:wasm (or npm start).', 'error');
    for (const el of root.querySelectorAll('button, input, select')) el.disabled = true;
    return { destroy: () => { abort.abort(); root.replaceChildren(); } };
  }
  messages.clear('status');

  // --- settings: URL (or options.query) → validated per field ---
  useEngine(wasm);
  const taskList = wasm.tasks();
  showTasks(view, taskList);
  const parsed = parseQuery(syncUrl ? location.search : query);
  let settings = parsed.settings;
  for (const e of parsed.errors) messages.show(`url:${e.field}`, `Invalid URL setting: ${e.message}.`, 'error');

  // --- trainer ---
  let trainer = null;
  let diverged = false;
  const getTrainer = () => trainer;

  /** Builds a Trainer for `next`; on a constructor error keeps the current one and returns false. */
  function build(next) {
    let fresh;
    try {
      fresh = new wasm.Trainer(trainerConfig(next));
    } catch (err) {
      messages.show('config', `These settings were not accepted: ${errorText(err)}`, 'error');
      return false;
    }
    trainer?.free();
    trainer = fresh;
    settings = next;
    messages.clear('config');
    clearDivergence();
    root.dataset.config = JSON.stringify(trainer.config());
    return true;
  }

  if (!build(settings)) {
    // A combination the engine rejects although each field was valid: fall back to defaults.
    const fallback = defaults();
    fallback.speed = settings.speed;
    if (!build(fallback)) {
      setState('error');
      return { destroy: () => { abort.abort(); root.replaceChildren(); } };
    }
    messages.show('config-fallback', 'Using the default settings instead.', 'error');
  }

  // --- readouts ---
  const shown = { step: -1, loss: '', rate: '', cost: '' };
  function setText(key, text) {
    if (shown[key] !== text) {
      shown[key] = text;
      view.readouts[key].textContent = text;
    }
  }
  function formatLoss(loss) {
    if (!Number.isFinite(loss)) return String(loss);
    return loss !== 0 && Math.abs(loss) < 1e-3 ? loss.toExponential(2) : loss.toPrecision(3);
  }
  let lastLoss = NaN;
  function updateReadouts() {
    const step = trainer.stepCount;
    if (shown.step !== step) {
      shown.step = step;
      view.readouts.step.textContent = String(step);
      root.dataset.step = String(step);
      root.dataset.loss = step === 0 ? '' : String(lastLoss);
    }
    setText('loss', step === 0 ? '–' : formatLoss(lastLoss));
    setText('rate', Number.isFinite(loop.stepsPerSecond) && loop.running
      ? Math.round(loop.stepsPerSecond).toLocaleString('en-US') : '–');
    setText('cost', Number.isFinite(loop.microsPerStep) ? loop.microsPerStep.toFixed(1) : '–');
  }

  // --- charts and loop ---
  const charts = new Charts(view.canvases, wasm, {
    getTrainer,
    theme,
    signal,
    onError: (err) => messages.show('charts', `Could not draw the charts: ${errorText(err)}`, 'error'),
  });

  const loop = new TrainingLoop((n) => trainer.train(n), (loss) => afterTraining(loss));
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
    }
    updateReadouts();
    charts.drawLive();
  }

  function clearDivergence() {
    diverged = false;
    messages.clear('diverged');
    view.actions.play.disabled = false;
    view.actions.step.disabled = false;
  }

  function showPlaying() {
    const playing = loop.running;
    view.actions.play.textContent = playing ? 'Pause' : 'Play';
    view.actions.play.setAttribute('aria-pressed', String(playing));
    if (!diverged) setState(playing ? 'running' : 'ready');
  }

  function play() {
    if (diverged || loop.running) return;
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
    if (diverged) return;
    if (loop.running) pause();
    const t0 = performance.now();
    const loss = trainer.step();
    loop.record(1, performance.now() - t0);
    afterTraining(loss);
  }
  function reset() {
    trainer.reset();
    lastLoss = NaN;
    loop.resetStats();
    clearDivergence();
    messages.clear('file');
    showPlaying();
    updateReadouts();
    charts.drawAll();
  }

  // --- settings changes ---
  function writeUrl() {
    if (!syncUrl) return;
    const url = location.pathname + toQuery(settings, location.search) + location.hash;
    history.replaceState(history.state, '', url);
  }

  function change(field, value) {
    if (field === 'speed') {
      settings = { ...settings, speed: value };
      loop.speed = value;
      writeUrl();
      return;
    }
    const next = { ...settings, [field]: value };
    const wasRunning = loop.running;
    if (!build(next)) {
      showSettings(view, settings);
      return;
    }
    messages.clear(`url:${field}`);
    lastLoss = NaN;
    loop.resetStats();
    showSettings(view, settings);
    writeUrl();
    updateTaskDescription();
    if (wasRunning) play();
    else showPlaying();
    updateReadouts();
    charts.drawAll();
  }

  function updateTaskDescription() {
    const task = taskList.find((t) => t.name === settings.task);
    view.taskDescription.textContent = task ? task.description : '';
  }

  bindControls(view, {
    getSettings: () => settings,
    onChange: change,
    onInvalid: (field, message) => messages.show(`input:${field}`, `Not applied: ${message}.`, 'error'),
    signal,
  });
  root.addEventListener('change', (e) => {
    const field = e.target?.dataset?.field;
    if (field) messages.clear(`input:${field}`);
  }, { signal, capture: true });

  // --- buttons ---
  view.actions.play.addEventListener('click', togglePlay, { signal });
  view.actions.step.addEventListener('click', step, { signal });
  view.actions.reset.addEventListener('click', reset, { signal });

  view.actions['export-weights'].addEventListener('click', () => {
    downloadText(trainer.exportWeights(), exportName(settings, trainer.stepCount, 'weights'));
  }, { signal });
  view.actions['export-checkpoint'].addEventListener('click', () => {
    downloadText(trainer.exportCheckpoint(), exportName(settings, trainer.stepCount, 'checkpoint'));
  }, { signal });
  view.actions['import-weights'].addEventListener('click', () => view.files.weights.click(), { signal });
  view.actions['import-checkpoint'].addEventListener('click', () => view.files.checkpoint.click(), { signal });

  const fileError = (what) => (err, file) => messages.show('file',
    `Could not import ${what} from ${file?.name ?? 'the file'}: ${errorText(err)}`, 'error');
  const stopWeights = onFileChosen(view.files.weights, (text, file) => {
    trainer.importWeights(text);
    // Importing weights starts a new run from them: step 0, fresh optimizer.
    lastLoss = NaN;
    loop.resetStats();
    clearDivergence();
    showPlaying();
    updateReadouts();
    messages.show('file', `Imported weights from ${file.name}.`);
    charts.drawAll();
  }, fileError('weights'));
  const stopCheckpoint = onFileChosen(view.files.checkpoint, (text, file) => {
    trainer.importCheckpoint(text);
    // A checkpoint carries its configuration: show it in the controls and the URL.
    const config = trainer.config();
    const next = { ...settings };
    for (const name of Object.keys(FIELDS)) if (FIELDS[name].trainer && name in config) next[name] = config[name];
    settings = next;
    root.dataset.config = JSON.stringify(config);
    showSettings(view, settings);
    writeUrl();
    updateTaskDescription();
    clearDivergence();
    lastLoss = trainer.losses().at(-1) ?? NaN;
    shown.step = -1;
    updateReadouts();
    messages.show('file', `Imported checkpoint from ${file.name} (step ${trainer.stepCount}).`);
    charts.drawAll();
  }, fileError('checkpoint'));
  signal.addEventListener('abort', () => { stopWeights(); stopCheckpoint(); });

  // --- keyboard: space = play/pause, → = one step, r = reset (not while typing) ---
  keyboardTarget.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
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
    /** Changes one setting (validated like a control); returns false if rejected. */
    set(field, value) {
      const r = parseField(field, String(value));
      if (!r.ok) return false;
      if (r.value !== settings[field]) change(field, r.value);
      return settings[field] === r.value;
    },
    get settings() { return { ...settings }; },
    get trainer() { return trainer; },
    destroy() {
      loop.stop();
      abort.abort();
      trainer?.free();
      trainer = null;
      root.replaceChildren();
      delete root.dataset.state;
    },
  };
}

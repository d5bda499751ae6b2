// A training session without a DOM: the trainer's lifecycle, settings changes (live ones go on,
// structural ones rebuild the network), the stop rules, divergence, and imports and exports.
// The page (demo.js and its feature modules) draws it and handles input; tests drive it in
// Node with the wasm loaded there (tests/node/session.test.mjs).
import { FIELD_NAMES, defaults, isStructural, isTrainerSetting, trainerConfig } from './settings.js';


/**
 * A session's whole state, to go on from in another thread (Session.exactState()), or what its
 * charts and readouts read (Session.displayState()): the trainer's bytes and the session's counts.
 * @typedef {{ bytes: Uint8Array, counts: { lastLoss: number, diverged: boolean, below: number } }} ExactState
 */

export class Session {
  #engine;
  #trainer = null;
  #settings;
  #trackGradients;
  /** Consecutive windows whose loss was below stopBelow; the rule fires at stopPatience. */
  #below = 0;

  /** The last window's loss (NaN before the first step of a run). */
  lastLoss = NaN;
  /** The loss became NaN or infinite: training stays stopped until a restart. */
  diverged = false;
  /**
   * The engine's error when the given settings were refused although each field was valid;
   * the defaults are used instead. Null otherwise.
   */
  fallback = null;

  /**
   * @param {object} engine the engine module (engine.js or the wasm package), loaded
   * @param {object} settings the starting settings (settings.js FIELDS), each already valid
   * @param {{trackGradients?: boolean, exact?: ExactState}} [options] follow the last step's
   *   gradient through time (the gradient-flow chart's second stream); `exact`: go on from
   *   another session's exactState() (its trainer and counts) rather than from step 0
   * Throws an Error when neither the settings nor the defaults build a trainer.
   */
  constructor(engine, settings, { trackGradients = false, exact } = {}) {
    this.#engine = engine;
    this.#trackGradients = trackGradients;
    if (exact) {
      // Built once, from the bytes (no default network first).
      this.#trainer = engine.Trainer.fromExactState(exact.bytes);
      this.#settings = { ...settings };
      this.#tookExact(exact.counts);
      return;
    }
    try {
      this.#build(settings);
    } catch (err) {
      // A combination the engine rejects although each field was valid: the defaults, with the page's own settings.
      const next = defaults();
      for (const name of FIELD_NAMES) if (!isTrainerSetting(name)) next[name] = settings[name];
      this.#build(next);
      this.fallback = err;
    }
  }

  /** A Trainer for `next`, replacing the current one; throws the engine's error, keeping the current one. */
  #build(next) {
    const fresh = new this.#engine.Trainer(trainerConfig(next));
    this.#trainer?.free();
    this.#trainer = fresh;
    this.#settings = { ...next };
    this.#trainer.trackLastStepGradient(this.#trackGradients);
    this.#restarted();
  }

  #restarted() {
    this.lastLoss = NaN;
    this.diverged = false;
    this.#below = 0;
  }

  get trainer() { return this.#trainer; }
  get settings() { return { ...this.#settings }; }
  get stepCount() { return this.#trainer.stepCount; }

  /** Windows left before the stop-after rule fires (Infinity without one). */
  stepsLeft() {
    const { stopAfter } = this.#settings;
    return stopAfter > 0 ? Math.max(0, stopAfter - this.#trainer.stepCount) : Infinity;
  }

  /** Why training cannot go on ('diverged', 'stopAfter', 'stopBelow'), or null. */
  get stopped() {
    if (this.diverged) return 'diverged';
    if (this.stepsLeft() === 0) return 'stopAfter';
    const { stopBelow, stopPatience } = this.#settings;
    return stopBelow > 0 && this.#below >= stopPatience ? 'stopBelow' : null;
  }

  /** Clears the stop-below count (play after a stop-below pause goes on). */
  clearStop() {
    this.#below = 0;
  }

  /**
   * Trains up to `n` windows, fewer where a stop rule fires or the run diverges (it stops at the
   * window whose loss is not finite, at any speed), and returns the last loss. With a stop-below
   * rule each window's loss is checked (one step() per window); without one, one
   * trainUntilDiverged(n) call inside wasm. Nothing while stopped.
   */
  train(n) {
    const k = Math.min(n, this.stepsLeft());
    if (k <= 0 || this.diverged) return this.lastLoss;
    if (!(this.#settings.stopBelow > 0)) return this.#trained(this.#trainer.trainUntilDiverged(k));
    for (let i = 0; i < k && !this.#heldBelow() && !this.diverged; i++) this.#trained(this.#trainer.step());
    return this.lastLoss;
  }

  /**
   * Trains one window as train(1) does (the stop rules, divergence) and returns its record,
   * trainer.traceStep()'s StepTrace; null when training cannot go on (stopped, diverged).
   */
  traceStep() {
    if (this.stepsLeft() === 0 || this.diverged || this.#heldBelow()) return null;
    const trace = this.#trainer.traceStep();
    this.#trained(trace.loss);
    return trace;
  }

  /** Whether the stop-below rule holds training: the loss stayed below for stopPatience windows. */
  #heldBelow() {
    const { stopBelow, stopPatience } = this.#settings;
    return stopBelow > 0 && this.#below >= stopPatience;
  }

  /** Counts a trained window's loss for the stop-below rule and divergence; returns it. */
  #trained(loss) {
    const { stopBelow } = this.#settings;
    if (stopBelow > 0) this.#below = loss < stopBelow ? this.#below + 1 : 0;
    this.lastLoss = loss;
    if (!Number.isFinite(loss)) this.diverged = true;
    return loss;
  }

  /**
   * Applies a valid value of one setting, as its control does. Returns what happened:
   * 'page' (the page's own setting), 'live' (the running trainer took it; the run goes on) or
   * 'rebuilt' (a new network, step 0). Throws the engine's error, changing nothing.
   */
  change(field, value) {
    if (!isTrainerSetting(field)) {
      this.#settings = { ...this.#settings, [field]: value };
      if (field.startsWith('stop')) this.#below = 0;
      return 'page';
    }
    if (!isStructural(field)) {
      // An optimizer setting: the run goes on with it (weights, moments, step, state, history).
      this.#trainer.setHyperParameters({ [field]: value });
      this.#settings = { ...this.#settings, [field]: value };
      return 'live';
    }
    this.#build({ ...this.#settings, [field]: value });
    return 'rebuilt';
  }

  /** A new network for all of `next` (a run's settings); throws the engine's error, keeping the current one. */
  rebuild(next) {
    this.#build(next);
  }

  /** Back to step 0 with fresh weights from the seed. */
  reset() {
    this.#trainer.reset();
    this.#restarted();
  }

  /**
   * The whole state (the trainer's exactState() bytes and the session's counts), for a
   * session in another thread to go on from bit for bit (restoreExactState, or the
   * constructor's `exact`). @returns {ExactState}
   */
  exactState() {
    return { bytes: this.#trainer.exactState(), counts: this.#counts() };
  }

  /** Becomes the session whose exactState() `exact` is (settings stay this session's). */
  restoreExactState({ bytes, counts }) {
    this.#trainer.restoreExactState(bytes);
    this.#tookExact(counts);
  }

  /** The trainer holds an exact state: it follows the gradient as this session does, the counts are the state's. */
  #tookExact(counts) {
    this.#trainer.trackLastStepGradient(this.#trackGradients);
    this.#setCounts(counts);
  }

  /**
   * What the charts and readouts read, from a session training in another thread: the
   * trainer's displayState() bytes (with the weights when `weights`, every layer's hidden
   * states unless `allLayers` is false) and the session's counts (an ExactState's shape).
   * @returns {ExactState}
   */
  displayState({ weights = false, allLayers = true } = {}) {
    return { bytes: this.#trainer.displayState(weights, allLayers), counts: this.#counts() };
  }

  /**
   * Shows another session's displayState(): its step, histories, last window, live
   * settings, loss, divergence and stop counts, and the weights where it carries them. The
   * optimizer stays this trainer's: restore an exact state before training here again.
   */
  applyDisplayState({ bytes, counts }) {
    this.#trainer.applyDisplayState(bytes);
    this.#setCounts(counts);
  }

  #counts() {
    return { lastLoss: this.lastLoss, diverged: this.diverged, below: this.#below };
  }

  #setCounts({ lastLoss, diverged, below }) {
    this.lastLoss = lastLoss;
    this.diverged = diverged;
    this.#below = below;
  }

  /** Follows the last step's gradient through time (the gradient-flow chart) or not. */
  set trackGradients(on) {
    this.#trackGradients = on;
    this.#trainer.trackLastStepGradient(on);
  }

  /**
   * The trainer becomes `exact`, the state an import of weights left in a Trainer of its
   * settings (the engine's files build, file-methods.js runFileMethod): a new run from those
   * weights (step 0, a fresh optimizer), with this session's settings (a live one changed while
   * the import ran keeps the value it has here) and its gradient tracking.
   */
  importedWeights(exact) {
    this.#trainer.restoreExactState(exact);
    this.#trainer.trackLastStepGradient(this.#trackGradients);
    const config = this.#trainer.config();
    const changed = {};
    for (const name of FIELD_NAMES) {
      if (isTrainerSetting(name) && !isStructural(name) && config[name] !== this.#settings[name]) changed[name] = this.#settings[name];
    }
    if (Object.keys(changed).length > 0) this.#trainer.setHyperParameters(changed);
    this.#restarted();
  }

  /** The trainer becomes `exact`, the state an import of a checkpoint left (file-methods.js runFileMethod): its settings replace the trainer settings here. */
  importedCheckpoint(exact) {
    this.#trainer.restoreExactState(exact);
    this.adoptTrainer();
  }

  /**
   * Follows the trainer as something else left it (a checkpoint, a script's calls through
   * `el.trainer`): its settings replace the trainer settings here. Unless `kept` (its run went
   * on: a live setting), the last loss is `loss` (else its loss history's last entry; NaN at
   * step 0) and the stop-below count starts over.
   */
  adoptTrainer({ loss, kept = false } = {}) {
    const trainer = this.#trainer;
    trainer.trackLastStepGradient(this.#trackGradients);
    const config = trainer.config();
    const next = { ...this.#settings };
    for (const name of FIELD_NAMES) if (isTrainerSetting(name) && name in config) next[name] = config[name];
    this.#settings = next;
    if (kept) return;
    this.#restarted();
    this.lastLoss = trainer.stepCount === 0 ? NaN : loss ?? trainer.losses().at(-1) ?? NaN;
    this.diverged = trainer.stepCount > 0 && !Number.isFinite(this.lastLoss);
  }

  /**
   * R² of the last window, 1 − Σ(ŷ − y)² / Σ(y − ȳ)², as 1 − L / Var(y): the window's loss L
   * (lastWindow().loss, in float32 as training computes it) is its mean squared error Σ(ŷ − y)² / T,
   * so R² follows the loss (−∞ where it overflowed to ∞, NaN where it is NaN or the target is
   * constant).
   */
  rSquared() {
    const { target, loss } = this.#trainer.lastWindow();
    const mean = target.reduce((a, b) => a + b, 0) / target.length;
    const variance = target.reduce((sum, y) => sum + (y - mean) ** 2, 0) / target.length;
    return variance > 0 ? 1 - loss / variance : NaN;
  }

  /**
   * The loss history as CSV: `step,loss`, one line per entry of losses(). With a coarsened
   * history (lossStride > 1) an entry is the mean loss of its steps and `step` is the last of them.
   */
  lossCsv() {
    const trainer = this.#trainer;
    const losses = trainer.losses();
    const stride = trainer.lossStride;
    const lines = ['step,loss'];
    // The last entry may cover fewer steps than the stride.
    for (let i = 0; i < losses.length; i++) lines.push(`${Math.min((i + 1) * stride, trainer.stepCount)},${losses[i]}`);
    return `${lines.join('\n')}\n`;
  }

  free() {
    this.#trainer?.free();
    this.#trainer = null;
  }
}

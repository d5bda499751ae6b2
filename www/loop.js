// The requestAnimationFrame training loop: each frame trains `speed` windows inside wasm
// (one train() call), then lets the owner redraw. It measures the time spent in train()
// and the steps per second of wall time. No allocation per frame (the worker's frames pass
// messages: see worker-training.js).
//
// With a `remote` run (worker-training.js RemoteRun), the training is the worker's: each frame
// shows the worker's latest display state, with what it trained since the last (remote.frame()),
// and only the frames that show one call onFrame (a display state of no new windows too: the
// run ended, a stop rule lowered past its step); stop() and suspend(true) take the run back
// from the worker.
// A frame trains here while remote.frame() returns null (the worker not started yet, or failed).
// What the worker trained is drawn at the page's pace (pace.js): every frame where the page
// keeps up, else less often; the worker trains at the same speed either way.
//
// A frame trains at most what fits in what is left of the page's training budget for the frame
// (pace.js: every element training here shares it) at the estimated cost per step, so a large
// network at a high speed, or many elements, slow the training down, not the page; at speed 0
// (max) it trains that much.
//
// `running` is whether the loop should train; `suspend(true)` holds it without changing that
// (the element is out of view, the tab is hidden) and `suspend(false)` goes on.
//
// Two costs per step: `msPerStep`, a quick estimate that sizes each frame's work (step-cost.js,
// from each frame's time), and `measuredMicrosPerStep`, the readout, only from at least
// MEASURED_MS of time inside train(): browsers round performance.now() to 0.1 ms, so one fast
// step cannot be timed alone.
import { pace } from './pace.js';
import { stepCost } from './step-cost.js';

const MEASURED_MS = 5;
/** Steps per second are measured over windows of this many milliseconds. */
const RATE_WINDOW_MS = 500;

export class TrainingLoop {
  /**
   * @param {(speed: number) => { loss: number, steps: number }} trainFn trains up to `speed` steps;
   *   returns the last loss and the steps it trained (fewer where a stop rule or divergence ended them)
   * @param {(loss: number) => void} onFrame called after each frame's training
   * @param {import('./worker-training.js').RemoteRun | null} [remote] the run in the worker
   */
  constructor(trainFn, onFrame, remote = null) {
    this.trainFn = trainFn;
    this.onFrame = onFrame;
    this.remote = remote;
    this.speed = 1;
    this.running = false;
    this.suspended = false;
    this.handle = 0;
    /** The pace's frame number of this element's last drawing (pace.js). */
    this.lastDrawn = -Infinity;
    this.tick = this.tick.bind(this);
    this.resetStats();
  }

  /** True while frames are being trained: running and not suspended. */
  get active() {
    return this.running && !this.suspended;
  }

  /**
   * Forgets the measured rate (a new trainer, a restart): steps/s reads NaN until a full
   * measuring window has passed, and the cost per step is measured again on the next frame.
   */
  resetStats() {
    this.msPerStep = NaN;
    this.measuredMicrosPerStep = NaN;
    this.costMs = 0;
    this.costSteps = 0;
    this.coldCall = true;
    this.restartWindow();
  }

  /**
   * Adds `steps` trained in `ms` to the readout's measurement, but for the first call after
   * resetStats() or start(), which may be cold (wasm compiles a function at its first call; a
   * worker takes the run over): a first Step had read 5,700 µs for a 15 µs window, and kept
   * reading so for the next 300 or so (MEASURED_MS passes again only then).
   */
  measure(steps, ms) {
    if (this.coldCall) {
      this.coldCall = false;
      return;
    }
    this.costMs += ms;
    this.costSteps += steps;
    if (this.costMs >= MEASURED_MS) {
      this.measuredMicrosPerStep = (this.costMs * 1000) / this.costSteps;
      this.costMs = 0;
      this.costSteps = 0;
    }
  }

  /** Starts a new measuring window for steps/s (NaN until it is complete). */
  restartWindow() {
    this.windowStart = performance.now();
    this.windowSteps = 0;
    this.windowTrainMs = 0;
    this.stepsPerSecond = NaN;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.coldCall = true;
    this.schedule();
  }

  stop() {
    this.running = false;
    this.unschedule();
    this.remote?.stop();
  }

  suspend(suspended) {
    if (suspended === this.suspended) return;
    this.suspended = suspended;
    if (suspended) {
      this.unschedule();
      this.remote?.stop();
    } else {
      this.schedule();
    }
  }

  schedule() {
    if (!this.active || this.handle) return;
    this.restartWindow();
    this.handle = requestAnimationFrame(this.tick);
  }

  unschedule() {
    cancelAnimationFrame(this.handle);
    this.handle = 0;
    this.stepsPerSecond = NaN;
  }

  /** Records a train() call made outside the loop (the Step button) in the cost figures. */
  record(steps, ms) {
    this.sizeFrom(steps, ms);
    this.measure(steps, ms);
  }

  /**
   * Sizes the next frames from `steps` trained in `ms` (here or in the worker): step-cost.js's
   * estimate, so that the frames grow to the budget within a few frames of a cold first step.
   */
  sizeFrom(steps, ms) {
    if (steps > 0) this.msPerStep = stepCost(this.msPerStep, steps, ms);
  }

  /** Adds `steps` trained in `ms` (here or in the worker) by time `now` to the figures. */
  count(steps, ms, now) {
    this.windowSteps += steps;
    this.windowTrainMs += ms;
    this.measure(steps, ms);
    const elapsed = now - this.windowStart;
    if (elapsed >= RATE_WINDOW_MS) {
      this.stepsPerSecond = (this.windowSteps * 1000) / elapsed;
      this.windowStart = now;
      this.windowSteps = 0;
      this.windowTrainMs = 0;
    }
  }

  tick(now) {
    this.handle = 0;
    if (!this.active) return;
    // The worker's training is shown when the page's pace (pace.js) lets this element draw.
    const shownAt = performance.now();
    const remote = this.remote?.frame(pace.mayDraw(now, this.lastDrawn));
    if (remote) {
      if (remote.shown) {
        if (remote.steps > 0) {
          this.sizeFrom(remote.steps, remote.ms);
          this.count(remote.steps, remote.ms, performance.now());
        }
        this.onFrame(remote.loss);
        this.lastDrawn = pace.drew(performance.now() - shownAt);
      }
      if (this.active && !this.handle) this.handle = requestAnimationFrame(this.tick);
      return;
    }
    // Unknown cost (the first frame): one step, to measure it. Else what is left of the page's
    // training budget for this frame (pace.js), at least one step; at speed 0 (max) all of it.
    const speed = this.speed > 0 ? this.speed : Infinity;
    const n = Number.isNaN(this.msPerStep) ? 1 : Math.max(1, Math.min(speed, Math.floor(pace.trainBudget(now) / this.msPerStep)));
    const t0 = performance.now();
    const { loss, steps } = this.trainFn(n);
    const t1 = performance.now();
    pace.trained(t1 - t0);
    this.sizeFrom(steps, t1 - t0);
    this.count(steps, t1 - t0, t1);
    // onFrame may stop the loop (divergence, stop rule); only schedule the next frame if still active.
    this.onFrame(loss);
    if (this.active && !this.handle) this.handle = requestAnimationFrame(this.tick);
  }
}

// The requestAnimationFrame training loop: each frame trains `speed` windows inside wasm
// (one train() call), then lets the owner redraw. It measures the time spent in train()
// and the steps per second of wall time. No allocation per frame.
//
// A frame trains at most what fits in FRAME_BUDGET_MS at the measured cost per step, so a
// large network at a high speed slows the training down, not the page.
const FRAME_BUDGET_MS = 10;

export class TrainingLoop {
  /**
   * @param {(speed: number) => number} trainFn trains `speed` steps, returns the last loss
   * @param {(loss: number) => void} onFrame called after each frame's training
   */
  constructor(trainFn, onFrame) {
    this.trainFn = trainFn;
    this.onFrame = onFrame;
    this.speed = 1;
    this.running = false;
    this.handle = 0;
    this.tick = this.tick.bind(this);
    this.resetStats();
  }

  resetStats() {
    this.windowStart = 0;      // wall clock at the start of the measuring window
    this.windowSteps = 0;      // steps trained in the window
    this.windowTrainMs = 0;    // ms spent inside train() in the window
    this.stepsPerSecond = NaN;
    this.microsPerStep = NaN;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.windowStart = performance.now();
    this.windowSteps = 0;
    this.windowTrainMs = 0;
    this.handle = requestAnimationFrame(this.tick);
  }

  stop() {
    this.running = false;
    cancelAnimationFrame(this.handle);
    this.handle = 0;
  }

  /** Records a train() call made outside the loop (the Step button) in the cost figure. */
  record(steps, ms) {
    this.microsPerStep = (ms * 1000) / steps;
  }

  tick() {
    if (!this.running) return;
    // Unknown cost (the first frame): one step, to measure it. Below the timer's resolution: full speed.
    const perStepMs = this.microsPerStep / 1000;
    let n = this.speed;
    if (Number.isNaN(perStepMs)) n = 1;
    else if (perStepMs > 0) n = Math.max(1, Math.min(this.speed, Math.floor(FRAME_BUDGET_MS / perStepMs)));
    const t0 = performance.now();
    const loss = this.trainFn(n);
    const t1 = performance.now();
    this.windowSteps += n;
    this.windowTrainMs += t1 - t0;
    const elapsed = t1 - this.windowStart;
    if (elapsed >= 500) {
      this.stepsPerSecond = (this.windowSteps * 1000) / elapsed;
      this.microsPerStep = (this.windowTrainMs * 1000) / this.windowSteps;
      this.windowStart = t1;
      this.windowSteps = 0;
      this.windowTrainMs = 0;
    } else if (Number.isNaN(this.microsPerStep)) {
      this.microsPerStep = ((t1 - t0) * 1000) / n;
    }
    // onFrame may stop the loop (divergence); only schedule the next frame if still running.
    this.onFrame(loss);
    if (this.running) this.handle = requestAnimationFrame(this.tick);
  }
}

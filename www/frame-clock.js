// The page's frames as the training worker sees them (train-worker.js): when to begin a frame's
// windows, how long the next turn may train, when to send the page what was trained.
//
// The page renders each frame in a burst: its main thread draws, then the compositor and the
// display compositor (at a higher priority than the worker) composite. On two cores, a worker
// training through that burst is preempted (docs/performance.md, "The worker's turns timed by
// the page's frames"). So a worker with nothing left to train begins a new frame's
// windows START of a frame interval after the frame began, when the burst is usually over; and
// each turn is cut short of the deadline, MARGIN_MS before the next frame begins, at which the
// worker sends what it has trained, so that the next frame shows it whatever the rest of the
// frame's windows take. DOM-free (tests/node/frame-clock.test.mjs).

/** An idle worker begins a frame's windows this fraction of a frame interval after the frame began. */
export const START = 0.5;
/** Display states go to the page this long (ms) before the next frame begins. */
export const MARGIN_MS = 1.5;
/** Closer than this (ms) to the deadline, the worker sends what it has rather than train on. */
export const DUE_MS = 0.5;

export class FrameClock {
  /**
   * When the page's last frame began, on this thread's clock (ms); before the page's first, a
   * 60 Hz grid from this thread's time origin (display states still go once a frame).
   */
  #at = 0;
  /** The page's frame interval (ms). */
  #interval = 1000 / 60;
  /** The last deadline served (display states sent for it), ms. */
  #served = -Infinity;
  /** Whether a frame of the page's has come. */
  #framed = false;

  /**
   * The page's frame that began at `at` (ms, this thread's `performance.now()` clock), the
   * display's frames `interval` ms apart. Deadlines fall MARGIN_MS before each frame after it.
   */
  frame(at, interval) {
    if (!Number.isFinite(at) || !(interval > 0)) return;
    // The page's first frame, or the first after a gap (a pause): the deadline served was on
    // another grid than this frame's, and says nothing of which of its deadlines are served.
    if (!this.#framed || at - this.#at > 1.5 * this.#interval) this.#served = -Infinity;
    this.#framed = true;
    this.#at = at;
    this.#interval = interval;
  }

  /** The page's frame interval (ms): the last frame message's, 1000/60 before the first. */
  get interval() {
    return this.#interval;
  }

  /** When an idle worker begins the last frame's windows (ms). */
  get startAt() {
    return this.#at + START * this.#interval;
  }

  /** The first deadline not served yet (ms). */
  get deadline() {
    // The first more than half an interval after the one served: that one computed again from a
    // later frame's time is not new (frame times and the interval, the shortest recent one, jitter).
    const k = Math.max(1, Math.floor((this.#served + this.#interval / 2 + MARGIN_MS - this.#at) / this.#interval) + 1);
    return this.#at + k * this.#interval - MARGIN_MS;
  }

  /**
   * Whether display states should go to the page at `now`: the deadline is past, or closer than
   * DUE_MS or than `turnMs`, the time the next turn is expected to take (sent now, before that
   * turn rather than after the deadline).
   */
  due(now, turnMs = 0) {
    return this.deadline - now < Math.max(DUE_MS, turnMs);
  }

  /** Display states went to the page at `now`, when due: the deadline, and every one passed by then, is served. */
  served(now) {
    const passed = this.#at + Math.floor((now + MARGIN_MS - this.#at) / this.#interval) * this.#interval - MARGIN_MS;
    this.#served = Math.max(this.deadline, passed);
  }

  /**
   * The longest the turn beginning at `now` may train (ms): half the time to the deadline, so
   * that a turn running slower than its estimate (this machine's speed changes by 1.5×) still
   * ends before it, the next turns shorter and shorter until it is due (turns.js caps it).
   */
  sliceMs(now) {
    return (this.deadline - now) / 2;
  }
}

// The page's drawing pace, one for every element: how often an element training in the worker
// shows what the worker trained; and, where elements train on the main thread (no worker), the
// frame's training budget they share. Each animation frame, the elements with something new draw
// (their display state applied, their charts redrawn) while the frame's drawing budget lasts, in
// the order their frames run; an element left out draws, whatever the budget, once it has waited
// twice its turn. Where the page still misses frames (the
// browser's own work for the canvases drawn: style, paint, compositing), elements draw only
// every `every`-th frame, down to every 4th (15 Hz at 60 Hz), and back to every frame once the
// page keeps up. The worker's training does not depend on it: the frames still earn their
// windows (speed) whether or not they draw; the worker times its turns by the frame interval
// (frame-clock.js).
//
// DOM-free apart from the frame timestamps requestAnimationFrame passes; tests drive it with
// their own timestamps (tests/node/pace.test.mjs).

/** Milliseconds of drawing per frame, all elements together, before the others wait a frame. */
export const BUDGET_MS = 6;
/**
 * Milliseconds of training per frame on the main thread (where no worker trains), all elements
 * together, and at most TRAIN_SHARE of the frame interval (5 ms at 120 Hz).
 */
export const TRAIN_BUDGET_MS = 10;
const TRAIN_SHARE = 0.6;
/** A frame interval above this many times the usual one counts as a missed frame... */
const MISSED = 1.5;
/** ...and above this many, as a gap (no element played: paused, hidden, out of view), not a miss. */
const GAP = 8;
/** Frames in a row without a miss before drawing comes one frame closer together. */
const STEADY_FRAMES = 60;
/** At most every this many frames an element draws, however slow the page. */
export const MAX_EVERY = 4;

export class Pace {
  /** An element draws at most every `every` frames (1: every frame). */
  every = 1;
  #frameAt = -1;
  #interval = 1000 / 60;
  #frame = 0;
  #spent = 0;
  #trained = 0;
  /** Elements that trained on the main thread in this frame, and in the last. */
  #trainers = 0;
  #trainersBefore = 0;
  #steady = 0;
  /** Whether an element drew in this frame (a long interval after it is drawing's doing). */
  #drew = false;

  /** The requestAnimationFrame timestamp of the current (or last) frame an element entered; -1 before any. */
  get frameAt() {
    return this.#frameAt;
  }

  /**
   * The usual frame interval (the display's), in ms: the shortest seen recently (it rises by
   * 1 % a frame towards longer ones; gaps, such as a pause, are left out). 1000 / 60 at first.
   */
  get interval() {
    return this.#interval;
  }

  /**
   * Called by each element on each animation frame with requestAnimationFrame's timestamp
   * (the same for every callback of a frame); the first call of a frame closes the last one.
   */
  #enter(now) {
    if (now === this.#frameAt) return;
    if (this.#frameAt >= 0) {
      const interval = now - this.#frameAt;
      const gap = interval >= GAP * this.#interval;
      if (!gap) this.#interval = Math.min(interval, this.#interval * 1.01 + 0.01);
      const missed = !gap && interval > MISSED * this.#interval;
      if (missed && this.#drew) {
        this.every = Math.min(MAX_EVERY, this.every + 1);
        this.#steady = 0;
      } else if (!missed && ++this.#steady >= STEADY_FRAMES && this.every > 1) {
        this.every--;
        this.#steady = 0;
      }
    }
    this.#drew = false;
    this.#frameAt = now;
    this.#frame++;
    this.#spent = 0;
    this.#trained = 0;
    this.#trainersBefore = this.#trainers;
    this.#trainers = 0;
  }

  /**
   * Milliseconds an element training on the main thread may train in this frame (`now`, the
   * frame's timestamp): its share of the frame's training budget (the budget over the elements
   * that trained here in the last frame), no more than is left of it (0 once spent; the element
   * still trains a step).
   */
  trainBudget(now) {
    this.#enter(now);
    const budget = Math.min(TRAIN_BUDGET_MS, TRAIN_SHARE * this.#interval);
    return Math.max(0, Math.min(budget / Math.max(1, this.#trainersBefore), budget - this.#trained));
  }

  /** An element trained on the main thread in this frame, for `ms`. */
  trained(ms) {
    this.#trained += ms;
    this.#trainers++;
  }

  /**
   * Whether an element that last drew at frame `lastDrawn` (its own record: -Infinity before
   * its first) may draw in this frame (`now`, the frame's timestamp). An element that has
   * waited twice its turn draws whatever the budget says.
   */
  mayDraw(now, lastDrawn) {
    this.#enter(now);
    const waited = this.#frame - lastDrawn;
    if (waited < this.every) return false;
    return this.#spent < BUDGET_MS || waited >= 2 * this.every;
  }

  /** An element drew in this frame, for `ms`: returns the frame number to keep as its `lastDrawn`. */
  drew(ms) {
    this.#spent += ms;
    this.#drew = true;
    return this.#frame;
  }
}

/** The page's pace: every element's loop uses this one. */
export const pace = new Pace();

// The training worker's schedule (train-worker.js): the elements playing take turns, each
// earning `speed` windows per frame of wall time (its speed setting keeps its meaning where the
// worker keeps up), at most two frames' worth saved up; a turn trains what the element has
// earned, no more than fits in a slice of SLICE_MS at its measured cost, and the next turn goes
// to the next element with a window earned (round robin). Elements paused, stopped or out of
// view are not in it: they cost nothing. DOM-free (tests/node/turns.test.mjs).

/** A frame of the page's animation, in milliseconds (60 Hz). */
export const FRAME_MS = 1000 / 60;
/** Frames' worth of windows an element may save up while others have their turns. */
const SAVED_FRAMES = 2;
/** Most time one turn trains for, in milliseconds (one step of a slow network may take longer). */
export const SLICE_MS = 8;

export class Turns {
  /** id → { speed, credit, at, msPerStep } in the order of turns. */
  #entries = new Map();

  /** Adds (or updates) element `id` training `speed` windows per frame, from time `now` (ms). */
  set(id, speed, now) {
    const entry = this.#entries.get(id);
    if (entry) entry.speed = speed;
    else this.#entries.set(id, { speed, credit: 1, at: now, msPerStep: NaN });
  }

  delete(id) {
    this.#entries.delete(id);
  }

  has(id) {
    return this.#entries.has(id);
  }

  get size() {
    return this.#entries.size;
  }

  /**
   * The next turn at time `now`: { id, steps } (steps ≥ 1), or { wait } — the milliseconds
   * until some element has earned a window — or null when nobody plays.
   */
  next(now) {
    if (this.#entries.size === 0) return null;
    let wait = Infinity;
    for (const [id, e] of this.#entries) {
      e.credit = Math.min(SAVED_FRAMES * e.speed, e.credit + ((now - e.at) * e.speed) / FRAME_MS);
      e.at = now;
      // (A rounding error short of a window counts as one.)
      if (e.credit >= 1 - 1e-9) {
        // Round robin: this one goes to the back.
        this.#entries.delete(id);
        this.#entries.set(id, e);
        const fits = Number.isFinite(e.msPerStep) && e.msPerStep > 0 ? Math.floor(SLICE_MS / e.msPerStep) : 1;
        return { id, steps: Math.max(1, Math.min(Math.floor(e.credit + 1e-9), fits)) };
      }
      wait = Math.min(wait, ((1 - e.credit) * FRAME_MS) / e.speed);
    }
    return { wait };
  }

  /** Records that element `id`'s turn trained `steps` windows in `ms` milliseconds. */
  done(id, steps, ms) {
    const e = this.#entries.get(id);
    if (!e) return;
    e.credit -= steps;
    if (steps > 0 && ms > 0) e.msPerStep = ms / steps;
  }
}

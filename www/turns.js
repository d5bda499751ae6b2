// The training worker's schedule (train-worker.js): every frame the page draws while an
// element plays, the element earns `speed` windows (its speed setting keeps its meaning: windows
// per frame, where the worker keeps up; at speed 0, max, the windows that fit in a frame interval
// at its measured cost, one before it is measured), at most SAVED_FRAMES frames' worth saved up; the
// elements with a window earned take turns (round robin), a turn training what the element
// earned but no more than fits in SLICE_MS (or less, before a deadline: frame-clock.js) at its
// measured cost (at least one window). An element paused, stopped or out of view earns nothing
// and costs nothing. DOM-free (tests/node/turns.test.mjs).

import { stepCost } from './step-cost.js';

/** Most time one turn trains for, in milliseconds (one step of a slow network may take longer). */
export const SLICE_MS = 8;
/** Frames' worth of windows an element may save up while others have their turns. */
export const SAVED_FRAMES = 2;

export class Turns {
  /** id → { speed, credit, msPerStep } in the order of turns. */
  #entries = new Map();

  /**
   * Adds element `id` (with nothing earned yet), or changes its speed (windows per frame; 0: max),
   * keeping at most SAVED_FRAMES frames' worth of the new speed of what it had earned.
   */
  set(id, speed) {
    const entry = this.#entries.get(id);
    if (!entry) this.#entries.set(id, { speed, credit: 0, msPerStep: NaN });
    else {
      entry.speed = speed;
      if (speed > 0) entry.credit = Math.min(entry.credit, SAVED_FRAMES * speed);
    }
  }

  delete(id) {
    this.#entries.delete(id);
  }

  has(id) {
    return this.#entries.has(id);
  }

  /**
   * A frame of element `id` was drawn, the display's frames `interval` ms apart: it earns its
   * speed in windows (speed 0: what fits in `interval`).
   */
  frame(id, interval = 1000 / 60) {
    const e = this.#entries.get(id);
    if (!e) return;
    const earns = e.speed > 0 ? e.speed : e.msPerStep > 0 ? Math.max(1, interval / e.msPerStep) : 1;
    e.credit = Math.min(SAVED_FRAMES * earns, e.credit + earns);
  }

  /** Whether an element has a window earned and not trained yet. */
  get waiting() {
    for (const e of this.#entries.values()) if (e.credit >= 1) return true;
    return false;
  }

  /**
   * The next turn, { id, steps, ms } (steps ≥ 1; ms: the time they are expected to take, 0
   * before the element's first turn), or null while no element has a window earned: its windows
   * earned, as many as fit in `maxMs` (at most SLICE_MS) at its measured cost.
   */
  next(maxMs = SLICE_MS) {
    for (const [id, e] of this.#entries) {
      if (e.credit < 1) continue;
      // Round robin: this one goes to the back.
      this.#entries.delete(id);
      this.#entries.set(id, e);
      const known = e.msPerStep > 0;
      const fits = known ? Math.floor(Math.min(SLICE_MS, maxMs) / e.msPerStep) : 1;
      const steps = Math.max(1, Math.min(Math.floor(e.credit), fits));
      return { id, steps, ms: known ? steps * e.msPerStep : 0 };
    }
    return null;
  }

  /** Windows element `id` has earned and not trained yet. */
  earned(id) {
    return this.#entries.get(id)?.credit ?? 0;
  }

  /** Records that element `id`'s turn trained `steps` windows in `ms` milliseconds (its cost: step-cost.js). */
  done(id, steps, ms) {
    const e = this.#entries.get(id);
    if (!e) return;
    e.credit = Math.max(0, e.credit - steps);
    if (steps > 0) e.msPerStep = stepCost(e.msPerStep, steps, ms);
  }
}

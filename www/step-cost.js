// A training step's cost as a coarse clock times it. Browsers round performance.now() to 0.1 ms
// (without cross-origin isolation), so a frame or a turn of a few fast windows may read 0 ms, and
// a first window, still cold, may read several ms. One rule for the main thread's frames
// (loop.js) and the worker's turns (turns.js). DOM-free.

/** A time at least this long (ms) is timed well enough to take as it reads. */
const TIMED_MS = 1;
/** performance.now()'s resolution (ms): Chromium's without cross-origin isolation (finer with it). */
const RESOLUTION_MS = 0.1;

/**
 * The cost of one step (ms) after `steps` steps took `ms`, from the estimate before (`previous`,
 * NaN where there is none): the time read, where it is long enough; else at most what the clock's
 * resolution lets it be, and never more than the estimate before, so that a cold first step does
 * not keep the next turns small and a step below the resolution does not read as free.
 */
export function stepCost(previous, steps, ms) {
  if (ms >= TIMED_MS) return ms / steps;
  const bound = (ms + RESOLUTION_MS) / steps;
  return previous > 0 ? Math.min(previous, bound) : bound;
}

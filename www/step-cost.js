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

/**
 * Multiply-adds per millisecond a first guess assumes: about what the page's scalar build (no
 * wasm SIMD) trains at on the development machine, a third of the SIMD builds' rate, so that a
 * guess errs long.
 */
const MULTIPLY_ADDS_PER_MS = 4e6;

/**
 * A first guess at one window's cost (ms) from the network's settings alone, before a window
 * was timed: the cell's products with W_ih and W_hh, forward and back (about three times the
 * forward's), at every time step and layer (the input is one number; `gates`: RNN 1, GRU 3, LSTM 4).
 * @param {{ cell: string, hidden: number, layers: number, timeStep: number }} settings
 */
export function guessStepMs({ cell, hidden, layers, timeStep }) {
  const gates = { rnn: 1, gru: 3, lstm: 4 }[cell];
  let perTimeStep = 0;
  for (let layer = 0; layer < layers; layer++) perTimeStep += 3 * gates * hidden * ((layer === 0 ? 1 : hidden) + hidden);
  return (timeStep * perTimeStep) / MULTIPLY_ADDS_PER_MS;
}

// The training worker's loop (train-worker.js): the elements' turns (turns.js) timed by the
// page's frames (frame-clock.js). A frame message earns the elements their windows and, where
// the worker had nothing left to train, starts the turns START of a frame after the frame began;
// each turn trains one element's windows, as many as fit before the deadline; a run's display
// state goes to the page once its windows are all trained (or it ended), and every run's with
// new steps at the deadline, or before a turn expected to end after it. The worker gives it its
// clock, the training, the messages and the wake-ups, so that it is DOM-free and runs in Node
// on a simulated clock (tests/node/worker-loop.test.mjs).
import { Turns } from './turns.js';
import { FrameClock } from './frame-clock.js';

/**
 * @typedef {object} WorkerIo
 * @property {() => number} now this thread's clock (ms)
 * @property {(id: number, steps: number) => ({ trained: number, ms: number, ended: boolean } | null)} train
 *   trains run `id` for `steps` windows: the windows trained, the time it took (ms), whether the
 *   run ended (a stop rule, divergence, nothing trained); null where it failed (the worker then
 *   told the page and dropped the run)
 * @property {(id: number) => void} post sends run `id`'s display state
 * @property {() => void} serve sends the display state of every run with new steps
 * @property {(at: number) => void} wake calls turn() at time `at` (at once where that is less
 *   than a millisecond away), unless a turn is to come already
 */

export class WorkerLoop {
  /** The elements' windows earned and their turns. */
  turns = new Turns();
  /** The page's frames. */
  clock = new FrameClock();
  /** @type {WorkerIo} */
  #io;

  /** @param {WorkerIo} io */
  constructor(io) {
    this.#io = io;
  }

  /** Run `id` added at `speed` windows a frame (0: max): it earns the windows of the frame that sent it. */
  add(id, speed) {
    this.turns.set(id, speed);
    this.turns.frame(id, this.clock.interval);
    this.#io.wake(this.#io.now());
  }

  /**
   * The page's frame message: an element's id for each frame it played, the last of them begun
   * at `at` (this thread's clock, ms), the display's frames `interval` ms apart.
   */
  frame(ids, at, interval) {
    // Nothing left to train: the frame's windows begin once the page has rendered it.
    const idle = !this.turns.waiting;
    const now = this.#io.now();
    // Not later than now (the two threads' clocks may differ by rounding).
    this.clock.frame(Math.min(at, now), interval);
    for (const id of ids) this.turns.frame(id, this.clock.interval);
    this.#io.wake(idle ? this.clock.startAt : now);
  }

  /** One turn: one element's windows, as many as fit before the deadline. */
  turn() {
    const { turns, clock } = this;
    const io = this.#io;
    const now = io.now();
    // A deadline passed or at hand: served first, so that the turn is planned to the next one.
    if (clock.due(now)) this.#serve(now);
    const next = turns.next(clock.sliceMs(now));
    if (!next) return;
    const { id, steps } = next;
    // Sent now if the turn would end after the deadline.
    if (clock.due(now, next.ms)) this.#serve(now);
    const result = io.train(id, steps);
    const end = io.now();
    if (result) {
      turns.done(id, result.trained, result.ms);
      if (result.ended) turns.delete(id);
      if (result.ended || turns.earned(id) < 1) io.post(id);
      // The turn took longer than expected, past the deadline or too close to it.
      if (clock.due(end)) this.#serve(end);
    }
    // Nothing waiting: the next frame message wakes the worker (at the clock's startAt).
    if (turns.waiting) io.wake(end);
  }

  #serve(now) {
    this.#io.serve();
    this.clock.served(now);
  }
}

// The element's trainer as scripts get it (`el.trainer`): the trainer itself, except that
// free() always throws (the element frees its own), a call that would change it or read the
// whole run throws while the worker holds the run (it would be undone by the worker's next
// display state; it would read the weights of the last pause), and a call that changed it tells
// the element, which then shows the trainer as the call left it.
import { FILE_METHODS, readsRun } from './files-build.js';

/** The Trainer's methods that end it: always refused. */
const OWNED = new Set(['free', Symbol.dispose].filter(Boolean));
/** The Trainer's methods that change it: refused while the worker holds the run, reported after. */
const WRITES = new Set(['train', 'trainUntilDiverged', 'step', 'traceStep', 'reset', 'setHyperParameters', 'trackLastStepGradient',
  'importWeights', 'importCheckpoint', 'restoreExactState', 'applyDisplayState']);
/**
 * The Trainer's methods that read the run's weights or what comes of them (the whole run, the
 * last step's gradients, the inputs' influence, a display state with the weights): refused while
 * the worker holds the run (this trainer's weights and gradients are those of the last pause;
 * its display states bring the rest).
 */
const READS = new Set(['exactState', 'gradients', 'inputInfluence', ...FILE_METHODS.filter(readsRun)]);
/** Whether a call of `key` with `args` reads the weights: as READS, and displayState(true) (no `args`: whether it may). */
const readsWeights = (key, args = [true]) => READS.has(key) || (key === 'displayState' && args[0] === true);
/** Those that train, and the loss of the last window they trained, from what they return. */
const TRAINS = { train: (loss) => loss, trainUntilDiverged: (loss) => loss, step: (loss) => loss, traceStep: (trace) => trace.loss };
/** Those after which the run goes on as it was (a live setting), as a training that trained nothing (train(0)). */
const KEEPS = new Set(['setHyperParameters', 'trackLastStepGradient', ...Object.keys(TRAINS)]);

/**
 * A view of `trainer` for scripts. `held()`: whether the worker holds the run (writes and
 * reads of the whole run throw then); `wrote(change)`: after a write went through, with what it did: `{ loss }` where it
 * trained windows (the last one's loss), `{ kept: true }` where the run goes on as it was (a
 * live setting, `train(0)`), else `{}` (it started over: an import, reset, restore). One view
 * per trainer, so `el.trainer === el.trainer`.
 * @template {object} T @param {T} trainer
 * @param {{ held: () => boolean, wrote: (change: { loss?: number, kept?: boolean }) => void }} hooks
 * @returns {T}
 */
export function scriptTrainer(trainer, { held, wrote }) {
  let view = views.get(trainer);
  if (view) return view;
  view = new Proxy(trainer, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'constructor') return value;
      if (OWNED.has(key)) {
        return () => {
          throw new Error(`Trainer.${String(key)}(): this trainer is the element's own; the element frees it when it is removed from the page.`);
        };
      }
      // Bound to the trainer itself: its methods see it, not this view.
      if (readsWeights(key)) {
        return (...args) => {
          if (held() && readsWeights(key, args)) throw heldError(key, 'its weights here are those of the last pause, and the call would give those');
          return value.apply(target, args);
        };
      }
      if (!WRITES.has(key)) return value.bind(target);
      return (...args) => {
        if (held()) throw heldError(key, 'the call would be lost', "; live settings go through the element's attributes or `el.config`");
        const from = target.stepCount;
        const result = value.apply(target, args);
        if (Object.hasOwn(TRAINS, key) && target.stepCount > from) wrote({ loss: TRAINS[key](result) });
        else wrote(KEEPS.has(key) ? { kept: true } : {});
        return result;
      };
    },
  });
  views.set(trainer, view);
  return view;
}

/** The Error of method `key` called while the worker holds the run: `why` it is refused, `hint` after "await el.pause() first". */
function heldError(key, why, hint = '') {
  return new Error(`Trainer.${String(key)}(): the element's run is in its Web Worker (it plays, its pause has not finished, or a Step's window is training there) and this trainer only shows it: ${why}. Call \`await el.pause()\` first${hint}.`);
}

/** trainer → its view */
const views = new WeakMap();

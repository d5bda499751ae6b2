// The phases of one training step, in the order the step runs them, for the unrolled view's
// "step inside" (unrolled.js). No DOM: a list of phases and a cursor over it
// (tests/node/step-phases.test.mjs).
//
//   forward t    the cell at time step t, t = 0 … T−1: h_t from x_t and h_{t−1}, ŷ_t from h_t
//   loss         L = mean_t (ŷ_t − y_t)², MSELoss
//   backward t   dL/dh_t, t = T−1 … 0: from ŷ_t and from h_{t+1}
//   cut          the window's start: h_state was detached (carryState) or zero, so the
//                gradient stops at h_0
//   clip         clip_grad_norm_ (or nothing, clipNorm 0)
//   update       optimizer.step(): every parameter tensor moves
//   carry        h_T becomes the next window's h_state (carryState), or the next starts from 0

/** The kinds of phase, in the order a step runs them. */
export const PHASE_KINDS = ['forward', 'loss', 'backward', 'cut', 'clip', 'update', 'carry'];

/** The phases of a step over `timeStep` time steps: [{ kind, t? }], forward t ascending, backward descending. */
export function phaseList(timeStep) {
  if (!Number.isInteger(timeStep) || timeStep < 1) throw new RangeError(`timeStep must be a positive integer, got ${timeStep}`);
  const out = [];
  for (let t = 0; t < timeStep; t++) out.push({ kind: 'forward', t });
  out.push({ kind: 'loss' });
  for (let t = timeStep - 1; t >= 0; t--) out.push({ kind: 'backward', t });
  out.push({ kind: 'cut' }, { kind: 'clip' }, { kind: 'update' }, { kind: 'carry' });
  return out;
}

/**
 * A cursor over the phases of one step. `index` −1 is before the first phase (nothing run
 * yet); forward() past the last phase reports `wrapped` (the caller trains the next window).
 */
export class StepPhases {
  #list;
  index = -1;

  constructor(timeStep) {
    this.#list = phaseList(timeStep);
  }

  get list() { return this.#list; }
  get length() { return this.#list.length; }
  /** The current phase, or null before the first. */
  get current() { return this.#list[this.index] ?? null; }
  get atEnd() { return this.index === this.#list.length - 1; }

  /** To the next phase; returns 'next', or 'wrapped' (back at the first phase: a new window). */
  forward() {
    if (this.atEnd) {
      this.index = 0;
      return 'wrapped';
    }
    this.index++;
    return 'next';
  }

  /** To the previous phase (not before the first); returns whether it moved. */
  back() {
    if (this.index <= 0) return false;
    this.index--;
    return true;
  }

  /**
   * To the first phase of the next stage (a run of phases of one kind: the forward pass, the
   * loss, the backward pass, …), `direction` 1; −1: to the first phase of this stage, or where
   * at it, of the one before. Returns whether it moved (not past the last stage, nor before the first).
   */
  stage(direction) {
    const list = this.#list;
    // The first phase of the stage phase j is in.
    const start = (j) => {
      while (j > 0 && list[j - 1].kind === list[j].kind) j--;
      return j;
    };
    const i = Math.max(this.index, 0);
    let to;
    if (direction > 0) {
      to = i;
      while (to < list.length && list[to].kind === list[i].kind) to++;
      if (to === list.length) return false;
    } else {
      // At this stage's start already: the one before's.
      to = start(i);
      if (to === i) {
        if (i === 0) return false;
        to = start(i - 1);
      }
    }
    this.index = to;
    return true;
  }

  /** Whether the forward pass has reached time step t (its values may be shown). */
  forwardReached(t) {
    const p = this.current;
    if (!p) return false;
    return p.kind !== 'forward' || p.t >= t;
  }

  /** Whether the backward pass has reached time step t (dL/dh_t is known). */
  backwardReached(t) {
    const p = this.current;
    if (!p) return false;
    const k = PHASE_KINDS.indexOf(p.kind);
    if (k < PHASE_KINDS.indexOf('backward')) return false;
    return p.kind !== 'backward' || p.t <= t;
  }
}

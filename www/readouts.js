// The readouts under the controls: step, loss, RMSE, R², steps/s, µs/step. Each text is
// written only when it changes.
import { short } from './probe.js';

/** Returns `update()`, which shows the session's and the loop's figures in `view.readouts`. */
export function bindReadouts(view, session, loop) {
  const shown = { step: '', loss: '', rmse: '', r2: '', rate: '', cost: '' };
  const setText = (key, text) => {
    if (shown[key] !== text) {
      shown[key] = text;
      view.readouts[key].textContent = text;
    }
  };
  return function update() {
    const step = session.stepCount;
    const loss = session.lastLoss;
    setText('step', String(step));
    setText('loss', step === 0 ? '–' : short(loss));
    // The window's loss is its mean squared error: RMSE is its square root.
    setText('rmse', step === 0 ? '–' : short(Math.sqrt(loss)));
    // R² copies the last window out of wasm: only when the readouts are shown.
    if (!view.readouts.r2.closest('[hidden]')) setText('r2', step === 0 ? '–' : short(session.rSquared()));
    setText('rate', Number.isFinite(loop.stepsPerSecond) && loop.active
      ? Math.round(loop.stepsPerSecond).toLocaleString('en-US') : '–');
    setText('cost', Number.isFinite(loop.measuredMicrosPerStep) ? loop.measuredMicrosPerStep.toFixed(1) : '–');
  };
}

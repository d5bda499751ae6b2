// The readouts under the controls: step, loss, RMSE, R², steps/s, µs/step, in the locale's
// number format. Each text is written only when it changes.

/**
 * Microseconds per step as the readout shows them, in `t`'s language: one decimal under 100
 * (12.3), none from there (152,000, not 152,000.0).
 */
export function microsText(t, micros) {
  return Number.isFinite(micros) ? t.fixed(micros, micros < 100 ? 1 : 0, true) : '–';
}

/**
 * Returns `update()`, which shows the session's and the loop's figures in `view.readouts`,
 * formatted by the Translator `tr()` (i18n.js).
 */
export function bindReadouts(view, session, loop, tr) {
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
    const t = tr();
    setText('step', t.count(step));
    setText('loss', step === 0 ? '–' : t.short(loss));
    // The window's loss is its mean squared error: RMSE is its square root.
    setText('rmse', step === 0 ? '–' : t.short(Math.sqrt(loss)));
    // R² copies the last window out of wasm: only when the readouts are shown.
    if (!view.readouts.r2.closest('[hidden]')) setText('r2', step === 0 ? '–' : t.short(session.rSquared()));
    setText('rate', Number.isFinite(loop.stepsPerSecond) && loop.active
      ? t.count(Math.round(loop.stepsPerSecond)) : '–');
    setText('cost', microsText(t, loop.measuredMicrosPerStep));
  };
}

// Listens to the LSTM element's events: `step` at most once per frame, `statechange`, `error`.
const lstm = document.getElementById('lstm');
const status = document.getElementById('lstm-status');
lstm.addEventListener('step', (e) => {
  status.value = `step ${e.detail.step}, loss ${e.detail.loss.toPrecision(3)}`;
});
lstm.addEventListener('error', (e) => {
  status.value = `error: ${e.detail.message}`;
});

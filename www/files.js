// Downloads and uploads of text files (weights, checkpoints): Blob + object URL out,
// a file input in. Nothing leaves the page's origin.

/** Offers `text` as a download named `filename`. */
export function downloadText(text, filename, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Calls `onText(text, file)` with the contents of each file chosen in `input`, then clears
 * the input so choosing the same file again fires again. Errors go to `onError`.
 */
export function onFileChosen(input, onText, onError) {
  const handler = async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      onText(await file.text(), file);
    } catch (err) {
      onError(err, file);
    }
  };
  input.addEventListener('change', handler);
  return () => input.removeEventListener('change', handler);
}

/** A file name for an export: rnn-playground-lstm-h32-l1-step120.weights.json */
export function exportName(config, step, kind) {
  return `rnn-playground-${config.cell}-h${config.hidden}-l${config.layers}-step${step}.${kind}.json`;
}

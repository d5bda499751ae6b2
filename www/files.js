// Downloads and uploads of files (weights, checkpoints, scripts): Blob + object URL out,
// a file input in. Nothing leaves the page's origin.

/** Offers `data` (a string or bytes) as a download named `filename`. */
export function downloadText(data, filename, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([data], { type }));
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
 * Calls `onFile(file)` with each file chosen in `input` (a File, not read here: the files
 * worker reads it, or the main thread where none starts: file-methods.js), then clears the input so choosing the same file again
 * fires again. Errors go to `onError(err, file)`.
 */
export function onFileChosen(input, onFile, onError) {
  const handler = async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      await onFile(file);
    } catch (err) {
      onError(err, file);
    }
  };
  input.addEventListener('change', handler);
  return () => input.removeEventListener('change', handler);
}

/** A file name for an export: rnn-playground-lstm-h32-l1-step120.weights.json */
export function exportName(config, step, kind, extension = 'json') {
  return `rnn-playground-${config.cell}-h${config.hidden}-l${config.layers}-step${step}.${kind}.${extension}`;
}

/**
 * The file name in `source`, a file's name or a URL: the last segment of a URL's path, decoded
 * ('weights/rnn%20v2.pt?x=1' → 'rnn v2.pt'); a name without '/', '?' or '#' as it is. The
 * engine's messages use it in the Python that converts a file.
 */
export function fileName(source) {
  const text = String(source);
  if (!/[/?#]/.test(text)) return text;
  const path = text.split(/[?#]/)[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || text;
  } catch {
    return last || text;
  }
}

// The Weights and checkpoints buttons: exports offered as downloads, imports from a chosen file.
import { downloadText, exportName, onFileChosen } from './files.js';

/**
 * Binds the file buttons of `view` to `session`. `exact(fn)` calls fn once the trainer holds
 * the whole state; `fileMethod(method, args, { blob })` runs one of the trainer's file methods
 * on it in the engine's files build (off the main thread where it can: see demo.js), resolving
 * to { result, stepCount, settings } (null once the demo is gone). `fail(text)` shows an
 * error of the files (`text` a function of the Translator, see Messages), `clear(text)` takes it
 * away while it shows; `importWeights(file, name)` and `importCheckpoint(file, name)` load a
 * chosen file (a Blob; and reject on a bad one).
 */
export function bindFileActions(view, session, { exact, fileMethod, fail, clear, importWeights, importCheckpoint, signal }) {
  /** The last export's error ({ what, text }): an export of the same `what` that succeeds takes it away. */
  let exportError = null;
  const failed = (what) => (err) => {
    exportError = { what, text: (tr) => tr.t('message.exportFailed', { what: tr.t(`what.${what}`), reason: tr.error(err) }) };
    fail(exportError.text);
  };
  /** Offers `text` as a download named `name`: an earlier export error of this `what` no longer holds. */
  const download = (what, text, name, type) => {
    downloadText(text, name, type);
    if (exportError?.what === what) clear(exportError.text);
  };
  /**
   * Offers what file method `method` (with `args`) gives as a download, named for the run's
   * settings and step when it ran; an error (a diverged run, a files build that did not load)
   * is shown instead.
   */
  const offer = (what, method, args, kind, extension, type) => () => {
    fileMethod(method, args, { blob: true }).then((done) => {
      if (done) download(what, done.result, exportName(done.settings, done.stepCount, kind, extension), type);
    }).catch(failed(what));
  };
  const on = (action, handler) => view.actions[action].addEventListener('click', handler, { signal });
  on('export-weights', offer('weights', 'exportWeights', [], 'weights', 'json'));
  on('export-safetensors', offer('weights', 'exportWeights', ['safetensors'], 'weights', 'safetensors', 'application/octet-stream'));
  on('export-checkpoint', offer('checkpoint', 'exportCheckpoint', [], 'checkpoint', 'json'));
  // The loss history is the page's own (no files build).
  on('export-losses', () => exact(() => {
    try {
      download('losses', session.lossCsv(), exportName(session.settings, session.stepCount, 'losses', 'csv'), 'text/csv');
    } catch (err) {
      failed('losses')(err);
    }
  }));
  on('import-weights', () => view.files.weights.click());
  on('import-checkpoint', () => view.files.checkpoint.click());

  const fileError = (what) => (err, file) => {
    fail((tr) => tr.t('message.importFailed', { what: tr.t(`kind.${what}`), file: file?.name ?? tr.t('what.file'), reason: tr.error(err) }));
  };
  const stopWeights = onFileChosen(view.files.weights, (file) => importWeights(file, file.name),
    fileError('weights'));
  const stopCheckpoint = onFileChosen(view.files.checkpoint, (file) => importCheckpoint(file, file.name),
    fileError('checkpoint'));
  signal.addEventListener('abort', () => { stopWeights(); stopCheckpoint(); });
}

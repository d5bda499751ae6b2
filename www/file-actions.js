// The Weights and checkpoints buttons: exports offered as downloads, imports from a chosen file.
import { downloadText, exportName, onFileChosen } from './files.js';

/**
 * Binds the file buttons of `view` to `session`. `exact(fn)` calls fn once the trainer holds
 * the whole state; `withFiles(fn, failed)` does too once the engine's file methods are loaded
 * (`failed(err)` where they do not load). `fail(key, text)` shows an error (`text`
 * a function of the Translator, see Messages);
 * `importWeights(bytes, name)` and `importCheckpoint(bytes, name)` load a chosen file (and
 * reject on a bad one).
 */
export function bindFileActions(view, session, { exact, withFiles, fail, importWeights, importCheckpoint, signal }) {
  /**
   * Offers what `make()` returns as a download, once the session's trainer holds the whole
   * state (at once, or when it is back from the training worker) and, for an export of the
   * engine's (`files`), its file methods are loaded; an error (a diverged run, a file build
   * that did not load) is shown instead.
   */
  const offer = (what, make, kind, extension, type, files = true) => () => {
    const failed = (err) => {
      fail('file', (tr) => tr.t('message.exportFailed', { what: tr.t(`what.${what}`), reason: tr.error(err) }));
    };
    const download = () => {
      try {
        downloadText(make(), exportName(session.settings, session.stepCount, kind, extension), type);
      } catch (err) {
        failed(err);
      }
    };
    if (files) withFiles(download, failed);
    else exact(download);
  };
  const on = (action, handler) => view.actions[action].addEventListener('click', handler, { signal });
  on('export-weights', offer('weights', () => session.trainer.exportWeights(), 'weights', 'json'));
  on('export-safetensors', offer('weights', () => session.trainer.exportWeights('safetensors'),
    'weights', 'safetensors', 'application/octet-stream'));
  on('export-checkpoint', offer('checkpoint', () => session.trainer.exportCheckpoint(), 'checkpoint', 'json'));
  on('export-losses', offer('losses', () => session.lossCsv(), 'losses', 'csv', 'text/csv', false));
  on('import-weights', () => view.files.weights.click());
  on('import-checkpoint', () => view.files.checkpoint.click());

  const fileError = (what) => (err, file) => {
    fail('file', (tr) => tr.t('message.importFailed', { what: tr.t(`kind.${what}`), file: file?.name ?? tr.t('what.file'), reason: tr.error(err) }));
  };
  const stopWeights = onFileChosen(view.files.weights, (bytes, file) => importWeights(bytes, file.name),
    fileError('weights'));
  const stopCheckpoint = onFileChosen(view.files.checkpoint, (bytes, file) => importCheckpoint(bytes, file.name),
    fileError('checkpoint'));
  signal.addEventListener('abort', () => { stopWeights(); stopCheckpoint(); });
}

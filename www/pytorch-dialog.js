// "Copy as PyTorch…": the run's script in a dialog, to copy or download as run.py.
import { downloadText } from './files.js';

/**
 * A longer script shows only its beginning (to the last line that fits), with a line saying how
 * much more there is: a run from imported weights writes them into the script, 38.5 MB at LSTM
 * h256, 4 layers, whose layout in the dialog held the page up 8 seconds. Copy and Download give
 * the whole script.
 */
export const PREVIEW_CHARS = 50_000;

/**
 * Binds the dialog of `view`; its texts in the language of the Translator `tr()`.
 * `fileMethod('pytorchScript')` resolves to the run's script as { result, stepCount } (null
 * once the demo is gone), or rejects (see file-actions.js).
 */
export function bindPytorchDialog(view, tr, fileMethod, signal) {
  const dialog = view.dialog;
  /** The script shown, whole (the dialog shows the beginning of one longer than PREVIEW_CHARS). */
  let script = '';
  const previewed = () => script.length > PREVIEW_CHARS;
  const show = (text, status) => {
    script = text;
    if (previewed()) {
      // To the end of a line; within a line longer than the preview, not between a surrogate pair's halves.
      const cut = text.lastIndexOf('\n', PREVIEW_CHARS - 1);
      let end = cut >= 0 ? cut + 1 : PREVIEW_CHARS;
      if (cut < 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
      const head = text.slice(0, end);
      dialog.script.textContent = `${head}${head.endsWith('\n') ? '' : '\n'}${tr().t('pytorch.preview', { characters: tr().count(text.length - end) })}\n`;
    } else {
      dialog.script.textContent = text;
    }
    dialog.status.textContent = status;
    if (!signal.aborted) dialog.pytorch.showModal();
  };
  const failed = (err) => show('', tr().t('pytorch.failed', { reason: tr().error(err) }));
  view.actions.pytorch.addEventListener('click', () => fileMethod('pytorchScript').then((done) => {
    if (!done) return;
    show(done.result, done.stepCount === 0
      ? tr().t('pytorch.none')
      : tr().plural('pytorch.some', done.stepCount, { steps: tr().count(done.stepCount) }));
  }).catch(failed), { signal });
  view.actions['copy-script'].addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(script);
      dialog.status.textContent = tr().t('pytorch.copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text for Ctrl+C, where
      // the dialog shows all of it.
      if (previewed()) {
        dialog.status.textContent = tr().t('pytorch.downloadInstead');
        return;
      }
      getSelection().selectAllChildren(dialog.script);
      dialog.status.textContent = tr().t('pytorch.selected');
    }
  }, { signal });
  view.actions['download-script'].addEventListener('click', () => {
    downloadText(script, 'run.py', 'text/x-python');
  }, { signal });
}

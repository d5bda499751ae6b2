// "Copy as PyTorch…": the run's script in a dialog, to copy or download as run.py.
import { downloadText } from './files.js';

/**
 * Binds the dialog of `view`; its texts in the language of the Translator `tr()`.
 * `fileMethod('pytorchScript')` resolves to the run's script as { result, stepCount } (null
 * once the demo is gone), or rejects (see file-actions.js).
 */
export function bindPytorchDialog(view, tr, fileMethod, signal) {
  const dialog = view.dialog;
  const show = (script, status) => {
    dialog.script.textContent = script;
    dialog.status.textContent = status;
    if (!signal.aborted) dialog.pytorch.showModal();
  };
  const failed = (err) => show('', tr().t('pytorch.failed', { reason: tr().error(err) }));
  view.actions.pytorch.addEventListener('click', () => fileMethod('pytorchScript').then((done) => {
    if (!done) return;
    show(done.result, done.stepCount === 0
      ? tr().t('pytorch.none')
      : tr().t('pytorch.some', { steps: tr().count(done.stepCount) }));
  }).catch(failed), { signal });
  view.actions['copy-script'].addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(dialog.script.textContent);
      dialog.status.textContent = tr().t('pytorch.copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text for Ctrl+C.
      getSelection().selectAllChildren(dialog.script);
      dialog.status.textContent = tr().t('pytorch.selected');
    }
  }, { signal });
  view.actions['download-script'].addEventListener('click', () => {
    downloadText(dialog.script.textContent, 'run.py', 'text/x-python');
  }, { signal });
}

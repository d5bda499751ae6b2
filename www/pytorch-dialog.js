// "Copy as PyTorch…": the run's script in a dialog, to copy or download as run.py.
import { downloadText } from './files.js';

/**
 * Binds the dialog of `view` to `session`; its texts in the language of the Translator `tr()`.
 * `withFiles(fn, failed)` calls fn once the engine's file methods are loaded and the trainer
 * holds the whole state (it may be in the training worker), `failed(err)` where they do not load.
 */
export function bindPytorchDialog(view, session, tr, withFiles, signal) {
  const dialog = view.dialog;
  const show = (script, status) => {
    dialog.script.textContent = script;
    dialog.status.textContent = status;
    if (!signal.aborted) dialog.pytorch.showModal();
  };
  const failed = (err) => show('', tr().t('pytorch.failed', { reason: tr().error(err) }));
  view.actions.pytorch.addEventListener('click', () => withFiles(() => {
    const trainer = session.trainer;
    try {
      show(trainer.pytorchScript(), trainer.stepCount === 0
        ? tr().t('pytorch.none')
        : tr().t('pytorch.some', { steps: tr().count(trainer.stepCount) }));
    } catch (err) {
      failed(err);
    }
  }, failed), { signal });
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

// "Copy as PyTorch…": the run's script in a dialog, to copy or download as run.py.
import { downloadText } from './files.js';

/**
 * Binds the dialog of `view` to `session`; its texts in the language of the Translator `tr()`.
 * `exact(fn)` calls fn once the trainer holds the whole state (it may be in the training worker).
 */
export function bindPytorchDialog(view, session, tr, exact, signal) {
  const dialog = view.dialog;
  view.actions.pytorch.addEventListener('click', () => exact(() => {
    const trainer = session.trainer;
    try {
      dialog.script.textContent = trainer.pytorchScript();
      dialog.status.textContent = trainer.stepCount === 0
        ? tr().t('pytorch.none')
        : tr().t('pytorch.some', { steps: tr().count(trainer.stepCount) });
    } catch (err) {
      dialog.script.textContent = '';
      dialog.status.textContent = tr().t('pytorch.failed', { reason: tr().error(err) });
    }
    if (!signal.aborted) dialog.pytorch.showModal();
  }), { signal });
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

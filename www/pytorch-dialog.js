// "Copy as PyTorch…": the run's script in a dialog, to copy or download as run.py.
import { downloadText } from './files.js';
import { errorText } from './messages.js';

export function bindPytorchDialog(view, session, signal) {
  const dialog = view.dialog;
  view.actions.pytorch.addEventListener('click', () => {
    const trainer = session.trainer;
    try {
      dialog.script.textContent = trainer.pytorchScript();
      dialog.status.textContent = trainer.stepCount === 0
        ? 'No step trained yet: the script runs one window.'
        : `The script trains the ${trainer.stepCount} windows trained so far.`;
    } catch (err) {
      dialog.script.textContent = '';
      dialog.status.textContent = `No script for this run: ${errorText(err)}.`;
    }
    dialog.pytorch.showModal();
  }, { signal });
  view.actions['copy-script'].addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(dialog.script.textContent);
      dialog.status.textContent = 'Copied.';
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text for Ctrl+C.
      getSelection().selectAllChildren(dialog.script);
      dialog.status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }, { signal });
  view.actions['download-script'].addEventListener('click', () => {
    downloadText(dialog.script.textContent, 'run.py', 'text/x-python');
  }, { signal });
}

// The package's subpath exports, imported by its name as a user's project does: each resolves
// to its declarations through package.json's `types` conditions.
import { RnnPlayground, Trainer, ready, type RnnPlaygroundAttributes } from 'rnn-playground';
import { ready as engineReady, readyFiles, Trainer as EngineTrainer, type TrainerConfig } from 'rnn-playground/engine';
import { RnnPlayground as ElementClass, OPTIONS } from 'rnn-playground/element';
import manifest from 'rnn-playground/custom-elements.json';

export async function use(): Promise<string> {
  await ready();
  await engineReady();
  await engineReady({ files: false });
  const loaded: void = await readyFiles();
  const copy: EngineTrainer = EngineTrainer.fromExactState(new EngineTrainer({}).exactState());
  const checkpoint: string = copy.exportCheckpoint() + copy.pytorchScript() + copy.pytorchScript({ steps: 3 });
  const config: TrainerConfig = { cell: 'gru' };
  const same: typeof Trainer = EngineTrainer;
  const element: typeof RnnPlayground = ElementClass;
  customElements.define('my-playground', class extends ElementClass {});
  const attributes: RnnPlaygroundAttributes = { cell: 'gru', 'hidden-size': 8, keyboard: 'page' };
  const option: 'autoplay' | 'controls' | 'hide' | 'charts' | 'weights' | 'checkpoint' | 'theme' | 'loading' | 'sync-url' | 'keyboard' = OPTIONS[0];
  return `${loaded}${checkpoint} ${config.cell} ${same.name} ${element.name} ${attributes.cell} ${option} ${manifest.schemaVersion}`;
}

export function mistakes(): void {
  // @ts-expect-error: not an option of the element (the settings' attributes are not in OPTIONS)
  const cell: (typeof OPTIONS)[number] = 'cell';
  // @ts-expect-error: the engine has no element
  import('rnn-playground/engine').then((m) => m.RnnPlayground);
  // @ts-expect-error: ready's option is a boolean
  engineReady({ files: 'no' });
  void cell;
}

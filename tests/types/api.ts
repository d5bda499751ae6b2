// Type-checks a use of the wasm module's declarations (www/pkg/rnn_playground.d.ts) with
// `tsc --strict`: the right uses compile, and each @ts-expect-error line must be an error,
// which shows the declarations are precise (no `any` letting mistakes through).
import init, {
  Trainer, drawStrip, tasks, validateConfig, validateSetting, defaultConfig,
  settingError, configError, type EngineError, type EngineMessageParam, type EngineReport,
  type TrainerConfig, type ResolvedTrainerConfig, type HyperParameters, type LastWindow, type StepTrace, type TaskName, type SettingSchema,
} from '../../www/pkg/rnn_playground.js';

/** true exactly when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

export async function use(canvas: HTMLCanvasElement): Promise<number> {
  await init();
  const config: TrainerConfig = { cell: 'lstm', hidden: 16, timeStep: 20, task: 'square', weightDecay: 0.01 };
  const t = new Trainer(config);
  const loss: number = t.step() + t.train(10);
  const resolved: Required<TrainerConfig> = t.config();
  // A setting's word for 0 is taken where a config is given, and given back as the number.
  const unclipped = new Trainer({ clipNorm: 'off', weightDecay: 'off' });
  const live: HyperParameters = { clipNorm: 'off' };
  unclipped.setHyperParameters(live);
  const given: ResolvedTrainerConfig = unclipped.config();
  const clip: number = given.clipNorm + given.weightDecay + defaultConfig().clipNorm;
  const seen: string = validateConfig({ clipNorm: 'off' }) ?? '';
  // Given back exactly as numbers, never as the word (an exact type equality: a wider type fails it).
  const numbers: [Equal<ResolvedTrainerConfig['clipNorm'], number>, Equal<ResolvedTrainerConfig['weightDecay'], number>] = [true, true];
  const cell: 'rnn' | 'lstm' | 'gru' = resolved.cell;
  const w: LastWindow = t.lastWindow();
  const p: Float32Array = w.prediction;
  const h: Float32Array = t.hiddenStates();
  const lowest: Float32Array = t.hiddenStates(0);
  // @ts-expect-error: the layer is a number
  t.hiddenStates('0');
  const names: TaskName[] = tasks().map((x) => x.name);
  const problem: string | undefined = validateConfig({ hidden: 0 });
  const hidden: number = defaultConfig().hidden + defaultConfig().weightDecay;
  t.setHyperParameters({ weightDecay: 0.001, lr: 0.01 });
  const schema: SettingSchema[] = await import('../../www/engine.js').then((engine) => engine.settingsSchema());
  const attribute: string = schema[0].attribute;
  const refused: string | undefined = validateSetting('weightDecay', 2);
  const error: EngineError | undefined = settingError('weightDecay', 2) ?? configError({ hidden: 0 });
  const code: string | undefined = error?.code;
  const got: EngineMessageParam | undefined = error?.params.got;
  const english: string | undefined = await import('../../www/engine.js').then((engine) => engine.errorMessages()[code ?? 'setting.invalid']);
  drawStrip(canvas, t, { dark: true, pixelRatio: 2 });
  const loaded: EngineReport = t.importWeights(t.exportWeights());
  const said: string = loaded.message;
  const dict: EngineMessageParam | undefined = loaded.params.dict;
  // @ts-expect-error: importWeights reports an object (message, code, params), not a string
  const text: string = t.importWeights(t.exportWeights());
  const bytes: Uint8Array = t.exportWeights('safetensors');
  t.importWeights(bytes);
  t.importWeights(new Uint8Array(bytes).buffer);
  t.importCheckpoint(new TextEncoder().encode(t.exportCheckpoint()));
  t.importWeights(bytes, 'rnn.safetensors');
  t.importCheckpoint(t.exportCheckpoint(), 'run.checkpoint.json');
  t.train('50');
  const untilDiverged: number = t.trainUntilDiverged('50') + t.lastWindow().loss;
  const trace: StepTrace = t.traceStep();
  const dLdh: Float32Array = trace.dLdh;
  const moved: Float32Array | undefined = trace.update['rnn.weight_hh_l0'];
  const gates: Float32Array | undefined = trace.gates;
  // @ts-expect-error an RNN's record may lack gates: they are optional
  const sureGates: Float32Array = trace.gates;
  const influence: Float32Array = t.inputInfluence(9);
  const times: Float64Array = w.t;
  t.reset(3);
  t.reset();
  t.free();
  void numbers;
  return clip + seen.length + dLdh.length + (moved?.length ?? 0) + (gates?.length ?? 0) + sureGates.length + influence.length + said.length + text.length + String(dict).length + times.length + loss + p.length + h.length + lowest.length + names.length + cell.length + t.stepCount + t.lossStride + hidden + (problem?.length ?? 0) + attribute.length + (refused?.length ?? 0) + (english?.length ?? 0) + String(got).length;
}

export function mistakes(t: Trainer, canvas: HTMLCanvasElement): void {
  // @ts-expect-error: not a cell
  new Trainer({ cell: 'cnn' });
  // @ts-expect-error: weightDecay is a number
  new Trainer({ weightDecay: '0.1' });
  // @ts-expect-error: clipNorm's word for 0 is 'off'
  new Trainer({ clipNorm: 'none' });
  // @ts-expect-error: seed has no word for 0
  new Trainer({ seed: 'off' });

  // @ts-expect-error: hidden needs a new Trainer
  t.setHyperParameters({ hidden: 8 });
  // @ts-expect-error: a misspelt setting
  new Trainer({ hiden: 8 });
  // @ts-expect-error: hidden is a number
  new Trainer({ hidden: '8' });
  // @ts-expect-error: step() returns a number
  const s: string = t.step();
  // @ts-expect-error: the chart options need pixelRatio
  drawStrip(canvas, t, { dark: false });
  // @ts-expect-error: validateConfig checks a TrainerConfig
  validateConfig({ speed: 3 });
  // @ts-expect-error: lastWindow() has no `step`
  t.lastWindow().step;
  // @ts-expect-error: the time axis is a Float64Array
  const t32: Float32Array = t.lastWindow().t;
  // @ts-expect-error: safetensors are bytes, not a string
  const st: string = t.exportWeights('safetensors');
  // @ts-expect-error: not a format
  t.exportWeights('pt');
  // @ts-expect-error: importWeights takes a file's content, not an object
  t.importWeights({ 'out.bias': [0] });
  // @ts-expect-error: a file's name is a string
  t.importWeights('{}', 7);
  void t32;
  void st;
  void s;
}

// The package's main module: the element and the engine API (www/rnn-playground.d.ts).
import {
  RnnPlayground, ready, type RnnPlaygroundState, type RnnPlaygroundConfig, type RnnPlaygroundConfigInit,
} from '../../www/rnn-playground.js';

export async function useElement(): Promise<string> {
  await ready();
  const el: RnnPlayground = document.createElement('rnn-playground');
  const found: RnnPlayground | null = document.querySelector('rnn-playground');
  el.setAttribute('hidden-size', '16');
  el.config = { cell: 'gru', stopAfter: 60 };
  const words: RnnPlaygroundConfigInit = { speed: 'max', stopAfter: 'never', clipNorm: 'off' };
  el.config = words;
  const config: RnnPlaygroundConfig | null = el.config;
  const speed: number = config?.speed ?? 1;
  const exact: [Equal<RnnPlaygroundConfig['speed'], number>, Equal<RnnPlaygroundConfig['stopAfter'], number>, Equal<RnnPlaygroundConfig['clipNorm'], number>] = [true, true, true];
  void exact;
  el.addEventListener('step', (e) => { const n: number = e.detail.step + e.detail.loss; void n; });
  el.addEventListener('statechange', (e) => { const s: RnnPlaygroundState = e.detail.state; void s; });
  el.addEventListener('error', (e) => { const m: string = e.detail.message; void m; });
  el.play();
  el.pause();
  const t = el.trainer;
  return `${el.state} ${el.stepCount} ${el.loss} ${t?.stepCount ?? 0} ${speed} ${found?.state ?? ''}`;
}

export function elementMistakes(el: RnnPlayground): void {
  // @ts-expect-error: step events carry {step, loss}
  el.addEventListener('step', (e) => e.detail.message);
  // @ts-expect-error: not a state
  const s: RnnPlaygroundState = 'stopped';
  // @ts-expect-error: the trainer is read only
  el.trainer = null;
  // @ts-expect-error: config takes the element's settings
  el.config = { hiden: 3 };
  // @ts-expect-error: speed's word for 0 is 'max'
  el.config = { speed: 'off' };
  void s;
}

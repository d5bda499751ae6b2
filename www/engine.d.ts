// Declarations of the engine's API (engine.js, the package's `rnn-playground/engine`): the wasm
// module's exports, whose types come from its own declarations, and the loader.
import type { InitOutput, SettingSchema } from './pkg/rnn_playground.js';

export {
  Trainer,
  tasks,
  defaultConfig,
  validateConfig,
  validateSetting,
  configError,
  settingError,
  drawStrip,
  drawLoss,
  drawHidden,
  drawGradients,
  drawPreview,
  stripSeries,
  previewSeries,
} from './pkg/rnn_playground.js';
export type {
  TrainerConfig,
  ResolvedTrainerConfig,
  LastWindow,
  TaskInfo,
  ChartOptions,
  ChartColors,
  ChartLayout,
  StripSeries,
  PreviewSeries,
  HyperParameters,
  HyperParameterChange,
  SettingSchema,
  EngineError,
  EngineReport,
  EngineMessage,
  EngineMessageParam,
  EngineQuoted,
  CellName,
  NonlinearityName,
  OptimizerName,
  TaskName,
  InitOutput,
} from './pkg/rnn_playground.js';

/**
 * Loads the wasm once per page (the relaxed-SIMD build where the browser has relaxed SIMD,
 * else the SIMD build where it has wasm SIMD, else the scalar one; found relative to the
 * module's URL), and the files build (`readyFiles()`) unless `options.files` is false. Call and
 * await it before using Trainer, tasks, defaultConfig, validateConfig or the draw functions;
 * the element calls it itself, with `files: false`.
 */
/**
 * Every setting, in the order a form shows them: the engine's settings table
 * (src/training/settings.rs): name, attribute, flag, kind, range, default, scope, label, help.
 * A fresh copy at each call; it needs no ready().
 */
export function settingsSchema(): SettingSchema[];
export function ready(options?: { files?: boolean }): Promise<InitOutput>;
/**
 * Every message of the engine's errors, `{code: englishTemplate}` in the order declared: what a
 * page's message catalog gives in its language. It reads the files build's table: after
 * `ready()` (or `readyFiles()`); before, an Error that says to await it.
 */
export function errorMessages(): Record<string, string>;
/**
 * Loads the files build once per page: the Trainer's `exportWeights`, `importWeights`,
 * `exportCheckpoint`, `importCheckpoint` and `pytorchScript` run there (on a copy of the
 * trainer's exact state; an import comes back into the trainer), and `errorMessages()` reads its
 * table; the rest of the engine's builds leave them out (half the size). `ready()` calls it; before it resolved, those methods
 * throw an Error that says to await it.
 */
export function readyFiles(): Promise<void>;
/** True when this browser runs wasm SIMD (simd128). */
export function hasSimd(): boolean;
/** True when this browser runs wasm relaxed SIMD (f32x4.relaxed_madd and the rest). */
export function hasRelaxedSimd(): boolean;
/** Which wasm build ready() loads in this browser. */
export function wasmBuild(): 'relaxed-simd' | 'simd' | 'scalar';
/** The URL of the .wasm file of that build (the element's training worker loads the same). */
export function wasmUrl(): string;

//! The JavaScript API: translates between JS values and the engine, nothing more.
//! `wasm-pack build --target web` turns it into `pkg/rnn_playground.js`.

mod charts;
mod config;
mod crisp_canvas;
mod errors;
mod trainer;

use wasm_bindgen::prelude::*;

pub use charts::{draw_gradients, draw_hidden, draw_loss, draw_preview, draw_strip, preview_series, strip_series};
pub use crisp_canvas::CrispCanvas;
pub use trainer::{default_config, tasks, validate_config, JsTrainer};

/// Runs when the module is instantiated: panics (which no input should cause) are
/// reported on the console with their message instead of "unreachable".
/// A plain JS object with these fields (what the API returns for windows, layouts, series).
pub(crate) fn object<const N: usize>(fields: [(&str, JsValue); N]) -> JsValue {
    let obj = js_sys::Object::new();
    for (name, value) in fields {
        js_sys::Reflect::set(&obj, &JsValue::from_str(name), &value).expect("setting a field of a fresh object");
    }
    obj.into()
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type CellName = 'rnn' | 'lstm' | 'gru';
export type NonlinearityName = 'tanh' | 'relu';
export type OptimizerName = 'adam' | 'sgd';
export type TaskName = 'sin-cos' | 'denoise' | 'square' | 'sawtooth';
/** A training configuration; every field is optional and defaults to the tutorial's value. */
export interface TrainerConfig {
  /** Recurrent cell. Default 'rnn'. */
  cell?: CellName;
  /** The RNN's activation (LSTM and GRU ignore it). Default 'tanh'. */
  nonlinearity?: NonlinearityName;
  /** Hidden units per layer, integer 1 to 256. Default 32. */
  hidden?: number;
  /** Stacked layers, integer 1 to 4. Default 1. */
  layers?: number;
  /** Learning rate, greater than 0 and at most 10. Default 0.02. */
  lr?: number;
  /** Default 'adam'. */
  optimizer?: OptimizerName;
  /** SGD momentum, 0 to below 1. Default 0. */
  momentum?: number;
  /** Adam's β1, 0 to below 1. Default 0.9. */
  beta1?: number;
  /** Adam's β2, 0 to below 1. Default 0.999. */
  beta2?: number;
  /** Adam's ε, greater than 0 and at most 1. Default 1e-8. */
  eps?: number;
  /** Largest global gradient norm; 0 turns clipping off. Default 0. */
  clipNorm?: number;
  /** Points per window, integer 2 to 200. Default 10. */
  timeStep?: number;
  /** torch.manual_seed(seed), integer 0 to 4294967295. Default 1. */
  seed?: number;
  /** Data task, one of tasks(). Default 'sin-cos'. */
  task?: TaskName;
  /**
   * Carry the hidden state (and an LSTM's cell state) from one window into the next, its
   * gradient cut at the boundary, as the tutorial does; false starts every window from zero.
   * Default true.
   */
  carryState?: boolean;
}
/** The settings a running trainer can change (setHyperParameters). */
export type HyperParameters = Pick<TrainerConfig, 'lr' | 'momentum' | 'beta1' | 'beta2' | 'eps' | 'clipNorm'>;
/** One change made during a run: from window `step` on (counting from 0), `name` had `value`. */
export interface HyperParameterChange {
  step: number;
  name: keyof HyperParameters;
  value: number;
}
/**
 * The window last run through the network, `timeStep` points each. Window k (the
 * trainer's step when it was run) covers t from kπ to (k+1)π, both ends included, evenly
 * spaced as numpy's linspace; the data are computed at the phase t mod 2π, exactly for
 * any k (src/tasks.rs).
 */
export interface LastWindow {
  /** The time points, in double precision: at k = 10^6 they still step by π/(timeStep−1). */
  t: Float64Array;
  /** The network's input at each time point, e.g. sin(t). */
  input: Float32Array;
  /** What it should predict, e.g. cos(t). */
  target: Float32Array;
  /** What it predicted. */
  prediction: Float32Array;
}
export interface Trainer {
  /**
   * The weights under PyTorch's names and shapes, as a JSON state dict string.
   * Throws an Error once training diverged ("training diverged at step N; reset or import weights").
   */
  exportWeights(format?: 'json' | null): string;
  /** The weights as the bytes of a safetensors file (F32 tensors); throws as above. */
  exportWeights(format: 'safetensors'): Uint8Array;
  /**
   * Back to step 0 with fresh weights, from `seed` if given (an integer from 0 to
   * 4294967295), else the configured seed.
   */
  reset(seed?: number | null): void;
}
export interface TaskInfo {
  name: TaskName;
  description: string;
}
export interface ChartOptions {
  /** Dark colour scheme. */
  dark: boolean;
  /** Device pixels per CSS pixel; the canvas's width and height are in device pixels. */
  pixelRatio: number;
  /** Colours replacing the scheme's, each '#rrggbb' (others are ignored). */
  colors?: ChartColors;
}
/** Where a chart put its data (device pixels of the canvas), to map a pointer back to data. */
export interface ChartLayout {
  /** The plotting area's left edge and top, from the canvas's top-left corner. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Data values at the left and right edges. */
  xMin: number;
  xMax: number;
  /** Data values at the bottom and top edges. */
  yMin: number;
  yMax: number;
  /** The y axis is logarithmic (the loss chart). */
  yLog: boolean;
}
/** One period of a task, as drawPreview draws it. */
export interface PreviewSeries {
  t: Float64Array;
  input: Float32Array;
  target: Float32Array;
}
/** The points of the strip chart, window after window, oldest first. */
export interface StripSeries {
  t: Float64Array;
  input: Float32Array;
  target: Float32Array;
  prediction: Float32Array;
}
/** A page's chart colours, each '#rrggbb'; a missing one keeps the colour scheme's. */
export interface ChartColors {
  target?: string;
  prediction?: string;
  input?: string;
  background?: string;
  text?: string;
}
"#;

export type TaskName = 'sin-cos' | 'denoise' | 'square' | 'sawtooth';
export type CellName = 'rnn' | 'lstm' | 'gru';
export type NonlinearityName = 'tanh' | 'relu';
export type OptimizerName = 'adam' | 'sgd';
/**
 * A training configuration; every field is optional and defaults to the tutorial's value. A
 * setting with a word for 0 takes the word or the number (clipNorm: 'off' or 0).
 */
export interface TrainerConfig {
  /** The data task: one of sin-cos, denoise, square, sawtooth. Default 'sin-cos'. */
  task?: TaskName;
  /** The recurrent cell: one of rnn, lstm, gru. Default 'rnn'. */
  cell?: CellName;
  /** The RNN's activation (LSTM and GRU ignore it): one of tanh, relu. Default 'tanh'. */
  nonlinearity?: NonlinearityName;
  /** Hidden units per layer: an integer from 1 to 256. Default 32. */
  hidden?: number;
  /** Stacked recurrent layers: an integer from 1 to 4. Default 1. */
  layers?: number;
  /** Points per window: an integer from 2 to 200. Default 10. */
  timeStep?: number;
  /** The optimizer: one of adam, sgd. Default 'adam'. */
  optimizer?: OptimizerName;
  /** The learning rate: greater than 0 and at most 10. Default 0.02. */
  lr?: number;
  /** SGD's momentum: from 0 to below 1. Default 0. */
  momentum?: number;
  /** Adam's β1, the first moment's decay: from 0 to below 1. Default 0.9. */
  beta1?: number;
  /** Adam's β2, the second moment's decay: from 0 to below 1. Default 0.999. */
  beta2?: number;
  /** Adam's ε, added to the denominator: greater than 0 and at most 1. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ added to the gradient, g + λθ, as PyTorch's weight_decay (not AdamW): from 0 to 1; 0: off. Default 0. */
  weightDecay?: number | 'off';
  /** Largest global gradient norm (clip_grad_norm_'s max_norm): off (0) or a positive number. Default 0. */
  clipNorm?: number | 'off';
  /** torch.manual_seed(seed): an integer from 0 to 4294967295. Default 1. */
  seed?: number;
  /** Carry the hidden state (and an LSTM's cell state) from one window into the next, its gradient cut there, as the tutorial does; off, every window starts from zero: true or false. Default true. */
  carryState?: boolean;
}
/** The settings a running trainer can change (setHyperParameters). */
export type HyperParameters = Pick<TrainerConfig, 'lr' | 'momentum' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'clipNorm'>;
/** A configuration with every field given, as config() and defaultConfig() give it: a word for 0 is given as 0. */
export type ResolvedTrainerConfig = { [K in keyof TrainerConfig]-?: Exclude<TrainerConfig[K], 'off' | undefined> };

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
 * any k (src/training/tasks.rs).
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
  /**
   * The mean squared error of `prediction` against `target`, in float32 as training computes
   * it: the loss the window was trained with (Infinity where it overflowed, NaN once diverged),
   * or, after a restore, that of the next window's forward pass, shown before it trains.
   */
  loss: number;
}
/**
 * One training step, recorded (`Trainer.traceStep()`). With L layers, T = timeStep, H hidden
 * units and G gates (RNN 1; LSTM 4: i f g o; GRU 3: r z n); every layered array is layer 0
 * first, time steps in order.
 */
export interface StepTrace {
  /** The window index k trained (stepCount before the step). */
  step: number;
  /** The window's time points (double precision). */
  t: Float64Array;
  /** Input x_t, target y_t and prediction ŷ_t, T values each. */
  x: Float32Array;
  target: Float32Array;
  prediction: Float32Array;
  /** The window's loss, mean_t (ŷ_t − y_t)². */
  loss: number;
  /** The state the window started from, L × H (zeros when carryState is off). */
  h0: Float32Array;
  /** LSTM only: the cell state the window started from, L × H. */
  c0?: Float32Array;
  /** h_t, L × T × H. */
  h: Float32Array;
  /** LSTM only: c_t, L × T × H. */
  c?: Float32Array;
  /** LSTM and GRU: the activated gates, L × T × G × H. */
  gates?: Float32Array;
  /** W_ih x_t + b_ih (x_t the layer's input), L × T × G × H. */
  ih: Float32Array;
  /** W_hh h_{t−1} + b_hh, L × T × G × H. */
  hh: Float32Array;
  /**
   * dL/dh_t, L × T × H: from the output above and the later steps, before clipping (PyTorch's
   * `h_t.grad` with `retain_grad()` on an unrolled loop).
   */
  dLdh: Float32Array;
  /** dL/dθ before clipping, by `parameterNames()`, each row-major in PyTorch's shape. */
  gradients: Record<string, Float32Array>;
  /** ‖dL/dθ‖₂ over all parameters, before clipping. */
  gradientNorm: number;
  /** The factor clipping multiplied the gradients by (`clip_grad_norm_`); 1 when not clipped. */
  clipScale: number;
  /** θ after the optimizer's step − θ before, by `parameterNames()`. */
  update: Record<string, Float32Array>;
}
export interface Trainer {
  /**
   * The last window's hidden activations of layer `layer` (0 the lowest, layers − 1 the top;
   * the top layer when omitted), time_step × hidden, row by row: PyTorch's `r_out[0]` for the
   * top layer. A RangeError for a layer the network does not have.
   */
  hiddenStates(layer?: number): Float32Array;
  /**
   * The weights under PyTorch's names and shapes, as a JSON state dict string.
   * Throws an Error once training diverged ("training diverged at step N; reset or import weights").
   */
  exportWeights(format?: 'json' | null): string;
  /** The weights as the bytes of a safetensors file (F32 tensors); throws as above. */
  exportWeights(format: 'safetensors'): Uint8Array;
  /**
   * Loads weights and starts a new run from them (step 0, fresh optimizer). `data` is a file's
   * content: a string (JSON) or bytes (JSON, safetensors or NumPy .npz, judged by content); a
   * state dict, or a recorded run's `initial_state_dict`. `name` is the file's name, for
   * messages: a PyTorch file, a TorchScript archive, an .npz that cannot be read as it is or a
   * zipped JSON file gets the line of Python that converts it, with this name in it. Returns
   * which dict was loaded: its `message` in English ("loaded the state dict (safetensors)"),
   * with the `code` and `params` that write it in another language. Throws an Error listing
   * every problem, leaving everything untouched.
   */
  importWeights(data: string | Uint8Array | ArrayBuffer, name?: string | null): EngineReport;
  /**
   * Continues exactly from a checkpoint (its config replaces this trainer's), written by this
   * version or an earlier one; `name` is the file's name, for messages. Throws an Error, leaving
   * everything untouched, on any problem (a checkpoint of a newer version: "this checkpoint was
   * written by a newer version of rnn-playground (format 2); this one reads up to 1").
   */
  importCheckpoint(data: string | Uint8Array | ArrayBuffer, name?: string | null): void;
  /**
   * The whole training state as JSON: config, weights, optimizer moments and step counts,
   * carried hidden state, step number and loss history. Throws an Error once training diverged.
   */
  exportCheckpoint(): string;
  /**
   * A self-contained Python script (torch, numpy) that reproduces this run in PyTorch: the same
   * model and seed, optimizer, hyper-parameters and their changes, windows and carried state, for
   * `options.steps` windows (default: the steps trained so far; an integer from 1 to 10000000).
   * Run, it prints one loss per line: this trainer's losses within the parity tolerance of the
   * PyTorch fixtures. A run that started from imported weights has them written into the
   * script; one that continues a checkpoint of such a run throws an Error (its weights at step 0
   * are not known).
   */
  pytorchScript(options?: { steps?: number } | null): string;
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
  /** The texts drawn, in the page's language (English for each one left out). */
  labels?: ChartLabels;
}
/** The texts the charts draw: legends, axis descriptions, captions. */
export interface ChartLabels {
  target?: string;
  prediction?: string;
  input?: string;
  step?: string;
  loss?: string;
  noSteps?: string;
  noFiniteLoss?: string;
  timeStep?: string;
  hiddenUnit?: string;
  timeStepT?: string;
  windowLoss?: string;
  lastStepLoss?: string;
  gradientNorm?: string;
  clip?: string;
  /** The gradient flow's caption where a norm of the window is not finite (a diverged run's). */
  notFinite?: string;
  /** "layer 0" … "layer 3" (numbered from 0, as PyTorch's weight_ih_l0). */
  layers?: string[];
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
  /**
   * Where the chart drew its series' entries along x, entry i at `first + i · spacing`, each
   * covering `spacing` around it: the loss history's and the gradient norm's (the middle of the
   * steps each covers), a window's time steps (t + 1); undefined where x is the data's own value
   * (the strip and preview charts' t).
   */
  entries?: { first: number; spacing: number };
}
/** The gradient-flow chart's panels: the left one's layout (time step t, ‖dL/dh_t‖), and the right one's (training step, global gradient norm); on a canvas at least as tall as it is wide, the upper one's and the lower one's. */
export interface GradientFlowLayout extends ChartLayout {
  overTraining: ChartLayout;
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
/** One setting as `settingsSchema()` lists it: the table in src/training/settings.rs. */
export interface SettingSchema {
  /** Its name in TrainerConfig (or the element's config) and in URL queries. */
  name: string;
  /** The <rnn-playground> attribute. */
  attribute: string;
  /** The `train` command line's flag (for a boolean, the one that sets the opposite of its default); null for the page's own settings. */
  flag: string | null;
  kind: 'choice' | 'integer' | 'number' | 'boolean';
  /** A choice's (or a boolean's) values, as a form shows them. */
  choices: { value: string | boolean; label: string; description: string }[];
  /** The range of a number (null for the others, and max for no upper bound). */
  min: number | null;
  max: number | null;
  minExclusive: boolean;
  maxExclusive: boolean;
  default: string | number | boolean;
  /** 'structural': a change builds a new network; 'live': the running trainer takes it (setHyperParameters); 'page': the element's own. */
  scope: 'structural' | 'live' | 'page';
  /** The only cell (or optimizer) it changes anything for, or null. */
  cell: CellName | null;
  optimizer: OptimizerName | null;
  /** What 0 means where it turns something off ('off', 'never', 'max': no cap on the speed), or null; the element's attributes and the page's URL read the word as 0. */
  zero: string | null;
  label: string;
  /** One line; another setting in it written {name} (its name), for a page to name it as its reader knows it (the form: by its label). */
  help: string;
  /** What it accepts, as messages say it: 'an integer from 1 to 256'. */
  accepts: string;
  /** The same as a message, for a page to write in its reader's language: {code: 'accepts.integer', params: {min: 1, max: 256}}. */
  acceptsMessage: Pick<EngineMessage, 'code' | 'params'>;
}

// Written by scripts/custom-elements.mjs from the settings table (www/settings-schema.js), with the
// manifest; tests/node/custom-elements.test.mjs fails when this file differs from what it writes.
import type { RnnPlaygroundConfig } from './rnn-playground.js';

/**
 * A setting's attribute value: the setting's own type (a choice's names), with numbers also as
 * text, and true/false as text (an attribute's presence alone reads as neither).
 */
export type AttributeValue<T> = T extends boolean ? `${T}` : T extends number ? T | `${T}` : T;

/** The settings' attributes of <rnn-playground>, one for each setting of the table. */
export interface RnnPlaygroundSettingAttributes {
  /** The data task: one of sin-cos, denoise, square, sawtooth. Default 'sin-cos'. A change builds a new network (step 0). */
  task?: AttributeValue<RnnPlaygroundConfig['task']>;
  /** The recurrent cell: one of rnn, lstm, gru. Default 'rnn'. A change builds a new network (step 0). */
  cell?: AttributeValue<RnnPlaygroundConfig['cell']>;
  /** The RNN's activation (LSTM and GRU ignore it): one of tanh, relu. Default 'tanh'. A change builds a new network (step 0). */
  nonlinearity?: AttributeValue<RnnPlaygroundConfig['nonlinearity']>;
  /** Hidden units per layer: an integer from 1 to 256. Default 32. A change builds a new network (step 0). */
  'hidden-size'?: AttributeValue<RnnPlaygroundConfig['hidden']>;
  /** Stacked recurrent layers: an integer from 1 to 4. Default 1. A change builds a new network (step 0). */
  layers?: AttributeValue<RnnPlaygroundConfig['layers']>;
  /** Points per window: an integer from 2 to 200. Default 10. A change builds a new network (step 0). */
  'time-step'?: AttributeValue<RnnPlaygroundConfig['timeStep']>;
  /** The optimizer: one of adam, sgd. Default 'adam'. A change builds a new network (step 0). */
  optimizer?: AttributeValue<RnnPlaygroundConfig['optimizer']>;
  /** The learning rate: greater than 0 and at most 10. Default 0.02. A change applies to the running trainer. */
  lr?: AttributeValue<RnnPlaygroundConfig['lr']>;
  /** SGD's momentum: from 0 to below 1. Default 0. A change applies to the running trainer. */
  momentum?: AttributeValue<RnnPlaygroundConfig['momentum']>;
  /** Adam's β1, the first moment's decay: from 0 to below 1. Default 0.9. A change applies to the running trainer. */
  beta1?: AttributeValue<RnnPlaygroundConfig['beta1']>;
  /** Adam's β2, the second moment's decay: from 0 to below 1. Default 0.999. A change applies to the running trainer. */
  beta2?: AttributeValue<RnnPlaygroundConfig['beta2']>;
  /** Adam's ε, added to the denominator: greater than 0 and at most 1. Default 1e-8. A change applies to the running trainer. */
  eps?: AttributeValue<RnnPlaygroundConfig['eps']>;
  /** L2 penalty λ added to the gradient, g + λθ, as PyTorch's weight_decay (not AdamW): from 0 to 1; 0: off. Default 0. A change applies to the running trainer. */
  'weight-decay'?: AttributeValue<RnnPlaygroundConfig['weightDecay']> | 'off';
  /** Largest global gradient norm (clip_grad_norm_'s max_norm): off (0) or a positive number. Default 0. A change applies to the running trainer. */
  'clip-norm'?: AttributeValue<RnnPlaygroundConfig['clipNorm']> | 'off';
  /** torch.manual_seed(seed): an integer from 0 to 4294967295. Default 1. A change builds a new network (step 0). */
  seed?: AttributeValue<RnnPlaygroundConfig['seed']>;
  /** Carry the hidden state (and an LSTM's cell state) from one window into the next, its gradient cut there, as the tutorial does; off, every window starts from zero: true or false. Default true. A change builds a new network (step 0). */
  'carry-state'?: AttributeValue<RnnPlaygroundConfig['carryState']>;
  /** Training steps per animation frame (max: as many as fit in the frame's time): max (0) or an integer from 1 to 1000. Default 1. */
  speed?: AttributeValue<RnnPlaygroundConfig['speed']> | 'max';
  /** Training pauses after this many windows (the tutorial's loop ends): never (0) or an integer from 1 to 1000000000. Default 0. */
  'stop-after'?: AttributeValue<RnnPlaygroundConfig['stopAfter']> | 'never';
  /** Training pauses once the loss stays below this for as many windows in a row as `stop-patience` says: from 0 to 1000000; 0: never. Default 0. */
  'stop-below'?: AttributeValue<RnnPlaygroundConfig['stopBelow']> | 'never';
  /** How many windows in a row the loss must stay under `stop-below`: an integer from 1 to 1000000. Default 1. */
  'stop-patience'?: AttributeValue<RnnPlaygroundConfig['stopPatience']>;
}

// PyTorch's tensor shapes in the tutorial's code (batch_first=True, one sequence per batch),
// from the run's settings, and its names of the recurrent weights: what the unrolled view
// writes on its arrows and cells. No DOM.
//
//   x        (batch, time_step, input_size)        the window's input
//   h_state  (num_layers, batch, hidden_size)      the state carried between windows; an LSTM's is a tuple (h, c)
//   r_out    (batch, time_step, hidden_size)       the top layer's h_t for every t
//   out      (batch, time_step, 1)                 the Linear head applied at every time step
// and one time step's slices: x[:, t, :] (batch, input_size), h_t (batch, hidden_size), ŷ_t (batch, 1).

const BATCH = 1;
const INPUT = 1;

/** The shapes for settings { cell, layers, hidden, timeStep }: arrays of sizes (hState an array of two for an LSTM). */
export function pytorchShapes({ cell, layers, hidden, timeStep }) {
  const state = [layers, BATCH, hidden];
  return {
    x: [BATCH, timeStep, INPUT],
    hState: cell === 'lstm' ? [state, [...state]] : state,
    rOut: [BATCH, timeStep, hidden],
    out: [BATCH, timeStep, 1],
    xt: [BATCH, INPUT],
    ht: [BATCH, hidden],
    yt: [BATCH, 1],
  };
}

/**
 * PyTorch's names of layer `l`'s recurrent weights (nn.RNN, nn.LSTM and nn.GRU name them
 * alike; the engine's state dicts use the same, under the module's prefix: rnn.weight_ih_l0).
 */
export const layerWeightNames = (l) => [`weight_ih_l${l}`, `weight_hh_l${l}`];

/** A shape as PyTorch prints a size: (1, 10, 1); a tuple of shapes ((1, 1, 32), (1, 1, 32)). */
export function shapeText(shape) {
  if (Array.isArray(shape[0])) return `(${shape.map(shapeText).join(', ')})`;
  return `(${shape.join(', ')})`;
}

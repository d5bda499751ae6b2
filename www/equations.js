// The explanation panel: the chosen cell's equations as PyTorch defines them (the same as
// tests/fixtures/README.md), in MathML (no fonts or scripts from elsewhere), and a few
// sentences on truncated backpropagation through time with the symbols the charts use.

const mi = (x) => `<mi>${x}</mi>`;
const mo = (x) => `<mo>${x}</mo>`;
const mn = (x) => `<mn>${x}</mn>`;
const row = (...xs) => `<mrow>${xs.join('')}</mrow>`;
const sub = (base, s) => `<msub>${base}${s}</msub>`;
/** W_{ab}, b_{ab}, … : a bold-free letter with a two-letter subscript. */
const w = (letter, s) => sub(mi(letter), row(mi(s)));
const ht1 = sub(mi('h'), row(mi('t'), mo('−'), mn(1)));
const ct1 = sub(mi('c'), row(mi('t'), mo('−'), mn(1)));
const xt = sub(mi('x'), mi('t'));
const ht = sub(mi('h'), mi('t'));
const ct = sub(mi('c'), mi('t'));
const sigma = mi('σ');
const odot = mo('⊙');
const paren = (...xs) => row(mo('('), ...xs, mo(')'));
const apply = (f, ...xs) => row(f, paren(...xs));
const eq = (lhs, ...rhs) => `<math display="block">${row(lhs, mo('='), ...rhs)}</math>`;

/** W_i? x_t + b_i? + W_h? h_{t-1} + b_h? for gate letter `g`. */
const affine = (g) => row(w('W', `i${g}`), xt, mo('+'), w('b', `i${g}`), mo('+'), w('W', `h${g}`), ht1, mo('+'), w('b', `h${g}`));

function cellEquations(cell, nonlinearity) {
  if (cell === 'lstm') {
    return [
      eq(sub(mi('i'), mi('t')), apply(sigma, affine('i'))),
      eq(sub(mi('f'), mi('t')), apply(sigma, affine('f'))),
      eq(sub(mi('g'), mi('t')), apply(mi('tanh'), affine('g'))),
      eq(sub(mi('o'), mi('t')), apply(sigma, affine('o'))),
      eq(ct, sub(mi('f'), mi('t')), odot, ct1, mo('+'), sub(mi('i'), mi('t')), odot, sub(mi('g'), mi('t'))),
      eq(ht, sub(mi('o'), mi('t')), odot, apply(mi('tanh'), ct)),
    ];
  }
  if (cell === 'gru') {
    const n = sub(mi('n'), mi('t'));
    const z = sub(mi('z'), mi('t'));
    return [
      eq(sub(mi('r'), mi('t')), apply(sigma, affine('r'))),
      eq(z, apply(sigma, affine('z'))),
      eq(n, apply(mi('tanh'), row(w('W', 'in'), xt, mo('+'), w('b', 'in'), mo('+'), sub(mi('r'), mi('t')), odot,
        paren(w('W', 'hn'), ht1, mo('+'), w('b', 'hn'))))),
      eq(ht, paren(mn(1), mo('−'), z), odot, n, mo('+'), z, odot, ht1),
    ];
  }
  const act = nonlinearity === 'relu' ? mi('relu') : mi('tanh');
  return [eq(ht, apply(act, row(w('W', 'ih'), xt, mo('+'), w('b', 'ih'), mo('+'), w('W', 'hh'), ht1, mo('+'), w('b', 'hh'))))];
}

const NAMES = { rnn: 'Elman RNN', lstm: 'LSTM', gru: 'GRU' };

const theta = mi('θ');
const sup = (base, s) => `<msup>${base}${s}</msup>`;
const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
const hat = (x) => `<mover>${x}${mo('^')}</mover>`;
const sqrt = (x) => `<msqrt>${x}</msqrt>`;
const assign = (lhs, ...rhs) => `<math display="block">${row(lhs, mo('←'), ...rhs)}</math>`;

/**
 * The optimizer's update of every parameter θ, as PyTorch computes it: the gradient (with
 * weight decay λθ added where λ > 0, PyTorch's L2), then Adam's moments or SGD's momentum.
 */
function optimizerEquations({ optimizer, weightDecay, momentum }) {
  const grad = row(sub(mo('∇'), theta), mi('L'));
  const g = mi('g');
  const gradient = weightDecay > 0 ? eq(g, grad, mo('+'), mi('λ'), theta) : eq(g, grad);
  if (optimizer === 'sgd') {
    if (!(momentum > 0)) return [gradient, assign(theta, theta, mo('−'), mi('lr'), g)];
    return [
      gradient,
      assign(mi('b'), mi('μ'), mi('b'), mo('+'), g),
      assign(theta, theta, mo('−'), mi('lr'), mi('b')),
    ];
  }
  const m = mi('m');
  const v = mi('v');
  return [
    gradient,
    assign(m, sub(mi('β'), mn(1)), m, mo('+'), paren(mn(1), mo('−'), sub(mi('β'), mn(1))), g),
    assign(v, sub(mi('β'), mn(2)), v, mo('+'), paren(mn(1), mo('−'), sub(mi('β'), mn(2))), sup(g, mn(2))),
    assign(theta, theta, mo('−'), mi('lr'), frac(hat(m), row(sqrt(hat(v)), mo('+'), mi('ε')))),
  ];
}

/**
 * The panel's markup for the run's settings: its `cell` ('rnn', 'lstm', 'gru'), the RNN's
 * `nonlinearity`, whether the state is carried from window to window (`carryState`), and the
 * optimizer's update (`optimizer`, `momentum`, `weightDecay`).
 */
export function equationsMarkup(settings) {
  const { cell, nonlinearity, carryState = true } = settings;
  const c = cell === 'lstm' ? ' (and c<sub>T</sub>)' : '';
  const boundary = carryState
    ? `The window's last state h<sub>T</sub>${c} becomes the next window's h<sub>0</sub>, carried across the
      window boundary, but its gradient is cut there: the state remembers the past, the gradient does not reach it.`
    : `Here the state is not carried (state between windows: h = 0): every window starts from h<sub>0</sub> = 0${cell === 'lstm' ? ', c<sub>0</sub> = 0' : ''},
      so the network sees each window alone and cannot know where in the period it starts.`;
  const head = eq(sub(mi('ŷ'), mi('t')), sub(mi('W'), mi('out')), ht, mo('+'), sub(mi('b'), mi('out')));
  const loss = eq(mi('L'), row(`<mfrac>${mn(1)}${mi('T')}</mfrac>`,
    `<munderover>${mo('∑')}${row(mi('t'), mo('='), mn(1))}${mi('T')}</munderover>`,
    `<msup>${paren(sub(mi('ŷ'), mi('t')), mo('−'), sub(mi('y'), mi('t')))}${mn(2)}</msup>`));
  return `
    <p class="rd-eq__lead">${NAMES[cell] ?? cell}, one time step (PyTorch's equations and gate order):</p>
    ${cellEquations(cell, nonlinearity).join('')}
    <p class="rd-eq__lead">The head and the loss of a window of T time steps:</p>
    ${head}${loss}
    <p>
      The input x<sub>t</sub> is the grey curve, the target y<sub>t</sub> the red one, the
      prediction ŷ<sub>t</sub> the blue one; the hidden state h<sub>t</sub> is the heatmap.
      Each training step runs one window of T points and backpropagates through those T steps
      only (truncated backpropagation through time). ${boundary}
    </p>
    <p class="rd-eq__lead">Then ${settings.optimizer === 'sgd' ? 'SGD' : 'Adam (m̂ and v̂ are its bias-corrected moments)'}
      updates every parameter θ${settings.weightDecay > 0
    ? `, with weight decay λ = ${settings.weightDecay} added to the gradient (PyTorch's <code>weight_decay</code>, an L2 penalty)` : ''}:</p>
    ${optimizerEquations(settings).join('')}`;
}

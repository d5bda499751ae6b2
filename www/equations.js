// The explanation panel: the chosen cell's equations as PyTorch defines them (the same as
// tests/fixtures/README.md), in MathML built node by node (no HTML strings, no fonts or
// scripts from elsewhere), and a few sentences on truncated backpropagation through time with
// the symbols the charts use, in the Translator's language.

const MATHML = 'http://www.w3.org/1998/Math/MathML';
const m = (tag, ...children) => {
  const el = document.createElementNS(MATHML, tag);
  el.append(...children);
  return el;
};
const mi = (x) => m('mi', x);
const mo = (x) => m('mo', x);
const mn = (x) => m('mn', String(x));
const row = (...xs) => m('mrow', ...xs);
const sub = (base, s) => m('msub', base, s);
const sup = (base, s) => m('msup', base, s);
/** W_{ab}, b_{ab}, … : a letter with a two-letter subscript. */
const w = (letter, s) => sub(mi(letter), row(mi(s)));
// Each symbol is a function: a DOM node sits in one place only.
const ht1 = () => sub(mi('h'), row(mi('t'), mo('−'), mn(1)));
const ct1 = () => sub(mi('c'), row(mi('t'), mo('−'), mn(1)));
const xt = () => sub(mi('x'), mi('t'));
const ht = () => sub(mi('h'), mi('t'));
const ct = () => sub(mi('c'), mi('t'));
const at = (letter) => sub(mi(letter), mi('t'));
const sigma = () => mi('σ');
const odot = () => mo('⊙');
const theta = () => mi('θ');
const paren = (...xs) => row(mo('('), ...xs, mo(')'));
const apply = (f, ...xs) => row(f, paren(...xs));
const eq = (lhs, ...rhs) => {
  const math = m('math', row(lhs, mo('='), ...rhs));
  math.setAttribute('display', 'block');
  return math;
};
const assign = (lhs, ...rhs) => {
  const math = m('math', row(lhs, mo('←'), ...rhs));
  math.setAttribute('display', 'block');
  return math;
};

/** W_i? x_t + b_i? + W_h? h_{t-1} + b_h? for gate letter `g`. */
const affine = (g) => row(w('W', `i${g}`), xt(), mo('+'), w('b', `i${g}`), mo('+'), w('W', `h${g}`), ht1(), mo('+'), w('b', `h${g}`));

function cellEquations(cell, nonlinearity) {
  if (cell === 'lstm') {
    return [
      eq(at('i'), apply(sigma(), affine('i'))),
      eq(at('f'), apply(sigma(), affine('f'))),
      eq(at('g'), apply(mi('tanh'), affine('g'))),
      eq(at('o'), apply(sigma(), affine('o'))),
      eq(ct(), at('f'), odot(), ct1(), mo('+'), at('i'), odot(), at('g')),
      eq(ht(), at('o'), odot(), apply(mi('tanh'), ct())),
    ];
  }
  if (cell === 'gru') {
    return [
      eq(at('r'), apply(sigma(), affine('r'))),
      eq(at('z'), apply(sigma(), affine('z'))),
      eq(at('n'), apply(mi('tanh'), row(w('W', 'in'), xt(), mo('+'), w('b', 'in'), mo('+'), at('r'), odot(),
        paren(w('W', 'hn'), ht1(), mo('+'), w('b', 'hn'))))),
      eq(ht(), paren(mn(1), mo('−'), at('z')), odot(), at('n'), mo('+'), at('z'), odot(), ht1()),
    ];
  }
  const act = nonlinearity === 'relu' ? 'relu' : 'tanh';
  return [eq(ht(), apply(mi(act), row(w('W', 'ih'), xt(), mo('+'), w('b', 'ih'), mo('+'), w('W', 'hh'), ht1(), mo('+'), w('b', 'hh'))))];
}

/**
 * The optimizer's update of every parameter θ, as PyTorch computes it: the gradient (with
 * weight decay λθ added where λ > 0, PyTorch's L2), then Adam's moments or SGD's momentum.
 */
function optimizerEquations({ optimizer, weightDecay, momentum }) {
  const grad = () => row(sub(mo('∇'), theta()), mi('L'));
  const gradient = weightDecay > 0 ? eq(mi('g'), grad(), mo('+'), mi('λ'), theta()) : eq(mi('g'), grad());
  if (optimizer === 'sgd') {
    if (!(momentum > 0)) return [gradient, assign(theta(), theta(), mo('−'), mi('lr'), mi('g'))];
    return [
      gradient,
      assign(mi('b'), mi('μ'), mi('b'), mo('+'), mi('g')),
      assign(theta(), theta(), mo('−'), mi('lr'), mi('b')),
    ];
  }
  const beta = (k) => sub(mi('β'), mn(k));
  const hat = (x) => m('mover', x, mo('^'));
  return [
    gradient,
    assign(mi('m'), beta(1), mi('m'), mo('+'), paren(mn(1), mo('−'), beta(1)), mi('g')),
    assign(mi('v'), beta(2), mi('v'), mo('+'), paren(mn(1), mo('−'), beta(2)), sup(mi('g'), mn(2))),
    assign(theta(), theta(), mo('−'), mi('lr'), m('mfrac', hat(mi('m')), row(m('msqrt', hat(mi('v'))), mo('+'), mi('ε')))),
  ];
}

/** A paragraph of the catalog's prose: `_{x}` becomes a subscript, `` `x` `` code. */
function prose(text, className) {
  const p = document.createElement('p');
  if (className) p.className = className;
  for (const part of text.split(/(_\{[^}]*\}|`[^`]*`)/)) {
    if (part.startsWith('_{')) p.append(Object.assign(document.createElement('sub'), { textContent: part.slice(2, -1) }));
    else if (part.startsWith('`')) p.append(Object.assign(document.createElement('code'), { textContent: part.slice(1, -1) }));
    else if (part) p.append(part);
  }
  return p;
}

/**
 * The panel's nodes for the run's settings, in the Translator `tr`'s language: the `cell`'s
 * equations ('rnn', 'lstm', 'gru'; the RNN's `nonlinearity`), the head and the loss, whether
 * the state is carried from window to window (`carryState`), and the optimizer's update
 * (`optimizer`, `momentum`, `weightDecay`).
 */
export function equationsNodes(settings, tr) {
  const { cell, nonlinearity, carryState = true, optimizer, weightDecay } = settings;
  const lstm = cell === 'lstm';
  const boundary = carryState
    ? tr.t('equations.carry', { lstm: lstm ? tr.t('equations.carry.lstm') : '' })
    : tr.t('equations.noCarry', { lstm: lstm ? tr.t('equations.noCarry.lstm') : '' });
  const head = eq(at('ŷ'), sub(mi('W'), mi('out')), ht(), mo('+'), sub(mi('b'), mi('out')));
  const loss = eq(mi('L'), row(m('mfrac', mn(1), mi('T')),
    m('munderover', mo('∑'), row(mi('t'), mo('='), mn(1)), mi('T')),
    sup(paren(at('ŷ'), mo('−'), at('y')), mn(2))));
  const name = cell === 'rnn' ? tr.t('equations.cell.rnn') : cell.toUpperCase();
  const update = `equations.${optimizer === 'sgd' ? 'sgd' : 'adam'}${weightDecay > 0 ? '.decay' : ''}`;
  return [
    prose(tr.t('equations.cell', { cell: name }), 'rd-eq__lead'),
    ...cellEquations(cell, nonlinearity),
    prose(tr.t('equations.head'), 'rd-eq__lead'),
    head, loss,
    prose(`${tr.t('equations.prose')} ${boundary}`),
    prose(tr.t(update, { lambda: weightDecay }), 'rd-eq__lead'),
    ...optimizerEquations(settings),
  ];
}

/**
 * One hidden unit's equations at one time step with that step's values put in, for the
 * unrolled view's "numbers behind a column": the `cell`'s equations as above, then each
 * affine sum as its two projections (ih = W_i· x_t + b_i·, hh = W_h· h_{t−1} + b_h·), then the
 * result. `v`: { ih, hh, gates (LSTM, GRU), h, hPrev, c, cPrev (LSTM) }, per gate in PyTorch's
 * order (LSTM i f g o; GRU r z n); numbers in the Translator `tr`'s format.
 */
export function cellValueEquations({ cell, nonlinearity }, v, tr) {
  // The step's values are marked data-value (the symbols' numbers, 1 in t − 1, are not).
  const n = (x) => {
    const el = mn(tr.fixed(x, 3));
    el.dataset.value = '';
    return el;
  };
  const sum = (g) => row(n(v.ih[g]), mo('+'), n(v.hh[g]));
  if (cell === 'lstm') {
    const [i, f, g, o] = v.gates;
    const gate = (letter, k, act) => eq(at(letter), apply(act(), affine(letter)), mo('='), apply(act(), sum(k)), mo('='), n(v.gates[k]));
    return [
      gate('i', 0, sigma), gate('f', 1, sigma), gate('g', 2, () => mi('tanh')), gate('o', 3, sigma),
      eq(ct(), at('f'), odot(), ct1(), mo('+'), at('i'), odot(), at('g'),
        mo('='), n(f), mo('·'), n(v.cPrev), mo('+'), n(i), mo('·'), n(g), mo('='), n(v.c)),
      eq(ht(), at('o'), odot(), apply(mi('tanh'), ct()), mo('='), n(o), mo('·'), apply(mi('tanh'), n(v.c)), mo('='), n(v.h)),
    ];
  }
  if (cell === 'gru') {
    const [r, z, nn] = v.gates;
    const gate = (letter, k) => eq(at(letter), apply(sigma(), affine(letter)), mo('='), apply(sigma(), sum(k)), mo('='), n(v.gates[k]));
    return [
      gate('r', 0), gate('z', 1),
      eq(at('n'), apply(mi('tanh'), row(w('W', 'in'), xt(), mo('+'), w('b', 'in'), mo('+'), at('r'), odot(),
        paren(w('W', 'hn'), ht1(), mo('+'), w('b', 'hn')))),
      mo('='), apply(mi('tanh'), row(n(v.ih[2]), mo('+'), n(r), mo('·'), n(v.hh[2]))), mo('='), n(nn)),
      eq(ht(), paren(mn(1), mo('−'), at('z')), odot(), at('n'), mo('+'), at('z'), odot(), ht1(),
        mo('='), paren(mn(1), mo('−'), n(z)), mo('·'), n(nn), mo('+'), n(z), mo('·'), n(v.hPrev), mo('='), n(v.h)),
    ];
  }
  const act = nonlinearity === 'relu' ? 'relu' : 'tanh';
  return [eq(ht(), apply(mi(act), row(w('W', 'ih'), xt(), mo('+'), w('b', 'ih'), mo('+'), w('W', 'hh'), ht1(), mo('+'), w('b', 'hh'))),
    mo('='), apply(mi(act), sum(0)), mo('='), n(v.h))];
}

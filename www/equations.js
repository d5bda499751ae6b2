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

/** W_i? x_t + b_i? + W_h? h_{t-1} + b_h? for gate letter `g` (the RNN's is g = h: W_ih x_t + b_ih + W_hh h_{t−1} + b_hh). */
const affine = (g) => row(w('W', `i${g}`), xt(), mo('+'), w('b', `i${g}`), mo('+'), w('W', `h${g}`), ht1(), mo('+'), w('b', `h${g}`));

// --- the cells' equations, each written once: drawn with its symbols, or with one step's numbers ---

/**
 * A term of an equation: `symbol()` draws it; `number(v, n)`, where the term has a value in a
 * step's values `v` (see cellValueEquations), draws it with the numbers put in (`n` writes one).
 */
const term = (symbol, number = null) => ({ symbol, number });
/** `t` drawn with the numbers of `v` where it has them, with its symbols elsewhere. */
const draw = (t, v, n) => (t.number ? t.number(v, n) : t.symbol());
/** A term made of `parts`, put together by `build(...nodes)`, each part drawn the same way. */
const compose = (build, ...parts) => term(() => build(...parts.map((p) => p.symbol())), (v, n) => build(...parts.map((p) => draw(p, v, n))));
const plus = term(() => mo('+'));
const minus = term(() => mo('−'));
/** ⊙ between vectors; · between one unit's numbers. */
const times = term(odot, () => mo('·'));
/** A symbol whose number in `v` is `value(v)`. */
const known = (symbol, value) => term(symbol, (v, n) => n(value(v)));
const gate = (letter, k) => known(() => at(letter), (v) => v.gates[k]);
/** f(W_i· x_t + b_i· + W_h· h_{t−1} + b_h·), with numbers f(ih + hh) of gate (or cell) k. */
const activated = (f, letter, k) => compose((x) => apply(f(), x),
  term(() => affine(letter), (v, n) => row(n(v.ih[k]), mo('+'), n(v.hh[k]))));
const tanh = () => mi('tanh');

/**
 * The `cell`'s equations as PyTorch defines them (tests/fixtures/README.md): each `lhs` (a
 * symbol), `rhs` (a term) and the `value` it takes in a step's values.
 */
function cellEquations(cell, nonlinearity) {
  if (cell === 'lstm') {
    const act = { i: sigma, f: sigma, g: tanh, o: sigma };
    return [
      ...['i', 'f', 'g', 'o'].map((letter, k) => ({ lhs: () => at(letter), rhs: activated(act[letter], letter, k), value: (v) => v.gates[k] })),
      { lhs: ct, rhs: compose(row, gate('f', 1), times, known(ct1, (v) => v.cPrev), plus, gate('i', 0), times, gate('g', 2)), value: (v) => v.c },
      { lhs: ht, rhs: compose(row, gate('o', 3), times, compose((x) => apply(tanh(), x), known(ct, (v) => v.c))), value: (v) => v.h },
    ];
  }
  if (cell === 'gru') {
    // n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)): the two projections of n apart.
    const inputN = known(() => row(w('W', 'in'), xt(), mo('+'), w('b', 'in')), (v) => v.ih[2]);
    const hiddenN = known(() => paren(w('W', 'hn'), ht1(), mo('+'), w('b', 'hn')), (v) => v.hh[2]);
    return [
      { lhs: () => at('r'), rhs: activated(sigma, 'r', 0), value: (v) => v.gates[0] },
      { lhs: () => at('z'), rhs: activated(sigma, 'z', 1), value: (v) => v.gates[1] },
      { lhs: () => at('n'), rhs: compose((x) => apply(tanh(), x), compose(row, inputN, plus, gate('r', 0), times, hiddenN)), value: (v) => v.gates[2] },
      {
        lhs: ht,
        rhs: compose(row, compose(paren, term(() => mn(1)), minus, gate('z', 1)), times, gate('n', 2), plus, gate('z', 1), times,
          known(ht1, (v) => v.hPrev)),
        value: (v) => v.h,
      },
    ];
  }
  const act = () => mi(nonlinearity === 'relu' ? 'relu' : 'tanh');
  return [{ lhs: ht, rhs: activated(act, 'h', 0), value: (v) => v.h }];
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
    ...cellEquations(cell, nonlinearity).map(({ lhs, rhs }) => eq(lhs(), rhs.symbol())),
    prose(tr.t('equations.head'), 'rd-eq__lead'),
    head, loss,
    prose(tr.t('text.sentences', { first: tr.t('equations.prose'), second: boundary })),
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
  // The step's values carry their value in data-value (the symbols' numbers, 1 in t − 1, none).
  const n = (x) => {
    const el = mn(tr.fixed(x, 3));
    el.dataset.value = String(x);
    return el;
  };
  return cellEquations(cell, nonlinearity).map(({ lhs, rhs, value }) =>
    writeSigns(eq(lhs(), rhs.symbol(), mo('='), draw(rhs, v, n), mo('='), n(value(v)))));
}

/**
 * The negative numbers of `math` written as arithmetic writes them, with the minus sign of its
 * operators: after + as a subtraction (−0.067 + −0.286 is −0.067 − 0.286), after · or − in
 * parentheses (0.5 · (−0.3)). Returns `math`.
 */
function writeSigns(math) {
  for (const el of math.querySelectorAll('mn[data-value]')) {
    if (!/^[-−]/.test(el.textContent)) continue;
    const magnitude = el.textContent.slice(1);
    const before = el.previousElementSibling;
    const operator = before?.localName === 'mo' ? before.textContent : null;
    if (operator === '+') {
      before.textContent = '−';
      el.textContent = magnitude;
      continue;
    }
    el.textContent = `−${magnitude}`;
    if (operator === '·' || operator === '−') {
      el.before(mo('('));
      el.after(mo(')'));
    }
  }
  return math;
}

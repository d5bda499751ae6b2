//! Hand-written gradients against central finite differences in f64, for every
//! parameter of every cell, with 1 and 2 layers and a non-zero carried state.

use rnn_playground::network::{Network, State};
use rnn_playground::{CellKind, Config, Nonlinearity, Task};

fn check(cell: CellKind, nonlinearity: Nonlinearity, layers: usize) {
    let config = Config { cell, nonlinearity, layers, hidden: 5, time_step: 6, ..Config::default() };
    let mut net = Network::<f64>::seeded(&config, 7);
    // Larger weights than PyTorch's init, so every gate works off its linear range.
    net.params.iter_mut().for_each(|p| *p *= 2.5);

    // A carried state that is not zero: it enters the window but gets no gradient.
    let mut state = State::<f64>::zeros(&config);
    for (i, h) in state.h.iter_mut().enumerate() {
        *h = 0.6 * ((i as f64) * 1.7).sin();
    }
    for (i, c) in state.c.iter_mut().enumerate() {
        *c = 0.8 * ((i as f64) * 0.9).cos();
    }
    let n = config.time_step;
    let (mut t, mut x32, mut y32) = (vec![0.0; n], vec![0f32; n], vec![0f32; n]);
    Task::SinCos.window(3, 1, &mut t, &mut x32, &mut y32);
    let x: Vec<f64> = x32.iter().map(|&v| v as f64).collect();
    let y: Vec<f64> = y32.iter().map(|&v| v as f64 * 0.8 + 0.1).collect();

    let mut end_state = state.clone();
    net.train_window(&x, &y, &mut end_state);
    assert_ne!(end_state, state, "the window must advance the carried state");
    let analytic = net.grads.clone();

    let eps = 1e-6;
    let loss_at = |net: &mut Network<f64>| {
        net.forward(&x, &state);
        net.loss(&y)
    };
    let mut checked = 0;
    for spec in net.layout.specs.clone() {
        for i in spec.range() {
            let p = net.params[i];
            net.params[i] = p + eps;
            let plus = loss_at(&mut net);
            net.params[i] = p - eps;
            let minus = loss_at(&mut net);
            net.params[i] = p;
            let numeric = (plus - minus) / (2.0 * eps);
            let a = analytic[i];
            let tol = 1e-8 + 1e-5 * a.abs().max(numeric.abs());
            assert!(
                (a - numeric).abs() <= tol,
                "{cell:?}/{nonlinearity:?}, {layers} layer(s): d{}[{}] = {a:e} by hand, {numeric:e} numerically",
                spec.name,
                i - spec.offset
            );
            checked += 1;
        }
    }
    assert_eq!(checked, net.layout.len);
    assert!(analytic.iter().filter(|g| g.abs() > 1e-6).count() > checked / 2, "most gradients should be non-trivial");
}

#[test]
fn rnn_tanh_one_and_two_layers() {
    check(CellKind::Rnn, Nonlinearity::Tanh, 1);
    check(CellKind::Rnn, Nonlinearity::Tanh, 2);
}

#[test]
fn rnn_relu_one_and_two_layers() {
    check(CellKind::Rnn, Nonlinearity::Relu, 1);
    check(CellKind::Rnn, Nonlinearity::Relu, 2);
}

#[test]
fn lstm_one_and_two_layers() {
    check(CellKind::Lstm, Nonlinearity::Tanh, 1);
    check(CellKind::Lstm, Nonlinearity::Tanh, 2);
}

#[test]
fn gru_one_and_two_layers() {
    check(CellKind::Gru, Nonlinearity::Tanh, 1);
    check(CellKind::Gru, Nonlinearity::Tanh, 2);
}

#[test]
fn three_and_four_layers_too() {
    check(CellKind::Lstm, Nonlinearity::Tanh, 3);
    check(CellKind::Gru, Nonlinearity::Tanh, 4);
}

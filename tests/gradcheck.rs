//! Hand-written gradients against central finite differences in f64, for every
//! parameter of every cell, with 1 and 2 layers and a non-zero carried state; at a hidden
//! size wider than the recurrence kernel's panels, for a sample of them; and the AVX2+FMA
//! path's gradients against the baseline's there.

use rnn_playground::engine::network::{Network, State};
use rnn_playground::{CellKind, Config, Isa, Nonlinearity, Task, Trainer};

fn check(cell: CellKind, nonlinearity: Nonlinearity, layers: usize) {
    check_sized(Config { cell, nonlinearity, layers, hidden: 5, time_step: 6, ..Config::default() }, 1);
}

/// `check` for `config`, on every `every`-th parameter (offsets differ between tensors).
fn check_sized(config: Config, every: usize) {
    let (cell, nonlinearity, layers) = (config.cell, config.nonlinearity, config.layers);
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
        for i in spec.range().filter(|i| i % every == 0) {
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
    assert_eq!(checked, net.layout.len.div_ceil(every));
    assert!(
        analytic.iter().filter(|g| g.abs() > 1e-6).count() > net.layout.len / 2,
        "most gradients should be non-trivial"
    );
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

/// Hidden 72 is wider than a panel (32 columns here, as on the baseline path), so the forward
/// and backward recurrences run on packed W_hhᵀ and W_hh, in several panels and a narrower last.
#[test]
fn wider_than_a_panel() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        check_sized(Config { cell, hidden: 72, time_step: 4, ..Config::default() }, 37);
    }
}

/// The AVX2+FMA path packs in panels of 64 columns, the baseline in panels of 32: at hidden 72
/// the two paths' gradients of the same window agree to float32 rounding, for every cell.
#[test]
fn both_code_paths_give_the_same_gradients_wider_than_a_panel() {
    if !Isa::Avx2Fma.is_available() {
        println!("this CPU has no AVX2+FMA: nothing to compare");
        return;
    }
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let config = Config { cell, layers: 2, hidden: 72, time_step: 20, ..Config::default() };
        let grads: Vec<Vec<f32>> = [Isa::Baseline, Isa::Avx2Fma]
            .into_iter()
            .map(|isa| {
                let mut t = Trainer::new(config.clone()).unwrap();
                t.set_isa(isa).unwrap();
                t.step();
                t.network().grads.clone()
            })
            .collect();
        let scale = grads[0].iter().fold(0f32, |m, g| m.max(g.abs()));
        let worst = grads[0].iter().zip(&grads[1]).map(|(a, b)| (a - b).abs()).fold(0f32, |w, d| {
            if d.is_nan() || d > w {
                d
            } else {
                w
            }
        });
        assert!(
            scale > 0.0 && worst <= 1e-4 * scale,
            "{cell:?}: the paths' gradients differ by {worst} (largest {scale})"
        );
    }
}

//! The gradient-flow figures: ‖dL/dh_t‖ per layer and time step, and the global gradient norm
//! of every step. They are read off the same backward pass whose parameter gradients
//! tests/gradcheck.rs checks against finite differences, and must agree with those gradients.

use rnn_playground::training::config::{CellKind, Config};
use rnn_playground::{Isa, Trainer};

fn norm(v: &[f32]) -> f64 {
    v.iter().map(|&x| (x as f64) * (x as f64)).sum::<f64>().sqrt()
}

#[test]
fn the_global_norm_is_the_norm_of_the_gradients_before_clipping() {
    let mut t = Trainer::new(Config::default()).unwrap();
    for _ in 0..20 {
        t.step();
        let recorded = t.gradient_norms().entries().last().unwrap() as f64;
        let computed = norm(t.gradients());
        assert!((recorded - computed).abs() <= 1e-5 * computed, "{recorded} vs {computed}");
    }
    // With clipping the recorded norm is the one before clipping; the gradients are clipped.
    let mut c = Trainer::new(Config { clip_norm: 0.01, ..Config::default() }).unwrap();
    c.step();
    let recorded = c.gradient_norms().entries().last().unwrap() as f64;
    assert!(recorded > 0.01, "the pre-clip norm of the first step: {recorded}");
    assert!((norm(c.gradients()) - 0.01).abs() < 1e-4, "clipped norm {}", norm(c.gradients()));
    assert_eq!(c.gradient_norms().entries().count(), c.losses().entries().count());
}

/// RNN (tanh), one layer, T = 2: for each unit j the parameter gradients give two equations,
///   db_hh[j] = Σ_t dh_t[j] (1 − h_t[j]²),   dW_ih[j] = Σ_t dh_t[j] (1 − h_t[j]²) x_t,
/// whose solution is dh_0[j], dh_1[j]; their norms must be the reported ‖dL/dh_t‖.
#[test]
fn hidden_gradient_norms_agree_with_the_checked_parameter_gradients() {
    let mut t = Trainer::new(Config { time_step: 2, hidden: 8, ..Config::default() }).unwrap();
    for _ in 0..3 {
        t.step();
    }
    let layout = &t.network().layout;
    let grads = t.gradients();
    let l0 = &layout.layers[0];
    let (db_hh, dw_ih) = (&grads[l0.b_hh.clone()], &grads[l0.w_ih.clone()]);
    let x = t.last_window().input;
    let hs = t.hidden_states(); // T × H
    let h = 8;
    let mut sums = [0.0f64; 2];
    for j in 0..h {
        let a0 = 1.0 - (hs[j] as f64).powi(2);
        let a1 = 1.0 - (hs[h + j] as f64).powi(2);
        // [a0, a1; a0 x0, a1 x1] [dh0; dh1] = [db_hh; dW_ih]
        let det = a0 * a1 * (x[1] as f64 - x[0] as f64);
        let dh0 = (db_hh[j] as f64 * a1 * x[1] as f64 - a1 * dw_ih[j] as f64) / det;
        let dh1 = (a0 * dw_ih[j] as f64 - a0 * x[0] as f64 * db_hh[j] as f64) / det;
        sums[0] += dh0 * dh0;
        sums[1] += dh1 * dh1;
    }
    let reported = t.hidden_gradient_norms();
    assert_eq!(reported.len(), 2);
    for step in 0..2 {
        let solved = sums[step].sqrt();
        assert!(
            (reported[step] as f64 - solved).abs() <= 1e-3 * solved + 1e-7,
            "t = {step}: {} vs {solved}",
            reported[step]
        );
    }
}

/// At the last step only the head reaches h_T: dL/dh_T = 2 (ŷ_T − y_T) / T · out.weight, for
/// the whole window's loss and for the last step's alone; and so, in every layer beneath, the
/// two streams agree at the last step (the whole window's reaches the layer beneath through
/// the window's product dX = dG W_ih, the last step's through W_ih's panels, step by step).
/// Hidden 72 is wider than a panel on either code path (32 or 64 columns), so the weights are
/// packed; it runs on both paths.
/// (The last step is taken at lr 1e-9, so that the weights read afterwards are, to 1e-9,
/// those the step's gradient used.)
#[test]
fn the_last_steps_norm_is_the_heads_gradient_for_every_cell() {
    let cases = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
        .into_iter()
        .flat_map(|cell| [(cell, 1, 16), (cell, 2, 16), (cell, 3, 72)])
        .flat_map(|case| [Isa::Baseline, Isa::Avx2Fma].map(|isa| (case, isa)))
        .filter(|(_, isa)| isa.is_available());
    for ((cell, layers, hidden), isa) in cases {
        let mut t = Trainer::new(Config { cell, layers, time_step: 12, hidden, ..Config::default() }).unwrap();
        t.set_isa(isa).unwrap();
        t.train(4);
        t.set_hyper_parameter("lr", 1e-9).unwrap();
        t.track_last_step_gradient(true);
        t.step();
        let w = t.last_window();
        let tl = w.prediction.len();
        let dp = 2.0 * (w.prediction[tl - 1] as f64 - w.target[tl - 1] as f64) / tl as f64;
        let out_w = &t.network().params[t.network().layout.out_w.clone()];
        let expected = dp.abs() * norm(out_w);
        let norms = t.hidden_gradient_norms();
        assert_eq!(norms.len(), layers * tl);
        let top_last = norms[layers * tl - 1] as f64;
        assert!((top_last - expected).abs() <= 1e-5 * expected + 1e-9, "{cell:?} {layers}: {top_last} vs {expected}");
        assert!(norms.iter().all(|n| n.is_finite() && *n >= 0.0));
        let last = t.last_step_gradient_norms();
        assert_eq!(last[layers * tl - 1], norms[layers * tl - 1], "{cell:?} {layers}: the two streams start alike");
        for l in 0..layers - 1 {
            let (a, b) = (last[l * tl + tl - 1] as f64, norms[l * tl + tl - 1] as f64);
            assert!(
                b > 0.0 && (a - b).abs() <= 1e-5 * b,
                "{cell:?} {layers}×{hidden} ({}), layer {l}: {a} vs {b}",
                isa.name()
            );
        }
        assert!(last.iter().zip(norms).all(|(a, b)| a.is_finite() && *a <= b * 10.0 + 1e-6));
    }
}

/// One step back through time by hand for an RNN (tanh): the last step's gradient at T−2 is
/// W_hhᵀ ((1 − h_{T−1}²) ⊙ dh_{T−1}), with dh_{T−1} the head's gradient.
#[test]
fn the_last_step_stream_follows_the_rnn_equations_back_one_step() {
    let mut t = Trainer::new(Config { time_step: 6, hidden: 8, ..Config::default() }).unwrap();
    t.train(3);
    t.set_hyper_parameter("lr", 1e-9).unwrap();
    t.track_last_step_gradient(true);
    t.step();
    let (net, w, h) = (t.network(), t.last_window(), 8);
    let tl = 6;
    let dp = 2.0 * (w.prediction[tl - 1] as f64 - w.target[tl - 1] as f64) / tl as f64;
    let out_w = &net.params[net.layout.out_w.clone()];
    let w_hh = &net.params[net.layout.layers[0].w_hh.clone()]; // [H, H], row i = unit i's weights
    let hs = t.hidden_states();
    let da: Vec<f64> = (0..h).map(|i| dp * out_w[i] as f64 * (1.0 - (hs[(tl - 1) * h + i] as f64).powi(2))).collect();
    let back: f64 =
        (0..h).map(|j| (0..h).map(|i| w_hh[i * h + j] as f64 * da[i]).sum::<f64>().powi(2)).sum::<f64>().sqrt();
    let reported = t.last_step_gradient_norms()[tl - 2] as f64;
    assert!((reported - back).abs() <= 1e-5 * back + 1e-9, "{reported} vs {back}");
}

/// What the chart is for: over 50 time steps a plain RNN's gradient of the last step's loss
/// fades back through time, an LSTM's holds up.
#[test]
fn over_50_steps_the_rnn_gradient_fades_and_the_lstms_holds_up() {
    let ratio = |cell| {
        let mut t = Trainer::new(Config { cell, time_step: 50, ..Config::default() }).unwrap();
        t.track_last_step_gradient(true);
        t.train(200);
        let n = t.last_step_gradient_norms();
        n[0] as f64 / n[49] as f64
    };
    let (rnn, lstm) = (ratio(CellKind::Rnn), ratio(CellKind::Lstm));
    println!("‖dL/dh_0‖ / ‖dL/dh_49‖ after 200 steps: RNN {rnn:.2e}, LSTM {lstm:.2e}");
    assert!(lstm > 10.0 * rnn, "RNN {rnn:.2e}, LSTM {lstm:.2e}");
}

/// Training's backward pass zeroes gradients below 1e-22 as they go back through time (they
/// move no weight, and their products would be subnormal: `Real::flush_faded`); the figures of
/// h_t's gradients keep them, as PyTorch's `h_t.grad` has them. A plain RNN's |∂ŷ_49/∂x_s|
/// (the unrolled view's shading, through the same pass as Step inside's dL/dh_t) fades to
/// 1e-35 and less over 50 steps, not cut off at 1e-22.
#[test]
fn the_figures_of_h_ts_gradients_keep_what_training_zeroes() {
    let mut t = Trainer::new(Config { time_step: 50, ..Config::default() }).unwrap();
    t.train(300);
    let influence = t.input_influence(49).unwrap();
    assert!(influence.iter().any(|&v| v > 0.0 && v < 1e-30), "{influence:?}");
}

/// A new run (reset, reset to another seed, imported weights) has had no backward pass: its
/// gradients and gradient norms through time are zeros, as a new trainer's, not the last run's
/// (which the gradient-flow chart showed at step 0 after Reset).
#[test]
fn a_new_run_has_no_gradients_yet() {
    let config = Config { cell: CellKind::Lstm, hidden: 8, layers: 2, ..Config::default() };
    let weights = Trainer::new(Config { seed: 5, ..config.clone() }).unwrap().export_weights().unwrap();
    let fresh = Trainer::new(config.clone()).unwrap();
    let zeros = |t: &Trainer| {
        t.gradients().iter().all(|&g| g == 0.0)
            && t.hidden_gradient_norms().iter().all(|&n| n == 0.0)
            && t.last_step_gradient_norms().iter().all(|&n| n == 0.0)
    };
    assert!(zeros(&fresh));
    type Restart = fn(&mut Trainer, &str);
    let restarts: [(&str, Restart); 3] = [
        ("reset", |t, _| t.reset(None)),
        ("reset to another seed", |t, _| t.reset(Some(9))),
        ("imported weights", |t, w| {
            t.import_weights(w.as_bytes(), None).unwrap();
        }),
    ];
    for (what, restart) in restarts {
        let mut t = Trainer::new(config.clone()).unwrap();
        t.track_last_step_gradient(true);
        t.train(3);
        assert!(!zeros(&t), "trained: gradients");
        restart(&mut t, &weights);
        assert_eq!(t.step_count(), 0);
        assert!(zeros(&t), "{what}: the last run's gradients are still there");
    }
}

//! A diverged run stops where its loss was first not finite, at any speed: the page trains with
//! `train_until_diverged(n)`, n the windows of a frame, and a run must end at the same step, in
//! the same state, whether a frame trains one window or hundreds.

use rnn_playground::{Config, Nonlinearity, OptimizerKind, Task, Trainer};

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// `train_until_diverged(n)`, however many windows n asks for, ends after the window one step
/// at a time finds first not finite, with the same weights, optimizer state and last-step
/// gradient (tracked, as the gradient-flow chart has it), bit for bit; for a run whose loss
/// turns NaN (SGD at lr 2) and one whose loss overflows to ∞ with every ŷ finite (a ReLU RNN).
#[test]
fn training_until_diverged_stops_at_the_first_non_finite_window_in_the_same_state_at_any_n() {
    let nan = Config { optimizer: OptimizerKind::Sgd, lr: 2.0, ..Config::default() };
    let overflow = Config {
        nonlinearity: Nonlinearity::Relu,
        optimizer: OptimizerKind::Sgd,
        lr: 1.0,
        task: Task::Denoise,
        ..Config::default()
    };
    for (config, nan) in [(nan, true), (overflow, false)] {
        let mut one = Trainer::new(config.clone()).unwrap();
        one.track_last_step_gradient(true);
        let mut last = 0.0;
        while one.step_count() < 1000 {
            last = one.step();
            if !last.is_finite() {
                break;
            }
        }
        let first = one.step_count();
        assert!(!last.is_finite(), "{config:?} does not diverge in 1000 steps");
        // The two kinds, as their names say: NaN; ∞ with every ŷ finite.
        let window = one.last_window();
        assert_eq!((last.is_nan(), last == f32::INFINITY), (nan, !nan), "{config:?}: diverged with {last}");
        assert!(nan || window.prediction.iter().all(|p| p.is_finite()), "{config:?}: a ŷ not finite");
        assert!(first > 3, "{config:?}: diverges at step {first}, too soon to stop inside a call");
        for n in [1, 2, 3, first - 1, first, 500] {
            let mut t = Trainer::new(config.clone()).unwrap();
            t.track_last_step_gradient(true);
            for _ in 0..1000 {
                if !t.train_until_diverged(n).is_finite() {
                    break;
                }
            }
            let what = format!("{:?} train_until_diverged({n})", config.nonlinearity);
            assert_eq!(t.step_count(), first, "{what}");
            assert_eq!(t.exact_state().unwrap(), one.exact_state().unwrap(), "{what}: not the same state");
            assert_eq!(bits(t.last_step_gradient_norms()), bits(one.last_step_gradient_norms()), "{what}");
        }
    }
    // Without divergence it is train(n).
    let (mut a, mut b) = (Trainer::new(Config::default()).unwrap(), Trainer::new(Config::default()).unwrap());
    assert_eq!(a.train(50).to_bits(), b.train_until_diverged(50).to_bits());
    assert_eq!(b.step_count(), 50);
    assert_eq!(a.exact_state().unwrap(), b.exact_state().unwrap());
}

//! A trainer's state handed between threads (the page trains in a Web Worker and draws on the
//! main thread): N steps on one trainer, its exact state restored into another, M more there,
//! give bit for bit the losses, weights and histories of N + M steps on one trainer; the
//! display state shows on a second trainer what the first shows; bytes of another network or
//! no state at all are errors, not panics.

use rnn_playground::{CellKind, Config, OptimizerKind, Trainer};

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// What the charts and readouts read, as bits.
fn shown(t: &Trainer) -> Vec<Vec<u32>> {
    let w = t.last_window();
    let losses: Vec<f32> = t.losses().entries().collect();
    let recent: Vec<f32> =
        t.recent_windows().flat_map(|(k, p)| std::iter::once(k as f32).chain(p.iter().copied())).collect();
    vec![
        vec![t.step_count() as u32, w.k as u32],
        bits(&losses),
        bits(w.input),
        bits(w.target),
        bits(w.prediction),
        bits(t.hidden_states()),
        bits(t.hidden_gradient_norms()),
        bits(t.last_step_gradient_norms()),
        bits(&recent),
    ]
}

fn moves_exactly(config: Config, n: u64, m: u64) {
    let mut one = Trainer::new(config.clone()).unwrap();
    one.track_last_step_gradient(true);
    let mut first = one.clone_by_state();
    one.train(n);
    first.train(n);
    let mut second = Trainer::from_exact_state(&first.exact_state().unwrap()).unwrap();
    assert_eq!(shown(&second), shown(&first), "{config:?}: the restored trainer shows what the original showed");
    assert_eq!(second.input_influence(3).unwrap(), first.input_influence(3).unwrap());
    let expected: Vec<u32> = (0..m).map(|_| one.step().to_bits()).collect();
    let got: Vec<u32> = (0..m).map(|_| second.step().to_bits()).collect();
    assert_eq!(got, expected, "{config:?}");
    assert_eq!(bits(&second.network().params), bits(&one.network().params));
    assert_eq!(second.optimizer(), one.optimizer());
    assert_eq!(shown(&second), shown(&one));
    assert_eq!(second.pytorch_script(5).unwrap(), one.pytorch_script(5).unwrap());
}

trait CloneByState {
    fn clone_by_state(&self) -> Trainer;
}
impl CloneByState for Trainer {
    /// A second trainer at the same state, through the exact state (at step 0 here).
    fn clone_by_state(&self) -> Trainer {
        Trainer::from_exact_state(&self.exact_state().unwrap()).unwrap()
    }
}

#[test]
fn training_goes_on_bit_for_bit_after_a_move_for_every_cell_and_optimizer() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        moves_exactly(Config { cell, layers: 2, hidden: 12, time_step: 20, ..Config::default() }, 37, 23);
    }
    moves_exactly(Config { optimizer: OptimizerKind::Sgd, momentum: 0.9, lr: 0.05, ..Config::default() }, 10, 10);
    moves_exactly(Config { carry_state: false, clip_norm: 0.5, weight_decay: 0.01, ..Config::default() }, 5, 5);
}

#[test]
fn a_live_change_and_imported_weights_move_with_the_state() {
    let mut a = Trainer::new(Config::default()).unwrap();
    a.train(3);
    a.set_hyper_parameter("lr", 0.003).unwrap();
    a.train(2);
    let mut b = Trainer::from_exact_state(&a.exact_state().unwrap()).unwrap();
    assert_eq!(b.config(), a.config());
    assert_eq!(b.hyper_changes(), a.hyper_changes());
    assert_eq!(b.step().to_bits(), a.step().to_bits());

    let weights = a.export_weights().unwrap();
    a.import_weights(weights.as_bytes(), None).unwrap();
    a.train(2);
    let b = Trainer::from_exact_state(&a.exact_state().unwrap()).unwrap();
    assert!(!b.started_from_seed());
    assert_eq!(b.pytorch_script(4).unwrap(), a.pytorch_script(4).unwrap());
}

#[test]
fn the_display_state_shows_the_other_trainers_step_and_live_settings() {
    let config = Config { cell: CellKind::Lstm, layers: 2, hidden: 8, time_step: 16, ..Config::default() };
    let mut worker = Trainer::new(config.clone()).unwrap();
    let mut page = Trainer::new(config.clone()).unwrap();
    worker.track_last_step_gradient(true);
    worker.train(5000); // the loss history coarsened
    worker.set_hyper_parameter("lr", 0.002).unwrap();
    worker.train(1);
    // The top layer's hidden states only: the lower layer's stay the page's own, the bytes are fewer.
    let own_lower = page.layer_hidden_states(0).unwrap().to_vec();
    let top_only = worker.display_state(false, false).unwrap();
    page.apply_display_state(&top_only).unwrap();
    assert_eq!(shown(&page), shown(&worker));
    assert_eq!(bits(page.layer_hidden_states(1).unwrap()), bits(worker.layer_hidden_states(1).unwrap()));
    assert_eq!(bits(page.layer_hidden_states(0).unwrap()), bits(&own_lower));
    assert_ne!(bits(&own_lower), bits(worker.layer_hidden_states(0).unwrap()));
    let all = worker.display_state(false, true).unwrap();
    assert_eq!(all.len() - top_only.len(), 16 * 8 * 4, "one layer's T × H floats more");
    page.apply_display_state(&all).unwrap();
    assert_eq!(shown(&page), shown(&worker));
    assert_eq!(page.losses().stride(), worker.losses().stride());
    assert_eq!(page.config(), worker.config());
    assert_eq!(page.hyper_changes(), worker.hyper_changes());
    // Its own weights stay: a view to draw.
    assert_ne!(bits(&page.network().params), bits(&worker.network().params));
    // Every layer's hidden states, for the unrolled view's strips.
    for l in 0..2 {
        assert_eq!(
            bits(page.layer_hidden_states(l).unwrap()),
            bits(worker.layer_hidden_states(l).unwrap()),
            "layer {l}"
        );
    }
    // With the weights when asked for: the input influence is the worker's, bit for bit.
    page.apply_display_state(&worker.display_state(true, true).unwrap()).unwrap();
    assert_eq!(bits(&page.network().params), bits(&worker.network().params));
    assert_eq!(bits(&page.input_influence(15).unwrap()), bits(&worker.input_influence(15).unwrap()));
}

#[test]
fn another_network_or_other_bytes_are_errors() {
    let mut page = Trainer::new(Config::default()).unwrap();
    let other = Trainer::new(Config { hidden: 16, ..Config::default() }).unwrap();
    let before = page.display_state(false, true).unwrap();
    let e = page.apply_display_state(&other.display_state(true, true).unwrap()).unwrap_err();
    assert!(e.to_string().contains("another network"), "{e}");
    assert_eq!(page.display_state(false, true).unwrap(), before, "nothing changed");
    for bytes in [&b""[..], b"not a state", &other.display_state(false, true).unwrap()] {
        let e = Trainer::from_exact_state(bytes).err().expect("an error");
        assert!(e.to_string().contains("not a trainer state"), "{e}");
    }
    let mut exact = page.exact_state().unwrap();
    exact.truncate(exact.len() - 9);
    assert!(Trainer::from_exact_state(&exact).is_err());
}

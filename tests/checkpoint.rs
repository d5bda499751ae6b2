//! Checkpoints hold the whole training state: train 50, export, train 50 more; a fresh
//! trainer importing the checkpoint and training 50 gives the same losses bit for bit.

use rnn_playground::{CellKind, Config, OptimizerKind, Task, Trainer};

fn resume_is_bit_identical(config: Config) {
    let mut original = Trainer::new(config.clone()).unwrap();
    original.train(50);
    let checkpoint = original.export_checkpoint().unwrap();
    let expected: Vec<u32> = (0..50).map(|_| original.step().to_bits()).collect();

    let mut resumed = Trainer::from_checkpoint(checkpoint.as_bytes()).unwrap();
    assert_eq!(resumed.step_count(), 50);
    assert_eq!(resumed.config(), &config);
    let got: Vec<u32> = (0..50).map(|_| resumed.step().to_bits()).collect();
    assert_eq!(got, expected, "{config:?}");
    assert_eq!(resumed.network().params, original.network().params);
    assert_eq!(resumed.losses(), original.losses());
}

#[test]
fn adam_runs_resume_exactly_for_every_cell() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        resume_is_bit_identical(Config { cell, layers: 2, hidden: 12, ..Config::default() });
    }
}

#[test]
fn weight_decay_is_kept_and_resumes_exactly_with_both_optimizers() {
    resume_is_bit_identical(Config { weight_decay: 0.01, ..Config::default() });
    resume_is_bit_identical(Config {
        optimizer: OptimizerKind::Sgd,
        momentum: 0.5,
        lr: 0.05,
        weight_decay: 0.001,
        ..Config::default()
    });
    // Left out while 0, so that a checkpoint without weight decay reads as before it existed.
    let plain = Trainer::new(Config::default()).unwrap().export_checkpoint().unwrap();
    assert!(!plain.contains("weight_decay"));
}

#[test]
fn sgd_with_momentum_and_clipping_resumes_exactly() {
    resume_is_bit_identical(Config {
        optimizer: OptimizerKind::Sgd,
        momentum: 0.9,
        lr: 0.05,
        clip_norm: 0.5,
        task: Task::Denoise,
        ..Config::default()
    });
}

#[test]
fn weights_alone_do_not_resume_a_run() {
    // The classic bug: restoring weights without optimizer state and hidden state.
    let mut original = Trainer::new(Config::default()).unwrap();
    original.train(50);
    let weights = original.export_weights().unwrap();
    let next = original.step();
    let mut fresh = Trainer::new(Config::default()).unwrap();
    fresh.import_weights(weights.as_bytes()).unwrap();
    assert_ne!(fresh.step().to_bits(), next.to_bits());
}

#[test]
fn bad_checkpoints_are_rejected_with_a_message() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(5);
    let good: serde_json::Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    let cases = [
        ("format", serde_json::json!("something else"), "not an rnn-playground checkpoint"),
        ("version", serde_json::json!(7), "checkpoint version 7 is not supported"),
        ("hidden", serde_json::json!([0.0, 1.0]), "checkpoint hidden has 2 values, the model needs 32"),
        ("step", serde_json::json!(-1), "invalid checkpoint"),
    ];
    for (field, value, needle) in cases {
        let mut bad = good.clone();
        bad[field] = value;
        let err = Trainer::from_checkpoint(bad.to_string().as_bytes()).err().expect(field);
        assert!(err.0.contains(needle), "{field}: {}", err.0);
    }
    let mut bad = good.clone();
    bad["config"]["hidden"] = serde_json::json!(0);
    assert!(Trainer::from_checkpoint(bad.to_string().as_bytes())
        .err()
        .unwrap()
        .0
        .contains("hidden must be an integer from 1 to 256"));
    let mut bad = good.clone();
    bad["optimizer"]["adam"]["exp_avg"] = serde_json::json!([1.0]);
    assert!(Trainer::from_checkpoint(bad.to_string().as_bytes()).err().unwrap().0.contains("exp_avg has 1 values"));
}

//! Live hyper-parameters: a change applies to the running trainer (weights, moments, step,
//! carried state and history go on), is checked as the constructor checks it, is recorded
//! at its step, survives a checkpoint, and is forgotten by a reset. And carryState = false.

use rnn_playground::training::hyper::{HyperChange, HyperParameter};
use rnn_playground::{Config, Trainer};

#[test]
fn a_change_goes_on_from_where_the_run_is() {
    let mut a = Trainer::new(Config::default()).unwrap();
    let mut b = Trainer::new(Config::default()).unwrap();
    let first: Vec<f32> = (0..50).map(|_| a.step()).collect();
    let again: Vec<f32> = (0..50).map(|_| b.step()).collect();
    assert_eq!(first, again);
    a.set_hyper_parameter("lr", 0.005).unwrap();
    assert_eq!(a.step_count(), 50, "the step count goes on");
    assert_eq!(a.losses().entries().count(), 50, "the history goes on");
    assert_eq!(a.config().lr, 0.005);
    assert_eq!(a.start_config().lr, 0.02);
    assert_eq!(
        a.hyper_changes(),
        [HyperChange { step: 50, parameter: HyperParameter::named("lr").unwrap(), value: 0.005 }]
    );
    // The next step differs from the unchanged run's only through the learning rate: the
    // loss of window 50 is computed before the optimizer step, so it is still the same.
    assert_eq!(a.step(), b.step());
    assert_ne!(a.step(), b.step(), "the new learning rate had no effect");
}

#[test]
fn an_invalid_value_is_refused_with_the_constructors_message_and_nothing_changes() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(3);
    let err = t.set_hyper_parameter("lr", 0.0).unwrap_err();
    let constructor = Trainer::new(Config { lr: 0.0, ..Config::default() }).err().unwrap();
    assert_eq!(err.to_string(), constructor.to_string());
    let err = t.set_hyper_parameter("beta2", 1.0).unwrap_err();
    assert!(err.to_string().contains("beta2"), "{err}");
    assert_eq!(t.config(), &Config::default());
    assert!(t.hyper_changes().is_empty());
}

#[test]
fn changes_survive_a_checkpoint_and_a_reset_forgets_them() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(10);
    t.set_hyper_parameter("lr", 0.01).unwrap();
    t.train(5);
    t.set_hyper_parameter("clipNorm", 1.0).unwrap();
    t.train(5);
    let cp = t.export_checkpoint().unwrap();
    let mut back = Trainer::from_checkpoint(cp.as_bytes(), None).unwrap();
    assert_eq!(back.hyper_changes(), t.hyper_changes());
    assert_eq!(back.start_config(), t.start_config());
    assert_eq!(back.config(), t.config());
    assert_eq!(back.train(7), t.train(7), "the resumed run goes on bit for bit");
    assert_eq!(back.pytorch_script(40).unwrap(), t.pytorch_script(40).unwrap());
    t.reset(None);
    assert!(t.hyper_changes().is_empty());
    assert_eq!(t.start_config().lr, 0.01, "a reset starts a run with the current settings");
}

#[test]
fn a_change_before_the_first_step_is_the_runs_setting() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.set_hyper_parameter("momentum", 0.5).unwrap();
    assert!(t.hyper_changes().is_empty());
    assert_eq!(t.start_config().momentum, 0.5);
}

#[test]
fn without_carry_every_window_starts_from_zero() {
    // Window 2 has the same values as window 0 (every task is 2π-periodic): without the
    // carried state and with the weights frozen (lr far below float32's resolution of the
    // weights) its loss equals window 0's; with the carried state it does not.
    let loss_of_window_2 = |carry_state| {
        let mut t = Trainer::new(Config { carry_state, ..Config::default() }).unwrap();
        t.set_hyper_parameter("lr", 1e-12).unwrap();
        let l0 = t.step();
        t.step();
        (l0, t.step())
    };
    let (l0, l2) = loss_of_window_2(false);
    assert_eq!(l0, l2);
    let (l0, l2) = loss_of_window_2(true);
    assert_ne!(l0, l2);
}

#[test]
fn the_script_of_a_run_from_imported_weights_loads_them_and_a_checkpoint_of_it_says_why_not() {
    let seven = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap().export_weights().unwrap();
    let mut t = Trainer::new(Config::default()).unwrap();
    assert!(!t.pytorch_script(1).unwrap().contains("load_state_dict"));
    t.import_weights(seven.as_bytes(), None).unwrap();
    t.train(3);
    let script = t.pytorch_script(3).unwrap();
    assert!(script.contains("net.load_state_dict("), "the imported weights are not in the script");
    assert!(script.contains("\"rnn.weight_ih_l0\""));
    let resumed = Trainer::from_checkpoint(t.export_checkpoint().unwrap().as_bytes(), None).unwrap();
    let err = resumed.pytorch_script(3).unwrap_err();
    assert!(err.to_string().contains("not known"), "{err}");
    // A run from its seed keeps that through a checkpoint.
    let mut s = Trainer::new(Config::default()).unwrap();
    s.train(2);
    assert!(Trainer::from_checkpoint(s.export_checkpoint().unwrap().as_bytes(), None)
        .unwrap()
        .pytorch_script(2)
        .is_ok());
}

#[test]
fn a_setting_the_optimizer_does_not_use_is_kept_but_not_recorded() {
    let mut t = Trainer::new(Config::default()).unwrap(); // Adam
    t.train(2);
    t.set_hyper_parameter("momentum", 0.9).unwrap();
    assert_eq!(t.config().momentum, 0.9);
    assert!(t.hyper_changes().is_empty(), "Adam's momentum was recorded as a change");
}

//! Configuration: the tutorial's defaults, and every out-of-range value rejected with a
//! message naming the field, its range and the value.

use rnn_playground::{CellKind, Config, Nonlinearity, OptimizerKind, Task, Trainer};

#[test]
fn defaults_are_the_tutorials() {
    let c = Config::default();
    assert_eq!((c.cell, c.nonlinearity, c.hidden, c.layers), (CellKind::Rnn, Nonlinearity::Tanh, 32, 1));
    assert_eq!((c.lr, c.optimizer, c.time_step, c.seed, c.task), (0.02, OptimizerKind::Adam, 10, 1, Task::SinCos));
    assert_eq!((c.beta1, c.beta2, c.eps, c.momentum, c.clip_norm), (0.9, 0.999, 1e-8, 0.0, 0.0));
    assert!(c.validate().is_ok());
}

#[test]
fn out_of_range_values_name_field_range_and_value() {
    let cases: Vec<(Config, &str)> = vec![
        (Config { hidden: 0, ..Config::default() }, "hidden must be an integer from 1 to 256, got 0"),
        (Config { hidden: 257, ..Config::default() }, "hidden must be an integer from 1 to 256, got 257"),
        (Config { layers: 5, ..Config::default() }, "layers must be an integer from 1 to 4, got 5"),
        (Config { time_step: 1, ..Config::default() }, "time_step must be an integer from 2 to 200, got 1"),
        (Config { time_step: 201, ..Config::default() }, "time_step must be an integer from 2 to 200, got 201"),
        (Config { lr: 0.0, ..Config::default() }, "lr must be greater than 0 and at most 10, got 0"),
        (Config { lr: f64::NAN, ..Config::default() }, "lr must be greater than 0 and at most 10, got NaN"),
        (Config { momentum: 1.0, ..Config::default() }, "momentum must be from 0 to below 1, got 1"),
        (Config { beta1: -0.1, ..Config::default() }, "beta1 must be from 0 to below 1, got -0.1"),
        (Config { beta2: 1.0, ..Config::default() }, "beta2 must be from 0 to below 1, got 1"),
        (Config { eps: 0.0, ..Config::default() }, "eps must be greater than 0 and at most 1, got 0"),
        (Config { clip_norm: -1.0, ..Config::default() }, "clip_norm must be off (0) or a positive number, got -1"),
        (
            Config { clip_norm: f64::INFINITY, ..Config::default() },
            "clip_norm must be off (0) or a positive number, got Infinity",
        ),
        // Numbers are written compactly, as JavaScript writes them.
        (Config { lr: 1e308, ..Config::default() }, "lr must be greater than 0 and at most 10, got 1e308"),
    ];
    for (config, message) in cases {
        assert_eq!(config.validate().unwrap_err().to_string(), message);
        assert_eq!(Trainer::new(config).err().map(|e| e.to_string()).as_deref(), Some(message));
    }
}

#[test]
fn names_parse_and_unknown_names_list_the_choices() {
    assert_eq!(CellKind::from_name("gru").unwrap(), CellKind::Gru);
    assert_eq!(Task::from_name("square").unwrap(), Task::Square);
    assert_eq!(CellKind::from_name("GRU").unwrap_err().to_string(), "cell must be one of rnn, lstm, gru, got \"GRU\"");
    assert_eq!(
        Task::from_name("cos").unwrap_err().to_string(),
        "task must be one of sin-cos, denoise, square, sawtooth, got \"cos\""
    );
    assert_eq!(
        OptimizerKind::from_name("rmsprop").unwrap_err().to_string(),
        "optimizer must be one of adam, sgd, got \"rmsprop\""
    );
    assert_eq!(
        Nonlinearity::from_name("").unwrap_err().to_string(),
        "nonlinearity must be one of tanh, relu, got \"\""
    );
}

#[test]
fn every_cell_size_and_layer_count_trains_to_finite_losses() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for (hidden, layers, time_step) in [(1, 1, 2), (3, 4, 7), (256, 1, 10), (17, 2, 200)] {
            let mut t = Trainer::new(Config { cell, hidden, layers, time_step, ..Config::default() }).unwrap();
            let loss = t.train(3);
            assert!(loss.is_finite(), "{cell:?} h{hidden} l{layers} T{time_step}: loss {loss}");
            assert_eq!(t.hidden_states().len(), hidden * time_step);
            assert_eq!(t.last_window().prediction.len(), time_step);
        }
    }
}

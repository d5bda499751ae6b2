//! The record of one training step (`Trainer::trace_step`) and the input influence
//! (`Trainer::input_influence`) against PyTorch autograd on an unrolled loop
//! (tests/fixtures/trace, written by its `make.py`): RNN, LSTM and GRU, 1 and 2 layers, the
//! state carried or not, gradients clipped or not. And a traced step is a step: the run goes
//! on exactly as it would have.

use rnn_playground::training::step_trace::StepTrace;
use rnn_playground::{CellKind, Config, Isa, Trainer};
use serde_json::Value;

fn fixtures() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trace");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 12, "expected 3 cells × 1 and 2 layers × carried state on and off");
    out
}

fn config(c: &Value) -> Config {
    Config {
        cell: match c["cell"].as_str().unwrap() {
            "rnn" => CellKind::Rnn,
            "lstm" => CellKind::Lstm,
            _ => CellKind::Gru,
        },
        hidden: c["hidden"].as_u64().unwrap() as usize,
        layers: c["layers"].as_u64().unwrap() as usize,
        time_step: c["time_step"].as_u64().unwrap() as usize,
        seed: c["seed"].as_u64().unwrap() as u32,
        lr: c["lr"].as_f64().unwrap(),
        carry_state: c["carry_state"].as_bool().unwrap(),
        clip_norm: c["clip_norm"].as_f64().unwrap(),
        ..Config::default()
    }
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap_or_else(|| panic!("an array, got {v}")).iter().map(|x| x.as_f64().unwrap()).collect()
}

/// `got` equals PyTorch's `expected` within 1e-6 + 1e-3 of the largest magnitude of
/// `expected` (float32 rounding after four Adam steps; a wrong term is off by far more).
fn assert_close(what: &str, got: &[f32], expected: &[f64]) {
    assert_eq!(got.len(), expected.len(), "{what}: {} values, PyTorch has {}", got.len(), expected.len());
    let scale = expected.iter().fold(0f64, |m, v| m.max(v.abs()));
    let tol = 1e-6 + 1e-3 * scale;
    for (i, (&g, &e)) in got.iter().zip(expected).enumerate() {
        assert!((g as f64 - e).abs() <= tol, "{what}[{i}]: {g} vs PyTorch {e} (tolerance {tol:e})");
    }
}

/// Each tensor of `by_name` (PyTorch's names) against the flat `values` in the trainer's layout.
fn assert_tensors_close(what: &str, trainer: &Trainer, values: &[f32], by_name: &Value) {
    let specs = &trainer.network().layout.specs;
    assert_eq!(specs.len(), by_name.as_object().unwrap().len(), "{what}: one entry per parameter tensor");
    for spec in specs {
        assert_close(&format!("{what} {}", spec.name), &values[spec.range()], &numbers(&by_name[&spec.name]));
    }
}

fn check_trace(name: &str, trainer: &Trainer, got: &StepTrace, expected: &Value) {
    let cell = trainer.config().cell;
    assert_eq!(got.step, expected["step"].as_u64().unwrap(), "{name}: step");
    assert_close(&format!("{name}: x"), &got.x, &numbers(&expected["x"]));
    assert_close(&format!("{name}: target"), &got.target, &numbers(&expected["target"]));
    assert_close(&format!("{name}: prediction"), &got.prediction, &numbers(&expected["prediction"]));
    assert_close(&format!("{name}: loss"), &[got.loss], &[expected["loss"].as_f64().unwrap()]);
    let f = &got.forward;
    for (what, values) in [("h0", &f.h0), ("h", &f.h), ("ih", &f.ih), ("hh", &f.hh), ("dLdh", &got.dl_dh)] {
        assert_close(&format!("{name}: {what}"), values, &numbers(&expected[what]));
    }
    let lstm = cell == CellKind::Lstm;
    for (what, values, present) in [("c0", &f.c0, lstm), ("c", &f.c, lstm), ("gates", &f.gates, cell != CellKind::Rnn)]
    {
        if present {
            assert_close(&format!("{name}: {what}"), values, &numbers(&expected[what]));
        } else {
            assert!(values.is_empty() && expected.get(what).is_none(), "{name}: no {what} for this cell");
        }
    }
    assert_tensors_close(&format!("{name}: gradient"), trainer, &got.gradients, &expected["gradients"]);
    assert_close(
        &format!("{name}: gradient norm"),
        &[got.gradient_norm],
        &[expected["gradientNorm"].as_f64().unwrap()],
    );
    assert_close(&format!("{name}: clip scale"), &[got.clip_scale], &[expected["clipScale"].as_f64().unwrap()]);
    assert_tensors_close(&format!("{name}: update"), trainer, &got.update, &expected["update"]);
}

#[test]
fn a_traced_step_and_the_influence_match_pytorch_for_every_cell_layers_and_carried_state() {
    let isas: Vec<Isa> = [Isa::Baseline, Isa::Avx2Fma].into_iter().filter(|i| i.is_available()).collect();
    let mut clipped = 0;
    for ((name, fixture), isa) in fixtures().iter().flat_map(|f| isas.iter().map(move |&i| (f, i))) {
        let name = format!("{name} ({})", isa.name());
        let mut trainer = Trainer::new(config(&fixture["config"])).unwrap();
        trainer.set_isa(isa).unwrap();
        trainer.train(fixture["steps_before"].as_u64().unwrap());
        let trace = trainer.trace_step().unwrap();
        check_trace(&name, &trainer, &trace, &fixture["trace"]);
        // Each layer's h of the window just trained, as the live view draws it: PyTorch's h.
        let (layers, h) = (trainer.config().layers, numbers(&fixture["trace"]["h"]));
        for (l, expected) in h.chunks(h.len() / layers).enumerate() {
            assert_close(
                &format!("{name}: hidden states of layer {l}"),
                trainer.layer_hidden_states(l).unwrap(),
                expected,
            );
        }
        assert!(trainer.layer_hidden_states(layers).is_none(), "{name}: no layer {layers}");
        clipped += usize::from(trace.clip_scale < 1.0);
        for (t, expected) in fixture["influence"].as_array().unwrap().iter().enumerate() {
            let got = trainer.input_influence(t).unwrap();
            assert_close(&format!("{name}: influence of x on ŷ_{t}"), &got, &numbers(expected));
        }
    }
    assert_eq!(clipped, 6 * isas.len(), "the six runs without carried state clip their gradients");
}

/// Two runs of `config`, one traced at every step: identical checkpoints (weights, optimizer
/// moments, carried state, step, losses) and windows after every step.
fn traced_run_equals_plain_run(config: Config, track_last_step: bool) {
    let mut plain = Trainer::new(config.clone()).unwrap();
    let mut traced = Trainer::new(config).unwrap();
    plain.track_last_step_gradient(track_last_step);
    traced.track_last_step_gradient(track_last_step);
    for step in 0..6 {
        let loss = plain.step();
        let trace = traced.trace_step().unwrap();
        assert_eq!(trace.loss.to_bits(), loss.to_bits(), "step {step}: the traced loss is the step's");
        assert_eq!(traced.export_checkpoint().unwrap(), plain.export_checkpoint().unwrap(), "step {step}");
        assert_eq!(traced.last_window().prediction, plain.last_window().prediction);
        assert_eq!(traced.hidden_gradient_norms(), plain.hidden_gradient_norms());
        assert_eq!(traced.last_step_gradient_norms(), plain.last_step_gradient_norms());
        // The record's update took the weights from before the step to the ones now.
        assert!(trace.update.iter().any(|&u| u != 0.0), "step {step}: the optimizer moved the weights");
    }
}

#[test]
fn a_traced_step_leaves_the_run_exactly_as_a_step_does() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for (layers, carry_state, clip_norm) in [(1, true, 0.0), (2, false, 0.1)] {
            let config = Config { cell, layers, hidden: 40, carry_state, clip_norm, ..Config::default() };
            traced_run_equals_plain_run(config.clone(), false);
            traced_run_equals_plain_run(config, true);
        }
    }
}

#[test]
fn the_influence_changes_nothing_the_trainer_shows_and_refuses_steps_outside_the_window() {
    let mut trainer = Trainer::new(Config { cell: CellKind::Lstm, layers: 2, ..Config::default() }).unwrap();
    trainer.train(3);
    let before = (
        trainer.export_checkpoint().unwrap(),
        trainer.hidden_states().to_vec(),
        trainer.last_window().prediction.to_vec(),
    );
    let influence = trainer.input_influence(9).unwrap();
    assert_eq!(influence.len(), 10);
    assert!(influence.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert_eq!(
        before,
        (
            trainer.export_checkpoint().unwrap(),
            trainer.hidden_states().to_vec(),
            trainer.last_window().prediction.to_vec()
        )
    );
    assert_eq!(trainer.input_influence(0).unwrap().len(), 1);
    let err = trainer.input_influence(10).unwrap_err();
    assert_eq!(err.to_string(), "the time step must be below the window's 10 steps, got 10");
    // The next step trains as if the influence had never been asked for.
    let mut other = Trainer::new(trainer.config().clone()).unwrap();
    other.train(3);
    assert_eq!(other.step().to_bits(), trainer.step().to_bits());
}

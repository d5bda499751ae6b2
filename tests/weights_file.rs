//! Weights files as users have them: written by PyTorch and the safetensors package
//! (tests/fixtures/torch/, see write_files.py there), JSON or safetensors judged by
//! content, a recorded run's initial_state_dict, pickles refused with the Python that
//! converts them; exports refused after divergence; memory errors that say how much.

use rnn_playground::{CellKind, Config, OptimizerKind, Trainer};

fn torch_file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/torch/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A trainer whose own seed differs from the files' (7), so an import must change it.
fn fresh() -> Trainer {
    Trainer::new(Config { seed: 1, ..Config::default() }).unwrap()
}

#[test]
fn pytorch_written_safetensors_and_json_give_equal_trainers() {
    let seed7 = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap();
    for (file, said) in [
        ("rnn_h32_seed7.safetensors", "loaded the state dict (safetensors)"),
        ("rnn_h32_seed7.json", "loaded the state dict (JSON)"),
        ("rnn_h32_seed7_f64.safetensors", "loaded the state dict (safetensors)"),
        (
            "rnn_h32_seed7_module.safetensors",
            "loaded the state dict (safetensors); every key had the prefix \"module.\", which was removed",
        ),
    ] {
        let mut t = fresh();
        assert_eq!(t.import_weights(&torch_file(file)).unwrap(), said, "{file}");
        // torch.manual_seed(7) weights, bit for bit, whichever file they came from.
        let same = t.network().params.iter().zip(&seed7.network().params).all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{file}: not PyTorch's seed-7 weights");
        // And the trainers then train identically.
        let mut s7 = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap();
        s7.import_weights(&torch_file("rnn_h32_seed7.json")).unwrap();
        assert_eq!(t.train(5).to_bits(), s7.train(5).to_bits(), "{file}");
    }
}

#[test]
fn pytorch_pickles_get_the_python_that_converts_them() {
    for (file, kind) in [("rnn_h32_seed7.pt", "zip archive"), ("rnn_h32_seed7_legacy.pkl", "legacy format")] {
        let mut t = fresh();
        let before = t.network().params.clone();
        let err = t.import_weights(&torch_file(file)).unwrap_err().0;
        assert!(err.contains(&format!("this file is a PyTorch pickle (torch.save's {kind})")), "{err}");
        assert!(err.contains("from safetensors.torch import save_file"), "{err}");
        assert!(err.contains("save_file(torch.load('rnn.pkl'), 'rnn.safetensors')"), "{err}");
        assert_eq!(t.network().params, before);
    }
}

#[test]
fn exported_safetensors_read_back_and_carry_pytorch_metadata() {
    let mut a = Trainer::new(Config { cell: CellKind::Gru, layers: 2, hidden: 6, ..Config::default() }).unwrap();
    a.train(10);
    let bytes = a.export_safetensors().unwrap();
    let header_len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + header_len]).unwrap();
    assert_eq!(header["__metadata__"]["format"], "pt");
    assert_eq!(header["rnn.weight_hh_l1"]["dtype"], "F32");
    assert_eq!(header["rnn.weight_hh_l1"]["shape"], serde_json::json!([18, 6]));
    let mut b = Trainer::new(Config { seed: 9, ..a.config().clone() }).unwrap();
    b.import_weights(&bytes).unwrap();
    assert_eq!(a.network().params, b.network().params);
    // The same weights through JSON.
    let mut c = Trainer::new(Config { seed: 9, ..a.config().clone() }).unwrap();
    c.import_weights(a.export_weights().unwrap().as_bytes()).unwrap();
    assert_eq!(b.network().params, c.network().params);
}

/// One rule for page, JS and CLI: a recorded run imports as its initial_state_dict.
#[test]
fn a_recorded_run_imports_as_its_initial_state_dict() {
    let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lstm_h32_seed1.json")).unwrap();
    let mut t = Trainer::new(Config { cell: CellKind::Lstm, seed: 4, ..Config::default() }).unwrap();
    assert_eq!(t.import_weights(&text).unwrap(), "loaded the recorded run's initial_state_dict (JSON)");
    let seeded = Trainer::new(Config { cell: CellKind::Lstm, seed: 1, ..Config::default() }).unwrap();
    assert_eq!(t.network().params, seeded.network().params);
}

#[test]
fn a_diverged_run_cannot_be_exported_until_reset() {
    let mut t = Trainer::new(Config { optimizer: OptimizerKind::Sgd, lr: 5.0, ..Config::default() }).unwrap();
    let mut first_bad = None;
    for step in 1..=200 {
        if !t.step().is_finite() && first_bad.is_none() {
            first_bad = Some(step);
        }
    }
    let n = first_bad.expect("SGD at lr 5 diverges");
    let expected = format!("training diverged at step {n}; reset or import weights");
    for err in
        [t.export_weights().unwrap_err(), t.export_safetensors().unwrap_err(), t.export_checkpoint().unwrap_err()]
    {
        assert!(err.0.starts_with(&expected), "{err}");
    }
    t.reset(None);
    assert!(t.export_weights().is_ok() && t.export_checkpoint().is_ok());
}

#[test]
fn the_memory_a_configuration_needs_is_known() {
    let big = Config { cell: CellKind::Lstm, hidden: 256, layers: 4, time_step: 200, ..Config::default() };
    let bytes = Trainer::memory_needed(&big);
    // Parameters, gradients and Adam's two moments: 4 × 1,853,697 f32; plus the workspace.
    assert!(bytes > 4 * 4 * 1_853_697 && bytes < 60_000_000, "{bytes}");
    let small = Trainer::memory_needed(&Config::default());
    assert!(small < 100_000, "{small}");
}

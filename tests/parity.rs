//! Parity with PyTorch: every recorded fixture (tests/fixtures, recorded with PyTorch in
//! float32: one layer at the tutorial's size, and stacks of two and three layers whose
//! upper layers run the matrix-product paths) is reproduced from its seed — initial weights
//! bit for bit, every step's loss within 1e-5 + 2e-3·|loss|, final weights within 1e-3 —
//! on every code path this CPU runs (the baseline, and AVX2+FMA where present).

use rnn_playground::files::record::Record;
use rnn_playground::files::state_dict::Source;
use rnn_playground::{files::state_dict_json, Isa, Trainer};

fn fixtures() -> Vec<(String, Record)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), Record::parse(&text).unwrap()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 8, "expected the eight fixtures of tests/fixtures/README.md");
    out
}

fn flat(trainer: &Trainer, dict: &serde_json::Value) -> Vec<f32> {
    state_dict_json::from_value(&trainer.network().layout, dict, &trainer.model(), Source::Weights).unwrap()
}

#[test]
fn seeded_initial_weights_equal_pytorch_bit_for_bit() {
    for (name, record) in fixtures() {
        let trainer = Trainer::new(record.config.to_config()).unwrap();
        let expected = flat(&trainer, &record.initial_state_dict);
        let got = &trainer.network().params;
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g.to_bits(), e.to_bits(), "{name}: parameter {i}: {g:e} vs PyTorch {e:e}");
        }
    }
}

#[test]
fn every_step_and_the_final_weights_match_pytorch() {
    let isas: Vec<Isa> = [Isa::Baseline, Isa::Avx2Fma].into_iter().filter(|i| i.is_available()).collect();
    if !Isa::Avx2Fma.is_available() {
        println!("this CPU has no AVX2+FMA: only the baseline path is checked");
    }
    for ((name, record), isa) in fixtures().into_iter().flat_map(|f| isas.iter().map(move |&i| (f.clone(), i))) {
        let name = format!("{name} ({})", isa.name());
        let mut trainer = Trainer::new(record.config.to_config()).unwrap();
        trainer.set_isa(isa).unwrap();
        let mut worst = 0f64;
        for (k, &expected) in record.losses.iter().enumerate() {
            let loss = trainer.step() as f64;
            let tol = 1e-5 + 2e-3 * expected.abs();
            assert!((loss - expected).abs() <= tol, "{name}: step {k}: loss {loss} vs PyTorch {expected}");
            worst = worst.max((loss - expected).abs() / tol);
            for (j, (&p, &e)) in trainer.last_window().prediction.iter().zip(&record.predictions[k]).enumerate() {
                assert!((p as f64 - e).abs() <= 1e-3, "{name}: step {k} prediction {j}: {p} vs PyTorch {e}");
            }
        }
        let expected = flat(&trainer, &record.final_state_dict);
        let max_diff = trainer.network().params.iter().zip(&expected).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
        assert!(max_diff <= 1e-3, "{name}: final weights differ by up to {max_diff}");
        println!("{name}: worst loss error {worst:.3} of tolerance, final weights within {max_diff:e}");
    }
}

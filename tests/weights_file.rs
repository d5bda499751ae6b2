//! Weights files as users have them: written by PyTorch, NumPy and the safetensors package
//! (tests/fixtures/torch/, see write_files.py there, and tests/fixtures/files/, see make.py),
//! JSON, safetensors or .npz judged by content, a recorded run's initial_state_dict; every
//! kind of zip archive and pickle told apart, each refused with the line of Python that
//! converts it, naming the file given, and nothing changed; exports refused after divergence;
//! memory errors that say how much.

use rnn_playground::error::Param;
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
        assert_eq!(t.import_weights(&torch_file(file), None).unwrap().to_string(), said, "{file}");
        // torch.manual_seed(7) weights, bit for bit, whichever file they came from.
        let same = t.network().params.iter().zip(&seed7.network().params).all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{file}: not PyTorch's seed-7 weights");
        // And the trainers then train identically.
        let mut s7 = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap();
        s7.import_weights(&torch_file("rnn_h32_seed7.json"), None).unwrap();
        assert_eq!(t.train(5).to_bits(), s7.train(5).to_bits(), "{file}");
    }
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// What a failed import must leave as it was: weights, step, histories, settings, state.
fn state(t: &Trainer) -> (Vec<f32>, u64, String) {
    (t.network().params.clone(), t.step_count(), t.export_checkpoint().unwrap())
}

#[test]
fn numpy_npz_files_load_exactly() {
    let seed7 = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap();
    // float32, float64 and big-endian float32 arrays under the state dict's names (np.savez).
    for name in ["files/state_dict.npz", "files/state_dict_f64.npz", "files/state_dict_big_endian.npz"] {
        let mut t = fresh();
        assert_eq!(
            t.import_weights(&file(name), Some("rnn.npz")).unwrap().to_string(),
            "loaded the state dict (NumPy .npz)"
        );
        let same = t.network().params.iter().zip(&seed7.network().params).all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{name}: not PyTorch's seed-7 weights bit for bit");
    }
    // The same names checked as every state dict's: a model of another size is refused by name.
    let mut small = Trainer::new(Config { hidden: 16, ..Config::default() }).unwrap();
    let err = small.import_weights(&file("files/state_dict.npz"), None).unwrap_err().to_string();
    assert!(
        err.contains("size mismatch for rnn.weight_hh_l0: the file has shape [32, 32], the model needs [16, 16]"),
        "{err}"
    );
}

#[test]
fn every_kind_of_zip_and_pickle_is_told_apart_and_gets_its_line_of_python() {
    let torch = "import torch; from safetensors.torch import save_file; save_file(";
    let numpy = "import numpy as np; from safetensors.numpy import save_file; save_file({k: \
                 np.ascontiguousarray(v, dtype=np.float32) for k, v in np.load(";
    let cases = [
        (
            "files/state_dict.pt",
            "my run.pt",
            "this file is a PyTorch state dict saved by torch.save: a pickle, which only Python reads",
            format!("{torch}torch.load('my run.pt'), 'my run.safetensors')"),
        ),
        (
            "torch/rnn_h32_seed7_legacy.pkl",
            "rnn.pkl",
            "this file is a PyTorch state dict saved by torch.save (its legacy format): a pickle",
            format!("{torch}torch.load('rnn.pkl'), 'rnn.safetensors')"),
        ),
        (
            "files/training_checkpoint.pth",
            "runs/epoch3.pth",
            "this file is a PyTorch training checkpoint saved by torch.save, with the state dict under ['model_state_dict']",
            format!("{torch}torch.load('runs/epoch3.pth')['model_state_dict'], 'runs/epoch3.safetensors')"),
        ),
        (
            "files/whole_model.pt",
            "model.pt",
            "this file is a whole PyTorch model (class Net) saved by torch.save",
            format!(
                "{torch}torch.load('model.pt', weights_only=False).state_dict(), 'model.safetensors')\n\
                 (run it where the class Net that the model was saved from is defined)"
            ),
        ),
        (
            "files/torchscript.pt",
            "scripted.pt",
            "this file is a TorchScript archive (torch.jit.save), which only PyTorch reads",
            format!("{torch}torch.jit.load('scripted.pt').state_dict(), 'scripted.safetensors')"),
        ),
        (
            "files/state_dict_compressed.npz",
            "w.npz",
            "this file is a NumPy .npz archive, but its arrays are compressed (np.savez_compressed)",
            format!("{numpy}'w.npz').items()}}, 'w.safetensors')"),
        ),
        (
            "files/state_dict_fortran.npz",
            "w.npz",
            "this file is a NumPy .npz archive, but rnn.weight_hh_l0 is stored in Fortran (column-major) order",
            format!("{numpy}'w.npz').items()}}, 'w.safetensors')"),
        ),
        (
            "files/state_dict_f16.npz",
            "half.npz",
            "this file is a NumPy .npz archive, but rnn.weight_ih_l0 is stored as dtype '<f2', not float32 or float64",
            format!("{numpy}'half.npz').items()}}, 'half.safetensors')"),
        ),
        (
            "files/weights_json.zip",
            "weights.zip",
            "this file is a zip archive holding \"rnn.weights.json\" (unzip it and import \"rnn.weights.json\")",
            "import json, zipfile, torch; from safetensors.torch import save_file; save_file({k: torch.tensor(v) for \
             k, v in json.load(zipfile.ZipFile('weights.zip').open('rnn.weights.json')).items()}, 'weights.safetensors')"
                .to_string(),
        ),
    ];
    for (fixture, name, what, python) in cases {
        let mut t = fresh();
        t.train(3);
        let before = state(&t);
        let err = t.import_weights(&file(fixture), Some(name)).unwrap_err().to_string();
        assert!(err.starts_with(what), "{fixture}: {err}");
        assert!(err.ends_with(&format!("loads here:\n    {python}")), "{fixture}: {err}\nwanted the line {python}");
        assert_eq!(state(&t), before, "{fixture}: a failed import changed the run");
        // Without a name (the JS API called with bytes alone), a placeholder of the kind's own.
        let err = t.import_weights(&file(fixture), None).unwrap_err().to_string();
        assert!(err.contains("save_file("), "{fixture}: {err}");
    }
    // A zip of nothing this program knows, and a damaged one, say what they are.
    let mut t = fresh();
    let mut damaged = file("files/state_dict.npz");
    damaged.truncate(100);
    let err = t.import_weights(&damaged, Some("w.npz")).unwrap_err().to_string();
    assert!(
        err.starts_with("this file is a damaged zip archive (its end is missing: it looks cut off, as an unfinished download or copy is"),
        "{err}"
    );
    // An entry whose bytes changed: its checksum says so, in the message table's words (rawzip's
    // are English).
    let mut changed = file("files/state_dict.npz");
    changed[200] ^= 0x55;
    let err = t.import_weights(&changed, Some("w.npz")).unwrap_err().to_string();
    assert!(err.contains("cannot be read: an entry's size or checksum does not match its content"), "{err}");
    let mut notes = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
        notes.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut notes, b"notes").unwrap();
    }
    let notes = notes.finish().unwrap().into_inner();
    let err = t.import_weights(&notes, Some("notes.zip")).unwrap_err().to_string();
    assert_eq!(
        err,
        "this file is a zip archive in no format this program reads (it holds a.txt, b.txt, c.txt, …); \
         weights are a state dict in JSON, safetensors or NumPy .npz"
    );
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
    b.import_weights(&bytes, None).unwrap();
    assert_eq!(a.network().params, b.network().params);
    // The same weights through JSON.
    let mut c = Trainer::new(Config { seed: 9, ..a.config().clone() }).unwrap();
    c.import_weights(a.export_weights().unwrap().as_bytes(), None).unwrap();
    assert_eq!(b.network().params, c.network().params);
}

/// One rule for page, JS and CLI: a recorded run imports as its initial_state_dict.
#[test]
fn a_recorded_run_imports_as_its_initial_state_dict() {
    let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lstm_h32_seed1.json")).unwrap();
    let mut t = Trainer::new(Config { cell: CellKind::Lstm, seed: 4, ..Config::default() }).unwrap();
    let loaded = t.import_weights(&text, None).unwrap();
    assert_eq!(loaded.to_string(), "loaded the recorded run's initial_state_dict (JSON)");
    // The report is a message of the table, its parts messages too, so that a catalog writes it.
    assert_eq!(loaded.code(), "weights.loaded");
    assert!(matches!(loaded.param("dict"), Some(Param::Message(m)) if m.code() == "noun.initialStateDict"));
    assert!(matches!(loaded.param("format"), Some(Param::Text(f)) if f == "JSON"));
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
        assert!(err.to_string().starts_with(&expected), "{err}");
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

/// Every zip-based fixture (.npz, .pt, .pth, .zip), cut short at every length and with each of
/// its bytes (one in 7) changed, is either read or refused with a message, never a panic; and a
/// changed byte inside a stored array's values is refused by the entry's CRC-32.
#[test]
fn damaged_zip_archives_are_refused_with_a_message_never_a_panic() {
    let mut t = fresh();
    for fixture in [
        "files/state_dict.npz",
        "files/state_dict_compressed.npz",
        "files/state_dict.pt",
        "files/torchscript.pt",
        "files/training_checkpoint.pth",
        "files/weights_json.zip",
    ] {
        let good = file(fixture);
        for len in 0..good.len() {
            if let Err(e) = t.import_weights(&good[..len], Some("w.bin")) {
                assert!(!e.to_string().is_empty(), "{fixture} cut at {len}: empty message");
            }
        }
        for at in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[at] ^= 0x5a;
            if let Err(e) = t.import_weights(&bad, Some("w.bin")) {
                assert!(!e.to_string().is_empty(), "{fixture} with byte {at} changed: empty message");
            }
        }
    }
    // The last value of the first array: inside the stored data, past its .npy header.
    let mut bad = file("files/state_dict.npz");
    let first_header = bad.windows(6).position(|w| w == b"\x93NUMPY").unwrap();
    let values_end = first_header + 128 + 4 * 32;
    bad[values_end - 1] ^= 0x01;
    let err = fresh().import_weights(&bad, Some("w.npz")).unwrap_err().to_string();
    assert!(err.contains("checksum"), "{err}");
}

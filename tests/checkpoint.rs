//! Checkpoints hold the whole training state: train 50, export, train 50 more; a fresh
//! trainer importing the checkpoint and training 50 gives the same losses bit for bit. Every
//! layout an earlier build wrote still loads and resumes as that build did; the layout of each
//! version is pinned; numbers of any value survive export and import unchanged.

use rnn_playground::error::Param;
use rnn_playground::files::checkpoint::VERSION;
use rnn_playground::{CellKind, Config, Isa, OptimizerKind, Task, Trainer};
use serde_json::{json, Value};

fn resume_is_bit_identical(config: Config) {
    let mut original = Trainer::new(config.clone()).unwrap();
    original.train(50);
    let checkpoint = original.export_checkpoint().unwrap();
    let expected: Vec<u32> = (0..50).map(|_| original.step().to_bits()).collect();

    let mut resumed = Trainer::from_checkpoint(checkpoint.as_bytes(), None).unwrap();
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
    fresh.import_weights(weights.as_bytes(), None).unwrap();
    assert_ne!(fresh.step().to_bits(), next.to_bits());
}

#[test]
fn bad_checkpoints_are_rejected_with_a_message() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(5);
    let good: serde_json::Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    let cases = [
        ("format", serde_json::json!("something else"), "not an rnn-playground checkpoint"),
        (
            "version",
            serde_json::json!(0),
            "invalid checkpoint: its \"version\" must be a whole number from 1 to 1, got 0",
        ),
        ("version", serde_json::json!("1"), "its \"version\" must be a whole number from 1 to 1, got \"1\""),
        ("hidden", serde_json::json!([0.0, 1.0]), "checkpoint hidden has 2 values, the model needs 32"),
        // A field of the wrong type or value is named by its path.
        (
            "step",
            serde_json::json!(-1),
            "invalid checkpoint: its field step: must be a whole number (0 or more), got -1",
        ),
    ];
    for (field, value, needle) in cases {
        let mut bad = good.clone();
        bad[field] = value;
        let err = Trainer::from_checkpoint(bad.to_string().as_bytes(), None).err().expect(field);
        assert!(err.to_string().contains(needle), "{field}: {err}");
    }
    // Its own settings out of range: said to be the checkpoint's, not the page's.
    let mut bad = good.clone();
    bad["config"]["lr"] = serde_json::json!(-1);
    let err = Trainer::from_checkpoint(bad.to_string().as_bytes(), None).err().unwrap().to_string();
    assert!(err.starts_with("this checkpoint's own settings are invalid: lr must be"), "{err}");
    let mut bad = good.clone();
    bad["config"]["lr"] = serde_json::json!("fast");
    let err = Trainer::from_checkpoint(bad.to_string().as_bytes(), None).err().unwrap().to_string();
    assert!(err == "invalid checkpoint: its field config.lr: must be a number, got \"fast\"", "{err}");
    let mut bad = good.clone();
    bad["config"]["hidden"] = serde_json::json!(0);
    assert!(Trainer::from_checkpoint(bad.to_string().as_bytes(), None)
        .err()
        .unwrap()
        .to_string()
        .contains("hidden must be an integer from 1 to 256"));
    let mut bad = good.clone();
    bad["optimizer"]["adam"]["exp_avg"] = serde_json::json!([1.0]);
    assert!(Trainer::from_checkpoint(bad.to_string().as_bytes(), None)
        .err()
        .unwrap()
        .to_string()
        .contains("exp_avg has 1 values"));
}

/// The checkpoints earlier builds wrote (tests/fixtures/checkpoints/, written by make.sh there
/// with the commits its README names): one per layout and optimizer, each with the losses that
/// build gave for the 5 steps after it and the code path it ran them on.
struct OldCheckpoint {
    name: String,
    text: Vec<u8>,
    isa: Isa,
    next_loss_bits: Vec<u32>,
}

fn old_checkpoints() -> Vec<OldCheckpoint> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/checkpoints");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".checkpoint.json").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read(format!("{dir}/{name}.checkpoint.json")).unwrap();
            let next: Value =
                serde_json::from_slice(&std::fs::read(format!("{dir}/{name}.next.json")).unwrap()).unwrap();
            let isa = match next["isa"].as_str().unwrap() {
                "baseline" => Isa::Baseline,
                "avx2+fma" => Isa::Avx2Fma,
                other => panic!("{name}: unknown code path {other}"),
            };
            let bits = next["next_loss_bits"].as_array().unwrap();
            let next_loss_bits = bits
                .iter()
                .map(|b| u32::from_str_radix(b.as_str().unwrap().trim_start_matches("0x"), 16).unwrap())
                .collect();
            OldCheckpoint { name, text, isa, next_loss_bits }
        })
        .collect()
}

#[test]
fn every_layout_an_earlier_build_wrote_loads_and_resumes_as_that_build_did() {
    let old = old_checkpoints();
    let names: Vec<&str> = old.iter().map(|c| c.name.as_str()).collect();
    for layout in 1..=5 {
        for optimizer in ["adam", "sgd"] {
            let found = names.iter().any(|n| n.starts_with(&format!("layout{layout}_")) && n.ends_with(optimizer));
            assert!(found, "no fixture of layout {layout} with {optimizer}: {names:?}");
        }
    }
    // The first layout's optimizer is the one that stopped loading: the fixture has it.
    let first = String::from_utf8(old[0].text.clone()).unwrap();
    assert!(first.contains("\"optimizer\":{\"kind\":\"adam\""), "{}", &first[..200]);

    for c in &old {
        let mut trainer = Trainer::from_checkpoint(&c.text, None).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(trainer.step_count(), 40, "{}", c.name);
        same_state(&c.name, &c.text, &trainer.export_checkpoint().unwrap());
        if !c.isa.is_available() {
            eprintln!("{}: this CPU cannot run {}, the path its losses were computed on", c.name, c.isa.name());
            continue;
        }
        trainer.set_isa(c.isa).unwrap();
        let got: Vec<u32> = (0..5).map(|_| trainer.step().to_bits()).collect();
        assert_eq!(got, c.next_loss_bits, "{}: the next losses are not the old build's", c.name);
    }
}

/// Every value the old checkpoint holds is in the new one, the same number (the optimizer's
/// first layout read as `upgrade` reads it).
fn same_state(name: &str, old: &[u8], new: &str) {
    let (mut old, new): (Value, Value) = (serde_json::from_slice(old).unwrap(), serde_json::from_str(new).unwrap());
    if let Some(kind) = old["optimizer"].as_object_mut().unwrap().remove("kind") {
        old["optimizer"] = json!({ kind.as_str().unwrap(): old["optimizer"].take() });
    }
    for (key, value) in old.as_object().unwrap() {
        match value {
            Value::Object(fields) if key != "weights" => {
                for (field, v) in fields {
                    match v {
                        Value::Object(inner) => {
                            for (k, x) in inner {
                                assert_eq!(&new[key][field][k], x, "{name}: {key}.{field}.{k}");
                            }
                        }
                        _ => assert_eq!(&new[key][field], v, "{name}: {key}.{field}"),
                    }
                }
            }
            _ => assert_eq!(&new[key], value, "{name}: {key}"),
        }
    }
}

/// The paths of every field a checkpoint can hold (`changes[].step`; the weights' names are the
/// model's, not the layout's).
fn field_paths(value: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.insert(p.clone());
                if p != "weights" {
                    field_paths(v, &p, out);
                }
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for item in items {
                field_paths(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

/// The layout of each checkpoint version. A change of layout (a field added, removed or
/// renamed, an enum written otherwise) must bump `checkpoint::VERSION` and add the new layout
/// here, keeping the old ones: old readers then say the file is newer instead of misreading it.
const LAYOUTS: &[(u32, &str)] = &[(
    1,
    "cell changes changes[].parameter changes[].step changes[].value config config.beta1 config.beta2 \
     config.carry_state config.cell config.clip_norm config.eps config.hidden config.layers config.lr \
     config.momentum config.nonlinearity config.optimizer config.seed config.task config.time_step \
     config.weight_decay format from_seed gradient_norms gradient_norms.means gradient_norms.pending_count \
     gradient_norms.pending_sum gradient_norms.stride hidden losses losses.means losses.pending_count \
     losses.pending_sum losses.stride optimizer optimizer.adam optimizer.adam.beta1 optimizer.adam.beta2 \
     optimizer.adam.eps optimizer.adam.exp_avg optimizer.adam.exp_avg_sq optimizer.adam.lr optimizer.adam.step \
     optimizer.sgd optimizer.sgd.fresh_buffer optimizer.sgd.lr optimizer.sgd.momentum \
     optimizer.sgd.momentum_buffer optimizer.sgd.step start_config start_config.beta1 start_config.beta2 \
     start_config.carry_state start_config.cell start_config.clip_norm start_config.eps start_config.hidden \
     start_config.layers start_config.lr start_config.momentum start_config.nonlinearity start_config.optimizer \
     start_config.seed start_config.task start_config.time_step start_config.weight_decay step version weights",
)];

#[test]
fn the_layout_written_is_the_one_pinned_for_its_version() {
    let mut fields = std::collections::BTreeSet::new();
    // Both optimizers, weight decay (left out while 0) and a live change: every field there is.
    for optimizer in [OptimizerKind::Adam, OptimizerKind::Sgd] {
        let mut t = Trainer::new(Config { optimizer, weight_decay: 0.01, hidden: 3, ..Config::default() }).unwrap();
        t.train(2);
        t.set_hyper_parameter("lr", 0.01).unwrap();
        t.train(1);
        field_paths(&serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap(), "", &mut fields);
    }
    let written: Vec<&str> = fields.iter().map(String::as_str).collect();
    let pinned = LAYOUTS.iter().find(|(v, _)| *v == VERSION).map(|(_, f)| f.split_whitespace().collect::<Vec<_>>());
    assert_eq!(
        Some(written),
        pinned,
        "the checkpoint layout differs from the one pinned for version {VERSION}: bump checkpoint::VERSION, \
         pin the new layout in LAYOUTS (keeping the old), and add a fixture of it to tests/fixtures/checkpoints/"
    );
}

#[test]
fn a_newer_version_is_refused_before_any_field_is_read() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(3);
    let mut newer: Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    newer["version"] = json!(VERSION + 1);
    // A field this build does not know, and one it reads in a way the newer build changed.
    newer["window_schedule"] = json!({"warmup": 10});
    newer["optimizer"] = json!("adamw");
    let err = Trainer::from_checkpoint(newer.to_string().as_bytes(), None).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "this checkpoint was written by a newer version of rnn-playground (format {}); this one reads up to {VERSION}",
            VERSION + 1
        )
    );
    newer["version"] = json!(1000);
    let err = Trainer::from_checkpoint(newer.to_string().as_bytes(), None).err().unwrap();
    assert!(err.to_string().contains("(format 1000); this one reads up to 1"), "{err}");
}

/// 17-significant-digit numbers that serde_json's default float parser reads one unit in the
/// last place off (found by a search over random values; its `float_roundtrip` feature reads
/// them exactly): a learning rate, β's, an ε, a running sum.
const MISREAD_BY_DEFAULT: [&str; 6] = [
    "0.10565775141280513",
    "0.9637433692657871",
    "0.9985690694632869",
    "1.2643072972749737e-9",
    "5.2827589267690773e-8",
    "213.70598835986746",
];

#[test]
fn json_numbers_are_read_exactly() {
    for text in MISREAD_BY_DEFAULT {
        let exact: f64 = text.parse().unwrap();
        let read: f64 = serde_json::from_str(text).unwrap();
        assert_eq!(read.to_bits(), exact.to_bits(), "{text} is read as {read:?}: is serde_json's float_roundtrip on?");
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
    }
}

/// Export → import → export gives the same bytes, and the resumed run the same losses.
fn survives_the_trip(name: &str, mut t: Trainer, steps: u64) {
    t.train(steps);
    let first = t.export_checkpoint().unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut back = Trainer::from_checkpoint(first.as_bytes(), None).unwrap();
    assert_eq!(back.export_checkpoint().unwrap(), first, "{name}: export → import → export changed the bytes");
    assert_eq!(back.config(), t.config(), "{name}");
    for i in 0..20 {
        assert_eq!(back.step().to_bits(), t.step().to_bits(), "{name}: step {i} after the import");
    }
    assert_eq!(back.export_checkpoint().unwrap(), t.export_checkpoint().unwrap(), "{name}: 20 steps later");
}

#[test]
fn numbers_of_any_value_survive_export_and_import() {
    let f = |i: usize| MISREAD_BY_DEFAULT[i].parse::<f64>().unwrap();
    // Values the default parser misreads, and the ends of the settings' ranges.
    let adam = Config {
        cell: CellKind::Lstm,
        hidden: 6,
        lr: f(0),
        beta1: f(1),
        beta2: 1.0 - f64::EPSILON / 2.0, // the largest number below 1
        eps: f(3),
        weight_decay: 1.0,
        clip_norm: f64::MAX,
        ..Config::default()
    };
    survives_the_trip("adam", Trainer::new(adam).unwrap(), 30);
    let sgd = Config {
        cell: CellKind::Gru,
        hidden: 6,
        optimizer: OptimizerKind::Sgd,
        lr: 10.0,
        momentum: f(2),
        clip_norm: f(4),
        ..Config::default()
    };
    survives_the_trip("sgd at the largest lr", Trainer::new(sgd.clone()).unwrap(), 30);
    // Live changes to 17-digit values, recorded in the checkpoint's changes.
    let mut changed = Trainer::new(Config { hidden: 6, ..Config::default() }).unwrap();
    changed.train(5);
    changed.set_hyper_parameter("lr", f(0)).unwrap();
    changed.set_hyper_parameter("eps", f64::from_bits(1)).unwrap(); // the smallest positive f64, subnormal
    changed.set_hyper_parameter("weightDecay", f(5) / 1e6).unwrap();
    survives_the_trip("live changes", changed, 5);
    // A history coarsened past its 4096 entries: its running sum is a 17-digit f64.
    let tiny = Config { hidden: 1, time_step: 2, ..Config::default() };
    survives_the_trip("long history", Trainer::new(tiny).unwrap(), 4096 * 2 + 3);
}

#[test]
fn subnormal_weights_survive_export_and_import() {
    // Weights of every magnitude an f32 has, subnormals first: the smallest, one in the middle
    // of their range, the largest; then the smallest normal, and large ones.
    let specials = [
        f32::from_bits(1),
        f32::from_bits(0x0040_0000),
        -f32::from_bits(0x007f_ffff),
        f32::MIN_POSITIVE,
        -3.4e38,
        f32::MAX,
        0.1,
    ];
    let config = Config { hidden: 4, optimizer: OptimizerKind::Sgd, lr: f64::from_bits(1), ..Config::default() };
    let mut t = Trainer::new(config.clone()).unwrap();
    let mut weights: Value = serde_json::from_str(&t.export_weights().unwrap()).unwrap();
    weights["rnn.weight_hh_l0"][0] = json!(specials.iter().take(4).map(|&x| x as f64).collect::<Vec<_>>());
    weights["rnn.bias_hh_l0"] = json!(specials[3..].iter().map(|&x| x as f64).collect::<Vec<_>>());
    t.import_weights(weights.to_string().as_bytes(), None).unwrap();
    let row: Vec<u32> = t.network().params[4..8].iter().map(|x| x.to_bits()).collect();
    assert_eq!(row, specials[..4].iter().map(|x| x.to_bits()).collect::<Vec<_>>(), "import of the JSON");
    // JSON and safetensors exports read back bit for bit, and export the same bytes again.
    for (format, bytes) in
        [("json", t.export_weights().unwrap().into_bytes()), ("safetensors", t.export_safetensors().unwrap())]
    {
        let mut back = Trainer::new(config.clone()).unwrap();
        back.import_weights(&bytes, None).unwrap();
        let same = back.network().params.iter().zip(&t.network().params).all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{format}: weights changed");
        assert_eq!(back.export_weights().unwrap(), t.export_weights().unwrap(), "{format}");
    }
    // An SGD step at the smallest learning rate leaves the weights as they are (lr is 0 in f32).
    survives_the_trip("subnormal weights", t, 3);
}

#[test]
fn files_that_are_not_checkpoints_say_what_they_are() {
    let file =
        |name: &str| std::fs::read(format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let err = Trainer::from_checkpoint(&file("state_dict.pt"), Some("run.pt")).err().unwrap();
    assert_eq!(
        err.to_string(),
        "this file is a PyTorch state dict saved by torch.save, weights rather than a checkpoint: import it as weights"
    );
    let err = Trainer::from_checkpoint(&file("weights_json.zip"), Some("run.zip")).err().unwrap();
    assert_eq!(
        err.to_string(),
        "this file is a zip archive holding \"rnn.weights.json\"; a checkpoint is JSON: unzip run.zip and import \
         \"rnn.weights.json\""
    );
}

#[test]
fn weights_chosen_as_a_checkpoint_are_sent_to_the_weights_import() {
    let file =
        |name: &str| std::fs::read(format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let t = Trainer::new(Config::default()).unwrap();
    let weights_json = t.export_weights().unwrap();
    let cases: [(&str, Vec<u8>); 4] = [
        ("a JSON state dict", weights_json.clone().into_bytes()),
        ("a JSON state dict", format!("{{\"initial_state_dict\": {weights_json}}}").into_bytes()),
        ("a safetensors file", t.export_safetensors().unwrap()),
        ("a NumPy .npz archive", file("state_dict.npz")),
    ];
    for (what, bytes) in cases {
        let err = Trainer::from_checkpoint(&bytes, None).err().unwrap().to_string();
        assert_eq!(err, format!("this file is {what}, weights rather than a checkpoint: import it as weights"));
    }
    // Other JSON is still not a checkpoint.
    let err = Trainer::from_checkpoint(b"{\"a\": 1}", None).err().unwrap().to_string();
    assert!(err.starts_with("not an rnn-playground checkpoint"), "{err}");
}

#[test]
fn a_checkpoint_whose_weights_are_of_another_network_than_its_settings_is_called_damaged() {
    // Its settings edited (an LSTM's weights under cell "gru"): no advice to change the page's
    // settings, which a checkpoint replaces.
    let t = Trainer::new(Config { cell: CellKind::Lstm, layers: 2, hidden: 8, ..Config::default() }).unwrap();
    let mut value: Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    value["config"]["cell"] = json!("gru");
    let err = Trainer::from_checkpoint(value.to_string().as_bytes(), None).err().unwrap().to_string();
    assert!(err.starts_with("this checkpoint is damaged: its weights do not fit the network its own settings describe (GRU with hidden 8 and 2 layers):"), "{err}");
    assert!(err.contains("size mismatch for rnn.weight_ih_l0"), "{err}");
    assert!(!err.contains("set those settings"), "{err}");
}

#[test]
fn json_with_a_byte_order_mark_loads_and_pythons_nan_is_named() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(3);
    let checkpoint = t.export_checkpoint().unwrap();
    let with_bom = [&b"\xEF\xBB\xBF"[..], checkpoint.as_bytes()].concat();
    assert_eq!(Trainer::from_checkpoint(&with_bom, None).unwrap().step_count(), 3);
    let weights = [&b"\xEF\xBB\xBF"[..], t.export_weights().unwrap().as_bytes()].concat();
    let mut fresh = Trainer::new(Config::default()).unwrap();
    fresh.import_weights(&weights, None).unwrap();
    assert_eq!(fresh.network().params, t.network().params);
    // What Python's json.dump writes for weights that are not finite.
    for (text, token, column) in [
        ("{\"out.bias\": [NaN]}", "NaN", 15),
        ("{\n \"out.bias\": [-Infinity]}", "-Infinity", 15),
        ("[Infinity]", "Infinity", 2),
    ] {
        let err = fresh.import_weights(text.as_bytes(), None).unwrap_err().to_string();
        let line = if text.contains('\n') { 2 } else { 1 };
        assert_eq!(
            err,
            format!("invalid JSON at line {line}, column {column}: {token}; JSON has no NaN or Infinity (Python's json.dump writes them where a number is not finite, as in a model whose training diverged)"),
            "{text}"
        );
    }
    // Another syntax error, in the message table's words (serde_errors).
    let err = fresh.import_weights(b"{\"out.bias\": [?]}", None).unwrap_err().to_string();
    assert!(err.starts_with("invalid JSON at line 1, column 15: expected a value"), "{err}");
    // Its line and column as text, which no language writes with its digits grouped (Chinese had
    // written column 11,947).
    let long = format!("{{\"out.bias\": [{}?]}}", "1,".repeat(600));
    let err = fresh.import_weights(long.as_bytes(), None).unwrap_err();
    assert_eq!(err.param("column"), Some(&Param::Text("1215".into())), "{err}");
    assert_eq!(err.param("line"), Some(&Param::Text("1".into())), "{err}");
}

#[test]
fn a_bare_json_value_is_json_of_the_wrong_shape_not_text() {
    let mut t = Trainer::new(Config::default()).unwrap();
    for (text, kind) in [("null", "null"), ("42", "a number"), ("\"hi\"", "a string"), ("true", "a boolean")] {
        let err = t.import_weights(text.as_bytes(), None).unwrap_err().to_string();
        assert!(err.starts_with(&format!("this is JSON of the wrong shape ({kind})")), "{text}: {err}");
    }
}

#[test]
fn a_checkpoints_unknown_field_is_named_by_the_object_holding_it_and_an_unknown_changed_setting_by_its_path() {
    let mut t = Trainer::new(Config::default()).unwrap();
    t.train(2);
    t.set_hyper_parameter("lr", 0.01).unwrap();
    t.train(1);
    let good: serde_json::Value = serde_json::from_str(&t.export_checkpoint().unwrap()).unwrap();
    let said = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut bad = good.clone();
        edit(&mut bad);
        Trainer::from_checkpoint(bad.to_string().as_bytes(), None).err().expect("refused").to_string()
    };
    // At the top: no field to name but the unknown one.
    let err = said(&|c| c["speed"] = serde_json::json!(1));
    assert!(err.starts_with("invalid checkpoint: unknown field \"speed\"; the fields here are \"format\", "), "{err}");
    // Inside config, named by config; a key with a quote in it too (the message escapes it).
    let err = said(&|c| c["config"]["a\"b"] = serde_json::json!(1));
    assert!(
        err.starts_with(
            "invalid checkpoint: its field config: unknown field \"a\\\"b\"; the fields here are \"task\", "
        ),
        "{err}"
    );
    // A changed setting that does not change live: said in the table's words (a message of its
    // own, which the catalogs write; it had been serde's custom English text), at its path.
    let mut bad = good.clone();
    bad["changes"][0]["parameter"] = serde_json::json!("hidden");
    let err = Trainer::from_checkpoint(bad.to_string().as_bytes(), None).err().expect("refused");
    assert!(err.to_string().starts_with("invalid checkpoint: its field changes[0].parameter: "), "{err}");
    match err.param("detail") {
        Some(rnn_playground::error::Param::Message(inner)) => assert_eq!(inner.code(), "setting.notLive", "{err}"),
        other => panic!("{err}: its detail is {other:?}"),
    }
}

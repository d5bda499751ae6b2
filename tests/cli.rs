//! The `train` command: flags, progress, exit codes, --init/--save/--record round trips.

use std::process::Command;

fn train(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_train")).args(args).output().unwrap()
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("rnn-playground-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn bad_flags_exit_with_code_2_and_a_clear_message() {
    for (args, message) in [
        (&["--hidden", "0"][..], "hidden must be an integer from 1 to 256, got 0"),
        (&["--cell", "transformer"][..], "--cell: cell must be one of rnn, lstm, gru, got \"transformer\""),
        (&["--lr", "fast"][..], "--lr: cannot read \"fast\""),
        (&["--time-step", "1"][..], "--time-step must be an integer from 2 to 200, got 1"),
        (&["--frobnicate"][..], "unknown option --frobnicate"),
        (&["--steps"][..], "missing argument for option '--steps'"),
    ] {
        let out = train(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn help_lists_every_flag() {
    let out = train(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--cell",
        "--nonlinearity",
        "--hidden",
        "--layers",
        "--lr",
        "--optimizer",
        "--momentum",
        "--time-step",
        "--steps",
        "--seed",
        "--task",
        "--init",
        "--save",
        "--record",
    ] {
        assert!(text.contains(flag), "--help misses {flag}");
    }
}

#[test]
fn record_reproduces_the_pytorch_fixture_and_save_init_round_trip() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lstm_h32_seed1.json");
    let (record, saved) = (tmp("lstm.json"), tmp("lstm_final.json"));
    let out = train(&["--cell", "lstm", "--init", fixture, "--steps", "100", "--record", &record, "--save", &saved]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("step       100/100  loss"), "progress lines: {stderr}");

    let ours: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    for key in ["cell", "hidden", "layers", "lr", "optimizer", "steps", "time_step", "seed"] {
        assert_eq!(ours["config"][key], theirs["config"][key], "config.{key}");
    }
    assert_eq!(ours["initial_state_dict"], theirs["initial_state_dict"]);
    let (a, b) = (ours["losses"].as_array().unwrap(), theirs["losses"].as_array().unwrap());
    assert_eq!(a.len(), 100);
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
        assert!((x - y).abs() <= 1e-5 + 2e-3 * y.abs(), "{x} vs {y}");
    }
    assert_eq!(ours["predictions"].as_array().unwrap().len(), 100);
    let saved_dict: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(saved_dict, ours["final_state_dict"]);

    // Continuing from the saved weights works; loading them into the wrong cell does not.
    let out = train(&["--cell", "lstm", "--init", &saved, "--steps", "5", "-q"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("final loss "));
    let out = train(&["--cell", "gru", "--init", &saved, "--steps", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("rnn.weight_ih_l0 has shape [128, 1] but a GRU with hidden 32 and 1 layer needs [96, 1]"));
}

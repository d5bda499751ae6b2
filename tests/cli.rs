//! The `train` command: flags, progress, exit codes, --init/--save/--record round trips.

use rnn_playground::files::record::Record;
use rnn_playground::{files::record_writer, Config, Trainer};
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
        (&["--cell", "transformer"][..], "--cell must be one of rnn, lstm, gru, got \"transformer\""),
        (&["--lr", "fast"][..], "--lr must be greater than 0 and at most 10, got \"fast\""),
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
        "--weight-decay",
        "--no-carry",
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
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("size mismatch for rnn.weight_ih_l0: the file has shape [128, 1], the model needs [96, 1]"));
}

fn torch_file(name: &str) -> String {
    format!("{}/tests/fixtures/torch/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `train` and returns (exit code, stderr).
fn failing(args: &[&str]) -> (Option<i32>, String) {
    let out = train(args);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn init_reads_json_and_safetensors_by_content_and_says_which_dict() {
    // A safetensors file under a .json name, and JSON under a .bin name: the content decides.
    let (st, js) = (tmp("weights.json"), tmp("weights.bin"));
    std::fs::copy(torch_file("rnn_h32_seed7.safetensors"), &st).unwrap();
    std::fs::copy(torch_file("rnn_h32_seed7.json"), &js).unwrap();
    for (path, said) in [
        (&st, "loaded the state dict (safetensors)"),
        (&js, "loaded the state dict (JSON)"),
        (&torch_file("rnn_h32_seed7_module.safetensors"), "every key had the prefix \"module.\", which was removed"),
        (
            &concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rnn_h32_seed1.json").to_string(),
            "loaded the recorded run's initial_state_dict (JSON)",
        ),
    ] {
        let out = train(&["--init", path, "--steps", "2"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{path}: {stderr}");
        assert!(stderr.contains(said), "{path}: {stderr}");
    }
}

#[test]
fn bad_input_files_exit_2_saying_what_the_file_looks_like() {
    let write = |name: &str, bytes: &[u8]| {
        let path = tmp(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let checkpoint = Trainer::new(Config::default()).unwrap().export_checkpoint().unwrap();
    let cases = [
        (torch_file("rnn_h32_seed7.pt"), "is a PyTorch state dict saved by torch.save: a pickle"),
        (torch_file("rnn_h32_seed7_legacy.pkl"), "is a PyTorch state dict saved by torch.save (its legacy format)"),
        (write("page.html", b"<!DOCTYPE html>\n<html><body>404</body></html>"), "is an HTML page, not JSON"),
        (write("empty.json", b""), "is empty"),
        (write("blank.json", b"  \n"), "is empty (only white space)"),
        (
            write("elf.bin", b"\x7fELF\x02\x01\x01\0\0\0"),
            "is binary data in no format this program reads (it begins 7f 45 4c 46",
        ),
        (write("notes.txt", b"weights: 0.1 0.2"), "is text that is not JSON (it begins \"weights: 0.1 0.2\")"),
        (write("list.json", b"[[0.1, 0.2]]"), "is JSON of the wrong shape (an array)"),
        (
            write("broken.json", b"{\"rnn.weight_ih_l0\": [[0.1"),
            "the file ends in the middle of its JSON (line 1, column 26): it looks cut off",
        ),
        (write("bad.json", b"{\"rnn.weight_ih_l0\": [[0.1]],}"), "invalid JSON at line 1, column 30: a comma before a closing bracket"),
        (write("checkpoint.json", checkpoint.as_bytes()), "is a checkpoint, not weights"),
        (tmp("does-not-exist.json"), "--init: cannot read"),
    ];
    for (path, said) in cases {
        let (code, stderr) = failing(&["--init", &path, "--steps", "1"]);
        assert_eq!(code, Some(2), "{path}: {stderr}");
        assert!(stderr.contains(said), "{path}: {stderr:?} should contain {said:?}");
    }
}

fn files_fixture(name: &str) -> String {
    format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn init_gives_each_kind_of_pytorch_file_the_python_that_converts_it_naming_the_path_given() {
    for (fixture, load) in [
        ("state_dict.pt", "torch.load('{path}')"),
        ("training_checkpoint.pth", "torch.load('{path}')['model_state_dict']"),
        ("torchscript.pt", "torch.jit.load('{path}').state_dict()"),
    ] {
        let path = files_fixture(fixture);
        let (code, stderr) = failing(&["--init", &path, "--steps", "1"]);
        assert_eq!(code, Some(2), "{fixture}: {stderr}");
        let out = format!("{}.safetensors", path.rsplit_once('.').unwrap().0);
        let line = format!(
            "  import torch; from safetensors.torch import save_file; save_file({}, '{out}')\n",
            load.replace("{path}", &path)
        );
        assert!(stderr.starts_with(&format!("error: --init {path}: this file is ")), "{fixture}: {stderr}");
        assert!(stderr.contains(&line), "{fixture}: {stderr}\nwanted {line}");
        assert!(!stderr.contains("final loss"), "{fixture}: trained anyway: {stderr}");
    }
    // An .npz of the state dict's arrays loads as it is.
    let out = train(&["--init", &files_fixture("state_dict.npz"), "--steps", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("state_dict.npz: loaded the state dict (NumPy .npz)"), "{stderr}");
}

#[test]
fn output_paths_are_checked_before_the_first_step() {
    for flag in ["--save", "--record"] {
        let started = std::time::Instant::now();
        let (code, stderr) = failing(&["--steps", "100000000", flag, "no/such/dir/w.json"]);
        assert_eq!(code, Some(2), "{stderr}");
        assert_eq!(stderr, format!("error: {flag} no/such/dir/w.json: the directory no/such/dir does not exist\n"));
        assert!(started.elapsed().as_secs() < 20, "it must not train first");
    }
    let dir = tmp("");
    let (code, stderr) = failing(&["--save", &dir]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("is a directory"), "{stderr}");
}

#[test]
fn save_writes_safetensors_or_json_and_both_give_the_same_weights() {
    let (st, js) = (tmp("final.safetensors"), tmp("final.json"));
    for path in [&st, &js] {
        let out = train(&["--steps", "20", "--seed", "3", "--save", path, "-q"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(std::fs::read(&st).unwrap()[8] == b'{', "a safetensors header");
    let mut a = Trainer::new(Config::default()).unwrap();
    let mut b = Trainer::new(Config::default()).unwrap();
    a.import_weights(&std::fs::read(&st).unwrap(), None).unwrap();
    b.import_weights(&std::fs::read(&js).unwrap(), None).unwrap();
    assert_eq!(a.network().params, b.network().params);
    assert_ne!(a.network().params, Trainer::new(Config { seed: 3, ..Config::default() }).unwrap().network().params);
}

#[test]
fn a_diverged_run_is_not_saved() {
    let path = tmp("diverged.json");
    let (code, stderr) = failing(&["--optimizer", "sgd", "--lr", "5", "--steps", "100", "--save", &path, "-q"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("training diverged at step "), "{stderr}");
    assert!(stderr.contains("; reset or import weights"), "{stderr}");
    assert!(!std::path::Path::new(&path).exists(), "no file of nulls");
}

/// The record is streamed: a long run's file is valid, in the fixtures' format, about
/// the size announced; above 100 MB the size is printed before training.
#[test]
fn long_records_stream_and_announce_their_size() {
    let path = tmp("long.json");
    let out = train(&["--hidden", "1", "--time-step", "200", "--steps", "24000", "--record", &path, "-q"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("--record {path}: the record of 24000 steps will take about 10")), "{stderr}");
    let text = std::fs::read_to_string(&path).unwrap();
    let record = Record::parse(&text).unwrap();
    assert_eq!((record.losses.len(), record.predictions.len(), record.config.steps), (24000, 24000, 24000));
    assert!(record.predictions.iter().all(|p| p.len() == 200));
    let keys: Vec<usize> =
        ["\"config\"", "\"initial_state_dict\"", "\"losses\"", "\"predictions\"", "\"final_state_dict\""]
            .iter()
            .map(|k| text.find(k).unwrap())
            .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "the fixtures' key order");
    let trainer = Trainer::new(record.config.to_config()).unwrap();
    let estimate = record_writer::estimated_bytes(&trainer, 24000) as f64;
    let ratio = text.len() as f64 / estimate;
    assert!((0.8..1.25).contains(&ratio), "size {} vs estimate {estimate}", text.len());
    assert!(!std::path::Path::new(&format!("{path}.predictions-part")).exists(), "the spill file is removed");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn no_carry_starts_every_window_from_zero_and_is_recorded() {
    let (carried, fresh) = (tmp("carried.json"), tmp("fresh.json"));
    assert!(train(&["--steps", "20", "--record", &carried, "-q"]).status.success());
    let out = train(&["--steps", "20", "--no-carry", "--record", &fresh, "-q"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = |p: &str| -> serde_json::Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    let (a, b) = (read(&carried), read(&fresh));
    assert_eq!(b["config"]["carry_state"], false);
    assert_eq!(a["losses"][0], b["losses"][0], "window 0 starts from zero either way");
    assert_ne!(a["losses"][5], b["losses"][5], "--no-carry changed nothing");
    // The engine with carry_state = false gives the same losses.
    let mut t = Trainer::new(Config { carry_state: false, ..Config::default() }).unwrap();
    let ours: Vec<f32> = (0..20).map(|_| t.step()).collect();
    let recorded: Vec<f32> = b["losses"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap() as f32).collect();
    assert_eq!(ours, recorded);
}

/// A record whose writes start failing mid-run (a named pipe whose reader goes away after
/// 100 kB: the writer's next writes fail with EPIPE) stops being written, training goes
/// on to the last step, and without --save the trained weights go to a fallback file.
#[test]
fn a_record_that_fails_mid_run_keeps_training_and_saves_the_weights() {
    use std::io::Read;
    let fifo = tmp("record.fifo");
    let _ = std::fs::remove_file(&fifo);
    if !Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        println!("mkfifo not available: test skipped");
        return;
    }
    let path = fifo.clone();
    let reader = std::thread::spawn(move || {
        // Reads 100 kB (past the record's header, its two state dicts), then goes away. The
        // check before the first step opens and closes the path first: at its end of file,
        // open again for the record itself.
        let mut left = 100_000usize;
        let mut buf = [0u8; 4096];
        while left > 0 {
            let mut f = std::fs::File::open(&path).unwrap();
            loop {
                let n = f.read(&mut buf[..left.min(4096)]).unwrap_or(0);
                if n == 0 {
                    break;
                }
                left -= n;
                if left == 0 {
                    break;
                }
            }
        }
    });
    let out = train(&["--steps", "3000", "--record", &fifo, "-q"]);
    reader.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("writing failed, the record is incomplete"), "{stderr}");
    assert!(stdout.contains("final loss"), "training did not finish: {stdout}");
    let saved =
        stderr.split("the trained weights were written to ").nth(1).expect(&stderr).lines().next().unwrap().trim();
    let mut t = Trainer::new(Config::default()).unwrap();
    t.import_weights(&std::fs::read(saved).unwrap(), None).unwrap();
    let _ = std::fs::remove_file(saved);
    let _ = std::fs::remove_file(&fifo);
}

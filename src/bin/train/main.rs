//! `train`: trains the sin→cos regressor natively, for tutorial authors and tests.
//! Run `cargo run --release --bin train -- --help` for the flags.

mod output;

use rnn_playground::engine::alloc::size_text;
use rnn_playground::files::record_writer::{self, RecordWriter};
use rnn_playground::training::settings::{self, Kind, SETTINGS};
use rnn_playground::{Config, Trainer};
use std::fs::{File, OpenOptions};
use std::io::BufWriter;
use std::process::ExitCode;
use std::time::Instant;

/// Records larger than this get their expected size printed before training starts.
const ANNOUNCE_RECORD_BYTES: u64 = 100_000_000;

/// The usage text: its first lines, the settings' flags (from the settings table), then the
/// command's own.
fn usage() -> String {
    format!(
        "\
Trains the recurrent regressor of the sin→cos tutorial, window after window.

Usage: train [OPTIONS]

Options (defaults are the tutorial's):
{}  --steps N                    windows to train [100]
  --init FILE                  start from a state dict, or a recorded run's initial_state_dict;
                               JSON, safetensors or NumPy .npz, recognised by the content, not
                               the name (PyTorch's .pt files get the Python that converts them)
  --save FILE                  write the final state dict under PyTorch's names and shapes:
                               safetensors if FILE ends in .safetensors, else JSON
  --record FILE                write the whole run in the fixture format (JSON), as it trains
  -q, --quiet                  no progress lines
  -h, --help                   this text

Output paths are checked before the first step; if writing still fails at the end, the
file goes to the temporary directory and its path is printed. Exit codes: 0 done,
1 training or writing failed, 2 a bad flag or input file.
",
        settings::usage()
    )
}

struct Args {
    config: Config,
    steps: u64,
    init: Option<String>,
    save: Option<String>,
    record: Option<String>,
    quiet: bool,
}

fn parse_args() -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut a = Args { config: Config::default(), steps: 100, init: None, save: None, record: None, quiet: false };
    let mut p = lexopt::Parser::from_env();
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        let flag = match &arg {
            Long(name) => format!("--{name}"),
            Short(ch) => format!("-{ch}"),
            Value(v) => return Err(format!("unexpected argument {v:?}")),
        };
        // The flag's value, parsed, with the flag named in any error.
        macro_rules! value {
            () => {{
                let v = p.value().map_err(|e| e.to_string())?;
                let s = v.to_string_lossy().into_owned();
                s.parse().map_err(|_| format!("{flag}: cannot read {s:?}"))?
            }};
        }
        if let Some(setting) = SETTINGS.iter().find(|s| s.flag == Some(flag.as_str())) {
            let value = match setting.kind {
                // A boolean's flag takes no value: it sets the opposite of the default.
                Kind::Boolean { .. } => settings::Value::Boolean(setting.default != settings::Value::Boolean(true)),
                _ => {
                    let text: String = value!();
                    setting.parse(&text, &flag).map_err(|e| e.to_string())?
                }
            };
            setting.set(&mut a.config, value);
            continue;
        }
        match arg {
            Long("steps") => a.steps = value!(),
            Long("init") => a.init = Some(value!()),
            Long("save") => a.save = Some(value!()),
            Long("record") => a.record = Some(value!()),
            Short('q') | Long("quiet") => a.quiet = true,
            Short('h') | Long("help") => return Ok(None),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    a.config.validate_named(|s| s.flag.unwrap_or(s.name).to_string()).map_err(|e| e.to_string())?;
    Ok(Some(a))
}

/// A failure: its message and exit code (2 for bad flags and input files, else 1).
struct Fail(String, u8);

fn bad_input(message: String) -> Fail {
    Fail(message, 2)
}

/// Starts the record at `path`, with its predictions spilled to a file next to it.
fn begin_record(
    path: &str,
    trainer: &Trainer,
    steps: u64,
) -> Result<(RecordWriter<BufWriter<File>, File>, String), Fail> {
    let spill_path = format!("{path}.predictions-part");
    let out = File::create(path).map_err(|e| bad_input(format!("--record {path} cannot be created: {e}")))?;
    let spill = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&spill_path)
        .map_err(|e| bad_input(format!("--record {path}: cannot create {spill_path}: {e}")))?;
    let writer = RecordWriter::begin(BufWriter::new(out), spill, trainer, steps)
        .map_err(|e| Fail(format!("--record {path}: {e}"), 1))?;
    Ok((writer, spill_path))
}

fn run(args: Args) -> Result<(), Fail> {
    let mut trainer = Trainer::new(args.config).map_err(|e| Fail(e.to_string(), 1))?;
    if let Some(path) = &args.init {
        let bytes = std::fs::read(path).map_err(|e| bad_input(format!("--init: cannot read {path}: {e}")))?;
        let loaded =
            trainer.import_weights(&bytes, Some(path)).map_err(|e| bad_input(format!("--init {path}: {e}")))?;
        if !args.quiet {
            eprintln!("--init {path}: {loaded}");
        }
    }
    for (flag, path) in [("--save", &args.save), ("--record", &args.record)] {
        if let Some(path) = path {
            output::check_writable(path).map_err(|e| bad_input(format!("{flag} {e}")))?;
        }
    }
    if let Some(path) = &args.record {
        let bytes = record_writer::estimated_bytes(&trainer, args.steps);
        if bytes > ANNOUNCE_RECORD_BYTES {
            eprintln!(
                "--record {path}: the record of {} steps will take about {}",
                args.steps,
                size_text(bytes as usize)
            );
        }
    }
    let c = trainer.config();
    if !args.quiet {
        eprintln!(
            "training {} with {}, lr {}, on {} for {} steps",
            trainer.model_name(),
            c.optimizer.name(),
            c.lr,
            c.task.name(),
            args.steps
        );
    }
    let every = (args.steps / 10).max(1);
    let start = Instant::now();
    let progress = |step: u64, loss: f32| {
        if !args.quiet && (step.is_multiple_of(every) || step == args.steps) {
            let rate = step as f64 / start.elapsed().as_secs_f64();
            eprintln!("step {step:>9}/{}  loss {loss:<12.6}  {rate:>10.0} steps/s", args.steps);
        }
    };
    let mut last = f32::NAN;
    let mut failures = Vec::new();
    if let Some(path) = &args.record {
        let (mut writer, spill_path) = begin_record(path, &trainer, args.steps)?;
        // A failed write stops the record, not the training.
        let mut result = Ok(());
        for step in 1..=args.steps {
            last = trainer.step();
            if result.is_ok() {
                result = writer.push(last, trainer.last_window().prediction);
            }
            progress(step, last);
        }
        if let Err(e) = result.and_then(|()| writer.finish(&trainer).map(drop)) {
            failures.push(format!("--record {path}: writing failed, the record is incomplete: {e}"));
            if args.save.is_none() {
                // The trained weights are the run's result: they are not lost with the record.
                let fallback = output::fallback_path(path, "state dict");
                match save(&fallback.to_string_lossy(), &trainer) {
                    Ok(_) => failures.push(format!("the trained weights were written to {}", fallback.display())),
                    Err(e) => failures.push(e),
                }
            }
        }
        let _ = std::fs::remove_file(&spill_path);
    } else {
        let mut done = 0;
        while done < args.steps {
            let n = every.min(args.steps - done);
            last = trainer.train(n);
            done += n;
            progress(done, last);
        }
    }
    if let Some(path) = &args.save {
        match save(path, &trainer) {
            Ok(None) => {}
            Ok(Some(fallback_note)) => failures.push(fallback_note),
            Err(e) => failures.push(e),
        }
    }
    println!("final loss {last}");
    if !last.is_finite() {
        eprintln!("training diverged (the loss is {last}); try a lower --lr or --clip-norm");
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Fail(failures.join("\nerror: "), 1))
    }
}

/// Writes the final state dict to `path` (safetensors if it ends in `.safetensors`, else
/// JSON). Returns a note when it went to the fallback file instead.
fn save(path: &str, trainer: &Trainer) -> Result<Option<String>, String> {
    let bytes = if path.ends_with(".safetensors") {
        trainer.export_safetensors()
    } else {
        trainer.export_weights().map(String::into_bytes)
    }
    .map_err(|e| format!("--save {path}: {e}; nothing was written"))?;
    let fallback = output::fallback_path(path, "state dict");
    Ok(output::write_with_fallback(path, &fallback, &bytes, "state dict")?
        .map(|(used, reason)| format!("--save: {reason}; the state dict was written to {} instead", used.display())))
}

fn main() -> ExitCode {
    match parse_args() {
        Ok(None) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Fail(message, code)) => {
                eprintln!("error: {message}");
                ExitCode::from(code)
            }
        },
        Err(e) => {
            eprintln!("error: {e}\nRun with --help for the options.");
            ExitCode::from(2)
        }
    }
}

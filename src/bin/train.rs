//! `train`: trains the sin→cos regressor natively, for tutorial authors and tests.
//! Run `cargo run --release --bin train -- --help` for the flags.

use rnn_playground::fixture::Record;
use rnn_playground::{CellKind, Config, Error, Nonlinearity, OptimizerKind, Task, Trainer};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
Trains the recurrent regressor of the sin→cos tutorial, window after window.

Usage: train [OPTIONS]

Options (defaults are the tutorial's):
  --cell rnn|lstm|gru          recurrent cell [rnn]
  --nonlinearity tanh|relu     the RNN's activation [tanh]
  --hidden N                   hidden units, 1 to 256 [32]
  --layers N                   stacked layers, 1 to 4 [1]
  --lr F                       learning rate [0.02]
  --optimizer adam|sgd         [adam]
  --momentum F                 SGD momentum, 0 to below 1 [0]
  --beta1 F, --beta2 F, --eps F  Adam's hyperparameters [0.9, 0.999, 1e-8]
  --clip-norm F                clip the global gradient norm to F; 0 is off [0]
  --time-step N                points per window, 2 to 200 [10]
  --steps N                    windows to train [100]
  --seed N                     torch.manual_seed(N), 0 to 4294967295 [1]
  --task NAME                  sin-cos, denoise, square or sawtooth [sin-cos]
  --init FILE                  start from a state dict (JSON), or a recorded run's initial_state_dict
  --save FILE                  write the final state dict (JSON, PyTorch names and shapes)
  --record FILE                write the whole run in the fixture format
  -q, --quiet                  no progress lines
  -h, --help                   this text
";

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
    let c = &mut a.config;
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
            ($t:ty) => {{
                let v: $t = value!();
                v
            }};
        }
        match arg {
            Long("cell") => c.cell = named(&flag, CellKind::from_name(&value!(String)))?,
            Long("nonlinearity") => c.nonlinearity = named(&flag, Nonlinearity::from_name(&value!(String)))?,
            Long("optimizer") => c.optimizer = named(&flag, OptimizerKind::from_name(&value!(String)))?,
            Long("task") => c.task = named(&flag, Task::from_name(&value!(String)))?,
            Long("hidden") => c.hidden = value!(),
            Long("layers") => c.layers = value!(),
            Long("time-step") => c.time_step = value!(),
            Long("lr") => c.lr = value!(),
            Long("momentum") => c.momentum = value!(),
            Long("beta1") => c.beta1 = value!(),
            Long("beta2") => c.beta2 = value!(),
            Long("eps") => c.eps = value!(),
            Long("clip-norm") => c.clip_norm = value!(),
            Long("seed") => c.seed = value!(),
            Long("steps") => a.steps = value!(),
            Long("init") => a.init = Some(value!()),
            Long("save") => a.save = Some(value!()),
            Long("record") => a.record = Some(value!()),
            Short('q') | Long("quiet") => a.quiet = true,
            Short('h') | Long("help") => return Ok(None),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    a.config.validate_named(|field| format!("--{}", field.replace('_', "-"))).map_err(|e| e.0)?;
    Ok(Some(a))
}

fn named<T>(flag: &str, r: Result<T, Error>) -> Result<T, String> {
    r.map_err(|e| format!("{flag}: {e}"))
}

/// The state dict in `path`: the file itself, or its `initial_state_dict` if it is a recorded run.
fn read_weights(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--init: cannot read {path}: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("--init: {path} is not JSON: {e}"))?;
    Ok(match value.get("initial_state_dict") {
        Some(dict) => dict.to_string(),
        None => text,
    })
}

fn write(path: &str, text: &str, what: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write the {what} to {path}: {e}"))
}

fn run(args: Args) -> Result<(), String> {
    let mut trainer = Trainer::new(args.config).map_err(|e| e.0)?;
    if let Some(path) = &args.init {
        trainer.import_weights(&read_weights(path)?).map_err(|e| format!("--init {path}: {e}"))?;
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
    if let Some(path) = &args.record {
        let record = Record::run(&mut trainer, args.steps, |step, loss| {
            last = loss;
            progress(step, loss)
        });
        write(path, &serde_json::to_string(&record).map_err(|e| e.to_string())?, "record")?;
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
        write(path, &trainer.export_weights(), "state dict")?;
    }
    println!("final loss {last}");
    if !last.is_finite() {
        eprintln!("training diverged (the loss is {last}); try a lower --lr or --clip-norm");
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args() {
        Ok(None) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("error: {e}\nRun with --help for the options.");
            ExitCode::from(2)
        }
    }
}

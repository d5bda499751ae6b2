//! pytorchScript: the script of every cell, optimizer and task compiles (`python3 -m
//! py_compile`), and where PyTorch is installed the scripts run and print the engine's
//! losses within the fixtures' parity tolerance. The Python used is $PYTORCH_PYTHON, or
//! `python3`; without torch the comparison is skipped with the reason printed.

use rnn_playground::training::config::{CellKind, Nonlinearity, OptimizerKind};
use rnn_playground::training::hyper::{HyperChange, HyperParameter};
use rnn_playground::training::pytorch_script::pytorch_script;
use rnn_playground::{Config, Task, Trainer};
use std::path::PathBuf;
use std::process::Command;

fn python() -> String {
    std::env::var("PYTORCH_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn write_script(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rnn-playground-scripts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn configs() -> Vec<Config> {
    let mut out = Vec::new();
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for optimizer in [OptimizerKind::Adam, OptimizerKind::Sgd] {
            for &task in Task::ALL {
                out.push(Config { cell, optimizer, task, momentum: 0.5, lr: 0.02, ..Config::default() });
            }
        }
    }
    out
}

#[test]
fn every_cell_optimizer_and_task_gives_a_script_python_compiles() {
    let python = if Command::new("python3").arg("--version").output().is_ok() {
        "python3"
    } else {
        println!("python3 not found: py_compile check skipped");
        return;
    };
    for (i, c) in configs().iter().enumerate() {
        let path = write_script(&format!("s{i}.py"), &pytorch_script(c, &[], None, 50));
        let out = Command::new(python).args(["-m", "py_compile"]).arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{:?} {:?} {:?}: {}",
            c.cell,
            c.optimizer,
            c.task,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The engine's losses for `steps` windows, with `changes` applied at their steps.
fn engine_losses(config: &Config, changes: &[HyperChange], steps: u64) -> Vec<f64> {
    let mut trainer = Trainer::new(config.clone()).unwrap();
    (0..steps)
        .map(|k| {
            for ch in changes.iter().filter(|ch| ch.step == k) {
                trainer.set_hyper_parameter(ch.parameter.name(), ch.value).unwrap();
            }
            trainer.step() as f64
        })
        .collect()
}

/// Runs the script with PyTorch and compares its losses with the engine's.
fn compare(name: &str, config: &Config, changes: &[HyperChange], steps: u64) -> Option<f64> {
    let python = python();
    let has_torch =
        Command::new(&python).args(["-c", "import torch, numpy"]).output().is_ok_and(|o| o.status.success());
    if !has_torch {
        println!("{name}: `{python} -c 'import torch, numpy'` failed: PyTorch comparison skipped (set PYTORCH_PYTHON)");
        return None;
    }
    let path = write_script(&format!("{name}.py"), &pytorch_script(config, changes, None, steps));
    let out = Command::new(&python).arg(&path).output().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    let torch: Vec<f64> = String::from_utf8(out.stdout).unwrap().lines().map(|l| l.parse().unwrap()).collect();
    let ours = engine_losses(config, changes, steps);
    assert_eq!(torch.len(), ours.len(), "{name}: one loss per window");
    // The fixtures' tolerance: 1e-5 + 2e-3·|loss|; the worst use of it is reported.
    let mut worst: f64 = 0.0;
    for (k, (t, o)) in torch.iter().zip(&ours).enumerate() {
        let tol = 1e-5 + 2e-3 * t.abs();
        assert!((t - o).abs() <= tol, "{name}: step {k}: PyTorch {t}, engine {o}");
        worst = worst.max((t - o).abs() / tol);
    }
    println!("{name}: {steps} steps, worst difference {:.1}% of the tolerance", 100.0 * worst);
    Some(worst)
}

#[test]
fn scripts_run_by_pytorch_print_the_engines_losses() {
    let base = Config::default();
    compare("rnn_adam_sincos", &base, &[], 100);
    compare(
        "lstm_sgd_denoise",
        &Config {
            cell: CellKind::Lstm,
            optimizer: OptimizerKind::Sgd,
            lr: 0.1,
            momentum: 0.9,
            task: Task::Denoise,
            ..base.clone()
        },
        &[],
        100,
    );
    compare(
        "gru_adam_square_2layers_clip",
        &Config { cell: CellKind::Gru, layers: 2, hidden: 16, task: Task::Square, clip_norm: 0.5, ..base.clone() },
        &[],
        100,
    );
    compare(
        "rnn_relu_sawtooth_t20",
        &Config {
            nonlinearity: Nonlinearity::Relu,
            task: Task::Sawtooth,
            time_step: 20,
            lr: 0.005,
            seed: 7,
            ..base.clone()
        },
        &[],
        100,
    );
    compare("gru_no_carry", &Config { cell: CellKind::Gru, carry_state: false, ..base.clone() }, &[], 100);
}

#[test]
fn weight_decay_is_pytorchs_for_both_optimizers() {
    let base = Config::default();
    compare("lstm_adam_weight_decay", &Config { cell: CellKind::Lstm, weight_decay: 0.01, ..base.clone() }, &[], 100);
    compare(
        "rnn_sgd_momentum_weight_decay",
        &Config { optimizer: OptimizerKind::Sgd, lr: 0.05, momentum: 0.5, weight_decay: 0.05, ..base.clone() },
        &[],
        100,
    );
}

#[test]
fn hyper_parameter_changes_are_reproduced_at_their_steps() {
    let change = |step, name, value| HyperChange { step, parameter: HyperParameter::named(name).unwrap(), value };
    // Each change in the first 50 windows, compared over 70: with β1 0.8 and β2 0.99 float32
    // rounding differences grow step by step (chaos, not a different rule) past the fixtures'
    // tolerance after about 90 windows.
    let adam = [
        change(10, "lr", 0.005),
        change(20, "beta1", 0.8),
        change(30, "beta2", 0.99),
        change(40, "eps", 1e-6),
        change(45, "weightDecay", 0.02),
        change(50, "clipNorm", 0.5),
    ];
    compare("rnn_adam_changes", &Config::default(), &adam, 70);
    let sgd = [
        change(10, "momentum", 0.9),
        change(20, "lr", 0.05),
        change(25, "weightDecay", 0.01),
        change(30, "momentum", 0.0),
        change(40, "momentum", 0.5),
    ];
    compare(
        "lstm_sgd_changes",
        &Config { cell: CellKind::Lstm, optimizer: OptimizerKind::Sgd, lr: 0.1, ..Config::default() },
        &sgd,
        70,
    );
}

#[test]
fn a_run_from_imported_weights_is_reproduced_from_them() {
    let python = python();
    if !Command::new(&python).args(["-c", "import torch, numpy"]).output().is_ok_and(|o| o.status.success()) {
        println!("imported weights: PyTorch not found, comparison skipped (set PYTORCH_PYTHON)");
        return;
    }
    let seven = Trainer::new(Config { seed: 7, ..Config::default() }).unwrap().export_weights().unwrap();
    let mut t = Trainer::new(Config::default()).unwrap();
    t.import_weights(seven.as_bytes(), None).unwrap();
    let ours: Vec<f64> = (0..60).map(|_| t.step() as f64).collect();
    let path = write_script("imported.py", &t.pytorch_script(60).unwrap());
    let out = Command::new(&python).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let torch: Vec<f64> = String::from_utf8(out.stdout).unwrap().lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(torch.len(), 60);
    for (k, (a, b)) in torch.iter().zip(&ours).enumerate() {
        assert!((a - b).abs() <= 1e-5 + 2e-3 * a.abs(), "step {k}: PyTorch {a}, engine {b}");
    }
}

#[test]
fn the_header_counts_layers_and_windows_in_the_singular_and_the_plural() {
    let header = |config: &Config, steps: u64| {
        pytorch_script(config, &[], None, steps).lines().take(2).collect::<Vec<_>>().join("\n")
    };
    let one = header(&Config::default(), 1);
    assert!(one.contains(", 1 layer,\n") && one.contains(", 1 window of 10 points."), "{one}");
    let more = header(&Config { layers: 2, ..Config::default() }, 3);
    assert!(more.contains(", 2 layers,\n") && more.contains(", 3 windows of 10 points."), "{more}");
}

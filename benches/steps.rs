//! `cargo bench`: native training speed, steps/s for each cell at hidden 32 (the
//! tutorial's setup otherwise), and the RNN's speed between step 10^6 and 10^6 + 10^5
//! against its first 10^5 steps (values that become tiny must not slow training down).
//! `cargo bench -- --quick` skips the long run; `cargo bench -- --scale` prints only the
//! scale rows: the four configurations of issue 10's table, from the tutorial's to the
//! largest the page offers (`scripts/bench_torch.py` measures the same in PyTorch).

use rnn_playground::{CellKind, Config, Trainer};
use std::time::Instant;

/// Steps per second over `n` steps from where `trainer` stands.
fn rate(trainer: &mut Trainer, n: u64) -> f64 {
    let start = Instant::now();
    std::hint::black_box(trainer.train(n));
    n as f64 / start.elapsed().as_secs_f64()
}

/// The median of five measurements of `n` steps each.
fn median_rate(trainer: &mut Trainer, n: u64) -> f64 {
    let mut rates: Vec<f64> = (0..5).map(|_| rate(trainer, n)).collect();
    rates.sort_by(f64::total_cmp);
    rates[2]
}

/// The scale rows: name, configuration, steps per measurement.
fn scale_rows() -> [(&'static str, Config, u64); 4] {
    let c = Config::default();
    [
        ("RNN h32, 1 layer, T 10", c.clone(), 20_000),
        (
            "LSTM h128, 2 layers, T 50",
            Config { cell: CellKind::Lstm, hidden: 128, layers: 2, time_step: 50, ..c.clone() },
            100,
        ),
        ("GRU h256, 1 layer, T 100", Config { cell: CellKind::Gru, hidden: 256, time_step: 100, ..c.clone() }, 40),
        ("LSTM h256, 4 layers, T 200", Config { cell: CellKind::Lstm, hidden: 256, layers: 4, time_step: 200, ..c }, 6),
    ]
}

fn scale() {
    let isa = Trainer::new(Config::default()).unwrap().isa();
    println!("{:<34} {:>12}", format!("scale (native, {})", isa.name()), "steps/s");
    for (name, config, n) in scale_rows() {
        let mut trainer = Trainer::new(config).unwrap();
        trainer.train(n / 5 + 1); // warm up
        let mut rates: Vec<f64> = (0..3).map(|_| rate(&mut trainer, n)).collect();
        rates.sort_by(f64::total_cmp);
        println!("scale {name:<28} {:>12.1}", rates[1]);
    }
}

fn main() {
    if std::env::args().any(|a| a == "--scale") {
        scale();
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    println!("{:<28} {:>14}", "native, hidden 32", "steps/s");
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let mut trainer = Trainer::new(Config { cell, ..Config::default() }).unwrap();
        trainer.train(2_000); // warm up
        println!("{:<28} {:>14.0}", cell.name(), median_rate(&mut trainer, 20_000));
    }
    if quick {
        return;
    }
    let mut trainer = Trainer::new(Config::default()).unwrap();
    let first = rate(&mut trainer, 100_000);
    trainer.train(1_000_000 - 100_000);
    let later = rate(&mut trainer, 100_000);
    println!("rnn, steps 0 to 10^5          {first:>14.0}");
    println!("rnn, steps 10^6 to 10^6+10^5  {later:>14.0}  ({:+.1}%)", (later / first - 1.0) * 100.0);
}

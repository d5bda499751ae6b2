//! `cargo bench`: native training speed, steps/s for each cell at hidden 32 (the
//! tutorial's setup otherwise), and the RNN's speed between step 10^6 and 10^6 + 10^5
//! against its first 10^5 steps (values that become tiny must not slow training down).
//! `cargo bench -- --quick` skips the long run.

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

fn main() {
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

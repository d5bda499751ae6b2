//! What a training step allocates: nothing, at every size, from the first step on. The
//! engine's buffers are made when the trainer is built; the window products that go to
//! matrixmultiply (the larger networks') need its packing buffer, which the matrixmultiply
//! here (vendor/README.md) keeps per thread instead of allocating it per product as
//! published, and which the trainer makes large enough when it is built. And when
//! memory has run out before that buffer could be made, the products run on the hand loops:
//! the trainer still trains, to the same results. Counted (and refused, when a test says so)
//! per thread by `counting_allocator`; each trainer on a thread of its own, which starts with
//! no packing buffer.

use rnn_playground::{CellKind, Config, Isa, Trainer};

mod counting_allocator;

use counting_allocator::{allocations, packing_buffer_kept, refusing_above};

/// A trainer of `config` on `isa`, built on the calling thread.
fn trainer(config: &Config, isa: Isa) -> Trainer {
    let mut trainer = Trainer::new(config.clone()).unwrap();
    trainer.set_isa(isa).unwrap();
    trainer.track_last_step_gradient(true);
    trainer
}

/// On a new thread (no packing buffer kept yet), a trainer built and trained for 10 steps:
/// whether that made a packing buffer, and the allocations of the steps.
fn allocations_per_run(config: &Config, isa: Isa) -> (bool, usize) {
    let config = config.clone();
    std::thread::spawn(move || {
        let mut trainer = trainer(&config, isa);
        let (allocated, _) = allocations(|| trainer.train(10));
        (packing_buffer_kept(), allocated)
    })
    .join()
    .unwrap()
}

#[test]
fn training_steps_allocate_nothing_at_any_size() {
    let isas: Vec<Isa> = [Isa::Baseline, Isa::Avx2Fma].into_iter().filter(|i| i.is_available()).collect();
    // The tutorial's sizes: every product on the hand loops, nothing allocated from the start.
    let small = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
        .map(|cell| Config { cell, ..Config::default() })
        .into_iter()
        .chain([Config { cell: CellKind::Gru, layers: 2, hidden: 16, ..Config::default() }]);
    for config in small {
        for &isa in &isas {
            let what = format!("{:?} h{} {} layer(s), {}", config.cell, config.hidden, config.layers, isa.name());
            assert_eq!(allocations_per_run(&config, isa), (false, 0), "{what}");
        }
    }
    // Larger ones: products on matrixmultiply, whose packing buffer the trainer makes when it
    // is built and every step reuses.
    let large = [
        Config { cell: CellKind::Lstm, hidden: 128, layers: 2, time_step: 50, ..Config::default() },
        Config { cell: CellKind::Gru, hidden: 96, layers: 3, time_step: 20, ..Config::default() },
        Config { cell: CellKind::Rnn, hidden: 256, time_step: 30, ..Config::default() },
    ];
    for config in &large {
        for &isa in &isas {
            let what = format!("{:?} h{} {} layer(s), {}", config.cell, config.hidden, config.layers, isa.name());
            assert_eq!(allocations_per_run(config, isa), (true, 0), "{what}");
        }
    }
}

/// An LSTM h128 with 2 layers and T 50, whose steps have 5 products on matrixmultiply (layer 0's
/// dW_hh, layer 1's four) with packing buffers of 38 to 300 KB: with every allocation over
/// 16 KiB failing, a trainer built before trains on the hand loops, allocating nothing, to the
/// losses the products on matrixmultiply give (to rounding: 1.2e-6 relative at most here, and
/// 1e-4 allowed for other CPUs' kernels); once memory is back the buffer is made.
#[test]
fn out_of_memory_before_the_packing_buffer_the_products_run_on_the_hand_loops() {
    let config = &Config { cell: CellKind::Lstm, hidden: 128, layers: 2, time_step: 50, ..Config::default() };
    let mut reference = trainer(config, Isa::Baseline);
    let reference_losses: Vec<f32> = (0..5).map(|_| reference.step()).collect();
    // Built here, it trains on a new thread, which has no packing buffer yet.
    let mut starved = trainer(config, Isa::Baseline);
    std::thread::spawn(move || {
        let mut losses = [0.0; 5];
        let (allocated, refused, _) =
            refusing_above(16 << 10, || losses.iter_mut().for_each(|loss| *loss = starved.step()));
        assert_eq!(refused, 5 * 5, "each product of each step tried to make its packing buffer");
        assert_eq!(allocated, 0);
        assert!(!packing_buffer_kept());
        for (step, (loss, reference)) in losses.iter().zip(&reference_losses).enumerate() {
            assert!((loss - reference).abs() <= 1e-4 * reference.abs(), "step {step}: {loss} against {reference}");
        }
        assert!(allocations(|| starved.train(1)).0 >= 1, "with memory back, the products make their buffer");
        assert_eq!(allocations(|| starved.train(2)).0, 0);
    })
    .join()
    .unwrap();
}

//! What a training step allocates: nothing of the engine's own (every buffer is made when the
//! trainer is built), and for each window product that goes to matrixmultiply (at least
//! `SMALL_PRODUCT` multiply-adds, no dimension 1: the larger networks') two allocations, the
//! probe that the memory for its packing buffer is there (`linalg::uses_matrixmultiply`) and
//! that buffer, which matrixmultiply allocates per product. The tutorial's sizes allocate
//! nothing. Counted by this test binary's global allocator (one test function: the count is
//! global to the process).

use rnn_playground::linalg::SMALL_PRODUCT;
use rnn_playground::{CellKind, Config, Isa, Trainer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `steps` training steps of a trainer already past its first steps.
fn allocations_per_run(config: &Config, isa: Isa, steps: u64) -> usize {
    let mut trainer = Trainer::new(config.clone()).unwrap();
    trainer.set_isa(isa).unwrap();
    trainer.track_last_step_gradient(true);
    trainer.train(3);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    trainer.train(steps);
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

/// The window products of one step of `config` that reach matrixmultiply, as [m, k] × [k, n]:
/// per layer the input projection X W_ihᵀ, the weight gradients dGᵀ H and dGᵀ X, and above the
/// first layer the input's gradient dG W_ih.
fn large_products(config: &Config) -> usize {
    let (t, h, g) = (config.time_step, config.hidden, config.gates() * config.hidden);
    (0..config.layers)
        .map(|l| {
            let n_in = if l == 0 { 1 } else { h };
            let mut products = vec![(t, n_in, g), (g, t, h), (g, t, n_in)];
            if l > 0 {
                products.push((t, g, h));
            }
            products.into_iter().filter(|&(m, k, n)| m * k * n >= SMALL_PRODUCT && m.min(k).min(n) > 1).count()
        })
        .sum()
}

#[test]
fn training_steps_allocate_nothing_but_the_large_products_packing_buffers() {
    let isas: Vec<Isa> = [Isa::Baseline, Isa::Avx2Fma].into_iter().filter(|i| i.is_available()).collect();
    let small = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
        .map(|cell| Config { cell, ..Config::default() })
        .into_iter()
        .chain([Config { cell: CellKind::Gru, layers: 2, hidden: 16, ..Config::default() }]);
    for config in small {
        assert_eq!(large_products(&config), 0, "{config:?} has only small products");
        for &isa in &isas {
            assert_eq!(
                allocations_per_run(&config, isa, 50),
                0,
                "{:?} {} layer(s), {}",
                config.cell,
                config.layers,
                isa.name()
            );
        }
    }
    let large = Config { cell: CellKind::Lstm, hidden: 128, layers: 2, time_step: 50, ..Config::default() };
    let per_step = large_products(&large);
    assert_eq!(per_step, 5, "LSTM h128 2 layers T50: layer 0's dW_hh and four products of layer 1");
    for &isa in &isas {
        assert_eq!(allocations_per_run(&large, isa, 10), 10 * 2 * per_step, "LSTM h128 2 layers, {}", isa.name());
    }
}

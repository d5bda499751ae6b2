//! The data tasks: what the network sees (x) and must predict (y) in window k.
//!
//! Window k holds `time_step` points from kπ to (k+1)π, both ends included, as the
//! tutorial's `np.linspace(kπ, (k+1)π, time_step)`. The phase is kept exact for any k:
//! every task is 2π-periodic, so the values are computed at the reduced time
//! (k mod 2)·π + jπ/(T−1) in f64 and then rounded to f32. Only the time axis shown to
//! the user, t = kπ + jπ/(T−1), grows with k (in f64).

use crate::engine::alloc::{Buffers, OutOfMemory};
use crate::training::choice::names;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// The tutorial: predict cos(t) from sin(t).
    #[serde(rename = "sin-cos")]
    SinCos,
    /// Recover sin(t) from sin(t) plus Gaussian noise (σ = 0.3, fixed by the seed).
    #[serde(rename = "denoise")]
    Denoise,
    /// Turn sin(t) into the square wave sign(sin t): the net must remember which half-period it is in.
    #[serde(rename = "square")]
    Square,
    /// Turn sin(t) into a sawtooth rising from −1 to 1 over each period 2π.
    #[serde(rename = "sawtooth")]
    Sawtooth,
}

names!(Task, "task",
    Task::SinCos => "sin-cos", "sin-cos", "predict cos(t) from sin(t), as in the PyTorch tutorial",
    Task::Denoise => "denoise", "denoise", "recover sin(t) from sin(t) plus Gaussian noise (σ = 0.3)",
    Task::Square => "square", "square", "turn sin(t) into the square wave sign(sin t)",
    Task::Sawtooth => "sawtooth", "sawtooth", "turn sin(t) into a sawtooth rising from −1 to 1 every 2π");

/// Standard deviation of the denoising task's input noise.
const NOISE_SIGMA: f64 = 0.3;

impl Task {
    /// One line saying what the task asks of the network.
    pub fn description(self) -> &'static str {
        self.choice().description
    }

    /// Fills window `k`: time axis `t`, input `x` and target `y` (all of length `time_step`).
    /// `seed` fixes the denoising task's noise, which depends only on (seed, k, j).
    pub fn window(self, k: u64, seed: u32, t: &mut [f64], x: &mut [f32], y: &mut [f32]) {
        let n = t.len();
        debug_assert!(n >= 2 && x.len() == n && y.len() == n);
        for j in 0..n {
            let (s, target) = self.point(k % 2, j, n);
            t[j] = time(k, j, n);
            x[j] = self.input(s, seed, k, j) as f32;
            y[j] = target as f32;
        }
    }

    /// Point j of n in a window of the half period `half` (0 or 1, that is k mod 2): sin of its
    /// phase, and the target there. Window k's values are those of window k mod 2, since
    /// sin(kπ + s) = ±sin(s); the phase stays small, so that long runs lose no precision.
    fn point(self, half: u64, j: usize, n: usize) -> (f64, f64) {
        let span = (n - 1) as u64;
        // Position in the period, in units of the step π/span: 0 ..= 2·span.
        let p = half * span + j as u64;
        let phase = half as f64 * PI + j as f64 * (PI / span as f64);
        let s = phase.sin();
        let target = match self {
            Task::SinCos => phase.cos(),
            Task::Denoise => s,
            Task::Square => {
                if p < span || p == 2 * span {
                    1.0
                } else {
                    -1.0
                }
            }
            Task::Sawtooth => {
                if p == 2 * span {
                    -1.0
                } else {
                    phase / PI - 1.0
                }
            }
        };
        (s, target)
    }

    /// The input at point j of window k, from sin of its phase.
    #[inline(always)]
    fn input(self, s: f64, seed: u32, k: u64, j: usize) -> f64 {
        match self {
            Task::Denoise => s + NOISE_SIGMA * gaussian(seed, k, j as u64),
            _ => s,
        }
    }
}

/// Time of point j of n in window k: from kπ to (k+1)π, both ends included.
#[inline(always)]
fn time(k: u64, j: usize, n: usize) -> f64 {
    k as f64 * PI + j as f64 * (PI / (n - 1) as f64)
}

/// A task's windows of one length, with the sines and targets of both half periods computed
/// once: `fill` writes what `Task::window` writes, without a sine or cosine per point (only the
/// denoising noise and the time axis depend on k beyond k mod 2).
#[derive(Debug, Clone)]
pub struct Windows {
    task: Task,
    /// Per half period: sin of each point's phase, and the target there.
    sin: [Vec<f64>; 2],
    target: [Vec<f32>; 2],
}

impl Windows {
    /// The windows of `task` with `n` (≥ 2) points, their buffers from `bufs`.
    pub fn build(task: Task, n: usize, bufs: &mut Buffers) -> Result<Self, OutOfMemory> {
        let mut w = Windows {
            task,
            sin: [bufs.filled(n, 0.0)?, bufs.filled(n, 0.0)?],
            target: [bufs.filled(n, 0.0)?, bufs.filled(n, 0.0)?],
        };
        for half in 0..2 {
            for j in 0..w.sin[half].len() {
                let (s, target) = task.point(half as u64, j, n);
                w.sin[half][j] = s;
                w.target[half][j] = target as f32;
            }
        }
        Ok(w)
    }

    /// `Task::window(k, seed, t, x, y)`, bit for bit.
    #[inline(always)]
    pub fn fill(&self, k: u64, seed: u32, t: &mut [f64], x: &mut [f32], y: &mut [f32]) {
        let half = (k % 2) as usize;
        let n = t.len();
        for (j, ((t, x), &s)) in t.iter_mut().zip(x.iter_mut()).zip(&self.sin[half]).enumerate() {
            *t = time(k, j, n);
            *x = self.task.input(s, seed, k, j) as f32;
        }
        y.copy_from_slice(&self.target[half]);
    }
}

/// A standard normal sample that depends only on (seed, k, j): counter-based, so a run
/// resumed from a checkpoint sees the same noise without storing generator state.
fn gaussian(seed: u32, k: u64, j: u64) -> f64 {
    let a = splitmix64((seed as u64) << 32 ^ splitmix64(k) ^ j.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let b = splitmix64(a);
    // Box–Muller with u1 in (0, 1] so the log is finite.
    let u1 = ((a >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
    let u2 = (b >> 11) as f64 / (1u64 << 53) as f64;
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(task: Task, k: u64, n: usize) -> (Vec<f64>, Vec<f32>, Vec<f32>) {
        let (mut t, mut x, mut y) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        task.window(k, 1, &mut t, &mut x, &mut y);
        (t, x, y)
    }

    #[test]
    fn sin_cos_window_is_the_tutorials_linspace() {
        let (t, x, y) = window(Task::SinCos, 3, 10);
        for j in 0..10 {
            let tj = 3.0 * PI + j as f64 * PI / 9.0;
            assert!((t[j] - tj).abs() < 1e-12);
            assert!((x[j] as f64 - tj.sin()).abs() < 1e-6, "x[{j}]");
            assert!((y[j] as f64 - tj.cos()).abs() < 1e-6, "y[{j}]");
        }
        assert!((t[9] - 4.0 * PI).abs() < 1e-12, "both ends included");
    }

    #[test]
    fn phase_stays_exact_far_out() {
        // Window 10^9 + 1 must equal window 1: the f32 time axis of the tutorial would
        // have lost all precision here.
        let near = window(Task::SinCos, 1, 10);
        let far = window(Task::SinCos, 1_000_000_001, 10);
        assert_eq!(near.1, far.1);
        assert_eq!(near.2, far.2);
    }

    #[test]
    fn square_and_sawtooth_follow_the_period() {
        let (_, _, even) = window(Task::Square, 0, 5);
        let (_, _, odd) = window(Task::Square, 1, 5);
        assert_eq!(even, [1.0, 1.0, 1.0, 1.0, -1.0]);
        assert_eq!(odd, [-1.0, -1.0, -1.0, -1.0, 1.0]);
        let (_, _, saw) = window(Task::Sawtooth, 1, 3);
        assert_eq!(saw, [0.0, 0.5, -1.0]);
    }

    #[test]
    fn denoise_noise_is_deterministic_and_unit_scale() {
        let a = window(Task::Denoise, 7, 50);
        let b = window(Task::Denoise, 7, 50);
        assert_eq!(a.1, b.1);
        let mut sum2 = 0.0;
        let n = 20_000u64;
        for k in 0..n {
            let g = gaussian(1, k, 3);
            sum2 += g * g;
        }
        let var = sum2 / n as f64;
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }

    #[test]
    fn cached_windows_equal_computed_ones_bit_for_bit() {
        for &task in Task::ALL {
            for n in [2, 10, 37] {
                let windows = Windows::build(task, n, &mut Buffers::allocating()).unwrap();
                for k in [0, 1, 2, 7, 1_000_001, u64::MAX / 3] {
                    let (t, x, y) = window(task, k, n);
                    let (mut t2, mut x2, mut y2) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
                    windows.fill(k, 1, &mut t2, &mut x2, &mut y2);
                    let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                    assert_eq!(t, t2, "{task:?} n {n} k {k}: t");
                    assert_eq!(bits(&x), bits(&x2), "{task:?} n {n} k {k}: x");
                    assert_eq!(bits(&y), bits(&y2), "{task:?} n {n} k {k}: y");
                }
            }
        }
    }
}

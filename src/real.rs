//! The floating-point type the network computes in: `f32` for training (as PyTorch's
//! float32 run), `f64` for gradient checks against finite differences.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

pub trait Real:
    ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + Copy
    + Default
    + Debug
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + Send
    + Sync
    + 'static
{
    const ZERO: Self;
    const ONE: Self;
    fn from_f64(v: f64) -> Self;
    fn to_f64(self) -> f64;
    fn tanh(self) -> Self;
    /// σ(x) = 1 / (1 + e^-x)
    fn sigmoid(self) -> Self;
    /// Zero for magnitudes below `TINY`, so that values never become subnormal:
    /// subnormal arithmetic is many times slower, and wasm cannot flush it to zero.
    fn flush(self) -> Self;
    /// self · a + b, rounded once (an FMA instruction where the code is compiled for one).
    fn mul_add(self, a: Self, b: Self) -> Self;
}

/// Magnitudes below this are flushed to zero where values persist or get squared
/// (optimizer moments, gradients). f32's smallest normal number is 1.2e-38.
const TINY_F32: f32 = 1e-30;

impl Real for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn tanh(self) -> Self {
        fast_tanh(self)
    }
    #[inline(always)]
    fn sigmoid(self) -> Self {
        // σ(x) = (1 + tanh(x/2)) / 2: one branch-free rational, no exp, no subnormals.
        0.5 + 0.5 * fast_tanh(0.5 * self)
    }
    #[inline(always)]
    fn flush(self) -> Self {
        if self.abs() < TINY_F32 {
            0.0
        } else {
            self
        }
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f32::mul_add(self, a, b)
    }
}

impl Real for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    fn from_f64(v: f64) -> Self {
        v
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn tanh(self) -> Self {
        f64::tanh(self)
    }
    fn sigmoid(self) -> Self {
        1.0 / (1.0 + (-self).exp())
    }
    fn flush(self) -> Self {
        self
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f64::mul_add(self, a, b)
    }
}

/// tanh for f32 as a branch-free rational function (odd degree 13 over even degree 6,
/// the minimax fit Eigen uses), accurate to a few ulp; it vectorises, unlike libm's
/// call. Inputs are clamped to ±7.9053, where tanh is 1 in f32; NaN stays NaN.
#[inline(always)]
pub fn fast_tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const A1: f32 = 4.893_524_6e-3;
    const A3: f32 = 6.372_619e-4;
    const A5: f32 = 1.485_722_4e-5;
    const A7: f32 = 5.122_297e-8;
    const A9: f32 = -8.604_672e-11;
    const A11: f32 = 2.000_188e-13;
    const A13: f32 = -2.760_768_5e-16;
    const B0: f32 = 4.893_525e-3;
    const B2: f32 = 2.268_434_6e-3;
    const B4: f32 = 1.185_347_1e-4;
    const B6: f32 = 1.198_258_4e-6;
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
    let q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
    p / q
}

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
    /// Zero for magnitudes below `FADED`: a backward-pass gradient that has faded this far
    /// (through saturated gates, small forget gates) before its products with the activations,
    /// which would be subnormal (the window-gradient products, `Network::backward`).
    fn flush_faded(self) -> Self;
    /// self · a + b, rounded once (an FMA instruction where the code is compiled for one).
    fn mul_add(self, a: Self, b: Self) -> Self;
    /// `v` as `&[f32]` when `Self` is f32 (for the f32-only SIMD kernels), else `None`.
    fn as_f32(v: &[Self]) -> Option<&[f32]>;
    /// As `as_f32`, mutable.
    fn as_f32_mut(v: &mut [Self]) -> Option<&mut [f32]>;
}

/// Magnitudes below this are flushed to zero where values persist or get squared
/// (optimizer moments, gradients). f32's smallest normal number is 1.2e-38.
const TINY_F32: f32 = 1e-30;

/// Backward-pass gradients below this are zero (`Real::flush_faded`). Such a gradient moves a
/// weight by at most lr · 1e-22 / ε with Adam (ε = 1e-8: 1e-14 lr), by lr · 1e-22 with SGD: far
/// below f32's resolution of any weight. Its products with the activations (h, often 1e-10
/// and less) were subnormal: an LSTM h256, 4 layers, T 50 with the carried state trained 3 to 4
/// times slower after 60 windows, natively and in wasm (which cannot flush subnormals to zero).
/// The loss after 200 such windows is the same to the 8 digits printed with and without it.
const FADED_F32: f32 = 1e-22;

/// Zero for magnitudes below `floor`, else `v`.
#[inline(always)]
fn zero_below(v: f32, floor: f32) -> f32 {
    if v.abs() < floor {
        0.0
    } else {
        v
    }
}

impl Real for f32 {
    #[inline(always)]
    fn as_f32(v: &[Self]) -> Option<&[f32]> {
        Some(v)
    }
    #[inline(always)]
    fn as_f32_mut(v: &mut [Self]) -> Option<&mut [f32]> {
        Some(v)
    }
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
        zero_below(self, TINY_F32)
    }
    #[inline(always)]
    fn flush_faded(self) -> Self {
        zero_below(self, FADED_F32)
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f32::mul_add(self, a, b)
    }
}

impl Real for f64 {
    #[inline(always)]
    fn as_f32(_: &[Self]) -> Option<&[f32]> {
        None
    }
    #[inline(always)]
    fn as_f32_mut(_: &mut [Self]) -> Option<&mut [f32]> {
        None
    }
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
    fn flush_faded(self) -> Self {
        self
    }
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        f64::mul_add(self, a, b)
    }
}

/// `fast_tanh`'s clamp and coefficients.
mod tanh_coefficients {
    pub const CLAMP: f32 = 7.905_311;
    pub const A1: f32 = 4.893_524_6e-3;
    pub const A3: f32 = 6.372_619e-4;
    pub const A5: f32 = 1.485_722_4e-5;
    pub const A7: f32 = 5.122_297e-8;
    pub const A9: f32 = -8.604_672e-11;
    pub const A11: f32 = 2.000_188e-13;
    pub const A13: f32 = -2.760_768_5e-16;
    pub const B0: f32 = 4.893_525e-3;
    pub const B2: f32 = 2.268_434_6e-3;
    pub const B4: f32 = 1.185_347_1e-4;
    pub const B6: f32 = 1.198_258_4e-6;
}

/// tanh for f32 as a branch-free rational function (odd degree 13 over even degree 6,
/// the minimax fit Eigen uses), accurate to a few ulp; it vectorises, unlike libm's
/// call. Inputs are clamped to ±7.9053, where tanh is 1 in f32; NaN stays NaN.
#[inline(always)]
pub fn fast_tanh(x: f32) -> f32 {
    use tanh_coefficients::*;
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
    let q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
    p / q
}

/// out_i = tanh(a_i + b_i) (`fast_tanh`): the Elman RNN's h' = tanh(W_ih x + b_ih + W_hh h + b_hh).
/// The relaxed-SIMD build evaluates the rational four lanes at a time with fused multiply-adds.
#[inline(always)]
pub fn tanh_of_sum<R: Real>(a: &[R], b: &[R], out: &mut [R]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    {
        if let (Some(a), Some(b), Some(out)) = (R::as_f32(a), R::as_f32(b), R::as_f32_mut(out)) {
            return relaxed::tanh_of_sum(a, b, out);
        }
    }
    for ((o, &a), &b) in out.iter_mut().zip(a).zip(b) {
        *o = (a + b).tanh();
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
mod relaxed {
    use core::arch::wasm32::*;

    /// `tanh_of_sum` on f32, four at a time: `fast_tanh`'s rational, its Horner steps fused.
    pub fn tanh_of_sum(a: &[f32], b: &[f32], out: &mut [f32]) {
        let n = out.len().min(a.len()).min(b.len());
        let (a4, b4, out4) = (a[..n].chunks_exact(4), b[..n].chunks_exact(4), out[..n].chunks_exact_mut(4));
        let rest = n - n % 4;
        for ((a, b), o) in a4.zip(b4).zip(out4) {
            // SAFETY: each chunk holds 4 f32s; v128 loads and stores need no alignment.
            let x = unsafe { f32x4_add(v128_load(a.as_ptr() as *const v128), v128_load(b.as_ptr() as *const v128)) };
            unsafe { v128_store(o.as_mut_ptr() as *mut v128, tanh4(x)) };
        }
        for i in rest..n {
            out[i] = super::fast_tanh(a[i] + b[i]);
        }
    }

    #[inline(always)]
    fn tanh4(x: v128) -> v128 {
        use super::tanh_coefficients::*;
        // pmin(x, c) = c < x ? c : x, and pmax(x, c) = x < c ? c : x: NaN stays NaN, as in `clamp`
        let x = f32x4_pmax(f32x4_pmin(x, f32x4_splat(CLAMP)), f32x4_splat(-CLAMP));
        let x2 = f32x4_mul(x, x);
        let madd = |acc: v128, c: f32| f32x4_relaxed_madd(acc, x2, f32x4_splat(c));
        let p = f32x4_mul(madd(madd(madd(madd(madd(madd(f32x4_splat(A13), A11), A9), A7), A5), A3), A1), x);
        let q = madd(madd(madd(f32x4_splat(B6), B4), B2), B0);
        f32x4_div(p, q)
    }
}

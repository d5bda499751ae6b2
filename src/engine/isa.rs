//! The instruction set the training loop runs on. The native build's baseline is
//! x86-64's SSE2; where the CPU also has AVX2 and FMA (detected at run time), the trainer
//! runs a copy of its step compiled for them, with fused multiply-adds in the hand kernels.
//! (The matrix products choose their own kernels: matrixmultiply detects AVX2, FMA and
//! AVX-512 itself.) In wasm the instruction set is fixed when the module is built (scalar,
//! SIMD or relaxed SIMD) and the page loads the build the browser supports.

/// A code path of the training step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
    /// What the build targets: SSE2 on x86-64, the module's own features in wasm.
    Baseline,
    /// x86-64 with AVX2 and FMA.
    Avx2Fma,
}

impl Isa {
    /// The fastest path this CPU runs.
    pub fn detect() -> Isa {
        if Isa::Avx2Fma.is_available() {
            Isa::Avx2Fma
        } else {
            Isa::Baseline
        }
    }

    /// Whether this CPU (and build) can run the path.
    pub fn is_available(self) -> bool {
        match self {
            Isa::Baseline => true,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2Fma => std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma"),
            #[cfg(not(target_arch = "x86_64"))]
            Isa::Avx2Fma => false,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Isa::Baseline => "baseline",
            Isa::Avx2Fma => "avx2+fma",
        }
    }
}

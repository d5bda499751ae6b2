//! `torch.nn.utils.clip_grad_norm_`: if ‖g‖₂ > max_norm, scale g by max_norm / (‖g‖₂ + 1e-6).

/// Clips in place and returns the norm before clipping.
#[inline(always)]
pub fn clip_grad_norm(grads: &mut [f32], max_norm: f64) -> f64 {
    let norm = grads.iter().map(|&g| (g as f64) * (g as f64)).sum::<f64>().sqrt();
    if let Some(coef) = clip_coefficient(norm, max_norm) {
        grads.iter_mut().for_each(|g| *g *= coef);
    }
    norm
}

/// The factor `clip_grad_norm` multiplies gradients of norm `norm` by: max_norm / (norm + 1e-6)
/// when that is below 1, else None (they are left as they are).
#[inline(always)]
pub fn clip_coefficient(norm: f64, max_norm: f64) -> Option<f32> {
    let coef = max_norm / (norm + 1e-6);
    (coef < 1.0).then_some(coef as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_down_only_above_the_limit() {
        let mut g = [3.0f32, 4.0];
        assert_eq!(clip_grad_norm(&mut g, 10.0), 5.0);
        assert_eq!(g, [3.0, 4.0]);
        clip_grad_norm(&mut g, 1.0);
        let norm = (g[0] * g[0] + g[1] * g[1]).sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        assert!((g[0] / g[1] - 0.75).abs() < 1e-6);
    }
}

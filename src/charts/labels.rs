//! The texts the charts draw (axis descriptions, legends, captions), in the page's language:
//! English unless the page gives its own (the element's message catalog, `ChartLabels` in the
//! d.ts).

use std::borrow::Cow;

/// Every text a chart draws. `Labels::ENGLISH` is the default; a page replaces any of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// Legends: the target, the prediction and the input curves.
    pub target: Cow<'static, str>,
    pub prediction: Cow<'static, str>,
    pub input: Cow<'static, str>,
    /// The x axis of the loss and gradient-norm charts, and the loss axis.
    pub step: Cow<'static, str>,
    pub loss: Cow<'static, str>,
    /// The loss chart's caption before there is anything to draw.
    pub no_steps: Cow<'static, str>,
    pub no_finite_loss: Cow<'static, str>,
    /// The heatmap's axes.
    pub time_step: Cow<'static, str>,
    pub hidden_unit: Cow<'static, str>,
    /// The gradient-flow chart: its x axis, legends and the norm axis.
    pub time_step_t: Cow<'static, str>,
    pub window_loss: Cow<'static, str>,
    pub last_step_loss: Cow<'static, str>,
    pub gradient_norm: Cow<'static, str>,
    pub clip: Cow<'static, str>,
    /// Its caption where a norm of the window is not finite (a diverged run's).
    pub not_finite: Cow<'static, str>,
    /// "layer 0" … "layer 3" (numbered from 0, as PyTorch's `weight_ih_l0` and the unrolled view).
    pub layers: [Cow<'static, str>; 4],
}

impl Labels {
    pub const ENGLISH: Labels = Labels {
        target: Cow::Borrowed("target"),
        prediction: Cow::Borrowed("prediction"),
        input: Cow::Borrowed("input"),
        step: Cow::Borrowed("step"),
        loss: Cow::Borrowed("loss"),
        no_steps: Cow::Borrowed("no steps yet"),
        no_finite_loss: Cow::Borrowed("no finite loss yet"),
        time_step: Cow::Borrowed("time step"),
        hidden_unit: Cow::Borrowed("hidden unit"),
        time_step_t: Cow::Borrowed("time step t"),
        window_loss: Cow::Borrowed("window's loss"),
        last_step_loss: Cow::Borrowed("last step's loss"),
        gradient_norm: Cow::Borrowed("gradient norm"),
        clip: Cow::Borrowed("clip"),
        not_finite: Cow::Borrowed("gaps: not finite (NaN or ∞)"),
        layers: [
            Cow::Borrowed("layer 0"),
            Cow::Borrowed("layer 1"),
            Cow::Borrowed("layer 2"),
            Cow::Borrowed("layer 3"),
        ],
    };

    /// The label of layer `l` (0-based; the last label for deeper layers).
    pub fn layer(&self, l: usize) -> &str {
        &self.layers[l.min(self.layers.len() - 1)]
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::ENGLISH
    }
}

/// The width of `text` in ems of a sans-serif font, roughly: wide (CJK, full-width) characters
/// take one em, the others about 0.55.
pub(crate) fn width_in_ems(text: &str) -> f64 {
    text.chars().map(|c| if is_wide(c) { 1.0 } else { 0.55 }).sum()
}

/// East Asian wide and full-width characters (Hangul Jamo and CJK blocks, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_measured_wider_than_its_letter_count_in_latin() {
        assert_eq!(width_in_ems("loss"), 2.2);
        assert_eq!(width_in_ems("损失"), 2.0);
        assert!(width_in_ems("目标") > width_in_ems("ab"));
    }
}

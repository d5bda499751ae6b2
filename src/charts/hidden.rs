//! Heatmap of the hidden activations over the last window: time steps along x,
//! hidden units along y, on a diverging blue–neutral–red scale.

use super::theme::{NEGATIVE, NOT_A_NUMBER, POSITIVE};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colour steps on each side of zero; neighbouring cells of the same step are merged
/// into one rectangle, which keeps saturated (±1) runs cheap to draw.
const LEVELS: f32 = 32.0;

/// Draws `states` (time_step × hidden, row-major by time: `states[t * hidden + j]`).
/// Values are clamped to [-1, 1]; NaN is grey. Missing values are drawn as NaN.
pub fn draw_hidden<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: &[f32],
    time_step: usize,
    hidden: usize,
    theme: &Theme,
) -> Result<(), ChartError> {
    area.fill(&theme.background())?;
    let mut chart = theme
        .builder(area)
        .build_cartesian_2d(0.0..time_step.max(1) as f64, 0.0..hidden.max(1) as f64)?;
    theme
        .mesh(&mut chart)
        .disable_mesh()
        .x_desc("time step")
        .y_desc("hidden unit")
        .x_label_formatter(&|t| format!("{t:.0}"))
        .y_label_formatter(&|j| format!("{j:.0}"))
        .draw()?;

    let level = |t: usize, j: usize| states.get(t * hidden + j).and_then(|&v| quantize(v));
    let mut cells = Vec::new();
    for j in 0..hidden {
        let mut start = 0;
        for t in 1..=time_step {
            if t == time_step || level(t, j) != level(start, j) {
                let colour = colour(level(start, j), theme);
                let (y0, y1) = (j as f64, (j + 1) as f64);
                cells.push(Rectangle::new([(start as f64, y1), (t as f64, y0)], colour.filled()));
                start = t;
            }
        }
    }
    chart.draw_series(cells)?;
    Ok(())
}

/// The colour step of `v` in -LEVELS..=LEVELS, or None for NaN.
fn quantize(v: f32) -> Option<i32> {
    (!v.is_nan()).then(|| (v.clamp(-1.0, 1.0) * LEVELS).round() as i32)
}

fn colour(level: Option<i32>, theme: &Theme) -> RGBColor {
    let Some(level) = level else { return NOT_A_NUMBER };
    let end = if level < 0 { NEGATIVE } else { POSITIVE };
    let neutral = theme.neutral();
    let w = level.unsigned_abs() as f32 / LEVELS;
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * w).round() as u8;
    RGBColor(mix(neutral.0, end.0), mix(neutral.1, end.1), mix(neutral.2, end.2))
}

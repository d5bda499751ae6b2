//! The playground's four charts, drawn with plotters on any backend: the live strip
//! chart of the last windows, the loss history, the hidden-state heatmap and the
//! static preview of the task. Fonts, lines and margins follow `Theme::pixel_ratio`.

mod hidden;
mod loss;
mod preview;
mod strip;
mod theme;

pub use hidden::draw_hidden;
pub use loss::draw_loss;
pub use preview::draw_preview;
pub use strip::{draw_strip, WindowSeries};
pub use theme::{Colors, Theme};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fmt;

/// A chart could not be drawn (the backend failed).
#[derive(Debug)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart error: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// One legend row: a line sample in `style` and its label.
struct LegendEntry {
    label: &'static str,
    style: ShapeStyle,
}

/// A one-row legend in the top-right corner of `plot` (the plotting area, in its own
/// pixels), where the charts leave a band free above the data. Text widths are
/// estimated from the font size, not measured: measuring text in the browser forces
/// a page layout per label.
fn draw_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    theme: &Theme,
) -> Result<(), ChartError> {
    let font = 11.0;
    let height = theme.px(font * 1.7);
    let sample = theme.px(18.0);
    let gap = theme.px(6.0);
    let widths: Vec<i32> =
        entries.iter().map(|e| sample + gap + theme.px(font * 0.55 * e.label.len() as f64)).collect();
    let width = widths.iter().map(|w| w + 2 * gap).sum::<i32>();
    let x0 = plot.dim_in_pixel().0 as i32 - width - gap;
    let y0 = gap;

    plot.draw(&Rectangle::new([(x0, y0), (x0 + width, y0 + height)], theme.background().mix(0.85).filled()))?;
    let text = theme.text(font).pos(Pos::new(HPos::Left, VPos::Center));
    let y = y0 + height / 2;
    let mut x = x0 + gap;
    for (entry, w) in entries.iter().zip(widths) {
        plot.draw(&PathElement::new(vec![(x, y), (x + sample, y)], entry.style))?;
        plot.draw(&Text::new(entry.label, (x + sample + gap, y), text.clone()))?;
        x += w + 2 * gap;
    }
    Ok(())
}

/// The default y range of the sin/cos charts: room for a legend above the data.
const Y_RANGE: (f64, f64) = (-1.6, 1.6);

/// The smallest range holding `lo..hi` and every finite value, padded by 5%.
fn widen(lo: f64, hi: f64, values: impl Iterator<Item = f32>) -> (f64, f64) {
    let (min, max) = values.filter(|v| v.is_finite()).fold((lo, hi), |(a, b), v| (a.min(v as f64), b.max(v as f64)));
    let pad = if min < lo || max > hi { 0.05 * (max - min) } else { 0.0 };
    (if min < lo { min - pad } else { lo }, if max > hi { max + pad } else { hi })
}

/// Runs of consecutive points with finite coordinates: a NaN breaks the line.
fn finite_runs(points: impl Iterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for (x, y) in points {
        if x.is_finite() && y.is_finite() {
            runs.last_mut().unwrap().push((x, y));
        } else if !runs.last().unwrap().is_empty() {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

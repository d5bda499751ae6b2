//! The loss history on a log scale against the training step.

use super::{x_ticks, ChartError, Entries, Layout, Theme, X_LABELS};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A thin vertical line with a short label, a hyper-parameter change ("lr 0.005") after `step`
/// steps: between step `step` and the next, the first to use it (at x = step + 0.5).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub step: f64,
    pub label: String,
}

/// Draws `losses`, where entry i is the mean loss over steps i·stride + 1 to (i+1)·stride (counted
/// from 1), at the middle of those steps: step k at x = k where the stride is 1 (as the readouts
/// and the step counter number it).
/// Entries that are not finite and positive are left out of the range and the line.
/// Returns where the data went (None on a canvas too small for axes).
pub fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    losses: &[f32],
    stride: u64,
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    draw_loss_with_marks(area, losses, stride, &[], theme)
}

/// `draw_loss`, with a thin vertical line and its label at each of `marks`.
pub fn draw_loss_with_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    losses: &[f32],
    stride: u64,
    marks: &[Mark],
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    let stride = stride.max(1) as f64;
    let entries = Entries::per_step(stride);
    // At least MIN_STEPS wide: ticks of whole steps, never a fraction of one.
    let steps = (losses.len() as f64 * stride).max(MIN_STEPS);
    let points = || {
        losses
            .iter()
            .enumerate()
            .filter(|(_, &l)| l.is_finite() && l > 0.0)
            .map(move |(i, &l)| (entries.x(i), l as f64))
    };
    let (lo, hi) = super::log_bounds(points().map(|(_, l)| l));
    let mut chart = theme.builder(area).build_cartesian_2d(0.0..steps, super::log_axis(lo, hi))?;
    let (x_labels, x_label) = x_ticks(chart.plotting_area().dim_in_pixel().0, 0.0, steps, X_LABELS, theme);
    theme
        .mesh(&mut chart)
        .x_labels(x_labels)
        .x_desc(theme.labels.step.as_ref())
        .y_desc(theme.labels.loss.as_ref())
        .x_label_formatter(&x_label)
        .y_label_formatter(&|l| format!("{l:.0e}"))
        .draw()?;

    let layout = Layout::of(&chart, (0.0, steps), (lo, hi), true, Some(entries));
    let mark_style = theme.foreground().mix(0.55).stroke_width(theme.stroke(1.0));
    let label = theme.text(10.0).pos(Pos::new(HPos::Left, VPos::Top));
    let plot = chart.plotting_area().strip_coord_spec();
    let plot_width = plot.dim_in_pixel().0 as i32;
    // The marks' lines and labels (in the plot's pixels), for the caption below to stay off.
    let mut marked = Vec::new();
    for m in marks.iter().filter(|m| m.step >= 0.0 && m.step <= steps) {
        // (A change after the last step trained: at the axis's end until the next.)
        let at = (m.step + 0.5).min(steps);
        let line = vec![(at, lo), (at, hi)];
        let ends = super::pixels(&chart, &line);
        chart.draw_series(std::iter::once(PathElement::new(line, mark_style)))?;
        // Right of the mark where it fits or has the more room, else left of it (a change at
        // the axis's end).
        let (x, y) = (ends[1].0, ends[1].1 + theme.px(2.0));
        let width = theme.px(10.0 * super::labels::width_in_ems(&m.label));
        let (x, anchor, left) = if x + theme.px(3.0) + width <= plot_width || x < plot_width / 2 {
            (x + theme.px(3.0), label.clone(), x + theme.px(3.0))
        } else {
            (x - theme.px(3.0), label.pos(Pos::new(HPos::Right, VPos::Top)), x - theme.px(3.0) - width)
        };
        plot.draw(&Text::new(m.label.as_str(), (x, y), anchor))?;
        marked.push(ends);
        marked.push(super::outline((left, y), (width, theme.px(12.0))));
    }
    let (width, height) = plot.dim_in_pixel();
    let line = downsample(points(), steps, width as usize);
    if line.is_empty() {
        let caption = if losses.is_empty() { &theme.labels.no_steps } else { &theme.labels.no_finite_loss };
        let style = theme.text(13.0).pos(Pos::new(HPos::Center, VPos::Center));
        plot.draw(&Text::new(caption.as_ref(), (width as i32 / 2, height as i32 / 2), style))?;
        return Ok(Some(layout));
    }
    // Losses not finite (a diverged run's) are left out of the line: said so, off the line and
    // the marks, over them as the gradient flow's is.
    let not_finite = losses.iter().any(|l| !l.is_finite());
    if not_finite {
        marked.push(super::pixels(&chart, &line));
    }
    super::draw_run(&mut chart, line, theme.prediction().stroke_width(theme.stroke(1.5)), theme.px(3.0) as u32)?;
    if not_finite {
        super::say_not_finite(&plot, &marked, theme)?;
    }
    Ok(Some(layout))
}

/// The narrowest step axis: with 6 labels, ticks at least 2 steps apart.
const MIN_STEPS: f64 = 10.0;

/// One point per pixel column: the mean of the column's points. Entries cover equal
/// numbers of steps, so that is the mean loss over the column's steps. x runs over
/// [0, x_end).
fn downsample(points: impl Iterator<Item = (f64, f64)>, x_end: f64, columns: usize) -> Vec<(f64, f64)> {
    let columns = columns.max(1);
    let mut sums = vec![(0.0, 0.0, 0u32); columns];
    for (x, y) in points {
        let sum = &mut sums[((x / x_end * columns as f64) as usize).min(columns - 1)];
        *sum = (sum.0 + x, sum.1 + y, sum.2 + 1);
    }
    sums.into_iter().filter(|s| s.2 > 0).map(|(x, y, n)| (x / n as f64, y / n as f64)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downsampling_averages_each_column() {
        let points = (0..10_000).map(|i| (i as f64 + 0.5, 1.0 + (i % 2) as f64));
        let line = downsample(points, 10_000.0, 100);
        assert_eq!(line.len(), 100);
        assert!(line.iter().all(|p| p.1 == 1.5));
        assert!(line.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(downsample([(0.5, 2.0)].into_iter(), 1.0, 100), vec![(0.5, 2.0)]);
    }
}

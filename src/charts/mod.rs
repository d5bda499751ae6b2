//! The playground's four charts, drawn with plotters on any backend: the live strip
//! chart of the last windows, the loss history, the hidden-state heatmap and the
//! static preview of the task. Fonts, lines and margins follow `Theme::pixel_ratio`.

mod gradient_flow;
mod hidden;
mod labels;
mod loss;
mod preview;
mod strip;
mod theme;

pub use gradient_flow::{draw_gradient_flow, GradientFlow, GradientFlowLayout};
pub use hidden::draw_hidden;
pub use labels::Labels;
pub use loss::{draw_loss, draw_loss_with_marks, Mark};
pub use preview::{draw_preview, task_period};
pub use strip::{draw_strip, WindowSeries};
pub use theme::{Colors, Theme};

use plotters::coord::combinators::{BindKeyPoints, LogCoord, WithKeyPoints};
use plotters::coord::CoordTranslate;

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

/// Where a chart put its data: the plotting area in the canvas's device pixels and the data
/// range of each axis, so that a pointer position can be turned back into data coordinates
/// (the pages' hover readouts), and where it drew its series' entries along x, so that the
/// readout names the entry under the pointer. A chart too small to draw axes has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Left edge and top of the plotting area, device pixels from the canvas's top-left corner.
    pub left: i32,
    pub top: i32,
    /// Size of the plotting area, device pixels.
    pub width: i32,
    pub height: i32,
    /// The data values at the left and right edges.
    pub x: (f64, f64),
    /// The data values at the bottom and top edges.
    pub y: (f64, f64),
    /// The y axis is logarithmic (the loss chart): y maps through log10.
    pub y_log: bool,
    /// Where the entries of a series indexed by step or time step are drawn; None where x is
    /// the data's own value (the strip and preview charts' t).
    pub entries: Option<Entries>,
}

impl Layout {
    /// The layout of `chart`, whose axes span `x` and `y`, with its series' `entries`.
    fn of<DB: DrawingBackend, C: CoordTranslate>(
        chart: &ChartContext<'_, DB, C>,
        x: (f64, f64),
        y: (f64, f64),
        y_log: bool,
        entries: Option<Entries>,
    ) -> Layout {
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        Layout {
            left: xs.start,
            top: ys.start,
            width: xs.end - xs.start,
            height: ys.end - ys.start,
            x,
            y,
            y_log,
            entries,
        }
    }
}

/// Where a chart draws the entries of a series along x: entry i at `first + i · spacing`, each
/// covering `spacing` around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entries {
    pub first: f64,
    pub spacing: f64,
}

impl Entries {
    /// A window's time steps t = 0 … T−1 at x = t + 1: numbered from 1, as the equations do.
    pub const TIME_STEPS: Entries = Entries { first: 1.0, spacing: 1.0 };

    /// A history of one entry per `stride` steps (entry i the mean over steps i·stride + 1 to
    /// (i+1)·stride): each at the middle of its steps, step k at x = k where the stride is 1.
    pub fn per_step(stride: f64) -> Entries {
        Entries { first: (stride + 1.0) / 2.0, spacing: stride }
    }

    /// The x of entry `i`.
    pub fn x(self, i: usize) -> f64 {
        self.first + i as f64 * self.spacing
    }
}

/// One legend row: a line sample in `style` and its label.
struct LegendEntry<'a> {
    label: &'a str,
    style: ShapeStyle,
}

/// The legend's font where its 11 px does not fit, in CSS px (a phone's gradient flow).
const FONT_SMALL: f64 = 9.5;

/// A legend in the top-right corner of `plot` (the plotting area, in its own pixels), or in the
/// corner that the fewest segments of the lines `data` cross (each a line's vertices, in the
/// plot's pixels: the gradient flow's, which leaves no band free as the sin/cos charts do above
/// theirs), the first of top-right, top-left, bottom-right and bottom-left on a tie; on a
/// translucent box: one row with its line samples and gaps as they are, else shorter (a phone's
/// chart), else in as few rows as fit (a narrow chart's four layers) where they take at most
/// half the plot's height, else so in FONT_SMALL (a phone's gradient flow); else no legend
/// rather than one drawn over itself. Text widths are estimated from the font size, not
/// measured: measuring text in the browser forces a page layout per label.

fn draw_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    data: &[Vec<(i32, i32)>],
    theme: &Theme,
) -> Result<(), ChartError> {
    let (plot_width, plot_height) = (plot.dim_in_pixel().0 as i32, plot.dim_in_pixel().1 as i32);
    // The entries' widths, and their rows (each within the plot's width, less the box's gaps),
    // in a font of `font` CSS px.
    let rows_of = |font: f64, sample: f64, gap: f64, max_rows: usize| {
        let height = theme.px(font * 1.7);
        let (sample, gap) = (theme.px(sample), theme.px(gap));
        let widths: Vec<i32> =
            entries.iter().map(|e| sample + gap + theme.px(font * labels::width_in_ems(e.label)) + 2 * gap).collect();
        let room = plot_width - 2 * gap;
        let mut rows: Vec<(usize, i32)> = Vec::new(); // (entries, width)
        for &w in &widths {
            match rows.last_mut() {
                Some((n, width)) if *width + w <= room => (*n, *width) = (*n + 1, *width + w),
                _ => rows.push((1, w)),
            }
        }
        let fits = widths.iter().all(|&w| w <= room)
            && rows.len() <= max_rows
            && (rows.len() == 1 || rows.len() as i32 * height * 2 <= plot_height);
        fits.then_some((font, height, sample, gap, widths, rows))
    };
    let Some((font, height, sample, gap, widths, rows)) = rows_of(11.0, 18.0, 6.0, 1)
        .or_else(|| rows_of(11.0, 10.0, 3.0, 1))
        .or_else(|| rows_of(11.0, 10.0, 3.0, entries.len()))
        .or_else(|| rows_of(FONT_SMALL, 8.0, 2.0, entries.len()))
    else {
        return Ok(());
    };
    let width = rows.iter().map(|&(_, w)| w).max().unwrap_or(0);
    let box_height = height * rows.len() as i32;
    let (right, bottom) = (plot_width - width - gap, plot_height - box_height - gap);
    let corners = [(right, gap), (gap, gap), (right, bottom), (gap, bottom)];
    let (x0, y0) = least_crossed(corners, (width, box_height), gap, data);
    draw_backing(plot, (x0, y0), (width, box_height), theme)?;
    let text = theme.text(font).pos(Pos::new(HPos::Left, VPos::Center));
    let mut placed = entries.iter().zip(widths);
    for (row, &(n, _)) in rows.iter().enumerate() {
        let y = y0 + height * row as i32 + height / 2;
        let mut x = x0 + gap;
        for (entry, w) in placed.by_ref().take(n) {
            plot.draw(&PathElement::new(vec![(x, y), (x + sample, y)], entry.style))?;
            plot.draw(&Text::new(entry.label, (x + sample + gap, y), text.clone()))?;
            x += w;
        }
    }
    Ok(())
}

/// Writes "gaps: not finite (NaN or ∞)" in a chart's `plot` (its lines have gaps there), on a
/// translucent box in the corner its lines `data` (in the plot's pixels) cross least, bottom left
/// first; returns the box's outline, for a legend to stay off.
pub(super) fn say_not_finite<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    data: &[Vec<(i32, i32)>],
    theme: &Theme,
) -> Result<Vec<(i32, i32)>, ChartError> {
    let (plot_width, plot_height) = (plot.dim_in_pixel().0 as i32, plot.dim_in_pixel().1 as i32);
    let caption = theme.labels.not_finite.as_ref();
    let gap = theme.px(4.0);
    // In 11 px, or FONT_SMALL where that is wider than the plot (a narrow phone's panel); a box
    // wider still starts at the plot's left edge, never left of it over the tick labels.
    let box_size = |font: f64| (theme.px(font * labels::width_in_ems(caption)) + 2 * gap, theme.px(font * 1.7));
    let font = if box_size(11.0).0 + 2 * gap <= plot_width { 11.0 } else { FONT_SMALL };
    let (width, height) = box_size(font);
    let (right, bottom) = ((plot_width - width - gap).max(0), (plot_height - height - gap).max(0));
    let corners =
        [(gap.min(right), bottom), (right, bottom), (gap.min(right), gap.min(bottom)), (right, gap.min(bottom))];
    let (x0, y0) = least_crossed(corners, (width, height), gap, data);
    draw_backing(plot, (x0, y0), (width, height), theme)?;
    let style = theme.text(font).pos(Pos::new(HPos::Left, VPos::Center));
    plot.draw(&Text::new(caption, (x0 + gap, y0 + height / 2), style))?;
    Ok(outline((x0, y0), (width, height)))
}

/// The translucent box a legend or caption sits on, at `corner` (top left) of `size`, in `plot`'s pixels.
fn draw_backing<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (width, height): (i32, i32),
    theme: &Theme,
) -> Result<(), ChartError> {
    plot.draw(&Rectangle::new([(x0, y0), (x0 + width, y0 + height)], theme.background().mix(0.85).filled()))?;
    Ok(())
}

/// The outline of the box at `corner` (top left) of `size`, as a closed line: for
/// `least_crossed` to keep another box off it.
pub(super) fn outline((x0, y0): (i32, i32), (width, height): (i32, i32)) -> Vec<(i32, i32)> {
    let (x1, y1) = (x0 + width, y0 + height);
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
}

/// Of the `corners` (top-left corners of a box of `size`, in a plot's pixels), the one whose box,
/// with `margin` pixels around it, the fewest segments of the lines `data` cross (a line of one
/// point: that point inside), the first of equals.
fn least_crossed(
    corners: [(i32, i32); 4],
    (width, height): (i32, i32),
    margin: i32,
    data: &[Vec<(i32, i32)>],
) -> (i32, i32) {
    let covered = |&(x0, y0): &(i32, i32)| {
        let area = (x0 - margin, y0 - margin, x0 + width + margin, y0 + height + margin);
        let point = |&(x, y): &(i32, i32)| (area.0..=area.2).contains(&x) && (area.1..=area.3).contains(&y);
        let crossing = |line: &Vec<(i32, i32)>| match &line[..] {
            [p] => usize::from(point(p)),
            _ => line.windows(2).filter(|w| crosses(w[0], w[1], area)).count(),
        };
        data.iter().map(crossing).sum::<usize>()
    };
    // (min_by_key keeps the first of equals.)
    corners.into_iter().min_by_key(covered).expect("four corners")
}

/// `points` in the pixels of `chart`'s plotting area (from its top-left corner), as
/// `least_crossed` reads lines.
fn pixels<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &ChartContext<'_, DB, CT>,
    points: &[(f64, f64)],
) -> Vec<(i32, i32)> {
    let base = chart.plotting_area().get_base_pixel();
    let area = chart.plotting_area();
    points.iter().map(|p| area.map_coordinate(p)).map(|(x, y)| (x - base.0, y - base.1)).collect()
}

/// Whether the segment from `a` to `b` passes through the rectangle (x0, y0, x1, y1) (Liang–Barsky).
fn crosses(a: (i32, i32), b: (i32, i32), (x0, y0, x1, y1): (i32, i32, i32, i32)) -> bool {
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let (mut enter, mut leave) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
        let q = f64::from(q);
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            enter = enter.max(q / p);
        } else {
            leave = leave.min(q / p);
        }
    }
    enter <= leave
}

/// At most this many tick labels on an x axis and on a y axis (as `Theme::mesh` sets them).
const X_LABELS: usize = 6;
const Y_LABELS: usize = 5;
/// The characters a tick label may take in fixed point before it turns scientific: the y
/// label area is 52 CSS pixels wide, about 8 characters of the 11-pixel label font.
const X_LABEL_CHARS: usize = 12;
const Y_LABEL_CHARS: usize = 7;

/// Tick labels for an axis over [lo, hi] with at most `labels` ticks, placed as plotters places
/// them: fixed point with the decimals the tick step needs, so that neighbouring ticks never
/// read the same, and scientific notation with the significant digits the step needs where
/// fixed point would take more than `max_chars` characters (a diverging run's 1e30).
fn tick_formatter(lo: f64, hi: f64, labels: usize, max_chars: usize) -> impl Fn(&f64) -> String {
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;
    let keys = RangedCoordf64::from(lo..hi).key_points(labels);
    let step = keys.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() && step > 0.0 { step } else { (hi - lo).abs().max(1e-12) };
    // The decade of the step and of the largest value (1e-9 absorbs log10's rounding).
    let step_decade = (step.log10() + 1e-9).floor();
    let top_decade = (lo.abs().max(hi.abs()).max(step).log10() + 1e-9).floor();
    let decimals = (-step_decade).clamp(0.0, 15.0) as usize;
    let digits = (top_decade - step_decade).clamp(0.0, 15.0) as usize;
    move |v| {
        let fixed = format!("{v:.decimals$}");
        let text = if fixed.len() <= max_chars { fixed } else { format!("{v:.digits$e}") };
        // "-0.0" is 0.
        match text.strip_prefix('-') {
            Some(rest) if rest.chars().all(|c| matches!(c, '0' | '.')) => rest.to_string(),
            _ => text,
        }
    }
}

/// The x axis's tick count and labels on a plot `width` device pixels wide over [lo, hi]: the
/// most ticks, up to `most` (at least 2), whose labels (`tick_formatter`'s) fit side by side,
/// each given the width of the widest and an em and a half between them, in the 11 px label
/// font. (Six ticks at every width had run a loss chart's "200000 400000 …" into one string.)
fn x_ticks(width: u32, lo: f64, hi: f64, most: usize, theme: &Theme) -> (usize, impl Fn(&f64) -> String) {
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;
    let em = f64::from(theme.px(11.0));
    let ticks = |n: usize| (n, tick_formatter(lo, hi, n, X_LABEL_CHARS));
    let fits = |n: usize, format: &dyn Fn(&f64) -> String| {
        let keys = RangedCoordf64::from(lo..hi).key_points(n);
        let widest = keys.iter().map(|k| labels::width_in_ems(&format(k))).fold(0.0, f64::max);
        keys.len() as f64 * (widest + 1.5) * em <= f64::from(width)
    };
    (3..=most).rev().map(ticks).find(|(n, format)| fits(*n, format)).unwrap_or_else(|| ticks(2))
}

/// The default y range of the sin/cos charts: room for a legend above the data.
const Y_RANGE: (f64, f64) = (-1.6, 1.6);

/// The smallest range holding `lo..hi` and every finite value, padded by 5%.
fn widen(lo: f64, hi: f64, values: impl Iterator<Item = f32>) -> (f64, f64) {
    let (min, max) = values.filter(|v| v.is_finite()).fold((lo, hi), |(a, b), v| (a.min(v as f64), b.max(v as f64)));
    let pad = if min < lo || max > hi { 0.05 * (max - min) } else { 0.0 };
    (if min < lo { min - pad } else { lo }, if max > hi { max + pad } else { hi })
}

/// Draws `line` in `style`, or where it is one point alone (a path of one point draws nothing)
/// a dot of `radius` pixels in its colour.
fn draw_run<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'_, DB, CT>,
    line: Vec<(f64, f64)>,
    style: ShapeStyle,
    radius: u32,
) -> Result<(), ChartError> {
    if let [point] = line[..] {
        chart.draw_series(std::iter::once(Circle::new(point, radius, style.color.filled())))?;
    } else {
        chart.draw_series(std::iter::once(PathElement::new(line, style)))?;
    }
    Ok(())
}

/// Runs of consecutive points with finite coordinates: a NaN breaks the line. (The first run
/// is allocated for every point at once: grown by doubling, a history of 4,097 entries had held
/// 8,192, 128 KiB, as the page's wasm memory grew to hold it.)
fn finite_runs(points: impl Iterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::with_capacity(points.size_hint().0)];
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

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;

    /// The labels plotters would write on an axis over [lo, hi].
    fn labels(lo: f64, hi: f64, n: usize, max_chars: usize) -> Vec<String> {
        let format = tick_formatter(lo, hi, n, max_chars);
        RangedCoordf64::from(lo..hi).key_points(n).iter().map(format).collect()
    }

    #[test]
    fn tick_labels_never_repeat_and_fit() {
        let ranges = [
            (0.0, 1.0),
            (0.0, 2.0),
            (0.0, 10.0),
            (0.0, 7.0),
            (0.0, 1e7),
            (-1.6, 1.6),
            (-1.6, 1e30),
            (-3e38, 1.6),
            (3_141_592.0, 3_141_623.0),
            (1e-6, 3e-6),
            (0.0, 0.3),
        ];
        for (lo, hi) in ranges {
            for (n, max_chars) in [(X_LABELS, X_LABEL_CHARS), (Y_LABELS, Y_LABEL_CHARS)] {
                let l = labels(lo, hi, n, max_chars);
                assert!(l.len() >= 2, "{lo}..{hi}: {l:?}");
                let unique: std::collections::HashSet<_> = l.iter().collect();
                assert_eq!(unique.len(), l.len(), "{lo}..{hi} with {n} labels repeats: {l:?}");
                assert!(l.iter().all(|s| s.len() <= max_chars.max(8)), "{lo}..{hi}: a label does not fit: {l:?}");
            }
        }
        assert_eq!(labels(-1.6, 1.6, Y_LABELS, Y_LABEL_CHARS), ["-1", "0", "1"]);
        assert_eq!(labels(-1.6, 1e30, Y_LABELS, Y_LABEL_CHARS)[1], "5.0e29");
    }

    #[test]
    fn log_bounds_cover_the_values_from_the_mark_below_to_the_mark_above() {
        use super::log_bounds;
        assert_eq!(log_bounds([0.3, 0.5, 0.9, 1.0].into_iter()), (0.2, 2.0));
        assert_eq!(log_bounds([0.02, 0.5].into_iter()), (0.01, 1.0));
        assert_eq!(log_bounds([0.2, 0.25].into_iter()), (0.1, 0.5));
        assert_eq!(log_bounds([1.0].into_iter()), (0.5, 2.0));
        assert_eq!(log_bounds([1e-3, 0.5].into_iter()), (5e-4, 1.0));
        assert_eq!(log_bounds([0.02, 1.1].into_iter()), (0.01, 2.0));
        assert_eq!(log_bounds(std::iter::empty()), (1e-3, 1.0));
    }
}

/// A log axis's bounds around the values: the marks 1, 2 or 5 of a decade nearest outside
/// them and a little room (a twentieth of a decade each side); [1e-3, 1] when there are none. A
/// loss from 0.3 to 1 is drawn on [0.2, 2]: whole decades had put it on [0.1, 10], the decade
/// above it empty.
pub(crate) fn log_bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (min, max) = values.fold((f64::INFINITY, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    if max == 0.0 {
        return (1e-3, 1.0);
    }
    let (lo, hi) = (min.log10() - 0.05, max.log10() + 0.05);
    let (first, last) = (lo.floor() as i32, hi.ceil() as i32);
    let marks = || (first..=last).flat_map(|k| MARKS.map(|m| m * 10f64.powi(k)));
    // (10^first is at or below the room's low end, 10^last at or above its high end.)
    let below = marks().filter(|&v| v.log10() <= lo + 1e-9).last().unwrap_or(10f64.powi(first));
    let above = marks().find(|&v| v.log10() >= hi - 1e-9).unwrap_or(10f64.powi(last));
    (below, above)
}

/// The marks of a decade a log axis is bounded at, and ticked at where it spans two decades or fewer.
const MARKS: [f64; 3] = [1.0, 2.0, 5.0];

/// A log axis over [lo, hi] (`log_bounds`), ticked at 1, 2 and 5 of each decade where it spans
/// two or fewer, else at the decades in it (every other, or more, to keep to eight labels): a
/// loss between 0.3 and 1 had been read against one tick, 1e0. (Its ticks are its own: the
/// mesh's label count, Y_LABELS, does not apply.)
pub(crate) fn log_axis(lo: f64, hi: f64) -> WithKeyPoints<LogCoord<f64>> {
    let ticks: Vec<f64> = if (hi / lo).log10() <= 2.0 + 1e-9 {
        let (first, last) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        let within = |v: &f64| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9);
        (first..=last).flat_map(|k| MARKS.map(|m| m * 10f64.powi(k))).filter(within).collect()
    } else {
        let (first, last) = ((lo.log10() - 1e-9).ceil() as i32, (hi.log10() + 1e-9).floor() as i32);
        let every = (last - first + 8) / 8;
        (first..=last).filter(|k| (k - first) % every == 0).map(|k| 10f64.powi(k)).collect()
    };
    (lo..hi).log_scale().with_key_points(ticks)
}

//! The live strip chart of the tutorial: target, prediction and input of the last
//! few training windows along the t axis.

use super::{
    draw_legend, draw_run, finite_runs, pixels, tick_formatter, widen, x_ticks, ChartError, Layout, LegendEntry, Theme,
    Y_RANGE,
};
use super::{X_LABELS, Y_LABELS, Y_LABEL_CHARS};
use crate::training::recent_windows::RECENT;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One training window: its time points and the three curves at them.
#[derive(Debug, Clone, Copy)]
pub struct WindowSeries<'a> {
    /// Time, in f64 so that the axis stays exact far into a run.
    pub t: &'a [f64],
    pub input: &'a [f32],
    pub target: &'a [f32],
    pub prediction: &'a [f32],
}

/// Draws `windows` (oldest first, adjacent along t) on `area`. The y axis spans
/// [-1.6, 1.6] unless a finite value lies outside; non-finite values break the lines.
/// Returns where the data went (None on a canvas too small for axes).
pub fn draw_strip<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    windows: &[WindowSeries],
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    let (t0, t1) = time_range(windows);
    let values = windows.iter().flat_map(|w| w.input.iter().chain(w.target).chain(w.prediction).copied());
    let (y0, y1) = widen(Y_RANGE.0, Y_RANGE.1, values);
    // Far beyond [-1.6, 1.6] (a diverging run, not a noisy input's ±2.5) the band above ±1 no
    // longer keeps the legend off the lines: their vertices (in the plot's pixels) for it to take
    // the corner they leave freest.
    let diverging = y1 - y0 > 4.0 * (Y_RANGE.1 - Y_RANGE.0);
    let mut data = Vec::new();
    let mut chart = theme.builder(area).build_cartesian_2d(t0..t1, y0..y1)?;
    let (x_labels, x_label) = x_ticks(chart.plotting_area().dim_in_pixel().0, t0, t1, X_LABELS, theme);
    let y_label = tick_formatter(y0, y1, Y_LABELS, Y_LABEL_CHARS);
    theme
        .mesh(&mut chart)
        .x_labels(x_labels)
        .x_desc("t")
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()?;

    let input = theme.input().stroke_width(theme.stroke(1.0));
    let target = theme.target().stroke_width(theme.stroke(1.5));
    let prediction = theme.prediction().stroke_width(theme.stroke(2.0));
    let dot = theme.px(2.0) as u32;
    // A dot at each prediction where the dots' centres are a radius or more apart once the
    // chart holds its RECENT windows (so that they do not go as the windows fill); denser, they
    // would only thicken the line (T 200: 1,200 dots, most of the chart's drawing).
    let points = windows.iter().map(|w| w.t.len()).max().unwrap_or(0) * RECENT;
    let dots = points > 0 && f64::from(chart.plotting_area().dim_in_pixel().0) / points as f64 >= f64::from(dot);
    for w in windows {
        let curve = |values: &[f32]| finite_runs(w.t.iter().zip(values).map(|(&t, &v)| (t, v as f64)));
        // (A point alone, between values that are not finite, a dot; the predictions' dots
        // besides, where they stand apart: their points kept before the lines take them.)
        let predicted = curve(w.prediction);
        let dotted: Vec<(f64, f64)> =
            if dots { predicted.iter().filter(|run| run.len() > 1).flatten().copied().collect() } else { Vec::new() };
        for (runs, style) in [(curve(w.input), input), (curve(w.target), target), (predicted, prediction)] {
            for run in runs {
                if diverging {
                    data.push(pixels(&chart, &run));
                }
                draw_run(&mut chart, run, style, dot)?;
            }
        }
        chart.draw_series(dotted.into_iter().map(|p| Circle::new(p, dot, theme.prediction().filled())))?;
    }

    let legend = [
        LegendEntry { label: &theme.labels.target, style: target },
        LegendEntry { label: &theme.labels.prediction, style: prediction },
        LegendEntry { label: &theme.labels.input, style: input },
    ];
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, &data, theme)?;
    Ok(Some(Layout::of(&chart, (t0, t1), (y0, y1), false, None)))
}

/// The finite t range the windows cover; [0, π] when there is none.
fn time_range(windows: &[WindowSeries]) -> (f64, f64) {
    let (lo, hi) = windows
        .iter()
        .flat_map(|w| w.t.iter().copied())
        .filter(|t| t.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| (a.min(t), b.max(t)));
    match (lo, hi) {
        (lo, hi) if lo < hi => (lo, hi),
        (lo, _) if lo.is_finite() => (lo - 0.5, lo + 0.5),
        _ => (0.0, std::f64::consts::PI),
    }
}

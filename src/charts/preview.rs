//! The static chart the tutorial shows before training: the input sin t and the
//! target cos t over one period.

use super::{draw_legend, ChartError, Layout, LegendEntry, Theme, Y_RANGE};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::f64::consts::TAU;

const POINTS: usize = 100;

/// Draws sin t (input) and cos t (target) over [0, 2π] with a legend; returns where
/// (None on a canvas too small for axes).
pub fn draw_preview<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    let mut chart = theme.builder(area).build_cartesian_2d(0.0..TAU, Y_RANGE.0..Y_RANGE.1)?;
    theme.mesh(&mut chart).x_desc("t").draw()?;

    let input = theme.input().stroke_width(theme.stroke(1.5));
    let target = theme.target().stroke_width(theme.stroke(1.5));
    let curve = |f: fn(f64) -> f64| (0..=POINTS).map(move |i| i as f64 * TAU / POINTS as f64).map(move |t| (t, f(t)));
    chart.draw_series(LineSeries::new(curve(f64::sin), input))?;
    chart.draw_series(LineSeries::new(curve(f64::cos), target))?;

    let legend =
        [LegendEntry { label: "input sin t", style: input }, LegendEntry { label: "target cos t", style: target }];
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, theme)?;
    Ok(Some(Layout::of(&chart, (0.0, TAU), Y_RANGE, false)))
}

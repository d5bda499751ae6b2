//! The static chart of the task before training: its input and target over one period
//! 0 ≤ t ≤ 2π (for the tutorial's task, sin t and cos t).

use super::{draw_legend, ChartError, Layout, LegendEntry, Theme, Y_RANGE};
use crate::training::tasks::Task;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::f64::consts::TAU;

/// Points per half period (the windows k = 0 and k = 1 of the task, π each).
const HALF: usize = 51;

/// One period of `task` (its noise, if any, from `seed`): time t, input and target, as the
/// windows k = 0 and k = 1 give them.
pub fn task_period(task: Task, seed: u32) -> (Vec<f64>, Vec<f32>, Vec<f32>) {
    let (mut t, mut x, mut y) = (vec![0.0; 2 * HALF], vec![0.0; 2 * HALF], vec![0.0; 2 * HALF]);
    for k in 0..2 {
        let at = k * HALF..(k + 1) * HALF;
        task.window(k as u64, seed, &mut t[at.clone()], &mut x[at.clone()], &mut y[at]);
    }
    (t, x, y)
}

/// Draws one period of `task`'s input and target (`task_period`) with a legend; returns
/// where (None on a canvas too small for axes).
pub fn draw_preview<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    task: Task,
    seed: u32,
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    let mut chart = theme.builder(area).build_cartesian_2d(0.0..TAU, Y_RANGE.0..Y_RANGE.1)?;
    theme.mesh(&mut chart).x_desc("t").draw()?;

    let input = theme.input().stroke_width(theme.stroke(1.5));
    let target = theme.target().stroke_width(theme.stroke(1.5));
    let (t, x, y) = task_period(task, seed);
    let curve = |v: &[f32]| t.iter().zip(v).map(|(&t, &v)| (t, v as f64)).collect::<Vec<_>>();
    chart.draw_series(LineSeries::new(curve(&x), input))?;
    chart.draw_series(LineSeries::new(curve(&y), target))?;

    let legend = [
        LegendEntry { label: &theme.labels.input, style: input },
        LegendEntry { label: &theme.labels.target, style: target },
    ];
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, &[], theme)?;
    Ok(Some(Layout::of(&chart, (0.0, TAU), Y_RANGE, false, None)))
}

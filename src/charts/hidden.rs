//! Heatmap of the hidden activations over the last window: time steps along x,
//! hidden units along y, on a diverging blue–neutral–red scale.

use super::theme::{NEGATIVE, NOT_A_NUMBER, POSITIVE};
use super::{tick_formatter, x_ticks, ChartError, Entries, Layout, Theme, X_LABELS, Y_LABELS, Y_LABEL_CHARS};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colour steps on each side of zero; neighbouring cells of the same step are merged
/// into one rectangle, which keeps saturated (±1) runs cheap to draw.
const LEVELS: f32 = 32.0;

/// Most cells drawn. Every rectangle costs a few canvas calls (about 2 µs), so larger
/// grids are shown as the means of blocks of neighbouring cells.
const MAX_CELLS: usize = 2048;

/// Draws `states` (time_step × hidden, row-major by time: `states[t * hidden + j]`).
/// Values are clamped to [-1, 1]; NaN is grey. Missing values are drawn as NaN. Grids
/// of more than MAX_CELLS cells are averaged in blocks (a block with a NaN is NaN).
/// Returns where the cells went: cell (t, j) covers x in [t + 0.5, t + 1.5), y in [j, j+1): the
/// axis numbers the time steps from 1 to T, as the equations do, the units from 0 (None on a
/// canvas too small for axes).
pub fn draw_hidden<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: &[f32],
    time_step: usize,
    hidden: usize,
    theme: &Theme,
) -> Result<Option<Layout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    // Time step t's column around x = t + 1 (numbered from 1, as the equations do).
    let entries = Entries::TIME_STEPS;
    let edge = |t: usize| entries.x(t) - entries.spacing / 2.0;
    let (t_start, t_end, j_end) = (edge(0), edge(time_step.max(1)), hidden.max(1) as f64);
    let mut chart = theme.builder(area).build_cartesian_2d(t_start..t_end, 0.0..j_end)?;
    // Whole time steps and units only: no more ticks than there are integers on the axis.
    let most = X_LABELS.min(time_step.max(1));
    let (x_labels, x_label) = x_ticks(chart.plotting_area().dim_in_pixel().0, t_start, t_end, most, theme);
    let y_labels = Y_LABELS.min(hidden.max(1) + 1);
    let y_label = tick_formatter(0.0, j_end, y_labels, Y_LABEL_CHARS);
    theme
        .mesh(&mut chart)
        .disable_mesh()
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_desc(theme.labels.time_step.as_ref())
        .y_desc(theme.labels.hidden_unit.as_ref())
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()?;

    let (bt, bj) = block_size(time_step, hidden, chart.plotting_area().dim_in_pixel());
    let value = |t: usize, j: usize| states.get(t * hidden + j).copied().unwrap_or(f32::NAN);
    let level = |a: usize, b: usize| {
        let (ts, js) = (a * bt..((a + 1) * bt).min(time_step), b * bj..((b + 1) * bj).min(hidden));
        let n = ts.len() * js.len();
        let sum: f32 = ts.flat_map(|t| js.clone().map(move |j| value(t, j))).sum();
        quantize(sum / n as f32)
    };
    let (nt, nj) = (time_step.div_ceil(bt), hidden.div_ceil(bj));
    let mut cells = Vec::new();
    for b in 0..nj {
        let (y0, y1) = ((b * bj) as f64, ((b + 1) * bj).min(hidden) as f64);
        let levels: Vec<Option<i32>> = (0..nt).map(|a| level(a, b)).collect();
        let mut start = 0;
        for a in 1..=nt {
            if a == nt || levels[a] != levels[start] {
                let (x0, x1) = (edge(start * bt), edge((a * bt).min(time_step)));
                cells.push(Rectangle::new([(x0, y1), (x1, y0)], colour(levels[start], theme).filled()));
                start = a;
            }
        }
    }
    chart.draw_series(cells)?;
    Ok(Some(Layout::of(&chart, (t_start, t_end), (0.0, j_end), false, Some(entries))))
}

/// Blocks of (time steps, units) small enough that at most MAX_CELLS are drawn,
/// growing whichever side is shorter on screen. `plot` is the plot size in pixels.
fn block_size(time_step: usize, hidden: usize, plot: (u32, u32)) -> (usize, usize) {
    let (mut bt, mut bj) = (1, 1);
    while time_step.div_ceil(bt) * hidden.div_ceil(bj) > MAX_CELLS {
        let width = plot.0 as usize * bt / time_step;
        let height = plot.1 as usize * bj / hidden;
        if height <= width {
            bj += 1;
        } else {
            bt += 1;
        }
    }
    (bt, bj)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_grids_are_drawn_cell_by_cell() {
        assert_eq!(block_size(10, 32, (1100, 650)), (1, 1));
        assert_eq!(block_size(0, 0, (1100, 650)), (1, 1));
    }

    #[test]
    fn large_grids_are_pooled_into_at_most_max_cells_blocks() {
        let (bt, bj) = block_size(200, 256, (1100, 650));
        assert!(200usize.div_ceil(bt) * 256usize.div_ceil(bj) <= MAX_CELLS);
        // Units are shorter on screen than time steps are wide, so they are pooled more.
        assert!(bj >= bt, "{bt} × {bj}");
    }
}

//! The gradient-flow chart: on the left, ‖dL/dh_t‖ (the norm) against the time step t (1 to T) of
//! the last window (log scale, one line per layer), with the gradient of the last time step's loss
//! alone as it goes back through time; on the right, the global gradient norm of every
//! training step (log scale), with the clipping threshold when clipping is on. On a canvas at
//! least as tall as it is wide, the two panels are one above the other instead.

use super::{pixels, x_ticks, ChartError, Entries, Layout, LegendEntry, Theme, X_LABELS};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The lines of layers 1 to 3 (layer 0's is the prediction colour, the page's if it sets one).
const LAYER_COLORS: [RGBColor; 3] =
    [RGBColor(0xff, 0x7f, 0x0e), RGBColor(0x2c, 0xa0, 0x2c), RGBColor(0x94, 0x67, 0xbd)];

/// What the chart shows.
pub struct GradientFlow<'a> {
    /// layers × time_step: ‖dL/dh_t‖ of the last window, layer 0 first.
    pub hidden_norms: &'a [f32],
    /// The same for the last time step's loss alone (top layer used), or empty when not tracked.
    pub last_step_norms: &'a [f32],
    pub layers: usize,
    pub time_step: usize,
    /// The global gradient norm of every step, entry i covering steps i·stride + 1 to (i+1)·stride
    /// (from 1), drawn at their middle (Entries::per_step).
    pub global_norms: &'a [f32],
    pub stride: u64,
    /// The clipping threshold; 0 when clipping is off.
    pub clip_norm: f64,
}

/// The layouts of the chart's two panels.
pub struct GradientFlowLayout {
    /// The left (or upper) panel: time step t against ‖dL/dh_t‖.
    pub through_time: Layout,
    /// The right (or lower) panel: training step against the global gradient norm.
    pub over_training: Layout,
}

/// Draws the chart; returns its panels' layouts, or None on a canvas too small for axes.
pub fn draw_gradient_flow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &GradientFlow,
    theme: &Theme,
) -> Result<Option<GradientFlowLayout>, ChartError> {
    if !theme.clear(area)? {
        return Ok(None);
    }
    // Side by side on a wide canvas; on one as tall as it is wide (a phone's: the page draws the
    // chart so where it is narrow), one above the other, each panel the canvas's whole width.
    let (w, h) = area.dim_in_pixel();
    let (first, second) =
        if h >= w { area.split_vertically(h as i32 / 2) } else { area.split_horizontally((w as f64 * 0.58) as i32) };
    let through_time = draw_through_time(&first, g, theme)?;
    let over_training = draw_over_training(&second, g, theme)?;
    Ok(Some(GradientFlowLayout { through_time, over_training }))
}

fn draw_through_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &GradientFlow,
    theme: &Theme,
) -> Result<Layout, ChartError> {
    let t_len = g.time_step.max(1);
    let top = g.layers.saturating_sub(1);
    let last = if g.last_step_norms.len() == g.layers * t_len {
        &g.last_step_norms[top * t_len..(top + 1) * t_len]
    } else {
        &[][..]
    };
    let (lo, hi) = log_range(g.hidden_norms.iter().chain(last).copied());
    // Time steps 1 to T, as the equations number them.
    let entries = Entries::TIME_STEPS;
    let (x_start, x_end) = (entries.x(0), entries.x(t_len.max(2) - 1));
    let mut chart = theme.builder(area).build_cartesian_2d(x_start..x_end, super::log_axis(lo, hi))?;
    let (x_labels, x_label) =
        x_ticks(chart.plotting_area().dim_in_pixel().0, x_start, x_end, X_LABELS.min(t_len), theme);
    theme
        .mesh(&mut chart)
        .x_labels(x_labels)
        .x_desc(theme.labels.time_step_t.as_ref())
        .y_desc("‖dL/dh_t‖")
        .x_label_formatter(&x_label)
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .draw()?;
    // Each line broken where a norm is not positive and finite (a diverged run's NaN: plotters
    // would join the points either side), a point alone a dot; their vertices (in the plot's
    // pixels) kept for the legend to stay off.
    let mut data: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut draw_norms = |norms: &[f32], style: ShapeStyle| -> Result<(), ChartError> {
        let points = norms.iter().enumerate().map(|(t, &n)| (entries.x(t), if n > 0.0 { n as f64 } else { f64::NAN }));
        for run in super::finite_runs(points) {
            data.push(pixels(&chart, &run));
            super::draw_run(&mut chart, run, style, theme.px(2.5) as u32)?;
        }
        Ok(())
    };
    let mut legend = Vec::new();
    for (l, norms) in g.hidden_norms.chunks(t_len).enumerate().take(g.layers) {
        let color = if l == 0 { theme.prediction() } else { LAYER_COLORS[(l - 1) % LAYER_COLORS.len()] };
        let style = color.stroke_width(theme.stroke(1.5));
        draw_norms(norms, style)?;
        let label = if g.layers == 1 { theme.labels.window_loss.as_ref() } else { theme.labels.layer(l) };
        legend.push(LegendEntry { label, style });
    }
    if !last.is_empty() {
        let style = theme.target().stroke_width(theme.stroke(1.0));
        draw_norms(last, style)?;
        legend.push(LegendEntry { label: &theme.labels.last_step_loss, style });
    }
    let plot = chart.plotting_area().strip_coord_spec();
    if g.hidden_norms.iter().chain(last).any(|n| !n.is_finite()) {
        let caption = super::say_not_finite(&plot, &data, theme)?;
        data.push(caption);
    }
    super::draw_legend(&plot, &legend, &data, theme)?;
    Ok(Layout::of(&chart, (x_start, x_end), (lo, hi), true, Some(entries)))
}

fn draw_over_training<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &GradientFlow,
    theme: &Theme,
) -> Result<Layout, ChartError> {
    let stride = g.stride.max(1) as f64;
    let entries = Entries::per_step(stride);
    let steps = (g.global_norms.len() as f64 * stride).max(10.0);
    let clip = if g.clip_norm > 0.0 { Some(g.clip_norm as f32) } else { None };
    let (lo, hi) = log_range(g.global_norms.iter().copied().chain(clip));
    let mut chart = theme.builder(area).build_cartesian_2d(0.0..steps, super::log_axis(lo, hi))?;
    let (n, x_label) = x_ticks(chart.plotting_area().dim_in_pixel().0, 0.0, steps, 4, theme);
    theme
        .mesh(&mut chart)
        .x_labels(n)
        .x_desc(theme.labels.step.as_ref())
        .y_desc(theme.labels.gradient_norm.as_ref())
        .x_label_formatter(&x_label)
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .draw()?;
    // Broken where a norm is not positive and finite, as through time; (its vertices, and the
    // clipping threshold's, for the legend and the caption to stay off: only where there is one).
    let not_finite = g.global_norms.iter().any(|n| !n.is_finite());
    let points =
        g.global_norms.iter().enumerate().map(|(i, &n)| (entries.x(i), if n > 0.0 { n as f64 } else { f64::NAN }));
    let mut data = Vec::new();
    for run in super::finite_runs(points) {
        if clip.is_some() || not_finite {
            data.push(pixels(&chart, &run));
        }
        super::draw_run(&mut chart, run, theme.prediction().stroke_width(theme.stroke(1.0)), theme.px(2.5) as u32)?;
    }
    let clip_style = theme.target().stroke_width(theme.stroke(1.0));
    if let Some(c) = clip {
        let threshold = vec![(0.0, c as f64), (steps, c as f64)];
        data.push(pixels(&chart, &threshold));
        chart.draw_series(std::iter::once(PathElement::new(threshold, clip_style)))?;
    }
    let plot = chart.plotting_area().strip_coord_spec();
    if not_finite {
        let caption = super::say_not_finite(&plot, &data, theme)?;
        data.push(caption);
    }
    if clip.is_some() {
        super::draw_legend(&plot, &[LegendEntry { label: &theme.labels.clip, style: clip_style }], &data, theme)?;
    }
    Ok(Layout::of(&chart, (0.0, steps), (lo, hi), true, Some(entries)))
}

/// The log axis's bounds around the positive finite values (`super::log_bounds`).
fn log_range(values: impl Iterator<Item = f32>) -> (f64, f64) {
    super::log_bounds(values.filter(|v| v.is_finite() && *v > 0.0).map(f64::from))
}

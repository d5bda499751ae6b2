//! The chart functions: each draws one chart of a trainer onto the canvas it is given.

use super::crisp_canvas::CrispCanvas;
use super::trainer::JsTrainer;
use crate::charts::{self, Colors, Theme, WindowSeries};
use js_sys::Reflect;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

fn theme(options: &JsValue) -> Theme {
    let get = |from: &JsValue, name: &str| Reflect::get(from, &JsValue::from_str(name)).ok();
    let dark = get(options, "dark").and_then(|v| v.as_bool()).unwrap_or(false);
    let pixel_ratio =
        get(options, "pixelRatio").and_then(|v| v.as_f64()).filter(|r| r.is_finite() && *r > 0.0).unwrap_or(1.0);
    let colors = get(options, "colors").filter(|c| c.is_object()).unwrap_or(JsValue::UNDEFINED);
    let color = |name: &str| get(&colors, name).and_then(|v| v.as_string()).and_then(|s| parse_hex(&s));
    Theme {
        dark,
        pixel_ratio,
        colors: Colors {
            target: color("target"),
            prediction: color("prediction"),
            input: color("input"),
            background: color("background"),
            text: color("text"),
        },
    }
}

/// `#rrggbb` (what a canvas's `fillStyle` gives back for any opaque CSS colour) as a colour.
fn parse_hex(s: &str) -> Option<RGBColor> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

fn backend(canvas: HtmlCanvasElement) -> Result<CrispCanvas, JsError> {
    CrispCanvas::new(canvas).ok_or_else(|| JsError::new("the canvas has no 2D context"))
}

fn done(result: Result<(), charts::ChartError>) -> Result<(), JsError> {
    result.map_err(|e| JsError::new(&format!("drawing failed: {e}")))
}

/// The live strip chart: the last few trained windows (before the first step, the
/// untrained prediction of window 0), target red, prediction blue, input faint.
#[wasm_bindgen(js_name = drawStrip)]
pub fn draw_strip(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let trainer = &trainer.inner;
    let (task, seed, n) = (trainer.config().task, trainer.config().seed, trainer.config().time_step);
    let mut shown: Vec<(u64, &[f32])> = trainer.recent_windows().collect();
    if shown.is_empty() {
        let w = trainer.last_window();
        shown.push((w.k, w.prediction));
    }
    // Time axis, input and target are regenerated from the window index.
    let len = n * shown.len();
    let (mut t, mut x, mut y) = (vec![0.0; len], vec![0.0; len], vec![0.0; len]);
    let parts = t.chunks_exact_mut(n).zip(x.chunks_exact_mut(n)).zip(y.chunks_exact_mut(n));
    for (((t, x), y), (k, _)) in parts.zip(&shown) {
        task.window(*k, seed, t, x, y);
    }
    let series: Vec<WindowSeries> = shown
        .iter()
        .enumerate()
        .map(|(i, (_, prediction))| {
            let at = i * n..(i + 1) * n;
            WindowSeries { t: &t[at.clone()], input: &x[at.clone()], target: &y[at], prediction }
        })
        .collect();
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_strip(&area, &series, &theme(&options)))
}

/// The loss history, log scale.
#[wasm_bindgen(js_name = drawLoss)]
pub fn draw_loss(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let history = trainer.inner.losses();
    let losses: Vec<f32> = history.entries().collect();
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_loss(&area, &losses, history.stride(), &theme(&options)))
}

/// The last window's hidden state as a heatmap (hidden units × time steps).
#[wasm_bindgen(js_name = drawHidden)]
pub fn draw_hidden(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let c = trainer.inner.config();
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_hidden(&area, trainer.inner.hidden_states(), c.time_step, c.hidden, &theme(&options)))
}

/// The tutorial's static chart of sin and cos over 0 to 2π.
#[wasm_bindgen(js_name = drawPreview)]
pub fn draw_preview(
    canvas: HtmlCanvasElement,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<(), JsError> {
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_preview(&area, &theme(&options)))
}

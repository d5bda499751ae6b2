//! The chart functions: each draws one chart of a trainer onto the canvas it is given.

use super::trainer::JsTrainer;
use crate::charts::{self, Theme, WindowSeries};
use js_sys::Reflect;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

fn theme(options: &JsValue) -> Theme {
    let get = |name: &str| Reflect::get(options, &JsValue::from_str(name)).ok();
    let dark = get("dark").and_then(|v| v.as_bool()).unwrap_or(false);
    let pixel_ratio = get("pixelRatio").and_then(|v| v.as_f64()).filter(|r| r.is_finite() && *r > 0.0).unwrap_or(1.0);
    Theme { dark, pixel_ratio }
}

fn backend(canvas: HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("the canvas has no 2D context"))
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
    // Time axis, input and target are regenerated from the window index.
    let mut windows: Vec<(Vec<f64>, Vec<f32>, Vec<f32>, &[f32])> = Vec::new();
    let mut add = |k: u64, prediction| {
        let (mut t, mut x, mut y) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        task.window(k, seed, &mut t, &mut x, &mut y);
        windows.push((t, x, y, prediction));
    };
    let mut recent = trainer.recent_windows().peekable();
    if recent.peek().is_none() {
        let w = trainer.last_window();
        add(w.k, w.prediction);
    }
    for (k, prediction) in recent {
        add(k, prediction);
    }
    let series: Vec<WindowSeries> = windows
        .iter()
        .map(|(t, x, y, p)| WindowSeries { t, input: x, target: y, prediction: p })
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

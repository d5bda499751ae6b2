//! The chart functions: each draws one chart of a trainer onto the canvas it is given.

use super::crisp_canvas::CrispCanvas;
use super::errors::{error, integer_range};
use super::object;
use super::trainer::JsTrainer;
use crate::charts::{self, Colors, GradientFlow, Labels, Layout, Mark, Theme, WindowSeries};
use crate::error::Error;
use crate::messages as m;
use crate::numbers::compact;
use crate::training::tasks::Task;
use crate::Trainer;
use js_sys::{Float32Array, Float64Array, Object, Reflect};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The chart options' colours and ratio, with `labels` (from `chart_labels`).
fn theme<'a>(options: &JsValue, labels: &'a Labels) -> Theme<'a> {
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
        labels,
    }
}

thread_local! {
    /// The last `options.labels` object read and what it said: a page passes the same object
    /// every frame until its language changes, so its texts are read once, not per drawing.
    static LABELS: RefCell<Option<(JsValue, Rc<Labels>)>> = const { RefCell::new(None) };
}

/// The texts of `options.labels` (English for each one missing), read again only when it is another object.
fn chart_labels(options: &JsValue) -> Rc<Labels> {
    let given = Reflect::get(options, &JsValue::from_str("labels")).ok().filter(|l| l.is_object());
    let Some(given) = given else { return Rc::new(Labels::ENGLISH) };
    LABELS.with_borrow_mut(|cache| {
        if let Some((_, labels)) = cache.as_ref().filter(|(object, _)| Object::is(object, &given)) {
            return labels.clone();
        }
        let labels = Rc::new(read_labels(&given));
        *cache = Some((given, labels.clone()));
        labels
    })
}

/// `ChartLabels` (d.ts) as `Labels`.
fn read_labels(given: &JsValue) -> Labels {
    let text = |name: &str| Reflect::get(given, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    let mut labels = Labels::ENGLISH;
    for (name, into) in [
        ("target", &mut labels.target),
        ("prediction", &mut labels.prediction),
        ("input", &mut labels.input),
        ("step", &mut labels.step),
        ("loss", &mut labels.loss),
        ("noSteps", &mut labels.no_steps),
        ("noFiniteLoss", &mut labels.no_finite_loss),
        ("timeStep", &mut labels.time_step),
        ("hiddenUnit", &mut labels.hidden_unit),
        ("timeStepT", &mut labels.time_step_t),
        ("windowLoss", &mut labels.window_loss),
        ("lastStepLoss", &mut labels.last_step_loss),
        ("gradientNorm", &mut labels.gradient_norm),
        ("clip", &mut labels.clip),
        ("notFinite", &mut labels.not_finite),
    ] {
        if let Some(t) = text(name) {
            *into = t.into();
        }
    }
    if let Some(layers) = Reflect::get(given, &JsValue::from_str("layers")).ok().filter(js_sys::Array::is_array) {
        for (i, label) in labels.layers.iter_mut().enumerate() {
            if let Some(t) = Reflect::get_u32(&layers, i as u32).ok().and_then(|v| v.as_string()) {
                *label = t.into();
            }
        }
    }
    labels
}

/// `#rrggbb` (what a canvas's `fillStyle` gives back for any opaque CSS colour) as a colour.
fn parse_hex(s: &str) -> Option<RGBColor> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

fn backend(canvas: HtmlCanvasElement) -> Result<CrispCanvas, JsValue> {
    CrispCanvas::new(canvas).ok_or_else(|| error(Error::new(m::CANVAS_CONTEXT)))
}

/// A chart's layout as `ChartLayout` (undefined when the canvas was too small for axes).
fn done(result: Result<Option<Layout>, charts::ChartError>) -> Result<JsValue, JsValue> {
    Ok(drawn(result)?.map_or(JsValue::UNDEFINED, |l| layout_object(&l)))
}

/// What a chart function returned, or the Error that drawing failed.
fn drawn<T>(result: Result<T, charts::ChartError>) -> Result<T, JsValue> {
    result.map_err(|e| error(Error::new(m::DRAWING_FAILED).text("detail", e.to_string())))
}

/// A `ChartLayout` (types.d.ts).
fn layout_object(l: &Layout) -> JsValue {
    let entries =
        l.entries.map_or(JsValue::UNDEFINED, |e| object([("first", e.first.into()), ("spacing", e.spacing.into())]));
    object([
        ("left", l.left.into()),
        ("top", l.top.into()),
        ("width", l.width.into()),
        ("height", l.height.into()),
        ("xMin", l.x.0.into()),
        ("xMax", l.x.1.into()),
        ("yMin", l.y.0.into()),
        ("yMax", l.y.1.into()),
        ("yLog", l.y_log.into()),
        ("entries", entries),
    ])
}

/// The windows the strip chart shows, oldest first (before the first step, the untrained
/// prediction of window 0): their time axes, inputs and targets, regenerated from the window
/// indices, side by side, and each window's prediction.
struct StripData<'a> {
    time_step: usize,
    t: Vec<f64>,
    input: Vec<f32>,
    target: Vec<f32>,
    predictions: Vec<&'a [f32]>,
}

impl<'a> StripData<'a> {
    fn of(trainer: &'a Trainer) -> Self {
        let (task, seed, n) = (trainer.config().task, trainer.config().seed, trainer.config().time_step);
        let mut shown: Vec<(u64, &[f32])> = trainer.recent_windows().collect();
        if shown.is_empty() {
            let w = trainer.last_window();
            shown.push((w.k, w.prediction));
        }
        let len = n * shown.len();
        let (mut t, mut input, mut target) = (vec![0.0; len], vec![0.0; len], vec![0.0; len]);
        let parts = t.chunks_exact_mut(n).zip(input.chunks_exact_mut(n)).zip(target.chunks_exact_mut(n));
        for (((t, x), y), (k, _)) in parts.zip(&shown) {
            task.window(*k, seed, t, x, y);
        }
        StripData { time_step: n, t, input, target, predictions: shown.into_iter().map(|(_, p)| p).collect() }
    }

    fn series(&self) -> Vec<WindowSeries<'_>> {
        let n = self.time_step;
        self.predictions
            .iter()
            .enumerate()
            .map(|(i, prediction)| {
                let at = i * n..(i + 1) * n;
                WindowSeries {
                    t: &self.t[at.clone()],
                    input: &self.input[at.clone()],
                    target: &self.target[at],
                    prediction,
                }
            })
            .collect()
    }
}

/// The live strip chart: the last few trained windows (before the first step, the
/// untrained prediction of window 0), target red, prediction blue, input faint.
/// Returns the chart's layout (for hover readouts), or undefined on a canvas too small.
#[wasm_bindgen(js_name = drawStrip, unchecked_return_type = "ChartLayout | undefined")]
pub fn draw_strip(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let data = StripData::of(&trainer.inner);
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_strip(&area, &data.series(), &theme(&options, &chart_labels(&options))))
}

/// The points the strip chart shows, window after window (oldest first): time t (double
/// precision), input, target and prediction, each of length windows × timeStep.
#[wasm_bindgen(js_name = stripSeries, unchecked_return_type = "StripSeries")]
pub fn strip_series(trainer: &JsTrainer) -> JsValue {
    let data = StripData::of(&trainer.inner);
    let prediction: Vec<f32> = data.predictions.concat();
    object([
        ("t", Float64Array::from(&data.t[..]).into()),
        ("input", Float32Array::from(&data.input[..]).into()),
        ("target", Float32Array::from(&data.target[..]).into()),
        ("prediction", Float32Array::from(&prediction[..]).into()),
    ])
}

/// The loss history, log scale, with a thin line at each hyper-parameter change made during
/// the run ("lr 0.005"). Returns the chart's layout, or undefined on a canvas too small.
#[wasm_bindgen(js_name = drawLoss, unchecked_return_type = "ChartLayout | undefined")]
pub fn draw_loss(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let history = trainer.inner.losses();
    let losses: Vec<f32> = history.entries().collect();
    let marks: Vec<Mark> = trainer
        .inner
        .hyper_changes()
        .iter()
        .map(|c| Mark { step: c.step as f64, label: format!("{} {}", c.parameter.name(), compact(c.value)) })
        .collect();
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_loss_with_marks(
        &area,
        &losses,
        history.stride(),
        &marks,
        &theme(&options, &chart_labels(&options)),
    ))
}

/// The gradient-flow chart: ‖dL/dh_t‖ over the last window's time steps (one line per layer,
/// and the last step's loss alone when `trackLastStepGradient(true)` is on) and the global
/// gradient norm over training with the clipping threshold, side by side (one above the other
/// on a canvas at least as tall as it is wide). Returns the layout of the left (upper) panel
/// (time step, numbered from 1 to T: entry t of the norms at x = t + 1; norm) with the other's
/// as `overTraining` (training step, norm), or undefined on a canvas too small.
#[wasm_bindgen(js_name = drawGradients, unchecked_return_type = "GradientFlowLayout | undefined")]
pub fn draw_gradients(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let t = &trainer.inner;
    let c = t.config();
    let global: Vec<f32> = t.gradient_norms().entries().collect();
    let tracked = t.network().track_last_step;
    let flow = GradientFlow {
        hidden_norms: t.hidden_gradient_norms(),
        last_step_norms: if tracked { t.last_step_gradient_norms() } else { &[] },
        layers: c.layers,
        time_step: c.time_step,
        global_norms: &global,
        stride: t.gradient_norms().stride(),
        clip_norm: c.clip_norm,
    };
    let area = backend(canvas)?.into_drawing_area();
    let Some(l) = drawn(charts::draw_gradient_flow(&area, &flow, &theme(&options, &chart_labels(&options))))? else {
        return Ok(JsValue::UNDEFINED);
    };
    let out = layout_object(&l.through_time);
    js_sys::Reflect::set(&out, &"overTraining".into(), &layout_object(&l.over_training))?;
    Ok(out)
}

/// The last window's hidden state as a heatmap (hidden units × time steps): cell (t, j), t from
/// 0, covers x in [t + 0.5, t + 1.5), y in [j, j+1) of the returned layout: its axis numbers the
/// time steps from 1 to T, as the equations do (undefined on a canvas too small).
#[wasm_bindgen(js_name = drawHidden, unchecked_return_type = "ChartLayout | undefined")]
pub fn draw_hidden(
    canvas: HtmlCanvasElement,
    trainer: &JsTrainer,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let c = trainer.inner.config();
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_hidden(
        &area,
        trainer.inner.hidden_states(),
        c.time_step,
        c.hidden,
        &theme(&options, &chart_labels(&options)),
    ))
}

/// The task `task` (default the tutorial's 'sin-cos'; `seed`, default 1, fixes the
/// denoising task's noise) and an optional seed, as `tasks()` names it.
fn task_and_seed(task: Option<String>, seed: Option<f64>) -> Result<(Task, u32), JsValue> {
    let task = match task {
        None => Task::SinCos,
        Some(name) => Task::from_name(&name).map_err(error)?,
    };
    let seed = match seed {
        None => 1,
        Some(s) if s.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&s) => s as u32,
        Some(s) => return Err(error(integer_range("seed", (0.0, u32::MAX as f64)).number("got", s))),
    };
    Ok((task, seed))
}

/// One period (0 ≤ t ≤ 2π) of a task's input and target, before training: `task` as
/// `tasks()` names it (default 'sin-cos', the tutorial's), `seed` the run's (default 1; it
/// fixes the denoising task's noise). Returns the chart's layout, or undefined on a canvas
/// too small.
#[wasm_bindgen(js_name = drawPreview, unchecked_return_type = "ChartLayout | undefined")]
pub fn draw_preview(
    canvas: HtmlCanvasElement,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TaskName")] task: Option<String>,
    seed: Option<f64>,
) -> Result<JsValue, JsValue> {
    let (task, seed) = task_and_seed(task, seed)?;
    let area = backend(canvas)?.into_drawing_area();
    done(charts::draw_preview(&area, task, seed, &theme(&options, &chart_labels(&options))))
}

/// The points `drawPreview` draws for `task` and `seed` (same defaults): time t, input and
/// target over one period.
#[wasm_bindgen(js_name = previewSeries, unchecked_return_type = "PreviewSeries")]
pub fn preview_series(
    #[wasm_bindgen(unchecked_param_type = "TaskName")] task: Option<String>,
    seed: Option<f64>,
) -> Result<JsValue, JsValue> {
    let (task, seed) = task_and_seed(task, seed)?;
    let (t, input, target) = charts::task_period(task, seed);
    Ok(object([
        ("t", Float64Array::from(&t[..]).into()),
        ("input", Float32Array::from(&input[..]).into()),
        ("target", Float32Array::from(&target[..]).into()),
    ]))
}

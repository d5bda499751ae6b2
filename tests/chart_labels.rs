//! Tick labels as the charts write them, recorded by a drawing backend that keeps every text
//! it is given: they never repeat, and a diverging run's huge values still fit the label area;
//! every text a chart draws besides numbers is the page's (its language's) when it gives one.

mod recorder;

use plotters::prelude::*;
use recorder::Recorder;
use rnn_playground::charts::{
    draw_gradient_flow, draw_hidden, draw_loss, draw_preview, draw_strip, Entries, GradientFlow, Labels, Layout, Theme,
    WindowSeries,
};
use rnn_playground::Task;

const THEME: Theme = Theme {
    dark: false,
    pixel_ratio: 1.0,
    colors: rnn_playground::charts::Colors {
        target: None,
        prediction: None,
        input: None,
        background: None,
        text: None,
    },
    labels: &rnn_playground::charts::Labels::ENGLISH,
};

/// The texts a chart drew below its plot (the x tick labels) and left of it (the y tick labels).
fn labels<R>(draw: impl FnOnce(&DrawingArea<Recorder, plotters::coord::Shift>) -> R) -> (Vec<String>, Vec<String>) {
    let backend = Recorder::default();
    let texts = backend.texts.clone();
    draw(&backend.into_drawing_area());
    let texts = texts.borrow();
    // The x labels sit in the bottom label band, the y labels in the left one (52 px).
    // Axis descriptions are not tick labels.
    let tick = |t: &String| !["t", "step", "loss", "time step", "hidden unit"].contains(&t.as_str());
    let x = texts.iter().filter(|(t, p)| p.1 > 300 - 40 && p.1 < 300 - 14 && tick(t)).map(|(t, _)| t.clone()).collect();
    let y = texts.iter().filter(|(t, p)| p.0 < 60 && tick(t)).map(|(t, _)| t.clone()).collect();
    (x, y)
}

fn assert_unique(what: &str, labels: &[String]) {
    let mut sorted = labels.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), labels.len(), "{what} repeats a tick label: {labels:?}");
}

#[test]
fn the_loss_chart_never_repeats_a_step_tick_with_0_1_or_many_points() {
    for losses in [vec![], vec![0.5], vec![0.5, 0.25], (0..5000).map(|i| 1.0 / (i + 1) as f32).collect()] {
        let (x, _) = labels(|area| draw_loss(area, &losses, 1, &THEME).unwrap());
        assert!(x.len() >= 3, "{} losses: x labels {x:?}", losses.len());
        assert_unique(&format!("the loss chart with {} points", losses.len()), &x);
    }
}

#[test]
fn the_strip_chart_labels_a_diverging_run_compactly() {
    let t: Vec<f64> = (0..10).map(|i| i as f64 * std::f64::consts::PI / 9.0).collect();
    let calm = [0.5f32; 10];
    for huge in [1e30f32, -3e38, 12345.0] {
        let prediction = [0.0, huge, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let w = [WindowSeries { t: &t, input: &calm, target: &calm, prediction: &prediction }];
        let (x, y) = labels(|area| draw_strip(area, &w, &THEME).unwrap());
        assert_unique("the strip chart's t axis", &x);
        assert_unique(&format!("the strip chart's y axis with {huge}"), &y);
        // The y label band is 52 px: about 8 characters of the 11 px font.
        assert!(y.iter().all(|l| l.len() <= 8), "y labels for {huge} do not fit: {y:?}");
    }
}

#[test]
fn the_hidden_heatmap_labels_whole_time_steps_from_1_to_t_and_units() {
    for (time_step, hidden) in [(2, 1), (3, 2), (10, 32), (200, 256)] {
        let states = vec![0.1f32; time_step * hidden];
        let (x, y) = labels(|area| draw_hidden(area, &states, time_step, hidden, &THEME).unwrap());
        assert_unique("the heatmap's time axis", &x);
        assert_unique("the heatmap's unit axis", &y);
        assert!(x.iter().chain(&y).all(|l| l.parse::<u32>().is_ok()), "fractional ticks: {x:?} {y:?}");
        // Time steps from 1 to T, as the equations and the unrolled view number them.
        let steps = 1..=time_step as u32;
        assert!(!x.is_empty() && x.iter().all(|l| steps.contains(&l.parse().unwrap())), "T {time_step}: {x:?}");
    }
}

/// A gradient flow of `layers` layers over 10 time steps, every norm (and the last step's) from
/// `norms`, two training steps, no clipping.
fn flow_of(norms: &[f32], layers: usize) -> GradientFlow<'_> {
    GradientFlow {
        hidden_norms: &norms[..layers * 10],
        last_step_norms: &norms[..layers * 10],
        layers,
        time_step: 10,
        global_norms: &[1.0, 2.0],
        stride: 1,
        clip_norm: 0.0,
    }
}

/// Every text a chart drew on a wide canvas (room for every legend).
fn texts(draw: impl FnOnce(&DrawingArea<Recorder, plotters::coord::Shift>)) -> Vec<String> {
    let backend = Recorder { width: 1600, ..Recorder::default() };
    let texts = backend.texts.clone();
    draw(&backend.into_drawing_area());
    let out = texts.borrow().iter().map(|(t, _)| t.clone()).collect();
    out
}

#[test]
fn every_chart_draws_the_pages_labels_and_no_english_word_when_given_them() {
    let ours = |s: &str| std::borrow::Cow::Owned(format!("«{s}»"));
    let e = Labels::ENGLISH;
    let labels = Labels {
        target: ours(&e.target),
        prediction: ours(&e.prediction),
        input: ours(&e.input),
        step: ours(&e.step),
        loss: ours(&e.loss),
        no_steps: ours(&e.no_steps),
        no_finite_loss: ours(&e.no_finite_loss),
        time_step: ours(&e.time_step),
        hidden_unit: ours(&e.hidden_unit),
        time_step_t: ours(&e.time_step_t),
        window_loss: ours(&e.window_loss),
        last_step_loss: ours(&e.last_step_loss),
        gradient_norm: ours(&e.gradient_norm),
        clip: ours(&e.clip),
        not_finite: ours(&e.not_finite),
        layers: e.layers.clone().map(|l| ours(&l)),
    };
    let theme = Theme { labels: &labels, ..THEME };
    let t: Vec<f64> = (0..10).map(|i| i as f64 * 0.3).collect();
    let v = [0.5f32; 10];
    let norms = [0.5f32; 20];
    let mut drawn = Vec::new();
    drawn.extend(texts(|a| {
        draw_strip(a, &[WindowSeries { t: &t, input: &v, target: &v, prediction: &v }], &theme).unwrap();
    }));
    drawn.extend(texts(|a| {
        draw_loss(a, &[0.5, 0.25], 1, &theme).unwrap();
    }));
    drawn.extend(texts(|a| {
        draw_loss(a, &[], 1, &theme).unwrap();
    }));
    drawn.extend(texts(|a| {
        draw_hidden(a, &v, 10, 1, &theme).unwrap();
    }));
    drawn.extend(texts(|a| {
        draw_preview(a, Task::SinCos, 0, &theme).unwrap();
    }));
    for layers in [1, 2] {
        let flow = GradientFlow { clip_norm: 1.5, ..flow_of(&norms, layers) };
        drawn.extend(texts(|a| {
            draw_gradient_flow(a, &flow, &theme).unwrap();
        }));
    }
    let diverged = [f32::NAN; 10];
    drawn.extend(texts(|a| {
        draw_gradient_flow(a, &flow_of(&diverged, 1), &theme).unwrap();
    }));
    let words: Vec<&String> = drawn.iter().filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())).collect();
    // What may stay: the symbols t and ‖dL/dh_t‖, the loss marks' setting names, numbers such as 1e-3.
    let symbol = |t: &str| t == "t" || t == "‖dL/dh_t‖" || t.parse::<f64>().is_ok();
    let english: Vec<&&String> = words.iter().filter(|t| !t.starts_with('«') && !symbol(t)).collect();
    assert!(english.is_empty(), "English texts drawn although the page gave its own: {english:?}");
    for label in [
        "«target»",
        "«prediction»",
        "«input»",
        "«step»",
        "«loss»",
        "«no steps yet»",
        "«time step»",
        "«hidden unit»",
        "«time step t»",
        "«window's loss»",
        "«layer 1»",
        "«last step's loss»",
        "«gradient norm»",
        "«clip»",
        "«gaps: not finite (NaN or ∞)»",
    ] {
        assert!(drawn.iter().any(|t| t == label), "{label} was not drawn: {drawn:?}");
    }
}

#[test]
fn the_gradient_flow_chart_gives_both_panels_layouts_side_by_side() {
    let norms = [0.5f32; 10];
    let global = [1.0f32, 2.0, 3.0];
    let flow = GradientFlow {
        hidden_norms: &norms,
        last_step_norms: &[],
        layers: 1,
        time_step: 10,
        global_norms: &global,
        stride: 4,
        clip_norm: 0.0,
    };
    let mut layout = None;
    texts(|a| layout = draw_gradient_flow(a, &flow, &THEME).unwrap());
    let l = layout.expect("a wide canvas has room for axes");
    let (left, right) = (&l.through_time, &l.over_training);
    // The left panel: t from 1 to time_step, as the equations number them; the right: steps
    // from 0 to entries × stride.
    assert_eq!(left.x, (1.0, 10.0));
    assert_eq!(right.x, (0.0, 12.0));
    assert!(left.y_log && right.y_log);
    assert!(
        left.left + left.width <= right.left,
        "the panels overlap: {} + {} > {}",
        left.left,
        left.width,
        right.left
    );
    assert!(right.width > 0 && right.height > 0);
}

/// The x tick labels a chart drew on a `width` × 300 canvas, with the x of each one's centre.
fn x_ticks_at(width: u32, draw: impl FnOnce(&DrawingArea<Recorder, plotters::coord::Shift>)) -> Vec<(String, i32)> {
    let backend = Recorder { width, ..Recorder::default() };
    let texts = backend.texts.clone();
    draw(&backend.into_drawing_area());
    let tick = |t: &String| {
        !["t", "step", "loss", "time step", "hidden unit", "time step t", "gradient norm"].contains(&t.as_str())
    };
    let mut x: Vec<(String, i32)> = texts
        .borrow()
        .iter()
        .filter(|(t, p)| p.1 > 300 - 40 && p.1 < 300 - 14 && tick(t))
        .map(|(t, p)| (t.clone(), p.0))
        .collect();
    x.sort_by_key(|(_, at)| *at);
    x
}

/// Fails where two neighbouring labels (centred at their x, 0.55 em a character of the 11 px
/// font, as the recorder measures text) are less than 4 px apart.
fn assert_apart(what: &str, ticks: &[(String, i32)]) {
    let half = |s: &str| s.len() as f64 * 11.0 * 0.55 / 2.0;
    for pair in ticks.windows(2) {
        let ((a, xa), (b, xb)) = (&pair[0], &pair[1]);
        let room = f64::from(xb - xa) - half(a) - half(b);
        assert!(
            room >= 4.0,
            "{what}: \"{a}\" at {xa} and \"{b}\" at {xb} run into each other ({room:.1} px apart): {ticks:?}"
        );
    }
}

#[test]
fn x_tick_labels_never_run_into_each_other_at_any_width_or_step_count() {
    for width in [200, 260, 360, 600, 1000] {
        // The loss over 10 to 10^9 steps (a long speed-max run: "200000400000600000…" before).
        for steps in [10u64, 5_000, 25_000, 1_000_000, 1_000_000_000] {
            let losses: Vec<f32> = (0..100).map(|i| 1.0 / (i + 1) as f32).collect();
            let stride = (steps / 100).max(1);
            let x = x_ticks_at(width, |a| {
                draw_loss(a, &losses, stride, &THEME).unwrap();
            });
            assert!(x.len() >= 2, "the loss chart at {width} px, {steps} steps: {x:?}");
            assert_apart(&format!("the loss chart at {width} px, {steps} steps"), &x);
            let flow = GradientFlow {
                hidden_norms: &[0.5; 10],
                last_step_norms: &[],
                layers: 1,
                time_step: 10,
                global_norms: &losses,
                stride,
                clip_norm: 0.0,
            };
            let x = x_ticks_at(width * 2, |a| {
                draw_gradient_flow(a, &flow, &THEME).unwrap();
            });
            assert!(x.len() >= 4, "the gradient flow at {} px, {steps} steps: {x:?}", width * 2);
            assert_apart(&format!("the gradient flow at {} px, {steps} steps", width * 2), &x);
        }
        // The strip chart far into a run (t about 10^6 π) and the heatmap of 200 time steps.
        let t: Vec<f64> = (0..10).map(|i| 3_141_592.0 + i as f64 * std::f64::consts::PI / 9.0).collect();
        let v = [0.5f32; 10];
        let x = x_ticks_at(width, |a| {
            draw_strip(a, &[WindowSeries { t: &t, input: &v, target: &v, prediction: &v }], &THEME).unwrap();
        });
        assert!(x.len() >= 2, "the strip chart at {width} px: {x:?}");
        assert_apart(&format!("the strip chart at {width} px"), &x);
        let x = x_ticks_at(width, |a| {
            draw_hidden(a, &vec![0.1; 200 * 4], 200, 4, &THEME).unwrap();
        });
        assert!(x.len() >= 2, "the heatmap at {width} px: {x:?}");
        assert_apart(&format!("the heatmap at {width} px"), &x);
    }
}

#[test]
fn the_strip_charts_legend_stays_on_a_phones_chart_drawn_more_compactly() {
    let t: Vec<f64> = (0..10).map(|i| i as f64 * 0.3).collect();
    let v = [0.5f32; 10];
    let drawn = |width: u32| {
        let backend = Recorder { width, ..Recorder::default() };
        let texts = backend.texts.clone();
        draw_strip(
            &backend.into_drawing_area(),
            &[WindowSeries { t: &t, input: &v, target: &v, prediction: &v }],
            &THEME,
        )
        .unwrap();
        let texts = texts.borrow();
        let at: Option<Vec<(i32, i32)>> = ["target", "prediction", "input"]
            .iter()
            .map(|l| texts.iter().find(|(text, _)| text == l).map(|(_, p)| *p))
            .collect();
        at.map(|at| at.iter().map(|p| p.1).collect::<std::collections::BTreeSet<_>>().len())
    };
    // 264 px: the strip chart of a 320 px phone's page (it had no legend there): in one row.
    for width in [600, 320, 264] {
        assert_eq!(drawn(width), Some(1), "no legend in one row on a {width} px strip chart");
    }
    // Narrower, in rows rather than over itself.
    assert!(drawn(200) > Some(1), "a 200 px chart's legend: {:?} rows", drawn(200));
}

#[test]
fn the_gradient_flows_legend_stays_on_a_narrow_chart_in_rows() {
    let norms = [0.5f32; 40];
    // 315 × 300: the chart's canvas on a 360 px phone before it was drawn taller (in a smaller
    // font; it had none there); 508: in the page's row of five cards, 1440 px wide (it had none
    // from two layers on); 584: a little wider; 900: one row. 262 × 288 and 315 × 346: a 320 px
    // and a 360 px phone's, panels one above the other (the 262 px one had no legend side by side).
    for (width, height) in [(315, 300), (508, 300), (584, 300), (900, 300), (262, 288), (315, 346)] {
        for layers in 1..=4 {
            let flow = flow_of(&norms, layers);
            let backend = Recorder { width, height, ..Recorder::default() };
            let texts = backend.texts.clone();
            let layout = draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap().unwrap();
            let (upper, lower) = (&layout.through_time, &layout.over_training);
            if height >= width {
                assert!(lower.top >= upper.top + upper.height, "{width} × {height}: {upper:?} {lower:?}");
                assert!(
                    upper.width > width as i32 / 2 && lower.width > width as i32 / 2,
                    "{width} px: panels not full width"
                );
            } else {
                assert!(lower.left >= upper.left + upper.width, "{width} × {height}: {upper:?} {lower:?}");
            }
            let texts = texts.borrow();
            let mut labels: Vec<String> = (0..layers).map(|l| format!("layer {l}")).collect();
            if layers == 1 {
                labels = vec!["window's loss".into()];
            }
            labels.push("last step's loss".into());
            let at: Vec<(i32, i32)> = labels
                .iter()
                .map(|l| {
                    texts
                        .iter()
                        .find(|(t, _)| t == l)
                        .map(|(_, p)| *p)
                        .unwrap_or_else(|| panic!("{width} px, {layers} layers: no {l}"))
                })
                .collect();
            // In reading order, each after the one before on its row or on a row below, never
            // over it; one row where it fits.
            for pair in at.windows(2) {
                assert!(
                    pair[1].1 > pair[0].1 || (pair[1].1 == pair[0].1 && pair[1].0 > pair[0].0 + 30),
                    "{width} px, {layers} layers: {at:?}"
                );
            }
            let rows = at.iter().map(|p| p.1).collect::<std::collections::BTreeSet<_>>().len();
            if width == 900 {
                assert_eq!(rows, 1, "{layers} layers at 900 px: {at:?}");
            }
        }
    }
}

#[test]
fn a_diverged_windows_gradient_flow_draws_its_one_finite_norm_as_a_dot_and_says_the_rest_are_not_finite() {
    // A diverged run's last window (SGD at lr 10): every ‖dL/dh_t‖ NaN but the last time step's.
    let mut norms = [f32::NAN; 10];
    norms[9] = 6.4e36;
    let drawn = |norms: &[f32]| {
        let backend = Recorder::default();
        let (texts, dots) = (backend.texts.clone(), backend.dots.clone());
        let flow = GradientFlow { last_step_norms: norms, ..flow_of(norms, 1) };
        draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap();
        let caption = texts.borrow().iter().any(|(t, _)| t == "gaps: not finite (NaN or ∞)");
        (dots.get(), caption)
    };
    // Before, a line of one point each: nothing to see, and nothing said.
    assert_eq!(drawn(&norms), (2, true), "the window's and the last step's point, and the caption");
    assert_eq!(drawn(&[0.5; 10]), (0, false), "a finite window: lines, no caption");
}

#[test]
fn the_gradient_norm_over_training_is_broken_where_a_norm_is_not_finite_a_point_alone_a_dot_and_says_so() {
    // Steps 1-2, a NaN, 4-5, an infinity, 7: two lines of two points and a dot, in the right
    // panel (from x = 348 of the 600 px canvas); before, one line of five points, joined across.
    let backend = Recorder::default();
    let (paths, centres, colors, texts) =
        (backend.paths.clone(), backend.dot_centres.clone(), backend.dot_colors.clone(), backend.texts.clone());
    let global = [1.0, 2.0, f32::NAN, 3.0, 4.0, f32::INFINITY, 5.0];
    let flow = GradientFlow { global_norms: &global, ..flow_of(&[0.5; 10], 1) };
    draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap();
    // (The norm's colour: the left panel's window line's, the prediction's.)
    let norm = paths.borrow().iter().find(|(_, p)| p.len() == 10).expect("the window's line").0;
    let lines: Vec<usize> =
        paths.borrow().iter().filter(|(c, p)| *c == norm && p[0].0 > 348).map(|(_, p)| p.len()).collect();
    assert_eq!(lines, [2, 2], "the norm's lines in the right panel");
    let dots = centres.borrow().iter().zip(colors.borrow().iter()).filter(|(p, c)| p.0 > 348 && **c == norm).count();
    assert_eq!(dots, 1, "the dot of step 7");
    // And it says why, there only (the window's norms are finite): the line had stopped unexplained.
    let said: Vec<bool> =
        texts.borrow().iter().filter(|(t, _)| t == "gaps: not finite (NaN or ∞)").map(|(_, p)| p.0 > 348).collect();
    assert_eq!(said, [true], "the caption, in the right panel alone");
}

#[test]
fn the_gradient_flows_legend_goes_to_the_corner_its_lines_leave_free() {
    // Where the legend's label starts (x, y), on a 600 × 300 canvas; its left panel is 348 px wide.
    let legend_at = |norms: &[f32]| {
        let backend = Recorder::default();
        let texts = backend.texts.clone();
        let flow = GradientFlow { last_step_norms: &[], ..flow_of(norms, 1) };
        draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap();
        let at = texts.borrow().iter().find(|(t, _)| t == "window's loss").map(|(_, p)| *p);
        at.expect("no legend")
    };
    // From 8 at t 1 down to 0.008 (the top of the axis is 10): the legend stays top-right, as before.
    let falling: Vec<f32> = (0..10).map(|t| 8.0 * 10f32.powf(-(t as f32) / 3.0)).collect();
    let (x, y) = legend_at(&falling);
    assert!(x > 174 && y < 150, "falling norms: the legend at {x}, {y}");
    // Rising to 8 at the window's end (a vanishing gradient, seen from there), through the top-right
    // corner, which the legend had covered: it goes to the top left.
    let rising: Vec<f32> = falling.iter().rev().copied().collect();
    let (x, y) = legend_at(&rising);
    assert!(x < 174 && y < 150, "rising norms: the legend at {x}, {y}");
}

/// The pixel column of data x in `layout`.
fn column(layout: &Layout, x: f64) -> f64 {
    layout.left as f64 + (x - layout.x.0) / (layout.x.1 - layout.x.0) * (layout.width - 1) as f64
}

#[test]
fn the_loss_chart_draws_step_k_at_k() {
    // One finite loss, step 2's (stride 1): a dot, at x = 2 of the axis (it had been at 1.5).
    let backend = Recorder::default();
    let centres = backend.dot_centres.clone();
    let layout = draw_loss(&backend.into_drawing_area(), &[f32::NAN, 0.5], 1, &THEME).unwrap().unwrap();
    let x = centres.borrow()[0].0 as f64;
    let at = column(&layout, 2.0);
    assert!((x - at).abs() <= 1.0, "step 2 drawn at pixel {x}, x = 2 is pixel {at} ({layout:?})");
    assert_eq!(layout.entries.map(|e| e.x(1)), Some(2.0), "the layout's entries say so");
}

/// The readouts name the entry under the pointer from the layout's `entries` alone: each line
/// of a history or of a window's time steps has its vertices where they say, in every chart
/// that has them (the loss, both gradient-flow panels), with strides of 1 and 3; the heatmap's
/// cells span the spacing around them; the strip and preview charts, whose x is the data's own
/// t, have none.
#[test]
fn each_chart_s_layout_says_where_it_drew_its_entries() {
    let vertices = |paths: &[((u8, u8, u8), Vec<(i32, i32)>)], n: usize| -> Vec<f64> {
        let line = paths.iter().find(|(_, p)| p.len() == n).unwrap_or_else(|| panic!("no line of {n} points"));
        line.1.iter().map(|p| p.0 as f64).collect()
    };
    let check = |what: &str, layout: &Layout, xs: &[f64]| {
        let e = layout.entries.unwrap_or_else(|| panic!("{what}: no entries"));
        for (i, &x) in xs.iter().enumerate() {
            let at = column(layout, e.x(i));
            assert!((x - at).abs() <= 1.0, "{what}: entry {i} drawn at pixel {x}, its x {} is pixel {at}", e.x(i));
        }
    };
    let losses = [0.5f32, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02];
    for stride in [1, 3] {
        let backend = Recorder::default();
        let paths = backend.paths.clone();
        let layout = draw_loss(&backend.into_drawing_area(), &losses, stride, &THEME).unwrap().unwrap();
        check(&format!("loss, stride {stride}"), &layout, &vertices(&paths.borrow(), losses.len()));

        let norms: Vec<f32> = (0..10).map(|t| 0.1 * (t + 1) as f32).collect();
        let flow = GradientFlow { last_step_norms: &[], global_norms: &losses, stride, ..flow_of(&norms, 1) };
        let backend = Recorder::default();
        let paths = backend.paths.clone();
        let l = draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap().unwrap();
        check("gradient flow through time", &l.through_time, &vertices(&paths.borrow(), norms.len()));
        check(
            &format!("gradient norm over training, stride {stride}"),
            &l.over_training,
            &vertices(&paths.borrow(), losses.len()),
        );
        assert_eq!(l.through_time.entries, Some(Entries::TIME_STEPS));
    }
    // The heatmap: time step t's cells span the spacing around entries.x(t) (each step's
    // states of another sign than the next's, so that each is a cell of its own).
    let states: Vec<f32> = (0..20).map(|k| if (k / 2) % 2 == 0 { 0.5 } else { -0.5 }).collect();
    let backend = Recorder::default();
    let rects = backend.filled_rects.clone();
    let layout = draw_hidden(&backend.into_drawing_area(), &states, 10, 2, &THEME).unwrap().unwrap();
    let e = layout.entries.expect("the heatmap's entries");
    // (One rectangle a unit; the background's, as wide as the canvas, left out.)
    let mut edges: Vec<(i32, i32)> =
        rects.borrow().iter().map(|(a, b)| (a.0, b.0)).filter(|(x0, x1)| x1 - x0 < 300).collect();
    edges.sort();
    edges.dedup();
    assert_eq!(edges.len(), 10, "one cell a time step: {edges:?}");
    for (t, &(x0, x1)) in edges.iter().enumerate() {
        let (left, right) = (column(&layout, e.x(t) - e.spacing / 2.0), column(&layout, e.x(t) + e.spacing / 2.0));
        assert!(
            (x0 as f64 - left).abs() <= 1.0 && (x1 as f64 - right).abs() <= 1.0,
            "time step {t}: cell {x0}–{x1}, its spacing {left}–{right}"
        );
    }
    let t: Vec<f64> = (0..10).map(|i| i as f64 / 3.0).collect();
    let v = [0.5f32; 10];
    let w = [WindowSeries { t: &t, input: &v, target: &v, prediction: &v }];
    assert_eq!(draw_strip(&Recorder::default().into_drawing_area(), &w, &THEME).unwrap().unwrap().entries, None);
    assert_eq!(
        draw_preview(&Recorder::default().into_drawing_area(), Task::SinCos, 0, &THEME).unwrap().unwrap().entries,
        None
    );
}

/// "gaps: not finite" goes to the corner its panel's lines leave free, bottom left first, on a
/// box of the background's colour: it had been written at the bottom left over whatever line
/// ran there (a diverged run's gradient norm along the axis's foot, and its legend avoided it).
#[test]
fn the_not_finite_caption_goes_to_the_corner_the_lines_leave_free() {
    // Where the caption starts (x, y) in the right panel (from x = 348 of the 600 × 300 canvas).
    let caption_at = |global: &[f32]| {
        let backend = Recorder::default();
        let texts = backend.texts.clone();
        let flow = GradientFlow { global_norms: global, ..flow_of(&[0.5; 10], 1) };
        draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap();
        let at = texts.borrow().iter().find(|(t, p)| t == "gaps: not finite (NaN or ∞)" && p.0 > 348).map(|(_, p)| *p);
        at.expect("no caption")
    };
    // High, then a NaN: the bottom left is free, as before; on a box.
    let (x, y) = caption_at(&[8.0, 8.0, 8.0, 8.0, f32::NAN]);
    assert!(y > 150 && x < 474, "high norms: the caption at {x}, {y}");
    let backend = Recorder::default();
    let rects = backend.filled_rects.clone();
    let flow = GradientFlow { global_norms: &[8.0, f32::NAN], ..flow_of(&[0.5; 10], 1) };
    draw_gradient_flow(&backend.into_drawing_area(), &flow, &THEME).unwrap();
    assert!(
        rects.borrow().iter().any(|(a, b)| a.0 < x && b.0 > x + 100 && a.1 < y && b.1 > y),
        "no box under the caption at {x}, {y}"
    );
    // Low all along (the axis's foot), then a NaN: both bottom corners are crossed, the top left is free.
    // (Axis 1e-3 to 20: the line at 2e-3 is a fourteenth of the plot's height above its foot.)
    let low: Vec<f32> = (0..400)
        .map(|i| {
            if i == 0 {
                10.0
            } else if i == 399 {
                f32::NAN
            } else {
                2e-3
            }
        })
        .collect();
    let (x, y) = caption_at(&low);
    assert!(y < 150 && x < 474, "low norms: the caption at {x}, {y}, over the line");
}

/// The strip chart's legend keeps its top-right corner over sin/cos, and leaves it where a
/// diverging prediction widens the axis and runs through it (it had hidden 1.4e19 there).
#[test]
fn the_strip_charts_legend_leaves_the_corner_a_diverging_prediction_runs_through() {
    let t: Vec<f64> = (0..10).map(|i| i as f64 * std::f64::consts::PI / 9.0).collect();
    let calm: Vec<f32> = t.iter().map(|&x| x.sin() as f32).collect();
    let legend_x = |prediction: &[f32]| {
        let backend = Recorder::default();
        let texts = backend.texts.clone();
        let w = [WindowSeries { t: &t, input: &calm, target: &calm, prediction }];
        draw_strip(&backend.into_drawing_area(), &w, &THEME).unwrap();
        let at = texts.borrow().iter().find(|(s, _)| s == "target").map(|(_, p)| p.0);
        at.expect("no legend")
    };
    assert!(legend_x(&calm) > 300, "sin/cos: the legend not top-right");
    let mut rising = calm.clone();
    rising[9] = 1.4e19;
    rising[8] = 1e18;
    let x = legend_x(&rising);
    assert!(x < 300, "a prediction rising to 1.4e19 at the right: the legend stayed over it ({x})");
}

/// The loss chart says where losses are left out as not finite (a diverged run's: its line had
/// just stopped), off its line; a change marked at the axis's end has its label left of the
/// mark, inside the plot ("lr 1" had been cut at the chart's edge).
#[test]
fn the_loss_chart_says_its_losses_not_finite_and_keeps_a_marks_label_inside() {
    use rnn_playground::charts::{draw_loss_with_marks, Mark};
    let draw = |losses: &[f32], marks: &[Mark]| {
        let backend = Recorder::default();
        let texts = backend.texts.clone();
        let layout = draw_loss_with_marks(&backend.into_drawing_area(), losses, 1, marks, &THEME).unwrap().unwrap();
        let texts = texts.borrow().clone();
        (layout, texts)
    };
    let caption = "gaps: not finite (NaN or ∞)";
    let falling: Vec<f32> = (0..20).map(|i| 1.0 / (i + 1) as f32).collect();
    assert!(!draw(&falling, &[]).1.iter().any(|(t, _)| t == caption), "said with every loss finite");
    let mut diverged = falling.clone();
    diverged.extend([f32::INFINITY, f32::NAN]);
    assert!(draw(&diverged, &[]).1.iter().any(|(t, _)| t == caption), "not said");
    let mark = Mark { step: diverged.len() as f64, label: "lr 1".into() };
    let (layout, texts) = draw(&diverged, &[mark]);
    let (_, at) = texts.iter().find(|(t, _)| t == "lr 1").expect("the mark's label");
    // The caption off the label (its 11 px box around its text's left middle, the label's 10 px
    // text ending at `at`).
    let (_, c) = texts.iter().find(|(t, _)| t == caption).expect("the caption");
    let overlaps = c.0 - 4 < at.0 && c.0 + 160 > at.0 - 20 && c.1 - 10 < at.1 + 12 && c.1 + 10 > at.1;
    assert!(!overlaps, "the caption at {c:?} over the mark's label at {at:?}");
    // (Right-anchored at `at`: it ends there, left of the mark at the plot's right edge.)
    assert!(
        at.0 <= layout.left + layout.width,
        "the label runs from {} past the plot's edge at {}",
        at.0,
        layout.left + layout.width
    );
    assert!(at.0 > layout.left + layout.width / 2);
}

#[test]
fn a_loss_over_a_decade_or_two_is_read_against_1_2_and_5_of_each_and_a_wider_one_against_its_decades() {
    // One decade had been labelled with a single tick, 1e0, for losses from 0.3 to 1, on an
    // axis from 0.1 to 10: the decade above them empty. Now from the mark below to the mark above.
    let (_, y) = labels(|area| draw_loss(area, &[0.3, 0.5, 0.9, 1.0], 1, &THEME).unwrap());
    assert_eq!(y, ["2e-1", "5e-1", "1e0", "2e0"]);
    let (_, y) = labels(|area| draw_loss(area, &[0.2, 0.25], 1, &THEME).unwrap());
    assert_eq!(y, ["1e-1", "2e-1", "5e-1"]);
    // Wider: the decades within (the axis from 5e-4 to 1: 1e-4 had been a decade empty below).
    let (_, y) = labels(|area| draw_loss(area, &[0.001, 0.5], 1, &THEME).unwrap());
    assert_eq!(y, ["1e-3", "1e-2", "1e-1", "1e0"]);
    // 0.02 to 1.1: on [0.01, 2], not [0.01, 10].
    let (_, y) = labels(|area| draw_loss(area, &[0.02, 1.1], 1, &THEME).unwrap());
    assert_eq!(y, ["1e-2", "1e-1", "1e0"]);
    // Eight decades: each, eight labels (nine had been drawn before eight was the most).
    let (_, y) = labels(|area| draw_loss(area, &[1e-3, 5000.0], 1, &THEME).unwrap());
    assert_eq!(y, ["1e-3", "1e-2", "1e-1", "1e0", "1e1", "1e2", "1e3", "1e4"]);
    // Nine: every other one (each would be nine labels).
    let (_, y) = labels(|area| draw_loss(area, &[1e-4, 5e3], 1, &THEME).unwrap());
    assert_eq!(y, ["1e-4", "1e-2", "1e0", "1e2", "1e4"]);
    // A diverging run's twenty decades: at most eight labels, every third decade.
    let (_, y) = labels(|area| draw_loss(area, &[1e-3, 1e16], 1, &THEME).unwrap());
    assert!(y.len() <= 8 && y.first().map(String::as_str) == Some("1e-3"), "{y:?}");
    assert_unique("the loss chart of a diverging run", &y);
}

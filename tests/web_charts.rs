//! The charts drawn on real canvases in a browser, checked pixel by pixel.
//! Run with `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use plotters::coord::Shift;
use plotters::prelude::*;
use rnn_playground::charts::{draw_hidden, draw_loss, draw_preview, draw_strip, Colors, Theme, WindowSeries};
use rnn_playground::wasm::CrispCanvas;
use rnn_playground::Task;
use std::f32::consts::PI;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const LIGHT: Theme = Theme {
    dark: false,
    pixel_ratio: 2.0,
    colors: Colors { target: None, prediction: None, input: None, background: None, text: None },
    labels: &rnn_playground::charts::Labels::ENGLISH,
};
const DARK: Theme = Theme { dark: true, ..LIGHT };
const WHITE_PX: [u8; 3] = [255, 255, 255];
const DARK_PX: [u8; 3] = [0x11, 0x11, 0x11];

/// The backend the page draws with.
type Area = DrawingArea<CrispCanvas, Shift>;

/// The RGB pixels of a canvas after drawing.
struct Pixels {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

impl Pixels {
    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = 4 * (y * self.width + x);
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }

    /// Rows of column x whose pixel satisfies `is`.
    fn rows(&self, x: usize, is: fn([u8; 3]) -> bool) -> Vec<usize> {
        (0..self.height).filter(|&y| is(self.at(x, y))).collect()
    }

    /// Columns that hold at least one pixel satisfying `is`.
    fn columns(&self, is: fn([u8; 3]) -> bool) -> Vec<usize> {
        (0..self.width).filter(|&x| (0..self.height).any(|y| is(self.at(x, y)))).collect()
    }
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap()
}

/// Draws with `draw` on a fresh canvas.
fn draw_on<R>(width: u32, height: u32, draw: impl FnOnce(&Area) -> R) -> HtmlCanvasElement {
    let canvas = canvas(width, height);
    draw(&CrispCanvas::new(canvas.clone()).unwrap().into_drawing_area());
    canvas
}

/// Draws with `draw` on a fresh canvas and reads its pixels back.
fn render<R>(width: u32, height: u32, draw: impl FnOnce(&Area) -> R) -> Pixels {
    let canvas = draw_on(width, height, draw);
    let image = context(&canvas).get_image_data(0.0, 0.0, width as f64, height as f64).unwrap();
    Pixels { width: width as usize, height: height as usize, rgba: image.data().0 }
}

fn reddish([r, g, b]: [u8; 3]) -> bool {
    r > 150 && g < 110 && b < 110
}

fn blueish([r, g, b]: [u8; 3]) -> bool {
    b > 140 && r < 110 && g < 170 && b as i32 - r as i32 > 80
}

/// Neither red nor blue: background, grid, grey input line or text.
fn neutral([r, g, b]: [u8; 3]) -> bool {
    r.abs_diff(g) < 40 && g.abs_diff(b) < 40 && r.abs_diff(b) < 40
}

/// Six adjacent windows of ten points from t = 10π, like the trainer's.
struct Windows {
    t: Vec<Vec<f64>>,
    input: Vec<Vec<f32>>,
    target: Vec<Vec<f32>>,
    prediction: Vec<Vec<f32>>,
}

impl Windows {
    fn new(prediction: fn(f32) -> f32) -> Self {
        let t: Vec<Vec<f64>> =
            (10..16).map(|k| (0..10).map(|i| (k as f64 + i as f64 / 9.0) * PI as f64).collect()).collect();
        let map = |f: fn(f32) -> f32| t.iter().map(|w| w.iter().map(|&x| f(x as f32)).collect()).collect();
        Windows { input: map(f32::sin), target: map(f32::cos), prediction: map(prediction), t: t.clone() }
    }

    fn series(&self) -> Vec<WindowSeries<'_>> {
        (0..self.t.len())
            .map(|k| WindowSeries {
                t: &self.t[k],
                input: &self.input[k],
                target: &self.target[k],
                prediction: &self.prediction[k],
            })
            .collect()
    }
}

fn half_sin(t: f32) -> f32 {
    0.5 * t.sin()
}

#[wasm_bindgen_test]
fn strip_draws_target_red_and_prediction_blue_where_they_belong() {
    let windows = Windows::new(half_sin);
    let px = render(1200, 600, |area| draw_strip(area, &windows.series(), &LIGHT).unwrap());

    // Calibrate the mapping from the red target: it spans t ∈ [10π, 16π] and cos t ∈ [-1, 1].
    let red_columns = px.columns(reddish);
    let (x0, x1) = (red_columns[0] as f32, *red_columns.last().unwrap() as f32);
    let left_half: Vec<usize> = (x0 as usize..(x0 + x1) as usize / 2).flat_map(|x| px.rows(x, reddish)).collect();
    assert!((x1 - x0) > 900.0, "target spans columns {x0}..{x1}");
    let half_line = LIGHT.pixel_ratio as f32 * 0.75;
    let top = *left_half.iter().min().unwrap() as f32 + half_line;
    let bottom = *left_half.iter().max().unwrap() as f32 - half_line;
    assert!(bottom - top > 200.0, "target spans {top}..{bottom}");
    let x_of = |t: f32| x0 + (t - 10.0 * PI) / (6.0 * PI) * (x1 - x0);
    let y_of = |v: f32| top + (1.0 - v) / 2.0 * (bottom - top);

    // Left of the legend, where the curves are apart, all red lies on cos t and all blue
    // on 0.5 sin t, within half the line's vertical thickness (more where steep) and a
    // few pixels for the chords between points and the calibration; the rest of the
    // column is background, grid or input.
    let slope_scale = ((bottom - top) / 2.0) / ((x1 - x0) / (6.0 * PI)); // pixel slope per unit of dv/dt
    let slack = |half_width: f32, slope: f32| {
        let steep = slope.abs() * slope_scale;
        3.0 + steep + half_width * (1.0 + steep * steep).sqrt()
    };
    let mut checked = 0;
    for i in 0..55 {
        let t = 10.0 * PI + i as f32 * 0.06 * PI;
        if (t.cos() - half_sin(t)).abs() < 0.5 {
            continue;
        }
        let x = x_of(t).round() as usize;
        let curves = [
            (reddish as fn(_) -> _, t.cos(), slack(half_line, t.sin()), "target"),
            (blueish, half_sin(t), slack(2.0 * LIGHT.pixel_ratio as f32, 0.5 * t.cos()), "prediction"),
        ];
        for (is, expected, slack, name) in curves {
            let rows = px.rows(x, is);
            assert!(!rows.is_empty(), "no {name} at t = {t}");
            for y in rows {
                let error = (y as f32 - y_of(expected)).abs();
                assert!(error <= slack, "{name} at y = {y}, expected {} ± {slack} (t = {t})", y_of(expected));
            }
        }
        let far = if t.cos() > 0.0 { y_of(-1.3) } else { y_of(1.3) };
        assert!(neutral(px.at(x, far as usize)), "t = {t}: {:?} far from the curves", px.at(x, far as usize));
        checked += 1;
    }
    assert!(checked > 20);
    assert_eq!(px.at(2, 2), WHITE_PX);
}

#[wasm_bindgen_test]
fn strip_widens_its_y_axis_to_values_outside_the_default_range() {
    let windows = Windows::new(|t| 3.0 * t.sin());
    let px = render(800, 400, |area| draw_strip(area, &windows.series(), &LIGHT).unwrap());
    let (blue, red): (Vec<usize>, Vec<usize>) =
        ((0..260).flat_map(|x| px.rows(x, blueish)).collect(), (0..260).flat_map(|x| px.rows(x, reddish)).collect());
    let span = |v: &[usize]| v.iter().max().unwrap() - v.iter().min().unwrap();
    // Left of the legend, the prediction swings three times as far as the target.
    let ratio = span(&blue) as f32 / span(&red) as f32;
    assert!((2.5..3.5).contains(&ratio), "prediction/target height ratio {ratio}");
}

#[wasm_bindgen_test]
fn strip_survives_a_diverged_network() {
    let mut windows = Windows::new(|_| f32::NAN);
    windows.prediction[5][3] = 0.5;
    windows.target[2][4] = f32::INFINITY;
    windows.t[1][1] = f64::NAN;
    let px = render(600, 300, |area| draw_strip(area, &windows.series(), &LIGHT).unwrap());
    assert!(!px.columns(reddish).is_empty());
    render(600, 300, |area| draw_strip(area, &[], &DARK).unwrap());
    let empty = WindowSeries { t: &[], input: &[], target: &[], prediction: &[] };
    render(600, 300, |area| draw_strip(area, &[empty], &LIGHT).unwrap());
}

#[wasm_bindgen_test]
fn dark_theme_has_a_dark_background_and_light_text() {
    let windows = Windows::new(half_sin);
    let px = render(800, 400, |area| draw_strip(area, &windows.series(), &DARK).unwrap());
    assert_eq!(px.at(2, 2), DARK_PX);
    assert_eq!(px.at(799, 399), DARK_PX);
    let light = (0..800).flat_map(|x| px.rows(x, |[r, g, b]| r > 180 && g > 180 && b > 180)).count();
    assert!(light > 200, "only {light} light pixels of text and axes");
    assert!(!px.columns(blueish).is_empty());
}

#[wasm_bindgen_test]
fn loss_draws_a_falling_line_on_a_log_scale() {
    // Ten times lower every 1000 entries: a straight line on a log scale.
    let losses: Vec<f32> = (0..3000).map(|i| 10f32.powf(-(i as f32) / 1000.0)).collect();
    let px = render(800, 400, |area| draw_loss(area, &losses, 4, &LIGHT).unwrap());
    let columns = px.columns(blueish);
    assert!(columns.len() > 500, "the line covers {} columns", columns.len());
    let mid_y = |x: usize| {
        let rows = px.rows(x, blueish);
        rows.iter().sum::<usize>() as f32 / rows.len() as f32
    };
    let (a, b) = (columns[0] + 5, *columns.last().unwrap() - 5);
    let (ya, yb) = (mid_y(a), mid_y(b));
    assert!(ya < yb - 100.0, "the loss should fall: y {ya} → {yb}");
    // Straight on a log scale: the middle of the line is halfway between its ends.
    let ym = mid_y((a + b) / 2);
    assert!((ym - (ya + yb) / 2.0).abs() < 4.0, "middle at {ym}, ends {ya} and {yb}");
}

#[wasm_bindgen_test]
fn loss_handles_empty_single_and_invalid_histories() {
    let empty = render(600, 300, |area| draw_loss(area, &[], 1, &LIGHT).unwrap());
    assert!(empty.columns(blueish).is_empty());
    // The "no steps yet" caption sits in the middle of the plot.
    let text = (250..450).flat_map(|x| empty.rows(x, |[r, _, _]| r < 128)).filter(|&y| (95..140).contains(&y)).count();
    assert!(text > 20, "no caption: {text} dark pixels");

    let single = render(600, 300, |area| draw_loss(area, &[0.5], 1, &LIGHT).unwrap());
    assert!(!single.columns(blueish).is_empty(), "a single entry shows as a dot");

    let invalid = [f32::NAN, 0.0, -1.0, f32::INFINITY, 0.3, f32::NEG_INFINITY, 0.2];
    let px = render(600, 300, |area| draw_loss(area, &invalid, 8, &DARK).unwrap());
    assert!(!px.columns(blueish).is_empty());
    assert_eq!(px.at(2, 2), DARK_PX);
    render(600, 300, |area| draw_loss(area, &[f32::NAN; 5], 0, &LIGHT).unwrap());
}

#[wasm_bindgen_test]
fn hidden_heatmap_colours_each_unit_by_its_activation() {
    // Units from the bottom: +1, -1, NaN, 0, and +5 which clamps to +1.
    let (time_step, hidden) = (10, 5);
    let unit = [1.0, -1.0, f32::NAN, 0.0, 5.0];
    let states: Vec<f32> = (0..time_step * hidden).map(|i| unit[i % hidden]).collect();
    let px = render(600, 400, |area| draw_hidden(area, &states, time_step, hidden, &LIGHT).unwrap());

    // Cells are tall runs of one colour down a column; the white margins are not cells.
    let cells: Vec<([u8; 3], usize)> =
        runs_of_column(&px, 300).into_iter().filter(|r| r.1 > 20 && r.0 != WHITE_PX).collect();
    let colours: Vec<[u8; 3]> = cells.iter().map(|r| r.0).collect();
    assert_eq!(colours.len(), 5, "cells {cells:?}");
    assert!(reddish(colours[4]) && blueish(colours[3]), "{colours:?}");
    assert_eq!(colours[2], [0x80, 0x80, 0x80]);
    assert!(neutral(colours[1]) && colours[1] != WHITE_PX);
    assert_eq!(colours[0], colours[4]);
    let heights: Vec<usize> = cells.iter().map(|r| r.1).collect();
    assert!(heights.iter().all(|&h| h.abs_diff(heights[0]) <= 1), "cell heights {heights:?}");
}

/// Maximal runs of equal colour down column x: (colour, length).
fn runs_of_column(px: &Pixels, x: usize) -> Vec<([u8; 3], usize)> {
    let mut runs: Vec<([u8; 3], usize)> = Vec::new();
    for y in 0..px.height {
        match runs.last_mut() {
            Some((c, n)) if *c == px.at(x, y) => *n += 1,
            _ => runs.push((px.at(x, y), 1)),
        }
    }
    runs
}

#[wasm_bindgen_test]
fn large_hidden_heatmaps_are_pooled_but_keep_their_pattern_and_nans() {
    // 256 units × 200 steps: the upper half of the units at +1, the lower at -1, one NaN.
    let (time_step, hidden) = (200, 256);
    let mut states: Vec<f32> = (0..time_step * hidden).map(|i| if i % hidden >= 128 { 1.0 } else { -1.0 }).collect();
    states[100 * hidden + 10] = f32::NAN;
    let px = render(1200, 800, |area| draw_hidden(area, &states, time_step, hidden, &DARK).unwrap());
    let cells: Vec<([u8; 3], usize)> = runs_of_column(&px, 600).into_iter().filter(|r| r.1 > 100).collect();
    assert_eq!(cells.len(), 2, "cells {cells:?}");
    assert!(reddish(cells[0].0) && blueish(cells[1].0), "{cells:?}");
    // Each about half the 700-pixel plot; a block straddling the middle is a blend.
    assert!(cells.iter().all(|c| c.1.abs_diff(350) <= 20), "halves {cells:?}");
    let grey = (0..1200).filter(|&x| px.rows(x, |p| p == [0x80, 0x80, 0x80]).len() > 2).count();
    assert!(grey > 2, "the NaN block is {grey} columns wide");
}

#[wasm_bindgen_test]
fn hidden_heatmap_tolerates_short_and_empty_states() {
    render(300, 200, |area| draw_hidden(area, &[0.5; 7], 4, 3, &DARK).unwrap());
    render(300, 200, |area| draw_hidden(area, &[], 0, 0, &LIGHT).unwrap());
}

#[wasm_bindgen_test]
fn preview_shows_cos_starting_at_the_top_and_sin_in_the_middle() {
    let px = render(800, 400, |area| draw_preview(area, Task::SinCos, 1, &LIGHT).unwrap());
    let red = px.columns(reddish);
    let first = red[0] + 3;
    let red_y = px.rows(first, reddish)[0];
    let grey_y = px.rows(first, |p| neutral(p) && p[0] < 220 && p[0] > 100);
    // cos 0 = 1 sits far above sin 0 = 0, and sin runs through there.
    assert!(grey_y.iter().any(|&y| y > red_y + 80), "red at {red_y}, grey at {grey_y:?}");
    assert!(red.len() > 600);
}

#[wasm_bindgen_test]
fn tiny_and_empty_canvases_do_not_panic() {
    let windows = Windows::new(half_sin);
    for (width, height) in [(0, 0), (1, 1), (30, 20), (200, 40)] {
        draw_on(width, height, |area| {
            // Too small for the axes the charts may fail, but they must not panic.
            let _ = draw_strip(area, &windows.series(), &LIGHT);
            let _ = draw_loss(area, &[1.0, 0.5], 1, &LIGHT);
            let _ = draw_hidden(area, &[0.5; 6], 2, 3, &LIGHT);
            let _ = draw_preview(area, Task::SinCos, 1, &DARK);
        });
    }
}

/// Draws all four charts on one 2400×1600 canvas (1200×800 CSS px at DPR 2) and logs
/// the time per frame, rasterising included (a pixel is read back after each frame);
/// fails only if it is grossly slow.
#[wasm_bindgen_test]
fn all_four_charts_draw_fast_at_device_resolution() {
    let windows = Windows::new(half_sin);
    let losses: Vec<f32> = (0..4096).map(|i| 1.0 / (1.0 + i as f32) + 0.01 * (i as f32).sin().abs()).collect();
    let canvas = canvas(2400, 1600);
    let area = CrispCanvas::new(canvas.clone()).unwrap().into_drawing_area();
    let panes = area.split_evenly((2, 2));
    let performance = web_sys::window().unwrap().performance().unwrap();
    let ctx = context(&canvas);

    for (time_step, hidden) in [(10, 32), (200, 256)] {
        let states: Vec<f32> = (0..time_step * hidden).map(|i| (i as f32 * 0.37).sin()).collect();
        let frame = || {
            draw_strip(&panes[0], &windows.series(), &LIGHT).unwrap();
            draw_loss(&panes[1], &losses, 1, &LIGHT).unwrap();
            draw_hidden(&panes[2], &states, time_step, hidden, &LIGHT).unwrap();
            draw_preview(&panes[3], Task::SinCos, 1, &LIGHT).unwrap();
            ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap();
        };
        // Warm up first: the browser compiles hot wasm a second time, optimised.
        let frames = 30;
        (0..frames).for_each(|_| frame());
        let start = performance.now();
        (0..frames).for_each(|_| frame());
        let ms = (performance.now() - start) / frames as f64;
        web_sys::console::log_1(
            &format!("hidden {hidden}×{time_step}: {ms:.2} ms per frame of all four charts").into(),
        );
        assert!(ms < 500.0);
    }
}

/// The darkest value in each row of column `x` between rows `from` and `to`.
fn column_values(px: &Pixels, x: usize, rows: std::ops::Range<usize>) -> Vec<u8> {
    rows.map(|y| px.at(x, y)[0]).collect()
}

#[wasm_bindgen_test]
fn axis_lines_sit_on_the_device_pixel_grid_at_ratio_1_and_2() {
    for ratio in [1.0, 2.0] {
        let theme = Theme { pixel_ratio: ratio, ..LIGHT };
        let (w, h) = ((400.0 * ratio) as u32, (200.0 * ratio) as u32);
        let px = render(w, h, |area| draw_loss(area, &[0.5, 0.1, 0.05], 1, &theme).unwrap());
        // The x axis crosses the middle column in the bottom third: one line of the axis colour
        // (0x33), as many device pixels tall as its width, with no half-intensity row beside it
        // (a line across two pixel rows shows as two rows of about 0x99; the light grid is above 0xc0).
        let x = w as usize / 2;
        let values = column_values(&px, x, (h as usize * 2 / 3)..h as usize);
        let dark: Vec<usize> = (0..values.len()).filter(|&i| values[i] < 0x50).collect();
        let half: Vec<usize> = (0..values.len()).filter(|&i| (0x70..0xc0).contains(&values[i])).collect();
        assert_eq!(dark.len(), ratio as usize, "ratio {ratio}: axis rows {dark:?} in {values:?}");
        assert!(half.is_empty(), "ratio {ratio}: blurred axis rows {half:?} in {values:?}");
        // The y axis (60 CSS px from the left: margin and label band) crosses the middle row likewise.
        let y = h as usize / 2;
        let row: Vec<u8> = ((56.0 * ratio) as usize..(70.0 * ratio) as usize).map(|x| px.at(x, y)[0]).collect();
        let dark = row.iter().filter(|&&v| v < 0x50).count();
        let half = row.iter().filter(|&&v| (0x70..0xc0).contains(&v)).count();
        assert_eq!((dark, half), (ratio as usize, 0), "ratio {ratio}: y axis in {row:?}");
    }
}

//! The strip chart marks each prediction with a dot where the dots stand apart, and draws
//! none where they would overlap into a band (a long window): there they only thickened the
//! line, and 1,200 of them (T 200, six windows) were most of the chart's drawing time.

mod recorder;

use plotters::prelude::*;
use recorder::Recorder;
use rnn_playground::charts::{draw_strip, Colors, Labels, Theme, WindowSeries};

/// The dots the strip chart draws for `windows` windows of `steps` time steps on a canvas
/// `width` device pixels wide at `pixel_ratio`.
fn dots(width: u32, pixel_ratio: f64, windows: usize, steps: usize) -> usize {
    let theme = Theme {
        dark: false,
        pixel_ratio,
        colors: Colors { target: None, prediction: None, input: None, background: None, text: None },
        labels: &Labels::ENGLISH,
    };
    let t: Vec<Vec<f64>> = (0..windows)
        .map(|k| (0..steps).map(|i| (k as f64 + i as f64 / steps as f64) * std::f64::consts::PI).collect())
        .collect();
    let v: Vec<f32> = (0..steps).map(|i| (i as f32 / steps as f32).sin()).collect();
    let series: Vec<WindowSeries> =
        t.iter().map(|t| WindowSeries { t, input: &v, target: &v, prediction: &v }).collect();
    let backend = Recorder { width, ..Recorder::default() };
    let dots = backend.dots.clone();
    draw_strip(&backend.into_drawing_area(), &series, &theme).unwrap();
    dots.get()
}

#[test]
fn a_dot_per_prediction_where_the_dots_stand_apart_none_where_they_would_overlap() {
    // The tutorial's windows (T 10) on a phone-wide chart and a wide one, at devicePixelRatio 1
    // and 2 (the radius and the width both in device pixels): every prediction.
    assert_eq!(dots(360, 1.0, 6, 10), 60);
    assert_eq!(dots(1100, 1.0, 6, 10), 60);
    assert_eq!(dots(2200, 2.0, 6, 10), 60);
    // Decided for the six windows the chart will hold: the first window alone has as many dots.
    assert_eq!(dots(360, 1.0, 1, 10), 10);
    // T 200: 1,200 points on about 1,000 px; T 50 on a phone: none, from the first window.
    assert_eq!(dots(1100, 1.0, 6, 200), 0);
    assert_eq!(dots(2200, 2.0, 6, 200), 0);
    assert_eq!(dots(1100, 1.0, 1, 200), 0);
    assert_eq!(dots(360, 1.0, 6, 50), 0);
}

#[test]
fn a_prediction_alone_between_values_that_are_not_finite_is_one_dot_each_where_the_dots_stand_apart_or_not() {
    // One window: predictions 1-3 finite, 4 NaN, 5 alone, 6 ∞, 7-10 finite. Where the dots
    // stand apart (T 10 on 1,100 px), 8 dots: the lone point's once (not twice); where they
    // would overlap (T 200 on 1,100 px) none but the lone point's (a line of one point draws
    // nothing: it had not been drawn at all).
    let dots_of = |steps: usize, alone: usize| {
        let t: Vec<f64> = (0..steps).map(|i| i as f64 / steps as f64 * std::f64::consts::PI).collect();
        let v: Vec<f32> = (0..steps).map(|i| (i as f32 / steps as f32).sin()).collect();
        let mut p = v.clone();
        p[alone - 1] = f32::NAN;
        p[alone + 1] = f32::INFINITY;
        let series = [WindowSeries { t: &t, input: &v, target: &v, prediction: &p }];
        let theme = Theme {
            dark: false,
            pixel_ratio: 1.0,
            colors: Colors { target: None, prediction: None, input: None, background: None, text: None },
            labels: &Labels::ENGLISH,
        };
        let backend = Recorder { width: 1100, ..Recorder::default() };
        let dots = backend.dots.clone();
        draw_strip(&backend.into_drawing_area(), &series, &theme).unwrap();
        dots.get()
    };
    assert_eq!(dots_of(10, 4), 8);
    assert_eq!(dots_of(200, 100), 1);
}

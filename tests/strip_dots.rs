//! The strip chart marks each prediction with a dot where the dots stand apart, and draws
//! none where they would overlap into a band (a long window): there they only thickened the
//! line, and 1,200 of them (T 200, six windows) were most of the chart's drawing time.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use rnn_playground::charts::{draw_strip, Colors, Labels, Theme, WindowSeries};
use std::cell::Cell;
use std::convert::Infallible;
use std::rc::Rc;

/// A canvas `width` px wide that draws nothing and counts the filled circles it is given.
struct DotCounter {
    width: u32,
    dots: Rc<Cell<usize>>,
}

impl DrawingBackend for DotCounter {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        (self.width, 300)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: u32,
        _: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if fill {
            self.dots.set(self.dots.get() + 1);
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &S,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok(((text.len() as f64 * style.size() * 0.55) as u32, style.size() as u32))
    }
}

const THEME: Theme = Theme {
    dark: false,
    pixel_ratio: 1.0,
    colors: Colors { target: None, prediction: None, input: None, background: None, text: None },
    labels: &Labels::ENGLISH,
};

/// The dots the strip chart draws for `windows` windows of `steps` time steps on a canvas `width` px wide.
fn dots(width: u32, windows: usize, steps: usize) -> usize {
    let t: Vec<Vec<f64>> = (0..windows)
        .map(|k| (0..steps).map(|i| (k as f64 + i as f64 / steps as f64) * std::f64::consts::PI).collect())
        .collect();
    let v: Vec<f32> = (0..steps).map(|i| (i as f32 / steps as f32).sin()).collect();
    let series: Vec<WindowSeries> =
        t.iter().map(|t| WindowSeries { t, input: &v, target: &v, prediction: &v }).collect();
    let counted = Rc::new(Cell::new(0));
    let backend = DotCounter { width, dots: counted.clone() };
    draw_strip(&backend.into_drawing_area(), &series, &THEME).unwrap();
    counted.get()
}

#[test]
fn a_dot_per_prediction_where_the_dots_stand_apart_none_where_they_would_overlap() {
    // The tutorial's windows (T 10) on a phone-wide chart and a wide one: every prediction.
    assert_eq!(dots(360, 6, 10), 60);
    assert_eq!(dots(1100, 6, 10), 60);
    assert_eq!(dots(1100, 1, 200), 200);
    // T 200, six windows: 1,200 points on about 1,000 px.
    assert_eq!(dots(1100, 6, 200), 0);
    assert_eq!(dots(360, 6, 50), 0);
}

//! A drawing backend for the chart tests: a `width` × `height` canvas (600 × 300 by default) that draws
//! nothing, records each text with where it was drawn, each path's colour and points and each
//! filled rectangle's corners, and counts the filled circles (and keeps their centres and colours).

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::cell::{Cell, RefCell};
use std::convert::Infallible;
use std::rc::Rc;

pub struct Recorder {
    pub width: u32,
    pub height: u32,
    pub texts: Rc<RefCell<Vec<(String, BackendCoord)>>>,
    pub dots: Rc<Cell<usize>>,
    pub dot_centres: Rc<RefCell<Vec<BackendCoord>>>,
    pub dot_colors: Rc<RefCell<Vec<(u8, u8, u8)>>>,
    pub paths: Rc<RefCell<Vec<((u8, u8, u8), Vec<BackendCoord>)>>>,
    /// Filled rectangles: upper left and bottom right corners.
    pub filled_rects: Rc<RefCell<Vec<(BackendCoord, BackendCoord)>>>,
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder {
            width: 600,
            height: 300,
            texts: Rc::default(),
            dots: Rc::default(),
            dot_centres: Rc::default(),
            dot_colors: Rc::default(),
            paths: Rc::default(),
            filled_rects: Rc::default(),
        }
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        (self.width, self.height)
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
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        _: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if fill {
            self.filled_rects.borrow_mut().push((upper_left, bottom_right));
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        centre: BackendCoord,
        _: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if fill {
            self.dots.set(self.dots.get() + 1);
            self.dot_centres.borrow_mut().push(centre);
            self.dot_colors.borrow_mut().push(style.color().rgb);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.paths.borrow_mut().push((style.color().rgb, path.into_iter().collect()));
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        _: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.texts.borrow_mut().push((text.to_string(), pos));
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let size = style.size();
        Ok(((text.len() as f64 * size * 0.55) as u32, size as u32))
    }
}

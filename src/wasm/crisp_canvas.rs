//! The charts' canvas backend: plotters-canvas, with two changes.
//! - Horizontal and vertical lines sit on the device pixel grid. A canvas stroke is centred on
//!   its path, so a line of odd width at an integer coordinate covers two rows of device
//!   pixels at half intensity; here every path whose segments are all horizontal or vertical
//!   (axes, ticks, grid) is moved by half a pixel when its width is odd, not at all when even.
//! - Text is measured with the canvas's own `measureText`. plotters' default measures it in a
//!   `<span>` given a `style` attribute, which a Content-Security-Policy without
//!   'unsafe-inline' blocks (and which forces a page layout per label).

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct CrispCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl CrispCanvas {
    /// None when the canvas has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(CrispCanvas { inner: CanvasBackend::with_canvas_object(canvas)?, context })
    }

    /// Strokes `points` on the pixel grid if every segment is horizontal or vertical;
    /// false (nothing drawn) otherwise.
    fn stroke_on_grid<S: BackendStyle>(&self, points: &[BackendCoord], style: &S) -> bool {
        let aligned = points.len() >= 2 && points.windows(2).all(|s| s[0].0 == s[1].0 || s[0].1 == s[1].1);
        if !aligned {
            return false;
        }
        let width = style.stroke_width().max(1);
        let offset = if width % 2 == 1 { 0.5 } else { 0.0 };
        let ctx = &self.context;
        ctx.set_stroke_style_str(&css_color(style.color()));
        ctx.set_line_width(width as f64);
        ctx.begin_path();
        ctx.move_to(points[0].0 as f64 + offset, points[0].1 as f64 + offset);
        for p in &points[1..] {
            ctx.line_to(p.0 as f64 + offset, p.1 as f64 + offset);
        }
        ctx.stroke();
        true
    }
}

fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

/// plotters-canvas's error type (not exported by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Result<T = ()> = std::result::Result<T, DrawingErrorKind<CanvasError>>;

impl DrawingBackend for CrispCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        if style.color().alpha == 0.0 || self.stroke_on_grid(&[from, to], style) {
            return Ok(());
        }
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if !fill && style.color().alpha != 0.0 {
            let (l, t, r, b) = (upper_left.0, upper_left.1, bottom_right.0, bottom_right.1);
            if self.stroke_on_grid(&[(l, t), (r, t), (r, b), (l, b), (l, t)], style) {
                return Ok(());
            }
        }
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        if self.stroke_on_grid(&points, style) {
            return Ok(());
        }
        self.inner.draw_path(points, style)
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32)> {
        // The font as plotters-canvas's draw_text sets it, so the width is the drawn one.
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil().max(0.0) as u32, style.size().ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result {
        self.inner.blit_bitmap(pos, size, src)
    }
}

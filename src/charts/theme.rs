//! Colours, sizes and axis styling shared by every chart.

use super::ChartError;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colour scheme, device-pixel ratio and texts of the canvas being drawn on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme<'a> {
    pub dark: bool,
    /// Device pixels per CSS pixel: fonts, line widths and margins are scaled by it.
    pub pixel_ratio: f64,
    /// Colours that replace the scheme's own (a page's theme); `None` keeps the scheme's.
    pub colors: Colors,
    /// The texts drawn (`&Labels::ENGLISH` unless the page gives its language's).
    pub labels: &'a super::Labels,
}

/// A page's own chart colours; each one left `None` keeps the colour scheme's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Colors {
    /// The target curve (cos t).
    pub target: Option<RGBColor>,
    /// The network's prediction.
    pub prediction: Option<RGBColor>,
    /// The input curve (sin t), drawn at 70% opacity.
    pub input: Option<RGBColor>,
    pub background: Option<RGBColor>,
    /// Text and axis lines.
    pub text: Option<RGBColor>,
}

/// The target curve (cos t), unless the page sets its own.
const TARGET: RGBColor = RGBColor(0xd6, 0x27, 0x28);
/// The network's prediction, unless the page sets its own.
const PREDICTION: RGBColor = RGBColor(0x1f, 0x77, 0xb4);
/// The ends of the diverging heatmap scale and its not-a-number colour.
pub(crate) const NEGATIVE: RGBColor = RGBColor(0x21, 0x66, 0xac);
pub(crate) const POSITIVE: RGBColor = RGBColor(0xb2, 0x18, 0x2b);
pub(crate) const NOT_A_NUMBER: RGBColor = RGBColor(0x80, 0x80, 0x80);

impl Theme<'_> {
    /// Device pixels per CSS pixel, kept sane.
    fn scale(&self) -> f64 {
        self.pixel_ratio.max(0.1)
    }

    /// The target curve (cos t).
    pub(crate) fn target(&self) -> RGBColor {
        self.colors.target.unwrap_or(TARGET)
    }

    /// The network's prediction.
    pub(crate) fn prediction(&self) -> RGBColor {
        self.colors.prediction.unwrap_or(PREDICTION)
    }

    pub fn background(&self) -> RGBColor {
        if let Some(c) = self.colors.background {
            return c;
        }
        if self.dark {
            RGBColor(0x11, 0x11, 0x11)
        } else {
            WHITE
        }
    }

    /// Text and axis lines.
    pub fn foreground(&self) -> RGBColor {
        if let Some(c) = self.colors.text {
            return c;
        }
        if self.dark {
            RGBColor(0xdd, 0xdd, 0xdd)
        } else {
            RGBColor(0x33, 0x33, 0x33)
        }
    }

    pub(crate) fn grid(&self) -> RGBAColor {
        self.foreground().mix(0.15)
    }

    /// The faint input curve (sin t).
    pub(crate) fn input(&self) -> RGBAColor {
        self.colors.input.unwrap_or(RGBColor(0x99, 0x99, 0x99)).mix(0.7)
    }

    /// The middle of the diverging heatmap scale, close to the background.
    pub(crate) fn neutral(&self) -> RGBColor {
        if self.dark {
            RGBColor(0x2a, 0x2a, 0x2a)
        } else {
            RGBColor(0xf4, 0xf4, 0xf4)
        }
    }

    /// A length in CSS pixels, in device pixels.
    pub(crate) fn px(&self, css: f64) -> i32 {
        (css * self.scale()).round() as i32
    }

    /// A line width in CSS pixels, in device pixels (at least one).
    pub(crate) fn stroke(&self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    /// Fills `area` with the background; false when it is smaller than the charts' axes
    /// and labels need (96 × 64 CSS pixels), in which case nothing more should be drawn —
    /// plotters would measure label text in an injected element, which a strict CSP forbids.
    pub(crate) fn clear<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<bool, ChartError> {
        area.fill(&self.background())?;
        let (w, h) = area.dim_in_pixel();
        Ok(w as f64 >= 96.0 * self.scale() && h as f64 >= 64.0 * self.scale())
    }

    /// Label text of `css` pixels in the foreground colour.
    pub(crate) fn text(&self, css: f64) -> TextStyle<'static> {
        FontDesc::new(FontFamily::SansSerif, css * self.scale(), FontStyle::Normal).color(&self.foreground())
    }

    /// A chart builder on `area` with the margins and label areas every chart uses.
    pub(crate) fn builder<'a, 'b, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, Shift>,
    ) -> ChartBuilder<'a, 'b, DB> {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(self.px(8.0))
            .margin_right(self.px(14.0))
            .x_label_area_size(self.px(34.0))
            .y_label_area_size(self.px(52.0));
        builder
    }

    /// Axes, labels and a light grid on `chart`; the caller adds descriptions and draws.
    pub(crate) fn mesh<'a, 'b, DB, X, Y>(
        &self,
        chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    ) -> MeshStyle<'a, 'b, X, Y, DB>
    where
        DB: DrawingBackend,
        X: Ranged + ValueFormatter<X::ValueType>,
        Y: Ranged + ValueFormatter<Y::ValueType>,
    {
        let mut mesh = chart.configure_mesh();
        mesh.bold_line_style(self.grid().stroke_width(self.stroke(1.0)))
            .max_light_lines(0)
            .axis_style(self.foreground().stroke_width(self.stroke(1.0)))
            .set_all_tick_mark_size(self.px(4.0))
            .x_labels(super::X_LABELS)
            .y_labels(super::Y_LABELS)
            .label_style(self.text(11.0))
            .axis_desc_style(self.text(12.0));
        mesh
    }
}

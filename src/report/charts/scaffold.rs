//! The scaffold every chart (single run and season) is drawn on: the canvas (size, background,
//! title and subtitle in the embedded font), the shared axis and grid style, the one conversion
//! of plotters' drawing errors into [`crate::Error`] (so chart code uses `?`), and the output
//! edge. Chart code is generic over the plotters [`DrawingBackend`]: a chart implements
//! [`Chart`] by drawing onto a [`Root`] of any backend.
//!
//! [`render`] is the one place a backend is chosen: a PNG file, and with the `html` feature PNG
//! bytes in memory or an inline SVG document (dense point clouds thinned, the font named as a
//! real family so a browser draws it in DejaVu Sans or its nearest sans-serif).

use std::path::Path;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

use super::style::{BG, GRID, HEIGHT, INK, WIDTH, bold, init_fonts, text};
use crate::{Error, Result};

/// The whole drawing surface of one chart, on any plotters backend.
pub type Root<DB> = DrawingArea<DB, Shift>;

/// Top-left corner of the title (px).
pub const TITLE_AT: (i32, i32) = (20, 14);
/// Top of the subtitle line under the title (px).
pub const SUBTITLE_Y: i32 = 54;
/// Title text size (px, bold).
pub const TITLE_PX: u32 = 30;
/// Subtitle text size (px).
pub const SUBTITLE_PX: u32 = 20;
/// Tick label size of the single-run charts (px).
pub const LABEL_PX: u32 = 16;
/// Axis description text size (px).
pub const AXIS_DESC_PX: u32 = 18;

/// Any plotters drawing error becomes [`Error::Chart`] with the error's debug text; this is the
/// only place chart errors are converted.
impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for Error {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Error::Chart(format!("{e:?}"))
    }
}

/// A chart that can be drawn onto any plotters backend.
pub trait Chart {
    /// Size of the chart in px (width, height); [`WIDTH`] × [`HEIGHT`] unless overridden.
    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    /// Draw the whole chart onto `root`, an area of [`Chart::size`] (background included).
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()>;

    /// Draw at most `max` points per line or point cloud (SVG asks for fewer than a bitmap:
    /// every point is an element). Charts without dense series ignore it.
    fn thin(&mut self, _max: usize) {}
}

/// Where a chart is drawn.
pub enum Target<'a> {
    /// A PNG file at this path.
    Png(&'a Path),
    /// PNG bytes appended to this buffer.
    #[cfg(feature = "html")]
    PngBytes(&'a mut Vec<u8>),
    /// An SVG document appended to this string.
    #[cfg(feature = "html")]
    Svg(&'a mut String),
}

/// Most points per series in an SVG chart (each is an element of the page).
#[cfg(feature = "html")]
pub const SVG_MAX_POINTS: usize = 700;

/// The font families SVG text names instead of the registered [`super::style::FONT`]: the
/// embedded font is DejaVu Sans, and a browser without it falls back to a close sans-serif.
#[cfg(feature = "html")]
pub const SVG_FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Draw `chart` onto `to` and return `true`; `None` (the chart does not apply) draws nothing
/// and returns `false`. The one place a backend is chosen.
pub fn render(chart: Option<impl Chart>, to: Target<'_>) -> Result<bool> {
    let Some(chart) = chart else {
        return Ok(false);
    };
    init_fonts();
    match to {
        Target::Png(path) => {
            let root = BitMapBackend::new(path, chart.size()).into_drawing_area();
            chart.draw(&root)?;
            root.present()?;
        }
        #[cfg(feature = "html")]
        Target::PngBytes(out) => png_bytes(&chart, out)?,
        #[cfg(feature = "html")]
        Target::Svg(out) => {
            let mut chart = chart;
            chart.thin(SVG_MAX_POINTS);
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, chart.size()).into_drawing_area();
                chart.draw(&root)?;
                root.present()?;
            }
            let named = format!("font-family=\"{}\"", super::style::FONT);
            out.push_str(&svg.replace(&named, &format!("font-family=\"{SVG_FONT_FAMILY}\"")));
        }
    }
    Ok(true)
}

/// Draw `chart` into an RGB buffer and encode it as PNG onto `out`.
#[cfg(feature = "html")]
fn png_bytes(chart: &impl Chart, out: &mut Vec<u8>) -> Result<()> {
    let (w, h) = chart.size();
    let mut buf = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        chart.draw(&root)?;
        root.present()?;
    }
    let mut enc = png::Encoder::new(out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .map_err(|e| Error::Chart(format!("PNG: {e}")))?;
    writer
        .write_image_data(&buf)
        .map_err(|e| Error::Chart(format!("PNG: {e}")))?;
    Ok(())
}

/// Register the embedded fonts and fill `root` with the background colour.
pub fn blank<DB: DrawingBackend>(root: &Root<DB>) -> Result<()> {
    init_fonts();
    root.fill(&BG)?;
    Ok(())
}

/// Title ([`TITLE_AT`], bold) and subtitle (at height `subtitle_y`) in the embedded font.
pub fn heading<DB: DrawingBackend>(
    root: &Root<DB>,
    title: &str,
    subtitle: &str,
    subtitle_y: i32,
) -> Result<()> {
    root.draw(&Text::new(title, TITLE_AT, bold(TITLE_PX)))?;
    root.draw(&Text::new(
        subtitle,
        (TITLE_AT.0, subtitle_y),
        text(SUBTITLE_PX),
    ))?;
    Ok(())
}

/// A blank chart with its title and subtitle: [`blank`] then [`heading`] at [`SUBTITLE_Y`].
pub fn canvas<DB: DrawingBackend>(root: &Root<DB>, title: &str, subtitle: &str) -> Result<()> {
    blank(root)?;
    heading(root, title, subtitle, SUBTITLE_Y)
}

/// The mesh every chart starts from: no light grid lines, bold grid lines in [`GRID`], axes in
/// faded ink, tick labels of `label_px` and axis descriptions of [`AXIS_DESC_PX`]. Add the
/// chart's own labels and formatters, then call `draw()?`.
pub fn mesh<'a, 'b, DB, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    label_px: u32,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(BG)
        .bold_line_style(GRID)
        .axis_style(INK.mix(0.6))
        .label_style(text(label_px))
        .axis_desc_style(text(AXIS_DESC_PX));
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_errors_become_chart_errors() {
        fn fails() -> Result<()> {
            let e: DrawingAreaErrorKind<std::io::Error> = DrawingAreaErrorKind::LayoutError;
            Err(e)?
        }
        match fails() {
            Err(Error::Chart(msg)) => assert_eq!(msg, "LayoutError"),
            other => panic!("expected a chart error, got {other:?}"),
        }
    }

    #[test]
    fn scaffold_draws_into_a_buffer() {
        struct Demo;
        impl Chart for Demo {
            fn size(&self) -> (u32, u32) {
                (200, 120)
            }
            fn draw<DB: DrawingBackend>(&self, root: &Root<DB>) -> Result<()> {
                canvas(root, "t", "s")?;
                let mut c = ChartBuilder::on(root)
                    .x_label_area_size(20)
                    .y_label_area_size(20)
                    .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
                mesh(&mut c, 10).draw()?;
                Ok(())
            }
        }
        let (w, h) = Demo.size();
        let mut buf = vec![0u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            Demo.draw(&root).expect("draws");
            root.present().expect("presents");
        }
        let bg = buf.chunks(3).filter(|p| *p == [BG.0, BG.1, BG.2]).count();
        let all = (w * h) as usize;
        assert!(
            bg > all / 2 && bg < all,
            "{bg} of {all} pixels are background"
        );
    }
}

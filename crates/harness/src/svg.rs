//! Drawing a timeline's spans as an SVG Gantt chart, for the book.
//!
//! The terminal draws spans with block characters ([`render_timeline`](crate::render_timeline));
//! a web page gets the same chart as an inline SVG: one row per span, an x axis in
//! seconds with ticks, the times beside each bar, cancelled work drawn as a dashed outline,
//! and a `<title>` on each row so hovering shows its start and end.
//!
//! The SVG carries its own colours (no stylesheet needed) and draws its text in
//! `currentColor`, so it reads on a light page and on a dark one. Two charts drawn with one
//! [`GanttScale`] line up: same time scale, same columns — the sequential and the concurrent
//! run of a comparison can be compared by eye.

use crate::Span;
use std::fmt::Write;
use std::time::Duration;

/// Width of one character of the chart's monospace text, in pixels (12 px font).
const CHAR_WIDTH: f64 = 7.3;
/// Width of the area the bars are drawn in, in pixels.
const BAR_AREA: f64 = 480.0;
/// Height of one row, in pixels.
const ROW_HEIGHT: f64 = 22.0;
/// Height of a bar inside its row, in pixels.
const BAR_HEIGHT: f64 = 14.0;
/// Space around the chart, in pixels.
const MARGIN: f64 = 8.0;
/// Height of the axis under the rows (tick marks and their labels), in pixels.
const AXIS_HEIGHT: f64 = 26.0;
/// Height of the legend line, drawn when a span was cancelled.
const LEGEND_HEIGHT: f64 = 20.0;
/// Fill of work that ran to its end: a mid blue, readable on white and on near-black.
const DONE_COLOUR: &str = "#3d85c6";
/// Outline of work that was cancelled: an orange that reads on both backgrounds too.
const CANCELLED_COLOUR: &str = "#e07b2a";
/// At most this many ticks on the axis.
const MAX_TICKS: f64 = 8.0;

/// The time scale and the column widths that one or more charts share.
///
/// Charts drawn with the same `GanttScale` have the same width, the same time per pixel and
/// their bars start at the same x, so they can be put one above the other and compared.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttScale {
    /// The time the full width of the bar area stands for.
    pub scale: Duration,
    /// How many characters the label column holds.
    label_chars: usize,
    /// How many characters the times column holds.
    times_chars: usize,
}

impl GanttScale {
    /// A scale that fits every one of `charts`: the latest end of any span, the longest
    /// label and the longest times text of them all.
    pub fn fitting(charts: &[&[Span]]) -> Self {
        let spans = || charts.iter().flat_map(|spans| spans.iter());
        GanttScale {
            scale: spans().map(|span| span.end).max().unwrap_or_default(),
            label_chars: spans()
                .map(|span| span.label.chars().count())
                .max()
                .unwrap_or(0),
            times_chars: spans()
                .map(|span| times_text(span).chars().count())
                .max()
                .unwrap_or(0),
        }
    }

    /// The seconds the bar area stands for; never zero, so that there is something to divide by.
    fn scale_secs(&self) -> f64 {
        let secs = self.scale.as_secs_f64();
        if secs > 0.0 { secs } else { 1.0 }
    }

    /// Where the bar area starts, in pixels from the left.
    fn bars_x(&self) -> f64 {
        MARGIN + self.label_chars as f64 * CHAR_WIDTH + 10.0
    }

    /// The x of a moment in time.
    fn x(&self, at: Duration) -> f64 {
        let fraction = (at.as_secs_f64() / self.scale_secs()).clamp(0.0, 1.0);
        self.bars_x() + fraction * BAR_AREA
    }

    /// The whole width of a chart drawn on this scale.
    fn width(&self) -> f64 {
        let legend = legend_text().chars().count() as f64 * CHAR_WIDTH + 40.0;
        let right = self.bars_x() + BAR_AREA + 10.0 + self.times_chars as f64 * CHAR_WIDTH;
        right.max(MARGIN + legend) + MARGIN
    }
}

/// Draws `spans` as one SVG Gantt chart on `scale`. `description` names the chart for
/// screen readers (`aria-label`); every text is escaped.
pub fn gantt_svg(spans: &[Span], scale: &GanttScale, description: &str) -> String {
    let rows = spans.len().max(1) as f64;
    let any_cancelled = spans.iter().any(|span| span.cancelled);
    let axis_y = MARGIN + rows * ROW_HEIGHT;
    let legend_height = if any_cancelled { LEGEND_HEIGHT } else { 0.0 };
    let width = scale.width();
    let height = axis_y + AXIS_HEIGHT + legend_height + MARGIN;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="workbook-gantt" role="img" aria-label="{}" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12" fill="currentColor" style="max-width:100%;height:auto">"#,
        escape(description)
    );

    // Grid lines and tick labels first, so the bars are drawn over them.
    let _ = write!(svg, r#"<g class="workbook-gantt-axis">"#);
    for (at, label) in ticks(scale.scale_secs()) {
        let x = scale.x(Duration::from_secs_f64(at));
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{top:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="currentColor" stroke-opacity="0.18"/><text x="{x:.1}" y="{text_y:.1}" text-anchor="middle" font-size="10" fill-opacity="0.8">{label}</text>"#,
            top = MARGIN,
            bottom = axis_y + 4.0,
            text_y = axis_y + 17.0,
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{x1:.1}" y1="{axis_y:.1}" x2="{x2:.1}" y2="{axis_y:.1}" stroke="currentColor" stroke-opacity="0.5"/></g>"#,
        x1 = scale.bars_x(),
        x2 = scale.bars_x() + BAR_AREA,
    );

    if spans.is_empty() {
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{y:.1}" dominant-baseline="middle" fill-opacity="0.7">(no work recorded)</text>"#,
            x = scale.bars_x() + 6.0,
            y = MARGIN + ROW_HEIGHT / 2.0,
        );
    }
    for (row, span) in spans.iter().enumerate() {
        draw_row(&mut svg, scale, row, span);
    }

    if any_cancelled {
        let y = axis_y + AXIS_HEIGHT + LEGEND_HEIGHT / 2.0;
        let _ = write!(
            svg,
            r#"<g class="workbook-gantt-legend"><rect x="{x:.1}" y="{top:.1}" width="18" height="10" {cancelled}/><text x="{text_x:.1}" y="{y:.1}" dominant-baseline="middle">{legend}</text></g>"#,
            x = MARGIN,
            top = y - 5.0,
            cancelled = cancelled_style(),
            text_x = MARGIN + 26.0,
            legend = escape(legend_text()),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One row: the label, the bar and the times, grouped under a `<title>` tooltip.
fn draw_row(svg: &mut String, scale: &GanttScale, row: usize, span: &Span) {
    let top = MARGIN + row as f64 * ROW_HEIGHT;
    let middle = top + ROW_HEIGHT / 2.0;
    let from = scale.x(span.start);
    // Every span gets a visible sliver, so that instant work still shows.
    let bar_width = (scale.x(span.end) - from).max(2.0);
    let class = if span.cancelled {
        "workbook-span workbook-span-cancelled"
    } else {
        "workbook-span"
    };
    let bar_style = if span.cancelled {
        cancelled_style()
    } else {
        format!(r#"fill="{DONE_COLOUR}""#)
    };
    let _ = write!(
        svg,
        r#"<g class="{class}"><title>{label}: {times}</title><text x="{label_x:.1}" y="{middle:.1}" dominant-baseline="middle">{label}</text><rect x="{from:.1}" y="{bar_y:.1}" width="{bar_width:.1}" height="{BAR_HEIGHT:.1}" rx="2" {bar_style}/><text x="{times_x:.1}" y="{middle:.1}" dominant-baseline="middle" fill-opacity="0.8">{times}</text></g>"#,
        label = escape(&span.label),
        times = escape(&times_text(span)),
        label_x = MARGIN,
        bar_y = middle - BAR_HEIGHT / 2.0,
        times_x = scale.bars_x() + BAR_AREA + 10.0,
    );
}

/// How a cancelled bar is drawn: a pale fill inside a dashed outline.
fn cancelled_style() -> String {
    format!(
        r#"fill="{CANCELLED_COLOUR}" fill-opacity="0.2" stroke="{CANCELLED_COLOUR}" stroke-width="1.5" stroke-dasharray="4 2""#
    )
}

fn legend_text() -> &'static str {
    "cancelled: dropped before it finished"
}

/// The times beside a bar, as the terminal chart writes them: `0.00–1.00 s cancelled`.
fn times_text(span: &Span) -> String {
    format!(
        "{:.2}–{:.2} s{}",
        span.start.as_secs_f64(),
        span.end.as_secs_f64(),
        if span.cancelled { " cancelled" } else { "" }
    )
}

/// Ticks for an axis `scale_secs` long: a round step (1, 2 or 5 times a power of ten)
/// giving at most [`MAX_TICKS`] intervals, each with its label (`0.5 s`), and the end of
/// the scale (`2.20 s`, as the terminal chart writes it) when it is not a round tick and
/// stands far enough from the last one for the labels not to touch.
fn ticks(scale_secs: f64) -> Vec<(f64, String)> {
    let magnitude = 10f64.powf((scale_secs / MAX_TICKS).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| scale_secs / step <= MAX_TICKS)
        .unwrap_or(10.0 * magnitude);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let count = (scale_secs / step + 1e-9).floor() as usize;
    let mut ticks: Vec<(f64, String)> = (0..=count)
        .map(|i| {
            let at = i as f64 * step;
            (at, format!("{at:.decimals$} s"))
        })
        .collect();
    if scale_secs - count as f64 * step > 0.6 * step {
        ticks.push((scale_secs, format!("{scale_secs:.2} s")));
    }
    ticks
}

/// Escapes text for HTML and SVG (element content and attribute values alike).
///
/// Newlines become `&#10;` and braces `&#123;`/`&#125;`, so that escaped text keeps a
/// Markdown HTML block in one piece (no blank line ends it) and no `{{#…}}` in a demo's
/// output is taken for an mdBook directive.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn span(label: &str, start: f64, end: f64, cancelled: bool) -> Span {
        Span {
            label: label.into(),
            start: Duration::from_secs_f64(start),
            end: Duration::from_secs_f64(end),
            cancelled,
        }
    }

    /// Checks that `xml` is well formed enough for a browser's XML parser: every tag is
    /// closed in order, no `<`, `>` or `&` stands loose in text or attributes.
    pub(crate) fn assert_well_formed(xml: &str) {
        let mut open: Vec<String> = Vec::new();
        let mut rest = xml;
        while let Some(lt) = rest.find('<') {
            check_text(&rest[..lt]);
            let gt = rest[lt..].find('>').expect("a tag is never left open") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name),
                    "closing tag out of order"
                );
            } else if !tag.starts_with('!') {
                let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
                let name = name.trim_end_matches('/');
                check_text(attributes);
                assert_eq!(
                    attributes.matches('"').count() % 2,
                    0,
                    "unbalanced quotes in <{tag}>"
                );
                if !tag.ends_with('/') {
                    open.push(name.to_string());
                }
            }
            rest = &rest[gt + 1..];
        }
        check_text(rest);
        assert!(open.is_empty(), "tags left open: {open:?}");
    }

    fn check_text(text: &str) {
        assert!(!text.contains('>'), "loose '>' in {text:?}");
        for (at, _) in text.match_indices('&') {
            let entity = &text[at..];
            let end = entity.find(';').expect("an entity ends with ';'");
            let name = &entity[1..end];
            assert!(
                ["amp", "lt", "gt", "quot", "#39", "#10", "#123", "#125"].contains(&name),
                "unknown entity &{name};"
            );
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_scale() {
        let labels = |secs| -> Vec<String> { ticks(secs).into_iter().map(|(_, l)| l).collect() };
        assert_eq!(
            labels(3.0),
            [
                "0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s", "3.0 s"
            ]
        );
        assert_eq!(labels(10.0), ["0 s", "2 s", "4 s", "6 s", "8 s", "10 s"]);
        assert_eq!(labels(0.03).len(), 7, "{:?}", labels(0.03));
        assert_eq!(
            labels(2.2).last().unwrap(),
            "2.0 s",
            "too close to 2.0 s to label"
        );
        assert_eq!(
            labels(2.4)[4..],
            ["2.0 s".to_string(), "2.40 s".to_string()],
            "the end of the scale, as the terminal writes it"
        );
        assert!(ticks(1.0).len() <= MAX_TICKS as usize + 1);
    }

    #[test]
    fn a_chart_has_one_row_per_span_with_its_times() {
        let spans = [
            span("read a", 0.0, 1.0, false),
            span("read b", 1.0, 3.0, false),
        ];
        let svg = gantt_svg(&spans, &GanttScale::fitting(&[&spans]), "three reads");
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<g class="workbook-span">"#).count(), 2);
        assert!(svg.contains("<title>read b: 1.00–3.00 s</title>"), "{svg}");
        assert!(svg.contains(r#"aria-label="three reads""#));
        assert!(
            !svg.contains("cancelled"),
            "no legend without a cancelled span"
        );
    }

    #[test]
    fn bars_sit_where_their_spans_are_in_time() {
        let spans = [span("a", 0.0, 1.0, false), span("b", 1.0, 2.0, false)];
        let scale = GanttScale::fitting(&[&spans]);
        let half = scale.bars_x() + BAR_AREA / 2.0;
        let svg = gantt_svg(&spans, &scale, "t");
        let x = scale.bars_x();
        assert!(
            svg.contains(&format!(r#"<rect x="{x:.1}" y="12.0" width="240.0""#)),
            "{svg}"
        );
        assert!(
            svg.contains(&format!(r#"<rect x="{half:.1}" y="34.0" width="240.0""#)),
            "{svg}"
        );
    }

    #[test]
    fn a_cancelled_span_is_outlined_and_named_in_the_legend() {
        let spans = [span("slow", 0.0, 2.0, true)];
        let svg = gantt_svg(&spans, &GanttScale::fitting(&[&spans]), "t");
        assert_well_formed(&svg);
        assert!(svg.contains(r#"class="workbook-span workbook-span-cancelled""#));
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains("<title>slow: 0.00–2.00 s cancelled</title>"));
        assert!(svg.contains("cancelled: dropped before it finished"));
    }

    #[test]
    fn text_is_escaped() {
        let spans = [span("<b>\"R&D\"</b> {{#include x}}", 0.0, 1.0, false)];
        let svg = gantt_svg(&spans, &GanttScale::fitting(&[&spans]), "a < b");
        assert_well_formed(&svg);
        assert!(!svg.contains("<b>") && !svg.contains("{{"), "{svg}");
        assert!(svg.contains("&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;"));
        assert!(svg.contains(r#"aria-label="a &lt; b""#));
    }

    #[test]
    fn charts_on_one_scale_have_the_same_geometry() {
        let sequential = [
            span("a", 0.0, 1.0, false),
            span("long label", 1.0, 3.0, false),
        ];
        let concurrent = [span("a", 0.0, 1.0, false)];
        let scale = GanttScale::fitting(&[&sequential, &concurrent]);
        assert_eq!(scale.scale, Duration::from_secs(3));
        let width = |svg: String| {
            svg.split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            width(gantt_svg(&sequential, &scale, "s")),
            width(gantt_svg(&concurrent, &scale, "c"))
        );
    }

    #[test]
    fn empty_and_instant_charts_are_still_drawn() {
        let none = gantt_svg(&[], &GanttScale::fitting(&[]), "empty");
        assert_well_formed(&none);
        assert!(none.contains("no work recorded"));
        let instant = [span("x", 0.0, 0.0, false)];
        let svg = gantt_svg(&instant, &GanttScale::fitting(&[&instant]), "instant");
        assert_well_formed(&svg);
        assert!(svg.contains(r#"width="2.0""#), "{svg}");
    }
}

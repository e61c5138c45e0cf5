//! Recording a demo instead of printing it, and drawing the recording for a web page.
//!
//! The book shows, under each `<!-- demo: id -->` marker, what that demo printed. Rather
//! than capture and re-parse the terminal's text, the demo is run with
//! [`Output::Record`]: every line, timeline and comparison that [`Ctx`] would have printed
//! is kept as a [`Piece`], in order. [`Recording::to_html`] then draws the pieces — text in a
//! `<pre>`, timelines as SVG Gantt charts, comparisons as a table plus both runs' charts on
//! one time scale. The book is generated from the very code the terminal runs, so it
//! cannot drift from it.

use crate::demo::run;
use crate::svg::{GanttScale, escape, gantt_svg};
use crate::{ComparisonReport, Ctx, Demo, DemoError, Output, Span, TimeMode, format_secs};
use std::fmt::Write;
use std::time::Duration;

/// One thing a demo reported, as [`Ctx`] received it.
#[derive(Debug, Clone)]
pub enum Piece {
    /// A line of narration ([`Ctx::say`]).
    Say(String),
    /// A line stamped with the time since the demo (or the current variant) started
    /// ([`Ctx::log`]).
    Log {
        /// The time it was logged at.
        at: Duration,
        /// What was logged.
        text: String,
    },
    /// A timeline shown under a heading ([`Ctx::show_timeline`]).
    Timeline {
        /// The heading it was shown under.
        heading: String,
        /// Its spans, in the order they started.
        spans: Vec<Span>,
    },
    /// A sequential-vs-concurrent comparison ([`Ctx::compare`]): its figures and both
    /// variants' spans.
    Comparison(ComparisonReport),
}

/// Everything one run of a demo reported, in order.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The demo's id, e.g. `4.1.three_reads`.
    pub id: &'static str,
    /// The demo's one-line title.
    pub title: &'static str,
    /// The clock it ran on: virtual, unless the demo only runs in real time.
    pub clock: TimeMode,
    /// What it reported, in order.
    pub pieces: Vec<Piece>,
}

/// Runs `demo` to the end on a fresh runtime — in virtual time, or in real time when the
/// demo is [`real_time_only`](Demo::real_time_only) — and returns what it reported.
/// Nothing is printed.
///
/// Call it from outside any tokio runtime (it starts its own), and one demo at a time:
/// demos that narrate panics set the process's panic hook while they run.
pub fn record_demo(demo: &Demo) -> Result<Recording, DemoError> {
    let clock = if demo.real_time_only {
        TimeMode::Real
    } else {
        TimeMode::Virtual
    };
    let pieces = run(demo, clock, Output::Record, false, Ctx::take_recorded)?.unwrap_or_default();
    Ok(Recording {
        id: demo.id,
        title: demo.title,
        clock,
        pieces,
    })
}

impl Recording {
    /// The demo's whole output as one HTML fragment for a book page.
    ///
    /// A `<div class="workbook-demo">` holding a header (id, title, clock), the text lines
    /// in `<pre class="workbook-output">` blocks, each timeline as a
    /// `<figure class="workbook-timeline">` with an inline SVG Gantt chart, and each
    /// comparison as a `<div class="workbook-comparison">`: a table of its figures, then the
    /// sequential and the concurrent chart on one time scale. All text is escaped.
    ///
    /// The fragment has no blank line, so Markdown keeps it as one HTML block: put it
    /// between blank lines, at the start of a line.
    pub fn to_html(&self) -> String {
        let mut html = format!(
            r#"<div class="workbook-demo" data-demo="{id}">"#,
            id = escape(self.id)
        );
        let clock = match self.clock {
            TimeMode::Virtual => "virtual time",
            TimeMode::Real => "real time: this demo always runs on the real clock",
        };
        let _ = write!(
            html,
            "\n<p class=\"workbook-demo-header\"><strong>Demo</strong> <code>{id}</code> — {title} \
             <span class=\"workbook-clock\" style=\"opacity:0.75\">({clock})</span></p>",
            id = escape(self.id),
            title = escape(self.title),
        );
        let mut lines: Vec<String> = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::Say(text) => lines.push(escape(&console::strip_ansi_codes(text))),
                Piece::Log { at, text } => lines.push(format!(
                    r#"<span class="workbook-time" style="opacity:0.7">[{:>7}]</span> {}"#,
                    format_secs(*at),
                    escape(&console::strip_ansi_codes(text))
                )),
                Piece::Timeline { heading, spans } => {
                    flush_lines(&mut html, &mut lines);
                    let scale = GanttScale::fitting(&[spans]);
                    let _ = write!(
                        html,
                        "\n<figure class=\"workbook-timeline\" style=\"margin:0.75em 0\"><figcaption>{}</figcaption>{}</figure>",
                        escape(heading),
                        gantt_svg(spans, &scale, heading)
                    );
                }
                Piece::Comparison(report) => {
                    flush_lines(&mut html, &mut lines);
                    html.push('\n');
                    html.push_str(&comparison_html(report));
                }
            }
        }
        flush_lines(&mut html, &mut lines);
        html.push_str("\n</div>");
        html
    }
}

/// Writes the pending text lines as one `<pre>`, its newlines as `&#10;` (a blank line
/// would end the Markdown HTML block the fragment lives in).
fn flush_lines(html: &mut String, lines: &mut Vec<String>) {
    if !lines.is_empty() {
        let _ = write!(
            html,
            "\n<pre class=\"workbook-output\">{}</pre>",
            lines.join("&#10;")
        );
        lines.clear();
    }
}

/// A comparison: its table of figures, then both variants' timelines on one scale.
fn comparison_html(report: &ComparisonReport) -> String {
    let secs = |s: f64| escape(&format_secs(Duration::from_secs_f64(s)));
    // Inline padding, so that the columns stand apart on a page with no stylesheet.
    let left = r#" style="text-align:left;padding:0.15em 0.75em""#;
    let right = r#" style="text-align:right;padding:0.15em 0.75em""#;
    let mut html = format!(
        r#"<div class="workbook-comparison" data-comparison="{id}"><table class="workbook-comparison-table"><caption style="text-align:left">{title} <span class="workbook-clock" style="opacity:0.75">({clock} clock)</span></caption><thead><tr><th{left}>variant</th><th{right}>measured</th><th{right}>ideal</th><th{right}>speedup</th></tr></thead><tbody>"#,
        id = escape(&report.id),
        title = escape(&report.title),
        clock = escape(report.clock),
    );
    for (variant, measured, ideal, speedup) in [
        (
            "sequential",
            report.sequential_s,
            report.ideal_sequential_s,
            1.0,
        ),
        (
            "concurrent",
            report.concurrent_s,
            report.ideal_concurrent_s,
            report.speedup,
        ),
    ] {
        let _ = write!(
            html,
            "<tr><td{left}>{variant}</td><td{right}>{}</td><td{right}>{}</td><td{right}>{speedup:.2}×</td></tr>",
            secs(measured),
            secs(ideal),
        );
    }
    html.push_str("</tbody></table>");
    let scale = GanttScale::fitting(&[&report.sequential_spans, &report.concurrent_spans]);
    for (variant, spans) in [
        ("sequential", &report.sequential_spans),
        ("concurrent", &report.concurrent_spans),
    ] {
        let _ = write!(
            html,
            "\n<figure class=\"workbook-timeline workbook-{variant}\" style=\"margin:0.75em 0\"><figcaption>{variant}</figcaption>{}</figure>",
            gantt_svg(
                spans,
                &scale,
                &format!("{}: {variant} timeline", report.title)
            )
        );
    }
    html.push_str("\n</div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::svg::tests::{assert_well_formed, span};
    use crate::{Comparison, Timeline};
    use futures::FutureExt;

    fn walkthrough(ctx: Ctx) -> futures::future::LocalBoxFuture<'static, ()> {
        async move {
            ctx.say("start <here> & now");
            ctx.say("");
            let timeline = ctx.new_timeline();
            let slow = timeline.record("slow", tokio::time::sleep(Duration::from_secs(5)));
            let _ = tokio::time::timeout(Duration::from_secs(2), slow).await;
            ctx.log("timed out");
            ctx.show_timeline("what ran", &timeline);
            ctx.say("after");
        }
        .boxed_local()
    }

    fn comparison(ctx: Ctx) -> futures::future::LocalBoxFuture<'static, ()> {
        async move {
            let spec = Comparison {
                id: "9.9.waits",
                title: "two 1 s waits",
                ideal_sequential: Duration::from_secs(2),
                ideal_concurrent: Duration::from_secs(1),
            };
            let wait = || tokio::time::sleep(Duration::from_secs(1));
            ctx.compare(
                spec,
                |_, timeline: Timeline| async move {
                    timeline.record("a", wait()).await;
                    timeline.record("b", wait()).await;
                },
                |_, timeline: Timeline| async move {
                    tokio::join!(timeline.record("a", wait()), timeline.record("b", wait()));
                },
            )
            .await;
        }
        .boxed_local()
    }

    #[test]
    fn a_recording_keeps_every_piece_in_order_on_the_virtual_clock() {
        let demo = Demo::walkthrough("9.9.walk", "a walk", walkthrough);
        let recording = record_demo(&demo).unwrap();
        assert_eq!(recording.clock, TimeMode::Virtual);
        let kinds: Vec<String> = recording
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Say(text) => format!("say {text}"),
                Piece::Log { at, text } => format!("log {} {text}", at.as_secs()),
                Piece::Timeline { heading, spans } => format!("timeline {heading} {}", spans.len()),
                Piece::Comparison(report) => format!("comparison {}", report.id),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "say start <here> & now",
                "say ",
                "log 2 timed out",
                "timeline what ran 1",
                "say after"
            ]
        );
    }

    #[test]
    fn html_shows_lines_timelines_and_a_cancelled_span() {
        let demo = Demo::walkthrough("9.9.walk", "a <walk>", walkthrough);
        let html = record_demo(&demo).unwrap().to_html();
        assert_well_formed(&html);
        assert!(
            !html.contains("\n\n"),
            "a blank line would end the HTML block:\n{html}"
        );
        assert!(html.starts_with(r#"<div class="workbook-demo" data-demo="9.9.walk">"#));
        assert!(
            html.contains("<code>9.9.walk</code> — a &lt;walk&gt;"),
            "{html}"
        );
        assert!(html.contains("(virtual time)"));
        assert!(html.contains(
            r#"<pre class="workbook-output">start &lt;here&gt; &amp; now&#10;&#10;<span class="workbook-time" style="opacity:0.7">[ 2.00 s]</span> timed out</pre>"#
        ), "{html}");
        assert!(html.contains("<figcaption>what ran</figcaption><svg"));
        assert!(html.contains("workbook-span-cancelled"));
        assert!(
            html.ends_with("<pre class=\"workbook-output\">after</pre>\n</div>"),
            "{html}"
        );
    }

    #[test]
    fn a_comparison_is_a_table_and_two_charts_on_one_scale() {
        let demo = Demo::comparison("9.9.waits", "waits", comparison);
        let recording = record_demo(&demo).unwrap();
        let html = recording.to_html();
        assert_well_formed(&html);
        assert!(html.contains(r#"<div class="workbook-comparison" data-comparison="9.9.waits">"#));
        assert!(html.contains("two 1 s waits"));
        assert!(html.contains(
            r#"<tr><td style="text-align:left;padding:0.15em 0.75em">concurrent</td><td style="text-align:right;padding:0.15em 0.75em">1.00 s</td><td style="text-align:right;padding:0.15em 0.75em">1.00 s</td><td style="text-align:right;padding:0.15em 0.75em">2.00×</td></tr>"#
        ), "{html}");
        assert_eq!(html.matches("<svg").count(), 2);
        assert!(html.contains(r#"class="workbook-timeline workbook-sequential""#));
        assert!(html.contains(r#"class="workbook-timeline workbook-concurrent""#));
        // One scale: both charts are exactly as wide, and a 1 s bar is as long in each.
        let widths: Vec<&str> = html
            .match_indices("<svg")
            .map(|(at, _)| {
                html[at..]
                    .split("width=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(widths[0], widths[1]);
        assert_eq!(
            html.matches(r#"width="240.0" height="14.0""#).count(),
            4,
            "{html}"
        );
    }

    #[test]
    fn a_real_time_demo_says_so() {
        let demo = Demo::walkthrough("9.9.real", "real", |ctx| {
            async move { ctx.say("quick") }.boxed_local()
        })
        .in_real_time_only();
        let recording = record_demo(&demo).unwrap();
        assert_eq!(recording.clock, TimeMode::Real);
        assert!(
            recording
                .to_html()
                .contains("(real time: this demo always runs on the real clock)")
        );
    }

    #[test]
    fn a_panicking_demo_is_an_error() {
        let demo = Demo::walkthrough("9.9.bad", "bad", |_| async { panic!("oops") }.boxed_local());
        let error = record_demo(&demo).unwrap_err();
        assert!(error.to_string().contains("oops"), "{error}");
    }

    #[test]
    fn a_comparison_with_a_cancelled_span_draws_it() {
        let report = ComparisonReport {
            id: "9.9.x".into(),
            lesson: "9.9".into(),
            title: "x".into(),
            clock: "virtual",
            sequential_s: 2.0,
            concurrent_s: 1.0,
            ideal_sequential_s: 2.0,
            ideal_concurrent_s: 1.0,
            speedup: 2.0,
            sequential_spans: vec![span("a", 0.0, 2.0, false)],
            concurrent_spans: vec![span("a", 0.0, 1.0, true)],
        };
        let html = comparison_html(&report);
        assert_well_formed(&html);
        assert_eq!(html.matches("workbook-span-cancelled").count(), 1);
    }
}

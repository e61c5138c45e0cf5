//! A picture for a failing verdict: what the learner's code did, drawn on the virtual
//! clock, above the shape the grader expected, on the same time scale.
//!
//! A grader that checks time or concurrency already watches the learner's code through
//! its probes (a server that notes each request, jobs that note when they ran). When such
//! a check fails, it hands what it saw to a [`Picture`] — spans, one row per call or task,
//! or a gauge of how much ran at once — together with the expected shape, and
//! [`require_seen`](crate::grade::require_seen) puts the drawing above the sentence that
//! explains it. The same Gantt renderer draws the lessons' demos, so the learner reads
//! their own run the way they read the course's.

use crate::gantt::{bar_width, format_secs, render_timeline};
use crate::timeline::Span;
use std::time::Duration;

/// How wide a picture is drawn: it is shown indented inside a verdict, and must still fit
/// an 80-column terminal.
pub const WIDTH: usize = 72;

/// Set (to anything) by the runner when it shows verdicts on a terminal: draw in colour.
pub const COLOR_VARIABLE: &str = "WORKBOOK_COLOR";

/// One chart of a picture.
#[derive(Debug, Clone)]
enum Chart {
    /// Spans, one row each.
    Spans { title: String, spans: Vec<Span> },
    /// How many things were in progress over time, with the limit marked.
    Gauge {
        title: String,
        /// `(when, how many from then on)`, in time order.
        steps: Vec<(Duration, usize)>,
        limit: Option<usize>,
    },
}

impl Chart {
    fn end(&self) -> Duration {
        match self {
            Chart::Spans { spans, .. } => spans.iter().map(|span| span.end).max(),
            Chart::Gauge { steps, .. } => steps.iter().map(|(at, _)| *at).max(),
        }
        .unwrap_or_default()
    }
}

/// Charts drawn one under the other on one time scale: the learner's run, the expected
/// shape.
#[derive(Debug, Clone, Default)]
pub struct Picture {
    charts: Vec<Chart>,
}

impl Picture {
    /// An empty picture.
    pub fn new() -> Picture {
        Picture::default()
    }

    /// Adds a chart of `spans` (one row per span) under `title`.
    pub fn spans(mut self, title: impl Into<String>, spans: Vec<Span>) -> Picture {
        self.charts.push(Chart::Spans {
            title: title.into(),
            spans,
        });
        self
    }

    /// Adds a gauge under `title`: `steps` says from when on how many things were in
    /// progress (in time order); `limit`, if any, is marked, and whatever rose above it
    /// is drawn as `!`.
    pub fn gauge(
        mut self,
        title: impl Into<String>,
        steps: Vec<(Duration, usize)>,
        limit: Option<usize>,
    ) -> Picture {
        self.charts.push(Chart::Gauge {
            title: title.into(),
            steps,
            limit,
        });
        self
    }

    /// Draws every chart, `width` columns wide, on the time scale of the longest one.
    /// `fancy`: colour and block characters (a terminal), or plain ASCII (a pipe, a log).
    /// The drawing has no blank lines, so it stays one block inside a test's report.
    pub fn render(&self, width: usize, fancy: bool) -> String {
        let scale = self
            .charts
            .iter()
            .map(Chart::end)
            .max()
            .unwrap_or_default()
            .max(Duration::from_millis(1));
        // Gauges get the bar width of the span charts, so every chart's bars line up in time.
        let widest_label = self
            .charts
            .iter()
            .filter_map(|chart| match chart {
                Chart::Spans { spans, .. } => spans.iter().map(|s| s.label.chars().count()).max(),
                Chart::Gauge { .. } => None,
            })
            .max();
        let mut drawing = String::new();
        for chart in &self.charts {
            match chart {
                Chart::Spans { title, spans } => {
                    // Labels padded to the widest of all charts: equal bars, one time axis.
                    let label_width = widest_label.unwrap_or(0);
                    let padded: Vec<Span> = spans
                        .iter()
                        .map(|span| Span {
                            label: format!("{:<label_width$}", span.label),
                            ..span.clone()
                        })
                        .collect();
                    drawing.push_str(&heading(title, fancy));
                    drawing.push_str(&render_timeline(&padded, scale, width, fancy));
                }
                Chart::Gauge {
                    title,
                    steps,
                    limit,
                } => {
                    drawing.push_str(&heading(title, fancy));
                    let bar_width = widest_label.map(|label| bar_width(width, label));
                    drawing.push_str(&render_gauge(steps, *limit, scale, width, bar_width, fancy));
                }
            }
        }
        drawing
    }
}

fn heading(title: &str, fancy: bool) -> String {
    if fancy {
        format!("  {}\n", console::style(title).bold())
    } else {
        format!("  {title}\n")
    }
}

/// How many were in progress at `at`, from `steps`.
fn level_at(steps: &[(Duration, usize)], at: Duration) -> usize {
    steps
        .iter()
        .take_while(|(from, _)| *from <= at)
        .last()
        .map_or(0, |(_, level)| *level)
}

/// One row per level, from the highest reached (or the limit) down to 1; a cell is filled
/// where at least that many were in progress.
fn render_gauge(
    steps: &[(Duration, usize)],
    limit: Option<usize>,
    scale: Duration,
    width: usize,
    bar_width: Option<usize>,
    fancy: bool,
) -> String {
    let highest = steps.iter().map(|(_, level)| *level).max().unwrap_or(0);
    let top = highest.max(limit.unwrap_or(0)).max(1);
    let label_width = format!("limit {top}").len();
    let bar_width =
        bar_width.unwrap_or_else(|| width.saturating_sub(label_width + 10).clamp(10, 100));
    let cell_time = |cell: usize| scale.mul_f64((cell as f64 + 0.5) / bar_width as f64);
    let levels: Vec<usize> = (0..bar_width)
        .map(|cell| level_at(steps, cell_time(cell)))
        .collect();
    let mut drawing = String::new();
    for row in (1..=top).rev() {
        let label = match limit {
            Some(limit) if limit == row => format!("limit {row}"),
            _ => row.to_string(),
        };
        let over = limit.is_some_and(|limit| row > limit);
        let bar: String = levels
            .iter()
            .map(|&level| match (level >= row, over, fancy) {
                (true, true, true) => console::style("█").red().to_string(),
                (true, true, false) => "!".to_string(),
                (true, false, true) => console::style("█").cyan().to_string(),
                (true, false, false) => "#".to_string(),
                (false, _, true) => " ".to_string(),
                (false, _, false) => ".".to_string(),
            })
            .collect();
        let rail = if fancy { '│' } else { '|' };
        drawing.push_str(&format!("    {label:>label_width$} {rail}{bar}{rail}\n"));
    }
    drawing.push_str(&format!(
        "    {:>label_width$}  0 s{:>pad$}\n",
        "",
        format_secs(scale),
        pad = bar_width.saturating_sub(3)
    ));
    drawing
}

/// The picture for a check that can only time a call of the learner's code: the call
/// as the grader timed it, above the call as long as it should take.
pub fn timed_call(call: impl Into<String>, took: Duration, expected: Duration) -> Picture {
    let call = call.into();
    Picture::new()
        .spans(
            "your run, as the grader timed it",
            vec![span(call.clone(), 0.0, took.as_secs_f64())],
        )
        .spans("expected", vec![span(call, 0.0, expected.as_secs_f64())])
}

/// Whether pictures should be drawn in colour: the runner asks for it on a terminal.
pub fn in_colour() -> bool {
    std::env::var_os(COLOR_VARIABLE).is_some()
}

/// Turns the start and end times of pieces of work into gauge steps: how many were in
/// progress from each moment on.
pub fn steps_of(spans: &[Span]) -> Vec<(Duration, usize)> {
    let mut changes: Vec<(Duration, i64)> = spans
        .iter()
        .flat_map(|span| [(span.start, 1), (span.end, -1)])
        .collect();
    // At one instant, ends before starts: a place freed and taken at once is no overlap.
    changes.sort();
    let mut level = 0i64;
    let mut steps: Vec<(Duration, usize)> = Vec::new();
    for (at, change) in changes {
        level += change;
        let level = usize::try_from(level).unwrap_or(0);
        match steps.last_mut() {
            Some((last, value)) if *last == at => *value = level,
            _ => steps.push((at, level)),
        }
    }
    steps
}

/// A span, for building expected shapes: `span("request 1", 0.0, 1.0)`.
pub fn span(label: impl Into<String>, start: f64, end: f64) -> Span {
    Span {
        label: label.into(),
        start: Duration::from_secs_f64(start),
        end: Duration::from_secs_f64(end),
        cancelled: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gauge_marks_the_limit_and_what_rose_above_it() {
        let spans = [
            span("1", 0.0, 1.0),
            span("2", 0.0, 1.0),
            span("3", 0.0, 1.0),
            span("4", 1.0, 2.0),
        ];
        let drawing = Picture::new()
            .gauge("in flight", steps_of(&spans), Some(2))
            .render(WIDTH, false);
        let rows: Vec<&str> = drawing.lines().collect();
        assert_eq!(rows[0], "  in flight");
        assert!(rows[1].trim_start().starts_with("3 |!"), "{drawing}");
        assert!(rows[2].trim_start().starts_with("limit 2 |#"), "{drawing}");
        assert!(
            rows[3].contains('#') && rows[3].ends_with("#|"),
            "{drawing}"
        );
        assert!(drawing.lines().all(|row| row.chars().count() <= WIDTH));
        assert!(!drawing.contains("\n\n"), "no blank lines: {drawing}");
    }

    #[test]
    fn a_timed_call_is_drawn_against_its_expected_length() {
        let drawing = timed_call("fetch_all", Duration::from_secs(6), Duration::from_secs(3))
            .render(WIDTH, false);
        assert!(
            drawing.contains("your run") && drawing.contains("expected"),
            "{drawing}"
        );
        assert!(
            drawing.contains("0.00–6.00 s") && drawing.contains("0.00–3.00 s"),
            "{drawing}"
        );
    }

    #[test]
    fn charts_share_one_time_scale() {
        let drawing = Picture::new()
            .spans("your run", vec![span("a", 0.0, 6.0)])
            .spans("expected", vec![span("a", 0.0, 3.0)])
            .render(WIDTH, false);
        let bars: Vec<&str> = drawing
            .lines()
            .filter(|row| row.contains(" a "))
            .map(|row| row.split('|').nth(1).unwrap())
            .collect();
        let filled = |bar: &str| bar.chars().filter(|c| *c == '#').count();
        assert_eq!(filled(bars[0]), 2 * filled(bars[1]), "{drawing}");
        assert!(drawing.contains("6.00 s"));
    }

    #[test]
    fn steps_count_what_overlaps_and_a_freed_place_taken_at_once_is_no_overlap() {
        let spans = [
            span("1", 0.0, 1.0),
            span("2", 0.5, 2.0),
            span("3", 1.0, 3.0),
        ];
        let seconds = |s: f64| Duration::from_secs_f64(s);
        assert_eq!(
            steps_of(&spans),
            vec![
                (seconds(0.0), 1),
                (seconds(0.5), 2),
                (seconds(1.0), 2),
                (seconds(2.0), 1),
                (seconds(3.0), 0)
            ]
        );
    }
}

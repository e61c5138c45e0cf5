//! Sequential versus concurrent: the same work run both ways, measured and drawn.

use crate::{Span, TimeMode, format_secs, render_timeline};
use console::style;
use serde::Serialize;
use std::time::Duration;

/// What a comparison is and what it should ideally show.
///
/// The ideal times are the demo's own claim, e.g. "three 1 s waits: 3 s one after
/// another, 1 s all at once". The report puts the measured times beside them.
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    /// Stable id, `<lesson>.<name>`, e.g. `4.1.three_reads`.
    pub id: &'static str,
    /// One line saying what work is compared.
    pub title: &'static str,
    /// The time the sequential variant should take (usually the sum of the waits).
    pub ideal_sequential: Duration,
    /// The time the concurrent variant should take (usually the longest wait).
    pub ideal_concurrent: Duration,
}

/// The measured result of one [`Comparison`]: what `cargo xtask compare --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonReport {
    /// The comparison's id, e.g. `4.1.three_reads`.
    pub id: String,
    /// The lesson it belongs to, e.g. `4.1`.
    pub lesson: String,
    /// What was compared.
    pub title: String,
    /// `"virtual"` (paused clock, exact) or `"real"` (wall clock).
    pub clock: &'static str,
    /// Measured time of the sequential variant, in seconds.
    pub sequential_s: f64,
    /// Measured time of the concurrent variant, in seconds.
    pub concurrent_s: f64,
    /// What the sequential variant should take, in seconds.
    pub ideal_sequential_s: f64,
    /// What the concurrent variant should take, in seconds.
    pub ideal_concurrent_s: f64,
    /// Measured sequential time divided by measured concurrent time.
    pub speedup: f64,
    /// What ran when in the sequential variant.
    #[serde(skip)]
    pub sequential_spans: Vec<Span>,
    /// What ran when in the concurrent variant.
    #[serde(skip)]
    pub concurrent_spans: Vec<Span>,
}

impl ComparisonReport {
    /// Builds a report from the two measured runs: (elapsed, spans) each.
    pub fn new(
        spec: &Comparison,
        mode: TimeMode,
        sequential: (Duration, Vec<Span>),
        concurrent: (Duration, Vec<Span>),
    ) -> Self {
        let (sequential_time, sequential_spans) = sequential;
        let (concurrent_time, concurrent_spans) = concurrent;
        ComparisonReport {
            id: spec.id.to_string(),
            lesson: lesson_of(spec.id).to_string(),
            title: spec.title.to_string(),
            clock: mode.clock_name(),
            sequential_s: sequential_time.as_secs_f64(),
            concurrent_s: concurrent_time.as_secs_f64(),
            ideal_sequential_s: spec.ideal_sequential.as_secs_f64(),
            ideal_concurrent_s: spec.ideal_concurrent.as_secs_f64(),
            speedup: ratio(sequential_time, concurrent_time),
            sequential_spans,
            concurrent_spans,
        }
    }

    /// The table (variant, measured, ideal, speedup) followed by both timelines,
    /// drawn on one time scale so their lengths can be compared by eye.
    pub fn render(&self, width: usize, fancy: bool) -> String {
        let secs = Duration::from_secs_f64;
        let header = format!("    {}  ({} clock)", self.title, self.clock);
        let mut out = format!(
            "{}\n",
            if fancy {
                style(header).bold().to_string()
            } else {
                header
            }
        );
        out.push_str(&format!(
            "    {:<12} {:>10} {:>10} {:>9}\n",
            "variant", "measured", "ideal", "speedup"
        ));
        let rows = [
            (
                "sequential",
                self.sequential_s,
                self.ideal_sequential_s,
                1.0,
            ),
            (
                "concurrent",
                self.concurrent_s,
                self.ideal_concurrent_s,
                self.speedup,
            ),
        ];
        for (variant, measured, ideal, speedup) in rows {
            out.push_str(&format!(
                "    {:<12} {:>10} {:>10} {:>8.2}×\n",
                variant,
                format_secs(secs(measured)),
                format_secs(secs(ideal)),
                speedup
            ));
        }
        let scale = secs(self.sequential_s.max(self.concurrent_s));
        for (variant, spans) in [
            ("sequential", &self.sequential_spans),
            ("concurrent", &self.concurrent_spans),
        ] {
            out.push_str(&format!("\n    {variant}:\n"));
            out.push_str(&render_timeline(spans, scale, width, fancy));
        }
        out
    }
}

/// The lesson part of a `<lesson>.<name>` id: `"4.1.three_reads"` → `"4.1"`.
pub(crate) fn lesson_of(id: &str) -> &str {
    match id.match_indices('.').nth(1) {
        Some((second_dot, _)) => &id[..second_dot],
        None => id,
    }
}

fn ratio(sequential: Duration, concurrent: Duration) -> f64 {
    if concurrent.is_zero() {
        // Nothing to divide by: report "no speedup measurable" rather than infinity.
        1.0
    } else {
        sequential.as_secs_f64() / concurrent.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_is_the_first_two_parts_of_the_id() {
        assert_eq!(lesson_of("4.1.three_reads"), "4.1");
        assert_eq!(lesson_of("4.12.x.y"), "4.12");
    }

    #[test]
    fn report_divides_sequential_by_concurrent() {
        let spec = Comparison {
            id: "4.1.t",
            title: "t",
            ideal_sequential: Duration::from_secs(3),
            ideal_concurrent: Duration::from_secs(1),
        };
        let report = ComparisonReport::new(
            &spec,
            TimeMode::Virtual,
            (Duration::from_secs(3), vec![]),
            (Duration::from_millis(1500), vec![]),
        );
        assert_eq!(report.speedup, 2.0);
        assert_eq!(report.lesson, "4.1");
        let table = report.render(80, false);
        assert!(
            table.contains("concurrent       1.50 s     1.00 s     2.00×"),
            "{table}"
        );
    }
}

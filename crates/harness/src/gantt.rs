//! Drawing a [`Timeline`](crate::Timeline)'s spans as a Gantt chart in the terminal.

use crate::Span;
use console::style;
use std::time::Duration;

/// Formats a duration the way every report in the workbook does: seconds, two decimals.
pub fn format_secs(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

/// How many columns the bars of a chart `width` wide get, when its labels are
/// `label_width` wide: the margin, the label, the two rails and the times take the rest.
pub(crate) fn bar_width(width: usize, label_width: usize) -> usize {
    let times_width = "10.00–10.00 s cancelled".len();
    width
        .saturating_sub(label_width + times_width + 8)
        .clamp(10, 100)
}

/// Draws `spans` as a Gantt chart, one row per span, `width` columns wide.
///
/// `scale` is the time the full width of the chart stands for. Give two charts the same
/// scale and their bars can be compared by eye: three seconds of sequential work is
/// three times as long as one second of concurrent work. `fancy` chooses coloured
/// block characters (for a terminal) or plain ASCII (for logs and pipes).
pub fn render_timeline(spans: &[Span], scale: Duration, width: usize, fancy: bool) -> String {
    let label_width = spans
        .iter()
        .map(|span| span.label.chars().count())
        .max()
        .unwrap_or(0);
    let bar_width = bar_width(width, label_width);
    let scale_secs = scale.as_secs_f64().max(f64::EPSILON);
    let column = |at: Duration| {
        let fraction = (at.as_secs_f64() / scale_secs).clamp(0.0, 1.0);
        (fraction * bar_width as f64).round() as usize
    };
    let (full, cut, empty, rail) = if fancy {
        ('█', '▒', ' ', '│')
    } else {
        ('#', 'x', '.', '|')
    };

    let mut chart = String::new();
    for span in spans {
        let from = column(span.start).min(bar_width - 1);
        // Every span gets at least one cell, so that instant work is still visible.
        let to = column(span.end).max(from + 1).min(bar_width);
        // Cancelled work is drawn in a lighter fill, so what was cut short stands out.
        let fill = if span.cancelled { cut } else { full };
        let bar: String = (0..bar_width)
            .map(|cell| {
                if (from..to).contains(&cell) {
                    fill
                } else {
                    empty
                }
            })
            .collect();
        let bar = if fancy {
            style(bar).cyan().to_string()
        } else {
            bar
        };
        let times = format!(
            "{:.2}–{:.2} s{}",
            span.start.as_secs_f64(),
            span.end.as_secs_f64(),
            if span.cancelled { " cancelled" } else { "" }
        );
        chart.push_str(&format!(
            "    {:<label_width$} {rail}{bar}{rail} {times}\n",
            span.label
        ));
    }
    let axis_end = format_secs(scale);
    chart.push_str(&format!(
        "    {:<label_width$}  0 s{:>pad$}\n",
        "",
        axis_end,
        pad = bar_width.saturating_sub(3)
    ));
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: &str, start: f64, end: f64) -> Span {
        Span {
            label: label.into(),
            start: Duration::from_secs_f64(start),
            end: Duration::from_secs_f64(end),
            cancelled: false,
        }
    }

    #[test]
    fn bars_sit_where_their_spans_are_in_time() {
        let spans = [span("a", 0.0, 1.0), span("b", 1.0, 2.0)];
        let chart = render_timeline(&spans, Duration::from_secs(2), 30, false);
        let rows: Vec<&str> = chart.lines().collect();
        let bar = |row: &str| row.split('|').nth(1).unwrap().to_string();
        let (a, b) = (bar(rows[0]), bar(rows[1]));
        assert_eq!(a.len(), b.len());
        let half = a.len() / 2;
        assert!(a[..half].chars().all(|c| c == '#'), "first half of a: {a}");
        assert!(a[half..].chars().all(|c| c == '.'), "second half of a: {a}");
        assert!(b[..half].chars().all(|c| c == '.'), "first half of b: {b}");
        assert!(b[half..].chars().all(|c| c == '#'), "second half of b: {b}");
        assert!(rows[0].ends_with("0.00–1.00 s"), "{}", rows[0]);
        assert!(rows[2].trim_end().ends_with("2.00 s"), "axis: {}", rows[2]);
    }

    #[test]
    fn plain_mode_has_no_escape_codes() {
        let chart = render_timeline(&[span("x", 0.0, 1.0)], Duration::from_secs(1), 40, false);
        assert!(!chart.contains('\u{1b}'));
    }

    #[test]
    fn instant_work_is_still_drawn() {
        let chart = render_timeline(&[span("x", 1.0, 1.0)], Duration::from_secs(2), 40, false);
        assert_eq!(chart.lines().next().unwrap().matches('#').count(), 1);
    }
}

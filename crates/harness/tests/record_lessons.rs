//! Every virtual-time demo of three lesson crates can be recorded, and its HTML is whole:
//! one Markdown HTML block (no blank line), tags balanced, a chart for every timeline and
//! two for every comparison. (Real-time-only demos take real seconds; the book's own test
//! records those.)

use harness::{Demo, Piece, record_demo};

fn lesson_demos() -> Vec<Demo> {
    let mut demos = coroutines::demos();
    demos.extend(gather_select::demos());
    demos.extend(cancellation::demos());
    demos.retain(|demo| !demo.real_time_only);
    demos
}

#[test]
fn every_virtual_time_demo_records_and_draws() {
    let demos = lesson_demos();
    assert!(demos.len() >= 10, "only {} demos found", demos.len());
    for demo in demos {
        let recording = record_demo(&demo).unwrap_or_else(|error| panic!("{error}"));
        assert!(!recording.pieces.is_empty(), "{} reported nothing", demo.id);
        let charts: usize = recording
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Timeline { .. } => 1,
                Piece::Comparison(_) => 2,
                Piece::Say(_) | Piece::Log { .. } => 0,
            })
            .sum();
        let html = recording.to_html();
        assert!(
            !html.contains("\n\n"),
            "{}: blank line in its HTML",
            demo.id
        );
        assert_eq!(html.matches("<svg").count(), charts, "{}", demo.id);
        assert_eq!(html.matches("</svg>").count(), charts, "{}", demo.id);
        for tag in ["div", "pre", "figure", "table", "g", "text", "title"] {
            assert_eq!(
                html.matches(&format!("<{tag}>")).count()
                    + html.matches(&format!("<{tag} ")).count(),
                html.matches(&format!("</{tag}>")).count(),
                "{}: <{tag}> not balanced",
                demo.id
            );
        }
        assert!(
            !html.contains('\u{1b}'),
            "{}: escape codes in its HTML",
            demo.id
        );
    }
}

#[test]
fn the_three_reads_comparison_draws_both_runs() {
    let demo = coroutines::demos()
        .into_iter()
        .find(|demo| demo.id == "4.1.three_reads")
        .expect("4.1.three_reads is registered");
    let html = record_demo(&demo).unwrap().to_html();
    assert!(html.contains("(virtual time)"));
    assert!(html.contains(r#"class="workbook-timeline workbook-sequential""#));
    assert!(html.contains(r#"class="workbook-timeline workbook-concurrent""#));
    assert!(html.contains(">3.00 s</td>"), "{html}");
}

#[test]
fn some_cancellation_demo_draws_a_cancelled_span() {
    let drawn = cancellation::demos()
        .into_iter()
        .filter(|demo| !demo.real_time_only)
        .map(|demo| record_demo(&demo).unwrap().to_html())
        .any(|html| html.contains("workbook-span-cancelled"));
    assert!(drawn, "no demo of lesson 4.4 drew a cancelled span");
}

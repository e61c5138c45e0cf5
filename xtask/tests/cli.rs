//! The runner as a learner meets it: real commands, exit codes and output.
//!
//! Each test runs the built `xtask` binary with its progress file redirected to a
//! temporary path, so running the tests never touches a learner's progress.

use std::path::PathBuf;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    let progress: PathBuf = std::env::temp_dir().join(format!(
        "xtask-cli-{}-{}.json",
        std::process::id(),
        args.join("_").replace(['/', ' '], "-")
    ));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("WORKBOOK_PROGRESS", &progress)
        .env("CI", "true")
        .output()
        .expect("the xtask binary runs");
    let _ = std::fs::remove_file(progress);
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn unknown_ids_and_missing_arguments_exit_2_with_one_helpful_line() {
    for (args, must_mention) in [
        (&["lesson", "9.9"][..], "4.1"),
        (&["lesson"][..], "4.1"),
        (&["hint", "nope"][..], "ex01"),
        (&["hint"][..], "ex01"),
        (&["check", "ex99"][..], "ex01"),
        (&["lesson", "4.1", "--frobnicate"][..], "--help"),
        (&["no-such-command"][..], "--help"),
    ] {
        let output = xtask(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(message.contains(must_mention), "{args:?}: {message}");
    }
}

#[test]
fn compare_json_has_the_promised_fields_and_exact_virtual_times() {
    let output = xtask(&["compare", "--instant", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let reports = reports.as_array().expect("a JSON array");
    assert!(!reports.is_empty());
    for report in reports {
        for field in [
            "id",
            "lesson",
            "sequential_s",
            "concurrent_s",
            "ideal_sequential_s",
            "ideal_concurrent_s",
            "speedup",
        ] {
            assert!(!report[field].is_null(), "{field} missing in {report}");
        }
    }
    let reads = reports
        .iter()
        .find(|report| report["id"] == "4.1.three_reads")
        .expect("the three-reads comparison");
    assert_eq!(reads["sequential_s"], 3.0);
    assert_eq!(reads["concurrent_s"], 1.0);
    assert_eq!(reads["speedup"], 3.0);
}

#[test]
fn lesson_4_1_prints_straight_through_in_virtual_time() {
    let output = xtask(&["lesson", "4.1", "--instant", "--no-pause"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.contains("sequential       3.00 s     3.00 s"),
        "{text}"
    );
    assert!(
        text.contains("concurrent       1.00 s     1.00 s"),
        "{text}"
    );
    assert!(!text.contains("{{#include"), "every include is expanded");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
    assert!(
        text.contains("pub async fn read_file"),
        "the demo source is shown"
    );
}

#[test]
fn hint_prints_the_hint_from_the_metadata_file() {
    let output = xtask(&["hint", "ex01"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("join_all"), "{}", stdout(&output));
}

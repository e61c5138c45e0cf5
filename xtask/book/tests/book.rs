//! Builds the book into a folder of its own (under target/), as `cargo xtask book` does, and checks that it
//! is the whole course: every lesson page, every demo marker replaced by that demo's
//! recording with its timelines drawn as SVG, the 4.1 comparison with both charts, each
//! quiz at the end of its lesson, the exercises chapter linking to real sections — and
//! that mdBook had nothing to warn about (an unclosed tag in a demo or a quiz would
//! spill the rest of the page out of its HTML block).

use harness::Piece;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The book, built once for all the tests; its folder.
fn book() -> &'static Path {
    static BOOK: OnceLock<PathBuf> = OnceLock::new();
    BOOK.get_or_init(|| {
        // Cargo's folder for test files (under target/), replaced on every run.
        let dest = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book");
        let _ = std::fs::remove_dir_all(&dest);
        let output = Command::new(env!("CARGO_BIN_EXE_workbook-book"))
            .arg("--dest")
            .arg(&dest)
            .output()
            .expect("workbook-book runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "the book did not build:\n{stdout}\n{stderr}"
        );
        assert!(
            stderr.trim().is_empty(),
            "mdBook warned while building the book:\n{stderr}"
        );
        assert!(
            stdout.contains(&dest.join("index.html").display().to_string()),
            "the builder did not say where the book is:\n{stdout}"
        );
        dest
    })
}

/// The page mdBook made of the chapter `file` (a `.md` in `lessons/`).
fn page(file: &str) -> String {
    let html = book().join(file.replace(".md", ".html"));
    std::fs::read_to_string(&html).unwrap_or_else(|_| panic!("no page {}", html.display()))
}

fn root() -> &'static Path {
    xtask::workspace::locate().expect("the tests run inside the workbook")
}

/// The lessons, as the catalog sees them: (id, file name).
fn lessons() -> Vec<(String, String)> {
    root();
    xtask::catalog::lessons()
        .expect("the lessons")
        .into_iter()
        .map(|lesson| {
            let file = lesson
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (lesson.id, file)
        })
        .collect()
}

/// The demo ids a lesson file names, `<!-- demo: ID -->` lines outside code blocks.
fn markers(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("lessons").join(file)).unwrap();
    let mut in_code = false;
    let mut ids = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
        }
        let id = trimmed
            .strip_prefix("<!--")
            .and_then(|rest| rest.strip_suffix("-->"))
            .and_then(|inner| inner.trim().strip_prefix("demo:"));
        if let (false, Some(id)) = (in_code, id) {
            ids.push(id.trim().to_string());
        }
    }
    ids
}

/// The HTML of the first recording of demo `id` on `html`: from its `<div>` to the next
/// demo, heading or quiz.
fn demo_block<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let start = html.find(&format!("<div class=\"workbook-demo\" data-demo=\"{id}\""))?;
    let rest = &html[start + 1..];
    let end = ["<div class=\"workbook-demo\"", "<h2", "<section"]
        .iter()
        .filter_map(|next| rest.find(next))
        .min()
        .unwrap_or(rest.len());
    Some(&html[start..start + 1 + end])
}

#[test]
fn every_lesson_has_a_page_and_every_marker_its_recording() {
    let demos = xtask::demos::all();
    let mut checked = 0;
    for (_id, file) in lessons() {
        let html = page(&file);
        assert!(
            !html.contains("<!-- demo:"),
            "{file}: a demo marker was left in the page"
        );
        assert!(
            !html.contains("unknown demo"),
            "{file}: the page mentions an unknown demo"
        );
        for id in markers(&file) {
            let block = demo_block(&html, &id)
                .unwrap_or_else(|| panic!("{file}: the demo {id} is not on the page"));
            let demo = demos.iter().find(|demo| demo.id == id).unwrap();
            if demo.real_time_only {
                // Real-time demos take seconds each; that they were recorded is enough.
                continue;
            }
            // As many charts as the terminal draws: one per timeline, two per comparison.
            let recording = harness::record_demo(demo).expect("the demo runs");
            let charts: usize = recording
                .pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Timeline { .. } => 1,
                    Piece::Comparison(_) => 2,
                    _ => 0,
                })
                .sum();
            assert!(
                block.matches("<svg").count() >= charts,
                "{file}: the demo {id} draws {charts} timelines in the terminal, fewer here"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} demos were checked");
}

#[test]
fn the_first_lesson_shows_the_three_reads_with_both_timelines() {
    let html = page("4.1-sync-vs-async.md");
    let block = demo_block(&html, "4.1.three_reads").expect("the three-reads demo");
    let comparison = &block[block
        .find("class=\"workbook-comparison\"")
        .expect("the three reads are a comparison")..];
    assert!(comparison.contains("<table"), "the comparison's figures");
    assert_eq!(
        comparison.matches("<svg").count(),
        2,
        "the sequential and the concurrent timeline"
    );
    for variant in ["workbook-sequential", "workbook-concurrent"] {
        assert!(comparison.contains(variant), "no {variant} chart");
    }
}

#[test]
fn each_quiz_ends_its_lesson() {
    for (id, file) in lessons() {
        if !xtask::quiz::exists(&id) {
            continue;
        }
        let quiz = xtask::quiz::load(&id).unwrap();
        let html = page(&file);
        let start = html
            .find(&format!(
                "<section class=\"workbook-quiz\" id=\"workbook-quiz\" data-lesson=\"{id}\""
            ))
            .unwrap_or_else(|| panic!("{file}: no quiz"));
        let quiz_html = &html[start..];
        assert_eq!(
            quiz_html
                .matches("class=\"workbook-quiz-question\"")
                .count(),
            quiz.question.len(),
            "{file}: not every question of the quiz"
        );
        assert!(
            !html[..start].contains("workbook-quiz-question"),
            "{file}: a question before the quiz"
        );
    }
}

#[test]
fn the_exercises_chapter_lists_every_exercise_and_links_to_its_section() {
    root();
    let html = page("exercises.md");
    for exercise in xtask::catalog::exercises().unwrap() {
        assert!(
            html.contains(&format!("cargo xtask check {}", exercise.id)),
            "{} is not in the exercises chapter",
            exercise.id
        );
        assert!(
            html.contains(&exercise.stub_path()),
            "{}'s file",
            exercise.id
        );
        let lesson = xtask::catalog::lesson(Some(&exercise.lesson)).unwrap();
        let lesson_file = lesson.path.file_name().unwrap().to_string_lossy();
        let id = heading_id(&exercise.section);
        let link = format!("href=\"{}#{id}\"", lesson_file.replace(".md", ".html"));
        assert!(html.contains(&link), "{}: no link {link}", exercise.id);
        let lesson_page = page(&lesson_file);
        assert!(
            lesson_page.contains(&format!("id=\"{id}\"")),
            "{}: its section {:?} has no heading #{id} on {}",
            exercise.id,
            exercise.section,
            lesson_file
        );
    }
}

#[test]
fn the_reference_chapters_are_there() {
    assert!(page("rosetta.md").contains("<table"), "the Rosetta table");
    assert!(
        std::fs::read_to_string(book().join("index.html"))
            .unwrap()
            .contains("How to use this book"),
        "the first page is the introduction"
    );
    // mdBook 0.5 draws the sidebar from a script; toc.html is its copy for no script.
    let toc = std::fs::read_to_string(book().join("toc.html")).unwrap();
    for (_id, file) in lessons()
        .into_iter()
        .chain([(String::new(), "exercises.md".into())])
    {
        assert!(
            toc.contains(&format!("href=\"{}\"", file.replace(".md", ".html"))),
            "the table of contents lacks {file}"
        );
    }
}

/// The id mdBook gives a heading (as xtask/book/src/exercises.rs computes it).
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

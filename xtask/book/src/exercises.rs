//! The exercises chapter: `<!-- exercises -->` in `lessons/exercises.md` becomes the list
//! of every exercise in `exercises/info.toml`, grouped by lesson.
//!
//! Each entry says what the exercise is, which file to edit, how to grade it, and links
//! to the lesson section that teaches it — the same facts `cargo xtask list` and the
//! verdicts use, read from the same file, so the chapter cannot go stale.

use anyhow::Result;
use std::fmt::Write;
use xtask::catalog::{self, Exercise, Lesson};

/// The line in `lessons/exercises.md` that the list replaces.
pub const MARKER: &str = "<!-- exercises -->";

/// `markdown` with its [`MARKER`] line replaced by the list of exercises.
pub fn fill(markdown: &str) -> Result<String> {
    let list = list(&catalog::lessons()?, &catalog::exercises()?);
    Ok(markdown
        .lines()
        .map(|line| {
            if line.trim() == MARKER {
                list.clone()
            } else {
                format!("{line}\n")
            }
        })
        .collect())
}

/// The exercises as Markdown: a heading per lesson, a list item per exercise.
fn list(lessons: &[Lesson], exercises: &[Exercise]) -> String {
    let mut out = String::new();
    for lesson in lessons {
        let page = chapter_file(lesson);
        let of_lesson: Vec<&Exercise> = exercises
            .iter()
            .filter(|exercise| exercise.lesson == lesson.id)
            .collect();
        if of_lesson.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## Lesson {} — {}\n", lesson.id, lesson.title);
        for exercise in of_lesson {
            let _ = writeln!(
                out,
                "- **{id}** {title}\\\n  edit `{file}`, grade it with `cargo xtask check {id}`; \
                 taught in [{section}]({page}#{anchor})",
                id = exercise.id,
                title = exercise.title,
                file = exercise.stub_path(),
                section = exercise.section,
                anchor = heading_id(&exercise.section),
            );
        }
    }
    out
}

/// The lesson's chapter, as SUMMARY.md names it: its file name in `lessons/`.
fn chapter_file(lesson: &Lesson) -> String {
    lesson
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `id` mdBook gives a heading with this text: lower case, spaces to `-`, other
/// punctuation dropped (mdbook-html 0.5's `id_from_content`; the book's test checks every
/// link lands on a heading).
pub fn heading_id(heading: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_follow_mdbook() {
        assert_eq!(
            heading_id("Doing the waiting together"),
            "doing-the-waiting-together"
        );
        assert_eq!(
            heading_id("`select!`: the first one wins"),
            "select-the-first-one-wins"
        );
    }
}

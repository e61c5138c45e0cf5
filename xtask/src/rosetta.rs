//! `cargo xtask rosetta`: the asyncio → Rust table, from `lessons/rosetta.md`.
//!
//! The same file is what each lesson includes (by anchor) for its own rows, so the
//! table the runner prints and the tables in the lessons cannot differ.

use crate::{render, workspace};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

fn path() -> PathBuf {
    workspace::lessons_dir().join("rosetta.md")
}

/// Prints the whole table, lesson by lesson.
pub fn run() -> Result<ExitCode> {
    let file = path();
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    print!("{}", render::markdown(&text, console::colors_enabled()));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalog, markdown};

    /// The rows: every table line that is not the header or the separator.
    fn rows() -> Vec<Vec<String>> {
        std::fs::read_to_string(path())
            .unwrap()
            .lines()
            .filter(|line| line.starts_with("| ") && !line.starts_with("| concept |"))
            .map(|line| {
                line.trim_matches('|')
                    .split(" | ")
                    .map(|cell| cell.trim().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_row_has_five_filled_cells() {
        let rows = rows();
        assert!(rows.len() >= 20, "{} rows", rows.len());
        for row in rows {
            assert_eq!(row.len(), 5, "{row:?}");
            assert!(row.iter().all(|cell| !cell.is_empty()), "{row:?}");
        }
    }

    #[test]
    fn every_row_names_a_section_that_exists_once_its_lesson_does() {
        let lessons = catalog::lessons().unwrap();
        for row in rows() {
            let taught_in = &row[4];
            let (lesson_id, section) = match taught_in.split_once(" § ") {
                Some((lesson, section)) => (lesson, Some(section)),
                None => (taught_in.as_str(), None),
            };
            let Some(lesson) = lessons.iter().find(|lesson| lesson.id == lesson_id) else {
                continue; // a lesson still to be written
            };
            let section =
                section.unwrap_or_else(|| panic!("{row:?} must name a section of {lesson_id}"));
            let parsed = markdown::parse(&lesson.path).unwrap();
            assert!(
                parsed.sections.iter().any(|s| s.heading == section),
                "{row:?}: lesson {lesson_id} has no section {section:?}"
            );
        }
    }
}

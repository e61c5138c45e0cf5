//! What the workbook contains: the lessons (files in `lessons/`) and the exercises
//! (`exercises/info.toml`), and looking them up by what the learner types.

use crate::usage::UsageError;
use crate::workspace;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::PathBuf;

/// One lesson file, `lessons/<id>-<slug>.md`.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// The lesson number, e.g. `4.1`.
    pub id: String,
    /// The text of the file's `# ` heading.
    pub title: String,
    /// Where the Markdown lives.
    pub path: PathBuf,
}

/// One exercise, as described in `exercises/info.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Exercise {
    /// Short id the learner types, e.g. `ex01`.
    pub id: String,
    /// The rest of the file name, e.g. `downloads` for `ex01_downloads.rs`.
    pub name: String,
    /// The lesson it practises, e.g. `4.1`.
    pub lesson: String,
    /// One line saying what it is about.
    pub title: String,
    /// The `## ` heading of the lesson section that teaches it, exactly as written.
    pub section: String,
    /// Hints in steps, each giving away a little more: the idea (and the section to
    /// re-read), the API to use, the shape of the code.
    pub hints: Vec<String>,
}

impl Exercise {
    /// The module name, `ex01_downloads`: file stem of the stub, grader and solution.
    pub fn module(&self) -> String {
        format!("{}_{}", self.id, self.name)
    }

    /// The learner's file, relative to the repository root.
    pub fn stub_path(&self) -> String {
        format!("exercises/src/{}.rs", self.module())
    }

    /// The test target that builds this exercise alone (its stub + its grader).
    pub fn test_target_path(&self) -> String {
        format!("exercises/tests/{}.rs", self.module())
    }

    /// The grader's file, relative to the repository root.
    pub fn grader_path(&self) -> String {
        format!("exercises/graders/{}.rs", self.module())
    }

    /// The reference solution's file, relative to the repository root.
    pub fn solution_path(&self) -> String {
        format!("solutions/src/{}.rs", self.module())
    }

    /// Whether `query` names this exercise: `ex01`, `ex01_downloads`, `downloads` or `1`.
    fn answers_to(&self, query: &str) -> bool {
        let query = query.trim().to_ascii_lowercase();
        let number = self.id.trim_start_matches("ex").trim_start_matches('0');
        query == self.id
            || query == self.module()
            || query == self.name
            || query.trim_start_matches('0') == number
    }
}

#[derive(Deserialize)]
struct ExerciseFile {
    exercise: Vec<Exercise>,
}

/// All lessons, in order of their ids.
pub fn lessons() -> Result<Vec<Lesson>> {
    let dir = workspace::lessons_dir();
    let entries = std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
    let mut lessons = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let Some(file_name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let Some(stem) = file_name.strip_suffix(".md") else {
            continue;
        };
        let Some((id, _slug)) = stem.split_once('-') else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        // The heading usually repeats the number ("# 4.1 Synchronous …"); keep the words.
        let heading = text
            .lines()
            .find_map(|line| line.strip_prefix("# "))
            .unwrap_or(stem);
        let title = heading
            .strip_prefix(id)
            .unwrap_or(heading)
            .trim()
            .to_string();
        lessons.push(Lesson {
            id: id.to_string(),
            title,
            path,
        });
    }
    lessons.sort_by_key(|lesson| lesson_order(&lesson.id));
    Ok(lessons)
}

/// Sort key for `4.2` < `4.10`.
pub fn lesson_order(id: &str) -> Vec<u32> {
    id.split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

/// The lesson called `id`, or a usage error listing the lessons that exist.
pub fn lesson(id: Option<&str>) -> Result<Lesson> {
    let lessons = lessons()?;
    let known = || {
        lessons
            .iter()
            .map(|lesson| format!("{} ({})", lesson.id, lesson.title))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(id) = id else {
        return Err(UsageError(format!(
            "which lesson? The lessons are {} — e.g. `cargo xtask lesson {}`",
            known(),
            lessons.first().map_or("4.1", |lesson| lesson.id.as_str())
        ))
        .into());
    };
    lessons
        .iter()
        .find(|lesson| lesson.id == id.trim())
        .cloned()
        .ok_or_else(|| UsageError(format!("no lesson {id:?}; the lessons are {}", known())).into())
}

/// All exercises, in course order.
pub fn exercises() -> Result<Vec<Exercise>> {
    let path = workspace::exercise_info();
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let file: ExerciseFile =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok(file.exercise)
}

/// The exercise named by `query`, or a usage error listing the exercises that exist.
pub fn exercise(query: Option<&str>, command: &str) -> Result<Exercise> {
    let exercises = exercises()?;
    let known = exercises
        .iter()
        .map(|exercise| exercise.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let Some(query) = query else {
        return Err(UsageError(format!(
            "which exercise? The exercises are {known} — e.g. `cargo xtask {command} ex01`"
        ))
        .into());
    };
    exercises
        .into_iter()
        .find(|exercise| exercise.answers_to(query))
        .ok_or_else(|| {
            UsageError(format!("no exercise {query:?}; the exercises are {known}")).into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_answer_to_their_short_and_long_names() {
        let exercise = Exercise {
            id: "ex07".into(),
            name: "rate_limit".into(),
            lesson: "4.4".into(),
            title: String::new(),
            section: String::new(),
            hints: Vec::new(),
        };
        for query in ["ex07", "EX07", "ex07_rate_limit", "rate_limit", "7", "07"] {
            assert!(exercise.answers_to(query), "{query}");
        }
        for query in ["ex7x", "ex17", "17", "rate"] {
            assert!(!exercise.answers_to(query), "{query}");
        }
    }

    #[test]
    fn lesson_ids_sort_numerically() {
        let mut ids = vec!["4.10", "4.2", "4.1"];
        ids.sort_by_key(|id| lesson_order(id));
        assert_eq!(ids, ["4.1", "4.2", "4.10"]);
    }

    #[test]
    fn every_exercise_has_hints_in_steps_and_a_section_its_lesson_has() {
        for exercise in exercises().unwrap() {
            let id = &exercise.id;
            assert!(
                exercise.hints.len() >= 2,
                "{id}: hints come in steps (idea, API, shape); it has {}",
                exercise.hints.len()
            );
            for (step, hint) in exercise.hints.iter().enumerate() {
                assert!(!hint.trim().is_empty(), "{id}: hint {} is empty", step + 1);
            }
            let lesson = lesson(Some(&exercise.lesson)).unwrap();
            let headings = crate::lesson::headings(&lesson).unwrap();
            assert!(
                headings.contains(&exercise.section),
                "{id}: lesson {} has no section {:?}; its sections are {headings:?}",
                exercise.lesson,
                exercise.section
            );
        }
    }

    #[test]
    fn the_real_catalogue_loads() {
        assert!(!lessons().unwrap().is_empty());
        assert!(!exercises().unwrap().is_empty());
    }
}

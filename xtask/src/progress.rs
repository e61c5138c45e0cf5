//! The learner's progress: one JSON file at the repository root, git-ignored.
//!
//! Written atomically (a temporary file, then a rename), so a crash never leaves half a
//! file. A file that cannot be read is moved aside with a one-line warning and a fresh
//! one is started: progress is worth keeping, never worth a crash.

use crate::workspace;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Everything the workbook remembers about the learner.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Lessons by id.
    pub lessons: BTreeMap<String, LessonProgress>,
    /// Exercises by id (`ex01`).
    pub exercises: BTreeMap<String, ExerciseProgress>,
    /// Quiz results by lesson id.
    pub quizzes: BTreeMap<String, QuizScore>,
    /// How many hint steps each exercise has shown, by exercise id (`ex01`). A file from
    /// before hints came in steps has none: it loads as "no hint used yet".
    pub hints: BTreeMap<String, usize>,
}

/// The learner's results on one lesson's quiz.
#[derive(Debug, Default, Clone, Copy, Serialize, Deserialize)]
#[serde(default)]
pub struct QuizScore {
    /// Right answers on the latest attempt.
    pub last: usize,
    /// The most right answers on any attempt.
    pub best: usize,
    /// How many questions the quiz had.
    pub questions: usize,
}

/// How far the learner got through one lesson.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonProgress {
    /// Indexes of the sections shown so far.
    pub sections_read: BTreeSet<usize>,
    /// How many sections the lesson had when it was last read.
    pub sections_total: usize,
    /// The section the learner was on when they left.
    pub position: usize,
}

impl LessonProgress {
    /// Whether every section has been read.
    pub fn finished(&self) -> bool {
        self.sections_total > 0 && self.sections_read.len() >= self.sections_total
    }

    /// Where to resume: the remembered position, or the start of a finished lesson.
    pub fn resume_at(&self) -> usize {
        if self.finished() { 0 } else { self.position }
    }
}

/// The learner's record on one exercise.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseProgress {
    /// Whether the last grading passed.
    pub passed: bool,
    /// When it first passed (seconds since the Unix epoch).
    pub first_passed_at: Option<u64>,
}

impl Progress {
    /// The progress file of this checkout, or the file named by `WORKBOOK_PROGRESS`
    /// (the runner's own tests use that, so they never touch a learner's progress).
    pub fn path() -> PathBuf {
        std::env::var_os("WORKBOOK_PROGRESS")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace::root().join(".workbook-progress.json"))
    }

    /// Loads the progress file; a missing file is a fresh start, a damaged one is set aside.
    pub fn load() -> Progress {
        Self::load_from(&Self::path())
    }

    fn load_from(path: &Path) -> Progress {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Progress::default();
            }
            Err(error) => return set_aside(path, &error.to_string()),
        };
        serde_json::from_str(&text).unwrap_or_else(|error| set_aside(path, &error.to_string()))
    }

    /// Saves atomically: write a temporary file beside the real one, then rename it over.
    pub fn save(&self) -> Result<()> {
        self.save_to(&Self::path())
    }

    fn save_to(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self)?;
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, json)
            .with_context(|| format!("writing {}", temporary.display()))?;
        std::fs::rename(&temporary, path)
            .with_context(|| format!("saving progress to {}", path.display()))
    }

    /// Records that section `index` of `lesson` (which has `total` sections) was shown.
    pub fn read_section(&mut self, lesson: &str, index: usize, total: usize) {
        let entry = self.lessons.entry(lesson.to_string()).or_default();
        entry.sections_read.insert(index);
        entry.sections_total = total;
        entry.position = index;
    }

    /// Records a quiz attempt.
    pub fn quiz_taken(&mut self, lesson: &str, right: usize, questions: usize) {
        let entry = self.quizzes.entry(lesson.to_string()).or_default();
        entry.last = right;
        entry.best = entry.best.max(right);
        entry.questions = questions;
    }

    /// Whether the learner has finished reading `lesson`.
    pub fn lesson_finished(&self, lesson: &str) -> bool {
        self.lessons
            .get(lesson)
            .is_some_and(LessonProgress::finished)
    }

    /// Records a grading result.
    pub fn graded(&mut self, exercise: &str, passed: bool) {
        let entry = self.exercises.entry(exercise.to_string()).or_default();
        entry.passed = passed;
        if passed && entry.first_passed_at.is_none() {
            entry.first_passed_at = Some(now());
        }
    }

    /// How many of `exercise`'s hint steps have been shown.
    pub fn hints_used(&self, exercise: &str) -> usize {
        self.hints.get(exercise).copied().unwrap_or(0)
    }

    /// Records that the first `steps` hint steps of `exercise` have been shown.
    pub fn used_hints(&mut self, exercise: &str, steps: usize) {
        let used = self.hints.entry(exercise.to_string()).or_default();
        *used = (*used).max(steps);
    }

    /// Whether `exercise` passed when last graded.
    pub fn passed(&self, exercise: &str) -> bool {
        self.exercises
            .get(exercise)
            .is_some_and(|entry| entry.passed)
    }
}

fn set_aside(path: &Path, problem: &str) -> Progress {
    let stamp = now();
    let aside = (1..)
        .map(|attempt| match attempt {
            1 => path.with_extension(format!("json.damaged-{stamp}")),
            n => path.with_extension(format!("json.damaged-{stamp}-{n}")),
        })
        .find(|candidate| !candidate.exists())
        .expect("some numbered name is free");
    match std::fs::rename(path, &aside) {
        Ok(()) => eprintln!(
            "warning: your progress file could not be read ({problem}); moved it to {} and \
             started a fresh one. Your exercise files are untouched.",
            aside.display()
        ),
        Err(error) => eprintln!(
            "warning: your progress file could not be read ({problem}) nor moved aside \
             ({error}); continuing without saved progress."
        ),
    }
    Progress::default()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-progress-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = scratch("roundtrip");
        let path = dir.join("progress.json");
        let mut progress = Progress::default();
        progress.read_section("4.1", 0, 2);
        progress.graded("ex01", true);
        progress.save_to(&path).unwrap();
        let loaded = Progress::load_from(&path);
        assert!(loaded.passed("ex01"));
        assert!(!loaded.lessons["4.1"].finished());
        assert!(
            !dir.join("progress.json.tmp").exists(),
            "the temporary file is renamed away"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn hint_steps_are_remembered_and_an_older_file_still_loads() {
        let dir = scratch("hints");
        let path = dir.join("progress.json");
        // A file written before hints came in steps: no `hints` key.
        std::fs::write(
            &path,
            r#"{"lessons": {}, "exercises": {"ex01": {"passed": true, "first_passed_at": 1}}}"#,
        )
        .unwrap();
        let mut progress = Progress::load_from(&path);
        assert!(
            progress.passed("ex01"),
            "the old file was read, not set aside"
        );
        assert_eq!(progress.hints_used("ex01"), 0);
        progress.used_hints("ex02", 2);
        progress.used_hints("ex02", 1);
        progress.save_to(&path).unwrap();
        let loaded = Progress::load_from(&path);
        assert_eq!(
            loaded.hints_used("ex02"),
            2,
            "a step once shown stays shown"
        );
        assert!(
            !loaded.exercises.contains_key("ex02"),
            "a hint is not a grading"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn garbage_truncation_and_a_directory_all_give_a_working_store() {
        for (name, damage) in [
            ("garbage", Some(&b"\xff\xfe\x00binary"[..])),
            (
                "truncated",
                Some(&b"{\"lessons\": {\"4.1\": {\"sections_re"[..]),
            ),
            ("directory", None),
        ] {
            let dir = scratch(name);
            let path = dir.join("progress.json");
            match damage {
                Some(bytes) => std::fs::write(&path, bytes).unwrap(),
                None => std::fs::create_dir(&path).unwrap(),
            }
            let mut progress = Progress::load_from(&path);
            assert!(progress.lessons.is_empty(), "{name}");
            progress.graded("ex01", true);
            progress
                .save_to(&path)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
            assert!(Progress::load_from(&path).passed("ex01"), "{name}");
            let entries = std::fs::read_dir(&dir).unwrap().count();
            assert_eq!(
                entries, 2,
                "{name}: the damaged original is kept beside the new file"
            );
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_damaged_file_is_set_aside_not_lost() {
        let dir = scratch("damaged");
        let path = dir.join("progress.json");
        std::fs::write(&path, "{ not json").unwrap();
        let progress = Progress::load_from(&path);
        assert!(progress.exercises.is_empty());
        assert!(!path.exists());
        let kept: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "{ not json");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

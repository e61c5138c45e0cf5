//! The workbook's mdBook preprocessor: what mdBook cannot know about the lessons.
//!
//! It runs after mdBook's `links` (which expands `{{#include}}`) and before rendering.
//! For every chapter it:
//! - indents what was included inside a list item (`indent.rs`);
//! - replaces each `<!-- demo: ID -->` with the demo's recorded output (`demos.rs`);
//!   an unknown id fails the build;
//! - fills the exercises chapter from `exercises/info.toml` (`exercises.rs`);
//! - appends a lesson's quiz to the end of its chapter (`quiz.rs`).

use crate::{demos, exercises, indent, quiz};
use anyhow::Result;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::HashMap;

/// The preprocessor, registered with `MDBook::with_preprocessor`.
pub struct Workbook;

impl Preprocessor for Workbook {
    fn name(&self) -> &str {
        "workbook"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let recorded = Recorded(demos::record_all(&wanted_demos(&book)?)?);
        let mut failure = None;
        book.for_each_chapter_mut(|chapter| {
            if failure.is_none()
                && let Err(error) = fill(chapter, &recorded)
            {
                failure = Some(error);
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(book),
        }
    }
}

/// The recorded demos, by id: the lessons' and the quizzes' (shown after the answer to a
/// predict question, as the terminal runs the demo after it).
struct Recorded(HashMap<String, String>);

impl quiz::Sources for Recorded {
    fn demo(&self, id: &str) -> Result<Option<String>, String> {
        Ok(self.0.get(id).cloned())
    }
}

/// Every demo the book shows, with where it is named: each chapter's markers, in order,
/// then the demos of its quiz's predict questions.
fn wanted_demos(book: &Book) -> Result<Vec<(String, String)>> {
    let mut wanted = Vec::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(file) = chapter_file(chapter) else {
            continue;
        };
        for id in demos::ids(&chapter.content) {
            wanted.push((format!("lessons/{file}"), id.to_string()));
        }
        if let Some(lesson) = lesson_id(file)
            && xtask::quiz::exists(lesson)
        {
            let quiz = xtask::quiz::load(lesson)?;
            for id in quiz.question.iter().filter_map(|q| q.demo.as_ref()) {
                wanted.push((format!("lessons/{lesson}-quiz.toml"), id.clone()));
            }
        }
    }
    Ok(wanted)
}

/// The chapter's file in `lessons/`, e.g. `4.1-sync-vs-async.md`.
fn chapter_file(chapter: &Chapter) -> Option<&str> {
    chapter.path.as_deref().and_then(|path| path.to_str())
}

/// One chapter: its demos, the exercise list if it is that chapter, its quiz if it is a
/// lesson that has one.
fn fill(chapter: &mut Chapter, recorded: &Recorded) -> Result<()> {
    let Some(file) = chapter_file(chapter).map(str::to_owned) else {
        return Ok(());
    };
    let mut content = demos::replace(&indent::restore(&chapter.content), &recorded.0);
    if file == "exercises.md" {
        content = exercises::fill(&content)?;
    }
    if let Some(lesson) = lesson_id(&file)
        && let Some(quiz) = quiz::lesson_quiz_html(lesson, recorded)?
    {
        content.push_str("\n\n");
        content.push_str(&quiz);
    }
    chapter.content = content;
    Ok(())
}

/// The lesson a chapter file is, as the catalog sees it: `4.1` for `4.1-sync-vs-async.md`.
fn lesson_id(file: &str) -> Option<&str> {
    let stem = file.strip_suffix(".md")?;
    let (id, _slug) = stem.split_once('-')?;
    Some(id)
}

//! `cargo xtask quiz <LESSON>`: one question at a time, immediate feedback, score saved.
//!
//! Questions live in `lessons/<lesson>-quiz.toml`, beside the lesson they test.

use crate::input::{Answer, Input};
use crate::progress::Progress;
use crate::usage::UsageError;
use crate::workspace;
use anyhow::{Context, Result};
use console::style;
use serde::Deserialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// One lesson's quiz, as stored in its TOML file.
#[derive(Debug, Deserialize)]
pub struct Quiz {
    /// The lesson it belongs to.
    pub lesson: String,
    /// The questions, in the order they are asked.
    pub question: Vec<Question>,
}

/// A multiple-choice question with exactly one right answer.
#[derive(Debug, Deserialize)]
pub struct Question {
    /// Where it comes from: `seed 001 Q3` (the course's quizzes) or `new`.
    pub source: String,
    /// The question.
    pub prompt: String,
    /// The choices, shown as A, B, C…
    pub choices: Vec<String>,
    /// The letter of the right choice.
    pub answer: String,
    /// Why that answer is right, shown after every answer.
    pub explanation: String,
}

impl Question {
    /// The index of the right choice, if `answer` names one.
    fn right_choice(&self) -> Option<usize> {
        letter_index(&self.answer).filter(|&index| index < self.choices.len())
    }
}

/// `"B"` or `"b"` → 1; `"2"` → 1.
fn letter_index(text: &str) -> Option<usize> {
    let text = text.trim();
    if let Ok(number) = text.parse::<usize>() {
        return number.checked_sub(1);
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(letter), None) if letter.is_ascii_alphabetic() => {
            Some(usize::from(letter.to_ascii_uppercase() as u8 - b'A'))
        }
        _ => None,
    }
}

fn letter(index: usize) -> char {
    char::from(b'A' + index as u8)
}

fn path(lesson: &str) -> PathBuf {
    workspace::lessons_dir().join(format!("{lesson}-quiz.toml"))
}

/// Whether lesson `lesson` has a quiz.
pub fn exists(lesson: &str) -> bool {
    path(lesson).is_file()
}

/// The lessons that have a quiz, in order.
pub fn available() -> Result<Vec<String>> {
    let mut lessons: Vec<String> = std::fs::read_dir(workspace::lessons_dir())?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some(name.strip_suffix("-quiz.toml")?.to_string())
        })
        .collect();
    lessons.sort_by_key(|id| crate::catalog::lesson_order(id));
    Ok(lessons)
}

/// Loads the quiz of `lesson`.
pub fn load(lesson: &str) -> Result<Quiz> {
    let file = path(lesson);
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", file.display()))
}

/// What is wrong with a quiz: each question needs a prompt, distinct choices, exactly
/// one right answer among them, an explanation and a source.
pub fn problems(quiz: &Quiz) -> Vec<String> {
    let mut problems = Vec::new();
    for (number, question) in quiz.question.iter().enumerate().map(|(i, q)| (i + 1, q)) {
        let mut complain = |what: &str| problems.push(format!("question {number}: {what}"));
        if question.prompt.trim().is_empty() {
            complain("empty prompt");
        }
        if question.choices.len() < 2 {
            complain("fewer than two choices");
        }
        let mut distinct = question.choices.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != question.choices.len() {
            complain("two choices are the same");
        }
        if question.right_choice().is_none() {
            complain("`answer` is not the letter of one of its choices");
        }
        if question.explanation.trim().is_empty() {
            complain("no explanation");
        }
        if question.source.trim().is_empty() {
            complain("no source");
        }
    }
    problems
}

/// The command-line entry.
pub fn run(lesson: Option<&str>) -> Result<ExitCode> {
    let lesson = chosen(lesson)?;
    take(&lesson, &mut Input::plain()?)?;
    Ok(ExitCode::SUCCESS)
}

/// The quiz named on the command line, or a usage error listing the quizzes.
pub fn chosen(lesson: Option<&str>) -> Result<String> {
    let quizzes = available()?.join(", ");
    match lesson {
        None => Err(UsageError(format!(
            "which quiz? There are quizzes for lessons {quizzes} — e.g. `cargo xtask quiz 4.1`"
        ))
        .into()),
        Some(id) if exists(id.trim()) => Ok(id.trim().to_string()),
        Some(id) => Err(UsageError(format!(
            "no quiz for lesson {id:?}; there are quizzes for {quizzes}"
        ))
        .into()),
    }
}

/// Asks every question of `lesson`'s quiz and records the score.
pub fn take(lesson: &str, input: &mut Input) -> Result<()> {
    let quiz = load(lesson)?;
    let total = quiz.question.len();
    println!(
        "{}",
        style(format!(
            "Quiz for lesson {lesson}: {total} questions. Answer with a letter; q stops."
        ))
        .bold()
    );
    let mut right = 0;
    for (number, question) in quiz.question.iter().enumerate() {
        println!(
            "\n{} {}",
            style(format!("{}/{total}", number + 1)).dim(),
            style(&question.prompt).bold()
        );
        for (index, choice) in question.choices.iter().enumerate() {
            println!("   {}) {choice}", letter(index));
        }
        let Some(picked) = ask_choice(input, question.choices.len())? else {
            println!("Quiz stopped; nothing recorded.");
            return Ok(());
        };
        let correct = question.right_choice() == Some(picked);
        if correct {
            right += 1;
            println!("{}", style("✓ Right.").green());
        } else {
            let answer = question.right_choice().map_or('?', letter);
            println!(
                "{}",
                style(format!("✗ Not quite — the answer is {answer}.")).red()
            );
        }
        println!("{}", question.explanation.trim());
    }
    println!("\n{}", style(format!("Score: {right}/{total}")).bold());
    let mut progress = Progress::load();
    progress.quiz_taken(lesson, right, total);
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your score: {error:#}");
    }
    Ok(())
}

/// Reads a choice; `None` when the learner stops (q, Ctrl-D, end of input).
fn ask_choice(input: &mut Input, choices: usize) -> Result<Option<usize>> {
    let last = letter(choices - 1);
    loop {
        match input.ask(&format!("your answer (A–{last}) > "))? {
            Answer::Eof => return Ok(None),
            Answer::Interrupted => continue,
            Answer::Line(line) if line.trim().eq_ignore_ascii_case("q") => return Ok(None),
            Answer::Line(line) => match letter_index(&line) {
                Some(index) if index < choices => return Ok(Some(index)),
                _ => println!("Please answer with a letter from A to {last}."),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quiz_file_parses_and_every_question_has_one_right_answer_and_an_explanation() {
        let lessons = available().unwrap();
        assert!(!lessons.is_empty());
        for lesson in lessons {
            let quiz = load(&lesson).unwrap_or_else(|error| panic!("{error:#}"));
            assert_eq!(quiz.lesson, lesson, "the file name and `lesson` agree");
            assert_eq!(problems(&quiz), Vec::<String>::new(), "quiz {lesson}");
            let new = quiz.question.iter().filter(|q| q.source == "new").count();
            assert!(
                new >= 3,
                "quiz {lesson} has {new} Rust-specific questions; at least 3"
            );
        }
    }

    #[test]
    fn every_seed_quiz_question_is_ported() {
        let sources: Vec<String> = available()
            .unwrap()
            .iter()
            .flat_map(|lesson| load(lesson).unwrap().question)
            .map(|question| question.source)
            .collect();
        let seeds = (1..=10)
            .map(|n| format!("seed 001 Q{n}"))
            .chain((1..=4).map(|n| format!("seed 002 Q{n}")));
        for seed in seeds {
            assert_eq!(sources.iter().filter(|s| **s == seed).count(), 1, "{seed}");
        }
    }

    #[test]
    fn problems_catches_a_bad_answer_and_a_missing_explanation() {
        let quiz: Quiz = toml::from_str(
            "lesson = \"x\"\n[[question]]\nsource = \"new\"\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\nanswer = \"C\"\nexplanation = \" \"\n",
        )
        .unwrap();
        assert_eq!(problems(&quiz).len(), 2, "{:?}", problems(&quiz));
    }

    #[test]
    fn answers_are_letters_or_numbers() {
        assert_eq!(letter_index("b"), Some(1));
        assert_eq!(letter_index(" C "), Some(2));
        assert_eq!(letter_index("1"), Some(0));
        assert_eq!(letter_index("0"), None);
        assert_eq!(letter_index("bb"), None);
    }
}

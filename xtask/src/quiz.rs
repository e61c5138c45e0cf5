//! `cargo xtask quiz <LESSON>`: one question at a time, immediate feedback, score saved.
//!
//! Questions live in `lessons/<lesson>-quiz.toml`, beside the lesson they test. The file
//! names the right answer by its text, not by a letter, and the choices are shuffled each
//! time a question is shown: a learner who always types the same letter scores about one
//! in four, not whatever the file's order happens to favour.
//!
//! A *predict* question shows real code (by anchor, like a lesson's `{{#include}}`) and
//! names the demo that runs it. After the learner answers, the demo runs on the virtual
//! clock, so they see what really happened — predicting and then seeing is what makes a
//! wrong mental model visible.

use crate::input::{Answer, Input};
use crate::lesson::{self, CtrlC};
use crate::progress::Progress;
use crate::usage::UsageError;
use crate::{demos, markdown, render, with_crawler, workspace};
use anyhow::{Context, Result};
use console::style;
use harness::TimeMode;
use serde::Deserialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The code a predict question shows (re-exported for the book, which shows it too).
pub use crate::markdown::snippet;

/// Every quiz has at least this many questions…
pub const MIN_QUESTIONS: usize = 10;
/// …and at least this many of them are predict-then-run questions.
pub const MIN_PREDICT: usize = 3;

/// Set this to a number to make the shuffles repeatable (the tests do).
const SEED_VARIABLE: &str = "WORKBOOK_QUIZ_SEED";

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
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Where it comes from: `seed 001 Q3` (the course's quizzes) or `new`.
    pub source: String,
    /// The question.
    pub prompt: String,
    /// The right choice, by its text.
    pub answer: String,
    /// The wrong choices.
    pub wrong: Vec<String>,
    /// Why the answer is right, shown after every answer.
    pub explanation: String,
    /// For a predict question: the code to show, as `file:anchor` relative to `lessons/`.
    #[serde(default)]
    pub code: Option<String>,
    /// For a predict question: the demo that runs that code, run after the answer.
    #[serde(default)]
    pub demo: Option<String>,
}

impl Question {
    /// Whether the learner predicts what a demo does, then watches it.
    pub fn is_predict(&self) -> bool {
        self.code.is_some() || self.demo.is_some()
    }

    /// The choices in a freshly shuffled order, and the position of the right one.
    pub fn shuffled(&self, rng: &mut fastrand::Rng) -> (Vec<&str>, usize) {
        let mut choices: Vec<&str> = std::iter::once(self.answer.as_str())
            .chain(self.wrong.iter().map(String::as_str))
            .collect();
        rng.shuffle(&mut choices);
        let right = choices
            .iter()
            .position(|choice| *choice == self.answer)
            .unwrap_or(0);
        (choices, right)
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

/// What is wrong with a quiz: enough questions and predict questions; each question needs
/// a prompt, a right answer and at least two wrong ones, all distinct and none that only
/// makes sense in a fixed order, an explanation and a source; a predict question's code
/// must resolve and its demo must exist and run on the virtual clock.
pub fn problems(quiz: &Quiz) -> Vec<String> {
    let mut problems = Vec::new();
    let questions = quiz.question.len();
    if questions < MIN_QUESTIONS {
        problems.push(format!(
            "{questions} questions; a quiz has at least {MIN_QUESTIONS}"
        ));
    }
    let predict = quiz.question.iter().filter(|q| q.is_predict()).count();
    if predict < MIN_PREDICT {
        problems.push(format!(
            "{predict} predict questions (with `code` and `demo`); at least {MIN_PREDICT}"
        ));
    }
    for (number, question) in quiz.question.iter().enumerate().map(|(i, q)| (i + 1, q)) {
        let mut complain = |what: String| problems.push(format!("question {number}: {what}"));
        if question.prompt.trim().is_empty() {
            complain("empty prompt".into());
        }
        if question.answer.trim().is_empty() {
            complain("empty `answer`".into());
        }
        if question.wrong.len() < 2 {
            complain("fewer than two `wrong` choices".into());
        }
        let mut distinct: Vec<&str> = std::iter::once(&question.answer)
            .chain(&question.wrong)
            .map(|choice| choice.trim())
            .collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != question.wrong.len() + 1 {
            complain("two choices are the same".into());
        }
        for choice in std::iter::once(&question.answer).chain(&question.wrong) {
            let lower = choice.to_lowercase();
            if lower.contains("of the above") || lower.contains("both of these") {
                complain(format!(
                    "{choice:?} depends on the order of the choices, which are shuffled"
                ));
            }
        }
        if question.explanation.trim().is_empty() {
            complain("no explanation".into());
        }
        if question.source.trim().is_empty() {
            complain("no source".into());
        }
        match (&question.code, &question.demo) {
            (None, None) => {}
            (Some(code), Some(demo)) => {
                match markdown::snippet(code) {
                    Ok(text) if text.trim().is_empty() => {
                        complain(format!("`code` {code} is empty"))
                    }
                    Ok(_) => {}
                    Err(error) => complain(format!("`code`: {error}")),
                }
                match demos::find(demo) {
                    None => complain(format!("`demo` {demo} is not a registered demo")),
                    Some(found) if found.real_time_only => complain(format!(
                        "`demo` {demo} runs in real time only; a quiz runs its demo on the virtual clock"
                    )),
                    Some(_) => {}
                }
            }
            _ => complain("a predict question needs both `code` and `demo`".into()),
        }
    }
    problems
}

/// The command-line entry.
pub fn run(lesson: Option<&str>) -> Result<ExitCode> {
    let lesson = chosen(lesson)?;
    take(&lesson, &mut Input::plain()?, CtrlC::EndsProgram)?;
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

/// The shuffler: random, or repeatable when `WORKBOOK_QUIZ_SEED` is set.
fn shuffler() -> fastrand::Rng {
    match std::env::var(SEED_VARIABLE)
        .ok()
        .and_then(|seed| seed.trim().parse().ok())
    {
        Some(seed) => fastrand::Rng::with_seed(seed),
        None => fastrand::Rng::new(),
    }
}

/// Asks every question of `lesson`'s quiz, runs the demos of predict questions after
/// their answers, and records the score.
pub fn take(lesson: &str, input: &mut Input, ctrl_c: CtrlC) -> Result<()> {
    let quiz = load(lesson)?;
    if with_crawler::lacks_any(quiz.question.iter().filter_map(|q| q.demo.as_deref())) {
        return with_crawler::hand_over(&["quiz".to_string(), lesson.to_string()]).map(drop);
    }
    let total = quiz.question.len();
    let fancy = console::colors_enabled();
    let mut rng = shuffler();
    println!(
        "{}",
        style(format!(
            "Quiz for lesson {lesson}: {total} questions. Answer with a letter; q stops."
        ))
        .bold()
    );
    let mut right = 0;
    for (number, question) in quiz.question.iter().enumerate() {
        let kind = if question.is_predict() {
            " predict, then watch"
        } else {
            ""
        };
        println!(
            "\n{}{} {}",
            style(format!("{}/{total}", number + 1)).dim(),
            style(kind).cyan(),
            render::inline(&question.prompt, fancy, &console::Style::new().bold())
        );
        if let Some(code) = &question.code {
            let code = markdown::snippet(code).map_err(anyhow::Error::msg)?;
            print!(
                "{}",
                render::markdown(&format!("```rust\n{code}```\n"), fancy)
            );
        }
        let (choices, right_choice) = question.shuffled(&mut rng);
        for (index, choice) in choices.iter().enumerate() {
            let choice = render::inline(choice, fancy, &console::Style::new());
            println!("   {}) {choice}", letter(index));
        }
        let Some(picked) = ask_choice(input, choices.len())? else {
            println!("Quiz stopped; nothing recorded.");
            return Ok(());
        };
        if picked == right_choice {
            right += 1;
            println!("{}", style("✓ Right.").green());
        } else {
            let red = console::Style::new().red();
            println!(
                "{}{}",
                red.apply_to(format!(
                    "✗ Not quite — the answer is {}) ",
                    letter(right_choice)
                )),
                render::inline(&question.answer, fancy, &red)
            );
        }
        if let Some(demo) = &question.demo {
            println!("{}", style("Now watch it run:").dim());
            lesson::run_demo(demo, TimeMode::Virtual, ctrl_c)?;
        }
        print!("{}", render::markdown(question.explanation.trim(), fancy));
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

    fn all_quizzes() -> Vec<Quiz> {
        let lessons = available().unwrap();
        assert!(!lessons.is_empty());
        lessons
            .iter()
            .map(|lesson| load(lesson).unwrap_or_else(|error| panic!("{error:#}")))
            .collect()
    }

    #[test]
    fn every_quiz_has_ten_questions_three_predict_ones_and_one_right_answer_each() {
        for (lesson, quiz) in available().unwrap().iter().zip(all_quizzes()) {
            assert_eq!(&quiz.lesson, lesson, "the file name and `lesson` agree");
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
        let sources: Vec<String> = all_quizzes()
            .into_iter()
            .flat_map(|quiz| quiz.question)
            .map(|question| question.source)
            .collect();
        let seeds = (1..=10)
            .map(|n| format!("seed 001 Q{n}"))
            .chain((1..=4).map(|n| format!("seed 002 Q{n}")));
        for seed in seeds {
            assert_eq!(sources.iter().filter(|s| **s == seed).count(), 1, "{seed}");
        }
    }

    /// The whole point of shuffling: over many sittings, always answering B scores about
    /// one in the number of choices (a quarter with four), in every quiz.
    #[test]
    fn always_typing_the_same_letter_scores_about_one_in_the_number_of_choices() {
        let mut rng = fastrand::Rng::with_seed(7);
        for quiz in all_quizzes() {
            let sittings = 400;
            let (mut right, mut chance) = (0usize, 0.0);
            for _ in 0..sittings {
                for question in &quiz.question {
                    let (choices, answer) = question.shuffled(&mut rng);
                    right += usize::from(answer == 1);
                    chance += 1.0 / choices.len() as f64;
                }
            }
            let asked = (sittings * quiz.question.len()) as f64;
            let (score, expected) = (right as f64 / asked, chance / asked);
            assert!(
                (score - expected).abs() < 0.03 && score < 0.4,
                "quiz {}: always answering B scored {:.0}% (chance is {:.0}%)",
                quiz.lesson,
                score * 100.0,
                expected * 100.0
            );
        }
    }

    #[test]
    fn shuffling_keeps_every_choice_and_tracks_the_right_one() {
        let question: Question = toml::from_str(
            "source = \"new\"\nprompt = \"p\"\nanswer = \"yes\"\nwrong = [\"no\", \"maybe\", \"never\"]\nexplanation = \"e\"\n",
        )
        .unwrap();
        let mut rng = fastrand::Rng::with_seed(1);
        let mut positions = [0; 4];
        for _ in 0..200 {
            let (choices, right) = question.shuffled(&mut rng);
            assert_eq!(choices[right], "yes");
            let mut sorted = choices.clone();
            sorted.sort();
            assert_eq!(sorted, ["maybe", "never", "no", "yes"]);
            positions[right] += 1;
        }
        assert!(
            positions.iter().all(|&n| n > 20),
            "the right answer lands everywhere: {positions:?}"
        );
    }

    #[test]
    fn problems_catches_bad_questions() {
        let quiz: Quiz = toml::from_str(
            r#"
lesson = "x"
[[question]]
source = "new"
prompt = "p"
answer = "a"
wrong = ["a"]
explanation = " "

[[question]]
source = "new"
prompt = "p"
answer = "a"
wrong = ["b", "All of the above"]
explanation = "e"
code = "../crates/nowhere.rs:nothing"
demo = "9.9.nothing"

[[question]]
source = "new"
prompt = "p"
answer = "a"
wrong = ["b", "c"]
explanation = "e"
demo = "4.2.gather"
"#,
        )
        .unwrap();
        let found = problems(&quiz).join("\n");
        for expected in [
            "3 questions; a quiz has at least 10",
            "2 predict questions",
            "question 1: fewer than two `wrong` choices",
            "question 1: two choices are the same",
            "question 1: no explanation",
            "question 2: \"All of the above\" depends on the order",
            "question 2: `code`: cannot include ../crates/nowhere.rs",
            "question 2: `demo` 9.9.nothing is not a registered demo",
            "question 3: a predict question needs both `code` and `demo`",
        ] {
            assert!(
                found.contains(expected),
                "{expected:?} missing from:\n{found}"
            );
        }
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

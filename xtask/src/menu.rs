//! `cargo xtask` with no command: the menu a learner lives in.
//!
//! Choose by number or by name; every command-line subcommand works here too
//! (`lesson 4.1`, `check ex01`, …). Tab completes commands and ids, history is kept
//! between runs, Ctrl-C clears the line (or stops a running demo), Ctrl-D leaves.
//! With piped input it reads one command per line, so tests can drive it.

use crate::catalog::{self, Exercise};
use crate::input::{Answer, Input};
use crate::lesson::{self, CtrlC};
use crate::progress::Progress;
use crate::{
    Cli, Command, chat, check, hint, list, quiz, reset, solution, usage, watch, workspace,
};
use anyhow::Result;
use clap::Parser;
use console::style;
use std::process::ExitCode;

/// What the menu does after a command.
enum Flow {
    Stay,
    Quit,
}

const ENTRIES: [(&str, &str); 8] = [
    ("continue", "pick up where you left off"),
    ("lessons", "read a lesson, its demos running as you go"),
    (
        "exercises",
        "your exercises: check, hint, watch, reset, solution",
    ),
    ("quiz", "test yourself on a lesson"),
    ("projects", "the crawler (4.5) and the chat server (4.6)"),
    ("progress", "what you have done so far"),
    ("help", "how this menu works"),
    ("quit", "leave (Ctrl-D works too)"),
];

/// Runs the menu until the learner quits.
pub fn run() -> Result<ExitCode> {
    let history = workspace::root().join(".workbook-history");
    let mut input = Input::new(completion_words()?, Some(history))?;
    println!("{}", style("The Async Rust Workbook").bold().magenta());
    println!("Async Rust with tokio, for people who know Python's asyncio.");
    print_menu();
    loop {
        let line = match input.ask("workbook> ")? {
            Answer::Eof => break,
            Answer::Interrupted => continue,
            Answer::Line(line) => line,
        };
        match handle(line.trim(), &mut input) {
            Ok(Flow::Stay) => {}
            Ok(Flow::Quit) => break,
            Err(error) => eprintln!("error: {error:#}"),
        }
    }
    println!("Bye — your progress is saved. `cargo xtask` brings you back here.");
    Ok(ExitCode::SUCCESS)
}

fn print_menu() {
    println!();
    for (number, (name, what)) in ENTRIES.iter().enumerate() {
        println!(
            "  {}  {:<10} {}",
            style(number + 1).cyan(),
            name,
            style(what).dim()
        );
    }
    println!(
        "{}",
        style("Type a number or a name, or a command such as `lesson 4.1` or `check ex01`.").dim()
    );
}

fn handle(line: &str, input: &mut Input) -> Result<Flow> {
    let entry = line
        .parse::<usize>()
        .ok()
        .and_then(|number| ENTRIES.get(number.wrapping_sub(1)))
        .map_or(line, |(name, _)| *name);
    match entry {
        "" => print_menu(),
        "continue" | "c" => continue_learning(input)?,
        "lessons" => lessons(input)?,
        "exercises" => exercises(input)?,
        "quiz" => quizzes(input)?,
        "projects" | "project" | "crawler" => println!(
            "The capstone: an async web crawler with its own offline demo site.\n  \
             lesson 4.5          build it step by step\n  \
             crawl               start the demo site and crawl it (Ctrl-C stops cleanly)\n  \
             crawl --compare     concurrency 1 against 8, with timelines\n  \
             crawl https://…     a real site (--depth, --max-pages, --delay, --out)\n  \
             site                serve the demo site until Ctrl-C: curl it, or race your\n  \
             \x20                   own crawler on it (--port, --pages, --latency)\n\
             The chat server of lesson 4.6: lines broadcast to everyone else.\n  \
             lesson 4.6          files, sockets, framing, shared state, then the chat\n  \
             chat                serve it on 127.0.0.1 until Ctrl-C (--port N); join it\n  \
             \x20                   from other terminals with `nc 127.0.0.1 N`\n  \
             chat --join NAME    a client for it, on the same line codec\n  \
             bench chat          100 and 1,000 clients: latency, CPU, memory"
        ),
        "progress" => {
            list::run()?;
        }
        "help" | "?" | "h" => print_help(),
        "quit" | "exit" | "q" => return Ok(Flow::Quit),
        command => run_command(command, input)?,
    }
    Ok(Flow::Stay)
}

/// Runs a command-line subcommand typed into the menu, with the menu's input.
fn run_command(line: &str, input: &mut Input) -> Result<()> {
    let words = std::iter::once("cargo xtask").chain(line.split_whitespace());
    let cli = match Cli::try_parse_from(words) {
        Ok(cli) => cli,
        Err(error) => {
            usage::report_clap_error(error);
            return Ok(());
        }
    };
    match cli.command {
        None => print_menu(),
        Some(Command::Lesson {
            id,
            instant,
            section,
            ..
        }) => {
            let lesson = catalog::lesson(id.as_deref())?;
            lesson::step_through(
                &lesson,
                instant,
                section.as_deref(),
                input,
                CtrlC::StopsDemo,
            )?;
        }
        Some(Command::Quiz { lesson }) => {
            quiz::take(&quiz::chosen(lesson.as_deref())?, input, CtrlC::StopsDemo)?
        }
        Some(Command::Reset { exercise, yes }) => {
            reset::reset(
                &catalog::exercise(exercise.as_deref(), "reset")?,
                yes,
                input,
            )?;
        }
        Some(Command::Solution { exercise, yes }) => {
            solution::show(
                &catalog::exercise(exercise.as_deref(), "solution")?,
                yes,
                input,
            )?;
        }
        Some(Command::Chat { join: Some(_), .. }) => {
            // The client reads the keyboard on a thread of its own, which is still waiting
            // for a line when the chat ends; in a process of its own it ends with it,
            // instead of taking the next line typed into the menu.
            let words: Vec<String> = line.split_whitespace().map(String::from).collect();
            chat::join_in_a_child(&words)?;
        }
        Some(other) => {
            let words: Vec<String> = line.split_whitespace().map(String::from).collect();
            crate::dispatch(other, &words)?;
        }
    }
    Ok(())
}

/// The first unread lesson section, or the first unsolved exercise of a lesson read.
fn continue_learning(input: &mut Input) -> Result<()> {
    let progress = Progress::load();
    let exercises = catalog::exercises()?;
    for lesson in catalog::lessons()? {
        if !progress.lesson_finished(&lesson.id) {
            println!("Continuing lesson {} — {}", lesson.id, lesson.title);
            return lesson::step_through(&lesson, false, None, input, CtrlC::StopsDemo);
        }
        let unsolved = exercises
            .iter()
            .find(|exercise| exercise.lesson == lesson.id && !progress.passed(&exercise.id));
        if let Some(exercise) = unsolved {
            println!(
                "Lesson {} is read; next is its exercise {}.",
                lesson.id, exercise.id
            );
            return exercise_view(exercise, input);
        }
    }
    println!("You have read every lesson and passed every exercise. Try a quiz, or `compare`.");
    Ok(())
}

fn lessons(input: &mut Input) -> Result<()> {
    list_lessons()?;
    let Some(id) = pick(input, "lesson (e.g. 4.1; Enter goes back) > ")? else {
        return Ok(());
    };
    let lesson = catalog::lesson(Some(&id))?;
    lesson::step_through(&lesson, false, None, input, CtrlC::StopsDemo)
}

fn list_lessons() -> Result<()> {
    list::print_lessons(&Progress::load())
}

fn exercises(input: &mut Input) -> Result<()> {
    list::print_exercises(&Progress::load())?;
    let Some(id) = pick(input, "exercise (e.g. ex01; Enter goes back) > ")? else {
        return Ok(());
    };
    let exercise = catalog::exercise(Some(&id), "check")?;
    exercise_view(&exercise, input)
}

/// One exercise: where it is, and what can be done with it.
fn exercise_view(exercise: &Exercise, input: &mut Input) -> Result<()> {
    let show = |exercise: &Exercise| {
        let progress = Progress::load();
        let passed = progress.passed(&exercise.id);
        let hints = list::hints_used(&progress, exercise)
            .map_or(String::new(), |used| format!(" · {used}"));
        println!(
            "\n{} — {} (lesson {}){}{}",
            style(&exercise.id).bold(),
            exercise.title,
            exercise.lesson,
            if passed { " ✓ passed" } else { "" },
            style(hints).dim()
        );
        println!("  edit {}", style(exercise.stub_path()).underlined());
        println!(
            "  {}",
            style("hint · check · watch · reset · solution · back").dim()
        );
    };
    show(exercise);
    loop {
        let prompt = format!("{}> ", exercise.id);
        let command = match input.ask(&prompt)? {
            Answer::Eof => return Ok(()),
            Answer::Interrupted => continue,
            Answer::Line(line) => line.trim().to_lowercase(),
        };
        let outcome = match command.as_str() {
            // Each `hint` shows the next step.
            "hint" => hint::run(Some(&exercise.id)).map(drop),
            "check" => check::run(Some(&exercise.id)).map(drop),
            "watch" => watch::run(Some(&exercise.id)).map(drop),
            "reset" => reset::reset(exercise, false, input).map(drop),
            "solution" => solution::show(exercise, false, input).map(drop),
            "back" | "b" | "q" | "quit" => return Ok(()),
            "" => {
                show(exercise);
                Ok(())
            }
            _ => {
                println!("Commands here: hint, check, watch, reset, solution, back.");
                Ok(())
            }
        };
        if let Err(error) = outcome {
            eprintln!("error: {error:#}");
        }
    }
}

fn quizzes(input: &mut Input) -> Result<()> {
    let progress = Progress::load();
    for lesson in quiz::available()? {
        let score = progress
            .quizzes
            .get(&lesson)
            .map_or("not taken".to_string(), |score| {
                format!("best {}/{}", score.best, score.questions)
            });
        println!("  {lesson:<5} {}", style(score).dim());
    }
    let Some(lesson) = pick(input, "quiz for lesson (e.g. 4.1; Enter goes back) > ")? else {
        return Ok(());
    };
    quiz::take(&quiz::chosen(Some(&lesson))?, input, CtrlC::StopsDemo)
}

/// Asks for an id; `None` when the learner just presses Enter (or input ends).
fn pick(input: &mut Input, prompt: &str) -> Result<Option<String>> {
    Ok(match input.ask(prompt)? {
        Answer::Line(line) if !line.trim().is_empty() => Some(line.trim().to_string()),
        _ => None,
    })
}

fn print_help() {
    println!(
        "Choose an entry by number or name. Any command of `cargo xtask --help` works here too:\n  \
         lesson 4.1 [--instant]   step through a lesson (Enter next, b back, r re-run, i instant, q quit)\n  \
         check [ex01] · hint ex01 · watch [ex01] · reset ex01 · solution ex01\n  \
         quiz 4.1 · rosetta · compare [--instant] · list · book [--open] (the course as a web book)\n\
         Tab completes commands and ids; ↑/↓ recall earlier lines; Ctrl-C clears the line or\n\
         stops a running demo; Ctrl-D or `quit` leaves. Your progress is saved as you go."
    );
}

/// Everything tab completion offers: menu entries, commands, lesson/exercise/quiz ids.
fn completion_words() -> Result<Vec<String>> {
    let mut words: Vec<String> = ENTRIES.iter().map(|(name, _)| name.to_string()).collect();
    words.extend(
        [
            "lesson",
            "check",
            "hint",
            "watch",
            "reset",
            "solution",
            "rosetta",
            "compare",
            "crawl",
            "site",
            "chat",
            "book",
            "list",
            "verify",
            "bench",
            "--instant",
            "--yes",
            "back",
        ]
        .map(String::from),
    );
    words.extend(catalog::lessons()?.into_iter().map(|lesson| lesson.id));
    words.extend(
        catalog::exercises()?
            .into_iter()
            .map(|exercise| exercise.id),
    );
    words.sort();
    words.dedup();
    Ok(words)
}

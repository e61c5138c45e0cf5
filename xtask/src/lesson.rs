//! `cargo xtask lesson <ID>`: a lesson, section by section, with its demos run in place.
//!
//! On a terminal the learner steps through it (Enter next, `b` back, `r` re-run the
//! demo, `i` toggle instant mode, `q` quit) and the position is remembered. Without a
//! terminal, with `--no-pause` or `CI=true`, the whole lesson prints straight through.
//! `--section WORDS` starts at the first section whose heading contains those words;
//! failing verdicts and hints print that command for the section to re-read.

use crate::catalog::{self, Exercise, Lesson};
use crate::input::{Answer, Input};
use crate::markdown::{self, Block, ParsedLesson, Section};
use crate::progress::Progress;
use crate::usage::UsageError;
use crate::{demos, render, with_crawler, workspace};
use anyhow::{Context, Result, bail};
use console::style;
use harness::{Output, TimeMode};
use std::process::ExitCode;

/// Whether Ctrl-C during a demo stops just the demo (in the menu) or the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtrlC {
    /// Ctrl-C stops the running demo; the learner stays in the lesson.
    StopsDemo,
    /// Ctrl-C behaves as usual and ends the program.
    EndsProgram,
}

/// The command-line entry: step through the lesson, or print it straight through,
/// from the section `section` names (see [`find_section`]) or the start.
pub fn run(
    id: Option<&str>,
    instant: bool,
    no_pause: bool,
    section: Option<&str>,
) -> Result<ExitCode> {
    let lesson = catalog::lesson(id)?;
    if no_pause || !workspace::interactive() {
        print_through(&lesson, instant, section)?;
    } else {
        step_through(
            &lesson,
            instant,
            section,
            &mut Input::plain()?,
            CtrlC::EndsProgram,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The `## ` headings of a lesson's sections, in order (not the lesson's own title).
#[cfg(test)]
pub fn headings(lesson: &Lesson) -> Result<Vec<String>> {
    let parsed = markdown::parse(&lesson.path)?;
    Ok(section_headings(&parsed)
        .into_iter()
        .skip(1)
        .map(str::to_string)
        .collect())
}

/// Every section's heading; the first is the lesson's title (the text before any `## `).
fn section_headings(parsed: &ParsedLesson) -> Vec<&str> {
    parsed
        .sections
        .iter()
        .map(|section| section.heading.as_str())
        .collect()
}

/// Whether `heading` contains every word of `query`, ignoring case.
fn heading_matches(heading: &str, query: &str) -> bool {
    let heading = heading.to_lowercase();
    let mut words = query.split_whitespace().peekable();
    words.peek().is_some() && words.all(|word| heading.contains(&word.to_lowercase()))
}

/// The index of the first section whose heading contains the words of `query`
/// (case-insensitive), or a one-line usage error that lists the lesson's sections.
pub fn find_section(lesson: &Lesson, parsed: &ParsedLesson, query: &str) -> Result<usize> {
    let headings = section_headings(parsed);
    headings
        .iter()
        .position(|heading| heading_matches(heading, query))
        .ok_or_else(|| {
            let sections: Vec<&str> = headings.iter().skip(1).copied().collect();
            let example = match sections.len() {
                0 => String::new(),
                _ => format!(
                    " — e.g. `cargo xtask lesson {} --section {}`",
                    lesson.id,
                    short_query(&headings, 1)
                ),
            };
            UsageError(format!(
                "no section of lesson {} matches {query:?}; its sections are: {}{example}",
                lesson.id,
                sections.join(" · "),
            ))
            .into()
        })
}

/// Words too common in headings to say which section is meant.
const VAGUE: [&str; 16] = [
    "the", "and", "you", "your", "yourself", "they", "for", "with", "one", "own", "when", "what",
    "why", "doing", "step", "unless",
];

/// What to type after `--section` to find section `index` of a lesson with `headings`:
/// the first telling word of its heading that finds it (plain, so safe to type in a
/// shell), else the whole heading in quotes.
fn short_query(headings: &[&str], index: usize) -> String {
    let finds_it = |query: &str| {
        headings
            .iter()
            .position(|heading| heading_matches(heading, query))
            == Some(index)
    };
    headings[index]
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| {
            word.len() >= 3
                && !VAGUE.contains(&word.as_str())
                && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .find(|word| finds_it(word))
        .unwrap_or_else(|| format!("{:?}", headings[index]))
}

/// "Re-read: lesson 4.2 § "Gathering results: …" — cargo xtask lesson 4.2 --section
/// gathering": the section that teaches `exercise`, and the command that opens it.
pub fn reread_line(exercise: &Exercise) -> String {
    let query = catalog::lesson(Some(&exercise.lesson))
        .ok()
        .and_then(|lesson| markdown::parse(&lesson.path).ok())
        .and_then(|parsed| {
            let headings = section_headings(&parsed);
            let index = headings
                .iter()
                .position(|heading| *heading == exercise.section)?;
            Some(short_query(&headings, index))
        })
        .unwrap_or_else(|| format!("{:?}", exercise.section));
    format!(
        "Re-read: lesson {} § \"{}\" — {}",
        exercise.lesson,
        exercise.section,
        style(format!(
            "cargo xtask lesson {} --section {query}",
            exercise.lesson
        ))
        .cyan()
    )
}

/// Prints every section from the one `section` names (or the first) and runs every
/// demo, without stopping.
pub fn print_through(lesson: &Lesson, instant: bool, section: Option<&str>) -> Result<()> {
    let parsed = markdown::parse(&lesson.path)?;
    let start = match section {
        Some(query) => find_section(lesson, &parsed, query)?,
        None => 0,
    };
    if with_crawler::lacks_any(markdown::demo_ids(&parsed).into_iter()) {
        let mut words = vec!["lesson".to_string(), lesson.id.clone(), "--no-pause".into()];
        if instant {
            words.push("--instant".into());
        }
        if let Some(query) = section {
            words.extend(["--section".to_string(), query.to_string()]);
        }
        return with_crawler::hand_over(&words).map(drop);
    }
    let mut progress = Progress::load();
    let total = parsed.sections.len();
    for (index, section) in parsed.sections.iter().enumerate().skip(start) {
        show(section, mode(instant), CtrlC::EndsProgram)?;
        progress.read_section(&lesson.id, index, total);
    }
    save(&progress);
    print_next_steps(&lesson.id)
}

/// Shows one section at a time and waits for the learner's key between sections,
/// starting at the section `section` names, or where the learner left off.
pub fn step_through(
    lesson: &Lesson,
    instant: bool,
    section: Option<&str>,
    input: &mut Input,
    ctrl_c: CtrlC,
) -> Result<()> {
    let parsed = markdown::parse(&lesson.path)?;
    let chosen = match section {
        Some(query) => Some(find_section(lesson, &parsed, query)?),
        None => None,
    };
    if with_crawler::lacks_any(markdown::demo_ids(&parsed).into_iter()) {
        let mut words = vec!["lesson".to_string(), lesson.id.clone()];
        if instant {
            words.push("--instant".into());
        }
        if let Some(query) = section {
            words.extend(["--section".to_string(), query.to_string()]);
        }
        return with_crawler::hand_over(&words).map(drop);
    }
    let total = parsed.sections.len();
    let mut progress = Progress::load();
    let mut index = chosen.unwrap_or_else(|| {
        progress
            .lessons
            .get(&lesson.id)
            .map_or(0, |read| read.resume_at())
            .min(total.saturating_sub(1))
    });
    if index > 0 && chosen.is_none() {
        println!(
            "{}",
            style(format!(
                "(Resuming lesson {} at section {}; `b` goes back.)",
                lesson.id,
                index + 1
            ))
            .dim()
        );
    }
    let mut instant = instant;
    let mut show_text = true;
    loop {
        let section = &parsed.sections[index];
        if show_text {
            show(section, mode(instant), ctrl_c)?;
            progress.read_section(&lesson.id, index, total);
            save(&progress);
        }
        show_text = true;
        let keys = format!(
            "[{}/{total}] Enter next · b back · r re-run demo · i instant {} · q quit > ",
            index + 1,
            if instant { "on" } else { "off" }
        );
        let answer = match input.ask(&style(keys).dim().to_string())? {
            Answer::Eof => return Ok(()),
            Answer::Interrupted => {
                show_text = false;
                continue;
            }
            Answer::Line(line) => line.trim().to_lowercase(),
        };
        match answer.as_str() {
            "" | "n" | "next" => {
                if index + 1 == total {
                    println!("{}", style(format!("End of lesson {}.", lesson.id)).bold());
                    return print_next_steps(&lesson.id);
                }
                index += 1;
            }
            "b" | "back" => index = index.saturating_sub(1),
            "r" | "rerun" => {
                let demos = run_demos(section, mode(instant), ctrl_c)?;
                if demos == 0 {
                    println!("This section has no demo; Enter goes on.");
                }
                show_text = false;
            }
            "i" | "instant" => {
                instant = !instant;
                println!(
                    "Instant mode {}: demos now run on the {} clock.",
                    if instant { "on" } else { "off" },
                    if instant { "virtual" } else { "real" }
                );
                show_text = false;
            }
            "q" | "quit" => return Ok(()),
            _ => {
                println!(
                    "Keys: Enter (next), b (back), r (re-run the demo), i (instant mode), q (quit)."
                );
                show_text = false;
            }
        }
    }
}

fn mode(instant: bool) -> TimeMode {
    if instant {
        TimeMode::Virtual
    } else {
        TimeMode::Real
    }
}

/// Prints a section's text and runs its demos where they stand.
fn show(section: &Section, mode: TimeMode, ctrl_c: CtrlC) -> Result<()> {
    let fancy = console::colors_enabled();
    for block in &section.blocks {
        match block {
            Block::Text(text) => print!("{}", render::markdown(text, fancy)),
            Block::Demo(id) => run_demo(id, mode, ctrl_c)?,
        }
    }
    Ok(())
}

/// Runs only the demos of a section; returns how many there were.
fn run_demos(section: &Section, mode: TimeMode, ctrl_c: CtrlC) -> Result<usize> {
    let mut count = 0;
    for block in &section.blocks {
        if let Block::Demo(id) = block {
            run_demo(id, mode, ctrl_c)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Runs one demo between a header and an end line (the lesson's and the quiz's way).
pub fn run_demo(id: &str, mode: TimeMode, ctrl_c: CtrlC) -> Result<()> {
    let Some(demo) = demos::find(id) else {
        bail!("the lesson refers to demo {id}, which no lesson crate registers");
    };
    let clock = match (mode, demo.real_time_only) {
        (TimeMode::Virtual, false) => "virtual time",
        _ => "real time",
    };
    println!(
        "{}",
        style(format!("  ▶ demo {} — {} ({clock})", demo.id, demo.title)).green()
    );
    let finished = match ctrl_c {
        CtrlC::EndsProgram => harness::run_demo(&demo, mode, Output::Terminal).map(|_| true),
        CtrlC::StopsDemo => harness::run_demo_until_ctrl_c(&demo, mode, Output::Terminal)
            .map(|reports| reports.is_some()),
    }
    .with_context(|| format!("demo {id}"))?;
    let end = if finished {
        "  ◀ end of demo"
    } else {
        "  ◀ demo stopped (Ctrl-C)"
    };
    println!("{}", style(end).green().dim());
    Ok(())
}

fn save(progress: &Progress) {
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your progress: {error:#}");
    }
}

fn print_next_steps(lesson: &str) -> Result<()> {
    let exercises: Vec<_> = catalog::exercises()?
        .into_iter()
        .filter(|exercise| exercise.lesson == lesson)
        .collect();
    if exercises.is_empty() {
        return Ok(());
    }
    println!("\n{}", style("Your turn").bold());
    for exercise in exercises {
        println!(
            "  {}  {} — edit {}, then {}",
            exercise.id,
            exercise.title,
            exercise.stub_path(),
            style(format!("cargo xtask check {}", exercise.id)).cyan()
        );
    }
    if crate::quiz::exists(lesson) {
        println!(
            "  quiz  {}",
            style(format!("cargo xtask quiz {lesson}")).cyan()
        );
    }
    Ok(())
}

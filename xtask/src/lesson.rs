//! `cargo xtask lesson <ID>`: a lesson, section by section, with its demos run in place.
//!
//! On a terminal the learner steps through it (Enter next, `b` back, `r` re-run the
//! demo, `i` toggle instant mode, `q` quit) and the position is remembered. Without a
//! terminal, with `--no-pause` or `CI=true`, the whole lesson prints straight through.

use crate::catalog::{self, Lesson};
use crate::input::{Answer, Input};
use crate::markdown::{self, Block, Section};
use crate::progress::Progress;
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

/// The command-line entry: step through the lesson, or print it straight through.
pub fn run(id: Option<&str>, instant: bool, no_pause: bool) -> Result<ExitCode> {
    let lesson = catalog::lesson(id)?;
    if no_pause || !workspace::interactive() {
        print_through(&lesson, instant)?;
    } else {
        step_through(&lesson, instant, &mut Input::plain()?, CtrlC::EndsProgram)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints every section and runs every demo, without stopping.
pub fn print_through(lesson: &Lesson, instant: bool) -> Result<()> {
    let parsed = markdown::parse(&lesson.path)?;
    if with_crawler::lacks_any(markdown::demo_ids(&parsed).into_iter()) {
        let mut words = vec!["lesson".to_string(), lesson.id.clone(), "--no-pause".into()];
        if instant {
            words.push("--instant".into());
        }
        return with_crawler::hand_over(&words).map(drop);
    }
    let mut progress = Progress::load();
    let total = parsed.sections.len();
    for (index, section) in parsed.sections.iter().enumerate() {
        show(section, mode(instant), CtrlC::EndsProgram)?;
        progress.read_section(&lesson.id, index, total);
    }
    save(&progress);
    print_next_steps(&lesson.id)
}

/// Shows one section at a time and waits for the learner's key between sections.
pub fn step_through(
    lesson: &Lesson,
    instant: bool,
    input: &mut Input,
    ctrl_c: CtrlC,
) -> Result<()> {
    let parsed = markdown::parse(&lesson.path)?;
    if with_crawler::lacks_any(markdown::demo_ids(&parsed).into_iter()) {
        let mut words = vec!["lesson".to_string(), lesson.id.clone()];
        if instant {
            words.push("--instant".into());
        }
        return with_crawler::hand_over(&words).map(drop);
    }
    let total = parsed.sections.len();
    let mut progress = Progress::load();
    let mut index = progress
        .lessons
        .get(&lesson.id)
        .map_or(0, |read| read.resume_at())
        .min(total.saturating_sub(1));
    if index > 0 {
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

//! `cargo xtask lesson <ID>`: render a lesson section by section, running its demos in place.

use crate::markdown::{self, Block};
use crate::progress::Progress;
use crate::{catalog, demos, render, workspace};
use anyhow::{Context, Result, bail};
use console::style;
use harness::{Output, TimeMode};
use std::io::BufRead;
use std::process::ExitCode;

/// Shows lesson `id`; pauses between sections only when someone is there to press Enter.
pub fn run(id: Option<&str>, instant: bool, no_pause: bool) -> Result<ExitCode> {
    let lesson = catalog::lesson(id)?;
    let parsed = markdown::parse(&lesson.path)?;
    let mode = if instant {
        TimeMode::Virtual
    } else {
        TimeMode::Real
    };
    let pause = !no_pause && workspace::interactive();
    let fancy = console::colors_enabled();
    let mut progress = Progress::load();
    let total = parsed.sections.len();

    for (index, section) in parsed.sections.iter().enumerate() {
        for block in &section.blocks {
            match block {
                Block::Text(text) => print!("{}", render::markdown(text, fancy)),
                Block::Demo(demo_id) => run_demo(demo_id, mode)?,
            }
        }
        progress.read_section(&lesson.id, index, total);
        if let Err(error) = progress.save() {
            eprintln!("warning: could not save your progress: {error:#}");
        }
        let last = index + 1 == total;
        if pause && !last && !wait_for_enter(index + 1, total)? {
            println!(
                "Stopped. `cargo xtask lesson {}` starts it again.",
                lesson.id
            );
            return Ok(ExitCode::SUCCESS);
        }
    }
    print_next_steps(&lesson.id)?;
    Ok(ExitCode::SUCCESS)
}

fn run_demo(id: &str, mode: TimeMode) -> Result<()> {
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
    harness::run_demo(&demo, mode, Output::Terminal).with_context(|| format!("demo {id}"))?;
    println!("{}", style("  ◀ end of demo").green().dim());
    Ok(())
}

/// Waits for Enter (true) or `q` (false).
fn wait_for_enter(shown: usize, total: usize) -> Result<bool> {
    println!(
        "{}",
        style(format!(
            "── {shown}/{total} ── Enter: next section · q then Enter: stop ──"
        ))
        .dim()
    );
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(!answer.trim().eq_ignore_ascii_case("q"))
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
    Ok(())
}

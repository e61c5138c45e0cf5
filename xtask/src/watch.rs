//! `cargo xtask watch [EXERCISE]`: regrade on every save and show only what matters.
//!
//! The whole `exercises/` folder is watched (not single files), so editors that save
//! by writing a new file and renaming it over the old one are seen like any other save.
//! Events are debounced, a compile error is shown and watching goes on.

use crate::catalog::{self, Exercise};
use crate::check;
use crate::progress::Progress;
use crate::workspace;
use anyhow::{Context, Result};
use console::{Key, Term, style};
use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use std::collections::HashMap;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, SystemTime};

/// How long to wait for a burst of file events (an editor's save) to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What can happen while watching.
enum Event {
    /// A source file under `exercises/` changed.
    Saved,
    /// The learner pressed a key (or typed a line, without a terminal).
    Key(char),
    /// Standard input ended: stop watching.
    InputClosed,
}

/// Watches `exercises/`, regrading the current exercise on every save.
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let exercises = catalog::exercises()?;
    let mut current = match query {
        Some(_) => catalog::exercise(query, "watch")?,
        None => first_unsolved(&exercises, None).unwrap_or_else(|| exercises[0].clone()),
    };

    let (events, incoming) = mpsc::channel();
    let saves = events.clone();
    let folder = workspace::root().join("exercises");
    let mut seen = Snapshot::of(&folder);
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        let Ok(changes) = result else {
            return;
        };
        // Compiling reads the files too, and some platforms report reads; only a
        // source file whose modification time moved counts as a save.
        let mut saved = false;
        for change in changes {
            saved |= seen.changed(&change.path);
        }
        if saved {
            // The receiver is gone only once watching has stopped.
            let _ = saves.send(Event::Saved);
        }
    })
    .context("starting the file watcher")?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", folder.display()))?;
    read_keys(events);

    show(&current)?;
    while let Ok(event) = incoming.recv() {
        match event {
            Event::Saved => show(&current)?,
            Event::Key('h') => {
                // Each press shows the next step, as `cargo xtask hint` does.
                crate::hint::show_next(&current);
                print_keys();
            }
            Event::Key('n') => match first_unsolved(&exercises, Some(&current)) {
                Some(next) => {
                    current = next;
                    show(&current)?;
                }
                None => println!("Every exercise passes — nothing left to solve."),
            },
            Event::Key('l') => {
                crate::list::run()?;
                print_keys();
            }
            Event::Key('q') | Event::InputClosed => break,
            Event::Key(_) => print_keys(),
        }
    }
    println!("Stopped watching.");
    Ok(ExitCode::SUCCESS)
}

/// The last modification time seen for each source file, to tell saves from reads.
#[derive(Default)]
struct Snapshot(HashMap<PathBuf, Option<SystemTime>>);

impl Snapshot {
    /// The modification times of every source file under `folder` now.
    fn of(folder: &Path) -> Self {
        let mut snapshot = Snapshot::default();
        let mut folders = vec![folder.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    snapshot.changed(&path);
                }
            }
        }
        snapshot
    }

    /// Whether `path` is a source file whose modification time differs from last time.
    fn changed(&mut self, path: &Path) -> bool {
        let source = path
            .extension()
            .is_some_and(|extension| extension == "rs" || extension == "toml");
        if !source {
            return false;
        }
        let modified = std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok();
        let previous = self.0.insert(path.to_path_buf(), modified);
        previous != Some(modified)
    }
}

/// The first exercise not yet passed, looking after `after` first and then from the top.
fn first_unsolved(exercises: &[Exercise], after: Option<&Exercise>) -> Option<Exercise> {
    let progress = Progress::load();
    let start = after
        .and_then(|current| exercises.iter().position(|e| e.id == current.id))
        .map_or(0, |index| index + 1);
    exercises[start..]
        .iter()
        .chain(&exercises[..start])
        .find(|exercise| {
            !progress.passed(&exercise.id) && Some(&exercise.id) != after.map(|a| &a.id)
        })
        .cloned()
}

/// Clears the screen, regrades `exercise`, and shows the verdict.
fn show(exercise: &Exercise) -> Result<()> {
    let term = Term::stdout();
    if term.is_term() {
        // Clearing can only fail if the terminal went away; the verdict still prints.
        let _ = term.clear_screen();
    }
    println!(
        "{} {} — {}",
        style("watching").dim(),
        style(&exercise.id).bold(),
        exercise.title
    );
    let grading = check::grade(std::slice::from_ref(exercise))?;
    match grading.results.first() {
        None => {}
        Some((_, None)) => {
            check::print_compile_errors(exercise, &grading.build, "save: watch regrades at once")
        }
        Some((_, Some(run))) if run.passed() => println!(
            "\n{} {} passes all {} checks. Press n for the next exercise.",
            style("✓").green(),
            exercise.id,
            run.total()
        ),
        Some((_, Some(run))) => {
            println!();
            check::print_failure(exercise, run, &grading.build.warnings);
        }
    }
    println!("\nSave the file to regrade.");
    print_keys();
    Ok(())
}

fn print_keys() {
    println!(
        "{}",
        style("keys: h next hint · n next unsolved · l list · q quit").dim()
    );
}

/// Feeds key presses (on a terminal) or typed lines (from a pipe) into `events`.
fn read_keys(events: Sender<Event>) {
    let on_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    std::thread::spawn(move || {
        if on_terminal {
            let term = Term::stdout();
            while let Ok(key) = term.read_key() {
                let pressed = match key {
                    Key::Char(c) => c.to_ascii_lowercase(),
                    Key::Escape => 'q',
                    _ => continue,
                };
                if events.send(Event::Key(pressed)).is_err() {
                    return;
                }
            }
        } else {
            for line in std::io::stdin().lock().lines().map_while(Result::ok) {
                if let Some(c) = line.trim().chars().next()
                    && events.send(Event::Key(c.to_ascii_lowercase())).is_err()
                {
                    return;
                }
            }
        }
        // The receiver may already be gone if watching stopped first.
        let _ = events.send(Event::InputClosed);
    });
}

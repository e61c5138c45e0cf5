//! Demos: the runnable examples of the lessons, registered under stable ids.

use crate::{ComparisonReport, Ctx, Output, TimeMode};
use futures::future::LocalBoxFuture;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What kind of demo this is; the runner treats the kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoKind {
    /// Narrates something happening (laziness, scheduling order, …).
    Walkthrough,
    /// Runs at least one sequential-vs-concurrent comparison; `cargo xtask compare` runs these.
    Comparison,
}

/// A runnable example, registered by a lesson crate under a stable id such as `4.1.three_reads`.
///
/// Lessons refer to demos by id (`<!-- demo: 4.1.three_reads -->`), so a demo can be
/// moved or renamed in code without the lesson text drifting from what runs.
#[derive(Clone, Copy)]
pub struct Demo {
    /// Stable id, `<lesson>.<name>`.
    pub id: &'static str,
    /// One line saying what the demo shows.
    pub title: &'static str,
    /// Walkthrough or comparison.
    pub kind: DemoKind,
    /// Some work cannot be fast-forwarded (computation, blocking calls, network I/O): such a demo
    /// always runs on the real clock, even under `--instant`.
    pub real_time_only: bool,
    run: fn(Ctx) -> LocalBoxFuture<'static, ()>,
}

impl std::fmt::Debug for Demo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demo")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Demo {
    /// Registers a demo that narrates something happening.
    pub const fn walkthrough(
        id: &'static str,
        title: &'static str,
        run: fn(Ctx) -> LocalBoxFuture<'static, ()>,
    ) -> Self {
        Demo {
            id,
            title,
            kind: DemoKind::Walkthrough,
            real_time_only: false,
            run,
        }
    }

    /// Registers a demo that runs a sequential-vs-concurrent comparison.
    pub const fn comparison(
        id: &'static str,
        title: &'static str,
        run: fn(Ctx) -> LocalBoxFuture<'static, ()>,
    ) -> Self {
        Demo {
            kind: DemoKind::Comparison,
            ..Demo::walkthrough(id, title, run)
        }
    }

    /// Marks the demo as one that must run on the real clock.
    pub const fn in_real_time_only(self) -> Self {
        Demo {
            real_time_only: true,
            ..self
        }
    }

    /// The lesson this demo belongs to: `"4.1"` for `4.1.three_reads`.
    pub fn lesson(&self) -> &'static str {
        crate::comparison::lesson_of(self.id)
    }
}

/// Why a demo could not be run to the end.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The tokio runtime could not be built.
    #[error("could not start a tokio runtime for demo {id}: {source}")]
    Runtime {
        /// The demo's id.
        id: &'static str,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The demo panicked: a bug in the workbook, never the learner's fault.
    #[error("demo {id} panicked: {message}")]
    Panicked {
        /// The demo's id.
        id: &'static str,
        /// The panic message.
        message: String,
    },
}

/// Runs `demo` to the end on a fresh single-threaded runtime in `mode`, printing to
/// `output`, and returns the comparison reports it produced.
pub fn run_demo(
    demo: &Demo,
    mode: TimeMode,
    output: Output,
) -> Result<Vec<ComparisonReport>, DemoError> {
    run(demo, mode, output, false, Ctx::take_reports).map(Option::unwrap_or_default)
}

/// Like [`run_demo`], but Ctrl-C stops the demo instead of the program: the demo's
/// future is dropped where it stands (cancellation, lesson 4.4) and `Ok(None)` returned.
pub fn run_demo_until_ctrl_c(
    demo: &Demo,
    mode: TimeMode,
    output: Output,
) -> Result<Option<Vec<ComparisonReport>>, DemoError> {
    run(demo, mode, output, true, Ctx::take_reports)
}

/// Runs `demo` on a fresh runtime and, once it has finished, hands its context to
/// `finish` (which takes what the run produced). `Ok(None)` when Ctrl-C stopped it.
pub(crate) fn run<T>(
    demo: &Demo,
    mode: TimeMode,
    output: Output,
    stop_on_ctrl_c: bool,
    finish: impl FnOnce(&Ctx) -> T,
) -> Result<Option<T>, DemoError> {
    let mode = if demo.real_time_only {
        if mode == TimeMode::Virtual && output == Output::Terminal {
            println!(
                "    (This demo always runs on the real clock: computation, blocking calls and \
                 network I/O cannot be fast-forwarded.)"
            );
        }
        TimeMode::Real
    } else {
        mode
    };
    let runtime = mode.runtime().map_err(|source| DemoError::Runtime {
        id: demo.id,
        source,
    })?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(async {
            let ctx = Ctx::new(mode, output);
            let demo_run = (demo.run)(ctx.clone());
            if stop_on_ctrl_c {
                tokio::select! {
                    () = demo_run => Some(finish(&ctx)),
                    _ = tokio::signal::ctrl_c() => None,
                }
            } else {
                demo_run.await;
                Some(finish(&ctx))
            }
        })
    }));
    outcome.map_err(|payload| DemoError::Panicked {
        id: demo.id,
        message: crate::grade::panic_message(payload.as_ref()),
    })
}

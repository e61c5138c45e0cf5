//! The harness every lesson crate shares.
//!
//! A lesson demo is a plain `async fn` that receives a [`Ctx`]. Through it the demo
//! narrates ([`Ctx::say`], [`Ctx::log`]), records what ran when ([`Timeline`]) and runs
//! sequential-vs-concurrent [`Comparison`]s. The runner (`xtask`) looks demos up by id in
//! the lesson crates' registries and runs them with [`run_demo`] in one of two
//! [`TimeMode`]s: real time, or virtual time on tokio's paused clock.
//!
//! For the book, [`record_demo`] runs a demo in virtual time and keeps what it reported
//! as a [`Recording`], which [`Recording::to_html`] draws as HTML with SVG Gantt charts
//! (the [`svg`] module).
//!
//! The [`grade`] module serves the exercise graders: it runs a learner's code on a paused
//! clock and turns hangs and panics into clear failures.

mod comparison;
mod context;
mod demo;
mod gantt;
pub mod grade;
mod mode;
pub mod picture;
pub mod race;
mod record;
pub mod svg;
mod timeline;

pub use comparison::{Comparison, ComparisonReport};
pub use context::{Ctx, Output, PanicNarration};
pub use demo::{Demo, DemoError, DemoKind, run_demo, run_demo_until_ctrl_c};
pub use gantt::{format_secs, render_timeline};
pub use mode::TimeMode;
pub use record::{Piece, Recording, record_demo};
pub use timeline::{Span, Timeline};

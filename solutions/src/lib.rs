//! Reference solutions to the exercises, graded by the very same grader files
//! (`exercises/graders/`), so a grader can never pass the reference yet test something else.
//!
//! Look here only once your own answer passes: `cargo xtask solution ex01` shows one.

pub mod ex01_downloads;
pub mod ex02_lazy;

#[cfg(test)]
#[path = "../../exercises/graders/ex01_downloads.rs"]
mod ex01_downloads_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex02_lazy.rs"]
mod ex02_lazy_grader;

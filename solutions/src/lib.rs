//! Reference solutions to the exercises, graded by the very same grader files
//! (`exercises/graders/`), so a grader can never pass the reference yet test something else.
//!
//! Look here only once your own answer passes: `cargo xtask solution ex01` shows one.

pub mod ex01_downloads;
pub mod ex02_lazy;
pub mod ex03_spawn;
pub mod ex04_gather;
pub mod ex05_timeout;
pub mod ex06_first_completed;
pub mod ex07_as_completed;
pub mod ex08_oneshot;
pub mod ex09_task_group;
pub mod ex10_always_closed;
pub mod ex11_page_titles;

#[cfg(test)]
#[path = "../../exercises/graders/ex01_downloads.rs"]
mod ex01_downloads_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex02_lazy.rs"]
mod ex02_lazy_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex03_spawn.rs"]
mod ex03_spawn_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex04_gather.rs"]
mod ex04_gather_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex05_timeout.rs"]
mod ex05_timeout_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex06_first_completed.rs"]
mod ex06_first_completed_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex07_as_completed.rs"]
mod ex07_as_completed_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex08_oneshot.rs"]
mod ex08_oneshot_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex09_task_group.rs"]
mod ex09_task_group_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex10_always_closed.rs"]
mod ex10_always_closed_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex11_page_titles.rs"]
mod ex11_page_titles_grader;

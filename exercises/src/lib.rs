//! Your exercises. Each `exNN_*.rs` file in this folder is one exercise: read its
//! comments, replace its `todo!()`s, and grade it.
//!
//! - grade everything: `cargo xtask check` (or `cargo test -p exercises`)
//! - grade one exercise: `cargo xtask check ex01`
//! - stuck: `cargo xtask hint ex01`
//!
//! The graders are in `exercises/graders/`; you may read them, but you never need to edit them.

// The stubs take parameters they do not use yet; that is not your mistake.
#![allow(unused_variables)]

pub mod ex01_downloads;
pub mod ex02_lazy;

#[cfg(test)]
#[path = "../graders/ex01_downloads.rs"]
mod ex01_downloads_grader;
#[cfg(test)]
#[path = "../graders/ex02_lazy.rs"]
mod ex02_lazy_grader;

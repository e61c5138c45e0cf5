//! Your exercises. Each `exNN_*.rs` file in this folder is one exercise: read its
//! comments, replace its `todo!()`s, and grade it.
//!
//! - grade everything: `cargo xtask check` (or `cargo test -p exercises`)
//! - grade one exercise: `cargo xtask check ex01`
//! - stuck: `cargo xtask hint ex01`
//!
//! The graders are in `exercises/graders/`; you may read them, but you never need to edit
//! them.
//!
//! How they are built: `cargo xtask check` and `watch` compile each exercise with its
//! grader as a test target of its own (`exercises/tests/exNN_*.rs`), so saving one file
//! recompiles one exercise, and a mistake in one never stops the others from being
//! graded. `cargo test -p exercises` compiles this library's tests instead: every
//! exercise and every grader in one test binary, one report for all of them. The library
//! itself is empty outside tests, so the per-exercise targets do not depend on the stubs.

// The stubs take parameters they do not use yet; that is not your mistake.
#![allow(unused_variables)]

#[cfg(test)]
pub mod ex01_downloads;
#[cfg(test)]
pub mod ex02_lazy;
#[cfg(test)]
pub mod ex03_spawn;
#[cfg(test)]
pub mod ex04_gather;
#[cfg(test)]
pub mod ex05_timeout;
#[cfg(test)]
pub mod ex06_first_completed;
#[cfg(test)]
pub mod ex07_as_completed;
#[cfg(test)]
pub mod ex08_oneshot;
#[cfg(test)]
pub mod ex09_task_group;
#[cfg(test)]
pub mod ex10_always_closed;
#[cfg(test)]
pub mod ex11_page_titles;
#[cfg(test)]
pub mod ex12_gate_future;
#[cfg(test)]
pub mod ex13_counter_stream;
#[cfg(test)]
pub mod ex14_async_generator;
#[cfg(test)]
pub mod ex15_comprehension;
#[cfg(test)]
pub mod ex16_make_it_send;
#[cfg(test)]
pub mod ex17_pipeline;
#[cfg(test)]
pub mod ex18_fail_fast;
#[cfg(test)]
pub mod ex19_panicking_task;
#[cfg(test)]
pub mod ex20_abort_cleanup;
#[cfg(test)]
pub mod ex21_graceful_shutdown;
#[cfg(test)]
pub mod ex22_concurrency_limit;
#[cfg(test)]
pub mod ex23_rate_limiter;
#[cfg(test)]
pub mod ex24_producer_consumer;
#[cfg(test)]
pub mod ex25_event;
#[cfg(test)]
pub mod ex26_blocking_work;
#[cfg(test)]
pub mod ex27_file_processor;
#[cfg(test)]
pub mod ex28_links;
#[cfg(test)]
pub mod ex29_politeness;
#[cfg(test)]
pub mod ex30_crawl;
#[cfg(test)]
pub mod ex31_api_stats;
#[cfg(test)]
pub mod ex32_cancel_safe;
#[cfg(test)]
pub mod ex33_test_the_retry;
#[cfg(test)]
pub mod ex34_async_trait;
#[cfg(test)]
pub mod ex35_broadcast_lag;
#[cfg(test)]
pub mod ex36_save_files;
#[cfg(test)]
pub mod ex37_echo_server;
#[cfg(test)]
pub mod ex38_line_protocol;
#[cfg(test)]
pub mod ex39_kv_actor;
#[cfg(test)]
pub mod ex40_chat_room;
#[cfg(test)]
pub mod ex41_server_shutdown;
#[cfg(test)]
pub mod ex42_connection_limits;

#[cfg(test)]
#[path = "../graders/ex01_downloads.rs"]
mod ex01_downloads_grader;
#[cfg(test)]
#[path = "../graders/ex02_lazy.rs"]
mod ex02_lazy_grader;
#[cfg(test)]
#[path = "../graders/ex03_spawn.rs"]
mod ex03_spawn_grader;
#[cfg(test)]
#[path = "../graders/ex04_gather.rs"]
mod ex04_gather_grader;
#[cfg(test)]
#[path = "../graders/ex05_timeout.rs"]
mod ex05_timeout_grader;
#[cfg(test)]
#[path = "../graders/ex06_first_completed.rs"]
mod ex06_first_completed_grader;
#[cfg(test)]
#[path = "../graders/ex07_as_completed.rs"]
mod ex07_as_completed_grader;
#[cfg(test)]
#[path = "../graders/ex08_oneshot.rs"]
mod ex08_oneshot_grader;
#[cfg(test)]
#[path = "../graders/ex09_task_group.rs"]
mod ex09_task_group_grader;
#[cfg(test)]
#[path = "../graders/ex10_always_closed.rs"]
mod ex10_always_closed_grader;
#[cfg(test)]
#[path = "../graders/ex11_page_titles.rs"]
mod ex11_page_titles_grader;
#[cfg(test)]
#[path = "../graders/ex12_gate_future.rs"]
mod ex12_gate_future_grader;
#[cfg(test)]
#[path = "../graders/ex13_counter_stream.rs"]
mod ex13_counter_stream_grader;
#[cfg(test)]
#[path = "../graders/ex14_async_generator.rs"]
mod ex14_async_generator_grader;
#[cfg(test)]
#[path = "../graders/ex15_comprehension.rs"]
mod ex15_comprehension_grader;
#[cfg(test)]
#[path = "../graders/ex16_make_it_send.rs"]
mod ex16_make_it_send_grader;
#[cfg(test)]
#[path = "../graders/ex17_pipeline.rs"]
mod ex17_pipeline_grader;
#[cfg(test)]
#[path = "../graders/ex18_fail_fast.rs"]
mod ex18_fail_fast_grader;
#[cfg(test)]
#[path = "../graders/ex19_panicking_task.rs"]
mod ex19_panicking_task_grader;
#[cfg(test)]
#[path = "../graders/ex20_abort_cleanup.rs"]
mod ex20_abort_cleanup_grader;
#[cfg(test)]
#[path = "../graders/ex21_graceful_shutdown.rs"]
mod ex21_graceful_shutdown_grader;
#[cfg(test)]
#[path = "../graders/ex22_concurrency_limit.rs"]
mod ex22_concurrency_limit_grader;
#[cfg(test)]
#[path = "../graders/ex23_rate_limiter.rs"]
mod ex23_rate_limiter_grader;
#[cfg(test)]
#[path = "../graders/ex24_producer_consumer.rs"]
mod ex24_producer_consumer_grader;
#[cfg(test)]
#[path = "../graders/ex25_event.rs"]
mod ex25_event_grader;
#[cfg(test)]
#[path = "../graders/ex26_blocking_work.rs"]
mod ex26_blocking_work_grader;
#[cfg(test)]
#[path = "../graders/ex27_file_processor.rs"]
mod ex27_file_processor_grader;
#[cfg(test)]
#[path = "../graders/ex28_links.rs"]
mod ex28_links_grader;
#[cfg(test)]
#[path = "../graders/ex29_politeness.rs"]
mod ex29_politeness_grader;
#[cfg(test)]
#[path = "../graders/ex30_crawl.rs"]
mod ex30_crawl_grader;
#[cfg(test)]
#[path = "../graders/ex31_api_stats.rs"]
mod ex31_api_stats_grader;
#[cfg(test)]
#[path = "../graders/ex32_cancel_safe.rs"]
mod ex32_cancel_safe_grader;
#[cfg(test)]
#[path = "../graders/ex33_test_the_retry.rs"]
mod ex33_test_the_retry_grader;
#[cfg(test)]
#[path = "../graders/ex34_async_trait.rs"]
mod ex34_async_trait_grader;
#[cfg(test)]
#[path = "../graders/ex35_broadcast_lag.rs"]
mod ex35_broadcast_lag_grader;
#[cfg(test)]
#[path = "../graders/ex36_save_files.rs"]
mod ex36_save_files_grader;
#[cfg(test)]
#[path = "../graders/ex37_echo_server.rs"]
mod ex37_echo_server_grader;
#[cfg(test)]
#[path = "../graders/ex38_line_protocol.rs"]
mod ex38_line_protocol_grader;
#[cfg(test)]
#[path = "../graders/ex39_kv_actor.rs"]
mod ex39_kv_actor_grader;
#[cfg(test)]
#[path = "../graders/ex40_chat_room.rs"]
mod ex40_chat_room_grader;
#[cfg(test)]
#[path = "../graders/ex41_server_shutdown.rs"]
mod ex41_server_shutdown_grader;
#[cfg(test)]
#[path = "../graders/ex42_connection_limits.rs"]
mod ex42_connection_limits_grader;

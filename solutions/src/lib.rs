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
pub mod ex12_gate_future;
pub mod ex13_counter_stream;
pub mod ex14_async_generator;
pub mod ex15_comprehension;
pub mod ex16_make_it_send;
pub mod ex17_pipeline;
pub mod ex18_fail_fast;
pub mod ex19_panicking_task;
pub mod ex20_abort_cleanup;
pub mod ex21_graceful_shutdown;
pub mod ex22_concurrency_limit;
pub mod ex23_rate_limiter;
pub mod ex24_producer_consumer;
pub mod ex25_event;
pub mod ex26_blocking_work;
pub mod ex27_file_processor;
pub mod ex28_links;
pub mod ex29_politeness;
pub mod ex30_crawl;
pub mod ex31_api_stats;
pub mod ex32_cancel_safe;
pub mod ex33_test_the_retry;
pub mod ex34_async_trait;
pub mod ex35_broadcast_lag;
pub mod ex36_save_files;
pub mod ex37_echo_server;
pub mod ex38_line_protocol;
pub mod ex39_kv_actor;
pub mod ex40_chat_room;
pub mod ex41_server_shutdown;
pub mod ex42_connection_limits;

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
#[cfg(test)]
#[path = "../../exercises/graders/ex12_gate_future.rs"]
mod ex12_gate_future_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex13_counter_stream.rs"]
mod ex13_counter_stream_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex14_async_generator.rs"]
mod ex14_async_generator_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex15_comprehension.rs"]
mod ex15_comprehension_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex16_make_it_send.rs"]
mod ex16_make_it_send_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex17_pipeline.rs"]
mod ex17_pipeline_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex18_fail_fast.rs"]
mod ex18_fail_fast_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex19_panicking_task.rs"]
mod ex19_panicking_task_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex20_abort_cleanup.rs"]
mod ex20_abort_cleanup_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex21_graceful_shutdown.rs"]
mod ex21_graceful_shutdown_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex22_concurrency_limit.rs"]
mod ex22_concurrency_limit_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex23_rate_limiter.rs"]
mod ex23_rate_limiter_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex24_producer_consumer.rs"]
mod ex24_producer_consumer_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex25_event.rs"]
mod ex25_event_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex26_blocking_work.rs"]
mod ex26_blocking_work_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex27_file_processor.rs"]
mod ex27_file_processor_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex28_links.rs"]
mod ex28_links_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex29_politeness.rs"]
mod ex29_politeness_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex30_crawl.rs"]
mod ex30_crawl_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex31_api_stats.rs"]
mod ex31_api_stats_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex32_cancel_safe.rs"]
mod ex32_cancel_safe_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex33_test_the_retry.rs"]
mod ex33_test_the_retry_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex34_async_trait.rs"]
mod ex34_async_trait_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex35_broadcast_lag.rs"]
mod ex35_broadcast_lag_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex36_save_files.rs"]
mod ex36_save_files_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex37_echo_server.rs"]
mod ex37_echo_server_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex38_line_protocol.rs"]
mod ex38_line_protocol_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex39_kv_actor.rs"]
mod ex39_kv_actor_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex40_chat_room.rs"]
mod ex40_chat_room_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex41_server_shutdown.rs"]
mod ex41_server_shutdown_grader;
#[cfg(test)]
#[path = "../../exercises/graders/ex42_connection_limits.rs"]
mod ex42_connection_limits_grader;

//! Lesson 4.4 — limits: how many at once (a semaphore) and how many per second (a rate
//! limiter), both on tokio's clock so they can be tested in virtual time.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod limit;
pub mod rate_limit;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::comparison(
            "4.4.semaphore",
            "Ten 1 s workers: one at a time vs three at a time",
            |ctx| limit::ten_workers_three_permits(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.permit_before_spawn",
            "A permit taken before spawning bounds the tasks; taken inside, only the work",
            |ctx| limit::tasks_alive_and_working(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.rate_limit",
            "Ten requests at 2 per second, at 5 per second, and with a burst",
            |ctx| rate_limit::requests_under_a_rate_limit(ctx).boxed_local(),
        ),
    ]
}

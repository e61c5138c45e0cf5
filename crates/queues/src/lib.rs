//! Lesson 4.4 — queues and events: producer/consumer over bounded channels,
//! backpressure, and waking many waiters at once.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod backpressure;
pub mod event;
pub mod lagging;
pub mod producer_consumer;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::walkthrough(
            "4.4.queue",
            "One producer, three consumers, a bounded queue",
            |ctx| producer_consumer::one_producer_three_consumers(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.backpressure",
            "A fast producer waits while the queue is full",
            |ctx| backpressure::producer_waits_for_room(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.event",
            "Three waiters released together at 2 s",
            |ctx| event::three_waiters_one_signal(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.lagging",
            "A slow broadcast subscriber lags; watch keeps the latest; a Notify rung too early",
            |ctx| lagging::slow_subscriber_lags(ctx).boxed_local(),
        ),
    ]
}

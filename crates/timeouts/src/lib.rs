//! Lesson 4.2 — timeouts: giving up on a future, and what happens to it.

pub mod wait_for;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![Demo::walkthrough(
        "4.2.timeout",
        "A 5 s operation with a 2 s limit",
        |ctx| wait_for::five_seconds_with_a_two_second_limit(ctx).boxed_local(),
    )]
}

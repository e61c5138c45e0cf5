//! Lesson 4.2 — waiting for several futures: all of them (`gather`), the first one
//! (`wait(FIRST_COMPLETED)`, `Promise.race`), or each as it finishes (`as_completed`).
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod as_completed;
pub mod gather;
pub mod race;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::comparison(
            "4.2.gather",
            "Fetching users, products and orders: one by one, then gathered",
            |ctx| gather::users_products_orders(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.first_completed",
            "The first of three tasks to finish, and what happens to the others",
            |ctx| race::first_completed(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.as_completed",
            "Results in the order they finish",
            |ctx| as_completed::in_completion_order(ctx).boxed_local(),
        ),
    ]
}

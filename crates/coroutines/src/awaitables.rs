//! What can be awaited: anything that implements `Future` — or `IntoFuture`.
//!
//! Python awaits coroutines, tasks, and objects with `__await__`. Rust's `.await`
//! takes any `Future`, and any type implementing `IntoFuture` (it is converted first,
//! the way `for` converts with `IntoIterator`). A `JoinHandle` is simply a future.

use harness::Ctx;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

// ANCHOR: into_future
/// An order that is not a future itself, but can be awaited: `order.await`.
pub struct PizzaOrder {
    /// How long the oven takes.
    pub minutes: u64,
}

impl IntoFuture for PizzaOrder {
    type Output = String;
    type IntoFuture = Pin<Box<dyn Future<Output = String> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            // One "minute" of baking is a second here.
            tokio::time::sleep(Duration::from_secs(self.minutes)).await;
            format!("pizza after {} minutes", self.minutes)
        })
    }
}
// ANCHOR_END: into_future

// ANCHOR: three_kinds
async fn coroutine_function() -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    "result".to_string()
}

/// Demo `4.3.awaitables`: an async fn's future, a task's handle, an `IntoFuture` type.
pub async fn three_kinds_of_awaitable(ctx: Ctx) {
    let from_future = coroutine_function().await;
    ctx.log(format!("awaited an async fn's future: {from_future}"));

    let task = tokio::spawn(coroutine_function());
    let from_task = task.await.expect("the task panicked");
    ctx.log(format!("awaited a JoinHandle: {from_task}"));

    let from_order = PizzaOrder { minutes: 2 }.await;
    ctx.log(format!("awaited an IntoFuture type: {from_order}"));
}
// ANCHOR_END: three_kinds

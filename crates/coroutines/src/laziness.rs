//! A future is a description of work: nothing happens until it is awaited.
//!
//! Python's coroutine objects are lazy too, and forgetting `await` gives the
//! `RuntimeWarning: coroutine ... was never awaited`. In Rust the compiler warns
//! before the program ever runs (`futures do nothing unless you .await or poll them`).

use harness::Ctx;
use std::time::Duration;

// ANCHOR: lazy
/// Says hello — and logs the moment its body actually runs.
pub async fn greet(ctx: &Ctx, name: &str) -> String {
    ctx.log(format!("greet({name}) is running now"));
    format!("hello, {name}")
}

/// Demo `4.1.lazy_future`: build a future, wait, then await it; build another and drop it.
pub async fn futures_are_lazy(ctx: Ctx) {
    let greeting = greet(&ctx, "Ferris"); // builds the future; runs nothing
    ctx.log("built the future: greet has not run yet");

    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("a second later: still nothing has run");

    let text = greeting.await; // only now does greet's body run
    ctx.log(format!("awaited it and got {text:?}"));

    let never_awaited = greet(&ctx, "nobody");
    drop(never_awaited); // dropped before it was ever polled: its body never runs
    ctx.log("built a second future and dropped it: greet(nobody) never ran");
}
// ANCHOR_END: lazy

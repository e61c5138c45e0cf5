//! A future is a description of work: nothing happens until it is awaited.
//!
//! Python's coroutine objects are lazy too, and forgetting `await` gives the
//! `RuntimeWarning: coroutine ... was never awaited`. In Rust the compiler warns
//! before the program ever runs (`futures do nothing unless you .await or poll them`)
//! — unless the future is bound with `let _ =`, which silences that warning.

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

// ANCHOR: let_underscore
/// Demo `4.1.let_underscore`: `let _ =` throws away what it is given — at once.
pub async fn let_underscore_traps(ctx: Ctx) {
    // `let _ =` silences rustc's must_use warning; the future is still dropped unpolled.
    #[allow(clippy::let_underscore_future)] // clippy does catch this one; here it is on purpose
    let _ = greet(&ctx, "silenced");
    ctx.log("let _ = greet(..): no warning from rustc, and greet(silenced) never ran");

    // `let _ =` drops a guard on the spot: this permit is given back immediately.
    let semaphore = tokio::sync::Semaphore::new(1);
    let _ = semaphore.acquire().await.expect("the semaphore is open");
    let free = semaphore.available_permits();
    ctx.log(format!(
        "let _ = acquire(): {free} permit free: released at once"
    ));

    // A named binding, even one starting with `_`, keeps the guard to the end of scope.
    let _permit = semaphore.acquire().await.expect("the semaphore is open");
    let free = semaphore.available_permits();
    ctx.log(format!(
        "let _permit = acquire(): {free} permits free: held"
    ));
}
// ANCHOR_END: let_underscore

//! `async with` in Rust: an explicit `close`, a scoped helper, and what cancellation
//! does to them.
//!
//! Python's `async with` awaits `__aexit__` on the way out — also when the task is
//! cancelled: `CancelledError` travels through the block and `__aexit__` can still await
//! its cleanup. A Rust future is cancelled by being dropped (a `timeout` that expires, a
//! `select!` branch that loses, an aborted task): the code after its current `.await`
//! never runs, so a `close().await` at the end of a helper is skipped. What does run is
//! `Drop` — a plain function that cannot `.await` (Rust has no async `Drop`). So the
//! instant part of cleanup lives in `Drop`, the part that must wait in `async fn close`,
//! and `Drop` can at most hand that slow part to a new task.

use harness::Ctx;
use std::time::Duration;

// ANCHOR: resource
/// A resource that takes a second to acquire and half a second to release.
pub struct Resource {
    ctx: Ctx,
    closed: bool,
}

impl Resource {
    /// Acquires the resource (`__aenter__`).
    pub async fn acquire(ctx: &Ctx) -> Resource {
        ctx.log("acquiring resource");
        tokio::time::sleep(Duration::from_secs(1)).await;
        ctx.log("resource acquired");
        Resource {
            ctx: ctx.clone(),
            closed: false,
        }
    }

    /// Uses it for two seconds; fails at the end if `fail` is set.
    pub async fn use_it(&self, fail: bool) -> Result<&'static str, String> {
        self.ctx.log("using resource");
        tokio::time::sleep(Duration::from_secs(2)).await;
        if fail {
            Err("the work failed".to_string())
        } else {
            Ok("the work succeeded")
        }
    }

    /// Releases it (`__aexit__`): this cleanup must wait, so it cannot live in `Drop`.
    pub async fn close(mut self) {
        release(self.ctx.clone()).await;
        self.closed = true;
    }
}

/// The slow part of releasing: half a second of saying goodbye.
async fn release(ctx: Ctx) {
    ctx.log("releasing resource");
    tokio::time::sleep(Duration::from_millis(500)).await;
    ctx.log("resource released");
}

impl Drop for Resource {
    /// Runs on every way out — also when the future holding the resource is dropped.
    /// It cannot `.await`: it does the instant part here and spawns the slow part.
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        self.ctx
            .log("Drop: dropped without close(); spawning the release");
        // `tokio::spawn` panics outside a runtime, so ask for one first. Nobody awaits
        // this task, and a runtime shutting down drops it unfinished.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn(release(self.ctx.clone()))),
            Err(_) => self.ctx.log("Drop: no runtime here; the release is lost"),
        }
    }
}
// ANCHOR_END: resource

// ANCHOR: with_resource
/// Acquires a resource, runs `body` with it, and closes it — whether `body` succeeded or
/// failed — before handing back `body`'s result. `body` is an async closure
/// (`async |resource| …`), so it can borrow the resource while it awaits. If this
/// future is dropped part-way, the `close().await` below never runs; `Drop` steps in.
pub async fn with_resource<T, E>(
    ctx: &Ctx,
    body: impl AsyncFnOnce(&Resource) -> Result<T, E>,
) -> Result<T, E> {
    let resource = Resource::acquire(ctx).await;
    let result = body(&resource).await;
    resource.close().await;
    result
}
// ANCHOR_END: with_resource

/// Demo `4.2.resource`: acquire 1 s / use 2 s / release 0.5 s — with a body that fails,
/// then with a timeout that drops the whole `with_resource` future in the middle.
pub async fn always_closed(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    // ANCHOR: use_it
    let outcome = with_resource(&ctx, async |resource| {
        timeline.record("body: using", resource.use_it(true)).await
    });
    let outcome = timeline.record("with_resource", outcome).await;
    // ANCHOR_END: use_it
    ctx.log(format!("with_resource returned {outcome:?}"));
    ctx.show_timeline(
        "the body failed, and close() still ran: 1 s + 2 s + 0.5 s",
        &timeline,
    );

    ctx.say("");
    let timeline = ctx.new_timeline();
    // ANCHOR: cancelled
    let work = with_resource(&ctx, async |resource| {
        timeline.record("body: using", resource.use_it(false)).await
    });
    let limit = Duration::from_secs(2);
    let outcome = tokio::time::timeout(limit, timeline.record("with_resource", work)).await;
    ctx.log(format!("timeout returned {outcome:?}: close() never ran"));
    // ANCHOR_END: cancelled
    // The release spawned by Drop runs on its own; keep the demo alive until it is done.
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.show_timeline(
        "the timeout dropped with_resource at 2 s: only Drop (and the task it spawned) ran",
        &timeline,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    fn alive_tasks() -> usize {
        tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks()
    }

    #[tokio::test(start_paused = true)]
    async fn the_resource_is_released_even_when_the_body_fails() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let started = tokio::time::Instant::now();
        let outcome = with_resource(&ctx, async |resource| resource.use_it(true).await).await;
        assert_eq!(outcome, Err("the work failed".to_string()));
        // 1 s acquire + 2 s use + 0.5 s release: the release really ran.
        assert_eq!(started.elapsed(), Duration::from_millis(3500));
        assert_eq!(alive_tasks(), 0, "close() ran, so Drop spawned nothing");
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeout_skips_close_and_drop_spawns_the_release() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let work = with_resource(&ctx, async |resource| resource.use_it(false).await);
        let outcome = tokio::time::timeout(Duration::from_secs(2), work).await;
        assert!(outcome.is_err(), "the timeout fired mid-body");
        assert_eq!(alive_tasks(), 1, "Drop spawned the release");
        tokio::time::sleep(Duration::from_millis(500)).await;
        tokio::task::yield_now().await;
        assert_eq!(
            alive_tasks(),
            0,
            "the release took its half second and ended"
        );
    }
}

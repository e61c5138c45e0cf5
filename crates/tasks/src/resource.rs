//! `async with` in Rust: guards, an explicit `close`, and a scoped helper.
//!
//! Python's `async with` awaits `__aexit__` on the way out. Rust releases resources in
//! `Drop`, which runs on every path out of a scope — but `Drop` is a plain function: it
//! cannot `.await`. So a resource whose cleanup must wait (flush, say goodbye to a
//! server) gets an explicit `async fn close(self)`, and a helper makes sure it is called.

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
        self.ctx.log("releasing resource");
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.closed = true;
        self.ctx.log("resource released");
    }
}

impl Drop for Resource {
    /// The safety net: `Drop` cannot await, but it can at least say so.
    fn drop(&mut self) {
        if !self.closed {
            self.ctx
                .log("resource dropped without close(): only instant cleanup ran");
        }
    }
}
// ANCHOR_END: resource

// ANCHOR: with_resource
/// Acquires a resource, runs `body` with it, and always closes it — whether `body`
/// succeeded or failed — before handing back `body`'s result. `body` is an async
/// closure (`async |resource| …`), so it can borrow the resource while it awaits.
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

/// Demo `4.2.resource`: the course's acquire 1 s / use 2 s / release 0.5 s, twice.
pub async fn always_closed(ctx: Ctx) {
    for fail in [false, true] {
        let timeline = ctx.new_timeline();
        // ANCHOR: use_it
        let outcome = with_resource(&ctx, async |resource| {
            timeline.record("body: using", resource.use_it(fail)).await
        });
        let outcome = timeline.record("with_resource", outcome).await;
        // ANCHOR_END: use_it
        ctx.log(format!("with_resource returned {outcome:?}"));
        ctx.show_timeline(
            if fail {
                "the body failed, and the resource was still released"
            } else {
                "acquire 1 s + use 2 s + release 0.5 s = 3.5 s"
            },
            &timeline,
        );
        ctx.say("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn the_resource_is_released_even_when_the_body_fails() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let started = tokio::time::Instant::now();
        let outcome = with_resource(&ctx, async |resource| resource.use_it(true).await).await;
        assert_eq!(outcome, Err("the work failed".to_string()));
        // 1 s acquire + 2 s use + 0.5 s release: the release really ran.
        assert_eq!(started.elapsed(), Duration::from_millis(3500));
    }
}

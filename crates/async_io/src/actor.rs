//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn store_as_an_actor(ctx: Ctx) {
    ctx.say("not written yet");
}

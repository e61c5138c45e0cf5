//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn store_behind_a_lock(ctx: Ctx) {
    ctx.say("not written yet");
}

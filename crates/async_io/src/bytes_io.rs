//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn bytes_in_bytes_out(ctx: Ctx) {
    ctx.say("not written yet");
}

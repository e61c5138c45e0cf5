//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn frames_from_a_byte_stream(ctx: Ctx) {
    ctx.say("not written yet");
}

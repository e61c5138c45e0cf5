//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn a_handler_on_a_pipe(ctx: Ctx) {
    ctx.say("not written yet");
}

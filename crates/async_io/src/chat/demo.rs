//! Placeholder: the chat demos are being written.

use harness::Ctx;

/// Demo placeholder.
pub async fn a_chat_in_virtual_time(ctx: Ctx) {
    ctx.say("not written yet");
}

/// Demo placeholder.
pub async fn a_graceful_shutdown(ctx: Ctx) {
    ctx.say("not written yet");
}

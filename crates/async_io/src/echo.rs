//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn five_clients_at_once(ctx: Ctx) {
    ctx.say("not written yet");
}

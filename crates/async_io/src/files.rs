//! Placeholder: being written (lesson 4.6).

use harness::Ctx;

/// Demo placeholder.
pub async fn download_and_save(ctx: Ctx) {
    ctx.say("not written yet");
}

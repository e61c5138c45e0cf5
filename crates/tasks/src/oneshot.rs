//! `asyncio.Future` in Rust: a oneshot channel.
//!
//! An asyncio `Future` is a slot one side fills with `set_result` and the other awaits.
//! tokio splits it in two: a `Sender` (fill it once, consumed by `send`) and a
//! `Receiver` (itself a future). If the sender is dropped unfilled, the receiver gets
//! an error instead of waiting forever.

use harness::Ctx;
use std::time::Duration;
use tokio::sync::oneshot;

// ANCHOR: handoff
/// Demo `4.2.oneshot`: a producer task sets the result after one second.
pub async fn hand_over_a_value(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let (sender, receiver) = oneshot::channel::<u32>();

    let producer_ctx = ctx.clone();
    let producer = async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        producer_ctx.log("producer: setting the result");
        // `send` fails only if the receiver was dropped; then nobody wants the value.
        let _ = sender.send(42);
    };
    tokio::spawn(timeline.clone().record_owned("producer", producer));

    ctx.log("consumer: waiting for the result");
    let value = timeline
        .record("consumer", receiver)
        .await
        .expect("the producer dropped its sender without sending");
    ctx.log(format!("consumer: got {value}"));
    ctx.show_timeline(
        "the consumer waits exactly as long as the producer takes",
        &timeline,
    );
}
// ANCHOR_END: handoff

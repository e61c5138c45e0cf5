//! Cooperative shutdown with a `CancellationToken`: stop at a safe point, lose nothing.
//!
//! `abort` stops a task at whatever `.await` it is on — fine for a sleep, harsh for a
//! worker holding an item half-processed. A `CancellationToken` (tokio-util) lets the
//! worker decide: it watches the token with `select!` only where stopping is safe, and
//! hands back what it did not get to.

use harness::Ctx;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

// ANCHOR: worker
/// Processes jobs from `inbox` until the token is cancelled or the inbox closes.
/// Returns the jobs it finished and the ones it accepted but never started.
pub async fn worker(
    ctx: Ctx,
    token: CancellationToken,
    mut inbox: mpsc::Receiver<u32>,
) -> (Vec<u32>, Vec<u32>) {
    let mut done = Vec::new();
    loop {
        let job = tokio::select! {
            // `biased`: check the token first. Without it, select! picks at random
            // among ready branches, and a full inbox could keep the worker going.
            biased;
            _ = token.cancelled() => break,
            job = inbox.recv() => match job {
                Some(job) => job,
                None => break, // every sender is gone: no more work
            },
        };
        // A job once started is finished: no cancellation point inside.
        tokio::time::sleep(Duration::from_millis(700)).await;
        ctx.log(format!("worker: finished job {job}"));
        done.push(job);
    }
    // Whatever is still queued was accepted but not started: hand it back. `close`
    // stops new sends; `recv` then gives every job already queued — including one from
    // a sender that had reserved a slot and has yet to fill it (`try_recv` would miss
    // that one) — and `None` once there is nothing left.
    inbox.close();
    let mut handed_back = Vec::new();
    while let Some(job) = inbox.recv().await {
        handed_back.push(job);
    }
    (done, handed_back)
}
// ANCHOR_END: worker

// ANCHOR: shutdown
/// Demo `4.4.token`: ten jobs queued, shutdown requested at 2 s.
pub async fn graceful_shutdown(ctx: Ctx) {
    let token = CancellationToken::new();
    let (sender, inbox) = mpsc::channel(10);
    for job in 1..=10 {
        sender.send(job).await.expect("the worker is listening");
    }
    let worker = tokio::spawn(worker(ctx.clone(), token.clone(), inbox));

    tokio::time::sleep(Duration::from_secs(2)).await;
    ctx.log("main: shutting down (token.cancel())");
    token.cancel();

    let (done, handed_back) = worker.await.expect("the worker does not panic");
    ctx.log(format!("finished {done:?}; handed back {handed_back:?}"));
    ctx.log(format!(
        "{} + {} = 10: nothing lost",
        done.len(),
        handed_back.len()
    ));
}
// ANCHOR_END: shutdown

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn shutdown_finishes_the_job_in_hand_and_hands_back_the_rest() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let token = CancellationToken::new();
        let (sender, inbox) = mpsc::channel(10);
        for job in 1..=10 {
            sender.send(job).await.unwrap();
        }
        let worker = tokio::spawn(worker(ctx, token.clone(), inbox));
        tokio::time::sleep(Duration::from_secs(2)).await;
        token.cancel();
        let (done, back) = worker.await.unwrap();
        assert_eq!(done, [1, 2, 3], "job 3 was in hand at 2 s and was finished");
        assert_eq!(back, (4..=10).collect::<Vec<_>>());
    }

    #[tokio::test(start_paused = true)]
    async fn a_job_from_a_reserved_slot_is_handed_back_too() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let token = CancellationToken::new();
        let (sender, inbox) = mpsc::channel(10);
        // A producer holds a reserved slot and fills it a little after the shutdown.
        let permit = sender.reserve_owned().await.unwrap();
        let late_producer = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            permit.send(99);
        });
        token.cancel();
        let (done, back) = worker(ctx, token, inbox).await;
        late_producer.await.unwrap();
        assert_eq!((done, back), (vec![], vec![99]), "nothing lost");
    }
}

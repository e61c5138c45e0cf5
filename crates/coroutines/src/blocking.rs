//! Non-blocking I/O is what makes concurrency possible: a blocking wait stalls everything.

use harness::Ctx;
use std::time::Duration;

/// How long each read in this demo waits.
pub const WAIT: Duration = Duration::from_millis(300);

// ANCHOR: blocking_read
/// A read that waits the *blocking* way: `std::thread::sleep` holds the thread, so
/// the runtime cannot switch to another future until it returns. (Python's
/// `time.sleep` inside a coroutine does the same to the event loop.)
pub async fn blocking_read(name: &str) -> String {
    std::thread::sleep(WAIT);
    format!("contents of {name}")
}

/// The same read, waiting the non-blocking way: `tokio::time::sleep` hands the
/// thread back to the runtime while the timer runs.
pub async fn non_blocking_read(name: &str) -> String {
    tokio::time::sleep(WAIT).await;
    format!("contents of {name}")
}
// ANCHOR_END: blocking_read

/// Demo `4.1.blocking_sleep`: the same `join!`, once with blocking and once with
/// non-blocking waits. Only the second one overlaps.
pub async fn blocking_freezes_the_thread(ctx: Ctx) {
    ctx.say("join! of three blocking reads (std::thread::sleep):");
    // ANCHOR: join_blocking
    let timeline = ctx.new_timeline();
    tokio::join!(
        timeline.record("blocking a", blocking_read("a")),
        timeline.record("blocking b", blocking_read("b")),
        timeline.record("blocking c", blocking_read("c")),
    );
    // ANCHOR_END: join_blocking
    ctx.show_timeline(
        "blocking waits run one after another, even inside join!",
        &timeline,
    );

    ctx.say("");
    ctx.say("join! of three non-blocking reads (tokio::time::sleep):");
    let timeline = ctx.new_timeline();
    tokio::join!(
        timeline.record("non-blocking a", non_blocking_read("a")),
        timeline.record("non-blocking b", non_blocking_read("b")),
        timeline.record("non-blocking c", non_blocking_read("c")),
    );
    ctx.show_timeline("non-blocking waits overlap", &timeline);
}

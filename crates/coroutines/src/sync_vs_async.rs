//! The same three file reads, one after another and then all at once.
//!
//! The Python course reads three files with blocking calls (≈3 s), then with
//! `asyncio.create_task` (≈1 s). Here the read is simulated with `tokio::time::sleep`,
//! so the demo runs the same on every machine and can be fast-forwarded.

use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;

/// How long one simulated read waits for the disk.
pub const READ_TIME: Duration = Duration::from_secs(1);

/// The files every variant reads.
pub const FILES: [&str; 3] = ["file1.txt", "file2.txt", "file3.txt"];

// ANCHOR: read_file
/// Reads a file (simulated: the "disk" answers after one second).
///
/// While this future waits in `sleep`, it hands the thread back to the runtime,
/// which can run other futures in the meantime.
pub async fn read_file(ctx: &Ctx, name: &str) -> String {
    ctx.log(format!("start reading {name}"));
    tokio::time::sleep(READ_TIME).await;
    ctx.log(format!("finished reading {name}"));
    format!("contents of {name}")
}
// ANCHOR_END: read_file

// ANCHOR: one_after_another
/// Reads the files one after another: each read is awaited before the next one starts.
pub async fn read_one_after_another(ctx: &Ctx, timeline: &Timeline) -> Vec<String> {
    let mut contents = Vec::new();
    for name in FILES {
        let text = timeline.record(name, read_file(ctx, name)).await;
        contents.push(text);
    }
    contents
}
// ANCHOR_END: one_after_another

// ANCHOR: all_at_once
/// Starts all three reads and waits for them together, so the waits overlap.
pub async fn read_all_at_once(ctx: &Ctx, timeline: &Timeline) -> Vec<String> {
    let (first, second, third) = tokio::join!(
        timeline.record(FILES[0], read_file(ctx, FILES[0])),
        timeline.record(FILES[1], read_file(ctx, FILES[1])),
        timeline.record(FILES[2], read_file(ctx, FILES[2])),
    );
    vec![first, second, third]
}
// ANCHOR_END: all_at_once

/// Demo `4.1.three_reads`: both variants, measured side by side.
pub async fn three_reads(ctx: Ctx) {
    let spec = Comparison {
        id: "4.1.three_reads",
        title: "three 1 s file reads",
        ideal_sequential: READ_TIME * 3,
        ideal_concurrent: READ_TIME,
    };
    ctx.compare(
        spec,
        |ctx, timeline| async move {
            read_one_after_another(&ctx, &timeline).await;
        },
        |ctx, timeline| async move {
            read_all_at_once(&ctx, &timeline).await;
        },
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn reading_all_at_once_takes_one_read_and_keeps_the_order() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let contents = read_all_at_once(&ctx, &timeline).await;
        assert_eq!(timeline.elapsed(), READ_TIME);
        assert_eq!(contents[2], "contents of file3.txt");
    }

    #[tokio::test(start_paused = true)]
    async fn the_comparison_measures_three_seconds_against_one() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        three_reads(ctx.clone()).await;
        let reports = ctx.take_reports();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].sequential_s, 3.0);
        assert_eq!(reports[0].concurrent_s, 1.0);
        assert_eq!(reports[0].speedup, 3.0);
    }
}

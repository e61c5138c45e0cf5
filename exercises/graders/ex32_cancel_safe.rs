//! Grader for exercise 32 — a `select!` loop that loses nothing. Used unchanged by
//! `solutions/`.
//!
//! The grader writes readings into an in-memory pipe (`tokio::io::duplex`) in pieces,
//! with pauses placed so that the 1 s tick falls between the pieces of a reading, and
//! checks on the paused clock that every reading arrives whole and in order, and that the
//! tick ran at 0, 1, 2 … s and at no other time.

use crate::ex32_cancel_safe::{MESSAGE_LEN, receive};
use harness::format_secs;
use harness::grade::{on_paused_clock, require};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::time::{Instant, sleep_until};

/// (when, in ms from the start; the bytes written then). Readings 2, 3, 4 and 5 are
/// split across the ticks at 1, 2, 3 and 4 s; the pipe closes at 4.6 s.
const PIECES: [(u64, &str); 8] = [
    (500, "reading1"),
    (900, "rea"),
    (1200, "ding2"),
    (1500, "readi"),
    (2500, "ng3re"),
    (3400, "ading4"),
    (3800, "r"),
    (4300, "eading5"),
];
const CLOSED_AT_MS: u64 = 4600;

fn expected() -> Vec<String> {
    (1..=5).map(|n| format!("reading{n}")).collect()
}

fn shown(readings: &[[u8; MESSAGE_LEN]]) -> Vec<String> {
    readings
        .iter()
        .map(|reading| String::from_utf8_lossy(reading).into_owned())
        .collect()
}

/// Runs the learner's `receive` against the schedule; returns the readings and the
/// moments (since the start) the tick ran.
async fn run() -> (Vec<String>, Vec<Duration>) {
    let start = Instant::now();
    let (reader, mut writer) = tokio::io::duplex(64);
    let feeder = tokio::spawn(async move {
        for (at_ms, piece) in PIECES {
            sleep_until(start + Duration::from_millis(at_ms)).await;
            if writer.write_all(piece.as_bytes()).await.is_err() {
                return; // the receiver is gone
            }
        }
        sleep_until(start + Duration::from_millis(CLOSED_AT_MS)).await;
        drop(writer); // the end of the stream
    });
    let mut ticks = Vec::new();
    let readings = receive(reader, || ticks.push(start.elapsed())).await;
    feeder.abort();
    (shown(&readings), ticks)
}

#[test]
fn every_reading_arrives_whole_and_in_order() {
    on_paused_clock(|| async {
        let (got, _) = run().await;
        let want = expected();
        require(got == want, || {
            let sent: usize = PIECES.iter().map(|(_, piece)| piece.len()).sum();
            let received = got.len() * MESSAGE_LEN;
            format!(
                "the sender wrote {sent} bytes: {want:?}, several readings split in pieces \
                 with the 1 s tick falling between them. Your receive returned {got:?} \
                 ({received} bytes). {} A `read_exact` dropped by `select!` when the tick \
                 wins takes the bytes it already read with it; keep the partial reading \
                 in a buffer the loop owns (`read_buf`) instead.",
                if received < sent {
                    format!("{} bytes were lost.", sent - received)
                } else {
                    "The readings are out of step.".to_string()
                }
            )
        });
    });
}

#[test]
fn the_tick_runs_on_schedule_while_readings_arrive() {
    on_paused_clock(|| async {
        let (_, ticks) = run().await;
        let want: Vec<Duration> = (0..=4).map(Duration::from_secs).collect();
        let show = |times: &[Duration]| {
            times
                .iter()
                .map(|t| format_secs(*t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        require(ticks == want, || {
            format!(
                "the stream ended at {}, so the tick should have run at {} — once a \
                 second from the start, readings or not. Your on_tick ran at [{}]. \
                 Create the interval once, before the loop, and let `tick()` be one \
                 branch of the `select!`.",
                format_secs(Duration::from_millis(CLOSED_AT_MS)),
                show(&want),
                show(&ticks)
            )
        });
    });
}

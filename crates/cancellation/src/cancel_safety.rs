//! Cancellation safety: what survives when a `select!` branch loses.
//!
//! Each turn of a `select!` loop builds its branch futures afresh and drops the losers.
//! A future dropped at an `.await` loses whatever it had done so far but not yet
//! returned. For `read_exact` that is the bytes it already took off the stream; for
//! `read_buf` it is nothing, because every byte it takes lands in a buffer the loop owns.
//!
//! The demo feeds the same byte stream — six-byte messages, two of them split across a
//! timer tick — to both loops, on an in-memory `tokio::io::duplex` pipe, so it runs in
//! virtual time.

use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tokio::time::{Instant, interval, sleep, sleep_until};

/// Every message on the wire is exactly this many bytes.
pub const MESSAGE_LEN: usize = 6;

/// When each piece reaches the pipe (milliseconds from the start) and its bytes.
/// `"msg #2"` is split across the 1 s tick, and the tail of `"msg #3"` waits across
/// the 2 s tick.
pub const PIECES: [(u64, &str); 5] = [
    (200, "msg #1"),
    (700, "msg"),
    (1300, " #2"),
    (1600, "msg #3"),
    (2200, "msg #4"),
];

/// What a receiving loop ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The messages it assembled, in order.
    pub messages: Vec<String>,
    /// When the timer branch ran, measured from the start.
    pub ticks: Vec<Duration>,
}

/// Writes [`PIECES`] into `pipe` on schedule, then closes it (the reader sees EOF).
pub async fn send_in_pieces(mut pipe: DuplexStream) {
    let start = Instant::now();
    for (at_ms, piece) in PIECES {
        sleep_until(start + Duration::from_millis(at_ms)).await;
        // write_all is fine here: nothing races it, so it is never dropped half-way.
        pipe.write_all(piece.as_bytes())
            .await
            .expect("the reader keeps its end open");
    }
}

// ANCHOR: broken
/// Reads fixed-size messages while a timer ticks every second — and loses data.
pub async fn read_exact_in_select(
    ctx: &Ctx,
    timeline: &Timeline,
    mut stream: impl AsyncRead + Unpin,
) -> Received {
    let start = Instant::now();
    let mut ticks = interval(Duration::from_secs(1));
    let mut received = Received {
        messages: Vec::new(),
        ticks: Vec::new(),
    };
    let mut message = [0u8; MESSAGE_LEN];
    for attempt in 1.. {
        tokio::select! {
            // A new read_exact every turn. If the tick wins while it has 3 of its
            // 6 bytes, those 3 bytes are gone: taken off the stream, never returned.
            result = timeline.record(
                format!("read_exact {attempt}"),
                stream.read_exact(&mut message),
            ) => match result {
                Ok(_) => {
                    let text = String::from_utf8_lossy(&message).into_owned();
                    ctx.log(format!("read_exact: {text:?}"));
                    received.messages.push(text);
                }
                Err(_) => break, // end of stream
            },
            _ = ticks.tick() => {
                ctx.log("tick");
                received.ticks.push(start.elapsed());
            }
        }
    }
    received
}
// ANCHOR_END: broken

// ANCHOR: fixed
/// The same loop, losing nothing: the bytes live in a buffer the loop owns, and the
/// branch in the `select!` is `read_buf`, which is cancel safe.
pub async fn read_buf_in_select(
    ctx: &Ctx,
    timeline: &Timeline,
    mut stream: impl AsyncRead + Unpin,
) -> Received {
    let start = Instant::now();
    let mut ticks = interval(Duration::from_secs(1));
    let mut received = Received {
        messages: Vec::new(),
        ticks: Vec::new(),
    };
    let mut pending: Vec<u8> = Vec::new(); // bytes read but not yet a whole message
    for attempt in 1.. {
        tokio::select! {
            // read_buf either appends what it read to `pending` and returns, or is
            // dropped having read nothing: no byte is ever held inside the future.
            result = timeline.record(
                format!("read_buf {attempt}"),
                stream.read_buf(&mut pending),
            ) => match result {
                Ok(0) | Err(_) => break, // end of stream
                Ok(_) => {
                    while pending.len() >= MESSAGE_LEN {
                        let bytes: Vec<u8> = pending.drain(..MESSAGE_LEN).collect();
                        let text = String::from_utf8_lossy(&bytes).into_owned();
                        ctx.log(format!("message: {text:?}"));
                        received.messages.push(text);
                    }
                }
            },
            _ = ticks.tick() => {
                ctx.log("tick");
                received.ticks.push(start.elapsed());
            }
        }
    }
    received
}
// ANCHOR_END: fixed

/// Runs one receiving loop against the writer and reports what arrived.
async fn run_variant<'a, F, Fut>(ctx: &'a Ctx, title: &str, receive: F) -> Received
where
    F: FnOnce(&'a Ctx, Timeline, DuplexStream) -> Fut,
    Fut: Future<Output = Received>,
{
    ctx.say(format!("▶ {title}"));
    let timeline = ctx.new_timeline();
    let (reader, writer) = tokio::io::duplex(64);
    let writer = tokio::spawn(send_in_pieces(writer));
    let received = receive(ctx, timeline.clone(), reader).await;
    writer.await.expect("the writer does not panic");
    let sent: usize = PIECES.iter().map(|(_, piece)| piece.len()).sum();
    let got: usize = received.messages.iter().map(String::len).sum();
    ctx.log(format!(
        "sent {sent} bytes; got {} messages, {got} bytes: {:?}; {} ticks; {} bytes lost",
        received.messages.len(),
        received.messages,
        received.ticks.len(),
        sent - got
    ));
    ctx.show_timeline(&format!("{title} (lighter: dropped by select!)"), &timeline);
    received
}

/// Demo `4.4.cancel_safety`: the same stream read by `read_exact` in a `select!`, which
/// loses bytes when the tick wins mid-message, then by `read_buf`, which loses nothing.
pub async fn lost_bytes_then_none(ctx: Ctx) {
    ctx.say("The writer sends msg #1 whole, msg #2 as \"msg\" + \" #2\" (a tick between),");
    ctx.say("msg #3 whole, msg #4 whole; a timer ticks each second.");
    run_variant(
        &ctx,
        "read_exact inside select!",
        |ctx, timeline, reader| async move { read_exact_in_select(ctx, &timeline, reader).await },
    )
    .await;
    run_variant(
        &ctx,
        "read_buf inside select!",
        |ctx, timeline, reader| async move { read_buf_in_select(ctx, &timeline, reader).await },
    )
    .await;
}

// ANCHOR: restarting
/// Meant to collect messages for `within` in total — but the sleep is created anew on
/// every turn, so it ends only once the inbox has been quiet for `within`.
pub async fn collect_restarting(
    inbox: &mut mpsc::Receiver<String>,
    within: Duration,
) -> Vec<String> {
    let mut got = Vec::new();
    loop {
        tokio::select! {
            _ = sleep(within) => break, // a fresh 1 s each turn: restarts on every message
            message = inbox.recv() => match message {
                Some(message) => got.push(message),
                None => break,
            },
        }
    }
    got
}
// ANCHOR_END: restarting

// ANCHOR: pinned
/// Collects messages for `within` in total: the deadline is one future, created once
/// before the loop and polled by reference, so a turn that loses does not reset it.
pub async fn collect_for(inbox: &mut mpsc::Receiver<String>, within: Duration) -> Vec<String> {
    let deadline = sleep(within);
    tokio::pin!(deadline); // `&mut deadline` needs it pinned (Sleep is not Unpin)
    let mut got = Vec::new();
    loop {
        tokio::select! {
            _ = &mut deadline => break,
            message = inbox.recv() => match message {
                Some(message) => got.push(message),
                None => break,
            },
        }
    }
    got
}
// ANCHOR_END: pinned

// ANCHOR: framed
/// A line protocol read with `FramedRead` + `LinesCodec`: the half-line received so far
/// stays in the `FramedRead`'s own buffer, so `next()` in a `select!` loses nothing.
pub async fn lines_with_timer(stream: impl AsyncRead + Unpin) -> (Vec<String>, usize) {
    use futures::StreamExt;
    use tokio_util::codec::{FramedRead, LinesCodec};

    let mut lines = FramedRead::new(stream, LinesCodec::new());
    let mut ticks = interval(Duration::from_secs(1));
    let (mut got, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            line = lines.next() => match line {
                Some(Ok(line)) => got.push(line),
                Some(Err(_)) | None => break, // a bad line, or the end of the stream
            },
            _ = ticks.tick() => tick_count += 1,
        }
    }
    (got, tick_count)
}
// ANCHOR_END: framed

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    fn secs(values: &[f64]) -> Vec<Duration> {
        values.iter().map(|s| Duration::from_secs_f64(*s)).collect()
    }

    async fn run<F, Fut>(receive: F) -> Received
    where
        F: FnOnce(Ctx, Timeline, DuplexStream) -> Fut,
        Fut: Future<Output = Received>,
    {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let (reader, writer) = tokio::io::duplex(64);
        let writer = tokio::spawn(send_in_pieces(writer));
        let received = receive(ctx, timeline, reader).await;
        writer.await.unwrap();
        received
    }

    #[tokio::test(start_paused = true)]
    async fn read_exact_in_select_loses_bytes_and_desyncs() {
        let received = run(|ctx, timeline, reader| async move {
            read_exact_in_select(&ctx, &timeline, reader).await
        })
        .await;
        // "msg" (dropped at the 1 s tick) and " #3" (dropped at the 2 s tick) are lost;
        // what is left is read out of step.
        assert_eq!(received.messages, ["msg #1", " #2msg", "msg #4"]);
        assert_eq!(received.ticks, secs(&[0.0, 1.0, 2.0]));
    }

    #[tokio::test(start_paused = true)]
    async fn read_buf_in_select_loses_nothing() {
        let received = run(|ctx, timeline, reader| async move {
            read_buf_in_select(&ctx, &timeline, reader).await
        })
        .await;
        assert_eq!(received.messages, ["msg #1", "msg #2", "msg #3", "msg #4"]);
        assert_eq!(received.ticks, secs(&[0.0, 1.0, 2.0]));
    }

    #[tokio::test(start_paused = true)]
    async fn framed_lines_survive_ticks_mid_line() {
        let (reader, mut writer) = tokio::io::duplex(64);
        let writer = tokio::spawn(async move {
            for piece in ["first li", "ne\nsecond", " line\n"] {
                writer.write_all(piece.as_bytes()).await.unwrap();
                sleep(Duration::from_millis(700)).await; // a tick falls in each gap
            }
        });
        let (lines, ticks) = lines_with_timer(reader).await;
        writer.await.unwrap();
        assert_eq!(lines, ["first line", "second line"]);
        assert_eq!(ticks, 3, "ticks at 0, 1 and 2 s; the stream ends at 2.1 s");
    }

    #[tokio::test(start_paused = true)]
    async fn a_sleep_made_each_turn_restarts_a_pinned_one_does_not() {
        let start = Instant::now();
        let (sender, mut inbox) = mpsc::channel(16);
        tokio::spawn(async move {
            for n in 0..5 {
                sleep(Duration::from_millis(600)).await;
                if sender.send(format!("m{n}")).await.is_err() {
                    break;
                }
            }
        });
        // Messages every 0.6 s: the restarting 1 s sleep never fires while they come.
        let got = collect_restarting(&mut inbox, Duration::from_secs(1)).await;
        assert_eq!(got.len(), 5);
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(3),
            "ended when the sender quit"
        );

        let start = Instant::now();
        let (sender, mut inbox) = mpsc::channel(16);
        tokio::spawn(async move {
            for n in 0..5 {
                sleep(Duration::from_millis(600)).await;
                if sender.send(format!("m{n}")).await.is_err() {
                    break;
                }
            }
        });
        let got = collect_for(&mut inbox, Duration::from_secs(1)).await;
        assert_eq!(got, ["m0"]);
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
}

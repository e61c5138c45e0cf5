//! Testing network code without a network.
//!
//! A handler written against `AsyncRead + AsyncWrite` instead of `TcpStream` can be
//! served anything that moves bytes. `tokio::io::duplex(n)` makes two connected
//! in-memory ends with room for `n` bytes in flight each way: give one end to the
//! handler, keep the other as the client. No port, no operating system, nothing to
//! clean up — and, because nothing waits on a real socket, the test runs on tokio's
//! paused clock: a client that pauses a second between lines finishes at once, and
//! every time it measures is exact. (Real sockets sit uneasily on the paused clock: when
//! the runtime has nothing to run, it looks once for I/O that is already ready and then
//! jumps to the next timer, so bytes still on their way — held back by Nagle's algorithm,
//! say — arrive after a timeout that should never have fired.) That is how this
//! lesson's network demos run under `--instant`.
//!
//! The other way is `tokio_test::io::Builder`: a mock stream that follows a script —
//! "the handler will read this, must then write exactly that, then a second passes" —
//! and panics at the first write that differs from the script.

use crate::echo::echo;
use harness::{Ctx, TimeMode};
use std::io;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// The lines the demo's client sends, one a second.
pub const LINES: [&str; 3] = ["one", "two", "three"];

/// Demo `4.6.duplex`: the echo server's handler, served over an in-memory pipe; a
/// client sends a line each second and checks each echo.
pub async fn a_handler_on_a_pipe(ctx: Ctx) {
    if let Err(error) = walk_through(&ctx).await {
        ctx.say(format!("an I/O error: {error}"));
    }
}

async fn walk_through(ctx: &Ctx) -> io::Result<()> {
    ctx.say("The echo server's handler — the very function that serves TcpStreams — on");
    ctx.say("one end of tokio::io::duplex(64); the client, on the other end, sends a line");
    ctx.say("each second and reads the echo.");
    let timeline = ctx.new_timeline();
    let (client, server) = tokio::io::duplex(64);
    let handler = timeline
        .clone()
        .record_owned("server: echo handler", echo(server));
    let handler = tokio::spawn(handler);
    let mut client = BufReader::new(client); // reads lines; writes pass straight through
    for (n, line) in LINES.iter().enumerate() {
        let round_trip = async {
            client.write_all(format!("{line}\n").as_bytes()).await?;
            let mut echo = String::new();
            client.read_line(&mut echo).await?;
            Ok::<_, io::Error>(echo)
        };
        let label = format!("client: line {}", n + 1);
        let echo = timeline.record(label, round_trip).await?;
        ctx.log(format!("sent {line:?}, read back {:?}", echo.trim_end()));
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    client.shutdown().await?; // our side is done: the handler's next read gives 0 bytes
    let echoed = handler.await.expect("the handler does not panic")?;
    ctx.log(format!(
        "shut down our side; the handler returned: {echoed} bytes echoed"
    ));
    ctx.show_timeline("a conversation over an in-memory pipe", &timeline);
    let took = timeline.elapsed().as_secs_f64();
    match ctx.mode() {
        TimeMode::Virtual => ctx.say(format!(
            "{took:.2} s of conversation on the paused clock: it ran at once, and every time is exact."
        )),
        TimeMode::Real => ctx.say(format!(
            "{took:.2} s on the real clock; under --instant (the paused clock) it takes no time."
        )),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, sleep};

    // ANCHOR: duplex_test
    #[tokio::test(start_paused = true)]
    async fn echo_answers_each_line_the_moment_it_arrives() {
        let (client, server) = tokio::io::duplex(64); // an in-memory connection
        let handler = tokio::spawn(echo(server)); // the handler that serves TcpStreams
        let mut client = BufReader::new(client); // reads lines; writes pass through
        let start = Instant::now();
        for (second, line) in ["one\n", "two\n", "three\n"].into_iter().enumerate() {
            client.write_all(line.as_bytes()).await.unwrap();
            let mut echo = String::new();
            client.read_line(&mut echo).await.unwrap();
            assert_eq!(echo, line);
            assert_eq!(start.elapsed(), Duration::from_secs(second as u64)); // exact
            sleep(Duration::from_secs(1)).await; // virtual: takes no real time
        }
        client.shutdown().await.unwrap(); // our side is done: the handler reads 0 bytes
        assert_eq!(handler.await.unwrap().unwrap(), 14, "bytes echoed");
    }
    // ANCHOR_END: duplex_test

    // ANCHOR: mock_io
    #[tokio::test(start_paused = true)]
    async fn echo_follows_a_scripted_conversation() {
        let script = tokio_test::io::Builder::new()
            .read(b"hello\n") // what the handler's next read gets...
            .write(b"hello\n") // ...what it must write next (anything else panics)
            .wait(Duration::from_secs(1)) // a second of silence
            .read(b"bye\n")
            .write(b"bye\n")
            .build(); // once the script is done, a read sees the end of the stream
        let start = Instant::now();
        assert_eq!(echo(script).await.unwrap(), 10);
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
    // ANCHOR_END: mock_io

    /// The mock catches a handler that writes something else than the script says.
    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "assertion `left == right` failed")]
    async fn the_mock_panics_at_a_write_off_the_script() {
        let script = tokio_test::io::Builder::new()
            .read(b"hello\n")
            .write(b"HELLO\n")
            .build();
        let _ = echo(script).await; // echo writes "hello\n", not "HELLO\n"
    }
}

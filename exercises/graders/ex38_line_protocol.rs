//! Grader for exercise 38 — a line protocol with `Framed` and `LinesCodec`. Used
//! unchanged by `solutions/`.
//!
//! The grader plays the client over `tokio::io::duplex`, on the paused clock: `handle`
//! runs on one end beside the grader's script on the other. Each reply is awaited for
//! `PATIENCE` of virtual time; when the script is done it closes its side, and `handle`
//! must then return `Ok(())`.

use crate::ex38_line_protocol::{MAX_LINE, handle};
use harness::format_secs;
use harness::grade::{on_paused_clock, require};
use std::future::Future;
use std::time::Duration;
use tokio::io::{
    AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, Lines, ReadHalf, WriteHalf,
};
use tokio::time::{sleep, timeout};

/// How long the grader waits for a reply, or for `handle` to return (virtual time).
const PATIENCE: Duration = Duration::from_secs(1);

/// The grader's end of the pipe.
struct Client {
    replies: Lines<BufReader<ReadHalf<DuplexStream>>>,
    writer: WriteHalf<DuplexStream>,
    /// What the grader has sent so far, for the messages.
    sent: Vec<String>,
}

impl Client {
    /// Sends `bytes` in one write.
    async fn send(&mut self, bytes: &str) {
        let written = self.writer.write_all(bytes.as_bytes()).await;
        self.require_sent(written, bytes);
        self.sent.push(shown(bytes));
    }

    /// Fails if a write failed: the handler had closed the connection.
    fn require_sent(&self, written: std::io::Result<()>, bytes: &str) {
        require(written.is_ok(), || {
            format!(
                "the grader could not send {}: your handler had already closed the \
                 connection ({written:?}) after the grader sent {}. A session ends only at \
                 QUIT or when the client closes its side. If that came right after an \
                 over-long line, read this: {CARRY_ON}",
                shown(bytes),
                self.sent.join(", then ")
            )
        });
    }

    /// Sends `bytes` in writes of `size` bytes, 10 ms apart.
    async fn send_in_pieces(&mut self, bytes: &str, size: usize) {
        for piece in bytes.as_bytes().chunks(size) {
            let written = self.writer.write_all(piece).await;
            self.require_sent(written, bytes);
            sleep(Duration::from_millis(10)).await;
        }
        let how = if size == 1 {
            "one byte at a time".to_string()
        } else {
            format!("in pieces of {size} bytes")
        };
        self.sent.push(format!("{} ({how})", shown(bytes)));
    }

    /// Fails unless the next reply line is `expected`; `hint` says what usually causes a
    /// wrong one.
    async fn expect(&mut self, expected: &str, hint: &str) {
        let reply = timeout(PATIENCE, self.replies.next_line()).await;
        let got = match &reply {
            Ok(Ok(Some(line))) if line == expected => return,
            Ok(Ok(Some(line))) => format!("the reply {}", shown(line)),
            Ok(Ok(None)) => "the end of the stream: your handler closed the connection \
                             (or returned)"
                .to_string(),
            Ok(Err(error)) => format!("an error reading the reply: {error}"),
            Err(_) => format!(
                "no reply within {} (a reply queued with `feed`, or written to a buffer, \
                 goes out only when flushed: `send` each reply, or `flush` after it)",
                format_secs(PATIENCE)
            ),
        };
        require(false, || {
            format!(
                "the grader sent {}; it expected the reply {expected:?} next, and got {got}. \
                 {hint}",
                self.sent.join(", then ")
            )
        });
    }
}

/// Text for a message: quoted, and shortened when long.
fn shown(text: &str) -> String {
    if text.len() > 70 {
        format!("{} bytes ({:?}…)", text.len(), &text[..20])
    } else {
        format!("{text:?}")
    }
}

/// Runs `handle` on one end of a pipe and `script` on the other; when the script is done
/// the grader closes its side, and `handle` must return `Ok(())`.
async fn session<F, Fut>(script: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Client>,
{
    let (ours, theirs) = tokio::io::duplex(64 * 1024);
    let (reader, writer) = tokio::io::split(ours);
    let client = Client {
        replies: BufReader::new(reader).lines(),
        writer,
        sent: Vec::new(),
    };
    let script = async {
        let mut client = script(client).await;
        // Closing our side is the end of the stream for `handle`.
        let _ = client.writer.shutdown().await;
        client
    };
    let (client, result) = tokio::join!(script, async {
        let outcome = timeout(PATIENCE * 60, handle(theirs)).await;
        require(outcome.is_ok(), || {
            "the client closed its side (end of stream), but your `handle` was still running \
             a minute later: when `next()` gives `None`, the client is gone — return \
             `Ok(())`."
                .to_string()
        });
        outcome.expect("checked above")
    });
    require(result.is_ok(), || {
        format!(
            "after the grader sent {} and closed its side, `handle` returned {result:?}; \
             the end of the stream is a normal end: return `Ok(())`.",
            client.sent.join(", then ")
        )
    });
}

const ORDER: &str = "Each line gets exactly one reply line, in the order the lines came.";

#[test]
fn commands_get_their_replies_in_order() {
    on_paused_clock(|| async {
        session(|mut client| async move {
            client
                .send("UPPER hello world\nREVERSE stressed\nCOUNT\nFLY away\nupper x\n")
                .await;
            client.expect("HELLO WORLD", ORDER).await;
            client.expect("desserts", ORDER).await;
            client
                .expect(
                    "3",
                    "COUNT answers how many lines this client has sent, itself included.",
                )
                .await;
            client.expect("ERR unknown command", ORDER).await;
            client
                .expect(
                    "ERR unknown command",
                    "Commands are in capitals: `upper` is not `UPPER`.",
                )
                .await;
            client.send("REVERSE  two  spaces \nUPPER\nCOUNT\n").await;
            client
                .expect(
                    " secaps  owt ",
                    "The text is everything after the first space, spaces included.",
                )
                .await;
            client
                .expect(
                    "",
                    "`UPPER` with no text is the empty text: an empty reply line.",
                )
                .await;
            client
                .expect("8", "COUNT counts every line, unknown ones too.")
                .await;
            client
        })
        .await;
    });
}

#[test]
fn quit_says_bye_and_ends_the_handler() {
    on_paused_clock(|| async {
        let (ours, theirs) = tokio::io::duplex(64 * 1024);
        let (reader, writer) = tokio::io::split(ours);
        let mut client = Client {
            replies: BufReader::new(reader).lines(),
            writer,
            sent: Vec::new(),
        };
        let script = async {
            client.send("COUNT\nQUIT\n").await;
            client.expect("1", ORDER).await;
            client.expect("BYE", "QUIT's reply is BYE.").await;
            client
        };
        // Our side stays open: only QUIT can end `handle` here.
        let (client, result) = tokio::join!(script, timeout(PATIENCE, handle(theirs)));
        require(matches!(result, Ok(Ok(()))), || match &result {
            Err(_) => format!(
                "after QUIT and its BYE, `handle` was still running {} later: QUIT ends the \
                 session — return `Ok(())` after sending BYE.",
                format_secs(PATIENCE)
            ),
            Ok(returned) => format!("after QUIT, `handle` returned {returned:?}; expected Ok(())."),
        });
        drop(client);
    });
}

#[test]
fn a_command_that_arrives_in_pieces_still_works() {
    on_paused_clock(|| async {
        session(|mut client| async move {
            let pieces = "A stream has no message boundaries: read until a whole line is \
                          there (`Framed` with `LinesCodec` does), and treat every line in \
                          one read.";
            client.send_in_pieces("UPPER slowly\n", 1).await;
            client.expect("SLOWLY", pieces).await;
            client.send("COUNT\nCOUNT\nREVER").await;
            client.expect("2", pieces).await;
            client.expect("3", pieces).await;
            sleep(Duration::from_millis(100)).await;
            client.send("SE split\n").await;
            client.expect("tilps", pieces).await;
            client
        })
        .await;
    });
}

#[test]
fn a_last_line_without_its_newline_is_still_answered() {
    on_paused_clock(|| async {
        session(|mut client| async move {
            client.send("UPPER first\nUPPER last").await;
            client.expect("FIRST", ORDER).await;
            let closed = client.writer.shutdown().await;
            require(closed.is_ok(), || {
                format!("the grader could not close its side: {closed:?}")
            });
            client.sent.push("the end of the stream".to_string());
            client
                .expect(
                    "LAST",
                    "At the end of the stream, the bytes after the last newline are a last \
                     line: `Framed` then calls the codec's `decode_eof`, which must ask the \
                     inner codec's `decode_eof` (its `decode` keeps waiting for a `\\n`).",
                )
                .await;
            client
        })
        .await;
    });
}

const TOO_LONG: &str = "A line longer than MAX_LINE gets `ERR line too long` — build the \
                        codec with `LinesCodec::new_with_max_length(MAX_LINE)` and turn its \
                        `MaxLineLengthExceeded` into that reply.";

const CARRY_ON: &str = "After an over-long line the connection carries on with the next \
                        line. If you use `Framed`: after a decoding error its stream yields \
                        `None` once, and it looks at the bytes it holds only when more \
                        arrive — so the error must never reach `Framed` (make the codec \
                        return the over-long line as an item), or the next command is \
                        lost.";

#[test]
fn a_line_of_max_line_bytes_is_fine_and_one_more_is_too_long() {
    on_paused_clock(|| async {
        session(|mut client| async move {
            let exactly = format!("UPPER {}\n", "a".repeat(MAX_LINE - "UPPER ".len()));
            client.send(&exactly).await;
            client
                .expect(
                    &"A".repeat(MAX_LINE - "UPPER ".len()),
                    "A line of exactly MAX_LINE bytes (not counting its newline) is allowed.",
                )
                .await;
            let one_more = format!("UPPER {}\n", "b".repeat(MAX_LINE + 1 - "UPPER ".len()));
            client.send(&one_more).await;
            client.expect("ERR line too long", TOO_LONG).await;
            client.send("COUNT\n").await;
            client.expect("3", CARRY_ON).await;
            client
        })
        .await;
    });
}

#[test]
fn an_over_long_line_gets_an_error_and_the_connection_carries_on() {
    on_paused_clock(|| async {
        session(|mut client| async move {
            let long = format!("UPPER {}\n", "x".repeat(10 * MAX_LINE));
            client.send(&format!("UPPER ok\n{long}COUNT\n")).await;
            client.expect("OK", ORDER).await;
            client.expect("ERR line too long", TOO_LONG).await;
            client.expect("3", CARRY_ON).await;
            // Once more, the long line arriving in pieces, and a command after it.
            client.send_in_pieces(&long, 100).await;
            client.send("REVERSE done\n").await;
            client.expect("ERR line too long", TOO_LONG).await;
            client.expect("enod", CARRY_ON).await;
            client
        })
        .await;
    });
}

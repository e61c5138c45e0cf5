//! Bytes in, bytes out: `AsyncRead` and `AsyncWrite`.
//!
//! A socket, a pipe, a file: tokio gives each of them two small traits, `AsyncRead`
//! (poll for some bytes) and `AsyncWrite` (poll to hand some over). Nobody calls those
//! polls by hand: the extension traits `AsyncReadExt` and `AsyncWriteExt` add the
//! `async fn`s we use — `read`, `read_exact`, `write_all`, `flush`, `shutdown` — just as
//! asyncio's `StreamReader` has `read`, `readexactly` and `readline`, and its
//! `StreamWriter` has `write` + `drain`.
//!
//! Reading a line needs a buffer to hold the bytes that came after the newline:
//! `BufReader` adds it, and with it `AsyncBufReadExt::lines`. `tokio::io::copy` moves
//! everything from a reader to a writer. And `split` cuts one stream into a read half
//! and a write half, so that one task can read while another writes.
//!
//! Everything here runs on `tokio::io::duplex`, an in-memory pipe with two ends that
//! behaves like a connected socket, so the demo runs on the virtual clock.

use harness::Ctx;
use std::io;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::time::Instant;

// ANCHOR: read_write
/// Asks `ping` and waits for the four-byte answer.
pub async fn ping<S: AsyncRead + AsyncWrite + Unpin>(stream: &mut S) -> io::Result<[u8; 4]> {
    stream.write_all(b"ping").await?; // all four bytes, however many writes it takes
    let mut answer = [0u8; 4];
    stream.read_exact(&mut answer).await?; // exactly four bytes, however many reads
    Ok(answer)
}

/// Answers each four-byte question with `pong` until the other side closes; returns
/// how many it answered.
pub async fn pong<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) -> io::Result<u32> {
    let mut answered = 0;
    let mut question = [0u8; 4];
    loop {
        match stream.read_exact(&mut question).await {
            Ok(_) => stream.write_all(b"pong").await?,
            // The stream ended before four more bytes came: the other side is done.
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(answered),
            Err(error) => return Err(error),
        }
        answered += 1;
    }
}
// ANCHOR_END: read_write

// ANCHOR: lines
/// Reads lines until the end of the stream. `BufReader` supplies the buffer that
/// `lines()` needs for the bytes after each newline; the lines come without it.
pub async fn read_lines<R: AsyncRead + Unpin>(stream: R) -> io::Result<Vec<String>> {
    let mut lines = BufReader::new(stream).lines();
    let mut all = Vec::new();
    while let Some(line) = lines.next_line().await? {
        all.push(line);
    }
    Ok(all) // next_line gave None: the stream ended
}
// ANCHOR_END: lines

// ANCHOR: copy
/// An echo handler in one call: copies everything it reads back into the same stream,
/// until the other side closes its sending half. Returns the number of bytes echoed.
pub async fn echo_with_copy<S: AsyncRead + AsyncWrite>(stream: S) -> io::Result<u64> {
    let (mut reader, mut writer) = tokio::io::split(stream); // copy needs the two apart
    tokio::io::copy(&mut reader, &mut writer).await
}
// ANCHOR_END: copy

// ANCHOR: split
/// Sends `lines` from a task of its own, pausing after each, while this task reads the
/// replies as they come. Returns each reply with the time it arrived.
pub async fn converse<S>(
    stream: S,
    lines: Vec<String>,
    pause: Duration,
) -> io::Result<Vec<(Duration, String)>>
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let start = Instant::now();
    let (reader, mut writer) = tokio::io::split(stream);
    let sending = tokio::spawn(async move {
        for line in lines {
            writer.write_all(format!("{line}\n").as_bytes()).await?;
            tokio::time::sleep(pause).await;
        }
        writer.shutdown().await // no more from us: the other side reads the end
    });
    let mut replies = Vec::new();
    let mut incoming = BufReader::new(reader).lines();
    while let Some(reply) = incoming.next_line().await? {
        replies.push((start.elapsed(), reply));
    }
    sending.await.expect("the sending task does not panic")?;
    Ok(replies)
}
// ANCHOR_END: split

/// Demo `4.6.bytes`: `read_exact`/`write_all`, `lines()`, `copy` and `split`, each on
/// an in-memory pipe.
pub async fn bytes_in_bytes_out(ctx: Ctx) {
    if let Err(error) = walk_through(&ctx).await {
        ctx.say(format!("an I/O error: {error}"));
    }
}

async fn walk_through(ctx: &Ctx) -> io::Result<()> {
    ctx.say("▶ read_exact and write_all: ping, pong (asyncio: readexactly, write + drain)");
    ctx.new_timeline();
    let (mut client, server) = tokio::io::duplex(64);
    let server = tokio::spawn(pong(server));
    for _ in 0..3 {
        let answer = ping(&mut client).await?;
        ctx.log(format!(
            "sent b\"ping\", got {:?}",
            String::from_utf8_lossy(&answer)
        ));
    }
    drop(client); // closing our end: the server's read_exact sees the end of the stream
    let answered = server.await.expect("the server does not panic")?;
    ctx.log(format!(
        "the server saw the end of the stream after {answered} pings"
    ));
    ctx.say("");

    ctx.say("▶ BufReader + lines(): lines put back together, however the bytes arrive");
    ctx.new_timeline();
    let (reader, mut writer) = tokio::io::duplex(64);
    let writing = tokio::spawn(async move {
        for piece in ["one\ntw", "o\nthr", "ee\n"] {
            writer.write_all(piece.as_bytes()).await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Ok::<_, io::Error>(()) // dropping `writer` ends the stream
    });
    ctx.log(r#"the writer sends "one\ntw", "o\nthr", "ee\n", 0.3 s apart"#);
    let lines = read_lines(reader).await?;
    writing.await.expect("the writer does not panic")?;
    ctx.log(format!("read_lines got {lines:?}"));
    ctx.say("");

    ctx.say("▶ copy and split: an echo server in one call; a client that writes from one");
    ctx.say("  task while it reads the echoes in another");
    ctx.new_timeline();
    let (client, server) = tokio::io::duplex(64);
    let server = tokio::spawn(echo_with_copy(server));
    let lines = ["hello", "from", "the client"].map(String::from).to_vec();
    let replies = converse(client, lines, Duration::from_millis(500)).await?;
    for (at, reply) in &replies {
        ctx.say(format!(
            "  echo {reply:?} arrived at {:.2} s",
            at.as_secs_f64()
        ));
    }
    let echoed = server.await.expect("the server does not panic")?;
    ctx.log(format!(
        "the sender shut its half down; copy saw the end and returned: {echoed} bytes echoed"
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn ping_pong_until_the_client_closes() {
        let (mut client, server) = tokio::io::duplex(64);
        let server = tokio::spawn(pong(server));
        for _ in 0..5 {
            assert_eq!(&ping(&mut client).await.unwrap(), b"pong");
        }
        drop(client);
        assert_eq!(server.await.unwrap().unwrap(), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn lines_come_whole_however_the_bytes_are_cut() {
        let (reader, mut writer) = tokio::io::duplex(64);
        tokio::spawn(async move {
            for piece in ["one\ntw", "o\r\nthr", "ee\nno newline at the end"] {
                writer.write_all(piece.as_bytes()).await.unwrap();
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        });
        let lines = read_lines(reader).await.unwrap();
        // "\r\n" ends a line too; the last line needs no newline.
        assert_eq!(lines, ["one", "two", "three", "no newline at the end"]);
    }

    /// split: the replies arrive while the sending task is still sending — the reading
    /// and the writing ran at once, in two tasks.
    #[tokio::test(start_paused = true)]
    async fn split_halves_read_and_write_at_once() {
        let (client, server) = tokio::io::duplex(64);
        let server = tokio::spawn(echo_with_copy(server));
        let lines = ["a", "bb", "ccc"].map(String::from).to_vec();
        let replies = converse(client, lines, Duration::from_millis(500))
            .await
            .unwrap();
        let at = |ms| Duration::from_millis(ms);
        assert_eq!(
            replies,
            [
                (at(0), "a".to_string()),
                (at(500), "bb".to_string()),
                (at(1000), "ccc".to_string())
            ]
        );
        assert_eq!(server.await.unwrap().unwrap(), 9, "a\\n bb\\n ccc\\n");
    }
}

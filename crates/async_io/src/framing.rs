//! Framing: from a byte stream to messages.
//!
//! TCP delivers bytes in order, and nothing else: not where one message ends. Two
//! writes can arrive as one read, one write can arrive as two. So every protocol says
//! where its messages end — a newline, a length written in front — and every reader
//! keeps the bytes of an unfinished message until the rest arrives.
//!
//! `tokio_util::codec` does that keeping for us. A `Decoder` looks at the bytes
//! received so far and either cuts one message off the front or says "not yet"; an
//! `Encoder` writes a message out. `FramedRead` turns an `AsyncRead` plus a decoder into
//! a `Stream` of messages, `FramedWrite` an `AsyncWrite` plus an encoder into a `Sink`,
//! and `Framed` does both on one connection. `LinesCodec` is the decoder for lines; give
//! it a maximum length, or one client that never sends a newline fills your memory.
//!
//! Because the unfinished message lives in the `FramedRead`'s buffer, not in the future
//! that `next()` returns, `next()` is cancel safe: dropped by a `select!`, it loses
//! nothing. `read_line` keeps the bytes it has taken inside its future, and loses them
//! (lesson 4.4 showed the same for `read_exact`).

use bytes::{Buf, BufMut, Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use harness::Ctx;
use std::io;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::time::Instant;
use tokio_util::codec::{Decoder, Encoder, Framed, FramedRead, LinesCodec, LinesCodecError};

// ANCHOR: no_boundaries
/// Two writes, then one read: the reader gets both messages in one piece.
pub async fn two_writes_one_read() -> io::Result<Vec<u8>> {
    let (mut client, mut server) = tokio::io::duplex(64);
    client.write_all(b"hello\n").await?;
    client.write_all(b"world\n").await?;
    let mut buffer = [0u8; 64];
    let n = server.read(&mut buffer).await?;
    Ok(buffer[..n].to_vec()) // b"hello\nworld\n": one read, two messages
}

/// One write through a pipe with room for 4 bytes: the reader gets it in pieces.
pub async fn one_write_two_reads() -> io::Result<Vec<Vec<u8>>> {
    let (mut client, mut server) = tokio::io::duplex(4);
    let writer = tokio::spawn(async move { client.write_all(b"hello\n").await });
    let mut pieces = Vec::new();
    let mut buffer = [0u8; 64];
    loop {
        let n = server.read(&mut buffer).await?;
        if n == 0 {
            break; // the writer finished and dropped its end
        }
        pieces.push(buffer[..n].to_vec()); // b"hell", then b"o\n"
    }
    writer.await.expect("the writer does not panic")?;
    Ok(pieces)
}
// ANCHOR_END: no_boundaries

/// The longest line the line protocol accepts, in bytes, not counting the newline.
pub const MAX_LINE: usize = 40;

// ANCHOR: limited_lines
/// A line, or the news that a line was longer than allowed (and skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A line, without its newline.
    Text(String),
    /// A line over the limit: its bytes were dropped up to the next newline.
    TooLong,
}

/// `LinesCodec` with a maximum length, whose over-long line is an item, not an error.
///
/// `LinesCodec` reports a line over the limit as `MaxLineLengthExceeded` and skips to
/// the next newline. But a `FramedRead` (or `Framed`) answers the `next()` after *any*
/// decoding error with `None`, which a `while let Some(..)` loop takes for the end of the
/// stream (a later `next()` would read on, but the loop is gone). Handing the over-long
/// line on as an item keeps the stream, and the connection, going.
#[derive(Debug)]
pub struct LimitedLines(LinesCodec);

impl LimitedLines {
    /// Lines of at most `max_length` bytes.
    pub fn new(max_length: usize) -> Self {
        LimitedLines(LinesCodec::new_with_max_length(max_length))
    }
}

impl Decoder for LimitedLines {
    type Item = Line;
    type Error = LinesCodecError;

    fn decode(&mut self, buffer: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        match self.0.decode(buffer) {
            Ok(line) => Ok(line.map(Line::Text)),
            Err(LinesCodecError::MaxLineLengthExceeded) => Ok(Some(Line::TooLong)),
            Err(error) => Err(error),
        }
    }

    fn decode_eof(&mut self, buffer: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        match self.0.decode_eof(buffer) {
            Ok(line) => Ok(line.map(Line::Text)),
            Err(LinesCodecError::MaxLineLengthExceeded) => Ok(Some(Line::TooLong)),
            Err(error) => Err(error),
        }
    }
}

impl<T: AsRef<str>> Encoder<T> for LimitedLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buffer: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buffer)
    }
}
// ANCHOR_END: limited_lines

// ANCHOR: lines_codec
/// A line protocol: every line comes back in capitals; a line over [`MAX_LINE`] bytes
/// gets an error reply, and the connection carries on.
pub async fn shout<S: AsyncRead + AsyncWrite + Unpin>(stream: S) -> Result<(), LinesCodecError> {
    // One Framed for both directions: a Stream of lines in, a Sink of lines out.
    let mut lines = Framed::new(stream, LimitedLines::new(MAX_LINE));
    while let Some(line) = lines.next().await {
        match line? {
            Line::Text(text) => lines.send(text.to_uppercase()).await?,
            Line::TooLong => {
                let reply = format!("error: line too long (at most {MAX_LINE} bytes)");
                lines.send(reply).await?;
            }
        }
    }
    Ok(()) // the client closed the connection
}
// ANCHOR_END: lines_codec

// ANCHOR: custom_codec
/// Frames of up to 65,535 bytes, each sent as its length (two bytes, big-endian)
/// followed by its bytes. (tokio-util's `LengthDelimitedCodec` does this, and more.)
#[derive(Debug, Default)]
pub struct LengthPrefixed;

impl Decoder for LengthPrefixed {
    type Item = Bytes;
    type Error = io::Error;

    fn decode(&mut self, buffer: &mut BytesMut) -> io::Result<Option<Bytes>> {
        if buffer.len() < 2 {
            return Ok(None); // not even the length yet: wait for more bytes
        }
        let length = usize::from(u16::from_be_bytes([buffer[0], buffer[1]]));
        if buffer.len() < 2 + length {
            buffer.reserve(2 + length - buffer.len()); // room for the rest of the frame
            return Ok(None); // part of a frame: keep it, wait for the rest
        }
        buffer.advance(2); // drop the length...
        Ok(Some(buffer.split_to(length).freeze())) // ...and cut the frame off the front
    }
}

impl Encoder<&[u8]> for LengthPrefixed {
    type Error = io::Error;

    fn encode(&mut self, frame: &[u8], buffer: &mut BytesMut) -> io::Result<()> {
        let length = u16::try_from(frame.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame over 65,535 bytes"))?;
        buffer.reserve(2 + frame.len());
        buffer.put_u16(length); // big-endian, like every BufMut::put_u16
        buffer.put_slice(frame);
        Ok(())
    }
}
// ANCHOR_END: custom_codec

/// When each piece of the lines reaches the pipe (milliseconds from the start): two
/// lines are split across the timer's ticks at 1 s and 2 s.
pub const LINE_PIECES: [(u64, &str); 4] = [
    (0, "first li"),
    (700, "ne\nsecond"),
    (1400, " line\nthird"),
    (2100, " line\n"),
];

/// Writes [`LINE_PIECES`] into `pipe` on schedule, then closes it.
pub async fn send_line_pieces<W: AsyncWrite + Unpin>(mut pipe: W) -> io::Result<()> {
    let start = Instant::now();
    for (at_ms, piece) in LINE_PIECES {
        tokio::time::sleep_until(start + Duration::from_millis(at_ms)).await;
        pipe.write_all(piece.as_bytes()).await?;
    }
    Ok(())
}

// ANCHOR: cancel_safe
/// Reads lines with `read_line` while a timer ticks every second — and loses the start
/// of a line still arriving when the tick wins: `read_line` is not cancel safe.
pub async fn read_line_in_select<R: AsyncRead + Unpin>(stream: R) -> Vec<String> {
    let mut reader = BufReader::new(stream);
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    let (mut lines, mut line) = (Vec::new(), String::new());
    loop {
        tokio::select! {
            read = reader.read_line(&mut line) => match read {
                Ok(0) | Err(_) => break, // the end of the stream, or an error
                Ok(_) => {
                    lines.push(line.trim_end().to_string());
                    line.clear();
                }
            },
            // Say, a heartbeat. When it wins, the read_line future is dropped, and
            // with it the bytes of the half line it had taken from the reader.
            _ = ticks.tick() => {}
        }
    }
    lines
}

/// The same loop over `FramedRead::next`, which is cancel safe: the half line waits in
/// the FramedRead's own buffer, not in the future that `select!` drops.
pub async fn framed_in_select<R: AsyncRead + Unpin>(stream: R) -> Vec<String> {
    let mut framed = FramedRead::new(stream, LinesCodec::new_with_max_length(MAX_LINE));
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    let mut lines = Vec::new();
    loop {
        tokio::select! {
            line = framed.next() => match line {
                Some(Ok(line)) => lines.push(line),
                Some(Err(_)) | None => break, // a bad line, or the end of the stream
            },
            _ = ticks.tick() => {}
        }
    }
    lines
}
// ANCHOR_END: cancel_safe

/// Demo `4.6.framing`: no message boundaries on a byte stream; `Framed` + a line codec
/// with a limit; a length-prefixed codec of our own; and `FramedRead::next` against
/// `read_line` inside a `select!`.
pub async fn frames_from_a_byte_stream(ctx: Ctx) {
    if let Err(error) = walk_through(&ctx).await {
        ctx.say(format!("an I/O error: {error}"));
    }
}

async fn walk_through(ctx: &Ctx) -> io::Result<()> {
    ctx.say("▶ A byte stream has no message boundaries");
    let one_read = two_writes_one_read().await?;
    ctx.say(format!(
        "  write \"hello\\n\", write \"world\\n\", then one read: {:?}",
        String::from_utf8_lossy(&one_read)
    ));
    let pieces = one_write_two_reads().await?;
    let pieces: Vec<_> = pieces.iter().map(|p| String::from_utf8_lossy(p)).collect();
    ctx.say(format!(
        "  one write of \"hello\\n\" through a 4-byte pipe, read until the end: {pieces:?}"
    ));
    ctx.say("");

    ctx.say(format!(
        "▶ Framed + LinesCodec, at most {MAX_LINE} bytes a line; all sent in one write:"
    ));
    ctx.new_timeline();
    let (client, server) = tokio::io::duplex(256);
    let server = tokio::spawn(shout(server));
    let long = "a".repeat(60);
    let sent = format!("hi\n{long}\nstill there?\n");
    let (reader, mut writer) = tokio::io::split(client);
    writer.write_all(sent.as_bytes()).await?;
    writer.shutdown().await?; // that is all: the server sees the end after these
    for line in [
        "hi",
        &format!("aaa…a ({} bytes)", long.len()),
        "still there?",
    ] {
        ctx.say(format!("  sent {line:?}"));
    }
    let mut replies = BufReader::new(reader).lines();
    while let Some(reply) = replies.next_line().await? {
        ctx.log(format!("reply {reply:?}"));
    }
    match server.await.expect("the server does not panic") {
        Ok(()) => ctx.log("the client closed its side: the handler returned Ok"),
        Err(error) => ctx.log(format!("the handler failed: {error}")),
    }
    ctx.say("");

    ctx.say("▶ A codec of our own: a two-byte length, then the bytes");
    ctx.new_timeline();
    let mut encoded = BytesMut::new();
    for frame in [&b"hello"[..], b"framed world"] {
        LengthPrefixed.encode(frame, &mut encoded)?;
    }
    let (reader, mut writer) = tokio::io::duplex(64);
    // The first frame (2 + 5 bytes), then the second's length (2) and 5 of its 12 bytes.
    let cut = 2 + 5 + 2 + 5;
    let (first, second) = encoded.split_at(cut);
    let (first, second) = (first.to_vec(), second.to_vec());
    ctx.log(format!(
        "{} bytes encoded; the writer sends {} now (\"hello\" and the start of \"framed \
         world\") and the last {} a second later",
        encoded.len(),
        first.len(),
        second.len()
    ));
    let writing = tokio::spawn(async move {
        writer.write_all(&first).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        writer.write_all(&second).await // then `writer` is dropped: the end
    });
    let mut frames = FramedRead::new(reader, LengthPrefixed);
    while let Some(frame) = frames.next().await {
        ctx.log(format!("frame {:?}", String::from_utf8_lossy(&frame?)));
    }
    writing.await.expect("the writer does not panic")?;
    ctx.say("");

    ctx.say("▶ Inside select! with a 1 s timer: read_line, then FramedRead::next");
    ctx.say("  the writer sends \"first li\", \"ne\\nsecond\", \" line\\nthird\", \" line\\n\",");
    ctx.say("  0.7 s apart, so the ticks at 1 s and 2 s fall in the middle of a line");
    for (name, framed) in [("read_line", false), ("FramedRead::next", true)] {
        ctx.new_timeline();
        let (reader, writer) = tokio::io::duplex(64);
        let writing = tokio::spawn(send_line_pieces(writer));
        let lines = if framed {
            framed_in_select(reader).await
        } else {
            read_line_in_select(reader).await
        };
        writing.await.expect("the writer does not panic")?;
        let whole = ["first line", "second line", "third line"];
        let intact = lines.iter().filter(|l| whole.contains(&l.as_str())).count();
        ctx.log(format!(
            "{name} in select!: {lines:?} — {intact} of {} lines intact",
            whole.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn two_writes_can_come_out_as_one_read() {
        assert_eq!(two_writes_one_read().await.unwrap(), b"hello\nworld\n");
    }

    #[tokio::test(start_paused = true)]
    async fn one_write_can_come_out_as_two_reads() {
        let pieces = one_write_two_reads().await.unwrap();
        assert_eq!(pieces, [b"hell".to_vec(), b"o\n".to_vec()]);
    }

    /// What LinesCodec does with an over-long line, and what FramedRead does after the
    /// error: the codec skips to the next newline, but the FramedRead ends the stream.
    #[tokio::test(start_paused = true)]
    async fn after_an_over_long_line_framed_read_gives_none() {
        let input = format!("ok\n{}\nafter\n", "x".repeat(100));
        let mut codec = LinesCodec::new_with_max_length(10);
        let mut buffer = BytesMut::from(input.as_bytes());
        assert_eq!(codec.decode(&mut buffer).unwrap(), Some("ok".to_string()));
        assert!(matches!(
            codec.decode(&mut buffer),
            Err(LinesCodecError::MaxLineLengthExceeded)
        ));
        // The codec itself carries on: it drops the rest of the long line.
        assert_eq!(
            codec.decode(&mut buffer).unwrap(),
            Some("after".to_string())
        );

        let mut lines = FramedRead::new(input.as_bytes(), LinesCodec::new_with_max_length(10));
        assert_eq!(lines.next().await.unwrap().unwrap(), "ok");
        assert!(matches!(
            lines.next().await,
            Some(Err(LinesCodecError::MaxLineLengthExceeded))
        ));
        assert!(
            lines.next().await.is_none(),
            "after a decoding error, FramedRead's next() gives None"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_over_long_line_gets_an_error_reply_and_the_connection_carries_on() {
        let (client, server) = tokio::io::duplex(256);
        let server = tokio::spawn(shout(server));
        let (reader, mut writer) = tokio::io::split(client);
        let long = "y".repeat(3 * MAX_LINE);
        writer
            .write_all(format!("hi\n{long}\nstill there?\n").as_bytes())
            .await
            .unwrap();
        let mut replies = BufReader::new(reader).lines();
        let mut next = async || replies.next_line().await.unwrap().unwrap();
        assert_eq!(next().await, "HI");
        assert!(next().await.starts_with("error: line too long"));
        assert_eq!(next().await, "STILL THERE?", "the line already buffered");
        writer.write_all(b"later\n").await.unwrap();
        assert_eq!(next().await, "LATER", "and the lines sent afterwards");
        writer.shutdown().await.unwrap();
        server.await.unwrap().unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn an_endless_line_does_not_grow_the_buffer_without_bound() {
        let (client, server) = tokio::io::duplex(64);
        let server = tokio::spawn(shout(server));
        let (reader, mut writer) = tokio::io::split(client);
        tokio::spawn(async move {
            for _ in 0..1000 {
                writer.write_all(&[b'z'; 64]).await.unwrap(); // 64 kB, never a newline
            }
            writer.write_all(b"\nok\n").await.unwrap();
            writer.shutdown().await.unwrap();
        });
        let replies: Vec<String> = read_all_lines(reader).await;
        assert_eq!(replies.len(), 2, "{replies:?}");
        assert!(replies[0].starts_with("error: line too long"));
        assert_eq!(replies[1], "OK");
        server.await.unwrap().unwrap();
    }

    async fn read_all_lines<R: AsyncRead + Unpin>(reader: R) -> Vec<String> {
        let mut lines = BufReader::new(reader).lines();
        let mut all = Vec::new();
        while let Some(line) = lines.next_line().await.unwrap() {
            all.push(line);
        }
        all
    }

    #[test]
    fn the_custom_codec_waits_for_the_rest_of_a_frame() {
        let mut encoded = BytesMut::new();
        LengthPrefixed.encode(&b"hello"[..], &mut encoded).unwrap();
        assert_eq!(&encoded[..], b"\x00\x05hello");
        let mut buffer = BytesMut::new();
        let mut codec = LengthPrefixed;
        buffer.extend_from_slice(&encoded[..1]);
        assert_eq!(codec.decode(&mut buffer).unwrap(), None, "half a length");
        buffer.extend_from_slice(&encoded[1..4]);
        assert_eq!(
            codec.decode(&mut buffer).unwrap(),
            None,
            "part of the frame"
        );
        buffer.extend_from_slice(&encoded[4..]);
        assert_eq!(codec.decode(&mut buffer).unwrap().unwrap(), "hello");
        assert!(buffer.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn the_custom_codec_decodes_a_frame_split_across_reads() {
        let (reader, mut writer) = tokio::io::duplex(64);
        let mut encoded = BytesMut::new();
        for frame in [&b"one"[..], b"two, longer", b""] {
            LengthPrefixed.encode(frame, &mut encoded).unwrap();
        }
        let bytes = encoded.to_vec();
        tokio::spawn(async move {
            for piece in bytes.chunks(3) {
                writer.write_all(piece).await.unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        let frames: Vec<Bytes> = FramedRead::new(reader, LengthPrefixed)
            .map(Result::unwrap)
            .collect()
            .await;
        assert_eq!(frames, [&b"one"[..], b"two, longer", b""]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_custom_codec_refuses_a_frame_too_long_to_encode() {
        let mut buffer = BytesMut::new();
        let error = LengthPrefixed
            .encode(&[0u8; 70_000][..], &mut buffer)
            .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }

    #[tokio::test(start_paused = true)]
    async fn read_line_in_select_loses_the_start_of_lines() {
        let (reader, writer) = tokio::io::duplex(64);
        let writing = tokio::spawn(send_line_pieces(writer));
        let lines = read_line_in_select(reader).await;
        writing.await.unwrap().unwrap();
        // "second" (taken before the 1 s tick) and "third" (before the 2 s tick) are lost.
        assert_eq!(lines, ["first line", " line", " line"]);
    }

    #[tokio::test(start_paused = true)]
    async fn framed_read_next_in_select_loses_nothing() {
        let (reader, writer) = tokio::io::duplex(64);
        let writing = tokio::spawn(send_line_pieces(writer));
        let lines = framed_in_select(reader).await;
        writing.await.unwrap().unwrap();
        assert_eq!(lines, ["first line", "second line", "third line"]);
    }
}

//! Lesson 4.6 — async I/O for real: files with `tokio::fs`, bytes through `AsyncRead` and
//! `AsyncWrite`, a TCP server with one task per connection, framing a byte stream into
//! messages, shared state behind a lock or in an actor, and a chat server that puts them
//! all together — plus testing network code without a network.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it. The handlers are generic over
//! `AsyncRead + AsyncWrite`, so the same code serves a `TcpStream` on 127.0.0.1 and an
//! in-memory `tokio::io::duplex` pipe, where the demos run on the virtual clock.

pub mod actor;
pub mod bytes_io;
pub mod chat;
pub mod echo;
pub mod files;
pub mod framing;
pub mod in_memory;
pub mod shared_state;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::walkthrough(
            "4.6.files",
            "Download, then save each result to a file: many files at once with tokio::fs",
            |ctx| files::download_and_save(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.bytes",
            "Bytes in, bytes out: read_exact, write_all, lines(), copy and split on a pipe",
            |ctx| bytes_io::bytes_in_bytes_out(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.echo",
            "An echo server on 127.0.0.1: five clients served at once",
            |ctx| echo::five_clients_at_once(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.6.framing",
            "A byte stream has no message boundaries: LinesCodec and a codec of our own",
            |ctx| framing::frames_from_a_byte_stream(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.shared_state",
            "A key-value store behind a std Mutex, and why the guard never crosses an .await",
            |ctx| shared_state::store_behind_a_lock(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.actor",
            "The same store as an actor: one task owns it, the others send it requests",
            |ctx| actor::store_as_an_actor(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.chat",
            "The chat server on in-memory pipes: joins, lines, a slow reader, an idle client",
            |ctx| chat::demo::a_chat_in_virtual_time(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.chat_shutdown",
            "Ctrl-C on the chat server: stop accepting, tell everyone, wait with a deadline",
            |ctx| chat::demo::a_graceful_shutdown(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.6.duplex",
            "Testing a handler without a network: tokio::io::duplex on the virtual clock",
            |ctx| in_memory::a_handler_on_a_pipe(ctx).boxed_local(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use harness::{Output, TimeMode};

    /// The lesson runs under `--instant`: every demo runs on the virtual clock, except the
    /// echo server's, which uses real sockets and is marked to run in real time.
    #[test]
    fn every_demo_runs_on_its_clock() {
        for demo in super::demos() {
            if demo.id == "4.6.echo" {
                assert!(demo.real_time_only, "it uses real sockets");
                continue;
            }
            assert!(
                !demo.real_time_only,
                "{} should run on the virtual clock",
                demo.id
            );
            harness::run_demo(&demo, TimeMode::Virtual, Output::Terminal).unwrap();
        }
    }
}

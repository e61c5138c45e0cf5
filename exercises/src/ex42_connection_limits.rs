//! Exercise 42 — timeouts and limits on connections (lesson 4.6, "Timeouts and limits on
//! connections").
//!
//! `serve` below is a working echo server: each client gets a task, and every line it
//! sends comes straight back. It trusts its clients too much. Give it two limits:
//!
//! - **idle timeout**: a client that sends nothing for `limits.idle` is told
//!   `* idle too long, goodbye` and its connection is closed. The clock starts again with
//!   every line: a client that keeps talking is never timed out, however long it stays;
//! - **maximum number of clients**: while `limits.max_clients` clients are connected, a
//!   new one is told `* server full, try again later` at once and its connection is
//!   closed — it is refused, not kept waiting — and the clients already in are served as
//!   before. When one of them leaves (disconnects, or is timed out), its place is free
//!   for the next client.
//!
//! The grader connects real clients on 127.0.0.1, on the paused clock: a silent client
//! must get the goodbye `idle` after its last line; one that talks every 3 s with an
//! idle limit of 5 s must stay in for as long as it talks; with room for two, a third
//! client must get the refusal the moment it connects while the first two are still
//! answered, and once one of the two has left, a new client must be let in.

use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The limits the server enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How many clients may be connected at once; one more is refused.
    pub max_clients: usize,
    /// How long a client may stay silent before it is disconnected.
    pub idle: Duration,
}

/// Serves echo clients on `listener` within `limits`, forever.
pub async fn serve(listener: TcpListener, limits: Limits) {
    // TODO: keep count of the places with a `tokio::sync::Semaphore` of `max_clients`
    // permits (in an `Arc`): take one without waiting (`try_acquire_owned`) for each new
    // client, keep it in the client's task, and refuse the client when there is none.
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(echo(stream, limits.idle));
    }
}

/// Sends every line of the client back, until it disconnects — or stays silent too long.
async fn echo(stream: TcpStream, idle: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    // TODO: wait for each line with `tokio::time::timeout(idle, …)`; when the time runs
    // out, say goodbye and return (which closes the connection).
    while let Ok(Some(line)) = lines.next_line().await {
        if writer
            .write_all(format!("{line}\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

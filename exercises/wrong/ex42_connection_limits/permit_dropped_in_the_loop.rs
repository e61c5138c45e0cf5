//! WRONG on purpose — a fixture for `cargo xtask verify`: the accept loop takes a place
//! with `try_acquire` but keeps the permit in the loop, not in the client's task, so it
//! is given back at the end of the iteration and the limit never holds. The check
//! `the_client_over_the_limit_is_refused_at_once_and_a_freed_place_is_reused` must catch
//! it.

use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::timeout;

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
    let places = Arc::new(Semaphore::new(limits.max_clients));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        match places.try_acquire() {
            Ok(_place) => {
                tokio::spawn(echo(stream, limits.idle));
            }
            Err(_) => {
                // Full: say so, and close the connection (dropping the stream).
                let _ = stream.write_all(b"* server full, try again later\n").await;
            }
        }
    }
}

/// Sends every line of the client back, until it disconnects — or stays silent too long.
async fn echo(stream: TcpStream, idle: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    loop {
        // A fresh timeout for every line: only silence is cut short.
        let line = match timeout(idle, lines.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None) | Err(_)) => return, // the client left
            Err(_elapsed) => {
                let _ = writer.write_all(b"* idle too long, goodbye\n").await;
                return;
            }
        };
        if writer
            .write_all(format!("{line}\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

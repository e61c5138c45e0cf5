//! WRONG on purpose — a fixture for `cargo xtask verify`: the accept loop waits for a
//! place (`acquire_owned().await`) instead of taking one if there is one, so a client over
//! the limit is kept waiting, silently, instead of being refused. The check
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
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        // Wait for a place: the client will be served as soon as one is free.
        let Ok(place) = Arc::clone(&places).acquire_owned().await else {
            return;
        };
        tokio::spawn(async move {
            echo(stream, limits.idle).await;
            drop(place);
        });
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

//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 42 that counts clients
//! in with a plain counter in the accept loop and never counts them out, so once
//! `max_clients` have ever connected, everyone is refused;
//! `the_client_over_the_limit_is_refused_at_once_and_a_freed_place_is_reused` ("dave was
//! refused … though alice's place was free") must catch it.

use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
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
    let mut connected = 0;
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        if connected >= limits.max_clients {
            let _ = stream.write_all(b"* server full, try again later\n").await;
            continue;
        }
        connected += 1; // counted in, never counted out
        tokio::spawn(echo(stream, limits.idle));
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

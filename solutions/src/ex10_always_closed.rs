//! Exercise 10 — a resource that is always closed (lesson 4.2): reference solution.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What happened to the connection, in order.
pub type Log = Arc<Mutex<Vec<String>>>;

/// How long opening a connection takes.
pub const OPEN_TIME: Duration = Duration::from_secs(1);
/// How long sending one message takes.
pub const SEND_TIME: Duration = Duration::from_secs(1);
/// How long closing a connection takes.
pub const CLOSE_TIME: Duration = Duration::from_millis(500);

fn note(log: &Log, entry: String) {
    log.lock()
        .expect("the log lock is never poisoned")
        .push(entry);
}

/// A connection to a server (simulated); it logs what is done with it.
pub struct Connection {
    log: Log,
}

impl Connection {
    /// Opens a connection: `OPEN_TIME`, then logs `"opened"`.
    pub async fn open(log: Log) -> Connection {
        tokio::time::sleep(OPEN_TIME).await;
        note(&log, "opened".to_string());
        Connection { log }
    }

    /// Sends `message`: `SEND_TIME`, then logs `"sent {message}"`.
    pub async fn send(&self, message: &str) {
        tokio::time::sleep(SEND_TIME).await;
        note(&self.log, format!("sent {message}"));
    }

    /// Closes the connection: `CLOSE_TIME`, then logs `"closed"`. It takes `self`, so a
    /// closed connection cannot be used again.
    pub async fn close(self) {
        tokio::time::sleep(CLOSE_TIME).await;
        note(&self.log, "closed".to_string());
    }
}

/// Opens a connection, runs `body` with it, always closes it, returns the body's result.
pub async fn with_connection<T, E>(
    log: Log,
    body: impl AsyncFnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    let connection = Connection::open(log).await;
    // Keep the body's result as it is — no `?` here, or an error would skip the close.
    let result = body(&connection).await;
    // The body's borrow has ended, so we can hand the connection to `close`, which
    // consumes it. This is the `__aexit__` step, and it runs on both paths.
    connection.close().await;
    result
}

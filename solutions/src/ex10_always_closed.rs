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

/// Holds the open connection; if it is dropped while still holding it — because the
/// `with_connection` future was dropped part-way — it starts the close in a new task.
struct CloseOnDrop(Option<Connection>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        if let Some(connection) = self.0.take() {
            // Drop cannot await, so the close runs as a task of its own. (tokio::spawn
            // needs a runtime; with_connection only ever runs inside one.)
            tokio::spawn(connection.close());
        }
    }
}

/// Opens a connection, runs `body` with it, always closes it, returns the body's result.
pub async fn with_connection<T, E>(
    log: Log,
    body: impl AsyncFnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    let mut guard = CloseOnDrop(Some(Connection::open(log).await));
    let connection = guard
        .0
        .as_ref()
        .expect("the guard holds the open connection");
    // Keep the body's result as it is — no `?` here, or an error would skip the close.
    let result = body(connection).await;
    // The body's borrow has ended, so we can take the connection back and hand it to
    // `close`, which consumes it: the `__aexit__` step, on both paths. Taken out of the
    // guard, it will not be closed a second time when the guard drops.
    if let Some(connection) = guard.0.take() {
        connection.close().await;
    }
    result
}

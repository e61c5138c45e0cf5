//! Exercise 10 — a resource that is always closed (lesson 4.2).
//!
//! In Python, `async with open_connection() as conn:` awaits `__aexit__` when the block
//! ends — also when it ends with an exception — so the connection is always closed.
//! Rust's `Drop` cannot `.await`, so a resource whose closing takes time needs another
//! shape: a function that opens the resource, lends it to a body of code, and closes it
//! once the body is done, however the body ended:
//!
//! ```ignore
//! let answer = with_connection(log, async |connection| {
//!     connection.send("hello").await;
//!     Ok::<_, String>(42)
//! })
//! .await;
//! ```
//!
//! The body is an async closure (`AsyncFnOnce`) that *borrows* the connection, so the
//! compiler makes sure it cannot keep the connection after the body ends — only
//! `with_connection` owns it, and only it closes it.
//!
//! One more way out needs care: the whole `with_connection` future can be *dropped*
//! part-way — by a `timeout`, a losing `select!` branch, an aborted task. Then the code
//! after its current `.await` never runs, so a `close().await` at the end is skipped.
//! (Python's `async with` still runs `__aexit__` when the task is cancelled.) What does
//! run is `Drop`, and `Drop` cannot `.await` — but it can start the close as a new task
//! with `tokio::spawn`. The grader drops your future with a timeout and then checks that
//! the connection was closed once.
//!
//! Grade: `cargo xtask check ex10` · Stuck? `cargo xtask hint ex10`

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

/// A connection to a server (simulated); it logs what is done with it. (Given.)
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

/// Opens a connection logging to `log`, runs `body` with it, closes it — always, also
/// when the body returns `Err` — and then returns what the body returned. If this future
/// is dropped before it finishes, the open connection is still closed (in a new task).
pub async fn with_connection<T, E>(
    log: Log,
    body: impl AsyncFnOnce(&Connection) -> Result<T, E>,
) -> Result<T, E> {
    // TODO: open, run the body, close whatever the body's result, return that result;
    // and if this future is dropped part-way, close the connection from a guard's Drop.
    todo!("with_connection")
}

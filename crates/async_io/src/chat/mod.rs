//! The chat server: everything of lesson 4.6 in one program.
//!
//! Clients connect, give a name, and every line one of them types reaches all the others.
//! It is the course's "async chat server" challenge, and it needs every tool of the
//! lesson at once:
//!
//! - [`room`]: one `tokio::sync::broadcast` channel that every member subscribes to. Each
//!   receiver has its own place in a bounded ring of recent messages, so a member who
//!   falls behind *lags* (misses messages, and is told how many) instead of making the
//!   sender wait: one slow reader never stalls the others.
//! - [`connection`]: one task per client, a `Framed<_, LinesCodec>` with a maximum line
//!   length, and a `select!` loop over the client's next line, the room's next message,
//!   an idle timer and the shutdown signal.
//! - [`server`]: the accept loop, a `Semaphore` that caps the number of clients (a full
//!   server answers politely and closes), and graceful shutdown: a `CancellationToken`
//!   stops accepting and tells every handler, a `TaskTracker` waits for them with a
//!   deadline, and the handlers still running at the deadline are cut — when
//!   [`server::serve`] returns, no handler task is alive.
//! - [`client`]: the `cargo xtask chat --join NAME` client, on the same codec.
//! - [`demo`]: the lesson's demos, on in-memory `tokio::io::duplex` pipes in virtual time.
//!
//! The protocol, one line at a time: the server greets with "Welcome! What is your
//! name?"; the first line is the name; the others then see "* alice joined", then
//! "alice: hi" for every line alice types (never alice herself), and "* alice left" when
//! she goes. Notices start with `*`: "* you missed 3 messages" to a reader who lagged,
//! "* idle too long, goodbye", "* server full, try again later", "* server shutting down".
//!
//! The handler is generic over `AsyncRead + AsyncWrite + Unpin`, so the very same code
//! serves a `TcpStream` (`cargo xtask chat`) and one end of a `duplex` pipe (the demos
//! and most tests, on tokio's paused clock).

pub mod client;
pub mod connection;
pub mod demo;
pub mod room;
pub mod server;

#[cfg(test)]
mod tests;

pub use server::{Incoming, ServeReport, serve};
/// The shutdown signal [`serve`] takes (re-exported from `tokio_util::sync`, so the
/// runner needs no dependency of its own to stop the server).
pub use tokio_util::sync::CancellationToken;

use std::time::Duration;

/// The server's limits and timings.
///
/// `ChatConfig::default()` is what `cargo xtask chat` runs with; the demos and tests use
/// small values so that everything happens within a few (virtual) seconds.
#[derive(Debug, Clone)]
pub struct ChatConfig {
    /// How many clients may be connected at once; the next one is refused politely.
    pub max_clients: usize,
    /// How long a client may stay silent before it is told goodbye and disconnected.
    pub idle: Duration,
    /// How many recent messages the room keeps for a member who is behind (the
    /// broadcast channel's capacity, which tokio rounds up to a power of two). A member
    /// further behind than that lags: it misses messages and is told how many.
    pub capacity: usize,
    /// The longest line accepted, in bytes; a longer one ends the connection (so no
    /// client can make the server buffer without bound).
    pub max_line: usize,
    /// On shutdown, how long the handlers get to say goodbye and end before they are cut.
    pub shutdown_deadline: Duration,
}

impl Default for ChatConfig {
    fn default() -> Self {
        ChatConfig {
            max_clients: 1000,
            idle: Duration::from_secs(10 * 60),
            capacity: 256,
            max_line: 1024,
            shutdown_deadline: Duration::from_secs(3),
        }
    }
}

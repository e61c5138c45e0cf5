//! Exercise 32 — a `select!` loop that loses nothing (lesson 4.4, "Cancellation safety").
//!
//! A sensor sends fixed-size readings of [`MESSAGE_LEN`] bytes over a byte stream, and
//! the receiver must also run a housekeeping tick every [`TICK`] — in the same loop,
//! with `tokio::select!`. The first version of `receive` looked like this:
//!
//! ```text
//! loop {
//!     select! {
//!         result = stream.read_exact(&mut message) => { push message, or stop at the end }
//!         _ = ticks.tick() => on_tick(),
//!     }
//! }
//! ```
//!
//! and it loses data: when a reading arrives in pieces and the tick wins between them,
//! the `read_exact` in progress is dropped with the bytes it had already taken, and every
//! later reading comes out shifted. Write `receive` so that it loses nothing: every
//! reading, in order, byte for byte — while the tick still runs exactly on schedule
//! (at 0, 1, 2 … s; the first tick of an `interval` is immediate), even in the middle of
//! a reading. Return when the stream ends (a read of 0 bytes); a partial reading left at
//! the end is dropped.
//!
//! Grade: `cargo xtask check ex32` · Stuck? `cargo xtask hint ex32`

use std::time::Duration;
use tokio::io::AsyncRead;

/// Every reading is exactly this many bytes. (Given.)
pub const MESSAGE_LEN: usize = 8;

/// How often the housekeeping tick runs. (Given.)
pub const TICK: Duration = Duration::from_secs(1);

/// Reads every whole reading from `stream` until it ends, in order, calling `on_tick`
/// every [`TICK`] (starting at once) meanwhile.
pub async fn receive(
    stream: impl AsyncRead + Unpin,
    on_tick: impl FnMut(),
) -> Vec<[u8; MESSAGE_LEN]> {
    // TODO: one loop: `tokio::select!` between reading and `interval(TICK).tick()`,
    // with a read that loses nothing when the tick wins.
    todo!("receive every reading while ticking every second")
}

//! Wrong answer for exercise 32: `read_exact` straight inside the `select!`.
//!
//! Each turn builds a new `read_exact`; when the tick wins while it holds part of a
//! reading, those bytes are dropped with it, and the readings after it come out shifted.
//! The grader's "every reading arrives" check catches it.

use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::time::interval;

/// Every reading is exactly this many bytes. (Given.)
pub const MESSAGE_LEN: usize = 8;

/// How often the housekeeping tick runs. (Given.)
pub const TICK: Duration = Duration::from_secs(1);

/// Reads every whole reading from `stream` until it ends, in order, calling `on_tick`
/// every [`TICK`] (starting at once) meanwhile.
pub async fn receive(
    mut stream: impl AsyncRead + Unpin,
    mut on_tick: impl FnMut(),
) -> Vec<[u8; MESSAGE_LEN]> {
    let mut ticks = interval(TICK);
    let mut readings = Vec::new();
    let mut reading = [0u8; MESSAGE_LEN];
    loop {
        tokio::select! {
            result = stream.read_exact(&mut reading) => match result {
                Ok(_) => readings.push(reading),
                Err(_) => break,
            },
            _ = ticks.tick() => on_tick(),
        }
    }
    readings
}

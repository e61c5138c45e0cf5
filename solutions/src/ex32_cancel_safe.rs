//! Exercise 32 — a `select!` loop that loses nothing: reference solution.
//!
//! The partial reading lives in a buffer the loop owns, filled by `read_buf`, which is
//! cancel safe: dropped by the `select!`, it has read nothing; finished, it has appended
//! everything it read. Whole readings are cut off the front of the buffer.

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
    let mut pending: Vec<u8> = Vec::new();
    let mut readings = Vec::new();
    loop {
        tokio::select! {
            result = stream.read_buf(&mut pending) => match result {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    while pending.len() >= MESSAGE_LEN {
                        let mut reading = [0u8; MESSAGE_LEN];
                        reading.copy_from_slice(&pending[..MESSAGE_LEN]);
                        pending.drain(..MESSAGE_LEN);
                        readings.push(reading);
                    }
                }
            },
            _ = ticks.tick() => on_tick(),
        }
    }
    readings
}

//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 37 that serves each
//! client inline, in the accept loop (`copy(...).await` before the next `accept`), so
//! one client at a time is served until it leaves. One client alone is echoed
//! perfectly; the check `a_silent_client_does_not_hold_up_the_others` (and the twenty
//! clients) must catch it.

use std::io;
use tokio::net::TcpListener;

/// Accepts clients on `listener` until accepting fails, and serves each one in a task of
/// its own: every byte a client sends comes back to it, until it closes its side.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (mut stream, _peer) = listener.accept().await?;
        let (mut reader, mut writer) = stream.split();
        let _ = tokio::io::copy(&mut reader, &mut writer).await;
    }
}

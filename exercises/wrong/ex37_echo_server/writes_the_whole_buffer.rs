//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 37 that reads into a
//! buffer and writes the whole buffer back (`write_all(&buffer)`) instead of the `n`
//! bytes the read gave, so each echo is followed by leftover bytes. The check
//! `one_client_gets_back_everything_it_sends` must catch it.

use std::io;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Accepts clients on `listener` until accepting fails, and serves each one in a task of
/// its own: every byte a client sends comes back to it, until it closes its side.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (mut stream, _peer) = listener.accept().await?;
        tokio::spawn(async move {
            let mut buffer = [0; 1024];
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if stream.write_all(&buffer).await.is_err() {
                            break;
                        }
                    }
                }
            }
        });
    }
}

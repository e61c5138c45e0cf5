//! A TCP server: one task per connection.
//!
//! A server spends nearly all its time waiting — for the next client to connect, for a
//! client to say something. The shape that makes those waits overlap is the one asyncio's
//! `start_server` uses for you: an accept loop, and each accepted connection handed to
//! its own task. In tokio we write it out: `TcpListener::accept` in a loop, and
//! `tokio::spawn` for each connection. A client that goes quiet then holds up nothing but
//! its own task; the loop is already waiting for the next one.
//!
//! The handler is generic over `AsyncRead + AsyncWrite + Unpin`, not tied to
//! `TcpStream`: the same `echo` serves a real socket here and an in-memory pipe in the
//! tests of `in_memory.rs`.
//!
//! The demo uses real sockets on 127.0.0.1, so it runs on the real clock only.

use harness::{Ctx, Timeline};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: echo
/// Sends back every byte it receives, until the client closes its side of the
/// connection. Returns the number of bytes echoed.
pub async fn echo<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) -> io::Result<u64> {
    let mut buffer = [0u8; 1024];
    let mut echoed = 0;
    loop {
        let n = stream.read(&mut buffer).await?; // whatever has arrived, at least 1 byte
        if n == 0 {
            return Ok(echoed); // 0 bytes: the client closed its side
        }
        stream.write_all(&buffer[..n]).await?;
        echoed += n as u64;
    }
}
// ANCHOR_END: echo

// ANCHOR: serve
/// Accepts connections for ever, each one served by a task of its own.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, _peer) = listener.accept().await?;
        tokio::spawn(async move {
            // An error (the client vanished mid-write, say) ends this connection only.
            let _ = echo(stream).await;
        });
    }
}
// ANCHOR_END: serve

// ANCHOR: client
/// Connects to `address`, then for each line: waits `pause`, sends it, and reads its
/// echo. Returns the echoes.
pub async fn client(
    address: SocketAddr,
    lines: &[&str],
    pause: Duration,
) -> io::Result<Vec<String>> {
    // A BufReader around the stream reads lines, and passes writes straight through.
    let mut stream = BufReader::new(TcpStream::connect(address).await?);
    let mut echoes = Vec::new();
    for line in lines {
        tokio::time::sleep(pause).await;
        stream.write_all(format!("{line}\n").as_bytes()).await?;
        let mut echo = String::new();
        if stream.read_line(&mut echo).await? == 0 {
            break; // the server closed the connection
        }
        echoes.push(echo.trim_end().to_string());
    }
    Ok(echoes)
}
// ANCHOR_END: client

/// How many clients the demo starts at once.
pub const CLIENTS: u64 = 5;

/// Each client's lines, sent [`PAUSE`] apart.
pub const LINES: [&str; 3] = ["hello", "how are you?", "bye"];

/// The pause before each line.
pub const PAUSE: Duration = Duration::from_millis(300);

/// Client `n` connects `n × STAGGER` after the first.
pub const STAGGER: Duration = Duration::from_millis(100);

/// Runs [`CLIENTS`] clients against the server at `address`, client `n` starting
/// `n × STAGGER` late; each becomes one row of `timeline`. Returns their echoes.
pub async fn clients_at_once(
    timeline: &Timeline,
    address: SocketAddr,
) -> io::Result<Vec<Vec<String>>> {
    let clients = (0..CLIENTS).map(|n| async move {
        tokio::time::sleep(STAGGER * n as u32).await;
        timeline
            .record(
                format!("connection {}", n + 1),
                client(address, &LINES, PAUSE),
            )
            .await
    });
    futures::future::try_join_all(clients).await
}

/// Demo `4.6.echo`: an echo server on 127.0.0.1 (a free port the system picks), five
/// clients at once, one row per connection.
pub async fn five_clients_at_once(ctx: Ctx) {
    if let Err(error) = walk_through(&ctx).await {
        ctx.say(format!("a network error: {error}"));
    }
}

async fn walk_through(ctx: &Ctx) -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?; // port 0: any free port
    let address = listener.local_addr()?;
    let server = tokio::spawn(serve(listener));
    ctx.say(format!(
        "The echo server listens on {address}; {CLIENTS} clients connect, 0.1 s apart,"
    ));
    ctx.say(format!(
        "and each sends {} lines, {:.1} s apart, waiting for each echo.",
        LINES.len(),
        PAUSE.as_secs_f64()
    ));
    let timeline = ctx.new_timeline();
    let echoes = clients_at_once(&timeline, address).await?;
    for (n, echoes) in echoes.iter().enumerate() {
        ctx.log(format!("connection {} got back {echoes:?}", n + 1));
    }
    ctx.show_timeline(
        "one task per connection: the connections overlap",
        &timeline,
    );
    let one_client = PAUSE * LINES.len() as u32;
    ctx.say(format!(
        "One client needs {:.1} s; served one after another, {CLIENTS} would need {:.1} s.",
        one_client.as_secs_f64(),
        (one_client * CLIENTS as u32).as_secs_f64()
    ));
    server.abort(); // stop accepting: the listener is dropped with the task
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Not a time limit on the machine, only a guard against hanging for ever.
    const HANG_GUARD: Duration = Duration::from_secs(10);

    #[tokio::test(start_paused = true)]
    async fn echo_sends_back_every_byte_until_the_client_closes() {
        let (mut client, server) = tokio::io::duplex(64);
        let server = tokio::spawn(echo(server));
        client.write_all(b"hello\n").await.unwrap();
        let mut back = [0u8; 6];
        client.read_exact(&mut back).await.unwrap();
        assert_eq!(&back, b"hello\n");
        drop(client);
        assert_eq!(server.await.unwrap().unwrap(), 6);
    }

    /// One task per connection: a client that connects and says nothing does not
    /// keep the server from answering the next one.
    #[tokio::test]
    async fn a_second_client_is_answered_while_the_first_is_silent() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(serve(listener));
        let silent = TcpStream::connect(address).await.unwrap();
        let second = client(address, &["are you there?"], Duration::ZERO);
        let echoes = tokio::time::timeout(HANG_GUARD, second)
            .await
            .expect("the second client was not answered while the first was silent")
            .unwrap();
        assert_eq!(echoes, ["are you there?"]);
        drop(silent);
        server.abort();
    }

    #[tokio::test]
    async fn many_clients_each_get_their_own_lines_back() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(serve(listener));
        let clients = (0..20).map(|n| async move {
            let lines = [format!("client {n}, line 1"), format!("client {n}, line 2")];
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let echoes = client(address, &lines, Duration::ZERO).await.unwrap();
            assert_eq!(echoes, lines);
        });
        tokio::time::timeout(HANG_GUARD, futures::future::join_all(clients))
            .await
            .expect("the clients were all answered");
        server.abort();
    }
}

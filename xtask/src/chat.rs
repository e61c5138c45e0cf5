//! `cargo xtask chat`: the lesson 4.6 chat server on 127.0.0.1, until Ctrl-C.
//!
//! The server is `async_io::chat::serve` on a `TcpListener`, exactly as the lesson shows
//! it; join it from other terminals with `nc 127.0.0.1 PORT`, or with `cargo xtask chat
//! --join NAME`, the lesson's client on the same line codec. Ctrl-C shuts it down
//! gracefully: it stops accepting, tells every client, waits for the handlers up to a
//! deadline, cuts the rest, and says what it did.
//!
//! The first line the server prints, "The chat server is listening on 127.0.0.1:PORT",
//! is read by `cargo xtask bench chat` to find the port of a server started with
//! `--port 0`.

use crate::usage::UsageError;
use anyhow::{Context, Result};
use async_io::chat::{CancellationToken, ChatConfig, client, serve};
use console::style;
use std::process::ExitCode;
use tokio::net::TcpListener;

/// What the server's first line starts with; the port follows.
pub const LISTENING_ON: &str = "The chat server is listening on ";

/// The command-line options of `chat`.
pub struct Options {
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// With a name: run the client, joining the server on `port`, instead of a server.
    pub join: Option<String>,
    /// How many clients the server accepts at once.
    pub max_clients: usize,
}

/// Serves the chat until Ctrl-C, or (`--join NAME`) joins it.
pub fn run(options: Options) -> Result<ExitCode> {
    match &options.join {
        Some(name) => join(options.port, name),
        None => serve_until_ctrl_c(&options),
    }
}

/// The server: binds, prints how to join, serves until Ctrl-C, shuts down gracefully.
fn serve_until_ctrl_c(options: &Options) -> Result<ExitCode> {
    if options.max_clients == 0 {
        return Err(UsageError("--max-clients must be at least 1".into()).into());
    }
    let config = ChatConfig {
        max_clients: options.max_clients,
        ..ChatConfig::default()
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the tokio runtime")?;
    runtime.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", options.port))
            .await
            .with_context(|| match options.port {
                0 => "starting the chat server on 127.0.0.1".to_string(),
                port => format!(
                    "starting the chat server on 127.0.0.1:{port} (is the port in use? \
                     --port 0 takes any free one)"
                ),
            })?;
        let address = listener
            .local_addr()
            .context("reading the server's address")?;
        println!("{LISTENING_ON}{}", style(address).cyan());
        println!(
            "Join from other terminals: {}   or   {}",
            style(format!("nc 127.0.0.1 {}", address.port())).cyan(),
            style(format!(
                "cargo xtask chat --join NAME --port {}",
                address.port()
            ))
            .cyan()
        );
        println!(
            "At most {} at once; {} min of silence and a client is sent away. Ctrl-C shuts \
             it down gracefully.",
            count(config.max_clients, "client"),
            config.idle.as_secs() / 60
        );
        let deadline = config.shutdown_deadline;
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve(listener, config, shutdown.clone()));
        tokio::signal::ctrl_c()
            .await
            .context("waiting for Ctrl-C")?;
        println!(
            "\nCtrl-C: no longer accepting; telling every client; waiting up to {} s for \
             the handlers…",
            deadline.as_secs()
        );
        shutdown.cancel();
        let report = server
            .await
            .context("the chat server stopped with a panic")?;
        println!(
            "Stopped. {} served, {} refused. On shutdown: {} told \"* server shutting \
             down\", {} finished in time, {} cut at the deadline; {} left.",
            count(report.accepted, "client"),
            report.refused,
            report.told,
            count(report.finished, "handler"),
            report.cut,
            count(report.alive, "task"),
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// Runs `chat --join …` (`words`) as a child process of this very runner, and waits for
/// it. The menu does this: the client's keyboard thread ends with its process instead of
/// staying behind, blocked on a read, to take the menu's next line.
pub fn join_in_a_child(words: &[String]) -> Result<ExitCode> {
    let runner = std::env::current_exe().context("finding the runner's own program")?;
    let child = std::process::Command::new(runner)
        .args(words)
        .spawn()
        .context("starting the chat client")?;
    let status = crate::with_crawler::wait_through_ctrl_c(child)?;
    Ok(match status.code() {
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

/// "1 client", "2 clients".
fn count(n: usize, thing: &str) -> String {
    match n {
        1 => format!("1 {thing}"),
        _ => format!("{n} {thing}s"),
    }
}

/// The client: joins the server on 127.0.0.1:`port` as `name` until either side ends.
fn join(port: u16, name: &str) -> Result<ExitCode> {
    let name = name.trim();
    if name.is_empty() || port == 0 {
        return Err(UsageError(
            "--join needs a name and the server's --port, e.g. `cargo xtask chat --join alice \
             --port 7878`"
                .into(),
        )
        .into());
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the tokio runtime")?;
    runtime
        .block_on(client::join(("127.0.0.1", port), name, |line| {
            println!("{line}")
        }))
        .with_context(|| {
            format!(
                "joining the chat on 127.0.0.1:{port} (is `cargo xtask chat --port {port}` \
                 running?)"
            )
        })?;
    println!("{}", style("(disconnected)").dim());
    Ok(ExitCode::SUCCESS)
}

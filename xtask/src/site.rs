//! `cargo xtask site`: serve the offline demo site until Ctrl-C.
//!
//! The site `crawl` starts when given no URL (crates/crawler/src/site.rs), on its own:
//! the learner can `curl` it, open it in a browser, or race their own crawler — or the
//! Python course's — against it.

use anyhow::{Context, Result};
use console::style;
use crawler::site::{DemoSite, SiteConfig};
use std::process::ExitCode;
use std::time::Duration;

/// The command-line options of `site`.
pub struct Options {
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// How many generated pages.
    pub pages: usize,
    /// Milliseconds every page waits before answering.
    pub latency_ms: u64,
}

/// Serves the demo site until Ctrl-C.
pub fn run(options: Options) -> Result<ExitCode> {
    let config = SiteConfig {
        pages: options.pages,
        latency: Duration::from_millis(options.latency_ms),
        ..SiteConfig::default()
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the tokio runtime")?;
    runtime.block_on(async {
        let site = DemoSite::start_on(config, options.port)
            .await
            .with_context(|| match options.port {
                0 => "starting the demo site on 127.0.0.1".to_string(),
                port => format!(
                    "starting the demo site on 127.0.0.1:{port} (is the port in use? \
                     --port 0 takes any free one)"
                ),
            })?;
        println!("The demo site is serving on {}", style(&site.base).cyan());
        if let Some(other) = &site.other_host {
            println!(
                "and on {} (the same site as another host)",
                style(other).cyan()
            );
        }
        println!(
            "{} pages, every answer after {} ms; /robots.txt, /slow, /busy, /calendar/… and \
             more wait for your crawler.",
            options.pages, options.latency_ms
        );
        println!(
            "Try `curl -s {base}` or `cargo xtask crawl {base}`. Ctrl-C stops it.",
            base = site.base
        );
        tokio::signal::ctrl_c()
            .await
            .context("waiting for Ctrl-C")?;
        site.stop();
        println!("Stopped the demo site.");
        Ok(ExitCode::SUCCESS)
    })
}

//! robots.txt: fetched once per host, obeyed for every URL on it.
//!
//! Parsing is done by the `texting_robots` crate (it also reads `Crawl-delay`). A host
//! without a usable robots.txt (404, an error) allows everything.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

/// One host's rules: filled by the first page of the host that asks, awaited by the rest.
/// `None` inside: the host has no usable robots.txt.
type HostRules = Arc<OnceCell<Option<Arc<Robot>>>>;

/// The rules of every host seen so far.
pub struct Robots {
    user_agent: String,
    by_origin: Mutex<HashMap<String, HostRules>>,
}

impl Robots {
    /// No rules fetched yet; rules are read for `user_agent`.
    pub fn new(user_agent: &str) -> Self {
        Robots {
            user_agent: user_agent.to_string(),
            by_origin: Mutex::default(),
        }
    }

    // ANCHOR: rules_for
    /// The rules for `url`'s host, fetching its robots.txt with `fetch` the first time.
    async fn rules_for<F, Fut>(&self, url: &Url, fetch: F) -> Option<Arc<Robot>>
    where
        F: FnOnce(Url) -> Fut,
        Fut: Future<Output = Option<String>>,
    {
        let origin = url.origin().ascii_serialization();
        // A short lock, never held across an .await: find or make this host's cell.
        let cell: HostRules = {
            let mut by_origin = self
                .by_origin
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            by_origin.entry(origin.clone()).or_default().clone()
        };
        // The first caller for this host fetches; later callers for the same host wait
        // for that one fetch. Callers for other hosts use other cells: never held up.
        let rules = cell.get_or_init(|| async {
            let robots_url = Url::parse(&format!("{origin}/robots.txt")).ok()?;
            let text = fetch(robots_url).await?;
            Robot::new(&self.user_agent, text.as_bytes())
                .ok()
                .map(Arc::new)
        });
        rules.await.clone()
    }
    // ANCHOR_END: rules_for

    // ANCHOR: check
    /// Whether robots.txt lets us fetch `url`, and the `Crawl-delay` it asks for.
    /// `fetch` gets the robots.txt URL and returns its text (`None`: no usable file).
    pub async fn check<F, Fut>(&self, url: &Url, fetch: F) -> (bool, Option<Duration>)
    where
        F: FnOnce(Url) -> Fut,
        Fut: Future<Output = Option<String>>,
    {
        match self.rules_for(url, fetch).await {
            Some(robot) => {
                let delay = robot
                    .delay
                    .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
                    .map(|seconds| Duration::from_secs_f32(seconds.min(60.0)));
                (robot.allowed(url.as_str()), delay)
            }
            None => (true, None),
            // ANCHOR_END: check
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::time::{Instant, sleep};

    /// A robots.txt "server": host a answers after 10 s, host b after 0.1 s.
    async fn serve(url: Url, fetches: &AtomicUsize) -> Option<String> {
        fetches.fetch_add(1, Ordering::SeqCst);
        let takes = match url.host_str() {
            Some("a.test") => Duration::from_secs(10),
            _ => Duration::from_millis(100),
        };
        sleep(takes).await;
        Some("User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n".to_string())
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_robots_txt_holds_up_only_its_own_host() {
        let robots = Robots::new("test-crawler");
        let fetches = AtomicUsize::new(0);
        let started = Instant::now();
        let check = |address: &'static str| {
            let (robots, fetches) = (&robots, &fetches);
            async move {
                let url = Url::parse(address).unwrap();
                let verdict = robots.check(&url, |at| serve(at, fetches)).await;
                (address, verdict, started.elapsed().as_millis())
            }
        };
        let (a1, b, a2, b_private) = tokio::join!(
            check("http://a.test/one"),
            check("http://b.test/one"),
            check("http://a.test/two"),
            check("http://b.test/private/x"),
        );
        let two_seconds = Some(Duration::from_secs(2));
        assert_eq!(b, ("http://b.test/one", (true, two_seconds), 100));
        assert_eq!(
            b_private,
            ("http://b.test/private/x", (false, two_seconds), 100)
        );
        assert_eq!(a1, ("http://a.test/one", (true, two_seconds), 10_000));
        assert_eq!(a2, ("http://a.test/two", (true, two_seconds), 10_000));
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            2,
            "one robots.txt fetch per host"
        );
    }
}

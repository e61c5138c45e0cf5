//! robots.txt: fetched once per host, obeyed for every URL on it.
//!
//! Parsing is done by the `texting_robots` crate (it also reads `Crawl-delay`). A host
//! without a usable robots.txt (404, an error) allows everything.

use crate::fetch::Fetcher;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use texting_robots::Robot;
use tokio::sync::Mutex;
use url::Url;

/// The rules of every host seen so far.
#[derive(Default)]
pub struct Robots {
    by_origin: Mutex<HashMap<String, Option<Arc<Robot>>>>,
}

impl Robots {
    /// No rules fetched yet.
    pub fn new() -> Self {
        Robots::default()
    }

    /// The rules for `url`'s host, fetching its robots.txt the first time. The lock is
    /// held while fetching, so concurrent pages of a new host wait for one fetch.
    async fn rules_for(&self, fetcher: &Fetcher, url: &Url) -> Option<Arc<Robot>> {
        let origin = url.origin().ascii_serialization();
        let mut by_origin = self.by_origin.lock().await;
        if let Some(rules) = by_origin.get(&origin) {
            return rules.clone();
        }
        let robots_url = Url::parse(&format!("{origin}/robots.txt")).ok()?;
        let rules = match fetcher.fetch_text(&robots_url).await {
            Some(text) => Robot::new(fetcher.user_agent(), text.as_bytes())
                .ok()
                .map(Arc::new),
            None => None,
        };
        by_origin.insert(origin, rules.clone());
        rules
    }

    // ANCHOR: check
    /// Whether robots.txt lets us fetch `url`, and the `Crawl-delay` it asks for.
    pub async fn check(&self, fetcher: &Fetcher, url: &Url) -> (bool, Option<Duration>) {
        match self.rules_for(fetcher, url).await {
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

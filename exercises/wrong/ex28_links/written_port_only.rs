//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 28
//! comparing hosts by `host_str()` and the port *written* in the URL (`port()`), so an
//! `https` link to the host of an `http` page counts as the same site, though it is
//! another origin (port 443, not 80). The check "an https link is another site than an
//! http page" must catch it.

use std::collections::HashSet;
use url::Url;

/// Resolves `href` against `page_url` and normalises it, or `None` if it is not a web
/// page to follow.
pub fn normalize(page_url: &Url, href: &str) -> Option<Url> {
    // `join` is `urljoin`: relative paths, `..`, absolute URLs and other schemes alike.
    // An unparsable href is an `Err`, which `.ok()?` turns into "not a link".
    let mut url = page_url.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);

    // Keep the query's parameters as they were spelled, minus the `utm_` ones.
    let kept: Option<String> = url.query().map(|query| {
        query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("utm_"))
            .collect::<Vec<_>>()
            .join("&")
    });
    match kept {
        Some(query) if !query.is_empty() => url.set_query(Some(&query)),
        _ => url.set_query(None),
    }

    // `/docs/index.html` is the directory `/docs/`; `/docs/myindex.html` is not.
    if let Some(directory) = url.path().strip_suffix("index.html")
        && directory.ends_with('/')
    {
        let directory = directory.to_string();
        url.set_path(&directory);
    }
    Some(url)
}

/// The normalised links to the same host as `page_url`, first-seen order, no duplicates.
pub fn same_host_links(page_url: &Url, hrefs: &[&str]) -> Vec<Url> {
    let mut seen = HashSet::new();
    hrefs
        .iter()
        .filter_map(|href| normalize(page_url, href))
        .filter(|link| {
            link.host_str() == page_url.host_str()
                && link.port() == page_url.port()
        })
        // `insert` is false for a link seen before: Python's `if url not in seen`.
        .filter(|link| seen.insert(link.clone()))
        .collect()
}

//! Reading a page: its title and its links, resolved and normalised.
//!
//! These are plain functions, not `async fn`s, on purpose. `scraper`'s parsed document
//! (`Html`) is not `Send`, so it must never be alive across an `.await` in a task that
//! may move between threads. Parsing in a plain function keeps it on one side of every
//! `.await`: the document is built, read and dropped before the caller awaits again.

use scraper::{Html, Selector};
use url::Url;

/// What a page says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPage {
    /// The text of `<title>`, trimmed; `None` if missing or blank.
    pub title: Option<String>,
    /// Every followable link, resolved against the page and normalised, without
    /// duplicates, in the order they appear.
    pub links: Vec<Url>,
}

// ANCHOR: parse_page
/// Parses `html` (served at `base`) into its title and links.
pub fn parse_page(html: &str, base: &Url) -> ParsedPage {
    let document = Html::parse_document(html);
    let title_selector = Selector::parse("title").expect("a valid selector");
    let link_selector = Selector::parse("a[href]").expect("a valid selector");

    let title = document
        .select(&title_selector)
        .next()
        .map(|title| title.text().collect::<String>().trim().to_string())
        .filter(|title| !title.is_empty());

    let mut links: Vec<Url> = Vec::new();
    for anchor in document.select(&link_selector) {
        let Some(href) = anchor.value().attr("href") else {
            continue;
        };
        if let Some(link) = normalize(base, href)
            && !links.contains(&link)
        {
            links.push(link);
        }
    }
    ParsedPage { title, links }
    // ANCHOR_END: parse_page
}

// ANCHOR: normalize
/// Resolves `href` against `base` and normalises it, or `None` if it is not a page a
/// crawler should follow (`mailto:`, `javascript:`, `ftp:`…, or unparsable).
///
/// The `url` crate already lower-cases the scheme and host, drops default ports and
/// resolves `.`/`..` segments; this also drops the `#fragment` (the same page) and an
/// empty `?`, so spellings of one page become one URL.
pub fn normalize(base: &Url, href: &str) -> Option<Url> {
    let mut url = base.join(href.trim()).ok()?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    url.set_fragment(None);
    if url.query() == Some("") {
        url.set_query(None);
    }
    Some(url)
    // ANCHOR_END: normalize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://example.com/docs/index.html").unwrap()
    }

    #[test]
    fn spellings_of_the_same_page_become_one_url() {
        let spellings = [
            "/docs/page.html",
            "page.html",
            "./page.html",
            "../docs/page.html",
            "page.html#section-2",
            "HTTP://EXAMPLE.com:80/docs/page.html",
            "page.html?",
            "  page.html ",
        ];
        for href in spellings {
            assert_eq!(
                normalize(&base(), href).map(String::from),
                Some("http://example.com/docs/page.html".to_string()),
                "{href}"
            );
        }
    }

    #[test]
    fn only_http_and_https_links_are_followed() {
        for href in [
            "mailto:a@b.c",
            "javascript:void(0)",
            "ftp://x/y",
            "data:text/plain,hi",
        ] {
            assert_eq!(normalize(&base(), href), None, "{href}");
        }
        assert!(normalize(&base(), "https://other.org/").is_some());
    }

    #[test]
    fn a_page_yields_its_title_and_distinct_links_in_order() {
        let html = r#"<html><head><title> Hello </title></head><body>
            <a href="b.html">b</a> <a href="a.html#x">a</a> <a href="b.html">again</a>
            <a href="mailto:x@y.z">mail</a> <a>no href</a>
            <p>unclosed <div><a href="/c">c</a></body>"#;
        let page = parse_page(html, &base());
        assert_eq!(page.title.as_deref(), Some("Hello"));
        let links: Vec<String> = page.links.into_iter().map(String::from).collect();
        assert_eq!(
            links,
            [
                "http://example.com/docs/b.html",
                "http://example.com/docs/a.html",
                "http://example.com/c"
            ]
        );
    }

    #[test]
    fn a_blank_or_missing_title_is_none() {
        assert_eq!(parse_page("<title>  </title>", &base()).title, None);
        assert_eq!(parse_page("<p>no head</p>", &base()).title, None);
    }
}

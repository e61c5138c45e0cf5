//! The demo site: a generated website on 127.0.0.1, with the faults crawlers meet.
//!
//! `cargo xtask crawl` with no URL starts it and crawls it, so the project works with
//! no internet; the crawler's tests and the lesson's exercises start it too, and `cargo
//! xtask site` serves it on its own (for `curl`, a browser, or another crawler). Every page
//! waits `latency` before answering, like a real server far away.
//!
//! | route | what it is |
//! |---|---|
//! | `/` | the index: links to pages, to every fault below, to a trap, to another host |
//! | `/page/{n}` | page n of `pages`, with `links_per_page` links to other pages |
//! | `/slow` | answers after a second |
//! | `/drip` | sends its body one byte every 200 ms (a total timeout must end it) |
//! | `/huge` | a 5 MB body (the body cap must end it) |
//! | `/loop/a` | redirects to `/loop/b`, which redirects back |
//! | `/missing`, `/fail` | 404, and 500 |
//! | `/busy` | 429 with `Retry-After: 1` the first time, then the page |
//! | `/data.json` | JSON, not HTML |
//! | `/malformed`, `/bad-utf8` | broken HTML, and bytes that are not UTF-8 |
//! | `/private/…` | disallowed by robots.txt |
//! | `/calendar/{year}/{month}` | an endless chain of months: a crawler trap |
//! | `/api/users`, `/api/products`, `/api/orders` | JSON endpoints for the homework |
//! | `/robots.txt` | disallows `/private/`, asks for a `Crawl-delay` |

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use url::Url;

/// The shape of the generated site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// How many generated pages (`/page/0` … `/page/{pages-1}`).
    pub pages: usize,
    /// How many links each generated page has to other generated pages.
    pub links_per_page: usize,
    /// How long every page waits before answering.
    pub latency: Duration,
    /// The `Crawl-delay` robots.txt asks for, in seconds (`None`: no such line).
    pub crawl_delay: Option<f32>,
    /// Whether to link the fault routes from the index.
    pub faults: bool,
    /// How many generated pages the index links to directly (all of them makes a wide,
    /// shallow site: what a benchmark of concurrency wants).
    pub index_links: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            pages: 40,
            links_per_page: 4,
            latency: Duration::from_millis(50),
            crawl_delay: Some(0.01),
            faults: true,
            index_links: 4,
        }
    }
}

/// A running demo site. Dropping it (or calling [`DemoSite::stop`]) shuts it down.
pub struct DemoSite {
    /// The site's address, e.g. `http://127.0.0.1:41234/`.
    pub base: Url,
    /// A second host (127.0.0.2) serving the same site, if this machine allows it.
    pub other_host: Option<Url>,
    stop: CancellationToken,
}

impl DemoSite {
    /// Starts the site on a free port of 127.0.0.1 (and 127.0.0.2 when possible).
    pub async fn start(config: SiteConfig) -> std::io::Result<DemoSite> {
        DemoSite::start_on(config, 0).await
    }

    /// Starts the site on `port` of 127.0.0.1 (0: a free one), and on the same port of
    /// 127.0.0.2 when possible. `cargo xtask site --port N` serves it this way.
    pub async fn start_on(config: SiteConfig, port: u16) -> std::io::Result<DemoSite> {
        let stop = CancellationToken::new();
        let main = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
        let port = main.local_addr()?.port();
        // Another loopback address makes "another host" for politeness and host filters.
        let other = TcpListener::bind(SocketAddr::from(([127, 0, 0, 2], port)))
            .await
            .ok();
        let base = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("a valid URL");
        let other_host = other
            .as_ref()
            .map(|_| Url::parse(&format!("http://127.0.0.2:{port}/")).expect("a valid URL"));

        let state = Arc::new(SiteState {
            config,
            other_host: other_host.clone(),
            busy_hits: AtomicUsize::new(0),
        });
        for listener in std::iter::once(main).chain(other) {
            let app = router(state.clone());
            let stop = stop.clone();
            tokio::spawn(async move {
                let serve = axum::serve(listener, app)
                    .with_graceful_shutdown(async move { stop.cancelled().await });
                // A failed server only means the crawl sees connection errors.
                let _ = serve.await;
            });
        }
        Ok(DemoSite {
            base,
            other_host,
            stop,
        })
    }

    /// The full URL of `path` on the site.
    pub fn url(&self, path: &str) -> Url {
        self.base.join(path).expect("site paths are valid")
    }

    /// Shuts the site down.
    pub fn stop(&self) {
        self.stop.cancel();
    }
}

impl Drop for DemoSite {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

struct SiteState {
    config: SiteConfig,
    other_host: Option<Url>,
    busy_hits: AtomicUsize,
}

type Shared = State<Arc<SiteState>>;

// ANCHOR: router
fn router(state: Arc<SiteState>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/page/{n}", get(page))
        .route("/slow", get(slow))
        .route("/drip", get(drip))
        .route("/huge", get(huge))
        .route("/loop/a", get(|| async { Redirect::temporary("/loop/b") }))
        .route("/loop/b", get(|| async { Redirect::temporary("/loop/a") }))
        .route(
            "/missing",
            get(|| async { (StatusCode::NOT_FOUND, "no such page") }),
        )
        .route(
            "/fail",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "oops") }),
        )
        .route("/busy", get(busy))
        .route("/data.json", get(data_json))
        .route("/malformed", get(malformed))
        .route("/bad-utf8", get(bad_utf8))
        .route("/private/{page}", get(private))
        .route("/calendar/{year}/{month}", get(calendar))
        .route("/api/{name}", get(api))
        .route("/robots.txt", get(robots_txt))
        .fallback(|| async { (StatusCode::NOT_FOUND, "no such page") })
        .with_state(state)
}
// ANCHOR_END: router

fn html_page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    ))
}

fn link(href: &str, text: &str) -> String {
    format!("<p><a href=\"{href}\">{text}</a></p>")
}

async fn index(State(site): Shared) -> Html<String> {
    tokio::time::sleep(site.config.latency).await;
    let mut body = String::new();
    for n in 0..site.config.pages.min(site.config.index_links) {
        body.push_str(&link(&format!("/page/{n}"), &format!("page {n}")));
    }
    // The same page, spelled five ways: a crawler must fetch it once.
    for spelling in ["/page/1#top", "/page/../page/1", "page/1?", "./page/1"] {
        body.push_str(&link(spelling, "page 1 again"));
    }
    body.push_str(&link("mailto:webmaster@example.com", "write to us"));
    body.push_str(&link("javascript:void(0)", "a script link"));
    body.push_str(&link("/calendar/2026/1", "the calendar (a trap)"));
    if let Some(other) = &site.other_host {
        body.push_str(&link(other.as_str(), "our other host"));
    }
    if site.config.faults {
        for path in [
            "/slow",
            "/drip",
            "/huge",
            "/loop/a",
            "/missing",
            "/fail",
            "/busy",
            "/data.json",
            "/malformed",
            "/bad-utf8",
            "/private/secret",
        ] {
            body.push_str(&link(path, path));
        }
    }
    html_page("Demo site", &body)
}

async fn page(State(site): Shared, Path(n): Path<usize>) -> Response {
    tokio::time::sleep(site.config.latency).await;
    let pages = site.config.pages.max(1);
    if n >= pages {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    }
    let mut body = link("/", "home");
    for i in 0..site.config.links_per_page {
        let target = (n * 7 + i * 3 + 1) % pages;
        body.push_str(&link(&format!("/page/{target}"), &format!("page {target}")));
    }
    html_page(&format!("Page {n}"), &body).into_response()
}

async fn slow(State(site): Shared) -> Html<String> {
    tokio::time::sleep(site.config.latency + Duration::from_secs(1)).await;
    html_page("A slow page", "worth the wait")
}

async fn drip() -> Response {
    let bytes = futures::stream::unfold(0, |sent| async move {
        if sent >= 100 {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        Some((Ok::<_, std::io::Error>(Bytes::from_static(b"x")), sent + 1))
    });
    let mut response = Body::from_stream(bytes).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

async fn huge() -> Response {
    let body = vec![b'a'; 5 * 1024 * 1024];
    ([(header::CONTENT_TYPE, "text/html")], body).into_response()
}

async fn busy(State(site): Shared) -> Response {
    if site.busy_hits.fetch_add(1, Ordering::SeqCst) == 0 {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return (StatusCode::TOO_MANY_REQUESTS, headers, "slow down").into_response();
    }
    html_page("Busy, but we got in", &link("/", "home")).into_response()
}

async fn data_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"not":"html"}"#,
    )
        .into_response()
}

async fn malformed() -> Response {
    let body = "<html><head><title>Malformed<body><div><p>never closed <a href='/page/2'>two";
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn bad_utf8() -> Response {
    let mut body = b"<html><head><title>Bad bytes \xff\xfe</title></head><body>".to_vec();
    body.extend_from_slice(b"<a href=\"/page/3\">three</a></body></html>");
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn private() -> Html<String> {
    html_page("Private", "robots.txt asked you not to come here")
}

async fn calendar(State(site): Shared, Path((year, month)): Path<(u32, u32)>) -> Html<String> {
    tokio::time::sleep(site.config.latency).await;
    let (next_year, next_month) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let body = link(&format!("/calendar/{next_year}/{next_month}"), "next month");
    html_page(&format!("Calendar {year}-{month:02}"), &body)
}

async fn api(State(site): Shared, Path(name): Path<String>) -> Response {
    tokio::time::sleep(site.config.latency).await;
    let json = match name.as_str() {
        "users" => {
            r#"[{"id":1,"name":"Ada","age":36},{"id":2,"name":"Alan","age":41},{"id":3,"name":"Grace","age":45}]"#
        }
        "products" => {
            r#"[{"id":1,"name":"keyboard","price":49.5},{"id":2,"name":"mouse","price":19.0},{"id":3,"name":"screen","price":189.0},{"id":4,"name":"cable","price":4.5}]"#
        }
        "orders" => {
            r#"[{"id":1,"user":1,"product":3,"quantity":1},{"id":2,"user":2,"product":1,"quantity":2},{"id":3,"user":1,"product":4,"quantity":5}]"#
        }
        _ => return (StatusCode::NOT_FOUND, "no such endpoint").into_response(),
    };
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

async fn robots_txt(State(site): Shared) -> String {
    let mut text = "User-agent: *\nDisallow: /private/\n".to_string();
    if let Some(delay) = site.config.crawl_delay {
        text.push_str(&format!("Crawl-delay: {delay}\n"));
    }
    text
}

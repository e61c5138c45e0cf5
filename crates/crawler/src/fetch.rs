//! Fetching one page: the shared client, timeouts, retries with backoff, and caps.
//!
//! One `reqwest::Client` is shared by every task (it pools connections; creating one per
//! request is the crawler's classic mistake, like `aiohttp.ClientSession` per request).
//! Every way a fetch can go wrong ends as a [`FetchError`], never a panic.

use crate::config::CrawlConfig;
use crate::record::ErrorKind;
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Client, StatusCode, redirect};
use std::time::Duration;
use url::Url;

/// A fetched HTML page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The HTTP status.
    pub status: u16,
    /// Where the page really was, after redirects (links resolve against this).
    pub final_url: Url,
    /// The body, decoded as UTF-8 (invalid bytes replaced, never an error).
    pub body: String,
}

/// Why a page could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The whole request took longer than the timeout.
    #[error("timed out")]
    Timeout,
    /// No connection could be made.
    #[error("could not connect")]
    Connect,
    /// The server answered with an error status.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The body was larger than allowed.
    #[error("body larger than {0} bytes")]
    TooLarge(usize),
    /// Too many redirects.
    #[error("too many redirects")]
    TooManyRedirects,
    /// The content is not HTML.
    #[error("not HTML ({0})")]
    NotHtml(String),
    /// Anything else the HTTP client reported.
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// The kind written into the crawl's output.
    pub fn kind(&self) -> ErrorKind {
        match self {
            FetchError::Timeout => ErrorKind::Timeout,
            FetchError::Connect => ErrorKind::Connect,
            FetchError::Status(_) => ErrorKind::HttpStatus,
            FetchError::TooLarge(_) => ErrorKind::TooLarge,
            FetchError::TooManyRedirects => ErrorKind::TooManyRedirects,
            FetchError::NotHtml(_) => ErrorKind::NotHtml,
            FetchError::Other(_) => ErrorKind::Other,
        }
    }

    fn from_reqwest(error: &reqwest::Error) -> FetchError {
        if error.is_timeout() {
            FetchError::Timeout
        } else if error.is_redirect() {
            FetchError::TooManyRedirects
        } else if error.is_connect() {
            FetchError::Connect
        } else {
            FetchError::Other(error.to_string())
        }
    }
}

/// One attempt's failure: worth retrying (after how long, if the server said), or final.
enum Attempt {
    Retry(FetchError, Option<Duration>),
    GiveUp(FetchError),
}

/// Fetches pages with one shared client and the crawl's limits.
#[derive(Clone)]
pub struct Fetcher {
    client: Client,
    user_agent: String,
    max_retries: u32,
    max_body_bytes: usize,
}

impl Fetcher {
    // ANCHOR: client
    /// A fetcher with `config`'s timeout, redirect cap, body cap, retries and user agent.
    pub fn new(config: &CrawlConfig) -> Result<Fetcher, FetchError> {
        let client = Client::builder()
            .user_agent(&config.user_agent)
            .timeout(config.request_timeout)
            .redirect(redirect::Policy::limited(config.max_redirects))
            .build()
            .map_err(|error| FetchError::Other(error.to_string()))?;
        Ok(Fetcher {
            client,
            user_agent: config.user_agent.clone(),
            max_retries: config.max_retries,
            max_body_bytes: config.max_body_bytes,
            // ANCHOR_END: client
        })
    }

    /// The user agent this fetcher sends.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    // ANCHOR: retries
    /// Fetches an HTML page, retrying timeouts, 5xx and 429 with exponential backoff —
    /// or after the `Retry-After` the server asked for.
    pub async fn fetch_page(&self, url: &Url) -> Result<Fetched, FetchError> {
        let mut attempt = 0;
        loop {
            match self.fetch_once(url).await {
                Ok(page) => return Ok(page),
                Err(Attempt::Retry(_, retry_after)) if attempt < self.max_retries => {
                    let backoff = Duration::from_millis(200) * 2u32.pow(attempt);
                    let wait = retry_after.unwrap_or(backoff).min(Duration::from_secs(10));
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(Attempt::Retry(error, _) | Attempt::GiveUp(error)) => return Err(error),
            }
        }
    }
    // ANCHOR_END: retries

    // ANCHOR: fetch_once
    async fn fetch_once(&self, url: &Url) -> Result<Fetched, Attempt> {
        let response = self.client.get(url.clone()).send().await.map_err(|error| {
            let error = FetchError::from_reqwest(&error);
            match error {
                FetchError::Timeout | FetchError::Connect => Attempt::Retry(error, None),
                _ => Attempt::GiveUp(error),
            }
        })?;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Attempt::Retry(
                FetchError::Status(status.as_u16()),
                retry_after,
            ));
        }
        if !status.is_success() {
            return Err(Attempt::GiveUp(FetchError::Status(status.as_u16())));
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !(content_type.starts_with("text/html") || content_type.contains("xhtml")) {
            return Err(Attempt::GiveUp(FetchError::NotHtml(content_type)));
        }
        let final_url = response.url().clone();
        let body = self.read_capped(response).await.map_err(Attempt::GiveUp)?;
        Ok(Fetched {
            status: status.as_u16(),
            final_url,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
    // ANCHOR_END: fetch_once

    // ANCHOR: read_capped
    /// Reads the body chunk by chunk, giving up as soon as it passes the cap.
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        let cap = self.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length as usize > cap)
        {
            return Err(FetchError::TooLarge(cap));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| FetchError::from_reqwest(&error))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > cap {
                return Err(FetchError::TooLarge(cap));
            }
        }
        Ok(body)
    }
    // ANCHOR_END: read_capped

    /// The text at `url` if it answers 200, for robots.txt; any failure is `None`.
    pub async fn fetch_text(&self, url: &Url) -> Option<String> {
        let response = self.client.get(url.clone()).send().await.ok()?;
        if !response.status().is_success() {
            return None;
        }
        let body = self.read_capped(response).await.ok()?;
        Some(String::from_utf8_lossy(&body).into_owned())
    }
}

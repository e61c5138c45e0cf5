//! A site whose every answer a test writes: for checks that need pages the demo site
//! does not have (a 500 on one path, one slow page among quick ones, JSON cut off
//! half-way). It serves on a free port of 127.0.0.1 until stopped or dropped.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use url::Url;

/// One answer: a status, a content type, a body, and how long to wait before sending it.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The `content-type` header.
    pub content_type: &'static str,
    /// The body.
    pub body: String,
    /// How long the server waits before answering.
    pub delay: Duration,
}

impl Reply {
    /// `200 OK` with an HTML page.
    pub fn html(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// `200 OK` with a JSON body (which need not be valid JSON).
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            content_type: "application/json",
            ..Reply::html(body)
        }
    }

    /// The same reply with another status.
    pub fn with_status(self, status: u16) -> Reply {
        Reply { status, ..self }
    }

    /// The same reply, sent after `delay`.
    pub fn after(self, delay: Duration) -> Reply {
        Reply { delay, ..self }
    }
}

/// The path-to-answer function a scripted site serves.
type Script = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// A running scripted site.
#[derive(Debug)]
pub struct ScriptedSite {
    /// Its address, e.g. `http://127.0.0.1:41234/`.
    pub base: Url,
    stop: CancellationToken,
}

impl ScriptedSite {
    /// Serves `script(path)` for every request, on a free port of 127.0.0.1.
    pub async fn start(
        script: impl Fn(&str) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<ScriptedSite> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let base = Url::parse(&format!("http://{}/", listener.local_addr()?)).expect("a URL");
        let script: Script = Arc::new(script);
        let app = Router::new().fallback(answer).with_state(script);
        let stop = CancellationToken::new();
        let stopped = stop.clone();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app)
                .with_graceful_shutdown(async move { stopped.cancelled().await });
            // A failed server only means the client sees connection errors.
            let _ = serve.await;
        });
        Ok(ScriptedSite { base, stop })
    }

    /// Shuts the site down.
    pub fn stop(&self) {
        self.stop.cancel();
    }
}

impl Drop for ScriptedSite {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

async fn answer(State(script): State<Script>, uri: Uri) -> Response {
    let reply = script(uri.path());
    tokio::time::sleep(reply.delay).await;
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, reply.content_type)],
        reply.body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn serves_what_the_script_says() {
        let site = ScriptedSite::start(|path| match path {
            "/a" => Reply::html("<title>A</title>"),
            _ => Reply::html("gone").with_status(404),
        })
        .await
        .unwrap();
        let client = reqwest::Client::new();
        let a = client
            .get(site.base.join("a").unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(a.status(), 200);
        assert_eq!(a.text().await.unwrap(), "<title>A</title>");
        let b = client
            .get(site.base.join("b").unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(b.status(), 404);
    }
}

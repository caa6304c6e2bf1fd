//! `tracuu serve`: a local web page for searching, faceted browsing,
//! charts and export, on the same engine. axum on tokio (the Rust web stack
//! most used and maintained); engine calls run on the blocking pool.
//!
//! Safety: binds 127.0.0.1 by default; read-only (nothing over HTTP writes
//! or indexes, no file path is taken from a request); requests whose `Host`
//! is not the bound address, localhost or one allowed with `--allow-host`
//! are refused (DNS rebinding); limits on query length, page size, offset
//! and concurrent exports; a time budget per request; a Content-Security-
//! Policy without inline scripts, and the page shows untrusted text only
//! as text.

mod api;
mod params;

use super::args::ServeArgs;
use super::messages::Messages;
use anyhow::{Context, Result};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tracuu::TracuuIndex;

/// What every request shares.
pub struct App {
    index: TracuuIndex,
    /// The time a request may take.
    budget: Duration,
    /// Exports running at once, at most.
    exports: Arc<tokio::sync::Semaphore>,
    /// Engine calls running at once, at most: more would only share the
    /// cores, each with its own buffers (under 32 clients without a pause,
    /// unbounded calls took the server to 660 MB).
    workers: Arc<tokio::sync::Semaphore>,
    /// `Host` values accepted.
    hosts: Vec<String>,
}

/// Engine calls at once: two per core (one waits on the disk while the other computes).
fn workers() -> usize {
    std::thread::available_parallelism().map_or(4, |n| 2 * n.get())
}

/// Exports running at once (each reads the whole hit list).
const CONCURRENT_EXPORTS: usize = 2;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn run_serve(args: &ServeArgs, messages: &Messages) -> Result<()> {
    let index = super::open_for_reading(&args.location, messages)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the web server's runtime")?;
    runtime.block_on(serve(index, args, messages))
}

async fn serve(index: TracuuIndex, args: &ServeArgs, messages: &Messages) -> Result<()> {
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.host, args.port))?;
    let bound = listener.local_addr()?;
    if !bound.ip().is_loopback() {
        messages.always(&format!(
            "warning: listening on {bound}: anyone on the network can read the index (use --host 127.0.0.1 to keep it on this computer)"
        ));
    }
    let app = Arc::new(App {
        index,
        budget: Duration::from_secs_f64(args.timeout),
        exports: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_EXPORTS)),
        workers: Arc::new(tokio::sync::Semaphore::new(workers())),
        hosts: allowed_hosts(&args.host, bound, &args.allow_host),
    });
    let url = format!("http://{}/", display_host(&args.host, bound));
    // One line on stdout a script can read (the port, when 0 was asked for).
    println!("tracuu: serving {url} (Ctrl-C to stop)");
    if args.open {
        open_in_browser(&url, messages);
    }
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the web server stopped")
}

/// The routes: the page, its two assets, the API.
fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(|| async { page(INDEX_HTML, "text/html; charset=utf-8") }))
        .route(
            "/app.js",
            get(|| async { page(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route("/app.css", get(|| async { page(APP_CSS, "text/css; charset=utf-8") }))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/timeline", get(api::timeline))
        .route("/api/terms", get(api::terms))
        .route("/api/kwic", get(api::kwic))
        .route("/api/stats", get(api::stats))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/{file}", get(api::export))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

fn page(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// Refuses requests for another host name (a page elsewhere that rebinds its
/// name to 127.0.0.1 must not read the index) and anything but GET; adds the
/// security headers to every answer.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let mut response = if !app.hosts.iter().any(|allowed| allowed.eq_ignore_ascii_case(host)) {
        api::ApiError(
            StatusCode::FORBIDDEN,
            format!("host {host:?} is not served here (see --allow-host)"),
        )
        .into_response()
    } else if request.method() != axum::http::Method::GET && request.method() != axum::http::Method::HEAD {
        api::ApiError(StatusCode::METHOD_NOT_ALLOWED, "read-only: only GET".into()).into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `Host` values to accept: the address bound, localhost and the loopback
/// addresses on its port, and those given (with or without a port).
fn allowed_hosts(host: &str, bound: SocketAddr, extra: &[String]) -> Vec<String> {
    let port = bound.port();
    let mut hosts = vec![
        format!("{host}:{port}"),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        bound.to_string(),
    ];
    for name in extra {
        hosts.push(name.clone());
        if !name.contains(':') {
            hosts.push(format!("{name}:{port}"));
        }
    }
    hosts
}

/// How the address reads in a browser's address bar.
fn display_host(host: &str, bound: SocketAddr) -> String {
    match host {
        "0.0.0.0" | "::" => format!("localhost:{}", bound.port()),
        _ => bound.to_string(),
    }
}

fn open_in_browser(url: &str, messages: &Messages) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        messages.always(&format!("cannot open a browser ({opener}): open {url} yourself"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_the_bound_one_loopback_and_those_allowed() {
        let bound: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let hosts = allowed_hosts("127.0.0.1", bound, &["tin.lan".to_string()]);
        for ok in ["127.0.0.1:8080", "localhost:8080", "tin.lan", "tin.lan:8080"] {
            assert!(hosts.iter().any(|h| h == ok), "{ok}");
        }
        assert!(!hosts.iter().any(|h| h == "evil.example:8080"));
    }
}

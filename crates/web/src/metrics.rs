//! `/metrics` in the Prometheus text format: requests by route template and status, request
//! latency as a histogram per route template, and the job queue's and outbox's backlog.
//!
//! Kept cheap: counters live in memory behind one short lock (a few map lookups a request),
//! labelled by the route *template* (`/manage/{org}/volunteers`), never the address itself, so
//! the number of series stays fixed whatever is requested. The backlog is one read of four
//! counts when Prometheus asks.
//!
//! Who may read it: the figures name no person, but they show how busy each part of the
//! service is, which is not for the public. With `--metrics-token` set, a request needs
//! `Authorization: Bearer <token>` (for a Prometheus on another machine); without one, only
//! requests from this machine (loopback) are answered and everyone else gets 404. Behind a
//! trusted proxy the address it reports is used, so the proxy's own loopback connection does
//! not let the internet in.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// One route's latency histogram.
#[derive(Debug, Clone, Default)]
struct Histogram {
    /// Requests at or below each bucket's bound (not cumulative; summed when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Request counters and latency histograms, shared by every request.
#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// (method, route template, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route template → latency.
    latency: BTreeMap<String, Histogram>,
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        // A panic elsewhere while holding the lock leaves counters that are still counts.
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        *inner
            .requests
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        let h = inner.latency.entry(route.to_owned()).or_default();
        h.count += 1;
        h.sum += seconds;
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            h.buckets[i] += 1;
        }
    }

    /// The counters and histograms in the Prometheus text format.
    fn render(&self, out: &mut String) {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        out.push_str(
            "# HELP alongside_http_requests_total HTTP requests answered, by method, route template and status.\n\
             # TYPE alongside_http_requests_total counter\n",
        );
        for ((method, route, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "alongside_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        out.push_str(
            "# HELP alongside_http_request_duration_seconds Time to answer HTTP requests, by route template.\n\
             # TYPE alongside_http_request_duration_seconds histogram\n",
        );
        for (route, h) in &inner.latency {
            let route = escape(route);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "alongside_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "alongside_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 alongside_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 alongside_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count, h.sum, h.count
            );
        }
    }
}

/// A label value with `\`, `"` and line breaks escaped, as the text format requires.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts each request under its route template and times it.
pub(crate) async fn track(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    metrics.record(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// What the `/metrics` route needs.
#[derive(Clone)]
struct MetricsState {
    app: Arc<app::App>,
    metrics: Arc<Metrics>,
    token: Option<Arc<str>>,
    trust_forwarded_for: bool,
}

/// The `/metrics` route.
pub(crate) fn routes(
    app: Arc<app::App>,
    metrics: Arc<Metrics>,
    token: Option<String>,
    trust_forwarded_for: bool,
) -> Router {
    Router::new()
        .route("/metrics", get(show))
        .with_state(MetricsState {
            app,
            metrics,
            token: token.filter(|t| !t.is_empty()).map(Arc::from),
            trust_forwarded_for,
        })
}

async fn show(State(state): State<MetricsState>, request: Request) -> Response {
    let headers = request.headers();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| *a);
    if let Some(token) = &state.token {
        if !bearer_matches(headers, token) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "A metrics token is needed.\n",
            )
                .into_response();
        }
    } else if !from_this_machine(&state, peer, headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut out = String::new();
    state.metrics.render(&mut out);
    match state.app.backlog().await {
        Ok(b) => {
            out.push_str(
                "# HELP alongside_up Whether the database answered.\n# TYPE alongside_up gauge\nalongside_up 1\n",
            );
            for (name, help, value) in [
                (
                    "alongside_jobs_due",
                    "Background jobs due to run and not done.",
                    b.jobs_due,
                ),
                (
                    "alongside_jobs_waiting",
                    "Background jobs not done, due or not.",
                    b.jobs_waiting,
                ),
                (
                    "alongside_outbox_due",
                    "Messages due to send and not sent.",
                    b.outbox_due,
                ),
                (
                    "alongside_outbox_failed",
                    "Messages not sent whose last attempt failed.",
                    b.outbox_failed,
                ),
            ] {
                let _ = writeln!(
                    out,
                    "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
                );
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "reading the backlog for /metrics");
            out.push_str(
                "# HELP alongside_up Whether the database answered.\n# TYPE alongside_up gauge\nalongside_up 0\n",
            );
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

/// Compares the bearer token in constant time (for tokens of the same length).
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request came from this machine. Without a connection (tests calling the router
/// directly) it did.
fn from_this_machine(state: &MetricsState, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    if state.trust_forwarded_for && headers.contains_key("x-forwarded-for") {
        // A proxy forwarded it: the client is wherever the proxy says.
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty());
        return last
            .and_then(|a| a.parse::<IpAddr>().ok())
            .is_some_and(|ip| ip.is_loopback());
    }
    peer.is_none_or(|p| p.ip().is_loopback())
}

//! `/metrics`: the Prometheus text format, counters that move with requests, the queues'
//! backlog, and who may read it (this machine only, or a bearer token).

use std::collections::BTreeMap;
use std::net::SocketAddr;

use alongside_web::{AppState, router, router_with_metrics};
use app::Write;
use app::ports::OutboxMessage;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use domain::ids::MessageId;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::TestSite;

fn state(site: &TestSite, trust_forwarded_for: bool) -> AppState {
    AppState {
        app: site.app.clone(),
        secure_cookies: false,
        trust_forwarded_for,
    }
}

async fn get(
    router: &Router,
    path: &str,
    peer: Option<&str>,
    headers: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::empty()).unwrap();
    if let Some(peer) = peer {
        let addr: SocketAddr = peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    if status == StatusCode::OK && path == "/metrics" {
        assert_eq!(
            content_type.as_deref(),
            Some("text/plain; version=0.0.4; charset=utf-8")
        );
    }
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// The exposition parsed strictly: every sample's metric has a TYPE line first, its labels
/// are well formed and its value a number. Samples by `name{labels}`.
fn parse(text: &str) -> BTreeMap<String, f64> {
    let mut typed: Vec<String> = Vec::new();
    let mut samples = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split(' ');
            let name = parts.next().unwrap().to_owned();
            let kind = parts.next().unwrap();
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            typed.push(name);
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        assert!(
            !line.is_empty() && !line.starts_with('#'),
            "stray line {line:?}"
        );
        let (series, value) = line.rsplit_once(' ').expect("a sample has a value");
        let value: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {line}"));
        let name = series.split('{').next().unwrap();
        if let Some(labels) = series.strip_prefix(name) {
            if !labels.is_empty() {
                assert!(labels.starts_with('{') && labels.ends_with('}'), "{line}");
                for pair in labels[1..labels.len() - 1].split("\",") {
                    let (k, v) = pair.split_once("=\"").expect("label=\"value\"");
                    assert!(
                        k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                        "{line}"
                    );
                    assert!(!v.trim_end_matches('"').contains('"'), "{line}");
                }
            }
        }
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .filter(|base| typed.iter().any(|t| t == base))
            .unwrap_or(name);
        assert!(typed.iter().any(|t| t == family), "no TYPE before {line}");
        samples.insert(series.to_owned(), value);
    }
    samples
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_time_them_and_show_the_backlog() {
    let site = TestSite::new().await;
    let app = router(state(&site, false));
    for _ in 0..2 {
        assert_eq!(get(&app, "/healthz", None, &[]).await.0, StatusCode::OK);
    }
    assert_eq!(
        get(&app, "/no/such/page", None, &[]).await.0,
        StatusCode::NOT_FOUND
    );
    // A templated route is counted under its template, never the address asked for.
    get(&app, "/manage/some-org/volunteers", None, &[]).await;
    site.app
        .store
        .apply(vec![Write::InsertMessage(OutboxMessage {
            id: MessageId::new(),
            to: "someone@example.org".into(),
            subject: "Hello".into(),
            body: "Hello".into(),
            created_at: site.app.clock.now(),
            attempts: 0,
            next_attempt_at: site.app.clock.now(),
            sent_at: None,
            last_error: String::new(),
        })])
        .await
        .unwrap();

    let (status, text) = get(&app, "/metrics", None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let m = parse(&text);
    let healthz = r#"alongside_http_requests_total{method="GET",route="/healthz",status="200"}"#;
    assert_eq!(m[healthz], 2.0, "{text}");
    assert_eq!(
        m.get(r#"alongside_http_requests_total{method="GET",route="unmatched",status="404"}"#),
        Some(&1.0),
        "{text}"
    );
    assert!(
        m.keys()
            .any(|k| k.contains(r#"route="/manage/{org}/volunteers""#)),
        "{text}"
    );
    assert!(!text.contains("some-org"), "{text}");
    // The histogram: cumulative buckets ending at +Inf, which equals the count.
    let bucket = |le: &str| {
        m[&format!(
            r#"alongside_http_request_duration_seconds_bucket{{route="/healthz",le="{le}"}}"#
        )]
    };
    let bounds = [
        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf",
    ];
    for pair in bounds.windows(2) {
        assert!(bucket(pair[0]) <= bucket(pair[1]), "{text}");
    }
    assert_eq!(bucket("+Inf"), 2.0);
    assert_eq!(
        m[r#"alongside_http_request_duration_seconds_count{route="/healthz"}"#],
        2.0
    );
    assert!(m[r#"alongside_http_request_duration_seconds_sum{route="/healthz"}"#] >= 0.0);
    assert_eq!(m["alongside_up"], 1.0);
    assert_eq!(m["alongside_outbox_due"], 1.0);
    assert_eq!(m["alongside_outbox_failed"], 0.0);
    assert_eq!(m["alongside_jobs_waiting"], 0.0);

    // Counters move.
    get(&app, "/healthz", None, &[]).await;
    let m = parse(&get(&app, "/metrics", None, &[]).await.1);
    assert_eq!(m[healthz], 3.0);
}

#[tokio::test]
async fn without_a_token_only_this_machine_reads_metrics() {
    let site = TestSite::new().await;
    let app = router(state(&site, false));
    assert_eq!(
        get(&app, "/metrics", Some("127.0.0.1:40000"), &[]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        get(&app, "/metrics", Some("[::1]:40000"), &[]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        get(&app, "/metrics", Some("203.0.113.9:40000"), &[])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Behind a trusted proxy on this machine, the client is the one the proxy names.
    let proxied = router(state(&site, true));
    assert_eq!(
        get(
            &proxied,
            "/metrics",
            Some("127.0.0.1:40000"),
            &[("x-forwarded-for", "198.51.100.7")]
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&proxied, "/metrics", Some("127.0.0.1:40000"), &[])
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn with_a_token_metrics_need_it_from_anywhere() {
    let site = TestSite::new().await;
    let app = router_with_metrics(state(&site, false), Some("s3cret-token".into()));
    let far = Some("203.0.113.9:40000");
    assert_eq!(
        get(&app, "/metrics", far, &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(
            &app,
            "/metrics",
            Some("127.0.0.1:1"),
            &[("authorization", "Bearer wrong-token!")]
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    let (status, text) = get(
        &app,
        "/metrics",
        far,
        &[("authorization", "Bearer s3cret-token")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    parse(&text);
}

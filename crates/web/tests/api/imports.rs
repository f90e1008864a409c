//! Imports over the API: a CSV body or a multipart form, dry runs, all or nothing, skipping
//! invalid rows, re-importing without duplicates, audited; bad files are problem+json naming
//! `file`; another organisation's token imports only into its own organisation.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{World, world};

const PEOPLE: &[u8] = b"\xEF\xBB\xBFFirst name;Surname;E-mail;DOB\r\nAsha;Patel;asha.import@example.org;05/03/1990\r\nBen;Okafor;ben.import@example.org;45356\r\n";

async fn post(
    w: &World,
    path: &str,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    let response = w.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn people_here(w: &World, token: &str) -> Vec<String> {
    let reply = w.get("/api/v1/people?per_page=500", token).await;
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"]["email"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_csv_body_imports_people_once_and_is_audited() {
    let w = world().await;
    let (status, dry) = post(
        &w,
        "/api/v1/imports/people?dry_run=true",
        &w.a.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{dry}");
    assert_eq!(
        (dry["saved"].as_bool(), dry["created"].as_u64()),
        (Some(false), Some(2)),
        "{dry}"
    );
    assert!(
        !people_here(&w, &w.a.token)
            .await
            .contains(&"asha.import@example.org".to_owned())
    );

    let (status, report) = post(
        &w,
        "/api/v1/imports/people",
        &w.a.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["saved"], true, "{report}");
    assert_eq!(report["rows"], 2);
    assert_eq!(report["created"], 2);
    assert_eq!(report["problems"].as_array().unwrap().len(), 0);
    let emails = people_here(&w, &w.a.token).await;
    assert!(
        emails.contains(&"asha.import@example.org".to_owned()),
        "{emails:?}"
    );
    assert!(emails.contains(&"ben.import@example.org".to_owned()));
    assert!(
        !people_here(&w, &w.b.token)
            .await
            .contains(&"asha.import@example.org".to_owned())
    );

    // Again: both matched by email, nobody added.
    let (_, again) = post(
        &w,
        "/api/v1/imports/people",
        &w.a.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(again["created"], 0, "{again}");
    assert_eq!(again["merged"][0]["matched_on"], "email");
    assert_eq!(
        again["merged"][0]["sentence"],
        "Row 2: matched Asha Patel by the same email address; kept their existing record"
    );
    assert_eq!(people_here(&w, &w.a.token).await.len(), emails.len());

    // Another organisation cannot reach those people's profiles by importing their emails.
    let (_, other) = post(
        &w,
        "/api/v1/imports/people",
        &w.b.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(other["saved"], false, "{other}");
    assert_eq!(other["problems"][0]["row"], 2);
    assert_eq!(other["problems"][0]["column"], "E-mail");
    assert!(
        other["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already has their own Alongside account")
    );
    assert!(
        !people_here(&w, &w.b.token)
            .await
            .contains(&"asha.import@example.org".to_owned())
    );

    let org = w
        .app
        .operator_scope(w.a.slug)
        .await
        .unwrap()
        .organisation_id();
    let audit = w.app.store.audit_for(Some(org), org.0).await.unwrap();
    let imports: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "import.completed")
        .collect();
    assert_eq!(imports.len(), 2, "{audit:?}");
    assert!(
        imports.iter().any(|e| e
            .detail
            .starts_with("people from a file: 2 rows, 2 imported, 2 new")),
        "{imports:?}"
    );
}

#[tokio::test]
async fn multipart_forms_skip_invalid_rows_and_bad_files_are_problems() {
    let w = world().await;
    let boundary = "XyZ";
    let csv =
        "Email,First name,Last name\ncara.import@example.org,Cara,Lee\nnot-an-email,Dan,Moss\n";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"skip_invalid\"\r\n\r\ntrue\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let (status, report) = post(
        &w,
        "/api/v1/imports/people",
        &w.a.token,
        &content_type,
        body.into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        (report["saved"].as_bool(), report["created"].as_u64()),
        (Some(true), Some(1)),
        "{report}"
    );
    assert_eq!(report["problems"][0]["row"], 3);
    assert_eq!(report["problems"][0]["column"], "Email");

    // Without skipping, the same bad row stops everything.
    let (_, stopped) = post(
        &w,
        "/api/v1/imports/people",
        &w.a.token,
        "text/csv",
        b"Email,First name,Last name\nx@example.org,X,Y\nbad,Z,Z\n".to_vec(),
    )
    .await;
    assert_eq!(stopped["saved"], false, "{stopped}");
    assert!(
        !people_here(&w, &w.a.token)
            .await
            .contains(&"x@example.org".to_owned())
    );

    for (body, what) in [
        (Vec::new(), "an empty body"),
        (b"PK\x03\x04broken".to_vec(), "a broken workbook"),
        (b"Shoe size\n42\n".to_vec(), "no email column"),
    ] {
        let (status, problem) =
            post(&w, "/api/v1/imports/people", &w.a.token, "text/csv", body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}: {problem}"
        );
        assert_eq!(problem["errors"][0]["field"], "file", "{what}: {problem}");
    }
    let (status, _) = post(
        &w,
        "/api/v1/imports/volunteers",
        &w.a.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, problem) = post(
        &w,
        "/api/v1/imports/people?mapping=colour%20%3D%20Colour",
        &w.a.token,
        "text/csv",
        PEOPLE.to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "mapping");
}

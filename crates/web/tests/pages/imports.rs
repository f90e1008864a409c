//! The manager's import pages: upload, columns guessed and changed (and saved by name), a
//! preview with every problem, the import in the background with its progress, and the report
//! as CSV. Another organisation's staff find nothing.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};

use crate::support::{Browser, PASSWORD, Page, World};

/// Windows-1252, `;`, CRLF: row 3 has a bad email.
const FILE: &[u8] = b"Forename;Surname;E-mail;DOB\r\nRen\xE9e;Okoro;renee.page@example.org;05/03/1990\r\nBad;Row;not-an-email;01/01/1990\r\n";

/// Posts the upload form as a browser does (multipart, with the file as `file`).
async fn upload(browser: &mut Browser, path: &str, kind: &str, bytes: &[u8]) -> Page {
    let token = browser.csrf().await;
    let boundary = "----alongside-import-boundary";
    let mut body = Vec::new();
    for (name, value) in [("_csrf", token.as_str()), ("kind", kind)] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"volunteers.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post(path)
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    browser.send(request).await
}

#[tokio::test]
async fn a_manager_uploads_checks_the_columns_previews_and_imports() {
    let w = World::new().await;
    let mut a = w.site.signed_in(w.a.admin.email.as_str()).await;
    a.get(&w.a.path("/import"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Import a spreadsheet");

    // Nothing chosen: the form says so.
    upload(&mut a, &w.a.path("/import"), "", b"")
        .await
        .assert_errors(&["kind", "file"]);

    let page = upload(&mut a, &w.a.path("/import"), "people", FILE).await;
    let at = page.redirect().to_owned();
    assert!(at.starts_with(&w.a.path("/import/")), "{at}");
    let mapping = a.get(&at).await;
    mapping
        .assert_status(StatusCode::OK)
        .assert_contains("Match the columns")
        .assert_contains("<option value=\"E-mail\" selected>E-mail</option>")
        .assert_contains("<option value=\"Forename\" selected>Forename</option>")
        // The first rows, decoded from Windows-1252.
        .assert_contains("<td>Renée</td>");

    // Choosing to skip bad rows and saving the columns by name.
    let page = a
        .submit(
            &format!("{at}/mapping"),
            &[
                ("field-given_name", "Forename"),
                ("field-family_name", "Surname"),
                ("field-email", "E-mail"),
                ("field-date_of_birth", "DOB"),
                ("skip_invalid", "yes"),
                ("save_as", "Old volunteer database"),
            ],
        )
        .await;
    assert_eq!(page.redirect(), format!("{at}/preview"));
    let preview = a.get(&format!("{at}/preview")).await;
    preview
        .assert_status(StatusCode::OK)
        .assert_contains("Check before importing")
        .assert_contains("<td>3</td><td>E-mail</td>")
        .assert_contains("Import the 1 rows without problems");
    assert!(
        w.site
            .app
            .store
            .person_by_email("renee.page@example.org")
            .await
            .unwrap()
            .is_none()
    );

    let csv = a.get(&format!("{at}/report.csv")).await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.body.starts_with("Row,Column,Problem\n3,E-mail,"),
        "{}",
        csv.body
    );

    let page = a.submit(&format!("{at}/start"), &[]).await;
    assert_eq!(page.redirect(), at);
    let mut report = a.get(&at).await;
    for _ in 0..100 {
        if report.body.contains("Import report") {
            break;
        }
        report.assert_contains("Importing");
        tokio::time::sleep(Duration::from_millis(100)).await;
        report = a.get(&at).await;
    }
    report
        .assert_contains("Import report")
        .assert_contains("Imported 1 of 2 rows: 1 new people; 1 rows with problems were skipped.");
    assert!(
        w.site
            .app
            .store
            .person_by_email("renee.page@example.org")
            .await
            .unwrap()
            .is_some()
    );
    // Started once only.
    a.submit(&format!("{at}/start"), &[])
        .await
        .assert_status(StatusCode::CONFLICT);

    // The next file can use the saved columns.
    let page = upload(&mut a, &w.a.path("/import"), "people", FILE).await;
    let next = page.redirect().to_owned();
    a.get(&next)
        .await
        .assert_contains("<option value=\"Old volunteer database\">");
    let page = a
        .submit(
            &format!("{next}/mapping"),
            &[("use_saved", "Old volunteer database")],
        )
        .await;
    assert_eq!(page.redirect(), next);

    // Another organisation's admin, a volunteer and a viewer find nothing to do here.
    let mut b = w.site.signed_in(w.b.admin.email.as_str()).await;
    b.get(&w.a.path("/import"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b.get(&at).await.assert_status(StatusCode::NOT_FOUND);
    b.get(&format!("{at}/report.csv"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let id = at.rsplit('/').next().unwrap();
    b.get(&w.b.path(&format!("/import/{id}")))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b.submit(&format!("{next}/start"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let mut volunteer = w.site.browser();
    volunteer
        .sign_in(w.a.volunteer.email.as_str(), PASSWORD)
        .await;
    volunteer
        .get(&w.a.path("/import"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&w.a.path("/import"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_named_on_the_form() {
    let w = World::new().await;
    let mut a = w.site.signed_in(w.a.admin.email.as_str()).await;
    let page = upload(
        &mut a,
        &w.a.path("/import"),
        "people",
        b"PK\x03\x04 not a workbook",
    )
    .await;
    page.assert_errors(&["file"])
        .assert_contains("The spreadsheet could not be opened");
    let page = upload(&mut a, &w.a.path("/import"), "people", b"Shoe size\n42\n").await;
    let at = page.redirect().to_owned();
    // No column for the email: the preview sends the manager back to the columns.
    let preview = a.get(&format!("{at}/preview")).await;
    preview
        .assert_errors(&["mapping"])
        .assert_contains("Choose the column that holds email");
}

#[tokio::test]
async fn an_import_cut_short_by_a_restart_says_so_instead_of_running_for_ever() {
    let w = World::new().await;
    let mut a = w.site.signed_in(w.a.admin.email.as_str()).await;
    let page = upload(&mut a, &w.a.path("/import"), "people", FILE).await;
    let at = page.redirect().to_owned();
    let id: uuid::Uuid = at.rsplit('/').next().unwrap().parse().unwrap();
    // The import starts, and the server stops before it finishes.
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    w.site.app.start_upload(&scope, id).await.unwrap();
    a.get(&at)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("The import is running");
    // At the next start-up it is marked failed, and its page says why.
    assert_eq!(w.site.app.fail_interrupted_imports().await.unwrap(), 1);
    let page = a.get(&at).await;
    page.assert_status(StatusCode::OK)
        .assert_contains(
            "The server stopped while this import was running; nothing from it was saved.",
        )
        .assert_lacks("The import is running");
    // Nothing from the file was saved.
    a.get(&w.a.path("/volunteers")).await.assert_lacks("Okoro");
    // Another organisation's staff still find nothing there.
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    other.get(&at).await.assert_status(StatusCode::NOT_FOUND);
}

//! The resource library over HTTP: who sees what, the form with a file, owners and overdue
//! reviews.

use app::resources::FileUpload;
use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};
use domain::ids::ResourceId;
use domain::network::resource::ResourceInput;

use super::{NETWORK, coordinator, network};
use crate::support::{Browser, Page, World};

const PDF: &[u8] = b"%PDF-1.7\nthe members' policy";

fn input(title: &str, audience: &str, owner: String) -> ResourceInput {
    ResourceInput {
        title: title.into(),
        summary: format!("About {title}"),
        kind: "guide".into(),
        audience: audience.into(),
        tags: "induction".into(),
        owner,
        review_on: "2099-01-01".into(),
        link: "https://example.org/guide".into(),
    }
}

/// A public link and a members-only file, added by the coordinator for organisation A.
pub(super) async fn two_resources(w: &World) -> (ResourceId, ResourceId) {
    let access = coordinator(w).await;
    let app = &w.site.app;
    let owner = format!("organisation:{}", w.a.id);
    let public = app
        .add_resource(
            &access,
            &input("Welcoming volunteers", "public", owner.clone()),
            None,
        )
        .await
        .unwrap();
    let members = app
        .add_resource(
            &access,
            &ResourceInput {
                link: String::new(),
                ..input("Lone working policy", "members", owner)
            },
            Some(FileUpload {
                file_name: "lone.pdf".into(),
                bytes: PDF.to_vec(),
            }),
        )
        .await
        .unwrap();
    (public.id, members.id)
}

/// Posts a multipart resource form with this session's anti-forgery token and an optional file.
async fn post_form(
    browser: &mut Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Page {
    let token = browser.csrf().await;
    let boundary = "----alongside-library-boundary-k2Jd8";
    let mut body = Vec::new();
    for (name, value) in [("_csrf", token.as_str())].iter().chain(fields) {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
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
async fn non_members_and_visitors_see_only_public_resources() {
    let w = World::new().await;
    network(&w, &[]).await;
    let (public, members) = two_resources(&w).await;
    let list = format!("/networks/{NETWORK}/resources");
    let members_page = format!("{list}/{members}");
    let members_file = format!("{list}/{members}/file");

    let mut visitor = w.site.browser();
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    for browser in [&mut visitor, &mut outsider] {
        browser
            .get(&list)
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("Welcoming volunteers")
            .assert_lacks("Lone working policy")
            .assert_lacks("Add a resource");
        browser
            .get(&format!("{list}?q=lone"))
            .await
            .assert_contains("0 resources");
        browser
            .get(&format!("{list}/{public}"))
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("https://example.org/guide");
        for path in [&members_page, &members_file] {
            let page = browser.get(path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
            page.assert_lacks("Lone working policy");
            assert!(!page.bytes.starts_with(b"%PDF"));
        }
    }

    // A member (A's viewer) sees both and downloads the file.
    let mut member = w.site.signed_in(w.a_viewer.email.as_str()).await;
    member
        .get(&list)
        .await
        .assert_contains("Welcoming volunteers")
        .assert_contains("Lone working policy")
        .assert_lacks("Add a resource");
    member
        .get(&members_page)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Download")
        .assert_lacks("Change it");
    let file = member.get(&members_file).await;
    file.assert_status(StatusCode::OK);
    assert_eq!(file.bytes, PDF);
    assert_eq!(file.headers[CONTENT_TYPE], "application/pdf");
}

#[tokio::test]
async fn a_members_manager_adds_a_file_and_bad_input_is_named() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    let new = format!("/networks/{NETWORK}/resources/new");
    let form = b_admin.get(&new).await;
    form.assert_status(StatusCode::OK)
        .assert_contains(&w.b.name)
        .assert_contains("enctype=\"multipart/form-data\"")
        .assert_lacks(&w.a.name);

    // Nothing filled in: every field is named, and nothing is saved.
    let empty = post_form(&mut b_admin, &new, &[], None).await;
    empty.assert_errors(&[
        "title",
        "summary",
        "kind",
        "audience",
        "owner",
        "review_on",
        "link",
    ]);
    // A file that is not an accepted kind is refused by its content.
    let owner = format!("organisation:{}", w.b.id);
    let fields = [
        ("title", "Hospice case study"),
        ("summary", "How we started"),
        ("kind", "case_study"),
        ("audience", "members"),
        ("tags", "Hospice, Induction"),
        ("owner", owner.as_str()),
        ("review_on", "5 3 2099"),
    ];
    let bad = post_form(&mut b_admin, &new, &fields, Some(("story.pdf", b"<html>"))).await;
    bad.assert_errors(&["file"]);
    let access = coordinator(&w).await;
    assert!(
        w.site
            .app
            .search_resources(&access, &Default::default())
            .await
            .unwrap()
            .is_empty()
    );

    let mut docx = b"PK\x03\x04".to_vec();
    docx.resize(30, 0);
    docx.extend_from_slice(b"word/document.xml and the rest");
    let added = post_form(&mut b_admin, &new, &fields, Some(("story.docx", &docx))).await;
    let page = added.redirect().to_owned();
    b_admin
        .get(&page)
        .await
        .assert_contains("Hospice case study")
        .assert_contains(&w.b.name)
        .assert_contains("Word document (DOCX)")
        .assert_contains("5 March 2099")
        .assert_contains("hospice")
        .assert_contains("Change it");
    let download = b_admin.get(&format!("{page}/file")).await;
    assert_eq!(download.bytes, docx);
    // Searching by tag finds it.
    b_admin
        .get(&format!(
            "/networks/{NETWORK}/resources?tag=induction&kind=case_study"
        ))
        .await
        .assert_contains("1 resource<")
        .assert_contains("Hospice case study");
}

#[tokio::test]
async fn only_the_owner_and_coordinators_change_or_withdraw_and_overdue_reviews_are_flagged() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let app = &w.site.app;
    let b_access = app
        .network_access(NETWORK, Some(w.b.admin.id))
        .await
        .unwrap();
    let overdue = app
        .add_resource(
            &b_access,
            &ResourceInput {
                review_on: "2020-01-01".into(),
                ..input(
                    "Old induction pack",
                    "members",
                    format!("organisation:{}", w.b.id),
                )
            },
            None,
        )
        .await
        .unwrap();
    let list = format!("/networks/{NETWORK}/resources");
    let page = format!("{list}/{}", overdue.id);
    let edit = format!("{page}/edit");

    // The owner's manager and the coordinator are told the review is overdue; a member is not.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    b_admin
        .get(&list)
        .await
        .assert_contains("Reviews overdue")
        .assert_contains("1 January 2020");
    let mut coordinator_browser = w.site.signed_in(w.a.admin.email.as_str()).await;
    coordinator_browser
        .get(&page)
        .await
        .assert_contains("review was due 1 January 2020");
    let mut member = w.site.signed_in(w.a_viewer.email.as_str()).await;
    member
        .get(&list)
        .await
        .assert_contains("Old induction pack")
        .assert_lacks("Reviews overdue")
        .assert_lacks("Review overdue");

    // A member who does not own it may not change or withdraw it.
    let token = member.csrf().await;
    assert_eq!(member.get(&edit).await.status, StatusCode::FORBIDDEN);
    let refused = member
        .post(&format!("{page}/withdraw"), &[("_csrf", &token)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Nor may a non-member, who does not even see it.
    let mut visitor = w.site.browser();
    assert_ne!(visitor.get(&edit).await.status, StatusCode::OK);

    // The owner changes the review date; the flag goes.
    let owner = format!("organisation:{}", w.b.id);
    let changed = post_form(
        &mut b_admin,
        &edit,
        &[
            ("title", "Induction pack"),
            ("summary", "Checked and still right"),
            ("kind", "guide"),
            ("audience", "members"),
            ("tags", "induction"),
            ("owner", owner.as_str()),
            ("review_on", "2099-06-01"),
            ("link", "https://example.org/pack"),
        ],
        None,
    )
    .await;
    assert_eq!(changed.redirect(), page);
    b_admin
        .get(&list)
        .await
        .assert_contains("Induction pack")
        .assert_lacks("Reviews overdue");

    // The coordinator withdraws it: it is gone for everyone.
    let token = coordinator_browser.csrf().await;
    let withdrawn = coordinator_browser
        .post(&format!("{page}/withdraw"), &[("_csrf", &token)])
        .await;
    assert_eq!(withdrawn.redirect(), list);
    assert_eq!(b_admin.get(&page).await.status, StatusCode::NOT_FOUND);
    b_admin.get(&list).await.assert_lacks("Induction pack");
}

#[tokio::test]
async fn a_non_member_reaches_none_of_the_forms_and_changes_nothing() {
    let w = World::new().await;
    network(&w, &[]).await;
    let (public, members) = two_resources(&w).await;
    let base = format!("/networks/{NETWORK}/resources");
    let access = coordinator(&w).await;
    let before = w
        .site
        .app
        .search_resources(&access, &Default::default())
        .await
        .unwrap();

    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    let owner = format!("organisation:{}", w.b.id);
    let fields = [
        ("title", "Taken over"),
        ("summary", "Ours now"),
        ("kind", "guide"),
        ("audience", "public"),
        ("owner", owner.as_str()),
        ("review_on", "2099-01-01"),
        ("link", "https://example.org/ours"),
    ];
    let new = format!("{base}/new");
    assert_eq!(outsider.get(&new).await.status, StatusCode::NOT_FOUND);
    let posted = post_form(&mut outsider, &new, &fields, None).await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    for id in [public, members] {
        let edit = format!("{base}/{id}/edit");
        assert_eq!(
            outsider.get(&edit).await.status,
            StatusCode::NOT_FOUND,
            "{edit}"
        );
        let changed = post_form(&mut outsider, &edit, &fields, None).await;
        assert_eq!(changed.status, StatusCode::NOT_FOUND, "{edit}");
        let token = outsider.csrf().await;
        let withdrawn = outsider
            .post(&format!("{base}/{id}/withdraw"), &[("_csrf", &token)])
            .await;
        assert_eq!(withdrawn.status, StatusCode::NOT_FOUND);
    }
    // Nor the form for sharing another organisation's role.
    let share = format!("/manage/{}/roles/{}/share", w.a.slug, w.a.role);
    assert_eq!(outsider.get(&share).await.status, StatusCode::NOT_FOUND);

    let after = w
        .site
        .app
        .search_resources(&access, &Default::default())
        .await
        .unwrap();
    let summary = |v: &[app::resources::ResourceView]| {
        v.iter()
            .map(|r| (r.resource.title.clone(), r.resource.updated_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&before), summary(&after));
}

//! Anti-forgery: forms without this session's token, or from other sites, are refused.

use axum::http::StatusCode;

use crate::routes::{Form, fields, post_with_token, role_form, site_form};
use crate::support::{PASSWORD, World};

#[tokio::test]
async fn forms_without_this_sessions_token_or_from_other_sites_are_refused() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut volunteer = w.site.signed_in(a.volunteer.email.as_str()).await;
    let admin_token = admin.csrf().await;
    let volunteer_token = volunteer.csrf().await;
    let other_token = w.site.signed_in(b.admin.email.as_str()).await.csrf().await;
    assert_ne!(admin_token, volunteer_token);
    let a_before = w.snapshot(a).await;
    let b_before = w.snapshot(b).await;

    let site = a.site.to_string();
    let admin_forms: Vec<(String, Form)> = vec![
        (
            "/my/profile/edit".into(),
            vec![
                ("given_name", "Forged".into()),
                ("family_name", "Name".into()),
                ("email", a.admin.email.to_string()),
            ],
        ),
        (a.path("/roles/new"), role_form("Forged role", &site)),
        (a.path("/sites/new"), site_form("Forged site")),
        (
            a.path("/staff"),
            vec![
                ("email", b.admin.email.to_string()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (a.path(&format!("/roles/{}/publish", a.draft_role)), vec![]),
        (
            a.path(&format!("/volunteers/{}/status", a.volunteer.id)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
            ],
        ),
        (
            a.path(&format!("/applications/{}", w.a_application2)),
            vec![("status", "accepted".into())],
        ),
        ("/sign-out".into(), vec![]),
    ];
    let volunteer_forms: Vec<(String, Form)> = vec![
        (
            format!("/opportunities/{}/apply", b.role),
            vec![
                ("motivation", "Forged".into()),
                ("availability", "Always".into()),
            ],
        ),
        (
            format!("/my/applications/{}/withdraw", a.application),
            vec![],
        ),
    ];

    for (browser, token, forms) in [
        (&mut admin, &admin_token, &admin_forms),
        (&mut volunteer, &volunteer_token, &volunteer_forms),
    ] {
        for (path, form) in forms {
            let refusals = [
                ("no token", browser.post(path, &fields(form)).await),
                (
                    "an empty token",
                    post_with_token(browser, path, "", form).await,
                ),
                (
                    "a wrong token",
                    post_with_token(browser, path, "0123456789abcdef", form).await,
                ),
                (
                    "another session's token",
                    post_with_token(browser, path, &other_token, form).await,
                ),
            ];
            for (what, page) in refusals {
                assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {what}");
                page.assert_contains("This form has expired");
            }
            let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            all.extend(fields(form));
            for headers in [
                [("sec-fetch-site", "cross-site"), ("x-none", "")],
                [("sec-fetch-site", "same-site"), ("x-none", "")],
                [("origin", "https://evil.example"), ("host", "localhost")],
                [("origin", "null"), ("host", "localhost")],
            ] {
                let page = browser.post_with(path, &all, &headers).await;
                assert_eq!(
                    page.status,
                    StatusCode::FORBIDDEN,
                    "{path} with {headers:?}"
                );
                page.assert_contains("sent from another website");
            }
        }
    }
    assert_eq!(w.snapshot(a).await, a_before);
    assert_eq!(w.snapshot(b).await, b_before);
    assert_eq!(w.site.app.my_profile(a.admin.id).await.unwrap(), a.admin);
    admin.get("/my/profile").await.assert_status(StatusCode::OK);

    // Forms without a session are protected by the browser's headers alone.
    for path in ["/sign-in", "/register", "/forgot-password"] {
        let page = w
            .site
            .browser()
            .post_with(
                path,
                &[("email", a.admin.email.as_str()), ("password", PASSWORD)],
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }

    // Control: the same forms, from this site with the right token, all go through.
    for (browser, token, forms) in [
        (&mut volunteer, &volunteer_token, &volunteer_forms),
        (&mut admin, &admin_token, &admin_forms),
    ] {
        for (path, form) in forms {
            let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            all.extend(fields(form));
            let page = browser
                .post_with(path, &all, &[("sec-fetch-site", "same-origin")])
                .await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.body);
        }
    }
    assert_ne!(w.snapshot(a).await, a_before);
    assert!(admin.cookie.is_none(), "the control sign-out went through");
}

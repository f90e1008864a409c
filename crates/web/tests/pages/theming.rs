//! Theming (NHS organisations get the NHS theme, charities do not) and the headers that keep
//! every page to its own origin.

use axum::http::StatusCode;

use crate::support::World;

#[tokio::test]
async fn nhs_organisations_pages_use_the_nhs_theme_and_charities_do_not() {
    let w = World::new().await;
    for (org, theme) in [(&w.a, "theme-nhs"), (&w.b, "theme-neutral")] {
        let mut admin = w.site.signed_in(org.admin.email.as_str()).await;
        let mut pages = vec![];
        for rest in [
            String::new(),
            "/volunteers".into(),
            format!("/volunteers/{}", org.volunteer.id),
            format!("/applications/{}", org.application),
            "/roles".into(),
            format!("/roles/{}", org.role),
            "/roles/new".into(),
            "/sites".into(),
            "/staff".into(),
        ] {
            pages.push(admin.get(&org.path(&rest)).await);
        }
        // A form with errors keeps the theme.
        pages.push(admin.submit(&org.path("/sites/new"), &[("name", "")]).await);
        for page in pages {
            assert!(
                page.status == StatusCode::OK || page.status == StatusCode::UNPROCESSABLE_ENTITY
            );
            assert_eq!(page.body_class(), theme, "{}", org.slug);
            page.assert_contains(&format!(r#"<span class="header-org">{}</span>"#, org.name));
        }
        // The public page of one of its roles wears the organisation's theme too.
        let public = admin.get(&format!("/opportunities/{}", org.role)).await;
        assert_eq!(
            public.body_class(),
            theme,
            "public role page of {}",
            org.slug
        );
        // Pages outside the organisation are neutral.
        let profile = admin.get("/my/profile").await;
        assert_eq!(profile.body_class(), "theme-neutral");
    }
}

#[tokio::test]
async fn every_response_forbids_outside_origins_and_framing() {
    let w = World::new().await;
    let mut browser = w.site.browser();
    for path in [
        "/",
        "/opportunities",
        "/assets/app.css",
        "/no-such-page",
        "/api/v1/openapi.json",
    ] {
        let page = browser.get(path).await;
        let header = |name: &str| {
            page.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
    }
    // And the pages themselves name no other origin.
    for path in ["/", "/opportunities", "/sign-in", "/register"] {
        let page = browser.get(path).await;
        assert!(
            !page.body.contains("http://") && !page.body.contains("https://"),
            "{path} links elsewhere"
        );
    }
}

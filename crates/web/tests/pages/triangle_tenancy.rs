//! Tenancy for the triangle of support: another organisation's staff, and people who are not
//! staff, get 404 on every service user, referral, matching and safeguarding page and form —
//! with the other organisation's slug, or with their own slug and the other's ids — and
//! nothing changes; the same pages and forms work for the organisation's own admin.

use axum::http::StatusCode;

use crate::routes::{Form, post_with_token};
use crate::support::World;
use crate::triangle::Triangle;

fn gets(slug: &str, t: &Triangle) -> Vec<String> {
    let m = |rest: String| format!("/manage/{slug}{rest}");
    let p = t.person;
    vec![
        m("/service-users".into()),
        m("/service-users/new".into()),
        m(format!("/service-users/{p}")),
        m(format!("/service-users/{p}/edit")),
        m(format!("/service-users/{p}/health-notes")),
        m(format!(
            "/service-users/{p}/suggestions?role={}&support_type=befriending",
            t.role
        )),
        m("/matches".into()),
        m("/matching".into()),
        m(format!(
            "/matching?role={}&support_type=befriending",
            t.role
        )),
        m("/referrals".into()),
        m("/referrals/new".into()),
        m(format!("/referrals/{}", t.referral)),
        m("/safeguarding".into()),
        m(format!("/safeguarding/concerns/{}", t.concern)),
    ]
}

fn person_form(given: &str) -> Form {
    vec![
        ("given_name", given.into()),
        ("family_name", "Intruder".into()),
        ("receives_support", "yes".into()),
        ("consent_to_support_on", "2026-01-10".into()),
        ("consent_to_data_on", "2026-01-10".into()),
        ("consent_method", "written".into()),
    ]
}

/// Every form, in an order that keeps each valid for the organisation's own admin.
fn posts(slug: &str, t: &Triangle, lead: &str) -> Vec<(String, Form)> {
    let m = |rest: String| format!("/manage/{slug}{rest}");
    let p = t.person;
    vec![
        (m("/service-users/new".into()), person_form("Iris")),
        (m(format!("/service-users/{p}/edit")), person_form("Edna")),
        (
            m(format!("/service-users/{p}/health-notes")),
            vec![("health_notes", "Asthma".into())],
        ),
        (
            m(format!("/service-users/{p}/carers")),
            vec![
                ("carer", t.carer.to_string()),
                ("relationship", "child".into()),
            ],
        ),
        (
            m(format!("/service-users/{p}/feedback")),
            vec![("rating", "good".into()), ("answered_by", "carer".into())],
        ),
        (m(format!("/service-users/{p}/feedback-link")), vec![]),
        (
            m(format!("/service-users/{p}/staff-contact")),
            vec![("staff_contact", lead.into())],
        ),
        (
            m("/referrals/new".into()),
            vec![
                ("support_type", "befriending".into()),
                ("urgency", "soon".into()),
                ("need", "Company".into()),
                ("referrer_name", "Ward 9".into()),
                ("given_name", "Ivy".into()),
                ("family_name", "Intruder".into()),
            ],
        ),
        (
            m(format!("/referrals/{}/decision", t.new_referral)),
            vec![("decision", "accept".into())],
        ),
        (
            m(format!("/matches/{}/step", t.invitation)),
            vec![("step", "withdraw".into())],
        ),
        (
            m(format!("/service-users/{p}/matches")),
            vec![
                ("volunteer", t.befriender.id.to_string()),
                ("role", t.role.to_string()),
                ("support_type", "befriending".into()),
                ("contact_every_days", "7".into()),
            ],
        ),
        (
            m("/safeguarding/leads".into()),
            vec![(lead_field(lead), "lead".into())],
        ),
        (
            m(format!("/safeguarding/concerns/{}", t.concern)),
            vec![("kind", "acknowledged".into())],
        ),
        (
            m(format!("/service-users/{p}/status")),
            vec![("status", "closed".into()), ("reason", "Moved away".into())],
        ),
    ]
}

fn lead_field(person: &str) -> &'static str {
    Box::leak(format!("role-{person}").into_boxed_str())
}

#[tokio::test]
async fn another_organisations_staff_and_non_staff_get_404_on_every_triangle_route() {
    let w = World::new().await;
    let ta = Triangle::of(&w.site, &w.a, "a").await;
    let tb = Triangle::of(&w.site, &w.b, "b").await;
    let app = &w.site.app;
    let b_before = (
        app.store.supported_people(w.b.id).await.unwrap(),
        app.store.referrals(w.b.id).await.unwrap(),
        app.store.matches(w.b.id).await.unwrap(),
        app.store.concerns(w.b.id).await.unwrap(),
    );
    let mut a_admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let token = a_admin.csrf().await;
    let b_lead = w.b.admin.id.to_string();

    // B's slug with B's ids, and A's slug with B's ids.
    let mut b_gets = gets(&w.b.slug, &tb);
    b_gets.extend(gets(&w.a.slug, &tb).into_iter().filter(|p| {
        [
            tb.person.to_string(),
            tb.referral.to_string(),
            tb.concern.to_string(),
            tb.role.to_string(),
        ]
        .iter()
        .any(|id| p.contains(id.as_str()))
    }));
    for path in &b_gets {
        let page = a_admin.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        page.assert_lacks(&w.b.name);
    }
    let mut b_posts = posts(&w.b.slug, &tb, &b_lead);
    b_posts.extend(posts(&w.a.slug, &tb, &b_lead).into_iter().filter(|(p, _)| {
        [
            tb.person.to_string(),
            tb.referral.to_string(),
            tb.new_referral.to_string(),
            tb.invitation.to_string(),
            tb.concern.to_string(),
        ]
        .iter()
        .any(|id| p.contains(id.as_str()))
    }));
    for (path, form) in &b_posts {
        let page = post_with_token(&mut a_admin, path, &token, form).await;
        assert!(
            matches!(
                page.status,
                StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "POST {path}: {}",
            page.status
        );
        page.assert_lacks("Edna Marsh");
    }

    // Someone who is not staff anywhere.
    let mut volunteer = w.site.signed_in(w.a.volunteer.email.as_str()).await;
    let v_token = volunteer.csrf().await;
    for path in gets(&w.a.slug, &ta) {
        assert_eq!(
            volunteer.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
    }
    for (path, form) in posts(&w.a.slug, &ta, &w.a.admin.id.to_string()) {
        let page = post_with_token(&mut volunteer, &path, &v_token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }

    let b_after = (
        app.store.supported_people(w.b.id).await.unwrap(),
        app.store.referrals(w.b.id).await.unwrap(),
        app.store.matches(w.b.id).await.unwrap(),
        app.store.concerns(w.b.id).await.unwrap(),
    );
    assert_eq!(b_after, b_before, "B's triangle changed");

    // Control: A's own admin (its safeguarding lead) reaches every page and every form works.
    for path in gets(&w.a.slug, &ta) {
        let page = a_admin.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "GET {path}: {}", page.body);
    }
    for (path, form) in posts(&w.a.slug, &ta, &w.a.admin.id.to_string()) {
        let page = post_with_token(&mut a_admin, &path, &token, &form).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "POST {path}: {}",
            page.body
        );
    }
}

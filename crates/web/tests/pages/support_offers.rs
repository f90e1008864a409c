//! Volunteers' one-to-one support offers (their own page, and their manager's), linking a
//! carer's record to their Alongside account, and an unacknowledged concern passing to the
//! deputy leads exactly when it is overdue.

use std::sync::Arc;

use app::{App, FixedClock};
use axum::http::StatusCode;
use chrono::Duration;
use domain::safeguarding::{ConcernInput, EntryKind};
use domain::support::SupportType;

use crate::support::World;
use crate::triangle::Triangle;

#[tokio::test]
async fn volunteers_make_their_own_offer_and_managers_can_record_one() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let app = &w.site.app;
    let mut priya = w.site.signed_in(t.befriender.email.as_str()).await;
    let page = priya.get("/my/offer").await;
    page.assert_status(StatusCode::OK)
        .assert_contains(&w.a.name);
    let org = w.a.id.to_string();
    priya
        .submit(
            "/my/offer",
            &[
                ("organisation", &org),
                ("capacity", "11"),
                ("travel_miles", "far"),
            ],
        )
        .await
        .assert_errors(&["0-capacity", "0-travel_miles"]);
    let saved = priya
        .submit(
            "/my/offer",
            &[
                ("organisation", &org),
                ("capacity", "2"),
                ("travel_miles", "5"),
                ("days", "tue"),
                ("support_types", "befriending"),
                ("support_types", "shopping"),
            ],
        )
        .await;
    assert_eq!(saved.redirect(), "/my/offer?done=saved");
    let offer = app
        .store
        .match_profiles_of(t.befriender.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        (offer.capacity, offer.travel_miles, offer.gender),
        (2, 5, None)
    );
    assert_eq!(
        offer.support_types,
        vec![SupportType::Befriending, SupportType::Shopping]
    );
    // Not to an organisation they do not volunteer with.
    let elsewhere = priya
        .submit(
            "/my/offer",
            &[
                ("organisation", &w.b.id.to_string()),
                ("capacity", "1"),
                ("travel_miles", "1"),
            ],
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);

    // The manager records a change on their behalf; another organisation's admin cannot.
    let path = w.a.path(&format!("/volunteers/{}/offer", t.befriender.id));
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    admin
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("One-to-one support offer");
    let saved = admin
        .submit(
            &path,
            &[
                ("capacity", "3"),
                ("travel_miles", "8"),
                ("support_types", "befriending"),
                ("gender", "woman"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.match_profiles_of(t.befriender.id).await.unwrap()[0].capacity,
        3
    );
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(b_admin.get(&path).await.status, StatusCode::NOT_FOUND);
    let b_path = w.b.path(&format!("/volunteers/{}/offer", t.befriender.id));
    assert_eq!(b_admin.get(&b_path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b_admin.submit(&b_path, &[("capacity", "9")]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.store.match_profiles_of(t.befriender.id).await.unwrap()[0].capacity,
        3
    );
}

#[tokio::test]
async fn a_carers_record_links_to_their_account_so_one_person_has_two_relationships() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let path = w.a.path(&format!("/service-users/{}/account", t.carer));
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    admin
        .submit(&path, &[("account_email", "nobody@example.org")])
        .await
        .assert_errors(&["account_email"]);
    // The carer is also A's volunteer (who applied to A's role).
    let linked = admin
        .submit(&path, &[("account_email", w.a.volunteer.email.as_str())])
        .await;
    assert_eq!(linked.status, StatusCode::SEE_OTHER);
    admin
        .get(&w.a.path(&format!("/service-users/{}", t.carer)))
        .await
        .assert_contains("they also volunteer with us");
    let record = w
        .site
        .app
        .store
        .supported_person(w.a.id, t.carer)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.person_id, Some(w.a.volunteer.id));
}

#[tokio::test]
async fn an_unacknowledged_concern_passes_to_the_deputies_once_when_overdue() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let site_app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    site_app
        .set_safeguarding_leads(&scope, &[(w.a.admin.id, false), (w.a_viewer.id, true)])
        .await
        .unwrap();
    let now = site_app.clock.now();
    let at = |hours: i64| {
        App::new(
            site_app.store.clone(),
            Arc::new(FixedClock(now + Duration::hours(hours))),
            site_app.base_url.clone(),
        )
    };
    let concern = |urgent: &str| ConcernInput {
        subject: "volunteer".into(),
        subject_name: "A volunteer".into(),
        what: "Asked a service user for money".into(),
        urgent: urgent.into(),
    };
    let quiet = site_app
        .raise_concern(w.a.admin.id, w.a.id, &concern(""), None)
        .await
        .unwrap();
    let handled = site_app
        .raise_concern(w.a.admin.id, w.a.id, &concern(""), None)
        .await
        .unwrap();
    site_app
        .add_concern_entry(&scope, handled.id, "acknowledged", "")
        .await
        .unwrap();
    let urgent = site_app
        .raise_concern(w.a.admin.id, w.a.id, &concern("yes"), None)
        .await
        .unwrap();

    let passed = |record: &[domain::safeguarding::ConcernEntry]| {
        record
            .iter()
            .filter(|e| e.kind == EntryKind::EscalatedToDeputy)
            .count()
    };
    let record =
        |app: App, id| async move { app.store.concern(w.a.id, id).await.unwrap().unwrap().1 };
    // After 5 hours only the urgent one (4 hours) has passed to the deputies.
    at(5).run_jobs("test", 50).await.unwrap();
    assert_eq!(passed(&record(at(5), urgent.id).await), 1);
    assert_eq!(passed(&record(at(5), quiet.id).await), 0);
    // After a day the other unacknowledged one too; never the acknowledged one; never twice.
    at(25).run_jobs("test", 50).await.unwrap();
    at(30).run_jobs("test", 50).await.unwrap();
    assert_eq!(passed(&record(at(30), quiet.id).await), 1);
    assert_eq!(passed(&record(at(30), urgent.id).await), 1);
    assert_eq!(passed(&record(at(30), handled.id).await), 0);
    let to_deputy = site_app
        .store
        .recent_messages(500)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| {
            m.to == w.a_viewer.email.as_str()
                && m.subject == "A safeguarding concern has not been acknowledged"
        })
        .count();
    // The two here, and the fixture's own concern, which nobody acknowledged either.
    assert_eq!(to_deputy, 3);
    assert_eq!(passed(&record(at(30), t.concern).await), 1);
}

#[tokio::test]
async fn feedback_by_their_own_link_or_recorded_by_staff_shows_on_their_record() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let record = w.a.path(&format!("/service-users/{}", t.person));
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    admin
        .submit(&format!("{record}/feedback"), &[("comment", "Lovely")])
        .await
        .assert_errors(&["rating", "answered_by"]);
    let recorded = admin
        .submit(
            &format!("{record}/feedback"),
            &[
                ("rating", "good"),
                ("answered_by", "carer"),
                ("comment", "Mum looks forward to Tuesdays"),
            ],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER);
    admin.submit(&format!("{record}/feedback-link"), &[]).await;
    let page = admin.get(&record).await;
    page.assert_contains("Mum looks forward to Tuesdays")
        .assert_contains("Recorded by staff");
    let at = page
        .body
        .find("/support-feedback/")
        .expect("the feedback link is shown");
    let address: String = page.body[at + "/support-feedback/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let path = format!("/support-feedback/{address}");

    // Anyone with the link, without signing in, sees only the first name.
    let mut anyone = w.site.browser();
    anyone
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Edna")
        .assert_lacks("Marsh");
    anyone
        .post(&path, &[("comment", "x")])
        .await
        .assert_errors(&["rating", "answered_by"]);
    anyone
        .post(
            &path,
            &[
                ("rating", "very_good"),
                ("answered_by", "service_user"),
                ("comment", "Priya is a treasure"),
            ],
        )
        .await
        .assert_contains("Thank you for your feedback");
    admin
        .get(&record)
        .await
        .assert_contains("Priya is a treasure")
        .assert_contains("By their link");
    // A new link stops the old one.
    admin.submit(&format!("{record}/feedback-link"), &[]).await;
    assert_eq!(anyone.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        anyone.get("/support-feedback/nonsense").await.status,
        StatusCode::NOT_FOUND
    );

    // A staff contact must be on the staff.
    admin
        .submit(
            &format!("{record}/staff-contact"),
            &[("staff_contact", &t.befriender.id.to_string())],
        )
        .await
        .assert_errors(&["staff_contact"]);
    admin
        .submit(
            &format!("{record}/staff-contact"),
            &[("staff_contact", &w.a.admin.id.to_string())],
        )
        .await;
    admin.get(&record).await.assert_contains("Ada Admin-trust");
}

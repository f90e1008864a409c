//! Learning events on pages: a network's coordinator adds events (bad input named); members see
//! members-only events and everyone else gets 404 for them and for every organiser page; the
//! iCalendar feed has public events only; registration, the waiting list's offer, attendance,
//! feedback, the certificate (read back with `lopdf`) and the learning record; and an
//! organisation's own events are its staff's alone.

use std::sync::Arc;

use app::{App, FixedClock};
use axum::http::StatusCode;
use chrono::Duration;
use domain::events::RegistrationStatus;
use domain::ids::EventId;
use domain::network::NetworkInput;
use icalendar::{CalendarComponent, Component};

use crate::support::{Browser, World};

const NETWORK: &str = "/networks/northshire/events";

/// World with a network "northshire" that org `a` set up (its admin coordinates; its staff are
/// members). Org `b` is not a member.
pub(crate) async fn world() -> World {
    let w = World::new().await;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    w.site
        .app
        .create_network(
            &scope,
            &NetworkInput {
                name: "Northshire Volunteering Partnership".into(),
                slug: "northshire".into(),
                kind: "care_partnership".into(),
                description: "Volunteering across Northshire".into(),
                contact_email: String::new(),
            },
        )
        .await
        .unwrap();
    w
}

pub(crate) fn date_in(w: &World, days: i64) -> String {
    (w.site.app.uk_today() + Duration::days(days))
        .format("%-d %-m %Y")
        .to_string()
}

/// Adds an event through the form and returns its id.
pub(crate) async fn add(
    b: &mut Browser,
    base: &str,
    title: &str,
    visibility: &str,
    capacity: &str,
    date: &str,
) -> EventId {
    let page = b
        .submit(
            &format!("{base}/new"),
            &[
                ("title", title),
                ("description", "Ideas that worked"),
                ("audience_note", "Volunteer managers"),
                ("visibility", visibility),
                ("format", "hybrid"),
                ("venue", "Civic Centre, Leeds"),
                ("joining_link", "https://meet.example.org/abc"),
                ("date", date),
                ("start_time", "10:00"),
                ("end_time", "12:30"),
                ("capacity", capacity),
                ("member_price", "0"),
                ("non_member_price", "10"),
                ("series", "Learning programme"),
            ],
        )
        .await;
    let to = page.redirect().to_owned();
    let id = to
        .rsplit('/')
        .next()
        .and_then(|s| s.split('?').next())
        .unwrap();
    id.parse().unwrap()
}

#[tokio::test]
async fn members_only_events_are_for_members_and_organiser_pages_for_coordinators() {
    let w = world().await;
    let mut coordinator = w.site.signed_in(w.a.admin.email.as_str()).await;
    coordinator
        .submit(
            &format!("{NETWORK}/new"),
            &[
                ("title", ""),
                ("format", "online"),
                ("joining_link", "http://insecure.example.org"),
                ("date", "31 2 2027"),
                ("start_time", "10:00"),
                ("end_time", "09:00"),
                ("capacity", "0"),
                ("member_price", "-2"),
                ("non_member_price", ""),
            ],
        )
        .await
        .assert_errors(&[
            "title",
            "visibility",
            "joining_link",
            "date",
            "capacity",
            "member_price",
            "non_member_price",
        ]);
    let date = date_in(&w, 14);
    let private = add(
        &mut coordinator,
        NETWORK,
        "Members surgery",
        "members",
        "10",
        &date,
    )
    .await;
    let public = add(
        &mut coordinator,
        NETWORK,
        "Open day for managers",
        "public",
        "10",
        &date,
    )
    .await;

    // A member (staff of a member organisation) sees both, and may not organise.
    let mut member = w.site.signed_in(w.a_viewer.email.as_str()).await;
    member
        .get(NETWORK)
        .await
        .assert_contains("Members surgery")
        .assert_contains("Open day for managers");
    member
        .get(&format!("{NETWORK}/{private}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Your price: Free");
    member
        .get(&format!("{NETWORK}/new"))
        .await
        .assert_status(StatusCode::FORBIDDEN);

    // Signed out, and another organisation's admin: public only; members-only is not found.
    let mut anyone = w.site.browser();
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    for b in [&mut anyone, &mut outsider] {
        b.get(NETWORK)
            .await
            .assert_contains("Open day for managers")
            .assert_lacks("surgery");
        b.get(&format!("{NETWORK}/{private}"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        b.get(&format!("/events/{private}"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        b.get(&format!("{NETWORK}/{public}"))
            .await
            .assert_status(StatusCode::OK);
    }
    outsider
        .get(&format!("{NETWORK}/{public}"))
        .await
        .assert_contains("Your price: £10.00");
    for path in [
        format!("{NETWORK}/new"),
        format!("{NETWORK}/{public}/edit"),
        format!("{NETWORK}/{public}/registrations"),
    ] {
        outsider
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    outsider
        .submit(&format!("{NETWORK}/{public}/cancel"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    outsider
        .submit(&format!("/events/{private}/register"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    anyone
        .get("/networks/nowhere/events")
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // The feed has the public event only, in an RFC 5545 reader.
    let feed = anyone.get(&format!("{NETWORK}.ics")).await;
    feed.assert_status(StatusCode::OK);
    let calendar: icalendar::Calendar = feed.body.parse().expect("an RFC 5545 calendar");
    let titles: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_summary().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(titles, vec!["Open day for managers".to_owned()]);

    // The coordinator changes the event; too few places is refused by field.
    coordinator
        .submit(
            &format!("{NETWORK}/{public}/edit"),
            &[
                ("title", "Open day for volunteer managers"),
                ("visibility", "public"),
                ("format", "online"),
                ("joining_link", "https://meet.example.org/open"),
                ("date", &date),
                ("start_time", "10:00"),
                ("end_time", "11:00"),
                ("capacity", "20"),
                ("member_price", "0"),
                ("non_member_price", "0"),
            ],
        )
        .await
        .redirect();
    anyone
        .get(&format!("{NETWORK}/{public}"))
        .await
        .assert_contains("Open day for volunteer managers")
        .assert_contains("1 hour");
}

#[tokio::test]
async fn registration_waitlist_offer_attendance_feedback_and_certificate() {
    let w = world().await;
    let mut coordinator = w.site.signed_in(w.a.admin.email.as_str()).await;
    let date = date_in(&w, 10);
    let id = add(
        &mut coordinator,
        NETWORK,
        "Recruiting younger volunteers",
        "public",
        "1",
        &date,
    )
    .await;
    let page = format!("{NETWORK}/{id}");

    // A member takes the one place, free; an outsider goes on the waiting list at £10.
    let mut member = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let done = member.submit(&format!("/events/{id}/register"), &[]).await;
    assert_eq!(done.redirect(), format!("{page}?done=registered"));
    member
        .get(done.redirect())
        .await
        .assert_contains("You are registered")
        .assert_contains("Joining link");
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    let done = outsider
        .submit(&format!("/events/{id}/register"), &[])
        .await;
    assert_eq!(done.redirect(), format!("{page}?done=waitlisted"));
    // A second registration is refused, in words on the page.
    outsider
        .submit(&format!("/events/{id}/register"), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("already registered");

    let emails = w.site.app.store.recent_messages(20).await.unwrap();
    assert!(emails.iter().any(|m| m.to == w.a_viewer.email.as_str()
        && m.subject == "You are registered: Recruiting younger volunteers"));
    assert!(emails.iter().any(|m| m.to == w.b.admin.email.as_str()
        && m.subject == "On the waiting list: Recruiting younger volunteers"
        && m.body.contains("48 hours")));
    // The member gives the place up: it is offered to the outsider, by email.
    member
        .submit(&format!("/events/{id}/cancel-registration"), &[])
        .await
        .redirect();
    let app = &w.site.app;
    let emails = app.store.recent_messages(20).await.unwrap();
    assert!(emails.iter().any(|m| m.to == w.b.admin.email.as_str()
        && m.subject == "A place has come up: Recruiting younger volunteers"
        && m.body.contains(&format!("/events/{id}"))));
    outsider
        .get(&page)
        .await
        .assert_contains("Offered a place")
        .assert_contains("Take the place");
    let done = outsider.submit(&format!("/events/{id}/accept"), &[]).await;
    assert_eq!(done.redirect(), format!("{page}?done=accepted"));
    let registrations = app.store.event_registrants(id).await.unwrap();
    let theirs = registrations
        .iter()
        .find(|r| r.registration.person_id == w.b.admin.id)
        .unwrap();
    assert_eq!(theirs.registration.status, RegistrationStatus::Registered);
    assert_eq!(theirs.registration.price.0, 1000);
    let reg = theirs.registration.id;

    // Attendance only once the event has started.
    let attendance = format!("{NETWORK}/{id}/registrations/{reg}/attendance");
    coordinator
        .submit(&attendance, &[("attended", "yes")])
        .await
        .assert_status(StatusCode::CONFLICT);
    outsider
        .get(&format!("/my/learning/{reg}/certificate.pdf"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let event = app.store.learning_event(id).await.unwrap().unwrap();
    let later = App::new(
        app.store.clone(),
        Arc::new(FixedClock(event.starts_at + Duration::hours(3))),
        "http://localhost",
    );
    let mut coordinator = w.site.browser_with(later.clone());
    coordinator
        .sign_in(w.a.admin.email.as_str(), crate::support::PASSWORD)
        .await;
    coordinator
        .get(&format!("{NETWORK}/{id}/registrations"))
        .await
        .assert_contains("Attended<span class=\"visually-hidden\">: Ada Admin-hospice");
    let marked = coordinator
        .submit(&attendance, &[("attended", "yes")])
        .await;
    assert_eq!(marked.redirect(), format!("{NETWORK}/{id}/registrations"));
    let emails = app.store.recent_messages(5).await.unwrap();
    assert!(
        emails
            .iter()
            .any(|m| m.subject == "How was Recruiting younger volunteers?"
                && m.body.contains(&format!("/my/learning/{reg}/feedback")))
    );

    // The learning record, the certificate and the feedback form are the attendee's own.
    let mut attendee = w.site.browser_with(later);
    attendee
        .sign_in(w.b.admin.email.as_str(), crate::support::PASSWORD)
        .await;
    attendee
        .get("/my/learning")
        .await
        .assert_contains("Recruiting younger volunteers")
        .assert_contains("2 hours 30 minutes");
    let pdf = attendee
        .get(&format!("/my/learning/{reg}/certificate.pdf"))
        .await;
    pdf.assert_status(StatusCode::OK);
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("a PDF an independent reader opens");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("its text");
    assert!(text.contains("Certificate of attendance"), "{text}");
    assert!(text.contains(&w.b.admin.full_name()), "{text}");
    assert!(text.contains("2 hours 30 minutes"), "{text}");
    for path in [
        format!("/my/learning/{reg}/certificate.pdf"),
        format!("/my/learning/{reg}/feedback"),
    ] {
        member.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    attendee
        .submit(&format!("/my/learning/{reg}/feedback"), &[("useful", "9")])
        .await
        .assert_errors(&["useful"]);
    let sent = attendee
        .submit(
            &format!("/my/learning/{reg}/feedback"),
            &[
                ("useful", "4"),
                ("will_do_differently", "Offer shorter roles"),
                ("comments", "Practical"),
            ],
        )
        .await;
    assert_eq!(sent.redirect(), format!("/events/{id}?done=feedback"));
    coordinator
        .get(&format!("{NETWORK}/{id}/registrations"))
        .await
        .assert_contains("Offer shorter roles")
        .assert_contains("average usefulness 4.0");
}

#[tokio::test]
async fn an_organisations_events_are_its_staffs_alone() {
    let w = world().await;
    let base = format!("/manage/{}/events", w.a.slug);
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let date = date_in(&w, 7);
    let id = add(
        &mut admin,
        &base,
        "Induction for new managers",
        "members",
        "5",
        &date,
    )
    .await;
    admin
        .get(&base)
        .await
        .assert_contains("Induction for new managers");
    // Organisers download the registrations, in either format.
    admin
        .get(&format!("{base}/{id}/registrations"))
        .await
        .assert_contains("registrations.xlsx");
    let csv = admin.get(&format!("{base}/{id}/registrations.csv")).await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.body
            .starts_with("Name,Email,Status,Registered,Price,Member price\n")
    );
    let xlsx = admin.get(&format!("{base}/{id}/registrations.xlsx")).await;
    xlsx.assert_status(StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"), "an xlsx file is a zip");
    let public_page = format!("/organisations/{}/events/{id}", w.a.slug);
    let mut staff = w.site.signed_in(w.a_viewer.email.as_str()).await;
    staff
        .get(&public_page)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Register");
    // A viewer is staff but does not organise.
    staff
        .get(&format!("{base}/new"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [
        base.clone(),
        format!("{base}/new"),
        format!("{base}/{id}/edit"),
        format!("{base}/{id}/registrations"),
        format!("{base}/{id}/registrations.csv"),
        format!("{base}/{id}/registrations.xlsx"),
        public_page.clone(),
    ] {
        other.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    // And another organisation's manage path cannot reach this event either.
    let theirs = format!("/manage/{}/events/{id}/registrations", w.b.slug);
    other
        .get(&theirs)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    w.site
        .browser()
        .get(&public_page)
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

//! The kiosk: locked until a manager unlocks it with the site's kiosk code (kept only as a hash);
//! its cookie works for that site only; volunteers check in to the right booking with their
//! personal code; a second check-in is refused; wrong codes lock it.

use axum::http::StatusCode;
use domain::rota::attendance::{AttendanceMethod, AttendanceStatus};
use domain::rota::kiosk::spaced;

use super::fixture::{Att, kiosk_cookie, kiosk_cookie_header, kiosk_request};

#[tokio::test]
async fn the_kiosk_is_locked_until_a_manager_unlocks_it_with_the_site_code() {
    let t = Att::new().await;
    let site = t.w.a.site;
    let shift = t.shift(site, 30, 2).await;
    let booking = t.book(&shift, t.sam.id).await;
    let sam_code = t.code(t.sam.id).await;
    let mut device = t.w.site.browser();

    // Locked: the unlock form, and a check-in without unlocking does nothing.
    let page = kiosk_request(&mut device, &t.kiosk(site), None, &[]).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Unlock this kiosk")
        .assert_lacks("Your personal code");
    let refused = kiosk_request(&mut device, &t.kiosk(site), None, &[("code", &sam_code)]).await;
    refused
        .assert_status(StatusCode::UNAUTHORIZED)
        .assert_contains("This kiosk is locked");
    assert_eq!(t.recorded(booking.id).await, None);

    // A manager sets the code on the kiosk code page; it is shown once, and only its hash kept.
    let mut manager = t.w.site.signed_in(t.w.a.admin.email.as_str()).await;
    let path = t.w.a.path(&format!("/sites/{site}/kiosk"));
    manager
        .get(&path)
        .await
        .assert_contains("has no kiosk code yet");
    let set = manager
        .submit(&path, &[("kiosk_code", "ward 7 kiosk")])
        .await;
    set.assert_status(StatusCode::OK)
        .assert_contains("is now <strong>WARD7KIOSK</strong>");
    let stored =
        t.w.site
            .app
            .store
            .kiosk_code(t.w.a.id, site)
            .await
            .unwrap()
            .unwrap();
    assert!(!stored.code_hash.contains("WARD7KIOSK"));
    assert_eq!(stored.code_hash.len(), 64);
    manager
        .get(&path)
        .await
        .assert_contains("The code was set on")
        .assert_lacks("WARD7KIOSK");
    let bad = manager.submit(&path, &[("kiosk_code", "abc")]).await;
    bad.assert_errors(&["kiosk_code"]);

    // A wrong code is refused with a field error; the right one (any spacing or case) unlocks.
    let wrong = kiosk_request(
        &mut device,
        &format!("{}/unlock", t.kiosk(site)),
        None,
        &[("kiosk_code", "WARD8KIOSK")],
    )
    .await;
    wrong.assert_errors(&["kiosk_code"]);
    assert_eq!(kiosk_cookie(&wrong), None);
    let cookie = t.unlock(site, "ward7-kiosk").await;
    let ready = kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &[]).await;
    ready
        .assert_status(StatusCode::OK)
        .assert_contains("Check in or out at trust General Hospital")
        .assert_contains("Your personal code");

    // The cookie is for this kiosk's pages only, and unlocks no other site's kiosk.
    let unlocked = kiosk_request(
        &mut device,
        &format!("{}/unlock", t.kiosk(site)),
        None,
        &[("kiosk_code", "WARD7KIOSK")],
    )
    .await;
    let header = kiosk_cookie_header(&unlocked);
    assert!(
        header.contains(&format!("Path={}", t.kiosk(site))),
        "{header}"
    );
    assert!(header.contains("HttpOnly"), "{header}");
    let other = kiosk_request(&mut device, &t.kiosk(t.site2), Some(&cookie), &[]).await;
    other.assert_contains("Unlock this kiosk");
    // Nor does it make anyone staff.
    let staff = kiosk_request(&mut device, &t.w.a.path("/attendance"), Some(&cookie), &[]).await;
    assert!(staff.redirect().starts_with("/sign-in"));

    // Changing the code locks kiosks unlocked with the old one.
    t.set_kiosk_code(site, "NEWCODE123").await;
    kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &[])
        .await
        .assert_contains("Unlock this kiosk");
    // An unknown site or organisation is not found.
    kiosk_request(&mut device, &format!("/kiosk/nowhere/{site}"), None, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    kiosk_request(
        &mut device,
        &format!("/kiosk/{}/{}", t.w.b.slug, site),
        None,
        &[],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_kiosk_checks_in_the_right_booking_and_refuses_a_duplicate() {
    let t = Att::new().await;
    let site = t.w.a.site;
    // Sam has a place here within the hour, one at the other site later, and one here tomorrow.
    let here = t.book(&t.shift(site, 30, 2).await, t.sam.id).await;
    let elsewhere = t.book(&t.shift(t.site2, 180, 2).await, t.sam.id).await;
    let tomorrow = t.book(&t.shift(site, 24 * 60, 2).await, t.sam.id).await;
    let ria_later = t.book(&t.shift(site, 150, 1).await, t.ria.id).await;
    t.set_kiosk_code(site, "123456").await;
    let cookie = t.unlock(site, "123 456").await;
    let mut device = t.w.site.browser();
    let csrf = kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &[])
        .await
        .csrf();

    // Sam's code is on their shifts page.
    let mut sam = t.w.site.signed_in("sam@example.org").await;
    let code = t.code(t.sam.id).await;
    sam.get("/my/shifts")
        .await
        .assert_contains(&format!("<strong>{}</strong>", spaced(&code)));

    let path = t.kiosk(site);
    let check = |action: &'static str, code: String| {
        let (cookie, csrf, path) = (cookie.clone(), csrf.clone(), path.clone());
        let mut device = t.w.site.browser();
        async move {
            kiosk_request(
                &mut device,
                &path,
                Some(&cookie),
                &[("_csrf", &csrf), ("code", &code), ("action", action)],
            )
            .await
        }
    };
    // Without the kiosk's form token: refused.
    kiosk_request(
        &mut device,
        &t.kiosk(site),
        Some(&cookie),
        &[("code", &code)],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    // Check out before checking in: refused.
    check("out", spaced(&code))
        .await
        .assert_errors(&["code"])
        .assert_contains("You have not checked in here today");

    let welcome = check("in", spaced(&code)).await;
    welcome
        .assert_status(StatusCode::OK)
        .assert_contains("Welcome, Sam. You are checked in");
    let a = t.recorded(here.id).await.expect("checked in");
    assert_eq!(a.status, AttendanceStatus::Attended);
    assert_eq!(a.method, AttendanceMethod::Kiosk);
    assert!(a.arrived_at.is_some() && a.left_at.is_none());
    for other in [&elsewhere, &tomorrow] {
        assert_eq!(t.recorded(other.id).await, None);
    }

    // A second check-in is refused, saying so, and changes nothing.
    check("in", code.clone())
        .await
        .assert_errors(&["code"])
        .assert_contains("You are already checked in to this shift");
    assert_eq!(t.recorded(here.id).await, Some(a.clone()));

    // Ria's shift starts in two and a half hours: too early for the kiosk.
    let ria_code = t.code(t.ria.id).await;
    check("in", ria_code)
        .await
        .assert_errors(&["code"])
        .assert_contains("We cannot find a place of yours");
    assert_eq!(t.recorded(ria_later.id).await, None);

    // Checking out, then again.
    check("out", code.clone())
        .await
        .assert_contains("Goodbye, Sam. You are checked out");
    let out = t.recorded(here.id).await.unwrap();
    assert!(out.left_at.is_some());
    check("out", code)
        .await
        .assert_errors(&["code"])
        .assert_contains("You have already checked out");
}

#[tokio::test]
async fn wrong_personal_codes_lock_the_kiosk() {
    let t = Att::new().await;
    let site = t.w.a.site;
    let booking = t.book(&t.shift(site, 10, 2).await, t.sam.id).await;
    let code = t.code(t.sam.id).await;
    let wrong = if code == "999999" { "999998" } else { "999999" };
    t.set_kiosk_code(site, "123456").await;
    let cookie = t.unlock(site, "123456").await;
    let mut device = t.w.site.browser();
    let csrf = kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &[])
        .await
        .csrf();
    let fields = |code: &str| {
        vec![
            ("_csrf".to_owned(), csrf.clone()),
            ("code".to_owned(), code.to_owned()),
        ]
    };
    for _ in 0..4 {
        let f = fields(wrong);
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &f)
            .await
            .assert_errors(&["code"])
            .assert_contains("We do not recognise that code");
    }
    let f = fields(wrong);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let locked = kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &f).await;
    locked
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("this kiosk has locked itself");
    assert_eq!(kiosk_cookie(&locked), Some(String::new()));
    // Even the right code does nothing now: the kiosk must be unlocked again.
    let f = fields(&code);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    kiosk_request(&mut device, &t.kiosk(site), Some(&cookie), &f)
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(t.recorded(booking.id).await, None);

    // Five wrong kiosk codes stop unlocking for a while.
    for _ in 0..5 {
        kiosk_request(
            &mut device,
            &format!("{}/unlock", t.kiosk(site)),
            None,
            &[("kiosk_code", "654321")],
        )
        .await
        .assert_errors(&["kiosk_code"]);
    }
    let limited = kiosk_request(
        &mut device,
        &format!("{}/unlock", t.kiosk(site)),
        None,
        &[("kiosk_code", "123456")],
    )
    .await;
    limited
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Too many wrong kiosk codes");
}

//! A volunteer downloads their own applications, checklist and the concerns they raised, as CSV
//! and Excel beside those pages: only their own records, audited, and nothing signed out.

use crate::checklist::Onboarding;
use crate::list_downloads::csv_rows;
use crate::own_downloads::both_formats;
use crate::support::World;

#[tokio::test]
async fn a_volunteer_downloads_their_applications_and_checklist_only() {
    let o = Onboarding::new("none", "0").await;
    let mut olive = o.w.site.signed_in("olive@example.org").await;
    let applications = both_formats(&mut olive, "/my/applications").await;
    assert_eq!(
        applications[0],
        ["Submitted", "Organisation", "Role", "Status"]
    );
    assert_eq!(applications.len(), 2, "{applications:?}");
    assert_eq!(applications[1][1], o.w.a.name);
    assert_eq!(applications[1][2], "Ward companion");
    assert_eq!(applications[1][3], "Accepted");
    let checklist = both_formats(&mut olive, "/my/checklist").await;
    assert_eq!(checklist[0][2], "Check or training");
    let items: Vec<&str> = checklist[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(items.len(), 2, "{checklist:?}");
    assert!(
        checklist[1..]
            .iter()
            .all(|r| r[1] == "Ward companion" && r[4] == "no"),
        "{checklist:?}"
    );
    let audited: Vec<String> =
        o.w.site
            .app
            .store
            .audit_for(None, o.volunteer.id.0)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .filter(|a| a.ends_with(".exported"))
            .collect();
    assert_eq!(audited.len(), 4, "{audited:?}");
    assert!(audited.contains(&"my_checklist.exported".to_owned()));

    // A's volunteer from the world applied elsewhere: none of Olive's; signed out, no file.
    let mut other = o.w.site.signed_in(o.w.a.volunteer.email.as_str()).await;
    let theirs = csv_rows(&other.get("/my/applications.csv").await);
    assert!(
        theirs[1..].iter().all(|r| r[2] != "Ward companion"),
        "{theirs:?}"
    );
    assert_eq!(csv_rows(&other.get("/my/checklist.csv").await).len(), 1);
    let page = o.w.site.browser().get("/my/checklist.csv").await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );
}

#[tokio::test]
async fn the_concerns_someone_raised_download_for_them_alone() {
    let w = World::new().await;
    crate::triangle::Triangle::of(&w.site, &w.a, "a").await;
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let concerns = both_formats(&mut admin, "/my/concerns").await;
    assert_eq!(concerns[0], ["Raised", "About", "Organisation", "Status"]);
    assert_eq!(concerns.len(), 2, "{concerns:?}");
    assert!(concerns[1][1].contains("Edna"), "{concerns:?}");
    assert_eq!(concerns[1][2], w.a.name);
    // Another organisation's admin raised none.
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(csv_rows(&other.get("/my/concerns.csv").await).len(), 1);
}

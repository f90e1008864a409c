//! A network's member directory, role library and resource library download as CSV and Excel
//! beside their pages, for those the network lets see them: members get all three (resources
//! narrowed by the page's search), anyone else signed in only the public resources; each
//! download is in the network's audit log.

use axum::http::StatusCode;

use super::resources::two_resources;
use super::{NETWORK, network};
use crate::list_downloads::{XLSX, csv_rows, network_audit};
use crate::support::World;

#[tokio::test]
async fn members_download_the_directory_and_libraries_and_others_only_public_resources() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    two_resources(&w).await;
    let base = format!("/networks/{NETWORK}");
    let mut member = w.site.signed_in(w.b.admin.email.as_str()).await;
    for (page, link) in [
        ("directory", "directory.csv"),
        ("roles", "roles.xlsx"),
        ("resources", "resources.csv?q="),
    ] {
        member
            .get(&format!("{base}/{page}"))
            .await
            .assert_contains(&format!("href=\"{base}/{link}"));
    }

    let directory = csv_rows(&member.get(&format!("{base}/directory.csv")).await);
    assert_eq!(directory[0][0], "Member");
    let listed: Vec<&str> = directory[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(listed.contains(&w.a.name.as_str()), "{directory:?}");
    assert!(listed.contains(&w.b.name.as_str()), "{directory:?}");
    let roles = csv_rows(&member.get(&format!("{base}/roles.csv")).await);
    assert_eq!(roles[0][..3], ["Role", "Summary", "Setting"]);
    assert!(roles.len() > 1, "the seeded NHS roles: {roles:?}");
    let resources = csv_rows(&member.get(&format!("{base}/resources.csv")).await);
    assert_eq!(resources.len(), 3, "{resources:?}");
    let lone = csv_rows(&member.get(&format!("{base}/resources.csv?q=lone")).await);
    assert_eq!(lone.len(), 2, "{lone:?}");
    assert_eq!(lone[1][0], "Lone working policy");
    for list in ["directory", "roles", "resources"] {
        let file = member.get(&format!("{base}/{list}.xlsx")).await;
        file.assert_status(StatusCode::OK);
        assert_eq!(file.headers["content-type"], XLSX, "{list}");
    }

    // Signed in but no member: public resources only; the directory and roles not found.
    let outsider = w
        .site
        .person("Olly", "Outsider", "olly@example.org", "1990-01-01")
        .await;
    let mut olly = w.site.signed_in(outsider.email.as_str()).await;
    let public = csv_rows(&olly.get(&format!("{base}/resources.csv")).await);
    assert_eq!(public.len(), 2, "{public:?}");
    assert_eq!(public[1][0], "Welcoming volunteers");
    for list in ["directory.csv", "roles.csv", "directory.xlsx"] {
        olly.get(&format!("{base}/{list}"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Signed out: sent to sign in.
    let page = w.site.browser().get(&format!("{base}/resources.csv")).await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );

    let audited = network_audit(&w, NETWORK).await;
    for action in [
        "network_directory.exported",
        "network_roles.exported",
        "network_resources.exported",
    ] {
        assert!(audited.iter().any(|a| a == action), "{audited:?}");
    }
}

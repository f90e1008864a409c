//! Changing and withdrawing role templates in the pages: the publishing organisation's managers
//! and the coordinators may; other members are refused; non-members find nothing.

use axum::http::StatusCode;

use super::{NETWORK, coordinator, network};
use crate::support::World;

/// B's admin publishes B's role from its page; the template's address.
async fn b_publishes(w: &World) -> String {
    let role_page = format!("/manage/{}/roles/{}", w.b.slug, w.b.role);
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    let token = b_admin.get(&role_page).await.csrf();
    b_admin
        .post(
            &format!("{role_page}/share"),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await
        .redirect()
        .to_owned()
}

fn change<'a>(token: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("_csrf", token),
        ("title", title),
        ("summary", "Company for patients"),
        ("minimum_age", "18"),
        (
            "non_substitution_statement",
            "Adds time with patients; never replaces staff.",
        ),
    ]
}

#[tokio::test]
async fn the_publisher_changes_and_withdraws_its_template_and_other_members_cannot() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let template = b_publishes(&w).await;
    let edit = format!("{template}/edit");

    // A's viewer is staff of a member but did not publish it and manages nothing.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&template)
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Change the template");
    assert_eq!(viewer.get(&edit).await.status, StatusCode::FORBIDDEN);
    let token = viewer.csrf().await;
    let refused = viewer.post(&edit, &change(&token, "Taken over")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = viewer
        .post(&format!("{template}/withdraw"), &[("_csrf", &token)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // B's admin rewords it; a blank title is named and nothing changes.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    let page = b_admin.get(&template).await;
    page.assert_contains("Change the template");
    let form = b_admin.get(&edit).await;
    form.assert_status(StatusCode::OK);
    let token = form.csrf();
    b_admin
        .post(&edit, &change(&token, " "))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_errors(&["title"]);
    let saved = b_admin.post(&edit, &change(&token, "Ward companion")).await;
    assert_eq!(saved.redirect(), template);
    b_admin
        .get(&template)
        .await
        .assert_contains("<h1>Ward companion</h1>")
        .assert_contains("never replaces staff");

    // Withdrawn, it leaves the library and cannot be copied; the role it came from stays.
    let gone = b_admin
        .post(&format!("{template}/withdraw"), &[("_csrf", &token)])
        .await;
    assert_eq!(gone.redirect(), format!("/networks/{NETWORK}/roles"));
    let mut a_admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    a_admin
        .get(&format!("/networks/{NETWORK}/roles"))
        .await
        .assert_lacks("Ward companion");
    assert_eq!(a_admin.get(&template).await.status, StatusCode::NOT_FOUND);
    let token = a_admin.csrf().await;
    let copy = a_admin
        .post(
            &format!("{template}/copy"),
            &[("_csrf", &token), ("organisation", &w.a.slug)],
        )
        .await;
    assert_eq!(copy.status, StatusCode::NOT_FOUND);
    b_admin
        .get(&format!("/manage/{}/roles/{}", w.b.slug, w.b.role))
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn coordinators_look_after_the_seeded_roles_and_outsiders_find_nothing() {
    let w = World::new().await;
    network(&w, &[]).await;
    let access = coordinator(&w).await;
    let seeded = w.site.app.role_library(&access).await.unwrap()[0]
        .template
        .id;
    let template = format!("/networks/{NETWORK}/roles/{seeded}");
    let edit = format!("{template}/edit");

    // B is not a member: not found, and nothing changes.
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(outsider.get(&edit).await.status, StatusCode::NOT_FOUND);
    let token = outsider.csrf().await;
    let post = outsider.post(&edit, &change(&token, "Ours now")).await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    let post = outsider
        .post(&format!("{template}/withdraw"), &[("_csrf", &token)])
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);

    // A's admin coordinates: they may.
    let mut a_admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let token = a_admin.get(&edit).await.csrf();
    let saved = a_admin.post(&edit, &change(&token, "Ward companion")).await;
    assert_eq!(saved.redirect(), template);
    let library = w.site.app.role_library(&access).await.unwrap();
    let changed = library.iter().find(|t| t.template.id == seeded).unwrap();
    assert_eq!(changed.template.title, "Ward companion");
    assert_eq!(changed.template.minimum_age, 18);
}

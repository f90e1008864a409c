//! The learning record's own entries: people add learning they did elsewhere (bad input named,
//! no future days) and only they can remove it.

use axum::http::StatusCode;

use crate::events::{date_in, world};

#[tokio::test]
async fn people_add_learning_of_their_own_and_only_they_remove_it() {
    let w = world().await;
    let mut me = w.site.signed_in(w.a_viewer.email.as_str()).await;
    me.get("/my/learning")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Nothing here yet");
    let tomorrow = date_in(&w, 1);
    me.submit(
        "/my/learning",
        &[("title", ""), ("done_on", &tomorrow), ("hours", "lots")],
    )
    .await
    .assert_errors(&["title", "done_on", "hours"]);
    let yesterday = date_in(&w, -1);
    let added = me
        .submit(
            "/my/learning",
            &[
                ("title", "Level 3 safeguarding"),
                ("provider", "County council"),
                ("done_on", &yesterday),
                ("hours", "1.5"),
            ],
        )
        .await;
    assert_eq!(added.redirect(), "/my/learning?done=added");
    me.get("/my/learning")
        .await
        .assert_contains("Level 3 safeguarding")
        .assert_contains("1 hour 30 minutes")
        .assert_contains("Added by you");
    let entry = w
        .site
        .app
        .store
        .cpd_entries_of(w.a_viewer.id)
        .await
        .unwrap()
        .remove(0);
    let remove = format!("/my/learning/entries/{}/delete", entry.id);
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    other
        .submit(&remove, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    other
        .get("/my/learning")
        .await
        .assert_lacks("Level 3 safeguarding");
    assert_eq!(
        me.submit(&remove, &[]).await.redirect(),
        "/my/learning?done=removed"
    );
    me.get("/my/learning")
        .await
        .assert_lacks("Level 3 safeguarding");
}

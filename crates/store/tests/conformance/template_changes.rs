//! Role templates in the store: a change lands only on the version it was made from; a
//! withdrawn template leaves the library but is still found for the roles copied from it, and
//! can be neither changed nor withdrawn again.

use std::sync::Arc;

use app::ports::NetworkWrite;
use app::{Store, Write};

use crate::fixtures::{assert_conflict, at};
use crate::resources::set_up;

async fn template_changes_expect_their_version_and_withdrawing_keeps_the_row(
    store: Arc<dyn Store>,
) {
    let lib = set_up(&store).await;
    let templates = domain::network::role_template::nhs_role_templates(lib.network.id, at(1, 9));
    let first = templates[0].clone();
    let count = templates.len();
    store
        .apply(vec![Write::Network(NetworkWrite::InsertRoleTemplates(
            templates,
        ))])
        .await
        .unwrap();
    let read = store
        .role_template(lib.network.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.updated_at, first.published_at);
    assert_eq!(read.withdrawn_at, None);

    let changed = domain::network::role_template::RoleTemplate {
        title: "Ward companion".into(),
        minimum_age: 18,
        updated_at: at(2, 9),
        ..read.clone()
    };
    let update = |expected| {
        Write::Network(NetworkWrite::UpdateRoleTemplate {
            template: changed.clone(),
            expected_updated_at: expected,
        })
    };
    store.apply(vec![update(read.updated_at)]).await.unwrap();
    // A second change made from the old version is refused.
    assert_conflict(store.apply(vec![update(read.updated_at)]).await);
    let read = store
        .role_template(lib.network.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.title, "Ward companion");
    assert_eq!(read.minimum_age, 18);
    assert_eq!(read.requirement_codes, first.requirement_codes);

    let withdraw = Write::Network(NetworkWrite::WithdrawRoleTemplate(
        lib.network.id,
        first.id,
        at(3, 9),
    ));
    store.apply(vec![withdraw.clone()]).await.unwrap();
    assert_conflict(store.apply(vec![withdraw]).await);
    assert_conflict(store.apply(vec![update(at(2, 9))]).await);
    let library = store.role_templates(lib.network.id).await.unwrap();
    assert_eq!(library.len(), count - 1);
    assert!(library.iter().all(|t| t.template.id != first.id));
    let kept = store
        .role_template(lib.network.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.withdrawn_at, Some(at(3, 9)));
}
conformance!(template_changes_expect_their_version_and_withdrawing_keeps_the_row);

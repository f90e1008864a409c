//! The applications list: newest first, paged, filtered by status and by supervised sites.

use std::sync::Arc;

use app::ports::ApplicationSearch;
use app::{Store, Write};
use domain::application::ApplicationStatus;
use domain::engagement::EngagementStatus;

use crate::fixtures::{application, at, organisation, role, site, volunteer};

async fn application_pages(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let north = site(a.id, "North Ward");
    let south = site(a.id, "South Ward");
    let visitor = role(a.id, "Ward visitor", &[north.id]);
    let gardener = role(a.id, "Garden helper", &[south.id]);
    let b_role = role(b.id, "Hospice visitor", &[]);
    let mut writes = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertOrganisation(b.clone()),
        Write::InsertSite(north.clone()),
        Write::InsertSite(south.clone()),
        Write::InsertRole(visitor.clone()),
        Write::InsertRole(gardener.clone()),
        Write::InsertRole(b_role.clone()),
    ];
    // Seven in A on days 1–7 (visitor on odd days, gardener on even), three declined; one in B.
    let mut ids = Vec::new();
    for day in 1..=7 {
        let e = volunteer(&mut writes, a.id, EngagementStatus::Applicant);
        let r = if day % 2 == 1 {
            visitor.id
        } else {
            gardener.id
        };
        let mut app = application(&e, r, at(day, 9));
        if day <= 3 {
            app.status = ApplicationStatus::Declined;
        }
        ids.push(app.id);
        writes.push(Write::InsertApplication(app));
    }
    let e = volunteer(&mut writes, b.id, EngagementStatus::Applicant);
    writes.push(Write::InsertApplication(application(
        &e,
        b_role.id,
        at(8, 9),
    )));
    store.apply(writes).await.unwrap();

    let search = |page, per_page| ApplicationSearch {
        page,
        per_page,
        ..Default::default()
    };
    let first = store.application_page(a.id, &search(1, 3)).await.unwrap();
    assert_eq!(first.total, 7);
    assert_eq!(first.pages(), 3);
    let newest: Vec<_> = first.items.iter().map(|r| r.application.id).collect();
    assert_eq!(newest, [ids[6], ids[5], ids[4]], "newest first");
    let last = store.application_page(a.id, &search(3, 3)).await.unwrap();
    assert_eq!(last.items.len(), 1);
    assert_eq!(last.items[0].application.id, ids[0]);

    let declined = ApplicationSearch {
        status: Some(ApplicationStatus::Declined),
        ..search(1, 50)
    };
    let page = store.application_page(a.id, &declined).await.unwrap();
    assert_eq!(page.total, 3);
    assert!(
        page.items
            .iter()
            .all(|r| r.application.status == ApplicationStatus::Declined)
    );

    let north_only = ApplicationSearch {
        limit_to_sites: Some(vec![north.id]),
        ..search(1, 50)
    };
    let page = store.application_page(a.id, &north_only).await.unwrap();
    assert_eq!(page.total, 4, "days 1, 3, 5 and 7");
    assert!(
        page.items
            .iter()
            .all(|r| r.application.role_id == visitor.id)
    );
    let nowhere = ApplicationSearch {
        limit_to_sites: Some(vec![]),
        ..search(1, 50)
    };
    assert_eq!(
        store.application_page(a.id, &nowhere).await.unwrap().total,
        0
    );

    let theirs = store.application_page(b.id, &search(1, 50)).await.unwrap();
    assert_eq!(theirs.total, 1);
    assert!(
        theirs
            .items
            .iter()
            .all(|r| r.application.organisation_id == b.id)
    );
}

conformance!(application_pages);

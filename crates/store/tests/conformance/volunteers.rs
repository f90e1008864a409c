//! The volunteers list: search, filters, paging and scoping.

use std::sync::Arc;

use app::ports::{Page, VolunteerRow, VolunteerSearch};
use app::{Store, Write};
use domain::engagement::EngagementStatus;
use domain::ids::*;
use domain::values::Email;

use crate::fixtures::{application, at, engagement, organisation, person, role, site, unique};

async fn volunteers_list(store: Arc<dyn Store>) {
    use EngagementStatus::*;
    const FAMILIES: [&str; 12] = [
        "Abbott", "Baker", "Carter", "Dawson", "Evans", "Fisher", "Green", "Hughes", "Irwin",
        "Jones", "Khan", "Lewis",
    ];

    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let north = site(a.id, "North Ward");
    let south = site(a.id, "South Ward");
    let house = site(b.id, "Bramble House");
    let visitor = role(a.id, "Ward visitor", &[north.id]);
    let gardener = role(a.id, "Garden helper", &[south.id]);
    let b_visitor = role(b.id, "Hospice visitor", &[house.id]);
    let mut writes = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertOrganisation(b.clone()),
        Write::InsertSite(north.clone()),
        Write::InsertSite(south.clone()),
        Write::InsertSite(house.clone()),
        Write::InsertRole(visitor.clone()),
        Write::InsertRole(gardener.clone()),
        Write::InsertRole(b_visitor.clone()),
    ];

    // Twelve in A: 0–4 active, 5–8 applicants, 9–11 paused. 0–4 applied to the ward visitor
    // role (north), 4–6 to the garden role (south).
    let mut people = Vec::new();
    let mut engagements = Vec::new();
    for (i, family) in FAMILIES.iter().enumerate() {
        let mut p = person(&format!("Vol{i}"), family);
        if i == 3 {
            p.email = Email::parse(&format!("zebra.{}@example.org", unique())).unwrap();
        }
        let status = match i {
            0..=4 => Active,
            5..=8 => Applicant,
            _ => Paused,
        };
        let e = engagement(a.id, p.id, status, at(1, 9));
        writes.push(Write::InsertPerson(p.clone(), None));
        writes.push(Write::InsertEngagement(e.clone()));
        if i <= 4 {
            writes.push(Write::InsertApplication(application(
                &e,
                visitor.id,
                at(2, 9),
            )));
        }
        if (4..=6).contains(&i) {
            writes.push(Write::InsertApplication(application(
                &e,
                gardener.id,
                at(2, 10),
            )));
        }
        people.push(p);
        engagements.push(e);
    }
    // B has three people of its own, and Lewis volunteers with both.
    let mut b_people = vec![people[11].clone()];
    for i in 0..3 {
        let p = person(&format!("Other{i}"), "Outsider");
        writes.push(Write::InsertPerson(p.clone(), None));
        b_people.push(p);
    }
    for p in &b_people {
        let e = engagement(b.id, p.id, Active, at(1, 9));
        writes.push(Write::InsertEngagement(e.clone()));
        writes.push(Write::InsertApplication(application(
            &e,
            b_visitor.id,
            at(2, 9),
        )));
    }
    store.apply(writes).await.unwrap();

    let families = |page: &Page<VolunteerRow>| {
        page.items
            .iter()
            .map(|r| r.person.family_name.clone())
            .collect::<Vec<_>>()
    };
    let search = |f: fn(&mut VolunteerSearch)| {
        let mut s = VolunteerSearch {
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        f(&mut s);
        s
    };

    // Paging, in family-name order, with the total of the whole list.
    let mut seen = Vec::new();
    for (n, expected) in [(1, 5), (2, 5), (3, 2)] {
        let page = store
            .volunteers(
                a.id,
                &VolunteerSearch {
                    page: n,
                    per_page: 5,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total, 12);
        assert_eq!(page.page, n);
        assert_eq!(page.pages(), 3);
        assert_eq!(page.items.len(), expected, "page {n}");
        seen.extend(families(&page));
    }
    assert_eq!(seen, FAMILIES);
    let beyond = store
        .volunteers(
            a.id,
            &VolunteerSearch {
                page: 4,
                per_page: 5,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 12);

    // Each row carries the person, their engagement here and the roles they applied to here.
    let all = store.volunteers(a.id, &search(|_| {})).await.unwrap();
    assert_eq!(all.items.len(), 12);
    for (i, row) in all.items.iter().enumerate() {
        assert_eq!(row.person, people[i]);
        assert_eq!(row.engagement, engagements[i]);
    }
    assert_eq!(all.items[0].roles, vec!["Ward visitor"]);
    assert_eq!(all.items[4].roles, vec!["Garden helper", "Ward visitor"]);
    assert_eq!(all.items[5].roles, vec!["Garden helper"]);
    assert!(all.items[11].roles.is_empty());

    // Keywords: any case, in names and email, every word must match.
    let found = |page: Page<VolunteerRow>| {
        assert_eq!(page.total, page.items.len() as u64);
        families(&page)
    };
    let keywords = |words: &str| VolunteerSearch {
        keywords: words.into(),
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(store.volunteers(a.id, &keywords("kHaN")).await.unwrap()),
        vec!["Khan"]
    );
    assert_eq!(
        found(store.volunteers(a.id, &keywords("ZEBRA")).await.unwrap()),
        vec!["Dawson"]
    );
    assert_eq!(
        found(store.volunteers(a.id, &keywords("vol1")).await.unwrap()),
        vec!["Baker", "Khan", "Lewis"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &keywords("VOL1 lewis"))
                .await
                .unwrap()
        ),
        vec!["Lewis"]
    );
    assert!(found(store.volunteers(a.id, &keywords("outsider")).await.unwrap()).is_empty());

    // Status.
    assert_eq!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Paused)))
                .await
                .unwrap()
        ),
        vec!["Jones", "Khan", "Lewis"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Applicant)))
                .await
                .unwrap()
        ),
        vec!["Fisher", "Green", "Hughes", "Irwin"]
    );
    assert!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Left)))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // Role.
    let by_role = |role: RoleId, status: Option<EngagementStatus>| VolunteerSearch {
        role_id: Some(role),
        status,
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(visitor.id, None))
                .await
                .unwrap()
        ),
        &FAMILIES[0..=4]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(gardener.id, None))
                .await
                .unwrap()
        ),
        vec!["Evans", "Fisher", "Green"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(gardener.id, Some(Active)))
                .await
                .unwrap()
        ),
        vec!["Evans"]
    );
    assert!(
        found(
            store
                .volunteers(a.id, &by_role(b_visitor.id, None))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // Supervisors see only people who applied to roles at their sites.
    let at_sites = |sites: Vec<SiteId>| VolunteerSearch {
        limit_to_sites: Some(sites),
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![south.id]))
                .await
                .unwrap()
        ),
        vec!["Evans", "Fisher", "Green"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![north.id, south.id]))
                .await
                .unwrap()
        ),
        &FAMILIES[0..=6]
    );
    assert!(found(store.volunteers(a.id, &at_sites(vec![])).await.unwrap()).is_empty());
    assert!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![house.id]))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // The other organisation sees only its own volunteers, and its own roles for them.
    let theirs = store.volunteers(b.id, &search(|_| {})).await.unwrap();
    assert_eq!(theirs.total, 4);
    assert_eq!(
        families(&theirs),
        vec!["Lewis", "Outsider", "Outsider", "Outsider"]
    );
    for row in &theirs.items {
        assert_eq!(row.engagement.organisation_id, b.id);
        assert_eq!(row.roles, vec!["Hospice visitor"]);
    }
    assert_eq!(
        found(
            store
                .volunteers(b.id, &at_sites(vec![house.id]))
                .await
                .unwrap()
        )
        .len(),
        4
    );
}
conformance!(volunteers_list);

//! What is expiring (for the manager's list and for reminders), and DBS details due for
//! deletion.

use std::sync::Arc;

use app::{Store, Write};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::{
    Check, CheckKind, CheckStatus, DbsEvidence, DbsOutcome, RequirementType, Workforce,
};
use domain::ids::CheckId;
use domain::role::DbsLevel;

use crate::fixtures::{at, check, day, engagement, of_kind, organisation, person, training};
use domain::engagement::EngagementStatus;

fn ids(checks: &[Check]) -> Vec<CheckId> {
    checks.iter().map(|c| c.id).collect()
}

async fn expiring(store: Arc<dyn Store>) {
    use CheckStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let other_cat = standard_catalogue(other.id);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let cara = person("Cara", "Left");
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertPerson(asha.clone(), None),
        Write::InsertPerson(ben.clone(), None),
        Write::InsertPerson(cara.clone(), None),
        // Someone who has left is neither reminded nor listed.
        Write::InsertEngagement(engagement(
            org.id,
            cara.id,
            EngagementStatus::Left,
            at(1, 9),
        )),
    ];
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(other_cat.iter().cloned().map(Write::InsertRequirementType));
    let t = training(&cat);
    let on = |month, d| Some(day(2026, month, d));
    let first = check(asha.id, t[0], Verified, on(4, 1));
    let last = check(asha.id, t[1], Verified, on(4, 30));
    let bens = check(ben.id, t[0], Verified, on(4, 15));
    let outside = [
        check(asha.id, t[2], Verified, on(3, 31)),
        check(asha.id, t[3], Verified, on(5, 1)),
        check(asha.id, t[4], Submitted, on(4, 15)),
        check(asha.id, t[5], Waived, on(4, 15)),
        check(asha.id, t[6], Failed, on(4, 15)),
        check(asha.id, t[7], Verified, None),
    ];
    let theirs = check(asha.id, training(&other_cat)[0], Verified, on(4, 10));
    let leavers = check(cara.id, t[0], Verified, on(4, 12));
    // A renewal waiting to be verified is listed by the date the evidence it replaces ends.
    let mut renewing = check(ben.id, t[3], Submitted, Some(day(2028, 4, 19)));
    renewing.verified_through = on(4, 20);
    writes.extend(
        outside
            .iter()
            .chain([&first, &last, &bens, &theirs, &renewing, &leavers])
            .cloned()
            .map(Write::InsertCheck),
    );
    store.apply(writes).await.unwrap();

    // From and to are inclusive, only verified items count, soonest first.
    let (from, to) = (day(2026, 4, 1), day(2026, 4, 30));
    let rows = store.expiring_checks(org.id, from, to).await.unwrap();
    let found: Vec<CheckId> = rows.iter().map(|r| r.check.id).collect();
    assert_eq!(found, vec![first.id, bens.id, renewing.id, last.id]);
    assert_eq!(rows[2].check, renewing, "the renewal reads back whole");
    assert_eq!(rows[0].check, first);
    assert_eq!(rows[0].person_name, "Asha Patel");
    assert_eq!(rows[0].person_email, asha.email.as_str());
    assert_eq!(rows[1].person_name, "Ben Okafor");
    let theirs_only = store.expiring_checks(other.id, from, to).await.unwrap();
    assert_eq!(theirs_only.len(), 1);
    assert_eq!(theirs_only[0].check, theirs);
    assert!(
        store
            .expiring_checks(org.id, day(2026, 4, 2), day(2026, 4, 14))
            .await
            .unwrap()
            .is_empty()
    );

    // For reminders, every organisation's, and only verified items (a renewal has been sent).
    assert_eq!(
        ids(&store.all_expiring_checks(from, to).await.unwrap()),
        vec![first.id, theirs.id, bens.id, last.id]
    );
    assert_eq!(
        ids(&store.all_expiring_checks(to, to).await.unwrap()),
        vec![last.id]
    );
}
conformance!(expiring);

async fn dbs_details_due_for_deletion(store: Arc<dyn Store>) {
    use CheckStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let other_cat = standard_catalogue(other.id);
    let people: Vec<_> = (0..6)
        .map(|i| person("Volunteer", &format!("N{i}")))
        .collect();
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
    ];
    writes.extend(people.iter().map(|p| Write::InsertPerson(p.clone(), None)));
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(other_cat.iter().cloned().map(Write::InsertRequirementType));
    let evidence = DbsEvidence {
        level: DbsLevel::Enhanced,
        workforce: Some(Workforce::Adult),
        certificate_number: Some("001234567890".into()),
        outcome: Some(DbsOutcome::Clear),
        update_service: false,
        status_checked_on: None,
        details_removed_at: None,
    };
    let dbs = |i: usize, t: &RequirementType, status, day_of_march: u32| Check {
        dbs: Some(evidence.clone()),
        decided_at: Some(at(day_of_march, 9)),
        ..check(people[i].id, t, status, None)
    };
    let dbs_type = of_kind(&cat, CheckKind::Dbs);
    let verified = dbs(0, dbs_type, Verified, 2);
    let failed = dbs(1, dbs_type, Failed, 1);
    let theirs = dbs(0, of_kind(&other_cat, CheckKind::Dbs), Verified, 2);
    let later = dbs(2, dbs_type, Verified, 4);
    let already = Check {
        dbs: Some(DbsEvidence {
            certificate_number: None,
            outcome: None,
            details_removed_at: Some(at(3, 9)),
            ..evidence.clone()
        }),
        ..dbs(3, dbs_type, Verified, 1)
    };
    let waived = check(people[4].id, dbs_type, Waived, None);
    let module = check(people[5].id, training(&cat)[0], Verified, None);
    writes.extend(
        [
            &verified, &failed, &theirs, &later, &already, &waived, &module,
        ]
        .into_iter()
        .cloned()
        .map(Write::InsertCheck),
    );
    store.apply(writes).await.unwrap();

    // Decided at or before the cutoff, details still held, in every organisation, oldest first.
    let due = store.dbs_details_decided_before(at(2, 9)).await.unwrap();
    let mut same_time = vec![verified.id, theirs.id];
    same_time.sort();
    assert_eq!(ids(&due), [vec![failed.id], same_time].concat());
    assert_eq!(
        ids(&store.dbs_details_decided_before(at(2, 8)).await.unwrap()),
        vec![failed.id]
    );
    assert!(
        store
            .dbs_details_decided_before(at(1, 8))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .dbs_details_decided_before(at(31, 9))
            .await
            .unwrap()
            .len(),
        4
    );
}
conformance!(dbs_details_due_for_deletion);

//! Compliance records: each organisation's catalogue and people's checks (DBS details among
//! them). What is expiring, placements and references are in `compliance/`.

mod expiry;
mod placements;
mod references;

use std::sync::Arc;

use app::{Store, Write};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::check::CheckVersion;
use domain::compliance::{
    Check, CheckKind, CheckStatus, DbsEvidence, DbsOutcome, RequirementType, RequirementTypeInput,
    Workforce,
};
use domain::ids::{CheckId, RequirementTypeId};
use domain::role::DbsLevel;

use crate::fixtures::{
    assert_conflict, at, check, day, message, of_kind, organisation, person, training,
};

fn ids(checks: &[Check]) -> Vec<CheckId> {
    checks.iter().map(|c| c.id).collect()
}

fn by_id(mut items: Vec<RequirementType>) -> Vec<RequirementType> {
    items.sort_by_key(|t| t.id);
    items
}

async fn catalogue(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let bare = organisation("Cedar House");
    let ours = standard_catalogue(org.id);
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertOrganisation(bare.clone()),
    ];
    writes.extend(ours.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(
        standard_catalogue(other.id)
            .into_iter()
            .map(Write::InsertRequirementType),
    );
    store.apply(writes).await.unwrap();
    assert_eq!(
        store.organisations_without_catalogue().await.unwrap(),
        vec![bare.id]
    );
    assert_eq!(
        by_id(store.requirement_types(org.id).await.unwrap()),
        by_id(ours.clone())
    );

    // An organisation's own items: a check after the standard checks, training at the end.
    let own = |name: &str, kind: &str, months: &str| RequirementTypeInput {
        name: name.into(),
        kind: kind.into(),
        description: "Ask the ward manager".into(),
        validity_months: months.into(),
    };
    let vaccination = own("Hepatitis B vaccination", "other", "")
        .parse_new(org.id)
        .unwrap();
    let orientation = own("Ward orientation", "training", "12")
        .parse_new(org.id)
        .unwrap();
    store
        .apply(vec![
            Write::InsertRequirementType(orientation.clone()),
            Write::InsertRequirementType(vaccination.clone()),
        ])
        .await
        .unwrap();
    let listed = store.requirement_types(org.id).await.unwrap();
    assert_eq!(listed.len(), ours.len() + 2);
    let first_training = listed.iter().position(|t| t.kind.is_training()).unwrap();
    assert!(
        listed[first_training..]
            .iter()
            .all(|t| t.kind.is_training())
    );
    assert_eq!(listed[first_training - 1], vaccination);
    assert_eq!(listed.last(), Some(&orientation));
    let standard_checks: Vec<&str> = listed[..first_training - 1]
        .iter()
        .map(|t| t.code.as_str())
        .collect();
    assert!(standard_checks.is_sorted(), "{standard_checks:?}");

    // Editing an item.
    let changed = RequirementTypeInput {
        description: "Two hours with the nurse in charge".into(),
        validity_months: "24".into(),
        ..RequirementTypeInput::from_type(&orientation)
    }
    .parse_update(&orientation)
    .unwrap();
    store
        .apply(vec![Write::UpdateRequirementType(changed.clone())])
        .await
        .unwrap();
    let listed = store.requirement_types(org.id).await.unwrap();
    assert!(listed.contains(&changed) && !listed.contains(&orientation));
    assert_eq!(changed.validity_months, Some(24));

    // A code is unique in an organisation: the whole batch is refused.
    let twin = RequirementType {
        id: RequirementTypeId::new(),
        ..changed.clone()
    };
    assert_conflict(
        store
            .apply(vec![
                Write::InsertMessage(message("bystander@example.org", at(1, 9))),
                Write::InsertRequirementType(twin),
            ])
            .await,
    );
    assert!(store.recent_messages(10).await.unwrap().is_empty());
    assert_eq!(
        store.requirement_types(org.id).await.unwrap().len(),
        ours.len() + 2
    );
    // …but another organisation may use it.
    let elsewhere = RequirementType {
        id: RequirementTypeId::new(),
        organisation_id: bare.id,
        ..changed.clone()
    };
    store
        .apply(vec![Write::InsertRequirementType(elsewhere.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.requirement_types(bare.id).await.unwrap(),
        vec![elsewhere]
    );
    assert!(
        store
            .organisations_without_catalogue()
            .await
            .unwrap()
            .is_empty()
    );

    // An item cannot be edited through another organisation.
    let hijack = RequirementType {
        organisation_id: other.id,
        name: "Hijacked".into(),
        ..changed.clone()
    };
    assert_conflict(
        store
            .apply(vec![Write::UpdateRequirementType(hijack)])
            .await,
    );
    assert!(
        store
            .requirement_types(org.id)
            .await
            .unwrap()
            .contains(&changed)
    );
}
conformance!(catalogue);

async fn checks(store: Arc<dyn Store>) {
    use CheckStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let other_cat = standard_catalogue(other.id);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertPerson(asha.clone(), None),
        Write::InsertPerson(ben.clone(), None),
    ];
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(other_cat.iter().cloned().map(Write::InsertRequirementType));
    store.apply(writes).await.unwrap();

    // Every field comes back as written, DBS details included.
    let dbs_type = of_kind(&cat, CheckKind::Dbs);
    let dbs = Check {
        status: Verified,
        issued_on: Some(day(2026, 2, 20)),
        expires_on: Some(day(2029, 2, 19)),
        reference: "Seen in person".into(),
        note: "Information disclosed; discussed and judged suitable".into(),
        waiver_reason: "Not waived".into(),
        waived_until: Some(day(2026, 12, 31)),
        submitted_at: Some(at(2, 9)),
        submitted_by: "Asha Patel".into(),
        decided_at: Some(at(3, 10)),
        decided_by: "Morgan Manager".into(),
        dbs: Some(DbsEvidence {
            level: DbsLevel::EnhancedBarred,
            workforce: Some(Workforce::Both),
            certificate_number: Some("001234567890".into()),
            outcome: Some(DbsOutcome::Disclosed),
            update_service: true,
            status_checked_on: Some(day(2026, 2, 27)),
            details_removed_at: None,
        }),
        ..Check::pending(asha.id, dbs_type)
    };
    let minimised = Check {
        dbs: Some(DbsEvidence {
            level: DbsLevel::Standard,
            workforce: None,
            certificate_number: None,
            outcome: None,
            update_service: false,
            status_checked_on: None,
            details_removed_at: Some(at(4, 11)),
        }),
        ..check(ben.id, dbs_type, Failed, None)
    };
    let module = Check::pending(asha.id, training(&cat)[0]);
    store
        .apply(vec![
            Write::InsertCheck(module.clone()),
            Write::InsertCheck(dbs.clone()),
            Write::InsertCheck(minimised.clone()),
        ])
        .await
        .unwrap();
    for c in [&dbs, &minimised, &module] {
        assert_eq!(store.check(org.id, c.id).await.unwrap().as_ref(), Some(c));
    }
    assert_eq!(
        store.checks_of(org.id, asha.id).await.unwrap(),
        vec![dbs.clone(), module.clone()],
        "checks before training"
    );

    // A change from a status it is not in changes nothing, however the batch began.
    let renewed = Check {
        note: "Renewed".into(),
        expires_on: Some(day(2032, 2, 19)),
        ..dbs.clone()
    };
    let bens_module = Check::pending(ben.id, training(&cat)[0]);
    assert_conflict(
        store
            .apply(vec![
                Write::InsertCheck(bens_module.clone()),
                Write::InsertMessage(message("bystander@example.org", at(3, 9))),
                Write::UpdateCheck(
                    renewed.clone(),
                    CheckVersion {
                        status: Submitted,
                        ..dbs.version()
                    },
                ),
            ])
            .await,
    );
    assert_eq!(
        store.check(org.id, dbs.id).await.unwrap(),
        Some(dbs.clone())
    );
    assert_eq!(store.check(org.id, bens_module.id).await.unwrap(), None);
    assert!(store.recent_messages(10).await.unwrap().is_empty());
    // Nor from a version someone else has since changed (same status, another decision).
    assert_conflict(
        store
            .apply(vec![Write::UpdateCheck(
                renewed.clone(),
                CheckVersion {
                    decided_at: dbs.decided_at.map(|d| d - chrono::Duration::minutes(5)),
                    ..dbs.version()
                },
            )])
            .await,
    );
    store
        .apply(vec![Write::UpdateCheck(renewed.clone(), dbs.version())])
        .await
        .unwrap();
    assert_eq!(
        store.check(org.id, dbs.id).await.unwrap(),
        Some(renewed.clone())
    );
    // Nor through another organisation.
    let hijack = Check {
        organisation_id: other.id,
        note: "Hijacked".into(),
        ..renewed.clone()
    };
    assert_conflict(
        store
            .apply(vec![Write::UpdateCheck(hijack, renewed.version())])
            .await,
    );
    assert_eq!(store.check(org.id, dbs.id).await.unwrap(), Some(renewed));

    // One record of each type per person and organisation.
    assert_conflict(
        store
            .apply(vec![Write::InsertCheck(Check::pending(asha.id, dbs_type))])
            .await,
    );
    assert_eq!(store.checks_of(org.id, asha.id).await.unwrap().len(), 2);
    let elsewhere = Check::pending(asha.id, of_kind(&other_cat, CheckKind::Dbs));
    store
        .apply(vec![
            Write::InsertCheck(bens_module.clone()),
            Write::InsertCheck(elsewhere.clone()),
        ])
        .await
        .unwrap();

    // Several people's checks, in one organisation only.
    let mut both = ids(&store
        .checks_of_people(org.id, &[asha.id, ben.id])
        .await
        .unwrap());
    both.sort();
    let mut expected = vec![dbs.id, module.id, minimised.id, bens_module.id];
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(
        ids(&store.checks_of_people(org.id, &[ben.id]).await.unwrap()),
        vec![minimised.id, bens_module.id]
    );
    assert!(
        store
            .checks_of_people(org.id, &[])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .checks_of_people(other.id, &[asha.id, ben.id])
            .await
            .unwrap(),
        vec![elsewhere.clone()]
    );
    assert_eq!(store.check(other.id, dbs.id).await.unwrap(), None);
    assert_eq!(store.check(org.id, elsewhere.id).await.unwrap(), None);
}
conformance!(checks);

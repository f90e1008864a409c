use chrono::{Duration, TimeZone, Utc};

use super::*;

fn concern(urgent: bool) -> Concern {
    Concern {
        id: ConcernId::new(),
        organisation_id: OrganisationId::new(),
        subject: Subject::ServiceUser,
        supported_person_id: None,
        volunteer_id: None,
        subject_name: "Edna Brown".into(),
        urgent,
        raised_by: PersonId::new(),
        raised_at: Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap(),
    }
}

fn entry(c: &Concern, kind: EntryKind, hours: i64) -> ConcernEntry {
    ConcernEntry {
        id: ConcernEntryId::new(),
        organisation_id: c.organisation_id,
        concern_id: c.id,
        kind,
        text: "x".into(),
        by: Some(PersonId::new()),
        at: c.raised_at + Duration::hours(hours),
    }
}

#[test]
fn the_status_follows_the_record() {
    let c = concern(false);
    let mut record = vec![entry(&c, EntryKind::Raised, 0)];
    assert_eq!(status(&record), ConcernStatus::Raised);
    record.push(entry(&c, EntryKind::EscalatedToDeputy, 25));
    assert_eq!(status(&record), ConcernStatus::Raised);
    record.push(entry(&c, EntryKind::Acknowledged, 26));
    record.push(entry(&c, EntryKind::Escalated, 27));
    assert_eq!(status(&record), ConcernStatus::Escalated);
    record.push(entry(&c, EntryKind::Closed, 28));
    record.push(entry(&c, EntryKind::Note, 29));
    assert_eq!(status(&record), ConcernStatus::Closed);
}

#[test]
fn unacknowledged_concerns_pass_to_deputies_once_after_their_time() {
    let c = concern(false);
    let raised = vec![entry(&c, EntryKind::Raised, 0)];
    assert!(!needs_deputy(
        &c,
        &raised,
        c.raised_at + Duration::hours(23)
    ));
    assert!(needs_deputy(&c, &raised, c.raised_at + Duration::hours(25)));
    let mut passed = raised.clone();
    passed.push(entry(&c, EntryKind::EscalatedToDeputy, 25));
    assert!(!needs_deputy(
        &c,
        &passed,
        c.raised_at + Duration::hours(30)
    ));
    let urgent = concern(true);
    let raised = vec![entry(&urgent, EntryKind::Raised, 0)];
    assert!(needs_deputy(
        &urgent,
        &raised,
        urgent.raised_at + Duration::hours(5)
    ));
    let mut acked = raised;
    acked.push(entry(&urgent, EntryKind::Acknowledged, 1));
    assert!(!needs_deputy(
        &urgent,
        &acked,
        urgent.raised_at + Duration::hours(5)
    ));
}

#[test]
fn steps_follow_in_order_and_closed_concerns_take_only_notes() {
    let c = concern(false);
    let mut record = vec![entry(&c, EntryKind::Raised, 0)];
    assert!(check_entry("closed", "done", &record).is_err());
    assert!(check_entry("acknowledged", "", &record).is_ok());
    record.push(entry(&c, EntryKind::Acknowledged, 1));
    assert!(check_entry("acknowledged", "", &record).is_err());
    assert!(
        check_entry("assessed", "", &record).is_err(),
        "words needed"
    );
    assert!(check_entry("assessed", "Spoke to Edna", &record).is_ok());
    record.push(entry(&c, EntryKind::Closed, 2));
    assert!(check_entry("escalated", "to the council", &record).is_err());
    assert!(check_entry("note", "Follow-up call made", &record).is_ok());
}

#[test]
fn a_concern_needs_who_and_what() {
    let e = ConcernInput::default().parse(false).unwrap_err();
    assert!(
        e.get("subject").is_some() && e.get("subject_name").is_some() && e.get("what").is_some()
    );
    let ok = ConcernInput {
        subject: "volunteer".into(),
        what: "Shouted at a patient".into(),
        urgent: "yes".into(),
        ..Default::default()
    }
    .parse(true)
    .unwrap();
    assert!(ok.urgent);
}

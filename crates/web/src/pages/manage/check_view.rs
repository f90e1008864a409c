//! What the checks page shows of each placement and item: the evidence on record in words,
//! referees and their replies, and which forms go where.

use std::collections::HashSet;

use app::checklists::{Checklist, ChecklistItem};
use domain::FieldErrors;
use domain::Labelled;
use domain::compliance::reference::ReferenceRequest;
use domain::compliance::{Check, CheckKind, CheckStatus, DbsEvidence, PlacementStatus};
use domain::ids::{CheckId, PlacementId};

use super::check_form::{Builder, Part, check_values, referee_values};
use super::checks::Typed;
use crate::layout::{nhs_date, nhs_datetime, nhs_day};

/// One placement's checklist, ready to show.
pub(super) struct PlacementView {
    pub(super) id: PlacementId,
    pub(super) anchor: String,
    pub(super) eligibility_anchor: String,
    pub(super) role_title: String,
    pub(super) status: &'static str,
    pub(super) accepted: String,
    pub(super) onboarding: bool,
    pub(super) blocks: Vec<String>,
    pub(super) start_refused: bool,
    pub(super) items: Vec<ItemView>,
}

/// One item of a checklist, ready to show.
pub(super) struct ItemView {
    /// The element id, or "" for none.
    pub(super) anchor: String,
    pub(super) name: String,
    pub(super) status: &'static str,
    pub(super) facts: Vec<(&'static str, String)>,
    pub(super) references: Vec<RefereeView>,
    /// The forms, on the item's first appearance on the page.
    pub(super) form: Option<ItemForm>,
    /// Where its form is, when another role needs it too.
    pub(super) recorded_under: String,
}

/// An item's forms.
pub(super) struct ItemForm {
    pub(super) check_id: CheckId,
    pub(super) open: bool,
    pub(super) parts: Vec<Part>,
    pub(super) referee_parts: Vec<Part>,
}

/// A referee asked, and their reply if given.
pub(super) struct RefereeView {
    pub(super) name: String,
    pub(super) email: String,
    pub(super) relationship: String,
    pub(super) asked: String,
    pub(super) reply: Option<ReplyView>,
}

/// A referee's reply.
pub(super) struct ReplyView {
    pub(super) received: String,
    pub(super) recommends: &'static str,
    pub(super) known_for: String,
    pub(super) suitability: String,
}

pub(super) fn placement_view(
    list: Checklist,
    errors: &FieldErrors,
    typed: &Typed,
    can_manage: bool,
    seen: &mut HashSet<CheckId>,
    first_role: &mut Vec<(CheckId, String)>,
) -> PlacementView {
    let p = &list.placement.placement;
    let start_refused = matches!(typed, Typed::Start(id) if *id == p.id);
    let items = list
        .items
        .into_iter()
        .map(|item| {
            let first = item.check.as_ref().is_some_and(|c| seen.insert(c.id));
            let recorded_under = match &item.check {
                Some(c) if !first => first_role
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, role)| role.clone())
                    .unwrap_or_default(),
                Some(c) => {
                    first_role.push((c.id, list.role.title.clone()));
                    String::new()
                }
                None => String::new(),
            };
            item_view(item, errors, typed, can_manage && first, recorded_under)
        })
        .collect();
    PlacementView {
        id: p.id,
        anchor: if start_refused {
            "placement".to_owned()
        } else {
            format!("placement-{}", p.id)
        },
        eligibility_anchor: if start_refused {
            "eligibility".to_owned()
        } else {
            format!("eligibility-{}", p.id)
        },
        role_title: list.role.title.clone(),
        status: p.status.label(),
        accepted: nhs_day(&p.accepted_at),
        onboarding: p.status == PlacementStatus::Onboarding,
        blocks: list
            .eligibility
            .blocks()
            .iter()
            .map(|b| b.message())
            .collect(),
        start_refused,
        items,
    }
}

fn item_view(
    item: ChecklistItem,
    errors: &FieldErrors,
    typed: &Typed,
    with_form: bool,
    recorded_under: String,
) -> ItemView {
    let Some(check) = &item.check else {
        return ItemView {
            anchor: String::new(),
            name: item.requirement.name.clone(),
            status: "Not started",
            facts: vec![],
            references: vec![],
            form: None,
            recorded_under,
        };
    };
    let (check_errors, referee_errors) = match typed {
        Typed::Check(id, input) if *id == check.id => {
            (Some((errors, check_values(input))), Some((errors, vec![])))
        }
        Typed::Referee(id, input) if *id == check.id => (
            Some((errors, vec![])),
            Some((errors, referee_values(input))),
        ),
        _ => (None, None),
    };
    let errored = check_errors.is_some();
    let form = with_form.then(|| {
        let key = check.id.to_string();
        let (e, values) = check_errors.map_or((None, vec![]), |(e, v)| (Some(e), v));
        let parts = Builder::new(&key, e, values).check_parts(&item.requirement, check);
        let referee_parts =
            if check.kind == CheckKind::References && check.status != CheckStatus::Verified {
                let (e, values) = referee_errors.map_or((None, vec![]), |(e, v)| (Some(e), v));
                Builder::new(&key, e, values).referee_parts()
            } else {
                vec![]
            };
        ItemForm {
            check_id: check.id,
            open: errored,
            parts,
            referee_parts,
        }
    });
    ItemView {
        // Only an item's first appearance has an id (and its forms).
        anchor: match (with_form, errored) {
            (true, true) => "check".to_owned(),
            (true, false) => format!("c{}", check.id),
            (false, _) => String::new(),
        },
        name: item.requirement.name.clone(),
        status: check.status.label(),
        facts: {
            let mut f = facts(check);
            if let Some(r) = &item.recognised {
                f.insert(
                    0,
                    (
                        "Recognised",
                        format!(
                            "Verified by {} on {}, under a mutual recognition agreement",
                            r.from_organisation_name,
                            nhs_date(&r.verified_on)
                        ),
                    ),
                );
            }
            f
        },
        references: item.references.iter().map(referee_view).collect(),
        form,
        recorded_under,
    }
}

/// What is on record about an item, as label and value.
fn facts(c: &Check) -> Vec<(&'static str, String)> {
    let mut f = Vec::new();
    if let Some(d) = c.issued_on {
        f.push(("Issued or completed", nhs_date(&d)));
    }
    if let Some(d) = c.expires_on {
        f.push(("Expires", nhs_date(&d)));
    }
    if !c.reference.is_empty() {
        f.push(("Reference", c.reference.clone()));
    }
    if let Some(dbs) = &c.dbs {
        dbs_facts(dbs, &mut f);
    }
    if !c.note.is_empty() {
        f.push(("Notes", c.note.clone()));
    }
    if let Some(at) = c.submitted_at {
        f.push((
            "Recorded as done",
            format!("{} by {}", nhs_datetime(&at), c.submitted_by),
        ));
    }
    if let Some(at) = c.decided_at {
        let label = match c.status {
            CheckStatus::Verified => "Verified",
            CheckStatus::Failed => "Recorded as not passed",
            CheckStatus::Waived => "Waived",
            _ => "Decided",
        };
        f.push((label, format!("{} by {}", nhs_datetime(&at), c.decided_by)));
    }
    if c.status == CheckStatus::Waived {
        f.push(("Why it was waived", c.waiver_reason.clone()));
        f.push((
            "Waived until",
            c.waived_until
                .map_or("As long as the role lasts".to_owned(), |d| nhs_date(&d)),
        ));
    }
    f
}

fn dbs_facts(dbs: &DbsEvidence, f: &mut Vec<(&'static str, String)>) {
    f.push(("DBS level", dbs.level.label().to_owned()));
    if let Some(w) = dbs.workforce {
        f.push(("Workforce", w.label().to_owned()));
    }
    if let Some(at) = dbs.details_removed_at {
        f.push((
            "Certificate",
            format!("Certificate details deleted on {}", nhs_day(&at)),
        ));
        return;
    }
    if let Some(n) = &dbs.certificate_number {
        f.push(("Certificate number", n.clone()));
    }
    if let Some(o) = dbs.outcome {
        f.push(("Outcome", o.label().to_owned()));
    }
    f.push((
        "Update Service",
        if dbs.update_service {
            "Subscribed"
        } else {
            "Not subscribed"
        }
        .to_owned(),
    ));
    if let Some(d) = dbs.status_checked_on {
        f.push(("Last status check", nhs_date(&d)));
    }
}

fn referee_view(r: &ReferenceRequest) -> RefereeView {
    RefereeView {
        name: r.referee_name.clone(),
        email: r.referee_email.to_string(),
        relationship: r.relationship.clone(),
        asked: nhs_day(&r.requested_at),
        reply: r.reply.as_ref().map(|reply| ReplyView {
            received: nhs_day(&reply.received_at),
            recommends: if reply.recommends { "Yes" } else { "No" },
            known_for: reply.known_for.clone(),
            suitability: reply.suitability.clone(),
        }),
    }
}

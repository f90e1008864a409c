//! What the checklist page shows for each placement and item, worked out from the use case's
//! checklists: nothing here decides anything, it only words it.

use app::checklists::{Checklist, ChecklistItem};
use askama::Template;
use chrono::NaiveDate;
use domain::Labelled;
use domain::compliance::check::{CheckInput, RENEWAL_DAYS};
use domain::compliance::eligibility::Block;
use domain::compliance::reference::RefereeInput;
use domain::compliance::{CheckKind, CheckStatus, PlacementStatus};
use domain::ids::CheckId;

use super::fields::{DateField, TextField, check_fields, referee_fields};
use crate::layout::{Layout, nhs_date, nhs_day};

/// How many days ahead an expiry date gets a notice.
const EXPIRY_NOTICE_DAYS: i64 = 60;

/// One referee asked so far; never the reply itself, which is for managers.
struct RefereeView {
    name: String,
    relationship: String,
    asked_on: String,
    replied: bool,
}

/// One line of the checklist.
pub(super) struct ItemView {
    /// The check's id (also the element id the error summary links to), or "" if not started.
    pub(super) id: String,
    name: String,
    status: &'static str,
    dates: Vec<String>,
    notice: String,
    next_step: &'static str,
    /// Whether a manager records it and has yet to (nothing to send from here).
    manager_records: bool,
    /// Where the item's form goes, or "" when there is no form.
    action: String,
    button: &'static str,
    pub(super) dates_in: Vec<DateField>,
    pub(super) texts: Vec<TextField>,
    /// Referees (references items only).
    referees: Vec<RefereeView>,
    /// Where the referee form goes, or "" when there is none.
    referee_action: String,
    referee_fields: Vec<TextField>,
    /// How many references we need, in words.
    referees_needed: String,
}

/// One placement's checklist as the volunteer sees it.
struct PlacementView {
    heading: String,
    role_title: String,
    active: bool,
    eligible: bool,
    to_do: Vec<(String, String)>,
    other_blocks: Vec<String>,
    needs_date_of_birth: bool,
    items: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "my/checklist.html")]
struct ChecklistPage {
    layout: Layout,
    placements: Vec<PlacementView>,
    done: &'static str,
}

/// What was typed into the form that failed, to show again.
pub(super) enum Typed {
    /// Nothing failed.
    Nothing,
    /// What was sent about an item.
    Check(CheckId, Box<CheckInput>),
    /// The referee named for a references item.
    Referee(CheckId, RefereeInput),
}

/// The page for `lists`, showing `typed` again in the form it came from.
pub(super) fn render_page(
    layout: Layout,
    lists: &[Checklist],
    typed: &Typed,
    today: NaiveDate,
    done: &'static str,
) -> Result<String, askama::Error> {
    ChecklistPage {
        layout,
        placements: lists
            .iter()
            .map(|c| placement_view(c, typed, today))
            .collect(),
        done,
    }
    .render()
}

fn placement_view(c: &Checklist, typed: &Typed, today: NaiveDate) -> PlacementView {
    let slug = &c.placement.organisation_slug;
    let needed = c.role.references_required.max(1);
    let to_do = c
        .items
        .iter()
        .filter(|i| needs_volunteer(i, needed))
        .map(|i| (i.requirement.name.clone(), step(i)))
        .collect();
    let blocks = c.eligibility.blocks();
    let other_blocks = blocks
        .iter()
        .filter(|b| {
            matches!(
                b,
                Block::UnderAge { .. }
                    | Block::TooYoungForDbs
                    | Block::DbsLevelTooLow { .. }
                    | Block::DbsWrongWorkforce { .. }
            )
        })
        .map(Block::message)
        .collect();
    PlacementView {
        heading: format!(
            "{} at {}",
            c.placement.role_title, c.placement.organisation_name
        ),
        role_title: c.placement.role_title.clone(),
        active: c.placement.placement.status == PlacementStatus::Active,
        eligible: c.eligibility.is_eligible(),
        to_do,
        other_blocks,
        needs_date_of_birth: blocks.contains(&Block::NoDateOfBirth),
        items: c
            .items
            .iter()
            .map(|i| item_view(slug, i, needed, typed, today))
            .collect(),
    }
}

/// What to do next for an item: renew it once it has run out, otherwise the kind's next step.
fn step(item: &ChecklistItem) -> String {
    match &item.check {
        Some(c) if matches!(c.status, CheckStatus::Verified | CheckStatus::Waived) => {
            if c.kind.volunteer_can_submit() && c.status == CheckStatus::Verified {
                "It has run out. Send us the date you renewed it.".into()
            } else {
                "It has run out. Talk to us about renewing it.".into()
            }
        }
        _ => item.requirement.kind.next_step().into(),
    }
}

/// Whether the volunteer has something to do for an item (rather than waiting for us).
fn needs_volunteer(item: &ChecklistItem, references_needed: u32) -> bool {
    let Some(check) = &item.check else {
        return true;
    };
    match check.status {
        CheckStatus::Pending if check.kind == CheckKind::References => {
            let asked = u32::try_from(item.references.len()).unwrap_or(u32::MAX);
            asked < references_needed
        }
        CheckStatus::Pending | CheckStatus::Failed => true,
        CheckStatus::Submitted => false,
        CheckStatus::Verified | CheckStatus::Waived => !item.holds,
    }
}

fn item_view(
    slug: &str,
    item: &ChecklistItem,
    references_needed: u32,
    typed: &Typed,
    today: NaiveDate,
) -> ItemView {
    let t = &item.requirement;
    let mut view = ItemView {
        id: String::new(),
        name: t.name.clone(),
        status: CheckStatus::Pending.label(),
        dates: vec![],
        notice: String::new(),
        next_step: t.kind.next_step(),
        manager_records: !t.kind.volunteer_can_submit()
            && t.kind != CheckKind::References
            && !item.holds
            && item
                .check
                .as_ref()
                .is_none_or(|c| c.status != CheckStatus::Submitted),
        action: String::new(),
        button: "Send",
        dates_in: vec![],
        texts: vec![],
        referees: vec![],
        referee_action: String::new(),
        referee_fields: vec![],
        referees_needed: match references_needed {
            1 => "We need a reference from 1 person.".into(),
            n => format!("We need references from {n} people."),
        },
    };
    let Some(check) = &item.check else {
        return view;
    };
    let id = check.id;
    view.id = id.to_string();
    view.status = check.status.label();
    view.dates = dates(check, today);
    if let Some(r) = &item.recognised {
        view.dates.insert(0, recognised_from(r));
    }
    let can_send = t.kind.volunteer_can_submit();
    let mut renewable = false;
    if let Some(expires) = check.expires_on
        && check.status == CheckStatus::Verified
    {
        let days = (expires - today).num_days();
        renewable = days <= RENEWAL_DAYS;
        let what = if can_send {
            "Send us your renewal below"
        } else {
            "Talk to us about renewing it"
        };
        if (0..=EXPIRY_NOTICE_DAYS).contains(&days) {
            view.notice = format!(
                "This expires on {}. {what} before then so you can keep volunteering.",
                nhs_date(&expires)
            );
        } else if days < 0 {
            view.notice = format!("This expired on {}. {what}.", nhs_date(&expires));
        }
    }
    if let (Some(through), CheckStatus::Submitted) = (check.verified_through, check.status) {
        view.notice = format!(
            "We have your renewal. What you had before counts until {} while we check it.",
            nhs_date(&through)
        );
    }
    let open = renewable
        || matches!(
            check.status,
            CheckStatus::Pending | CheckStatus::Submitted | CheckStatus::Failed
        );
    if t.kind.volunteer_can_submit() && open {
        let input = match typed {
            Typed::Check(typed_id, input) if *typed_id == id => input.as_ref().clone(),
            _ if check.status == CheckStatus::Submitted => stored_input(check),
            _ => CheckInput::default(),
        };
        view.action = format!("/my/checklist/{slug}/{id}");
        if check.status == CheckStatus::Submitted {
            view.button = "Update what you sent";
        } else if renewable {
            view.button = "Send the renewal";
        }
        check_fields(&mut view, t, &input);
    }
    if t.kind == CheckKind::References {
        view.referees = item
            .references
            .iter()
            .map(|r| RefereeView {
                name: r.referee_name.clone(),
                relationship: r.relationship.clone(),
                asked_on: nhs_day(&r.requested_at),
                replied: r.reply.is_some(),
            })
            .collect();
        if !matches!(check.status, CheckStatus::Verified | CheckStatus::Waived) {
            let input = match typed {
                Typed::Referee(typed_id, input) if *typed_id == id => input.clone(),
                _ => RefereeInput::default(),
            };
            view.referee_action = format!("/my/checklist/{slug}/{id}/referees");
            view.referee_fields = referee_fields(&view.id, input);
        }
    }
    view
}

/// The dates worth showing for an item.
fn dates(check: &domain::compliance::Check, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = check.issued_on {
        let what = match check.kind {
            k if k.is_training() => "Completed on",
            CheckKind::Other => "Done on",
            _ => "Issued on",
        };
        out.push(format!("{what} {}", nhs_date(&d)));
    }
    if let Some(d) = check.expires_on {
        let what = if d < today {
            "Expired on"
        } else {
            "Expires on"
        };
        out.push(format!("{what} {}", nhs_date(&d)));
    }
    if check.status == CheckStatus::Waived
        && let Some(d) = check.waived_until
    {
        out.push(format!("Waived until {}", nhs_date(&d)));
    }
    out
}

/// What was sent before, to correct it (only while it waits for us: after a decision the note
/// is the manager's, not the volunteer's).
fn stored_input(check: &domain::compliance::Check) -> CheckInput {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    CheckInput {
        issued_on: date(check.issued_on),
        expires_on: date(check.expires_on),
        reference: check.reference.clone(),
        note: check.note.clone(),
        ..CheckInput::default()
    }
}

/// How a recognised item reads: who verified it first, and when.
fn recognised_from(r: &domain::network::recognition::Recognition) -> String {
    format!(
        "Verified by {} on {}, shared through your passport",
        r.from_organisation_name,
        nhs_date(&r.verified_on)
    )
}

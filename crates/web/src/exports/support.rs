//! Lists about the people an organisation supports: service users and carers, referrals and
//! matches (only staff who may see service users get them: `supported_people` and the rest
//! check), and safeguarding concerns (only for safeguarding leads).

use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::safeguarding::{ConcernStatus, status};
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::layout::{nhs_datetime, uk_date};

/// The service users page's filter: a status code, `carer`, or blank for everyone.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PeopleFilter {
    status: String,
}

/// Service users and carers, as the page lists them.
pub(super) async fn service_users(
    app: &App,
    scope: &OrgScope,
    filter: &PeopleFilter,
) -> Result<Table, AppError> {
    let wanted = filter.status.trim();
    let mut table = Table::new(
        "Service users and carers",
        &[
            "Given name",
            "Family name",
            "Status",
            "Since",
            "Email",
            "Phone",
            "Postcode",
            "Language",
        ],
    );
    for p in app.supported_people(scope).await? {
        let keep = match wanted {
            "" => true,
            "carer" => p.status.is_none(),
            code => p.status.map(|s| s.code()) == Some(code),
        };
        if !keep {
            continue;
        }
        table.push(vec![
            Cell::text(p.given_name.clone()),
            Cell::text(p.family_name.clone()),
            Cell::text(
                p.status
                    .map_or("Carer (not supported themselves)", |s| s.label()),
            ),
            Cell::Date(uk_date(&p.created_at)),
            Cell::text(
                p.email
                    .as_ref()
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            Cell::text(p.phone.as_ref().map(|x| x.national()).unwrap_or_default()),
            Cell::text(p.postcode.map(|c| c.to_string()).unwrap_or_default()),
            Cell::text(p.language.clone()),
        ]);
    }
    Ok(table)
}

/// Referrals: undecided first (oldest first), then decided ones.
pub(super) async fn referrals(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Referrals",
        &[
            "Person",
            "Support",
            "Urgency",
            "Received",
            "Decision due",
            "Missed target",
            "Status",
            "Referred by",
        ],
    );
    for v in app.referral_queue(scope).await? {
        let r = &v.referral;
        table.push(vec![
            Cell::text(v.person.full_name()),
            Cell::text(r.support_type.label()),
            Cell::text(r.urgency.label()),
            Cell::text(nhs_datetime(&r.received_at)),
            Cell::text(nhs_datetime(&v.due_by)),
            Cell::text(if v.breached { "yes" } else { "no" }),
            Cell::text(r.status.label()),
            Cell::text(format!(
                "{} ({})",
                r.referrer_name,
                r.source.label().to_lowercase()
            )),
        ]);
    }
    Ok(table)
}

/// Matches, newest first, with contact.
pub(super) async fn matches(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Matches",
        &[
            "Service user",
            "Volunteer",
            "Support",
            "Status",
            "Since",
            "Last contact",
            "Days contact overdue",
        ],
    );
    for m in app.match_views(scope).await? {
        table.push(vec![
            Cell::text(m.person_name.clone()),
            Cell::text(m.volunteer_name.clone()),
            Cell::text(m.record.support_type.label()),
            Cell::text(m.record.status.label()),
            Cell::date(m.record.started_on),
            Cell::date(m.last_contact),
            m.overdue_days.map_or(Cell::Blank, Cell::Integer),
        ]);
    }
    Ok(table)
}

/// Safeguarding concerns, newest first, as their leads see them: who about, when, and where
/// each stands. Only safeguarding leads and deputies get them (the use case refuses anyone
/// else as not found, as the page hides them); the record of each concern stays on its page.
pub(super) async fn concerns(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Safeguarding concerns",
        &[
            "About",
            "Who they are",
            "Raised",
            "Urgent",
            "Status",
            "Needs acknowledging",
        ],
    );
    for (c, record) in app.concerns_for_leads(scope).await? {
        let s = status(&record);
        table.push(vec![
            Cell::text(c.subject_name.clone()),
            Cell::text(c.subject.label()),
            Cell::text(nhs_datetime(&c.raised_at)),
            Cell::text(if c.urgent { "yes" } else { "no" }),
            Cell::text(s.label()),
            Cell::text(if s == ConcernStatus::Raised {
                "yes"
            } else {
                "no"
            }),
        ]);
    }
    Ok(table)
}

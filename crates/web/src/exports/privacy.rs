//! Lists about the personal data an organisation holds and what it sends: the consent
//! register, erasure records, who the retention rules reach today, and the message log. The
//! same use cases as the pages decide who may see them (admins, except the consent register).

use app::retention::since_words;
use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::privacy::ErasureBlock;

use crate::csv_export::{Cell, Table};
use crate::layout::{nhs_datetime, uk_date};
use crate::pages::manage::notifications::log_rows;

/// Every consent the organisation records, as the register lists it.
pub(super) async fn consents(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Consent register",
        &["Who", "What for", "Given", "How", "Withdrawn"],
    );
    for c in app.consent_register(scope).await? {
        table.push(vec![
            Cell::text(c.name),
            Cell::text(c.purpose),
            Cell::text(c.given),
            Cell::text(c.how),
            Cell::text(c.withdrawn.unwrap_or_else(|| "No".to_owned())),
        ]);
    }
    Ok(table)
}

/// Erasure records, newest first: when, whose, why and what went (never who it was).
pub(super) async fn erasures(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Erasures",
        &[
            "When",
            "Whose",
            "Account erased too",
            "Why",
            "Note",
            "By",
            "What went",
        ],
    );
    for e in app.erasures(scope).await? {
        table.push(vec![
            Cell::text(nhs_datetime(&e.erased_at)),
            Cell::text(e.subject.label()),
            Cell::text(if e.profile_erased { "yes" } else { "no" }),
            Cell::text(e.reason.label()),
            Cell::text(e.note),
            Cell::text(if e.erased_by.is_some() {
                "An admin"
            } else {
                "The scheduled run"
            }),
            Cell::text(e.removed.join("; ")),
        ]);
    }
    Ok(table)
}

/// The retention rules' dry run: everyone they reach today and what would happen, then the
/// DBS certificate details due to go.
pub(super) async fn retention(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let preview = app.retention_preview(scope).await?;
    let mut table = Table::new(
        "Retention preview",
        &["Name", "Rule", "Counted from", "Since", "What happens"],
    );
    for i in &preview.items {
        let (words, since) = since_words(&i.candidate);
        let happens = if i.kept_because.is_empty() {
            "Erased".to_owned()
        } else {
            let why: Vec<String> = i.kept_because.iter().map(ErasureBlock::message).collect();
            format!("Kept for now: {}", why.join(" "))
        };
        table.push(vec![
            Cell::text(i.candidate.name.clone()),
            Cell::text(i.candidate.rule.label()),
            Cell::text(words),
            Cell::Date(uk_date(&since)),
            Cell::text(happens),
        ]);
    }
    for d in &preview.dbs {
        table.push(vec![
            Cell::text(d.name.clone()),
            Cell::text(format!("DBS certificate details: {}", d.check.name)),
            Cell::text("Decided"),
            Cell::date(d.check.decided_at.as_ref().map(uk_date)),
            Cell::text("Certificate details removed"),
        ]);
    }
    Ok(table)
}

/// The message log as the settings page shows it: the latest messages, newest first.
pub(super) async fn messages(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let view = app.notification_settings(scope).await?;
    let mut table = Table::new("Messages", &["Queued", "Kind", "By", "To", "Status"]);
    for r in log_rows(&view) {
        table.push(vec![
            Cell::text(r.when),
            Cell::text(r.kind),
            Cell::text(r.channel),
            Cell::text(r.to),
            Cell::text(r.status),
        ]);
    }
    Ok(table)
}

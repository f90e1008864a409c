//! Lists about the checks an organisation asks for and its ties to others: the check and
//! training catalogue, mutual recognition agreements, networks, referrals between members and
//! feedback links.

use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::ids::RoleId;
use domain::staff::Capability;

use crate::csv_export::{Cell, Table};
use crate::layout::uk_date;
use crate::pages::manage::agreements::state_of;
use crate::pages::manage::catalogue::{source, validity};
use crate::pages::manage::feedback_links::who_answers;

/// The catalogue, checks before training, as the page lists them.
pub(super) async fn catalogue(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Checks and training",
        &["Name", "Kind", "Framework", "How long it lasts", "Source"],
    );
    let (training, checks): (Vec<_>, Vec<_>) = app
        .catalogue(scope)
        .await?
        .into_iter()
        .partition(|t| t.kind.is_training());
    for t in checks.iter().chain(&training) {
        table.push(vec![
            Cell::text(t.name.clone()),
            Cell::text(t.kind.label()),
            Cell::text(t.framework.map_or("", |f| f.label())),
            Cell::text(validity(t.validity_months)),
            Cell::text(source(t)),
        ]);
    }
    Ok(table)
}

/// Agreements the organisation is party to or may join, with where each stands for it.
pub(super) async fn agreements(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let org = scope.organisation_id();
    let mut table = Table::new(
        "Agreements",
        &["Agreement", "Organisations", "State", "Proposed", "Ended"],
    );
    for a in app.agreements(scope).await? {
        let parties: Vec<&str> = a
            .parties
            .iter()
            .map(|p| p.organisation_name.as_str())
            .collect();
        table.push(vec![
            Cell::text(a.name.clone()),
            Cell::text(parties.join(", ")),
            Cell::text(state_of(&a, org)),
            Cell::Date(uk_date(&a.created_at)),
            Cell::date(a.ended_at.as_ref().map(uk_date)),
        ]);
    }
    Ok(table)
}

/// The networks the organisation belongs to.
pub(super) async fn networks(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Networks",
        &["Network", "Kind", "Address", "Contact email", "Set up"],
    );
    for n in app.organisation_networks(scope).await? {
        table.push(vec![
            Cell::text(n.name.clone()),
            Cell::text(n.kind.label()),
            Cell::text(format!("{}/networks/{}", app.base_url, n.slug)),
            Cell::text(
                n.contact_email
                    .as_ref()
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default(),
            ),
            Cell::Date(uk_date(&n.created_at)),
        ]);
    }
    Ok(table)
}

/// Referrals between members, as the page shows them: volunteers referred either way, then
/// (for staff who may see service users) service users this organisation referred for support.
pub(super) async fn network_referrals(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Referrals between members",
        &[
            "Referred",
            "Volunteer",
            "From",
            "To",
            "Role or support",
            "On",
            "Outcome",
        ],
    );
    for r in app.volunteer_referrals(scope).await? {
        table.push(vec![
            Cell::text("Volunteer"),
            Cell::text(r.volunteer.clone()),
            Cell::text(r.from.clone()),
            Cell::text(r.to.clone()),
            Cell::text(r.role.clone()),
            Cell::Date(r.referral.consent_on),
            Cell::text(r.outcome.clone()),
        ]);
    }
    if scope.can(Capability::ViewServiceUsers) {
        for (r, to) in app.service_user_referrals_made(scope).await? {
            table.push(vec![
                Cell::text("Service user"),
                Cell::Blank,
                Cell::text(scope.organisation().name.clone()),
                Cell::text(to),
                Cell::text(r.support_type.label()),
                Cell::Date(uk_date(&r.received_at)),
                Cell::text(r.status.label()),
            ]);
        }
    }
    Ok(table)
}

/// Feedback links, with their addresses and whether each takes feedback.
pub(super) async fn feedback_links(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let roles = app.roles(scope).await?;
    let title = |id: Option<RoleId>| {
        id.and_then(|id| roles.iter().find(|r| r.id == id))
            .map_or_else(|| "All volunteers".to_owned(), |r| r.title.clone())
    };
    let mut table = Table::new(
        "Feedback links",
        &[
            "Link",
            "Who answers",
            "About",
            "Address",
            "Taking feedback",
            "Made",
        ],
    );
    for l in app.feedback_links(scope).await? {
        table.push(vec![
            Cell::text(l.label.clone()),
            Cell::text(who_answers(&l)),
            Cell::text(title(l.role_id)),
            Cell::text(format!("{}/feedback/{}", app.base_url, l.token)),
            Cell::text(if l.active { "yes" } else { "no" }),
            Cell::Date(uk_date(&l.created_at)),
        ]);
    }
    Ok(table)
}

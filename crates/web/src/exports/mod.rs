//! Every list a manager sees, as a [`Table`] to download as CSV or Excel: from the list's page
//! (`/manage/{org}/{list}.csv` and `.xlsx`) and from `alongside export`. Each list is built by
//! the same use case its page calls (so the same permissions and supervisor limits apply) and
//! every export is audited (`<kind>.exported`).

mod network;
mod organisation;
mod outcomes;
mod people;
mod support;
mod time;

use app::{App, AppError, OrgScope};
use axum::Router;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::Uri;
use axum::response::Response;
use axum::routing::get;
use serde::de::DeserializeOwned;

pub use crate::csv_export::{Cell, Format, Table};
use crate::session::SignedIn;
use crate::{AppState, WebError};
pub(crate) use time::expenses as expense_table;

/// The lists that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Volunteers (search, status and role filters).
    Volunteers,
    /// Applications (status filter).
    Applications,
    /// Roles.
    Roles,
    /// Sites.
    Sites,
    /// Staff and their permissions.
    Staff,
    /// Volunteers being onboarded, with what blocks them.
    Onboarding,
    /// Checks and training about to expire (`days`).
    Expiring,
    /// The rota with who is booked (`from`, `to`, `site`, `role`).
    Rota,
    /// Logged hours (`status`).
    HoursLogs,
    /// Hours by month (`year`).
    Hours,
    /// Volunteers who missed shifts in the last 12 months.
    NoShows,
    /// Approved or paid expense claims, for payment (`status`, `from`, `to`).
    Expenses,
    /// Service users and carers (`status`).
    ServiceUsers,
    /// Referrals.
    Referrals,
    /// Matches between volunteers and the people they support.
    Matches,
    /// The catalogue of checks and training.
    Catalogue,
    /// Mutual recognition agreements.
    Agreements,
    /// The networks the organisation belongs to.
    Networks,
    /// Volunteers (and service users) referred between network members.
    NetworkReferrals,
    /// Feedback links.
    FeedbackLinks,
    /// Activity logged against outcome indicators (`from`, `to`).
    Activity,
    /// One table of the quality report (`table`, `from`, `to`, `rate`).
    Quality,
}

impl ExportKind {
    /// Every list.
    pub const ALL: [Self; 22] = [
        Self::Volunteers,
        Self::Applications,
        Self::Roles,
        Self::Sites,
        Self::Staff,
        Self::Onboarding,
        Self::Expiring,
        Self::Rota,
        Self::HoursLogs,
        Self::Hours,
        Self::NoShows,
        Self::Expenses,
        Self::ServiceUsers,
        Self::Referrals,
        Self::Matches,
        Self::Catalogue,
        Self::Agreements,
        Self::Networks,
        Self::NetworkReferrals,
        Self::FeedbackLinks,
        Self::Activity,
        Self::Quality,
    ];

    /// The name on the command line (`alongside export volunteers`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Volunteers => "volunteers",
            Self::Applications => "applications",
            Self::Roles => "roles",
            Self::Sites => "sites",
            Self::Staff => "staff",
            Self::Onboarding => "onboarding",
            Self::Expiring => "expiring",
            Self::Rota => "rota",
            Self::HoursLogs => "hours-logs",
            Self::Hours => "hours",
            Self::NoShows => "no-shows",
            Self::Expenses => "expenses",
            Self::ServiceUsers => "service-users",
            Self::Referrals => "referrals",
            Self::Matches => "matches",
            Self::Catalogue => "catalogue",
            Self::Agreements => "agreements",
            Self::Networks => "networks",
            Self::NetworkReferrals => "network-referrals",
            Self::FeedbackLinks => "feedback-links",
            Self::Activity => "activity",
            Self::Quality => "quality",
        }
    }

    /// The list with this command-line name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The download's address under `/manage/{org}/`, before `.csv` or `.xlsx`: beside the
    /// list's page.
    pub fn path(self) -> &'static str {
        match self {
            Self::HoursLogs => "hours",
            Self::Hours => "hours/totals",
            Self::NoShows => "attendance",
            Self::FeedbackLinks => "feedback",
            other => other.code(),
        }
    }

    /// Lists whose page has a download handler of its own (to show the page's errors).
    fn has_own_route(self) -> bool {
        matches!(self, Self::Expenses)
    }
}

/// The file name a download of `table` (a list of `kind`) for `org` gets, without its
/// extension: `{org}-volunteers`, or the table's own name where it has one (`{org}-rota-…`).
pub fn file_stem(table: &Table, kind: ExportKind, org: &str) -> String {
    if table.file.is_empty() {
        format!("{org}-{}", kind.code())
    } else {
        format!("{org}-{}", table.file)
    }
}

/// Builds the list `kind` for `scope`, narrowed by `query` (the list page's own filters, as in
/// its address: `status=applicant&role=…`), and records the export. Errors in the filters are
/// field errors named like the page's fields.
pub async fn export_table(
    app: &App,
    scope: &OrgScope,
    kind: ExportKind,
    query: &str,
) -> Result<Table, AppError> {
    let table = match kind {
        ExportKind::Volunteers => people::volunteers(app, scope, &filters(query)?).await?,
        ExportKind::Applications => people::applications(app, scope, &filters(query)?).await?,
        ExportKind::Staff => people::staff(app, scope).await?,
        ExportKind::Onboarding => people::onboarding(app, scope).await?,
        ExportKind::Expiring => people::expiring(app, scope, &filters(query)?).await?,
        ExportKind::Roles => organisation::roles(app, scope).await?,
        ExportKind::Sites => organisation::sites(app, scope).await?,
        ExportKind::Rota => return time::rota(app, scope, &filters(query)?).await,
        ExportKind::HoursLogs => time::hours_logs(app, scope, &filters(query)?).await?,
        ExportKind::Hours => return time::hours(app, scope, &filters(query)?).await,
        ExportKind::NoShows => time::no_shows(app, scope).await?,
        ExportKind::Expenses => return time::expenses(app, scope, &filters(query)?).await,
        ExportKind::ServiceUsers => support::service_users(app, scope, &filters(query)?).await?,
        ExportKind::Referrals => support::referrals(app, scope).await?,
        ExportKind::Matches => support::matches(app, scope).await?,
        ExportKind::Catalogue => network::catalogue(app, scope).await?,
        ExportKind::Agreements => network::agreements(app, scope).await?,
        ExportKind::Networks => network::networks(app, scope).await?,
        ExportKind::NetworkReferrals => network::network_referrals(app, scope).await?,
        ExportKind::FeedbackLinks => network::feedback_links(app, scope).await?,
        ExportKind::Activity => outcomes::activity(app, scope, &filters(query)?).await?,
        ExportKind::Quality => outcomes::quality(app, scope, &filters(query)?).await?,
    };
    // The rota, hours and expenses use cases audit their own exports.
    app.record_export(scope, kind.code(), table.rows.len(), query)
        .await?;
    Ok(table)
}

/// A list page's filters from the text of a query string.
fn filters<T: DeserializeOwned + Default>(query: &str) -> Result<T, AppError> {
    if query.trim().is_empty() {
        return Ok(T::default());
    }
    let uri: Uri = format!("/?{query}")
        .parse()
        .map_err(|_| domain::FieldErrors::one("filters", "The filters are not a valid query"))?;
    Query::<T>::try_from_uri(&uri)
        .map(|Query(f)| f)
        .map_err(|_| domain::FieldErrors::one("filters", "The filters are not valid").into())
}

/// `/manage/{org}/{list}.csv` and `.xlsx` for every list without a handler of its own.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for kind in ExportKind::ALL.into_iter().filter(|k| !k.has_own_route()) {
        for format in Format::ALL {
            let path = format!("/manage/{{org}}/{}.{}", kind.path(), format.extension());
            router = router.route(
                &path,
                get(
                    move |state: State<AppState>,
                          user: SignedIn,
                          org: Path<String>,
                          query: RawQuery| {
                        download(state, user, org, query, kind, format)
                    },
                ),
            );
        }
    }
    router
}

async fn download(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    RawQuery(query): RawQuery,
    kind: ExportKind,
    format: Format,
) -> Result<Response, WebError> {
    let scope = state.app.authorise(user.person.id, &org).await?;
    let table = export_table(&state.app, &scope, kind, query.as_deref().unwrap_or("")).await?;
    crate::csv_export::download(&table, format, &file_stem(&table, kind, &org))
}

//! Every list a manager sees, as a [`Table`] to download as CSV or Excel: from the list's page
//! (`/manage/{org}/{list}.csv` and `.xlsx`) and from `alongside export`. Each list is built by
//! the same use case its page calls (so the same permissions and supervisor limits apply) and
//! every export is audited (`<kind>.exported`).

mod engagement;
mod kind;
mod network;
mod network_library;
mod network_lists;
mod organisation;
mod outcomes;
mod people;
mod privacy;
mod shifts;
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
pub use kind::ExportKind;
pub use network_lists::{NetworkList, network_export_table};
pub(crate) use time::expenses as expense_table;

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
        ExportKind::TimeToOnboard => people::time_to_onboard(app, scope).await?,
        ExportKind::Expiring => people::expiring(app, scope, &filters(query)?).await?,
        ExportKind::Roles => organisation::roles(app, scope).await?,
        ExportKind::Sites => organisation::sites(app, scope).await?,
        ExportKind::Rota => return time::rota(app, scope, &filters(query)?).await,
        ExportKind::Commitments => shifts::commitments(app, scope, &filters(query)?).await?,
        ExportKind::WaitingList => shifts::waiting_list(app, scope, &filters(query)?).await?,
        ExportKind::Register => shifts::register(app, scope, &filters(query)?).await?,
        ExportKind::Checks => shifts::checks(app, scope, &filters(query)?).await?,
        ExportKind::HoursLogs => time::hours_logs(app, scope, &filters(query)?).await?,
        ExportKind::Hours => return time::hours(app, scope, &filters(query)?).await,
        ExportKind::NoShows => time::no_shows(app, scope).await?,
        ExportKind::Expenses => return time::expenses(app, scope, &filters(query)?).await,
        ExportKind::ServiceUsers => support::service_users(app, scope, &filters(query)?).await?,
        ExportKind::Referrals => support::referrals(app, scope).await?,
        ExportKind::Matches => support::matches(app, scope).await?,
        ExportKind::Concerns => support::concerns(app, scope).await?,
        ExportKind::Catalogue => network::catalogue(app, scope).await?,
        ExportKind::Agreements => network::agreements(app, scope).await?,
        ExportKind::Networks => network::networks(app, scope).await?,
        ExportKind::NetworkReferrals => network::network_referrals(app, scope).await?,
        ExportKind::FeedbackLinks => network::feedback_links(app, scope).await?,
        ExportKind::Surveys => engagement::surveys(app, scope).await?,
        ExportKind::OutcomeMeasures => engagement::outcome_measures(app, scope).await?,
        ExportKind::Activity => outcomes::activity(app, scope, &filters(query)?).await?,
        ExportKind::Quality => outcomes::quality(app, scope, &filters(query)?).await?,
        ExportKind::Events => engagement::events(app, scope).await?,
        ExportKind::Messages => privacy::messages(app, scope).await?,
        ExportKind::Consents => privacy::consents(app, scope).await?,
        ExportKind::Erasures => privacy::erasures(app, scope).await?,
        ExportKind::Retention => privacy::retention(app, scope).await?,
    };
    // The rota, hours and expenses use cases audit their own exports.
    app.record_export(scope, kind.code(), table.rows.len(), query)
        .await?;
    Ok(table)
}

/// A list page's filters from the text of a query string.
pub(crate) fn filters<T: DeserializeOwned + Default>(query: &str) -> Result<T, AppError> {
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

/// `/manage/{org}/{list}.csv` and `.xlsx` for every list without a handler of its own, and a
/// network's own lists.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = network_lists::routes();
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

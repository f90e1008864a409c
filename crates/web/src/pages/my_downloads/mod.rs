//! A volunteer's own lists as downloads, beside their pages (`/my/{list}.csv|.xlsx`): their
//! shifts, the shifts they can do (with that page's filters), logged hours, expense claims,
//! regular slots, waiting lists, learning record, the people they support, the activity they
//! logged, their organisations, applications, checklist and the concerns they raised; and, for
//! anyone signed in, the public lists of opportunities (with the search's filters) and
//! networks. Each is built from the same use case as its page, so a person's list holds only
//! their own records, and each download is audited about them (`my_<list>.exported`, or the
//! public list's name) as every list's is. Everything else held about them is in the copy at
//! `/my/data`.

mod contribution;
mod public_lists;
mod records;
mod rota;

use app::{App, AppError};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use domain::ids::PersonId;

use crate::csv_export::{Format, Table, download};
use crate::exports::filters;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The volunteer's own lists that download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MyList {
    Shifts,
    Available,
    Hours,
    Expenses,
    Commitments,
    Waiting,
    Learning,
    Matches,
    Activity,
    Organisations,
    Applications,
    Checklist,
    Concerns,
    Opportunities,
    Networks,
}

impl MyList {
    const ALL: [Self; 15] = [
        Self::Shifts,
        Self::Available,
        Self::Hours,
        Self::Expenses,
        Self::Commitments,
        Self::Waiting,
        Self::Learning,
        Self::Matches,
        Self::Activity,
        Self::Organisations,
        Self::Applications,
        Self::Checklist,
        Self::Concerns,
        Self::Opportunities,
        Self::Networks,
    ];

    /// The list's page, which the download sits beside (`{page}.csv`).
    fn page(self) -> &'static str {
        match self {
            Self::Shifts => "/my/shifts",
            Self::Available => "/my/shifts/available",
            Self::Hours => "/my/hours",
            Self::Expenses => "/my/expenses",
            Self::Commitments => "/my/commitments",
            Self::Waiting => "/my/shifts/waiting",
            Self::Learning => "/my/learning",
            Self::Matches => "/my/matches",
            Self::Activity => "/my/activity",
            Self::Organisations => "/my/organisations",
            Self::Applications => "/my/applications",
            Self::Checklist => "/my/checklist",
            Self::Concerns => "/my/concerns",
            Self::Opportunities => "/opportunities",
            Self::Networks => "/networks",
        }
    }

    /// The name in the audit (`{kind}.exported`) and, with hyphens, the file's.
    fn kind(self) -> &'static str {
        match self {
            Self::Shifts => "my_shifts",
            Self::Available => "my_shifts_i_can_do",
            Self::Hours => "my_hours",
            Self::Expenses => "my_expenses",
            Self::Commitments => "my_regular_slots",
            Self::Waiting => "my_waiting_lists",
            Self::Learning => "my_learning",
            Self::Matches => "my_people_i_support",
            Self::Activity => "my_activity",
            Self::Organisations => "my_organisations",
            Self::Applications => "my_applications",
            Self::Checklist => "my_checklist",
            Self::Concerns => "my_concerns_raised",
            Self::Opportunities => "opportunities",
            Self::Networks => "networks",
        }
    }

    /// The list for `person`, narrowed by `query` where its page has filters (the shifts they
    /// can do, the opportunities search).
    async fn table(self, app: &App, person: PersonId, query: &str) -> Result<Table, AppError> {
        match self {
            Self::Shifts => rota::shifts(app, person).await,
            Self::Available => rota::available(app, person, &filters(query)?).await,
            Self::Hours => rota::hours(app, person).await,
            Self::Expenses => rota::expenses(app, person).await,
            Self::Commitments => rota::commitments(app, person).await,
            Self::Waiting => rota::waiting(app, person).await,
            Self::Learning => contribution::learning(app, person).await,
            Self::Matches => contribution::matches(app, person).await,
            Self::Activity => contribution::activity(app, person).await,
            Self::Organisations => records::organisations(app, person).await,
            Self::Applications => records::applications(app, person).await,
            Self::Checklist => records::checklist(app, person).await,
            Self::Concerns => records::concerns(app, person).await,
            Self::Opportunities => public_lists::opportunities(app, &filters(query)?).await,
            Self::Networks => public_lists::networks(app).await,
        }
    }
}

/// The download routes, every list in both formats.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for list in MyList::ALL {
        for format in Format::ALL {
            router = router.route(
                &format!("{}.{}", list.page(), format.extension()),
                get(
                    move |state: State<AppState>, user: SignedIn, query: RawQuery| {
                        own_list(state, user, query, list, format)
                    },
                ),
            );
        }
    }
    router
}

async fn own_list(
    State(state): State<AppState>,
    user: SignedIn,
    RawQuery(query): RawQuery,
    list: MyList,
    format: Format,
) -> Result<Response, WebError> {
    let person = user.person.id;
    let query = query.unwrap_or_default();
    let table = list.table(&state.app, person, &query).await?;
    let kind = list.kind();
    state
        .app
        .record_own_export(person, kind, table.rows.len())
        .await?;
    download(&table, format, &kind.replace('_', "-"))
}

//! A volunteer's own lists as downloads, beside their pages: `/my/{list}.csv|.xlsx` for their
//! shifts, the shifts they can do (with that page's filters), logged hours, expense claims, regular slots, waiting lists, learning record, the
//! people they support, the activity they logged, their organisations, their applications, their checklist and the
//! concerns they raised. Each is built from the same use case as
//! its page, so it holds only the signed-in person's own records, and each download is audited
//! (`my_<list>.exported`) as every list's is. Everything else held about them is in the copy at
//! `/my/data`.

mod contribution;
mod records;
mod rota;

use app::{App, AppError};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::ids::PersonId;

use super::my_shifts::Filter;
use crate::csv_export::{Format, Table, download};
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
}

impl MyList {
    const ALL: [Self; 13] = [
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
        }
    }

    /// The name in the file and in the audit (`my_{name}.exported`).
    fn name(self) -> &'static str {
        match self {
            Self::Shifts => "shifts",
            Self::Available => "shifts_i_can_do",
            Self::Hours => "hours",
            Self::Expenses => "expenses",
            Self::Commitments => "regular_slots",
            Self::Waiting => "waiting_lists",
            Self::Learning => "learning",
            Self::Matches => "people_i_support",
            Self::Activity => "activity",
            Self::Organisations => "organisations",
            Self::Applications => "applications",
            Self::Checklist => "checklist",
            Self::Concerns => "concerns_raised",
        }
    }

    /// The list for `person`; `filter` narrows the shifts they can do, as on that page.
    async fn table(self, app: &App, person: PersonId, filter: &Filter) -> Result<Table, AppError> {
        match self {
            Self::Shifts => rota::shifts(app, person).await,
            Self::Available => rota::available(app, person, filter).await,
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
                    move |state: State<AppState>, user: SignedIn, filter: Query<Filter>| {
                        own_list(state, user, filter, list, format)
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
    Query(filter): Query<Filter>,
    list: MyList,
    format: Format,
) -> Result<Response, WebError> {
    let person = user.person.id;
    let table = list.table(&state.app, person, &filter).await?;
    let kind = format!("my_{}", list.name());
    state
        .app
        .record_own_export(person, &kind, table.rows.len())
        .await?;
    download(&table, format, &kind.replace('_', "-"))
}

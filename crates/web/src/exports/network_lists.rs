//! A network's own lists, beside their pages under `/networks/{slug}/`: its members and
//! renewals (coordinators) and a member organisation's benchmarks (that organisation's
//! managers). The network, not an organisation, decides who may see them, so they have routes
//! of their own; like every list they are built by the page's use case and audited
//! (`network_members.exported`, `network_benchmarks.exported`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::Labelled;

use crate::csv_export::{Cell, Format, Table, download};
use crate::pages::networks::access;
use crate::pages::networks::benchmark::{Which, benchmark};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// `/networks/{slug}/members.csv|.xlsx` and `/networks/{slug}/benchmarks.csv|.xlsx`.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/networks/{{slug}}/members.{ext}"),
                get(
                    move |state: State<AppState>, user: SignedIn, slug: Path<String>| {
                        members(state, user, slug, format)
                    },
                ),
            )
            .route(
                &format!("/networks/{{slug}}/benchmarks.{ext}"),
                get(
                    move |state: State<AppState>,
                          user: SignedIn,
                          slug: Path<String>,
                          which: Query<Which>| {
                        benchmarks(state, user, slug, which, format)
                    },
                ),
            );
    }
    router
}

/// Every membership with where it stands today, as the members page lists them.
async fn members(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    format: Format,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let mut table = Table::new(
        "Members",
        &[
            "Member",
            "Type",
            "Standing",
            "Joined",
            "Renewal date",
            "Yearly fee",
            "Left",
            "In the directory",
        ],
    );
    for v in state.app.network_members(&access).await? {
        let m = &v.member;
        table.push(vec![
            Cell::text(m.name()),
            Cell::text(m.membership_type().label()),
            Cell::text(v.standing.label()),
            Cell::Date(m.joined_on),
            Cell::date(m.renews_on),
            m.annual_fee.map_or(Cell::Blank, |p| Cell::Pence(p.0)),
            Cell::date(m.ended_on),
            Cell::text(if m.in_directory { "yes" } else { "no" }),
        ]);
    }
    state
        .app
        .record_network_export(&access, "network_members", table.rows.len())
        .await?;
    download(&table, format, &format!("{slug}-members"))
}

/// A member organisation's figures beside the network's, as the benchmarking page shows them.
async fn benchmarks(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(which): Query<Which>,
    format: Format,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let found = benchmark(&state.app, &access, &which.organisation).await?;
    let mut table = Table::new(
        "Benchmarks",
        &[
            "Organisation",
            "Measure",
            "You",
            "Lower quartile",
            "Median",
            "Upper quartile",
            "Members counted",
        ],
    );
    for l in found.lines {
        table.push(vec![
            Cell::text(found.organisation.clone()),
            Cell::text(l.measure),
            Cell::text(l.own),
            Cell::text(l.lower),
            Cell::text(l.median),
            Cell::text(l.upper),
            Cell::Integer(i64::try_from(l.members).unwrap_or(i64::MAX)),
        ]);
    }
    state
        .app
        .record_network_export(&access, "network_benchmarks", table.rows.len())
        .await?;
    download(&table, format, &format!("{slug}-benchmarks"))
}

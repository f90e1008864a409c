//! A network's own lists, beside their pages under `/networks/{slug}/`: its members and
//! renewals (coordinators), a member organisation's benchmarks (that organisation's
//! managers), its member directory, role library and resource library (members; public
//! resources for anyone signed in), its learning events and the roles members list to it. The network, not an organisation, decides who may see them, so they have routes
//! of their own; like every list they are built by the page's use case and audited
//! (`network_<list>.exported`).

use app::networks::NetworkAccess;
use app::{App, AppError};
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use domain::Labelled;

use super::network_library;
use crate::csv_export::{Cell, Format, Table, download};
use crate::pages::networks::access;
use crate::pages::networks::benchmark::{Which, benchmark};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// `/networks/{slug}/{list}.csv|.xlsx` for every [`NetworkList`].
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::ALL {
        for list in NetworkList::ALL {
            router = router.route(
                &format!("/networks/{{slug}}/{}.{}", list.page(), format.extension()),
                get(
                    move |state: State<AppState>,
                          user: SignedIn,
                          slug: Path<String>,
                          query: RawQuery| {
                        download_list(state, user, slug, query, list, format)
                    },
                ),
            );
        }
    }
    router
}

/// A network's own lists, for `alongside export --network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkList {
    /// Members and renewals (coordinators).
    Members,
    /// A member organisation's benchmarks (`organisation=`; that organisation's managers).
    Benchmarks,
    /// The member directory (members).
    Directory,
    /// The role library (members).
    Roles,
    /// The resource library (`q=`, `tag=`, `kind=`; public ones for anyone else).
    Resources,
    /// The network's learning events (those the viewer may see).
    Events,
    /// Roles members have listed to the network.
    Opportunities,
}

impl NetworkList {
    /// Every network list.
    pub const ALL: [Self; 7] = [
        Self::Members,
        Self::Benchmarks,
        Self::Directory,
        Self::Roles,
        Self::Resources,
        Self::Events,
        Self::Opportunities,
    ];

    /// The list's page under `/networks/{slug}/`, which its download sits beside.
    fn page(self) -> &'static str {
        match self {
            Self::Members => "members",
            Self::Benchmarks => "benchmarks",
            Self::Directory => "directory",
            Self::Roles => "roles",
            Self::Resources => "resources",
            Self::Events => "events",
            Self::Opportunities => "opportunities",
        }
    }

    /// The list's name on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Members => "network-members",
            Self::Benchmarks => "network-benchmarks",
            Self::Directory => "network-directory",
            Self::Roles => "network-roles",
            Self::Resources => "network-resources",
            Self::Events => "network-events",
            Self::Opportunities => "network-opportunities",
        }
    }

    /// The list with this name on the command line.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The audit action's stem (`network_members` → `network_members.exported`).
    fn audit_kind(self) -> String {
        format!("network_{}", self.page())
    }

    /// The file name of a download for the network `slug`, without its extension.
    pub fn file_stem(self, slug: &str) -> String {
        format!("{slug}-{}", self.page())
    }
}

/// Builds the network list `list` for whoever holds `access`, narrowed by `query` (the page's
/// filters as in its address: `organisation=…` for benchmarks), and records the export.
pub async fn network_export_table(
    app: &App,
    access: &NetworkAccess,
    list: NetworkList,
    query: &str,
) -> Result<Table, AppError> {
    let table = match list {
        NetworkList::Members => members(app, access).await?,
        NetworkList::Benchmarks => {
            let which: Which = super::filters(query)?;
            benchmarks(app, access, &which).await?
        }
        NetworkList::Directory => network_library::directory(app, access).await?,
        NetworkList::Roles => network_library::roles(app, access).await?,
        NetworkList::Resources => {
            network_library::resources(app, access, &super::filters(query)?).await?
        }
        NetworkList::Events => {
            super::engagement::events_of(app, &app.network_event_host(access)).await?
        }
        NetworkList::Opportunities => network_library::opportunities(app, access).await?,
    };
    app.record_network_export(access, &list.audit_kind(), table.rows.len())
        .await?;
    Ok(table)
}

async fn download_list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    list: NetworkList,
    format: Format,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let query = query.unwrap_or_default();
    let table = network_export_table(&state.app, &access, list, &query).await?;
    download(&table, format, &list.file_stem(&slug))
}

/// Every membership with where it stands today, as the members page lists them.
async fn members(app: &App, access: &NetworkAccess) -> Result<Table, AppError> {
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
    for v in app.network_members(access).await? {
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
    Ok(table)
}

/// A member organisation's figures beside the network's, as the benchmarking page shows them.
async fn benchmarks(app: &App, access: &NetworkAccess, which: &Which) -> Result<Table, AppError> {
    let found = benchmark(app, access, &which.organisation).await?;
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
    Ok(table)
}

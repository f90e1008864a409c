//! An event's registrations as CSV or Excel, for its organisers (audited).

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use domain::Labelled;

use super::organise::host_ref;
use super::public::event_id;
use crate::csv_export::{Cell, Format, Table, download};
use crate::layout::nhs_datetime;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// `…/events/{id}/registrations.csv` and `.xlsx`, for networks' and organisations' events.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/networks/{{slug}}/events/{{id}}/registrations.{ext}"),
                get(export::<true>),
            )
            .route(
                &format!("/manage/{{slug}}/events/{{id}}/registrations.{ext}"),
                get(export::<false>),
            );
    }
    router
}

async fn export<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    format: Format,
) -> Result<Response, WebError> {
    let id = event_id(&id)?;
    let resolved = host_ref::<NET>(slug.clone())
        .resolve(&state, Some(&user))
        .await?;
    let registrants = state
        .app
        .export_event_registrants(&resolved.host, id)
        .await?;
    let mut table = Table::new(
        "Registrations",
        &["Name", "Email", "Status", "Registered", "Price", "Member price"],
    );
    for r in registrants {
        let g = r.registration;
        table.push(vec![
            Cell::text(r.name),
            Cell::text(r.email),
            Cell::text(g.status.label()),
            Cell::text(nhs_datetime(&g.registered_at)),
            Cell::Pence(g.price.0),
            Cell::text(if g.member { "yes" } else { "no" }),
        ]);
    }
    let stem = format!("{slug}-event-{id}-registrations");
    download(&table, format, &stem)
}

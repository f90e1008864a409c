//! The onboarding board (everyone between acceptance and starting, by what they are waiting
//! for) and starting a volunteer in a role once nothing blocks them.

use app::AppError;
use app::onboarding::{BoardCard, Stage};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::PlacementId;

use super::checks::{Typed, page};
use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The onboarding board and starting someone in a role.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/onboarding", get(board))
        .route("/manage/{org}/placements/{id}/start", post(start))
}

/// One stage of the board, with its people oldest first.
struct Group {
    /// Element id.
    id: &'static str,
    label: &'static str,
    cards: Vec<BoardCard>,
}

#[derive(Template)]
#[template(path = "manage/onboarding.html")]
struct BoardPage {
    layout: Layout,
    slug: String,
    groups: Vec<Group>,
}

impl BoardPage {
    /// Where a person's name links: their checks for those who may see them, else their record.
    fn link(&self, card: &BoardCard) -> String {
        let person = card.placement.placement.person_id;
        match &self.layout.org {
            Some(org) if org.can_view_checks => {
                format!("/manage/{}/volunteers/{person}/checks", self.slug)
            }
            _ => format!("/manage/{}/volunteers/{person}", self.slug),
        }
    }

    /// "1 day", "12 days".
    fn days(&self, n: &i64) -> String {
        if *n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    }
}

async fn board(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let cards = state.app.onboarding_board(&scope).await?;
    let groups = [
        ("with-volunteer", Stage::WithVolunteer),
        ("to-verify", Stage::ToVerify),
        ("ready", Stage::ReadyToStart),
    ]
    .into_iter()
    .map(|(id, stage)| Group {
        id,
        label: stage.label(),
        cards: cards.iter().filter(|c| c.stage == stage).cloned().collect(),
    })
    .collect();
    Ok(Html(
        BoardPage {
            layout: Layout::for_org("Onboarding", &user, &scope),
            slug: org,
            groups,
        }
        .render()?,
    ))
}

async fn start(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, placement)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let placement: PlacementId = id(&placement)?;
    let scope = scope(&state, &user, &org).await?;
    let result = state.app.activate_placement(&scope, placement).await;
    let errors = match result {
        Ok(()) => FieldErrors::new(),
        Err(AppError::Invalid(errors)) => errors,
        Err(e) => return Err(e.into()),
    };
    // Back to the volunteer's checks, whether they started or not.
    let (row, _) = state.app.placement_eligibility(&scope, placement).await?;
    let person = row.placement.person_id;
    if errors.is_empty() {
        Ok(to(format!("/manage/{org}/volunteers/{person}/checks")))
    } else {
        page(&state, &user, &org, person, errors, Typed::Start(placement)).await
    }
}

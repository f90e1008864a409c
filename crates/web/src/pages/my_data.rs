//! A person's own data: ask for a copy of everything held about them (ready at once, as a ZIP)
//! and see the consents they have given, withdrawing one an organisation recorded for them.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ids::{ConsentId, SubjectAccessRequestId};

use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::subject_access_zip::zip_download;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/data", get(show).post(request))
        .route("/my/data/{id}/download", get(download))
        .route("/my/data/consents/{id}/withdraw", post(withdraw))
}

/// A request as listed.
struct Line {
    id: String,
    when: String,
    own: bool,
}

#[derive(Template)]
#[template(path = "my/data.html")]
struct DataPage {
    layout: Layout,
    requests: Vec<Line>,
    consents: Vec<app::ports::ConsentRecord>,
    done: String,
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let requests = state
        .app
        .my_data_requests(user.person.id)
        .await?
        .into_iter()
        .map(|r| Line {
            id: r.id.to_string(),
            when: nhs_datetime(&r.requested_at),
            own: r.organisation_id.is_none(),
        })
        .collect();
    let consents = state.app.my_consents(user.person.id).await?;
    let page = DataPage {
        layout: Layout::for_user("Your data", Some(&user)),
        requests,
        consents,
        done: q.done,
    };
    Ok(Html(page.render()?).into_response())
}

async fn request(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    state.app.request_my_data(user.person.id).await?;
    Ok(Redirect::to("/my/data?done=requested").into_response())
}

async fn download(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id: SubjectAccessRequestId = raw.parse().map_err(|_| app::AppError::NotFound)?;
    let export = state.app.my_data(user.person.id, id).await?;
    zip_download(&export)
}

/// The person withdraws a consent recorded for them; one already withdrawn (or not theirs) is
/// refused without changing anything.
async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: ConsentId = raw.parse().map_err(|_| app::AppError::NotFound)?;
    match state.app.withdraw_my_consent(user.person.id, id).await {
        Ok(_) => Ok(Redirect::to("/my/data?done=withdrawn").into_response()),
        // Withdrawn already (another tab, or their organisation meanwhile): the page says so.
        Err(app::AppError::Invalid(_) | app::AppError::Conflict(_)) => {
            Ok(Redirect::to("/my/data?done=already").into_response())
        }
        Err(e) => Err(e.into()),
    }
}

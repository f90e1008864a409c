//! A volunteer's own pages: profile, applications and organisations.

use app::AppError;
use app::ports::ApplicationRow;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::engagement::Engagement;
use domain::ids::ApplicationId;
use domain::organisation::Organisation;
use domain::person::{Person, PersonInput};

use super::auth::{dob_parts, person_input};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date, nhs_datetime, nhs_day};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/profile", get(profile))
        .route("/my/profile/edit", get(edit_form).post(edit))
        .route("/my/applications", get(applications))
        .route("/my/applications/{id}/withdraw", post(withdraw))
        .route("/my/organisations", get(organisations))
}

#[derive(Template)]
#[template(path = "my/profile.html")]
struct ProfilePage {
    layout: Layout,
    p: Person,
    dob: String,
}

async fn profile(user: SignedIn) -> Result<Html<String>, WebError> {
    let dob = user
        .person
        .date_of_birth
        .as_ref()
        .map(nhs_date)
        .unwrap_or_default();
    Ok(Html(
        ProfilePage {
            layout: Layout::for_user("Your profile", Some(&user)),
            p: user.person.clone(),
            dob,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "my/edit.html")]
struct EditPage {
    layout: Layout,
    input: PersonInput,
    dob: (String, String, String),
}

async fn edit_form(user: SignedIn) -> Result<Html<String>, WebError> {
    let input = PersonInput::from_person(&user.person);
    Ok(Html(
        EditPage {
            layout: Layout::for_user("Change your profile", Some(&user)),
            dob: dob_parts(&input),
            input,
        }
        .render()?,
    ))
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = person_input(&form);
    match state.app.update_my_profile(user.person.id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/profile").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_user("Change your profile", Some(&user)).with_errors(errors);
            let page = EditPage {
                layout,
                dob: dob_parts(&input),
                input,
            };
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                Html(page.render()?),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct ApplicationView {
    row: ApplicationRow,
    submitted: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "my/applications.html")]
struct ApplicationsPage {
    layout: Layout,
    applications: Vec<ApplicationView>,
}

async fn applications(
    State(state): State<AppState>,
    user: SignedIn,
) -> Result<Html<String>, WebError> {
    let applications = state
        .app
        .my_applications(user.person.id)
        .await?
        .into_iter()
        .map(|row| ApplicationView {
            submitted: nhs_datetime(&row.application.submitted_at),
            open: row.application.status.is_open(),
            row,
        })
        .collect();
    Ok(Html(
        ApplicationsPage {
            layout: Layout::for_user("Your applications", Some(&user)),
            applications,
        }
        .render()?,
    ))
}

async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let id: ApplicationId = id.parse().map_err(|_| AppError::NotFound)?;
    state.app.withdraw_application(user.person.id, id).await?;
    Ok(Redirect::to("/my/applications").into_response())
}

#[derive(Template)]
#[template(path = "my/organisations.html")]
struct OrganisationsPage {
    layout: Layout,
    engagements: Vec<(Engagement, Organisation, String)>,
}

async fn organisations(
    State(state): State<AppState>,
    user: SignedIn,
) -> Result<Html<String>, WebError> {
    let engagements = state
        .app
        .my_organisations(user.person.id)
        .await?
        .into_iter()
        .map(|(e, o)| {
            let since = nhs_day(&e.started_at);
            (e, o, since)
        })
        .collect();
    Ok(Html(
        OrganisationsPage {
            layout: Layout::for_user("Your organisations", Some(&user)),
            engagements,
        }
        .render()?,
    ))
}

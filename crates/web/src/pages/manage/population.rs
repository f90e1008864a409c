//! The population an organisation serves (from the census, its catchment or its patients), by
//! age band, sex, ethnic group and disability, so the report can put its volunteers' reach
//! beside it.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::equality::ReachDimension;
use domain::{FieldErrors, Labelled};

use super::scope;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/population", get(show).post(save))
}

/// One percentage to enter.
struct Field {
    name: String,
    label: &'static str,
    value: String,
}

/// One characteristic's fields.
struct Section {
    title: &'static str,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "manage/population.html")]
struct PopulationPage {
    layout: Layout,
    slug: String,
    sections: Vec<Section>,
    can_manage: bool,
    done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    value: impl Fn(&str) -> Option<String>,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let saved = state.app.population_served(&scope).await?;
    let sections = ReachDimension::ALL
        .iter()
        .map(|&d| Section {
            title: d.label(),
            fields: d
                .categories()
                .iter()
                .enumerate()
                .map(|(i, &category)| {
                    let name = format!("{}-{i}", d.code());
                    let stored = saved
                        .iter()
                        .find(|s| s.dimension == d && s.category == category)
                        .map(|s| format!("{}", f64::from(s.percent_tenths) / 10.0))
                        .unwrap_or_default();
                    Field {
                        value: value(&name).unwrap_or(stored),
                        name,
                        label: category,
                    }
                })
                .collect(),
        })
        .collect();
    let layout = Layout::for_org("Population served", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = PopulationPage {
        layout,
        slug: slug.to_owned(),
        sections,
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render(
        &state,
        &user,
        &slug,
        |_| None,
        FieldErrors::new(),
        q.done == "saved",
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    match state
        .app
        .save_population_served(&scope, |name| form.get(name))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/population?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            render(
                &state,
                &user,
                &slug,
                |name| Some(form.get(name)),
                errors,
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

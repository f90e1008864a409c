//! The volunteer passport, as the volunteer sees it: where they could share the checks and
//! training one organisation has verified with another they are applying to, exactly what would
//! be shared, their consent (given by ticking, stopped with one button), and the history.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::network::recognition::CONSENT_WORDING;

use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/passport", get(show).post(share))
        .route("/my/passport/stop", post(stop))
}

struct OptionView {
    n: usize,
    from_id: String,
    from: String,
    to_id: String,
    to: String,
    items: Vec<String>,
    consent_id: Option<String>,
    since: String,
}

struct HistoryView {
    from: String,
    to: String,
    given: String,
    stopped: String,
}

#[derive(Template)]
#[template(path = "my/passport.html")]
struct PassportPage {
    layout: Layout,
    options: Vec<OptionView>,
    history: Vec<HistoryView>,
    wording: &'static str,
    done: String,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    errors: FieldErrors,
    done: String,
) -> Result<Response, WebError> {
    let passport = state.app.my_passport(user.person.id).await?;
    let options = passport
        .options
        .into_iter()
        .enumerate()
        .map(|(n, o)| OptionView {
            n,
            from_id: o.from.id.to_string(),
            from: o.from.name,
            to_id: o.to.id.to_string(),
            to: o.to.name,
            items: o.items,
            since: o
                .consent
                .as_ref()
                .map(|c| nhs_datetime(&c.granted_at))
                .unwrap_or_default(),
            consent_id: o.consent.map(|c| c.id.to_string()),
        })
        .collect();
    let history = passport
        .history
        .into_iter()
        .map(|(c, from, to)| HistoryView {
            from,
            to,
            given: nhs_datetime(&c.granted_at),
            stopped: c
                .revoked_at
                .map(|t| nhs_datetime(&t))
                .unwrap_or_else(|| "Still sharing".into()),
        })
        .collect();
    let layout = Layout::for_user("Your volunteer passport", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = PassportPage {
        layout,
        options,
        history,
        wording: CONSENT_WORDING,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render(&state, &user, FieldErrors::new(), q.done).await
}

async fn share(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let n = form.get("n");
    if form.get("consent") != "yes" {
        let errors = FieldErrors::one(
            &format!("consent-{n}"),
            "Tick to say you agree before we share your checks",
        );
        return render(&state, &user, errors, String::new()).await;
    }
    let parse = |field: &str| {
        form.get(field)
            .parse()
            .map_err(|_| WebError::from(app::AppError::NotFound))
    };
    let (from, to) = (parse("from")?, parse("to")?);
    match state.app.share_passport(user.person.id, from, to).await {
        Ok(_) => Ok(Redirect::to("/my/passport?done=shared").into_response()),
        Err(app::AppError::Conflict(message)) => {
            render(
                &state,
                &user,
                FieldErrors::one(&format!("consent-{n}"), message),
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn stop(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = form
        .get("consent")
        .parse()
        .map_err(|_| app::AppError::NotFound)?;
    state.app.stop_sharing(user.person.id, id).await?;
    Ok(Redirect::to("/my/passport?done=stopped").into_response())
}

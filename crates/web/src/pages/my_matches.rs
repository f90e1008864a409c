//! A volunteer's invitations to support someone (yes or no — never assigned without their
//! say), the people they support, and logging a visit or call in a few taps, from a phone.

use app::matches::MyMatch;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ids::MatchId;
use domain::support::{ContactInput, ContactKind, MatchStatus};
use domain::{FieldErrors, Labelled};

use crate::form::{Done, FormData, choices};
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/matches", get(list))
        .route("/my/matches/{id}/answer", post(answer))
        .route("/my/matches/{id}", get(show).post(log))
}

struct Card {
    id: String,
    organisation: String,
    name: String,
    support: String,
    status: String,
    in_touch: bool,
    reasons: Vec<String>,
    needs: Vec<(&'static str, String)>,
    overdue: Option<i64>,
}

fn card(m: &MyMatch) -> Card {
    let p = &m.person;
    let mut needs = vec![
        (
            "Phone",
            p.phone.as_ref().map(|x| x.national()).unwrap_or_default(),
        ),
        (
            "Address",
            [
                p.address.clone(),
                p.postcode
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            ]
            .join(" ")
            .trim()
            .to_owned(),
        ),
        ("Main language", p.language.clone()),
        ("Communication needs", p.communication_needs.clone()),
        ("Access needs", p.access_needs.clone()),
        ("Interests", p.interests.join(", ")),
        (
            "Days that suit them",
            if p.days.is_empty() {
                String::new()
            } else {
                p.days.describe()
            },
        ),
    ];
    needs.retain(|(_, v)| !v.is_empty());
    Card {
        id: m.record.id.to_string(),
        organisation: m.organisation_name.clone(),
        name: m.shown_name(),
        support: m.record.support_type.label().to_lowercase(),
        status: m.record.status.label().to_owned(),
        in_touch: m.record.status.in_touch(),
        reasons: m.record.reasons.lines().map(str::to_owned).collect(),
        needs,
        overdue: m.overdue_days,
    }
}

#[derive(Template)]
#[template(path = "my/matches.html")]
struct MatchesPage {
    layout: Layout,
    invitations: Vec<Card>,
    current: Vec<Card>,
    past: Vec<Card>,
    done: String,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let mine = state.app.my_matches(user.person.id).await?;
    let (mut invitations, mut current, mut past) = (vec![], vec![], vec![]);
    for m in &mine {
        match m.record.status {
            MatchStatus::Proposed => invitations.push(card(m)),
            MatchStatus::Accepted | MatchStatus::Introduced | MatchStatus::Active => {
                current.push(card(m))
            }
            _ => past.push(card(m)),
        }
    }
    let page = MatchesPage {
        layout: Layout::for_user("People you support", Some(&user)),
        invitations,
        current,
        past,
        done: q.done,
    };
    Ok(Html(page.render()?).into_response())
}

async fn find(state: &AppState, user: &SignedIn, raw: &str) -> Result<MyMatch, WebError> {
    let id: MatchId = raw.parse().map_err(|_| app::AppError::NotFound)?;
    state
        .app
        .my_matches(user.person.id)
        .await?
        .into_iter()
        .find(|m| m.record.id == id)
        .ok_or_else(|| app::AppError::NotFound.into())
}

async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let m = find(&state, &user, &raw).await?;
    let accept = form.get("answer") == "yes";
    state
        .app
        .answer_invitation(
            user.person.id,
            m.record.organisation_id,
            m.record.id,
            accept,
        )
        .await?;
    let done = if accept { "accepted" } else { "declined" };
    Ok(Redirect::to(&format!("/my/matches?done={done}")).into_response())
}

#[derive(Template)]
#[template(path = "my/match.html")]
struct MatchPage {
    layout: Layout,
    c: Card,
    slug: String,
    supported_id: String,
    input: ContactInput,
    kinds: Vec<(String, String)>,
    contacts_done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    input: ContactInput,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let m = find(state, user, raw).await?;
    let c = card(&m);
    let layout =
        Layout::for_user(&format!("Supporting {}", c.name), Some(user)).with_errors(errors);
    let status = layout.status();
    let page = MatchPage {
        layout,
        slug: m.organisation_slug.clone(),
        supported_id: m.record.supported_person_id.to_string(),
        c,
        input,
        kinds: choices::<ContactKind>(),
        contacts_done: done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let input = ContactInput {
        on: state.app.uk_today().to_string(),
        kind: ContactKind::Visit.code().to_owned(),
        ..Default::default()
    };
    render(
        &state,
        &user,
        &raw,
        input,
        FieldErrors::new(),
        q.done == "logged",
    )
    .await
}

async fn log(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let m = find(&state, &user, &raw).await?;
    let input = ContactInput {
        on: form.get("on"),
        minutes: form.get("minutes"),
        kind: form.get("kind"),
        note: form.get("note"),
        concerns: form.get("concerns"),
    };
    match state
        .app
        .log_contact(
            user.person.id,
            m.record.organisation_id,
            m.record.id,
            &input,
        )
        .await
    {
        Ok(c) if c.concerns => Ok(Redirect::to(&format!(
            "/safeguarding/raise?org={}&about={}",
            m.organisation_slug, m.record.supported_person_id
        ))
        .into_response()),
        Ok(_) => Ok(Redirect::to(&format!("/my/matches/{raw}?done=logged")).into_response()),
        Err(app::AppError::Invalid(errors)) => {
            render(&state, &user, &raw, input, errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}

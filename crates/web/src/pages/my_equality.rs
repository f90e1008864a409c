//! A volunteer's own equality monitoring answers: optional, each with "Prefer not to say",
//! changeable and removable, and never shown to anyone else except in totals of five or more.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::equality::{Disability, EqualityInput, Ethnicity, Sex};
use domain::{FieldErrors, Labelled};

use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/equality", get(show).post(save))
        .route("/my/equality/remove", post(remove))
}

/// One question: its field, legend, and choices as (code, words), grouped where the list has
/// headings (ethnic groups).
struct Question {
    name: &'static str,
    legend: &'static str,
    groups: Vec<(&'static str, Vec<(&'static str, &'static str)>)>,
    chosen: String,
}

#[derive(Template)]
#[template(path = "my/equality.html")]
struct EqualityPage {
    layout: Layout,
    questions: Vec<Question>,
    answered: bool,
    done: &'static str,
}

fn choices<T: Labelled>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|v| (v.code(), v.label())).collect()
}

fn questions(input: &EqualityInput) -> Vec<Question> {
    let mut ethnic: Vec<(&'static str, Vec<(&'static str, &'static str)>)> = Vec::new();
    for e in Ethnicity::ALL {
        let group = if *e == Ethnicity::PreferNotToSay {
            ""
        } else {
            e.group()
        };
        match ethnic.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push((e.code(), e.label())),
            None => ethnic.push((group, vec![(e.code(), e.label())])),
        }
    }
    vec![
        Question {
            name: "sex",
            legend: "What is your sex?",
            groups: vec![("", choices::<Sex>())],
            chosen: input.sex.clone(),
        },
        Question {
            name: "ethnicity",
            legend: "What is your ethnic group?",
            groups: ethnic,
            chosen: input.ethnicity.clone(),
        },
        Question {
            name: "disability",
            legend: "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?",
            groups: vec![("", choices::<Disability>())],
            chosen: input.disability.clone(),
        },
    ]
}

async fn render(
    user: &SignedIn,
    input: &EqualityInput,
    answered: bool,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let layout = Layout::for_user("About you", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = EqualityPage {
        layout,
        questions: questions(input),
        answered,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let mine = state.app.my_equality(user.person.id).await?;
    let input = mine
        .as_ref()
        .map(EqualityInput::from_record)
        .unwrap_or_default();
    let done = match q.done.as_str() {
        "saved" => "Thank you. Your answers are saved.",
        "removed" => "Your answers have been removed.",
        _ => "",
    };
    render(&user, &input, mine.is_some(), FieldErrors::new(), done).await
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = EqualityInput {
        sex: form.get("sex"),
        ethnicity: form.get("ethnicity"),
        disability: form.get("disability"),
    };
    match state.app.save_my_equality(user.person.id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/equality?done=saved").into_response()),
        Err(AppError::Invalid(errors)) => {
            let answered = state.app.my_equality(user.person.id).await?.is_some();
            render(&user, &input, answered, errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    state.app.remove_my_equality(user.person.id).await?;
    Ok(Redirect::to("/my/equality?done=removed").into_response())
}

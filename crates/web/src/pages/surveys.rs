//! Answering a survey from the link in its email: no account, the unguessable token in the link
//! is the only key (like the referee's form, protected from other sites by
//! `csrf::reject_cross_site`). Laid out for a phone: one column, large answer targets.

use app::AppError;
use app::surveys::SurveyToAnswer;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::instruments::{Instrument, ItemKind};
use domain::surveys::field_name;

use crate::form::FormData;
use crate::layout::{Layout, nhs_date, uk_date};
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/surveys/{token}", get(form).post(answer))
}

/// One answer to choose.
pub(crate) struct OptionView {
    pub(crate) id: String,
    pub(crate) value: String,
    pub(crate) label: String,
}

/// One question as shown.
pub(crate) struct ItemView {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) hint: String,
    pub(crate) options: Vec<OptionView>,
    pub(crate) free_text: bool,
    pub(crate) value: String,
    /// Numbered scales (such as 0 to 10) sit in a row where there is room.
    pub(crate) numbered: bool,
}

/// One questionnaire of the survey.
pub(crate) struct SectionView {
    pub(crate) title: String,
    pub(crate) instruction: String,
    pub(crate) items: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "surveys/answer.html")]
struct AnswerPage {
    layout: Layout,
    token: String,
    organisation_name: String,
    anonymous: bool,
    closes_on: String,
    sections: Vec<SectionView>,
    copyright_lines: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "surveys/done.html")]
struct DonePage {
    layout: Layout,
    organisation_name: String,
    /// "thanks", "already" or "closed".
    state: &'static str,
    anonymous: bool,
}

/// The questions of `instrument` as shown, with the answers already in `form`.
pub(crate) fn section(instrument: &Instrument, form: &FormData) -> SectionView {
    let items = instrument
        .items
        .iter()
        .map(|item| {
            let name = field_name(instrument, item.code);
            let scale = match item.kind {
                ItemKind::Choice(choices) => Some(choices),
                ItemKind::Scale => Some(instrument.scale),
                ItemKind::FreeText => None,
            };
            let options = scale
                .map(|s| {
                    s.options
                        .iter()
                        .map(|o| OptionView {
                            id: format!("{name}-{}", o.value),
                            value: o.value.to_string(),
                            label: o.label.to_owned(),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let hint = item.anchors.map_or_else(String::new, |a| {
                format!(
                    "{} means {}; {} means {}",
                    scale.map_or(0, |s| s.min()),
                    a.low,
                    scale.map_or(10, |s| s.max()),
                    a.high
                )
            });
            ItemView {
                value: form.get(&name),
                numbered: options.len() > 5
                    && options.iter().all(|o| o.label.parse::<u8>().is_ok()),
                free_text: scale.is_none(),
                text: item.text.to_owned(),
                hint,
                options,
                name,
            }
        })
        .collect();
    SectionView {
        title: instrument.title.to_owned(),
        instruction: instrument.instruction.to_owned(),
        items,
    }
}

fn answer_page(
    user: &Option<crate::session::SignedIn>,
    token: String,
    survey: &SurveyToAnswer,
    form: &FormData,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let title = format!("A few questions from {}", survey.organisation_name);
    let layout = Layout::for_user(&title, user.as_ref()).with_errors(errors);
    let status = layout.status();
    let page = AnswerPage {
        layout,
        token,
        organisation_name: survey.organisation_name.clone(),
        anonymous: survey.invitation.anonymous,
        closes_on: nhs_date(&uk_date(&survey.invitation.closes_at)),
        sections: survey
            .invitation
            .instruments
            .iter()
            .map(|i| section(i, form))
            .collect(),
        copyright_lines: survey.copyright_lines(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn done_page(
    user: &Option<crate::session::SignedIn>,
    survey: &SurveyToAnswer,
    state: &'static str,
    status: StatusCode,
) -> Result<Response, WebError> {
    let title = match state {
        "thanks" => "Thank you for your answers",
        "already" => "This survey has already been answered",
        _ => "This survey has closed",
    };
    let page = DonePage {
        layout: Layout::for_user(title, user.as_ref()),
        organisation_name: survey.organisation_name.clone(),
        state,
        anonymous: survey.invitation.anonymous,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let survey = state.app.survey_to_answer(&token).await?;
    if survey.invitation.answered {
        return done_page(&user, &survey, "already", StatusCode::OK);
    }
    if !survey.open {
        return done_page(&user, &survey, "closed", StatusCode::GONE);
    }
    answer_page(
        &user,
        token,
        &survey,
        &FormData::default(),
        FieldErrors::new(),
    )
}

async fn answer(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    match state
        .app
        .answer_survey(&token, |name| form.get(name).trim().to_owned())
        .await
    {
        Ok(survey) => done_page(&user, &survey, "thanks", StatusCode::OK),
        Err(AppError::Conflict(_)) => {
            let survey = state.app.survey_to_answer(&token).await?;
            let (kind, status) = if survey.invitation.answered {
                ("already", StatusCode::CONFLICT)
            } else {
                ("closed", StatusCode::GONE)
            };
            done_page(&user, &survey, kind, status)
        }
        Err(AppError::Invalid(errors)) => {
            let survey = state.app.survey_to_answer(&token).await?;
            answer_page(&user, token, &survey, &form, errors)
        }
        Err(e) => Err(e.into()),
    }
}

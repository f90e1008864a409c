//! Survey settings: for each occasion (starting, 3, 6 and 12 months, after a shift, leaving)
//! whether it is sent, which questionnaires it asks, whether it is anonymous, and when it
//! reminds and closes; and the licences recorded for questionnaires that need one (SWEMWBS).

use app::AppError;
use app::surveys::SurveySettings;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::instruments::{self, Licence};
use domain::outcomes::MIN_GROUP;
use domain::surveys::{LicenceInput, Occasion, SurveyPlanInput};
use domain::{FieldErrors, Labelled};

use super::scope;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/surveys", get(show))
        .route("/manage/{org}/surveys/plans/{occasion}", post(save_plan))
        .route(
            "/manage/{org}/surveys/licences/{instrument}",
            post(record_licence),
        )
}

/// The questionnaires a plan may choose from, in order.
const CHOICES: [&str; 6] = [
    "ons4",
    "swemwbs",
    "brs",
    "ucla3",
    "ons_lonely",
    "experience",
];

struct ChoiceView {
    code: &'static str,
    title: &'static str,
    checked: bool,
    needs_licence: bool,
}

struct PlanView {
    code: &'static str,
    label: &'static str,
    /// Questionnaires answered in the last 12 months, in words.
    answered: String,
    pulse: bool,
    input: SurveyPlanInput,
    choices: Vec<ChoiceView>,
}

struct LicenceView {
    code: &'static str,
    title: &'static str,
    copyright_line: &'static str,
    recorded: Option<String>,
    input: LicenceInput,
}

#[derive(Template)]
#[template(path = "manage/surveys.html")]
struct SurveysPage {
    layout: Layout,
    slug: String,
    plans: Vec<PlanView>,
    licences: Vec<LicenceView>,
    can_manage: bool,
    can_admin: bool,
    done: &'static str,
}

/// How many questionnaires were answered, or "fewer than 5": as with every survey figure,
/// small numbers are not shown, so an anonymous answer cannot be tied to one person.
pub(crate) fn answered_words(n: usize) -> String {
    if n < MIN_GROUP {
        format!("fewer than {MIN_GROUP}")
    } else {
        n.to_string()
    }
}

fn plan_view(
    occasion: Occasion,
    input: SurveyPlanInput,
    licensed: &[&str],
    counts: &[(Occasion, usize)],
) -> PlanView {
    let choices = CHOICES
        .iter()
        .filter_map(|code| instruments::ALL.iter().find(|i| i.code == *code))
        .map(|i| ChoiceView {
            code: i.code,
            title: i.title,
            checked: input.instruments.iter().any(|c| c == i.code),
            needs_licence: matches!(i.licence, Licence::RegistrationRequired { .. })
                && !licensed.contains(&i.code),
        })
        .collect();
    let answered = counts
        .iter()
        .find(|(o, _)| *o == occasion)
        .map_or(0, |(_, n)| *n);
    PlanView {
        code: occasion.code(),
        label: occasion.label(),
        answered: answered_words(answered),
        pulse: occasion == Occasion::Pulse,
        input,
        choices,
    }
}

struct Failed {
    plan: Option<(Occasion, SurveyPlanInput)>,
    licence: Option<(&'static str, LicenceInput)>,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    failed: Failed,
    done: &'static str,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let SurveySettings { plans, licences } = state.app.survey_settings(&scope).await?;
    let licensed: Vec<&str> = licences.iter().map(|l| l.instrument).collect();
    let counts = state.app.survey_answer_counts(&scope).await?;
    let plans = plans
        .iter()
        .map(|p| match &failed.plan {
            Some((o, input)) if *o == p.occasion => {
                plan_view(*o, input.clone(), &licensed, &counts)
            }
            _ => plan_view(
                p.occasion,
                SurveyPlanInput::from_plan(p),
                &licensed,
                &counts,
            ),
        })
        .collect();
    let licence_views = instruments::ALL
        .iter()
        .filter_map(|i| match i.licence {
            Licence::RegistrationRequired { copyright_line } => Some((i, copyright_line)),
            _ => None,
        })
        .map(|(i, copyright_line)| LicenceView {
            code: i.code,
            title: i.title,
            copyright_line,
            recorded: licences.iter().find(|l| l.instrument == i.code).map(|l| {
                let reference = if l.reference.is_empty() {
                    String::new()
                } else {
                    format!(", reference {}", l.reference)
                };
                format!(
                    "Registered on {}{reference}; recorded by {}.",
                    nhs_date(&l.registered_on),
                    l.recorded_by
                )
            }),
            input: match &failed.licence {
                Some((code, input)) if *code == i.code => input.clone(),
                _ => LicenceInput::default(),
            },
        })
        .collect();
    let layout = Layout::for_org("Surveys", user, &scope).with_errors(failed.errors);
    let status = layout.status();
    let page = SurveysPage {
        layout,
        slug: slug.to_owned(),
        plans,
        licences: licence_views,
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
        can_admin: scope.can(domain::staff::Capability::Administer),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn no_failure() -> Failed {
    Failed {
        plan: None,
        licence: None,
        errors: FieldErrors::new(),
    }
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let done = match q.done.as_str() {
        "plan" => "The survey plan is saved. It applies to invitations sent from now on.",
        "licence" => {
            "The licence is recorded. You can now choose this questionnaire in your plans."
        }
        _ => "",
    };
    render(&state, &user, &slug, no_failure(), done).await
}

async fn save_plan(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, occasion)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let occasion = Occasion::from_code(&occasion).ok_or(AppError::NotFound)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = SurveyPlanInput {
        enabled: form.get("enabled") == "yes",
        instruments: form.all("instruments"),
        anonymous: form.get("anonymous") == "yes",
        close_after_days: form.get("close_after_days"),
        remind_after_days: form.get("remind_after_days"),
        pulse_one_in: form.get("pulse_one_in"),
    };
    match state.app.save_survey_plan(&scope, occasion, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/surveys?done=plan")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let failed = Failed {
                plan: Some((occasion, input)),
                licence: None,
                errors: prefixed(errors, occasion.code()),
            };
            render(&state, &user, &slug, failed, "").await
        }
        Err(e) => Err(e.into()),
    }
}

async fn record_licence(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, instrument)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let code = instruments::ALL
        .iter()
        .find(|i| i.code == instrument)
        .map(|i| i.code)
        .ok_or(AppError::NotFound)?;
    let input = LicenceInput {
        registered_on: form.get("registered_on"),
        reference: form.get("reference"),
        confirmed: form.get("confirmed") == "yes",
    };
    match state
        .app
        .record_instrument_licence(&scope, code, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/surveys?done=licence")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let failed = Failed {
                plan: None,
                licence: Some((code, input)),
                errors: prefixed(errors, code),
            };
            render(&state, &user, &slug, failed, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// Errors renamed to one form's fields (`{form}-{field}`), as several forms share the page.
fn prefixed(errors: FieldErrors, form: &str) -> FieldErrors {
    let mut out = FieldErrors::new();
    for e in errors.0 {
        out.add(&format!("{form}-{}", e.field), e.message);
    }
    out
}

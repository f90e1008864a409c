//! Referrals: the triage queue with target response times (breaches highlighted), one
//! referral with the decision form, and the form staff refer someone with.

use app::referrals::ReferralView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::support::{
    ReferralDecision, ReferralInput, ReferralStatus, SupportType, SupportedPersonInput, Urgency,
    response_target_hours,
};
use domain::{FieldErrors, Labelled};

use super::service_users::PersonChoices;
use super::{id, scope, to};
use crate::form::{FormData, choices, supported_person_input};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/referrals", get(queue))
        .route("/manage/{org}/referrals/new", get(blank).post(refer))
        .route("/manage/{org}/referrals/{id}", get(show))
        .route("/manage/{org}/referrals/{id}/decision", post(decide))
}

struct Row {
    id: String,
    name: String,
    support: String,
    urgency: String,
    received: String,
    due: String,
    status: String,
    waiting: bool,
    breached: bool,
    source: String,
}

fn row(v: &ReferralView) -> Row {
    let r = &v.referral;
    Row {
        id: r.id.to_string(),
        name: v.person.full_name(),
        support: r.support_type.label().to_owned(),
        urgency: r.urgency.label().to_owned(),
        received: nhs_datetime(&r.received_at),
        due: nhs_datetime(&v.due_by),
        status: r.status.label().to_owned(),
        waiting: r.status == ReferralStatus::New,
        breached: v.breached,
        source: format!("{} ({})", r.referrer_name, r.source.label().to_lowercase()),
    }
}

#[derive(Template)]
#[template(path = "support/referrals.html")]
struct QueuePage {
    layout: Layout,
    slug: String,
    waiting: Vec<Row>,
    decided: Vec<Row>,
    breaches: usize,
    public_address: String,
}

async fn queue(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let (waiting, decided): (Vec<Row>, Vec<Row>) = state
        .app
        .referral_queue(&scope)
        .await?
        .iter()
        .map(row)
        .partition(|r| r.waiting);
    let page = QueuePage {
        layout: Layout::for_org("Referrals", &user, &scope),
        breaches: waiting.iter().filter(|r| r.breached).count(),
        public_address: format!("{}/refer/{slug}", state.app.base_url),
        slug,
        waiting,
        decided,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "support/referral.html")]
struct ReferralPage {
    layout: Layout,
    slug: String,
    r: Row,
    person_id: String,
    need: String,
    note: String,
    can_manage: bool,
    decision: String,
    typed_note: String,
}

async fn render_referral(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    typed: (String, String),
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let v = state.app.referral(&scope, id(raw)?).await?;
    let layout = Layout::for_org("Referral", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = ReferralPage {
        layout,
        slug: slug.to_owned(),
        r: row(&v),
        person_id: v.person.id.to_string(),
        need: v.referral.need.clone(),
        note: v.referral.decision_note.clone(),
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
        decision: typed.0,
        typed_note: typed.1,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render_referral(
        &state,
        &user,
        &slug,
        &raw,
        Default::default(),
        FieldErrors::new(),
    )
    .await
}

async fn decide(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let (decision, note) = (form.get("decision"), form.get("note"));
    let result = match ReferralDecision::parse(&decision, &note) {
        Ok(d) => state.app.decide_referral(&scope, id(&raw)?, &d).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(to(format!("/manage/{slug}/referrals"))),
        Err(app::AppError::Invalid(errors)) => {
            render_referral(&state, &user, &slug, &raw, (decision, note), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "support/refer_staff.html")]
struct ReferPage {
    layout: Layout,
    slug: String,
    p: SupportedPersonInput,
    r: ReferralInput,
    c: PersonChoices,
    support_types: Vec<(String, String)>,
    urgencies: Vec<(String, String)>,
    targets: Vec<(String, i64)>,
}

/// Each kind of support with its target response time for routine referrals.
pub(crate) fn targets() -> Vec<(String, i64)> {
    SupportType::ALL
        .iter()
        .map(|t| {
            (
                t.label().to_owned(),
                response_target_hours(*t, Urgency::Routine),
            )
        })
        .collect()
}

async fn render_refer(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    typed: (SupportedPersonInput, ReferralInput),
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let layout = Layout::for_org("Refer someone for support", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = ReferPage {
        layout,
        slug: slug.to_owned(),
        c: PersonChoices::for_input(&typed.0),
        p: typed.0,
        r: typed.1,
        support_types: choices::<SupportType>(),
        urgencies: choices::<Urgency>(),
        targets: targets(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn blank(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    render_refer(&state, &user, &slug, Default::default(), FieldErrors::new()).await
}

/// The referral's own fields from a form.
pub(crate) fn referral_input(form: &FormData) -> ReferralInput {
    ReferralInput {
        support_type: form.get("support_type"),
        urgency: form.get("urgency"),
        need: form.get("need"),
        referrer_name: form.get("referrer_name"),
        referrer_email: form.get("referrer_email"),
    }
}

async fn refer(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let person = supported_person_input(&form);
    let referral = referral_input(&form);
    match state.app.refer(&scope, &person, &referral).await {
        Ok(r) => Ok(to(format!("/manage/{slug}/referrals/{}", r.id))),
        Err(app::AppError::Invalid(errors)) => {
            render_refer(&state, &user, &slug, (person, referral), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

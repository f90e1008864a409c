//! Mutual recognition agreements, for an organisation: the ones it is party to or may join, a
//! form to propose one (to named organisations or to a network's members), and one agreement's
//! page with each party's terms, signing with what this organisation accepts, and ending it.

use app::AppError;
use app::agreements::AgreementInput;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::compliance::RequirementType;
use domain::ids::AgreementId;
use domain::network::recognition::{Agreement, TermsInput};
use domain::staff::Capability;

use super::scope;
use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/agreements", get(list))
        .route("/manage/{org}/agreements/new", get(new).post(propose))
        .route("/manage/{org}/agreements/{id}", get(show))
        .route("/manage/{org}/agreements/{id}/sign", post(sign))
        .route("/manage/{org}/agreements/{id}/end", post(end))
}

/// One catalogue item as a term to tick, with its age limit.
struct TermChoice {
    code: String,
    name: String,
    ticked: bool,
    months: String,
}

/// One party as shown.
struct PartyView {
    name: String,
    signed: String,
    accepts: Vec<String>,
}

struct AgreementRow {
    id: AgreementId,
    name: String,
    parties: String,
    state: String,
}

#[derive(Template)]
#[template(path = "manage/agreements.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    rows: Vec<AgreementRow>,
    can_propose: bool,
}

#[derive(Template)]
#[template(path = "manage/agreement_new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    agreement_name: String,
    mou_reference: String,
    partners: Vec<(String, String, bool)>,
    networks: Vec<(String, String, bool)>,
    network_chosen: bool,
    terms: Vec<TermChoice>,
}

#[derive(Template)]
#[template(path = "manage/agreement.html")]
struct AgreementPage {
    layout: Layout,
    slug: String,
    id: AgreementId,
    name: String,
    mou_reference: String,
    ended: String,
    parties: Vec<PartyView>,
    can_sign: bool,
    signed: bool,
    terms: Vec<TermChoice>,
    done: String,
}

fn describe_terms(a: &domain::network::recognition::Party) -> Vec<String> {
    a.accepts
        .iter()
        .map(|t| match t.max_age_months {
            Some(m) => format!("{} (done within the last {m} months)", t.name),
            None => format!("{} (while it is valid)", t.name),
        })
        .collect()
}

/// Where an agreement stands for `org`, in words (the list and its download).
pub(crate) fn state_of(a: &Agreement, org: domain::ids::OrganisationId) -> String {
    if a.ended_at.is_some() {
        return "Ended".into();
    }
    match a.party(org) {
        Some(p) if p.signed_at.is_some() => {
            let waiting = a.parties.iter().filter(|p| p.signed_at.is_none()).count();
            if waiting == 0 {
                "In force".into()
            } else {
                format!("Signed by you; {waiting} still to sign")
            }
        }
        Some(_) => "Waiting for you to sign".into(),
        None => "Open to members of your network".into(),
    }
}

/// The catalogue as terms to tick, from what was typed or what the party accepts now.
fn choices(catalogue: &[RequirementType], typed: &TermsInput) -> Vec<TermChoice> {
    catalogue
        .iter()
        .map(|t| {
            let chosen = typed.items.iter().find(|(code, _)| *code == t.code);
            TermChoice {
                code: t.code.clone(),
                name: t.name.clone(),
                ticked: chosen.is_some(),
                months: chosen.map(|(_, m)| m.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The terms ticked on a form.
fn typed_terms(form: &FormData) -> TermsInput {
    TermsInput {
        items: form
            .all("accept")
            .into_iter()
            .map(|code| {
                let months = form.get(&format!("months-{code}"));
                (code, months)
            })
            .collect(),
    }
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let org = scope.organisation_id();
    let rows = state
        .app
        .agreements(&scope)
        .await?
        .iter()
        .map(|a| AgreementRow {
            id: a.id,
            name: a.name.clone(),
            parties: a
                .parties
                .iter()
                .map(|p| p.organisation_name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            state: state_of(a, org),
        })
        .collect();
    let page = ListPage {
        layout: Layout::for_org("Mutual recognition agreements", &user, &scope),
        slug,
        rows,
        can_propose: scope.can(Capability::Administer),
    };
    Ok(Html(page.render()?).into_response())
}

async fn render_new(
    state: &AppState,
    user: &SignedIn,
    slug: String,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, &slug).await?;
    if !scope.can(Capability::Administer) {
        return Err(AppError::Forbidden.into());
    }
    let get = |name: &str| form.map(|f| f.get(name)).unwrap_or_default();
    let chosen = form.map(|f| f.all("partners")).unwrap_or_default();
    let partners = state
        .app
        .organisations()
        .await?
        .into_iter()
        .filter(|o| o.id != scope.organisation_id())
        .map(|o| {
            let id = o.id.to_string();
            let ticked = chosen.contains(&id);
            (id, o.name, ticked)
        })
        .collect();
    let network = get("network_id");
    let networks: Vec<(String, String, bool)> = state
        .app
        .organisation_networks(&scope)
        .await?
        .into_iter()
        .map(|n| {
            let id = n.id.to_string();
            let ticked = id == network;
            (id, n.name, ticked)
        })
        .collect();
    let catalogue = state.app.catalogue(&scope).await?;
    let terms = choices(&catalogue, &form.map(typed_terms).unwrap_or_default());
    let layout =
        Layout::for_org("Propose a mutual recognition agreement", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = NewPage {
        layout,
        slug,
        agreement_name: get("name"),
        mou_reference: get("mou_reference"),
        partners,
        network_chosen: networks.iter().any(|n| n.2),
        networks,
        terms,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn new(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    render_new(&state, &user, slug, None, FieldErrors::new()).await
}

async fn propose(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = AgreementInput {
        name: form.get("name"),
        mou_reference: form.get("mou_reference"),
        partners: form
            .all("partners")
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect(),
        network_id: form.get("network_id").parse().ok(),
        accepts: typed_terms(&form),
    };
    match state
        .app
        .propose_agreement(&scope, &input, user.person.full_name())
        .await
    {
        Ok(a) => Ok(Redirect::to(&format!("/manage/{slug}/agreements/{}", a.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            render_new(&state, &user, slug, Some(&form), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn render_agreement(
    state: &AppState,
    user: &SignedIn,
    slug: String,
    id: AgreementId,
    typed: Option<TermsInput>,
    errors: FieldErrors,
    done: String,
) -> Result<Response, WebError> {
    let scope = scope(state, user, &slug).await?;
    let a = state.app.agreement(&scope, id).await?;
    let org = scope.organisation_id();
    let mine = a.party(org);
    let current = TermsInput {
        items: mine
            .map(|p| {
                p.accepts
                    .iter()
                    .map(|t| {
                        let months = t.max_age_months.map(|m| m.to_string()).unwrap_or_default();
                        (t.code.clone(), months)
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    let catalogue = state.app.catalogue(&scope).await?;
    let layout = Layout::for_org(&a.name, user, &scope).with_errors(errors);
    let status = layout.status();
    let page = AgreementPage {
        layout,
        slug,
        id,
        name: a.name.clone(),
        mou_reference: a.mou_reference.clone(),
        ended: a.ended_at.map(|t| nhs_datetime(&t)).unwrap_or_default(),
        parties: a
            .parties
            .iter()
            .map(|p| PartyView {
                name: p.organisation_name.clone(),
                signed: match p.signed_at {
                    Some(t) => format!("Signed by {} on {}", p.signed_by, nhs_datetime(&t)),
                    None => "Not signed yet".into(),
                },
                accepts: describe_terms(p),
            })
            .collect(),
        can_sign: a.ended_at.is_none() && scope.can(Capability::Administer),
        signed: mine.is_some_and(|p| p.signed_at.is_some()),
        terms: choices(&catalogue, &typed.unwrap_or(current)),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, AgreementId)>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render_agreement(&state, &user, slug, id, None, FieldErrors::new(), q.done).await
}

async fn sign(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, AgreementId)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let terms = typed_terms(&form);
    match state
        .app
        .sign_agreement(&scope, id, &terms, user.person.full_name())
        .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/manage/{slug}/agreements/{id}?done=signed")).into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            render_agreement(&state, &user, slug, id, Some(terms), errors, String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn end(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, AgreementId)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    state.app.end_agreement(&scope, id).await?;
    Ok(Redirect::to(&format!("/manage/{slug}/agreements/{id}?done=ended")).into_response())
}

//! An organisation's side of its networks: which it belongs to, setting one up, listing its open
//! roles to a network, referring a volunteer to another member's role, and the referrals it made
//! and received with their outcomes.

use app::AppError;
use app::network_sharing::ReferralInput;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::PersonId;
use domain::network::{Network, NetworkInput, NetworkKind};
use domain::role::RoleStatus;
use domain::staff::Capability;

use super::scope;
use crate::form::{Done, FormData, choices};
use crate::layout::{Layout, nhs_date};
use crate::pages::networks::network_input;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/networks", get(list))
        .route("/manage/{org}/networks/new", get(new).post(create))
        .route("/manage/{org}/networks/listings", post(listing))
        .route("/manage/{org}/network-referrals", get(referrals))
        .route(
            "/manage/{org}/volunteers/{person}/refer",
            get(refer_form).post(refer),
        )
}

/// One open role and, per network, whether it is listed there.
struct RoleLine {
    id: String,
    title: String,
    networks: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "manage/networks.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    networks: Vec<Network>,
    roles: Vec<RoleLine>,
    can_create: bool,
    done: String,
}

#[derive(Template)]
#[template(path = "manage/network_new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    input: NetworkInput,
    kinds: Vec<(String, String)>,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let networks = state.app.organisation_networks(&scope).await?;
    let listings = state.app.role_listings(&scope).await?;
    let roles = state
        .app
        .roles(&scope)
        .await?
        .into_iter()
        .filter(|r| r.status == RoleStatus::Open)
        .map(|r| RoleLine {
            id: r.id.to_string(),
            networks: networks
                .iter()
                .map(|n| {
                    let listed = listings
                        .iter()
                        .any(|l| l.role_id == r.id && l.network_id == n.id);
                    (n.id.to_string(), n.name.clone(), listed)
                })
                .collect(),
            title: r.title,
        })
        .collect();
    let page = ListPage {
        layout: Layout::for_org("Networks", &user, &scope),
        can_create: scope.can(Capability::Administer),
        slug,
        networks,
        roles,
        done: q.done,
    };
    Ok(Html(page.render()?).into_response())
}

async fn render_new(
    state: &AppState,
    user: &SignedIn,
    slug: String,
    input: NetworkInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, &slug).await?;
    if !scope.can(Capability::Administer) {
        return Err(AppError::Forbidden.into());
    }
    let layout = Layout::for_org("Set up a network", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = NewPage {
        layout,
        slug,
        input,
        kinds: choices::<NetworkKind>(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn new(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    render_new(
        &state,
        &user,
        slug,
        NetworkInput::default(),
        FieldErrors::new(),
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = network_input(&form);
    match state.app.create_network(&scope, &input).await {
        Ok(n) => Ok(Redirect::to(&format!("/networks/{}?done=created", n.slug)).into_response()),
        Err(AppError::Invalid(errors)) => render_new(&state, &user, slug, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn listing(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let parse = |f: &str| form.get(f).parse().map_err(|_| AppError::NotFound);
    let (network, role) = (parse("network")?, parse("role")?);
    state
        .app
        .list_role_to_network(
            &scope,
            domain::ids::NetworkId(network),
            domain::ids::RoleId(role),
            form.get("listed") == "yes",
        )
        .await?;
    Ok(Redirect::to(&format!("/manage/{slug}/networks?done=listed")).into_response())
}

struct ReferralLine {
    volunteer: String,
    from: String,
    to: String,
    role: String,
    consent_on: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "manage/network_referrals.html")]
struct ReferralsPage {
    layout: Layout,
    slug: String,
    lines: Vec<ReferralLine>,
    service_users: Vec<(String, String, String, String)>,
}

async fn referrals(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let lines = state
        .app
        .volunteer_referrals(&scope)
        .await?
        .into_iter()
        .map(|r| ReferralLine {
            volunteer: r.volunteer,
            from: r.from,
            to: r.to,
            role: r.role,
            consent_on: nhs_date(&r.referral.consent_on),
            outcome: r.outcome,
        })
        .collect();
    let service_users = if scope.can(Capability::ViewServiceUsers) {
        state
            .app
            .service_user_referrals_made(&scope)
            .await?
            .into_iter()
            .map(|(r, to)| {
                (
                    to,
                    domain::Labelled::label(r.support_type).to_owned(),
                    crate::layout::nhs_datetime(&r.received_at),
                    domain::Labelled::label(r.status).to_owned(),
                )
            })
            .collect()
    } else {
        vec![]
    };
    let page = ReferralsPage {
        layout: Layout::for_org("Referrals between members", &user, &scope),
        slug,
        lines,
        service_users,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "manage/network_refer.html")]
struct ReferPage {
    layout: Layout,
    slug: String,
    person: PersonId,
    name: String,
    roles: Vec<(String, String)>,
    form: FormData,
}

async fn render_refer(
    state: &AppState,
    user: &SignedIn,
    slug: String,
    person: PersonId,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, &slug).await?;
    let record = state.app.volunteer_record(&scope, person).await?.person;
    let roles = state
        .app
        .referral_roles(&scope)
        .await?
        .into_iter()
        .map(|(o, _)| {
            (
                o.role.id.to_string(),
                format!("{} at {}", o.role.title, o.organisation_name),
            )
        })
        .collect();
    let layout =
        Layout::for_org("Refer a volunteer to another member", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = ReferPage {
        layout,
        slug,
        person,
        name: record.full_name(),
        roles,
        form,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn refer_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, person)): Path<(String, PersonId)>,
) -> Result<Response, WebError> {
    render_refer(
        &state,
        &user,
        slug,
        person,
        FormData::default(),
        FieldErrors::new(),
    )
    .await
}

async fn refer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, person)): Path<(String, PersonId)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = ReferralInput {
        role_id: form.get("role_id"),
        consent_on: form.get("consent_on"),
        note: form.get("note"),
    };
    match state.app.refer_volunteer(&scope, person, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/network-referrals")).into_response()),
        Err(AppError::Invalid(errors)) => {
            render_refer(&state, &user, slug, person, form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

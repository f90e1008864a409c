//! Members for coordinators (the list with where each membership stands, adding a member, one
//! membership's renewals, recording a renewal, ending it) and the member directory for members.

use app::AppError;
use app::network_members::MemberView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ids::NetworkMemberId;
use domain::network::membership::{
    MemberInput, MembershipType, NetworkMember, Renewal, RenewalInput,
};
use domain::{FieldErrors, Labelled};

use super::access;
use crate::form::{Done, FormData, choices};
use crate::layout::{Layout, nhs_date, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/members", get(list))
        .route("/networks/{slug}/members/new", get(new).post(add))
        .route("/networks/{slug}/members/{id}", get(show))
        .route("/networks/{slug}/members/{id}/renew", post(renew))
        .route("/networks/{slug}/members/{id}/end", post(end))
        .route("/networks/{slug}/directory", get(directory).post(listing))
}

struct Row {
    id: NetworkMemberId,
    name: String,
    kind: &'static str,
    standing: &'static str,
    renews: String,
    fee: String,
    listed: bool,
}

fn row(v: &MemberView) -> Row {
    let m = &v.member;
    Row {
        id: m.id,
        name: m.name().to_owned(),
        kind: m.membership_type().label(),
        standing: v.standing.label(),
        renews: m
            .renews_on
            .map(|d| nhs_date(&d))
            .unwrap_or_else(|| "Not renewed".into()),
        fee: m
            .annual_fee
            .map(|p| p.display())
            .unwrap_or_else(|| "None".into()),
        listed: m.in_directory,
    }
}

#[derive(Template)]
#[template(path = "network/members.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    name: String,
    rows: Vec<Row>,
    done: String,
}

#[derive(Template)]
#[template(path = "network/member_new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    form: FormData,
    types: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "network/member.html")]
struct MemberPage {
    layout: Layout,
    slug: String,
    row: Row,
    member: NetworkMember,
    renewals: Vec<Renewal>,
    paid_on: String,
    amount: String,
    done: String,
}

impl MemberPage {
    fn date(&self, d: &chrono::NaiveDate) -> String {
        nhs_date(d)
    }

    fn when(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        nhs_datetime(t)
    }
}

#[derive(Template)]
#[template(path = "network/directory.html")]
struct DirectoryPage {
    layout: Layout,
    slug: String,
    name: String,
    members: Vec<NetworkMember>,
    own: Vec<NetworkMember>,
    done: String,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let rows = state
        .app
        .network_members(&access)
        .await?
        .iter()
        .map(row)
        .collect();
    let page = ListPage {
        layout: Layout::for_user("Members and renewals", Some(&user)),
        slug: access.network().slug.to_string(),
        name: access.network().name.clone(),
        rows,
        done: q.done,
    };
    Ok(Html(page.render()?).into_response())
}

async fn render_new(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let access = access(state, Some(user), slug).await?;
    access.require_coordinator()?;
    let organisations = state
        .app
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let layout = Layout::for_user("Add a member", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = NewPage {
        layout,
        slug: access.network().slug.to_string(),
        form,
        types: choices::<MembershipType>(),
        organisations,
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
        &slug,
        FormData::default(),
        FieldErrors::new(),
    )
    .await
}

async fn add(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    let input = MemberInput {
        membership_type: form.get("membership_type"),
        organisation_id: form.get("organisation_id"),
        name: form.get("name"),
        email: form.get("email"),
        job_title: form.get("job_title"),
        employer: form.get("employer"),
        joined_on: form.get("joined_on"),
        renews_on: form.get("renews_on"),
        annual_fee: form.get("annual_fee"),
        in_directory: form.get("in_directory") == "yes",
        directory_note: form.get("directory_note"),
    };
    match state.app.add_network_member(&access, &input).await {
        Ok(m) => Ok(
            Redirect::to(&format!("/networks/{slug}/members/{}?done=added", m.id)).into_response(),
        ),
        Err(AppError::Invalid(errors)) => render_new(&state, &user, &slug, form, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn render_member(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    id: NetworkMemberId,
    typed: Option<&FormData>,
    errors: FieldErrors,
    done: String,
) -> Result<Response, WebError> {
    let access = access(state, Some(user), slug).await?;
    let (view, renewals) = state.app.network_member(&access, id).await?;
    let layout = Layout::for_user(view.member.name(), Some(user)).with_errors(errors);
    let status = layout.status();
    let page = MemberPage {
        layout,
        slug: access.network().slug.to_string(),
        row: row(&view),
        member: view.member,
        renewals,
        paid_on: typed.map(|f| f.get("paid_on")).unwrap_or_default(),
        amount: typed.map(|f| f.get("amount")).unwrap_or_default(),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, NetworkMemberId)>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render_member(&state, &user, &slug, id, None, FieldErrors::new(), q.done).await
}

async fn renew(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, NetworkMemberId)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    let input = RenewalInput {
        paid_on: form.get("paid_on"),
        amount: form.get("amount"),
    };
    match state
        .app
        .record_renewal(&access, id, &input, user.person.full_name())
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/networks/{slug}/members/{id}?done=renewed")).into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            render_member(&state, &user, &slug, id, Some(&form), errors, String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn end(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, NetworkMemberId)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    state
        .app
        .end_network_member(&access, id, state.app.uk_today())
        .await?;
    Ok(Redirect::to(&format!("/networks/{slug}/members?done=ended")).into_response())
}

async fn render_directory(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    errors: FieldErrors,
    done: String,
) -> Result<Response, WebError> {
    let access = access(state, Some(user), slug).await?;
    let members = state.app.member_directory(&access).await?;
    let own = state.app.own_memberships(&access).await?;
    let layout = Layout::for_user("Member directory", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = DirectoryPage {
        layout,
        slug: access.network().slug.to_string(),
        name: access.network().name.clone(),
        members,
        own,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn directory(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render_directory(&state, &user, &slug, FieldErrors::new(), q.done).await
}

async fn listing(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let access = access(&state, Some(&user), &slug).await?;
    let id = form
        .get("member")
        .parse()
        .map(NetworkMemberId)
        .map_err(|_| AppError::NotFound)?;
    match state
        .app
        .set_directory_listing(
            &access,
            id,
            form.get("in_directory") == "yes",
            &form.get("directory_note"),
        )
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/networks/{slug}/directory?done=saved")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            render_directory(&state, &user, &slug, errors, String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

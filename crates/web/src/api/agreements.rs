//! Mutual recognition agreements for the token's organisation: those it is a party to (and
//! open agreements in its networks it could sign), proposing one, signing with what it accepts,
//! and ending one. Another organisation's agreement is not found.

use app::AppError;
use app::agreements::AgreementInput;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use domain::ids::{AgreementId, NetworkId, OrganisationId};
use domain::network::recognition::{Agreement, Party, TermsInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{Id, json, text, text_list};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The agreement routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(list_agreements).post(propose_agreement))
        .route("/agreements/{id}", get(get_agreement))
        .route("/agreements/{id}/sign", post(sign_agreement))
        .route("/agreements/{id}/end", post(end_agreement))
}

/// One item a party accepts from the others.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TermView {
    /// The catalogue code both organisations use for it, like `dbs` or `cstf-fire-safety`.
    pub code: String,
    /// Its name.
    pub name: String,
    /// How recent it must be, in months from when it was done; null accepts it while valid.
    pub max_age_months: Option<u32>,
}

/// An organisation's place in an agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartyView {
    /// The organisation.
    pub organisation_id: Uuid,
    /// Its name.
    pub organisation_name: String,
    /// What it accepts from the other parties.
    pub accepts: Vec<TermView>,
    /// When it signed; null while it has not.
    pub signed_at: Option<DateTime<Utc>>,
    /// Who signed for it.
    pub signed_by: String,
}

/// A mutual recognition agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementView {
    /// Identifier.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The network, for an agreement open to all its members.
    pub network_id: Option<Uuid>,
    /// The memorandum of understanding it rests on.
    pub mou_reference: String,
    /// The parties; only those who signed recognise each other's checks.
    pub parties: Vec<PartyView>,
    /// When it was proposed.
    pub created_at: DateTime<Utc>,
    /// When it ended; nothing is recognised under it after that.
    pub ended_at: Option<DateTime<Utc>>,
}

impl From<&Party> for PartyView {
    fn from(p: &Party) -> Self {
        Self {
            organisation_id: p.organisation_id.0,
            organisation_name: p.organisation_name.clone(),
            accepts: p
                .accepts
                .iter()
                .map(|t| TermView {
                    code: t.code.clone(),
                    name: t.name.clone(),
                    max_age_months: t.max_age_months,
                })
                .collect(),
            signed_at: p.signed_at,
            signed_by: p.signed_by.clone(),
        }
    }
}

impl From<&Agreement> for AgreementView {
    fn from(a: &Agreement) -> Self {
        Self {
            id: a.id.0,
            name: a.name.clone(),
            network_id: a.network_id.map(|n| n.0),
            mou_reference: a.mou_reference.clone(),
            parties: a.parties.iter().map(PartyView::from).collect(),
            created_at: a.created_at,
            ended_at: a.ended_at,
        }
    }
}

/// One item the organisation accepts.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TermBody {
    /// The code of an item in the organisation's catalogue.
    #[serde(default, deserialize_with = "text")]
    pub code: String,
    /// How recent it must be, in months (1 to 120); blank or null accepts it while valid.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u32>)]
    pub max_age_months: String,
}

/// A new agreement: with named organisations, or open to a network's members.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AgreementBody {
    /// Its name.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// The memorandum of understanding it rests on, if any.
    #[serde(default, deserialize_with = "text")]
    pub mou_reference: String,
    /// The other organisations on Alongside, for an agreement between named organisations.
    #[serde(default, deserialize_with = "text_list")]
    #[schema(value_type = Vec<Uuid>)]
    pub partners: Vec<String>,
    /// A network the organisation belongs to, for an agreement its members may sign; blank for
    /// named partners.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub network_id: String,
    /// What the organisation accepts from the others.
    #[serde(default)]
    pub accepts: Vec<TermBody>,
}

/// Signing an agreement, with what the organisation accepts.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SignBody {
    /// What the organisation accepts from the others.
    #[serde(default)]
    pub accepts: Vec<TermBody>,
}

/// The terms as the app reads them, and the request's name for each app field.
fn terms(accepts: &[TermBody]) -> TermsInput {
    TermsInput {
        items: accepts
            .iter()
            .map(|t| (t.code.trim().to_owned(), t.max_age_months.clone()))
            .collect(),
    }
}

/// The app names the terms `items` and each age limit `months-{code}`; this request calls them
/// `accepts` and `accepts[i].max_age_months`.
fn rename_terms(error: AppError, accepts: &[TermBody]) -> AppError {
    super::input::rename_fields(error, |field| {
        if field == "items" {
            return Some("accepts".into());
        }
        let code = field.strip_prefix("months-")?;
        let i = accepts.iter().position(|t| t.code.trim() == code)?;
        Some(format!("accepts[{i}].max_age_months"))
    })
}

/// The organisation's agreements
///
/// Agreements the organisation is a party to, signed or not, and open agreements in the
/// networks it belongs to that it could sign.
#[utoipa::path(get, path = "/api/v1/agreements", tag = "agreements",
    responses(
        (status = 200, description = "The agreements", body = [AgreementView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_agreements(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<AgreementView>>, ApiError> {
    let agreements = state.app.agreements(&scope).await?;
    Ok(Json(agreements.iter().map(AgreementView::from).collect()))
}

/// Propose an agreement
///
/// The organisation signs it at once with what it accepts from the others; each other
/// organisation's admin then signs with what theirs accepts. Admins only.
#[utoipa::path(post, path = "/api/v1/agreements", tag = "agreements",
    request_body = AgreementBody,
    responses(
        (status = 201, description = "The new agreement", body = AgreementView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission is not the organisation's admin", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (`accepts` for terms, `partners` for organisations that are not on Alongside, `network_id` for a network the organisation does not belong to); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn propose_agreement(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: AgreementBody = json(&body)?;
    // An id that is not an id becomes a fresh one, which the app refuses by field.
    let partners: Vec<OrganisationId> = b
        .partners
        .iter()
        .map(|p| p.trim().parse().unwrap_or_else(|_| OrganisationId::new()))
        .collect();
    let network_id: Option<NetworkId> = match b.network_id.trim() {
        "" => None,
        raw => Some(raw.parse().unwrap_or_else(|_| NetworkId::new())),
    };
    let input = AgreementInput {
        name: b.name,
        mou_reference: b.mou_reference,
        partners,
        network_id,
        accepts: terms(&b.accepts),
    };
    let signed_by = state.app.scope_person_name(&scope).await?;
    let agreement = state
        .app
        .propose_agreement(&scope, &input, signed_by)
        .await
        .map_err(|err| rename_terms(err, &b.accepts))?;
    Ok((StatusCode::CREATED, Json(AgreementView::from(&agreement))).into_response())
}

/// An agreement
///
/// One the organisation is a party to, or an open agreement in one of its networks.
#[utoipa::path(get, path = "/api/v1/agreements/{id}", tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id")),
    responses(
        (status = 200, description = "The agreement", body = AgreementView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such agreement for this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_agreement(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<AgreementId>,
) -> Result<Json<AgreementView>, ApiError> {
    let agreement = state.app.agreement(&scope, id).await?;
    Ok(Json(AgreementView::from(&agreement)))
}

/// Sign an agreement
///
/// The organisation signs (or changes what it accepts) under an agreement it is named in, or
/// joins an open agreement of a network it belongs to. Admins only. An agreement that has ended
/// cannot be signed (409).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/sign", tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id")),
    request_body = SignBody,
    responses(
        (status = 200, description = "The agreement as signed", body = AgreementView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission is not the organisation's admin", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such agreement for this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The agreement has ended", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid terms, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn sign_agreement(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<AgreementId>,
    body: Bytes,
) -> Result<Json<AgreementView>, ApiError> {
    // Not found before the body is read, so another organisation learns nothing from errors.
    state.app.agreement(&scope, id).await?;
    let b: SignBody = json(&body)?;
    let signed_by = state.app.scope_person_name(&scope).await?;
    state
        .app
        .sign_agreement(&scope, id, &terms(&b.accepts), signed_by)
        .await
        .map_err(|err| rename_terms(err, &b.accepts))?;
    let agreement = state.app.agreement(&scope, id).await?;
    Ok(Json(AgreementView::from(&agreement)))
}

/// End an agreement
///
/// Any party's admin can end it; nothing more is recognised under it (what was recognised stays
/// on the records). One that has already ended is a 409.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/end", tag = "agreements",
    params(("id" = Uuid, Path, description = "The agreement's id")),
    responses(
        (status = 200, description = "The ended agreement", body = AgreementView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission is not the organisation's admin", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such agreement, or the organisation is not a party to it", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The agreement has already ended", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn end_agreement(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<AgreementId>,
) -> Result<Json<AgreementView>, ApiError> {
    state.app.end_agreement(&scope, id).await?;
    let agreement = state.app.agreement(&scope, id).await?;
    Ok(Json(AgreementView::from(&agreement)))
}

//! One service user or carer on one page — the triangle view: their details and consent,
//! their carers (or the people they care for), their volunteers and how contact is going,
//! contacts over time, referrals and feedback; with the status, carer and edit forms.

use app::support::Triangle;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::ids::SupportedPersonId;
use domain::instruments::feedback::{AnsweredBy, Rating};
use domain::staff::Capability;
use domain::support::{Relationship, SupportStatus, SupportType, SupportedPerson};
use domain::{FieldErrors, Labelled};

use super::{id, scope};
use crate::form::choices;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/service-users/{id}", get(show))
}

struct Detail {
    label: &'static str,
    value: String,
}

struct MatchRow {
    id: String,
    volunteer: String,
    support: String,
    status: String,
    code: &'static str,
    reasons: Vec<String>,
    last_contact: String,
    overdue: Option<i64>,
    every: u32,
    end_reason: String,
}

#[derive(Template)]
#[template(path = "support/person.html")]
struct PersonPage {
    layout: Layout,
    slug: String,
    id: String,
    name: String,
    status: String,
    closure_reason: String,
    details: Vec<Detail>,
    next_statuses: Vec<(String, String)>,
    carers: Vec<(String, String, String)>,
    cared_for: Vec<(String, String, String)>,
    others: Vec<(String, String)>,
    relationships: Vec<(String, String)>,
    matches: Vec<MatchRow>,
    contacts: Vec<(String, String, String, u32, String, bool)>,
    referrals: Vec<(String, String, String, String)>,
    feedback_links: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    support_types: Vec<(String, String)>,
    may_read_health_notes: bool,
    can_manage: bool,
    /// Nothing chosen yet, for the selects.
    blank: String,
    /// Linked to an Alongside account.
    has_account: bool,
    /// That account volunteers (or applied) here too.
    volunteers_here: bool,
    staff_contact: String,
    staff_contact_id: String,
    staff: Vec<(String, String)>,
    feedback: Vec<(String, String, String, String, String)>,
    feedback_link: String,
    ratings: Vec<(String, String)>,
    answerers: Vec<(String, String)>,
}

fn details(p: &SupportedPerson) -> Vec<Detail> {
    let consent = |c: Option<domain::support::Consent>| {
        c.map_or("Not recorded".to_owned(), |c| {
            format!(
                "{} ({})",
                nhs_date(&c.given_on),
                c.method.label().to_lowercase()
            )
        })
    };
    let mut d = vec![
        Detail {
            label: "Phone",
            value: p.phone.as_ref().map(|x| x.national()).unwrap_or_default(),
        },
        Detail {
            label: "Email",
            value: p.email.as_ref().map(|x| x.to_string()).unwrap_or_default(),
        },
        Detail {
            label: "Address",
            value: p.address.clone(),
        },
        Detail {
            label: "Postcode",
            value: p
                .postcode
                .as_ref()
                .map(|x| x.to_string())
                .unwrap_or_default(),
        },
        Detail {
            label: "Date of birth or age",
            value: p
                .date_of_birth
                .map_or_else(|| p.age_band.clone(), |d| nhs_date(&d)),
        },
        Detail {
            label: "Main language",
            value: if p.language.is_empty() {
                "English".into()
            } else {
                p.language.clone()
            },
        },
        Detail {
            label: "Communication needs",
            value: p.communication_needs.clone(),
        },
        Detail {
            label: "Access needs",
            value: p.access_needs.clone(),
        },
        Detail {
            label: "Volunteer gender asked for",
            value: p
                .volunteer_gender
                .map_or("No preference".to_owned(), |g| g.label().to_owned()),
        },
        Detail {
            label: "Interests",
            value: p.interests.join(", "),
        },
        Detail {
            label: "Days that suit them",
            value: p.days.describe(),
        },
        Detail {
            label: "Agreed to be supported",
            value: consent(p.consent_to_support),
        },
        Detail {
            label: "Agreed to their data being used",
            value: consent(p.consent_to_data),
        },
    ];
    d.retain(|x| !x.value.is_empty());
    d
}

fn next_statuses(status: Option<SupportStatus>) -> Vec<(String, String)> {
    SupportStatus::ALL
        .iter()
        .filter(|to| match status {
            Some(from) => from.can_move_to(**to),
            None => **to == SupportStatus::Assessed,
        })
        .map(|s| (s.code().to_owned(), s.label().to_owned()))
        .collect()
}

/// The triangle view, with `errors` from a form on it.
pub(super) async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw_id: &str,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let person_id: SupportedPersonId = id(raw_id)?;
    let t: Triangle = state.app.triangle(&scope, person_id).await?;
    let everyone = state.app.supported_people(&scope).await?;
    let link = |(r, p): &(Relationship, SupportedPerson)| {
        (p.id.to_string(), p.full_name(), r.label().to_owned())
    };
    let roles = state
        .app
        .roles(&scope)
        .await?
        .into_iter()
        .map(|r| (r.id.to_string(), r.title))
        .collect();
    let feedback_links = state
        .app
        .feedback_links(&scope)
        .await?
        .into_iter()
        .filter(|l| l.active && l.instrument.code == "support_feedback")
        .map(|l| {
            (
                l.label,
                format!("{}/feedback/{}", state.app.base_url, l.token),
            )
        })
        .collect();
    let p = &t.person;
    let layout = Layout::for_org(&p.full_name(), user, &scope).with_errors(errors);
    let status = layout.status();
    let page = PersonPage {
        slug: slug.to_owned(),
        id: p.id.to_string(),
        name: p.full_name(),
        status: p
            .status
            .map_or("Carer (not supported themselves)", |s| s.label())
            .to_owned(),
        closure_reason: p.closure_reason.clone(),
        details: details(p),
        next_statuses: next_statuses(p.status),
        carers: t.carers.iter().map(link).collect(),
        cared_for: t.cared_for.iter().map(link).collect(),
        others: everyone
            .iter()
            .filter(|o| o.id != p.id)
            .map(|o| (o.id.to_string(), o.full_name()))
            .collect(),
        relationships: choices::<Relationship>(),
        matches: t
            .matches
            .iter()
            .map(|m| MatchRow {
                id: m.record.id.to_string(),
                volunteer: m.volunteer_name.clone(),
                support: m.record.support_type.label().to_owned(),
                status: m.record.status.label().to_owned(),
                code: m.record.status.code(),
                reasons: m.record.reasons.lines().map(str::to_owned).collect(),
                last_contact: m.last_contact.map(|d| nhs_date(&d)).unwrap_or_default(),
                overdue: m.overdue_days,
                every: m.record.contact_every_days,
                end_reason: m.record.end_reason.clone(),
            })
            .collect(),
        contacts: t
            .contacts
            .iter()
            .map(|(c, name)| {
                (
                    nhs_date(&c.on),
                    name.clone(),
                    c.kind.label().to_owned(),
                    c.minutes,
                    c.note.clone(),
                    c.concerns,
                )
            })
            .collect(),
        referrals: t
            .referrals
            .iter()
            .map(|r| {
                (
                    r.id.to_string(),
                    nhs_date(&r.received_at.date_naive()),
                    r.support_type.label().to_owned(),
                    r.status.label().to_owned(),
                )
            })
            .collect(),
        feedback_links,
        roles,
        support_types: choices::<SupportType>(),
        may_read_health_notes: t.may_read_health_notes,
        can_manage: scope.can(Capability::ManageVolunteering),
        blank: String::new(),
        staff_contact: t
            .staff_contact
            .as_ref()
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
        staff_contact_id: t
            .staff_contact
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
        staff: staff_choices(state, &scope).await?,
        feedback: t
            .feedback
            .iter()
            .map(|f| {
                (
                    nhs_date(&f.given_on),
                    f.rating.label().to_owned(),
                    f.answered_by.label().to_owned(),
                    f.comment.clone(),
                    if f.recorded_by.is_some() {
                        "Recorded by staff"
                    } else {
                        "By their link"
                    }
                    .to_owned(),
                )
            })
            .collect(),
        feedback_link: t.feedback_link.clone().unwrap_or_default(),
        ratings: choices::<Rating>(),
        answerers: choices::<AnsweredBy>(),
        has_account: p.person_id.is_some(),
        volunteers_here: state.app.also_volunteers_here(&scope, p).await?,
        layout,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The organisation's staff as (person, name) choices, for naming a staff contact; empty for
/// those who may not see the staff list.
async fn staff_choices(
    state: &AppState,
    scope: &app::OrgScope,
) -> Result<Vec<(String, String)>, WebError> {
    if !scope.can(Capability::ManageVolunteering) {
        return Ok(Vec::new());
    }
    Ok(state
        .app
        .store
        .staff(scope.organisation_id())
        .await
        .map_err(app::AppError::from)?
        .into_iter()
        .map(|(_, p)| (p.id.to_string(), p.full_name()))
        .collect())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&state, &user, &slug, &raw, FieldErrors::new()).await
}

//! Applications and their history.

use super::*;

/// An application to one of the organisation's roles.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationView {
    /// Identifier.
    pub id: Uuid,
    /// The organisation that owns the role.
    pub organisation_id: Uuid,
    /// The applicant.
    pub person_id: Uuid,
    /// The applicant's full name.
    pub person_name: String,
    /// Their engagement with the organisation.
    pub engagement_id: Uuid,
    /// The role applied for.
    pub role_id: Uuid,
    /// The role's title.
    pub role_title: String,
    /// Where the application has got to.
    #[schema(value_type = ApplicationStatusCode)]
    pub status: String,
    /// Why they want to volunteer, in their words.
    pub motivation: String,
    /// When they can volunteer, in their words.
    pub availability: String,
    /// When it was sent.
    pub submitted_at: DateTime<Utc>,
}

impl From<ApplicationRow> for ApplicationView {
    fn from(row: ApplicationRow) -> Self {
        let Application {
            id,
            organisation_id,
            person_id,
            engagement_id,
            role_id,
            status,
            motivation,
            availability,
            submitted_at,
        } = row.application;
        Self {
            id: id.0,
            organisation_id: organisation_id.0,
            person_id: person_id.0,
            person_name: row.person_name,
            engagement_id: engagement_id.0,
            role_id: role_id.0,
            role_title: row.role_title,
            status: status.code().into(),
            motivation,
            availability,
            submitted_at,
        }
    }
}

/// One dated step of an application's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationEventView {
    /// The status it moved to.
    #[schema(value_type = ApplicationStatusCode)]
    pub status: String,
    /// The note given.
    pub note: String,
    /// Who, by name.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<ApplicationEvent> for ApplicationEventView {
    fn from(e: ApplicationEvent) -> Self {
        Self {
            status: e.status.code().into(),
            note: e.note,
            by: e.by,
            at: e.at,
        }
    }
}

/// An application with its history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationDetail {
    /// The application.
    pub application: ApplicationView,
    /// Its dated history, oldest first.
    pub history: Vec<ApplicationEventView>,
}

impl From<(ApplicationRow, Vec<ApplicationEvent>)> for ApplicationDetail {
    fn from((row, events): (ApplicationRow, Vec<ApplicationEvent>)) -> Self {
        Self {
            application: row.into(),
            history: events.into_iter().map(Into::into).collect(),
        }
    }
}

//! People as an organisation sees them: profile, engagement, history and record.

use super::*;

/// A person's profile as an organisation sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    /// Identifier.
    pub id: Uuid,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// What they like to be called; empty when the given name is fine.
    pub preferred_name: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Home postcode.
    pub postcode: Option<String>,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Skills they bring.
    pub skills: Vec<String>,
    /// Interests.
    pub interests: Vec<String>,
    /// Access needs the organisation should know about.
    pub accessibility_needs: String,
}

impl From<Person> for PersonView {
    fn from(p: Person) -> Self {
        Self {
            id: p.id.0,
            given_name: p.given_name,
            family_name: p.family_name,
            preferred_name: p.preferred_name,
            email: p.email.to_string(),
            phone: p.phone.map(|p| p.as_str().to_owned()),
            date_of_birth: p.date_of_birth,
            postcode: p.postcode.map(|p| p.to_string()),
            languages: p.languages,
            skills: p.skills,
            interests: p.interests,
            accessibility_needs: p.accessibility_needs,
        }
    }
}

/// A person's engagement with the organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EngagementView {
    /// Identifier.
    pub id: Uuid,
    /// The organisation.
    pub organisation_id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Where they are in their volunteering.
    #[schema(value_type = EngagementStatusCode)]
    pub status: String,
    /// When the engagement began.
    pub started_at: DateTime<Utc>,
    /// Why they left, once left.
    #[schema(value_type = Option<LeavingReasonCode>)]
    pub leaving_reason: Option<String>,
    /// Leaving details.
    pub leaving_note: String,
}

impl From<Engagement> for EngagementView {
    fn from(e: Engagement) -> Self {
        Self {
            id: e.id.0,
            organisation_id: e.organisation_id.0,
            person_id: e.person_id.0,
            status: e.status.code().into(),
            started_at: e.started_at,
            leaving_reason: e.leaving_reason.map(|r| r.code().into()),
            leaving_note: e.leaving_note,
        }
    }
}

/// One dated change of an engagement's status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EngagementEventView {
    /// Status before (none for the first).
    #[schema(value_type = Option<EngagementStatusCode>)]
    pub from: Option<String>,
    /// Status after.
    #[schema(value_type = EngagementStatusCode)]
    pub to: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who made the change, by name.
    pub by: String,
    /// Reason or note.
    pub note: String,
}

impl From<EngagementEvent> for EngagementEventView {
    fn from(e: EngagementEvent) -> Self {
        Self {
            from: e.from.map(|s| s.code().into()),
            to: e.to.code().into(),
            at: e.at,
            by: e.by,
            note: e.note,
        }
    }
}

/// One row of the volunteers list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerView {
    /// The person.
    pub person: PersonView,
    /// Their engagement here.
    pub engagement: EngagementView,
    /// Titles of the roles they applied to here.
    pub roles: Vec<String>,
}

impl From<VolunteerRow> for VolunteerView {
    fn from(r: VolunteerRow) -> Self {
        Self {
            person: r.person.into(),
            engagement: r.engagement.into(),
            roles: r.roles,
        }
    }
}

/// Everything the organisation holds about one volunteer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerRecordView {
    /// Profile.
    pub person: PersonView,
    /// Engagement with this organisation.
    pub engagement: EngagementView,
    /// The engagement's dated history, oldest first.
    pub history: Vec<EngagementEventView>,
    /// Applications to this organisation's roles.
    pub applications: Vec<ApplicationView>,
}

impl From<VolunteerRecord> for VolunteerRecordView {
    fn from(r: VolunteerRecord) -> Self {
        Self {
            person: r.person.into(),
            engagement: r.engagement.into(),
            history: r.history.into_iter().map(Into::into).collect(),
            applications: r.applications.into_iter().map(Into::into).collect(),
        }
    }
}

//! Compliance: the catalogue of checks and training, people's records of them, references and
//! checklists, and items that are expiring.

use app::checklists::{Checklist, ChecklistItem};
use app::ports::ExpiringCheck;
use domain::compliance::reference::{ReferenceReply, ReferenceRequest};
use domain::compliance::{Check, DbsEvidence, RequirementType};

use super::*;

/// A check type or training module in the organisation's catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequirementTypeView {
    /// Identifier.
    pub id: Uuid,
    /// Owning organisation.
    pub organisation_id: Uuid,
    /// Stable code, unique in the organisation, e.g. `cstf-fire-safety`.
    pub code: String,
    /// What kind of item it is.
    #[schema(value_type = CheckKindCode)]
    pub kind: String,
    /// Name shown to volunteers and managers.
    pub name: String,
    /// What it involves.
    pub description: String,
    /// The training framework it comes from, for training.
    #[schema(value_type = Option<FrameworkCode>)]
    pub framework: Option<String>,
    /// How many months it stays valid; none means it does not expire.
    pub validity_months: Option<u32>,
    /// Part of the standard catalogue: its name and kind cannot be changed.
    pub built_in: bool,
}

impl From<RequirementType> for RequirementTypeView {
    fn from(t: RequirementType) -> Self {
        Self {
            id: t.id.0,
            organisation_id: t.organisation_id.0,
            code: t.code,
            kind: t.kind.code().into(),
            name: t.name,
            description: t.description,
            framework: t.framework.map(|f| f.code().into()),
            validity_months: t.validity_months,
            built_in: t.built_in,
        }
    }
}

/// What a checklist item needs, from the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequirementSummary {
    /// The catalogue item's id.
    pub id: Uuid,
    /// Its stable code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What kind of item it is.
    #[schema(value_type = CheckKindCode)]
    pub kind: String,
}

/// The DBS details kept for a DBS check. Certificate details are deleted six months after the
/// decision; the level, workforce and decision stay.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DbsView {
    /// Level of the check.
    #[schema(value_type = DbsLevelCode)]
    pub level: String,
    /// Workforce, for standard and enhanced checks.
    #[schema(value_type = Option<WorkforceCode>)]
    pub workforce: Option<String>,
    /// The 12-digit certificate number, until deleted.
    pub certificate_number: Option<String>,
    /// Clear or information disclosed, until deleted.
    #[schema(value_type = Option<DbsOutcomeCode>)]
    pub outcome: Option<String>,
    /// Subscribed to the DBS Update Service, until deleted.
    pub update_service: bool,
    /// The last Update Service status check, until deleted.
    pub status_checked_on: Option<NaiveDate>,
    /// When the certificate details were deleted.
    pub details_removed_at: Option<DateTime<Utc>>,
}

impl From<DbsEvidence> for DbsView {
    fn from(d: DbsEvidence) -> Self {
        Self {
            level: d.level.code().into(),
            workforce: d.workforce.map(|w| w.code().into()),
            certificate_number: d.certificate_number,
            outcome: d.outcome.map(|o| o.code().into()),
            update_service: d.update_service,
            status_checked_on: d.status_checked_on,
            details_removed_at: d.details_removed_at,
        }
    }
}

/// A person's record of one check or training item.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckView {
    /// Identifier.
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// The catalogue item.
    pub requirement_type_id: Uuid,
    /// Its kind.
    #[schema(value_type = CheckKindCode)]
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Where it has got to.
    #[schema(value_type = CheckStatusCode)]
    pub status: String,
    /// When it was done, issued or completed.
    pub issued_on: Option<NaiveDate>,
    /// The last day it is valid.
    pub expires_on: Option<NaiveDate>,
    /// Certificate, licence or policy reference.
    pub reference: String,
    /// The latest note: the volunteer's words, or a manager's reason.
    pub note: String,
    /// Why it was waived.
    pub waiver_reason: String,
    /// The last day a waiver holds; none for as long as the role lasts.
    pub waived_until: Option<NaiveDate>,
    /// While a renewal waits to be verified, the last day the evidence it replaces is valid.
    pub verified_through: Option<NaiveDate>,
    /// When it was said to be done.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who said so, by name.
    pub submitted_by: String,
    /// When a manager verified, failed or waived it.
    pub decided_at: Option<DateTime<Utc>>,
    /// Which manager, by name.
    pub decided_by: String,
    /// DBS details, for a DBS check.
    pub dbs: Option<DbsView>,
}

impl From<Check> for CheckView {
    fn from(c: Check) -> Self {
        Self {
            id: c.id.0,
            person_id: c.person_id.0,
            requirement_type_id: c.requirement_type_id.0,
            kind: c.kind.code().into(),
            name: c.name,
            status: c.status.code().into(),
            issued_on: c.issued_on,
            expires_on: c.expires_on,
            reference: c.reference,
            note: c.note,
            waiver_reason: c.waiver_reason,
            waived_until: c.waived_until,
            verified_through: c.verified_through,
            submitted_at: c.submitted_at,
            submitted_by: c.submitted_by,
            decided_at: c.decided_at,
            decided_by: c.decided_by,
            dbs: c.dbs.map(Into::into),
        }
    }
}

/// A referee's answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferenceReplyView {
    /// How long and in what way they know the volunteer.
    pub known_for: String,
    /// What they say about the volunteer's suitability.
    pub suitability: String,
    /// Whether they recommend the volunteer for the role.
    pub recommends: bool,
    /// When they replied.
    pub received_at: DateTime<Utc>,
}

impl From<ReferenceReply> for ReferenceReplyView {
    fn from(r: ReferenceReply) -> Self {
        Self {
            known_for: r.known_for,
            suitability: r.suitability,
            recommends: r.recommends,
            received_at: r.received_at,
        }
    }
}

/// A reference asked of a referee. The link the referee was sent is never shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferenceRequestView {
    /// Identifier.
    pub id: Uuid,
    /// The references item it is for.
    pub check_id: Uuid,
    /// The volunteer it is about.
    pub person_id: Uuid,
    /// The referee's name.
    pub referee_name: String,
    /// The referee's email.
    pub referee_email: String,
    /// How the volunteer knows them.
    pub relationship: String,
    /// When the referee was asked.
    pub requested_at: DateTime<Utc>,
    /// Their answers, once given.
    pub reply: Option<ReferenceReplyView>,
}

impl From<ReferenceRequest> for ReferenceRequestView {
    fn from(r: ReferenceRequest) -> Self {
        Self {
            id: r.id.0,
            check_id: r.check_id.0,
            person_id: r.person_id.0,
            referee_name: r.referee_name,
            referee_email: r.referee_email.to_string(),
            relationship: r.relationship,
            requested_at: r.requested_at,
            reply: r.reply.map(Into::into),
        }
    }
}

/// One line of a checklist: what is needed and the person's record of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistItemView {
    /// What is needed.
    pub requirement: RequirementSummary,
    /// The person's record of it, once started.
    pub check: Option<CheckView>,
    /// Whether it counts today.
    pub holds: bool,
    /// The referees asked, for a references item.
    pub references: Vec<ReferenceRequestView>,
}

impl From<ChecklistItem> for ChecklistItemView {
    fn from(i: ChecklistItem) -> Self {
        Self {
            requirement: RequirementSummary {
                id: i.requirement.id.0,
                code: i.requirement.code,
                name: i.requirement.name,
                kind: i.requirement.kind.code().into(),
            },
            check: i.check.map(Into::into),
            holds: i.holds,
            references: i.references.into_iter().map(Into::into).collect(),
        }
    }
}

/// One placement's checklist.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistView {
    /// The placement.
    pub placement: PlacementView,
    /// Whether they can start today, and if not, why not.
    pub eligibility: EligibilityView,
    /// Each item the role needs of this person.
    pub items: Vec<ChecklistItemView>,
}

impl From<Checklist> for ChecklistView {
    fn from(c: Checklist) -> Self {
        Self {
            placement: c.placement.into(),
            eligibility: c.eligibility.into(),
            items: c.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// A person's checklists with the organisation, one per current placement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonChecklists {
    /// The person.
    pub person_id: Uuid,
    /// One checklist for each role they are onboarding or active in, newest first.
    pub checklists: Vec<ChecklistView>,
}

/// A verified check or training item that is expiring, or expired in the last 30 days.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExpiringCheckView {
    /// The item.
    pub check_id: Uuid,
    /// Its name.
    pub name: String,
    /// Its kind.
    #[schema(value_type = CheckKindCode)]
    pub kind: String,
    /// The last day it is valid.
    pub expires_on: Option<NaiveDate>,
    /// Whose it is.
    pub person_id: Uuid,
    /// Their full name.
    pub person_name: String,
    /// Their email.
    pub person_email: String,
}

impl From<ExpiringCheck> for ExpiringCheckView {
    fn from(e: ExpiringCheck) -> Self {
        Self {
            check_id: e.check.id.0,
            name: e.check.name,
            kind: e.check.kind.code().into(),
            expires_on: e.check.expires_on,
            person_id: e.check.person_id.0,
            person_name: e.person_name,
            person_email: e.person_email,
        }
    }
}

page_view!(
    /// A page of the catalogue: checks first, then training, by name.
    CataloguePage, RequirementTypeView,
    items: "The checks and training modules on this page.", total: "Items in the whole catalogue."
);
page_view!(
    /// A page of the expiring list, soonest first.
    ExpiringPage, ExpiringCheckView,
    items: "The expiring items on this page, soonest first.", total: "Items in the whole list."
);

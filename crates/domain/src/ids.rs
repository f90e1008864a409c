//! UUIDv7 identifiers, one newtype per entity so one can never be passed as another.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered identifier (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// An organisation (NHS body, charity, …).
    OrganisationId,
    /// A site of an organisation.
    SiteId,
    /// A person: volunteer, staff member, or both.
    PersonId,
    /// A person's relationship with one organisation.
    EngagementId,
    /// A volunteer role.
    RoleId,
    /// An application to a role.
    ApplicationId,
    /// A staff permission in an organisation.
    StaffMemberId,
    /// An audit log entry.
    AuditId,
    /// A message in the outbox.
    MessageId,
    /// An API token.
    ApiTokenId,
    /// A check type or training module in an organisation's catalogue.
    RequirementTypeId,
    /// A person's record of one check or training module with an organisation.
    CheckId,
    /// A person taking up one role: onboarding, then active.
    PlacementId,
    /// A reference asked of a referee.
    ReferenceRequestId,
    /// A background job.
    JobId,
    /// One shift on the rota.
    ShiftId,
    /// A recurring series of shifts.
    SeriesId,
    /// A volunteer's standing commitment to a regular slot.
    CommitmentId,
    /// A period a volunteer is away, skipping their commitments.
    AbsenceId,
    /// A volunteer's place on a shift.
    BookingId,
    /// A place on a full shift's waiting list.
    WaitlistEntryId,
    /// A volunteer's attendance at a shift (checked in, out, or marked by staff).
    AttendanceId,
    /// Hours a volunteer logged for activity outside shifts.
    HoursLogId,
    /// A volunteer's expense claim.
    ExpenseClaimId,
    /// An invitation to answer a survey, sent to one person.
    SurveyInvitationId,
    /// One set of answers to one instrument.
    SurveyResponseId,
    /// A shared link service users, carers or staff give feedback on volunteers by.
    FeedbackLinkId,
    /// An indicator in a role's outcome framework.
    OutcomeIndicatorId,
    /// Activity logged against an outcome indicator.
    ActivityRecordId,
    /// A service user or carer known to an organisation.
    SupportedPersonId,
    /// A referral of someone for support.
    ReferralId,
    /// A match between a volunteer and a service user.
    MatchId,
    /// One logged contact (visit, call) between a volunteer and a service user.
    ContactId,
    /// A safeguarding concern.
    ConcernId,
    /// One entry in a safeguarding concern's record.
    ConcernEntryId,
    /// Feedback from a service user or carer about their support.
    SupportFeedbackId,
    /// A network of organisations and volunteer managers.
    NetworkId,
    /// A member of a network: an organisation or an individual.
    NetworkMemberId,
    /// A role template in a network's shared role library.
    RoleTemplateId,
    /// A mutual recognition agreement between organisations.
    AgreementId,
    /// A volunteer's consent to share their verified checks with another organisation.
    PassportConsentId,
    /// A referral of a volunteer from one network member to another.
    VolunteerReferralId,
    /// A learning event.
    EventId,
    /// A series of learning events (a year's line-up).
    EventSeriesId,
    /// A registration for a learning event.
    EventRegistrationId,
    /// Learning a person recorded themselves (outside Alongside's events).
    CpdEntryId,
    /// A resource (guide, policy, case study, template) in a library.
    ResourceId,
    /// The record that a person's or service user's personal data was erased.
    ErasureId,
    /// A subject access request (a copy of everything held about a person).
    SubjectAccessRequestId,
    /// One run of an organisation's retention rules.
    RetentionRunId,
    /// A consent a manager recorded on its own form.
    ConsentId,
);

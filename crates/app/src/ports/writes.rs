//! Changes to stored data, as data: what a use case hands the store to apply in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use domain::application::{Application, ApplicationStatus};
use domain::audit::AuditEntry;
use domain::compliance::check::CheckVersion;
use domain::compliance::reference::{ReferenceReply, ReferenceRequest};
use domain::compliance::{Check, Placement, PlacementStatus, RequirementType};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::equality::{EqualityRecord, PopulationShare};
use domain::ids::*;
use domain::notification::NotificationKind;
use domain::notify::Medium;
use domain::organisation::Organisation;
use domain::outcome_framework::{ActivityRecord, OutcomeIndicator};
use domain::person::Person;
use domain::role::{Role, RoleStatus};
use domain::rota::{Absence, Commitment, WaitlistEntry, WaitlistStatus};
use domain::rota::{Booking, Shift};
use domain::site::Site;
use domain::staff::StaffMember;
use domain::surveys::{
    FeedbackLink, InstrumentLicence, SurveyInvitation, SurveyPlan, SurveyResponse,
};
use serde::Serialize;

use super::Job;

/// One change to stored data. A list of them is applied all-or-nothing.
#[derive(Debug, Clone)]
pub enum Write {
    /// A new organisation.
    InsertOrganisation(Organisation),
    /// New details for an organisation.
    UpdateOrganisation(Organisation),
    /// A new site.
    InsertSite(Site),
    /// New details for a site (same organisation).
    UpdateSite(Site),
    /// A new person, with their password hash if they have an account.
    InsertPerson(Person, Option<String>),
    /// A new profile for a person.
    UpdatePerson(Person),
    /// A new password hash.
    SetPassword(PersonId, String),
    /// A new role.
    InsertRole(Role),
    /// New details for a role; fails unless it is currently `expected`.
    UpdateRole(Role, RoleStatus),
    /// A new engagement.
    InsertEngagement(Engagement),
    /// A status change; fails unless the engagement is currently `from`.
    MoveEngagement {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The engagement.
        id: EngagementId,
        /// Expected current status.
        from: EngagementStatus,
        /// New status.
        to: EngagementStatus,
        /// Leaving reason, when moving to left.
        leaving_reason: Option<LeavingReason>,
        /// Leaving note.
        leaving_note: String,
    },
    /// A line of engagement history.
    InsertEngagementEvent(OrganisationId, EngagementId, EngagementEvent),
    /// A new application.
    InsertApplication(Application),
    /// A status change with a note; fails unless it is currently `from`.
    MoveApplication {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The application.
        id: ApplicationId,
        /// Expected current status.
        from: ApplicationStatus,
        /// New status.
        to: ApplicationStatus,
        /// Manager's or applicant's note.
        note: String,
        /// Who, by name.
        by: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// A staff permission (replaces any the person had in that organisation).
    PutStaffMember(StaffMember),
    /// Removes a staff permission.
    DeleteStaffMember(OrganisationId, StaffMemberId),
    /// A server-side session.
    InsertSession(Session),
    /// Ends a session.
    DeleteSession(String),
    /// A failed sign-in, for rate limiting.
    RecordSignInFailure(String, DateTime<Utc>),
    /// Forget failures for a key after a successful sign-in.
    ClearSignInFailures(String),
    /// A password reset token (hashed).
    InsertResetToken {
        /// SHA-256 of the token.
        token_hash: String,
        /// Whose.
        person_id: PersonId,
        /// Until when it works.
        expires_at: DateTime<Utc>,
    },
    /// Uses a reset token; fails unless unused and unexpired at `at`.
    UseResetToken(String, DateTime<Utc>),
    /// An API token (hashed).
    InsertApiToken(ApiToken),
    /// An email to send.
    InsertMessage(OutboxMessage),
    /// An audit entry.
    Audit(AuditEntry),

    /// A check type or training module.
    InsertRequirementType(RequirementType),
    /// New details for a catalogue item.
    UpdateRequirementType(RequirementType),
    /// A new item on a person's checklist; fails if they already have one of that type.
    InsertCheck(Check),
    /// A check's new state; fails unless it is still as `expected` (status, last submitted and
    /// decided), so of two changes made at once only one lands.
    UpdateCheck(Check, CheckVersion),
    /// A person placed in a role.
    InsertPlacement(Placement),
    /// A placement's status change; fails unless it is currently `from`.
    MovePlacement {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The placement.
        id: PlacementId,
        /// Expected current status.
        from: PlacementStatus,
        /// New status.
        to: PlacementStatus,
        /// When.
        at: DateTime<Utc>,
    },
    /// A reference asked for, with the hash of the referee's link token.
    InsertReferenceRequest(ReferenceRequest, String),
    /// A referee's reply; fails if one was already given.
    ReceiveReference(OrganisationId, ReferenceRequestId, ReferenceReply),
    /// A job, unless one with the same dedupe key exists (then nothing).
    EnqueueJob(Job),
    /// A new shift.
    InsertShift(Shift),
    /// A place on a shift. Fails (conflict, naming why) if the shift is full or cancelled, or
    /// the person already has a place on it or on one that overlaps it — checked under a lock on
    /// the shift and the person, so concurrent bookings can never overfill or double-book.
    BookShift(Booking),
    /// A booking's cancellation; fails unless it is still booked.
    CancelBooking(Booking),
    // ---- shift changes (managers) ----
    /// Takes a shift's lock, as booking does, so the writes after it see no concurrent change
    /// to it. Take shifts' locks before any person's, and several in id order. Fails (conflict)
    /// if the shift does not exist.
    LockShift(OrganisationId, ShiftId),
    /// New details for shifts (times, capacity, notes, supervisor), each still the same shift.
    /// Locks every shift (in id order) and then every volunteer booked on them (in id order),
    /// as booking does; moves the standing bookings' copied times with their shift; and fails
    /// (conflict, naming why) if a shift has been cancelled, more volunteers are booked than its
    /// new maximum, or the new times would put a booked volunteer (named) in two overlapping
    /// shifts.
    UpdateShifts(Vec<Shift>),
    /// Cancels a shift, with why and when, and every place on it (`bookings`, in their cancelled
    /// form). Fails (conflict) if the shift is already cancelled, or if its standing bookings are
    /// not exactly `bookings` (someone booked or cancelled since: nobody may go untold).
    CancelShift {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The shift.
        id: ShiftId,
        /// The manager's reason.
        reason: String,
        /// When.
        at: DateTime<Utc>,
        /// Every standing booking on it, cancelled.
        bookings: Vec<Booking>,
    },

    // ---- attendance and hours ----
    /// A volunteer's attendance at a shift; fails (conflict) if the booking already has one, so
    /// two check-ins at once never both land.
    InsertAttendance(domain::rota::attendance::Attendance),
    /// Attendance changed (check-out, or staff marking it); fails unless it was last recorded at
    /// the `DateTime` given, so of two changes made at once only one lands.
    UpdateAttendance(domain::rota::attendance::Attendance, DateTime<Utc>),
    /// Hours a volunteer logged.
    InsertHoursLog(domain::rota::hours::HoursLog),
    /// Logged hours' new state; fails unless their status is still the one given.
    UpdateHoursLog(
        domain::rota::hours::HoursLog,
        domain::rota::hours::HoursStatus,
    ),
    /// A site's kiosk code, replacing any before; every kiosk unlocked with the old code locks.
    PutKioskCode(super::KioskCode),
    /// An unlocked kiosk; kiosks expired at the time given are cleared at the same time.
    InsertKioskSession(super::KioskSession, DateTime<Utc>),
    /// Locks a kiosk, by its token's hash.
    DeleteKioskSession(String),
    /// A volunteer's personal check-in code with an organisation; fails (conflict) if they have
    /// one or another volunteer there has the same code.
    InsertCheckInCode {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The volunteer.
        person_id: PersonId,
        /// The code (six digits).
        code: String,
        /// When made.
        at: DateTime<Utc>,
    },

    // ---- calendar feeds and notification preferences ----
    /// A person's calendar feed, replacing any they had (so the old address stops working).
    PutCalendarFeed(super::CalendarFeed),
    /// Revokes a person's calendar feed (its address stops working).
    DeleteCalendarFeed(PersonId),
    /// A person's channel for each kind of notification (replaces the kinds given).
    PutNotificationPreferences(
        PersonId,
        Vec<(
            domain::notification::NotificationKind,
            domain::notification::Channel,
        )>,
    ),

    // ---- expenses ----
    /// A new expense claim with its receipt, if any. Under a lock on the person's row, fails
    /// (conflict) unless the car and van miles they have claimed in the tax year with the
    /// organisation are still the claim's `car_miles_before`, so two claims sent at once cannot
    /// both be paid at 45p past the 10,000-mile threshold.
    InsertExpenseClaim(
        domain::expenses::ExpenseClaim,
        Option<domain::expenses::Receipt>,
    ),
    /// An amended claim sent again after a question (a new receipt replaces any old one); fails
    /// unless it is still queried, and checks the year's car miles as inserting does.
    AmendExpenseClaim(
        domain::expenses::ExpenseClaim,
        Option<domain::expenses::Receipt>,
    ),
    /// A claim's decision or payment; fails (conflict) unless it is still in status `from`.
    MoveExpenseClaim(
        domain::expenses::ExpenseClaim,
        domain::expenses::ClaimStatus,
    ),
    /// A receipt file for a claim already saved, replacing any it had, with the claim's new
    /// receipt details; fails (conflict) unless the claim is still in status `from`.
    AttachExpenseReceipt(
        domain::expenses::ExpenseClaim,
        domain::expenses::ClaimStatus,
        domain::expenses::Receipt,
    ),

    // ---- waiting lists ----
    /// A volunteer joins a full shift's waiting list; fails (conflict) if they are already on it.
    JoinWaitlist(WaitlistEntry),
    /// Moves a waiting-list entry on (took the place, passed, left) at `at`; fails (conflict)
    /// unless it is still `from` — and, when `from` is offered, unless the offer is still live.
    CloseWaitlistEntry {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The entry.
        id: WaitlistEntryId,
        /// The status it must still have.
        from: WaitlistStatus,
        /// The status it moves to.
        to: WaitlistStatus,
        /// When.
        at: DateTime<Utc>,
    },
    /// Under the shift's lock: marks offers that have run out, then offers each free place
    /// (the maximum less those booked and those held by live offers) to the next volunteer
    /// waiting, emailing them. Does nothing if the shift is cancelled or too close to offer.
    OfferFreedPlaces {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The shift.
        shift_id: ShiftId,
        /// When.
        now: DateTime<Utc>,
        /// Where volunteers accept or pass on an offer.
        link: String,
    },

    // ---- standing commitments ----
    /// A new standing commitment.
    InsertCommitment(Commitment),
    /// A commitment ended: its last date set (or moved earlier).
    EndCommitment {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The commitment.
        id: CommitmentId,
        /// Its last date.
        ends_on: NaiveDate,
    },
    /// A volunteer's absence.
    InsertAbsence(Absence),
    /// An absence removed (the volunteer is not away after all); only the person's own.
    DeleteAbsence(PersonId, AbsenceId),
    /// An organisation's record of its licence for an instrument (replacing any earlier one).
    PutInstrumentLicence(InstrumentLicence),
    /// An organisation's plan for one survey occasion (replacing any earlier one).
    PutSurveyPlan(SurveyPlan),
    /// An invitation sent, with the SHA-256 of its link token and the subject it is about (a
    /// stint's start, a leaving day, an attendance); fails if that person already has one for the
    /// same occasion and subject.
    InsertSurveyInvitation(SurveyInvitation, String, String),
    /// The invitation's reminder has gone, with the SHA-256 of the reminder's own link token
    /// (the first link keeps working too).
    MarkSurveyReminded(OrganisationId, SurveyInvitationId, String),
    /// Marks an invitation answered; fails unless it was still unanswered, so a link answers once.
    AnswerSurveyInvitation(OrganisationId, SurveyInvitationId),
    /// One set of answers.
    InsertSurveyResponse(SurveyResponse),
    /// A new outcome indicator.
    InsertOutcomeIndicator(OutcomeIndicator),
    /// An indicator retired or brought back.
    SetOutcomeIndicatorRetired(OrganisationId, OutcomeIndicatorId, bool),
    /// Activity logged.
    InsertActivityRecord(ActivityRecord),
    /// A person's equality monitoring answers (replacing any earlier ones).
    PutEqualityRecord(EqualityRecord),
    /// A person's equality monitoring answers removed at their request.
    DeleteEqualityRecord(PersonId),
    /// An organisation's population figures (replacing all earlier ones).
    PutPopulationServed(OrganisationId, Vec<PopulationShare>),
    /// Every postcode's IMD decile (replacing all earlier ones), with the data's copyright year.
    ReplacePostcodeDeprivation(Vec<(String, u8)>, i32),
    /// A new feedback link.
    InsertFeedbackLink(FeedbackLink),
    /// A feedback link stopped or started again.
    SetFeedbackLinkActive(OrganisationId, FeedbackLinkId, bool),
    /// A change to service users, carers, referrals, matches, contacts or safeguarding.
    Support(super::SupportWrite),
    /// Networks, their members, library and agreements, and the volunteer passport.
    Network(super::NetworkWrite),
    /// A network's resource library.
    Library(super::LibraryWrite),
    /// Learning events, their registrations and waiting lists, and feedback.
    Events(super::EventWrite),
    /// UK GDPR: privacy settings, erasures, subject access requests, retention reports.
    Privacy(super::PrivacyWrite),
    /// Notification settings and the message log.
    Notify(super::NotifyWrite),
    /// Saved import mappings, and files uploaded for import with their progress.
    Import(super::ImportWrite),
    /// Marks a job done; fails unless `worker` still holds it, so its effects roll back.
    CompleteJob {
        /// The job.
        id: JobId,
        /// The worker that claimed it.
        worker: String,
        /// When.
        at: DateTime<Utc>,
    },
}

/// A server-side session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie value.
    pub token_hash: String,
    /// Who is signed in.
    pub person_id: PersonId,
    /// The anti-forgery token for forms in this session.
    pub csrf_token: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// An API token's stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Identifier.
    pub id: ApiTokenId,
    /// The organisation it works for.
    pub organisation_id: OrganisationId,
    /// The staff member it acts as.
    pub person_id: PersonId,
    /// SHA-256 of the token.
    pub token_hash: String,
    /// When created.
    pub created_at: DateTime<Utc>,
}

/// A message (email or text) waiting in, or sent from, the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// Identifier.
    pub id: MessageId,
    /// The organisation it is from, whose provider sends it; `None` for messages from the
    /// service itself (accounts, sign-in), which go through the server's mailer.
    pub organisation_id: Option<OrganisationId>,
    /// Email or text message.
    pub medium: Medium,
    /// The kind of volunteer notification it is, if it is one.
    pub kind: Option<NotificationKind>,
    /// Recipient: an email address, or a phone number in E.164 form for a text.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// When queued.
    pub created_at: DateTime<Utc>,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before this time.
    pub next_attempt_at: DateTime<Utc>,
    /// When sent, once sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// The last failure.
    pub last_error: String,
}

impl OutboxMessage {
    /// An email from the service itself, due now.
    pub fn email(to: &str, subject: &str, body: String, now: DateTime<Utc>) -> Self {
        Self {
            id: MessageId::new(),
            organisation_id: None,
            medium: Medium::Email,
            kind: None,
            to: to.to_owned(),
            subject: subject.to_owned(),
            body,
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            sent_at: None,
            last_error: String::new(),
        }
    }

    /// The same message as sent by `org`'s provider, of `kind`.
    pub fn from_organisation(
        mut self,
        org: OrganisationId,
        kind: Option<NotificationKind>,
    ) -> Self {
        self.organisation_id = Some(org);
        self.kind = kind;
        self
    }
}

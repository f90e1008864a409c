//! The triangle of support as the API answers with it: service users and carers, referrals
//! with their targets, matches with their contact record, and contacts. Health notes are never
//! part of these views; they have an audited address of their own.

use app::referrals::ReferralView as QueuedReferral;
use app::support::MatchView as DescribedMatch;
use domain::support::{
    Consent, ConsentMethod, Contact, ContactKind, Days, Gender, MatchStatus, Referral,
    ReferralSource, ReferralStatus, Relationship, SupportStatus, SupportType, SupportedPerson,
    Urgency,
};

use super::*;

code_schemas!(
    /// The codes of [`SupportStatus`].
    SupportStatusCode: SupportStatus = "Where a service user is in their support: referred, assessed (waiting for a volunteer), matched, supported or closed.",
    /// The codes of [`SupportType`].
    SupportTypeCode: SupportType = "The kind of person-to-person support.",
    /// The codes of [`MatchStatus`].
    MatchStatusCode: MatchStatus = "Where a match is: proposed (the volunteer is invited and has not answered), declined or accepted by the volunteer, withdrawn, introduced, active or ended.",
    /// The codes of [`ReferralStatus`].
    ReferralStatusCode: ReferralStatus = "Where a referral is in triage.",
    /// The codes of [`ReferralSource`].
    ReferralSourceCode: ReferralSource = "Who made a referral.",
    /// The codes of [`Urgency`].
    UrgencyCode: Urgency = "How soon support is needed.",
    /// The codes of [`ContactKind`].
    ContactKindCode: ContactKind = "How a contact happened.",
    /// The codes of [`Relationship`].
    RelationshipCode: Relationship = "How a carer is related to the person they care for.",
    /// The codes of [`Gender`].
    GenderCode: Gender = "A gender for matching (only where a service user asks for a volunteer of a given gender).",
    /// The codes of [`ConsentMethod`].
    ConsentMethodCode: ConsentMethod = "How consent was given.",
);

/// The day codes (`mon` … `sun`) of a set of days, Monday first.
pub fn day_codes(days: Days) -> Vec<&'static str> {
    days.choices()
        .into_iter()
        .filter(|(_, _, chosen)| *chosen)
        .map(|(code, _, _)| code)
        .collect()
}

/// A consent as recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentView {
    /// The day it was given.
    pub given_on: NaiveDate,
    /// How.
    #[schema(value_type = ConsentMethodCode)]
    pub method: &'static str,
}

impl From<Consent> for ConsentView {
    fn from(c: Consent) -> Self {
        Self {
            given_on: c.given_on,
            method: c.method.code(),
        }
    }
}

/// A service user or carer: only what their support needs. Health notes are not included.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceUserView {
    /// Identifier.
    pub id: Uuid,
    /// Their Alongside account, if they have one.
    pub person_id: Option<Uuid>,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Address lines, for home visits.
    pub address: String,
    /// Postcode, for distance to volunteers.
    pub postcode: Option<String>,
    /// Date of birth, where known.
    pub date_of_birth: Option<NaiveDate>,
    /// Age band, where the date of birth is not known.
    pub age_band: String,
    /// Main language.
    pub language: String,
    /// Communication needs.
    pub communication_needs: String,
    /// Access needs.
    pub access_needs: String,
    /// The volunteer gender they asked for, if they asked.
    #[schema(value_type = Option<GenderCode>)]
    pub volunteer_gender: Option<&'static str>,
    /// Interests, for finding a volunteer they will get on with.
    pub interests: Vec<String>,
    /// Days that suit them, `mon` … `sun` (none: any day).
    pub days: Vec<&'static str>,
    /// Their consent to be supported, if given.
    pub consent_to_support: Option<ConsentView>,
    /// Their consent to their data being kept and used for their support, if given.
    pub consent_to_data: Option<ConsentView>,
    /// Their support status; null for a carer who is not supported themselves.
    #[schema(value_type = Option<SupportStatusCode>)]
    pub status: Option<&'static str>,
    /// Why support ended, once closed.
    pub closure_reason: String,
    /// When the record was made.
    pub created_at: DateTime<Utc>,
}

impl From<SupportedPerson> for ServiceUserView {
    fn from(p: SupportedPerson) -> Self {
        Self {
            id: p.id.0,
            person_id: p.person_id.map(|x| x.0),
            given_name: p.given_name,
            family_name: p.family_name,
            email: p.email.map(|e| e.to_string()),
            phone: p.phone.map(|x| x.to_string()),
            address: p.address,
            postcode: p.postcode.map(|x| x.to_string()),
            date_of_birth: p.date_of_birth,
            age_band: p.age_band,
            language: p.language,
            communication_needs: p.communication_needs,
            access_needs: p.access_needs,
            volunteer_gender: p.volunteer_gender.map(Labelled::code),
            interests: p.interests,
            days: day_codes(p.days),
            consent_to_support: p.consent_to_support.map(ConsentView::from),
            consent_to_data: p.consent_to_data.map(ConsentView::from),
            status: p.status.map(Labelled::code),
            closure_reason: p.closure_reason,
            created_at: p.created_at,
        }
    }
}

/// A referral, with the response target it is triaged against.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralView {
    /// Identifier.
    pub id: Uuid,
    /// The person referred.
    pub service_user_id: Uuid,
    /// Their name.
    pub service_user_name: String,
    /// Who referred.
    #[schema(value_type = ReferralSourceCode)]
    pub source: &'static str,
    /// The referrer's name.
    pub referrer_name: String,
    /// Where the decision is emailed, if anywhere.
    pub referrer_email: Option<String>,
    /// The partner organisation that referred, if one.
    pub partner_organisation_id: Option<Uuid>,
    /// The support asked for.
    #[schema(value_type = SupportTypeCode)]
    pub support_type: &'static str,
    /// How soon.
    #[schema(value_type = UrgencyCode)]
    pub urgency: &'static str,
    /// The need, in the referrer's words.
    pub need: String,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// When a decision is due: 24 hours for discharge support and urgent referrals, 3 days
    /// for soon, 7 for routine.
    pub due_by: DateTime<Utc>,
    /// Whether it missed its target: undecided past `due_by`, or decided after it.
    pub breached: bool,
    /// Where it is in triage.
    #[schema(value_type = ReferralStatusCode)]
    pub status: &'static str,
    /// The reason for declining, or where it was sent and why.
    pub decision_note: String,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who decided.
    pub decided_by: Option<Uuid>,
}

impl ReferralView {
    /// The view of `r` about the person called `name`; `breached` as the app judged it.
    pub fn new(r: Referral, name: String, breached: bool) -> Self {
        Self {
            id: r.id.0,
            service_user_id: r.supported_person_id.0,
            service_user_name: name,
            source: r.source.code(),
            referrer_email: r.referrer_email.as_ref().map(|e| e.to_string()),
            partner_organisation_id: r.partner_organisation_id.map(|x| x.0),
            support_type: r.support_type.code(),
            urgency: r.urgency.code(),
            received_at: r.received_at,
            due_by: r.due_by(),
            breached,
            status: r.status.code(),
            decided_at: r.decided_at,
            decided_by: r.decided_by.map(|x| x.0),
            referrer_name: r.referrer_name,
            need: r.need,
            decision_note: r.decision_note,
        }
    }
}

impl From<QueuedReferral> for ReferralView {
    fn from(v: QueuedReferral) -> Self {
        Self::new(v.referral, v.person.full_name(), v.breached)
    }
}

/// A match between a volunteer and a service user, with its contact record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchView {
    /// Identifier.
    pub id: Uuid,
    /// The service user.
    pub service_user_id: Uuid,
    /// Their name.
    pub service_user_name: String,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// The volunteer's name.
    pub volunteer_name: String,
    /// The role the volunteer supports them in (its checks and training apply).
    pub role_id: Uuid,
    /// The support.
    #[schema(value_type = SupportTypeCode)]
    pub support_type: &'static str,
    /// Where the match is. Only the volunteer moves it on from `proposed`.
    #[schema(value_type = MatchStatusCode)]
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// The fit score when proposed (higher is better).
    pub fit_score: i64,
    /// Why the volunteer was suggested, as shown when proposed.
    pub reasons: Vec<String>,
    /// How often contact is expected, in days (7: weekly).
    pub contact_every_days: u32,
    /// When the volunteer was invited.
    pub proposed_at: DateTime<Utc>,
    /// When the status last changed.
    pub updated_at: DateTime<Utc>,
    /// The day regular support started.
    pub started_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: String,
    /// The latest contact logged.
    pub last_contact: Option<NaiveDate>,
    /// For active matches, days contact is overdue (a few days' grace allowed); null while
    /// contact is on time.
    pub overdue_days: Option<i64>,
}

impl From<DescribedMatch> for MatchView {
    fn from(v: DescribedMatch) -> Self {
        let m = v.record;
        Self {
            id: m.id.0,
            service_user_id: m.supported_person_id.0,
            service_user_name: v.person_name,
            volunteer_id: m.volunteer_id.0,
            volunteer_name: v.volunteer_name,
            role_id: m.role_id.0,
            support_type: m.support_type.code(),
            status: m.status.code(),
            status_label: m.status.label(),
            fit_score: m.fit_score,
            reasons: m
                .reasons
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            contact_every_days: m.contact_every_days,
            proposed_at: m.proposed_at,
            updated_at: m.updated_at,
            started_on: m.started_on,
            end_reason: m.end_reason,
            last_contact: v.last_contact,
            overdue_days: v.overdue_days,
        }
    }
}

/// A visit or call on a match.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactView {
    /// Identifier.
    pub id: Uuid,
    /// The match.
    pub match_id: Uuid,
    /// The service user.
    pub service_user_id: Uuid,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// The volunteer's name.
    pub volunteer_name: String,
    /// The day.
    pub on: NaiveDate,
    /// How long, in minutes.
    pub minutes: u32,
    /// How.
    #[schema(value_type = ContactKindCode)]
    pub kind: &'static str,
    /// A short note.
    pub note: String,
    /// Whether there were any concerns (raise a safeguarding concern for anything serious).
    pub concerns: bool,
    /// Who logged it.
    pub logged_by: Uuid,
    /// When.
    pub logged_at: DateTime<Utc>,
}

impl ContactView {
    /// The view of `c`, made by the volunteer called `volunteer_name`.
    pub fn new(c: Contact, volunteer_name: String) -> Self {
        Self {
            id: c.id.0,
            match_id: c.match_id.0,
            service_user_id: c.supported_person_id.0,
            volunteer_id: c.volunteer_id.0,
            volunteer_name,
            on: c.on,
            minutes: c.minutes,
            kind: c.kind.code(),
            note: c.note,
            concerns: c.concerns,
            logged_by: c.logged_by.0,
            logged_at: c.logged_at,
        }
    }
}

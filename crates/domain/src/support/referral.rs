//! Referrals: someone asking an organisation to support a person — staff (a ward referring a
//! patient for home-from-hospital support), a partner organisation, the person themselves or
//! their carer. Managers triage them against a target response time.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::SupportType;
use crate::ids::{OrganisationId, PersonId, ReferralId, SupportedPersonId};
use crate::values::Email;
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// Who made the referral.
    ReferralSource {
        /// Staff in the organisation.
        Staff = "staff": "Staff",
        /// A partner organisation.
        Partner = "partner": "Partner organisation",
        /// The person themselves.
        SelfReferral = "self": "Self-referral",
        /// Their carer.
        Carer = "carer": "Carer",
    }
);

labelled_enum!(
    /// How soon support is needed.
    Urgency {
        /// Within a day (e.g. someone leaving hospital tomorrow).
        Urgent = "urgent": "Urgent",
        /// Within a few days.
        Soon = "soon": "Soon",
        /// When a volunteer is free.
        Routine = "routine": "Routine",
    }
);

labelled_enum!(
    /// Where a referral is in triage.
    ReferralStatus {
        /// Waiting for a decision.
        New = "new": "Waiting for a decision",
        /// Accepted: the person will be assessed and matched.
        Accepted = "accepted": "Accepted",
        /// Declined, with a reason sent back.
        Declined = "declined": "Declined",
        /// Sent on to another service.
        Redirected = "redirected": "Redirected",
    }
);

/// Hours within which a referral should have a decision: discharge support and urgent
/// referrals within 24 hours, soon within 3 days, routine within 7 days. Local teams may agree
/// other targets; these are the defaults shown.
pub fn response_target_hours(support: SupportType, urgency: Urgency) -> i64 {
    match (support, urgency) {
        (SupportType::HomeFromHospital, _) | (_, Urgency::Urgent) => 24,
        (_, Urgency::Soon) => 72,
        (_, Urgency::Routine) => 168,
    }
}

/// A referral as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    /// Identifier.
    pub id: ReferralId,
    /// The organisation asked.
    pub organisation_id: OrganisationId,
    /// The person referred (their record starts as "referred").
    pub supported_person_id: SupportedPersonId,
    /// Who referred.
    pub source: ReferralSource,
    /// The referrer's name.
    pub referrer_name: String,
    /// Where to send the decision.
    pub referrer_email: Option<Email>,
    /// The staff member or account that made it, if signed in.
    pub referred_by: Option<PersonId>,
    /// The partner organisation that made it, if one.
    pub partner_organisation_id: Option<OrganisationId>,
    /// The support asked for.
    pub support_type: SupportType,
    /// How soon.
    pub urgency: Urgency,
    /// The need, in the referrer's words.
    pub need: String,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// Where it is in triage.
    pub status: ReferralStatus,
    /// The reason for declining, or where it was redirected and why.
    pub decision_note: String,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who decided.
    pub decided_by: Option<PersonId>,
}

impl Referral {
    /// When a decision is due.
    pub fn due_by(&self) -> DateTime<Utc> {
        self.received_at + Duration::hours(response_target_hours(self.support_type, self.urgency))
    }

    /// Whether it breached its target: undecided past it, or decided after it.
    pub fn breached(&self, now: DateTime<Utc>) -> bool {
        self.decided_at.unwrap_or(now) > self.due_by()
    }
}

/// A referral's own fields as typed in (the person's are a [`super::SupportedPersonInput`]).
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ReferralInput {
    /// `befriending`, `home_from_hospital`, …
    pub support_type: String,
    /// `urgent`, `soon` or `routine`.
    pub urgency: String,
    /// The need.
    pub need: String,
    /// The referrer's name (blank for a self-referral).
    pub referrer_name: String,
    /// The referrer's email, for the decision.
    pub referrer_email: String,
}

/// A referral's checked fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFields {
    /// The support asked for.
    pub support_type: SupportType,
    /// How soon.
    pub urgency: Urgency,
    /// The need.
    pub need: String,
    /// The referrer's name.
    pub referrer_name: String,
    /// The referrer's email.
    pub referrer_email: Option<Email>,
}

impl ReferralInput {
    /// Checks the fields; `referrer_required` for staff and partner referrals.
    pub fn parse(&self, referrer_required: bool) -> Result<ReferralFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let support_type = SupportType::from_code(self.support_type.trim());
        if support_type.is_none() {
            e.add("support_type", "Choose the support needed");
        }
        let urgency = Urgency::from_code(self.urgency.trim());
        if urgency.is_none() {
            e.add("urgency", "Choose how soon support is needed");
        }
        let need = e.text("need", "what support is needed and why", &self.need, 2000);
        let referrer_name = if referrer_required {
            e.text("referrer_name", "your name", &self.referrer_name, 200)
                .unwrap_or_default()
        } else {
            e.optional_text("referrer_name", "your name", &self.referrer_name, 200)
        };
        let referrer_email = if self.referrer_email.trim().is_empty() {
            None
        } else {
            e.check("referrer_email", Email::parse(&self.referrer_email))
        };
        e.finish(|| {
            Some(ReferralFields {
                support_type: support_type?,
                urgency: urgency?,
                need: need?,
                referrer_name,
                referrer_email,
            })
        })
    }
}

/// A triage decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralDecision {
    /// Accept: the person goes on to assessment.
    Accept,
    /// Decline, with the reason sent back to the referrer.
    Decline(String),
    /// Redirect to another service, saying which and why.
    Redirect(String),
}

impl ReferralDecision {
    /// Reads a decision from the form: `accept`, `decline` (needs a reason) or `redirect`
    /// (needs where to).
    pub fn parse(decision: &str, note: &str) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let d = match decision.trim() {
            "accept" => Some(Self::Accept),
            "decline" => e
                .text("note", "the reason for declining", note, 1000)
                .map(Self::Decline),
            "redirect" => e
                .text("note", "where the referral was sent and why", note, 1000)
                .map(Self::Redirect),
            _ => {
                e.add("decision", "Choose accept, decline or redirect");
                None
            }
        };
        e.finish(|| d)
    }

    /// The status it leads to.
    pub fn status(&self) -> ReferralStatus {
        match self {
            Self::Accept => ReferralStatus::Accepted,
            Self::Decline(_) => ReferralStatus::Declined,
            Self::Redirect(_) => ReferralStatus::Redirected,
        }
    }

    /// The note kept with it.
    pub fn note(&self) -> &str {
        match self {
            Self::Accept => "",
            Self::Decline(n) | Self::Redirect(n) => n,
        }
    }
}

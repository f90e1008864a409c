//! What the matching requests send and answer with: suggestions with their reasons, the batch
//! plan, volunteers' offers (match profiles), and the bodies of invitations, steps and
//! contacts.

use app::matching::{BatchPlan, Suggestion, Suggestions};
use domain::Labelled;
use domain::support::{MatchProfile, SupportedPerson};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::input::{text, text_list};
use crate::api::views::{ContactKindCode, GenderCode, SupportTypeCode, day_codes};

/// A volunteer suggested for someone, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestionView {
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Their name.
    pub name: String,
    /// How well they fit (higher is better, at least 1).
    pub score: i64,
    /// Why, in words, best reason first (distance, language, shared interests, days, room).
    pub reasons: Vec<String>,
}

impl From<Suggestion> for SuggestionView {
    fn from(s: Suggestion) -> Self {
        Self {
            volunteer_id: s.volunteer_id.0,
            name: s.name,
            score: s.fit.score,
            reasons: s.fit.reasons,
        }
    }
}

/// A volunteer active in the role who cannot be suggested, and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuledOutView {
    /// Their name.
    pub name: String,
    /// Why, like "not eligible: …", "has no room for anyone else" or "does not speak Urdu".
    pub reason: String,
}

/// Suggestions for one service user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestionsView {
    /// The service user.
    pub service_user_id: Uuid,
    /// Volunteers who could support them, best first.
    pub suggested: Vec<SuggestionView>,
    /// Volunteers active in the role who cannot, each with the reason.
    pub ruled_out: Vec<RuledOutView>,
}

impl From<Suggestions> for SuggestionsView {
    fn from(s: Suggestions) -> Self {
        Self {
            service_user_id: s.person.id.0,
            suggested: s.suggested.into_iter().map(Into::into).collect(),
            ruled_out: s
                .ruled_out
                .into_iter()
                .map(|(name, reason)| RuledOutView { name, reason })
                .collect(),
        }
    }
}

/// One invitation in the batch plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanPairView {
    /// The service user.
    pub service_user_id: Uuid,
    /// Their name.
    pub service_user_name: String,
    /// The volunteer who would be invited.
    pub volunteer_id: Uuid,
    /// Their name.
    pub volunteer_name: String,
    /// How well they fit.
    pub score: i64,
    /// Why.
    pub reasons: Vec<String>,
}

/// Someone waiting whom nobody can support now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnmatchedView {
    /// The service user.
    pub service_user_id: Uuid,
    /// Their name.
    pub name: String,
}

/// The optimal set of invitations for everyone waiting. Nothing has been sent: propose each
/// pair to invite the volunteer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchPlanView {
    /// The pairs: each person at most once, no volunteer beyond their room.
    pub pairs: Vec<PlanPairView>,
    /// People waiting whom nobody can support now.
    pub unmatched: Vec<UnmatchedView>,
    /// The plan's total fit: the greatest possible.
    pub total_fit: i64,
    /// What picking the best remaining pair each time would have reached, for comparison.
    pub greedy_fit: i64,
}

impl From<BatchPlan> for BatchPlanView {
    fn from(p: BatchPlan) -> Self {
        Self {
            pairs: p
                .pairs
                .into_iter()
                .map(|(person, s)| PlanPairView {
                    service_user_id: person.id.0,
                    service_user_name: person.full_name(),
                    volunteer_id: s.volunteer_id.0,
                    volunteer_name: s.name,
                    score: s.fit.score,
                    reasons: s.fit.reasons,
                })
                .collect(),
            unmatched: p
                .unmatched
                .iter()
                .map(|person: &SupportedPerson| UnmatchedView {
                    service_user_id: person.id.0,
                    name: person.full_name(),
                })
                .collect(),
            total_fit: p.total_fit,
            greedy_fit: p.greedy_fit,
        }
    }
}

/// A volunteer's offer of person-to-person support with this organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchProfileView {
    /// The volunteer.
    pub person_id: Uuid,
    /// How many people they can support at once.
    pub capacity: u32,
    /// How far they will travel, in miles.
    pub travel_miles: u32,
    /// Days they are free, `mon` … `sun` (none: not said).
    pub days: Vec<&'static str>,
    /// Their gender for matching, if they chose to say.
    #[schema(value_type = Option<GenderCode>)]
    pub gender: Option<&'static str>,
    /// The kinds of support they offer.
    #[schema(value_type = Vec<SupportTypeCode>)]
    pub support_types: Vec<&'static str>,
}

impl From<MatchProfile> for MatchProfileView {
    fn from(p: MatchProfile) -> Self {
        Self {
            person_id: p.person_id.0,
            capacity: p.capacity,
            travel_miles: p.travel_miles,
            days: day_codes(p.days),
            gender: p.gender.map(Labelled::code),
            support_types: p.support_types.iter().map(|t| t.code()).collect(),
        }
    }
}

/// A volunteer's offer to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MatchProfileBody {
    /// How many people they can support at once, 0 to 10.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub capacity: String,
    /// How far they will travel, in miles, 0 to 100.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub travel_miles: String,
    /// Days they are free, `mon` … `sun`.
    #[serde(default, deserialize_with = "text_list")]
    pub days: Vec<String>,
    /// Their gender for matching, or blank not to say.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<GenderCode>)]
    pub gender: String,
    /// The kinds of support they offer.
    #[serde(default, deserialize_with = "text_list")]
    #[schema(value_type = Vec<SupportTypeCode>)]
    pub support_types: Vec<String>,
}

/// An invitation to propose.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProposeBody {
    /// The service user (assessed, with consent recorded).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub service_user_id: String,
    /// The volunteer: one the suggestions list for them.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub volunteer_id: String,
    /// The role the volunteer would support them in.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The support.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SupportTypeCode)]
    pub support_type: String,
    /// How often contact is expected, in days, 1 to 92 (default 7: weekly).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<u32>)]
    pub contact_every_days: String,
}

/// A manager's step on a match.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StepBody {
    /// `withdraw` (the invitation, before an answer), `introduce` (once the volunteer has
    /// accepted), `activate` or `end`. Only the volunteer accepts or declines.
    #[serde(default, deserialize_with = "text")]
    pub step: String,
    /// Why the match is ending (needed for `end`).
    #[serde(default, deserialize_with = "text")]
    pub reason: String,
}

/// A contact to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ContactBody {
    /// The day, like "2026-11-28": not in the future, nor before the introduction.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = NaiveDate)]
    pub on: String,
    /// How long, in minutes, 1 to 720.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub minutes: String,
    /// How.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = ContactKindCode)]
    pub kind: String,
    /// A short note.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
    /// Whether there were any concerns (raise a safeguarding concern for anything serious).
    #[serde(default)]
    pub concerns: bool,
}

/// What to plan for.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct BatchPlanBody {
    /// The role volunteers would support people in (its checks and training apply).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub role_id: String,
    /// The support.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SupportTypeCode)]
    pub support_type: String,
}

//! Onboarding: placements, eligibility, the onboarding board and time to onboard.

use app::onboarding::{BoardCard, Stage};
use app::onboarding_report::{OnboardingReport, OnboardingSummary};
use app::ports::PlacementRow;
use domain::compliance::{Block, Eligibility};
use domain::stats::Band;

use super::*;

/// The schema of a fixed list of codes that is not one of the domain's closed lists.
fn fixed_codes(description: &str, values: &[&str]) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values.iter().copied()))
        .build()
}

/// The codes of the onboarding board's stages.
pub struct StageCode;

/// The stage codes, in the order the board shows them.
const STAGES: [&str; 3] = ["with_volunteer", "to_verify", "ready_to_start"];

impl PartialSchema for StageCode {
    fn schema() -> RefOr<Schema> {
        fixed_codes(
            "Where someone is on the onboarding board: waiting for the volunteer (or a referee), \
             waiting for us to verify, or ready to start.",
            &STAGES,
        )
        .into()
    }
}

impl ToSchema for StageCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Stage")
    }
}

/// A stage's code.
fn stage_code(stage: Stage) -> &'static str {
    match stage {
        Stage::WithVolunteer => STAGES[0],
        Stage::ToVerify => STAGES[1],
        Stage::ReadyToStart => STAGES[2],
    }
}

/// The codes of the reasons someone cannot start.
pub struct BlockReasonCode;

/// Every block reason's code.
const BLOCK_REASONS: [&str; 10] = [
    "no_date_of_birth",
    "under_age",
    "too_young_for_dbs",
    "missing",
    "awaiting_verification",
    "failed",
    "expired",
    "waiver_ended",
    "dbs_level_too_low",
    "dbs_wrong_workforce",
];

impl PartialSchema for BlockReasonCode {
    fn schema() -> RefOr<Schema> {
        fixed_codes("Why someone cannot start in a role.", &BLOCK_REASONS).into()
    }
}

impl ToSchema for BlockReasonCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("BlockReason")
    }
}

/// A block's reason code.
fn block_reason(block: &Block) -> &'static str {
    let i = match block {
        Block::NoDateOfBirth => 0,
        Block::UnderAge { .. } => 1,
        Block::TooYoungForDbs => 2,
        Block::Missing { .. } => 3,
        Block::AwaitingVerification { .. } => 4,
        Block::Failed { .. } => 5,
        Block::Expired { .. } => 6,
        Block::WaiverEnded { .. } => 7,
        Block::DbsLevelTooLow { .. } => 8,
        Block::DbsWrongWorkforce { .. } => 9,
    };
    BLOCK_REASONS[i]
}

/// One reason someone cannot start.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockView {
    /// What kind of reason it is.
    #[schema(value_type = BlockReasonCode)]
    pub reason: String,
    /// The reason in plain English, e.g. "DBS check: not done yet".
    pub message: String,
}

/// Whether someone can start in a role today, and if not, why not.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityView {
    /// `eligible`, or `blocked` with the reasons in `blocks`.
    #[schema(schema_with = eligibility_status_schema)]
    pub status: String,
    /// Each thing that stands in the way; empty when eligible.
    pub blocks: Vec<BlockView>,
}

/// The schema of an eligibility status.
fn eligibility_status_schema() -> Object {
    fixed_codes(
        "Whether someone can start: eligible, or blocked.",
        &["eligible", "blocked"],
    )
}

impl From<Eligibility> for EligibilityView {
    fn from(e: Eligibility) -> Self {
        Self {
            status: if e.is_eligible() {
                "eligible"
            } else {
                "blocked"
            }
            .into(),
            blocks: e
                .blocks()
                .iter()
                .map(|b| BlockView {
                    reason: block_reason(b).into(),
                    message: b.message(),
                })
                .collect(),
        }
    }
}

/// A person in one role, from acceptance through onboarding to active.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementView {
    /// Identifier.
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Their full name.
    pub person_name: String,
    /// The role.
    pub role_id: Uuid,
    /// The role's title.
    pub role_title: String,
    /// Where it has got to.
    #[schema(value_type = PlacementStatusCode)]
    pub status: String,
    /// When they applied.
    pub applied_at: DateTime<Utc>,
    /// When their application was accepted.
    pub accepted_at: DateTime<Utc>,
    /// When they started in the role.
    pub activated_at: Option<DateTime<Utc>>,
    /// When the placement ended.
    pub ended_at: Option<DateTime<Utc>>,
}

impl From<PlacementRow> for PlacementView {
    fn from(r: PlacementRow) -> Self {
        let p = r.placement;
        Self {
            id: p.id.0,
            person_id: p.person_id.0,
            person_name: r.person_name,
            role_id: p.role_id.0,
            role_title: r.role_title,
            status: p.status.code().into(),
            applied_at: p.applied_at,
            accepted_at: p.accepted_at,
            activated_at: p.activated_at,
            ended_at: p.ended_at,
        }
    }
}

/// A placement and whether its volunteer can start in it today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementEligibilityView {
    /// The placement.
    pub placement: PlacementView,
    /// Eligible, or what blocks them.
    pub eligibility: EligibilityView,
}

/// One person on the onboarding board.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BoardCardView {
    /// The placement.
    pub placement: PlacementView,
    /// Where they are.
    #[schema(value_type = StageCode)]
    pub stage: String,
    /// What blocks them, in plain English; empty when ready to start.
    pub blocking: Vec<String>,
    /// Whole days since their application was accepted.
    pub days_waiting: i64,
}

impl From<BoardCard> for BoardCardView {
    fn from(c: BoardCard) -> Self {
        Self {
            placement: c.placement.into(),
            stage: stage_code(c.stage).into(),
            blocking: c.blocking,
            days_waiting: c.days_waiting,
        }
    }
}

page_view!(
    /// A page of the onboarding board, longest waiting first.
    OnboardingPage, BoardCardView,
    items: "The people on this page, longest waiting first.", total: "People onboarding."
);

/// How many durations fall in one band.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BandView {
    /// The band, e.g. "2 to 4 weeks".
    pub label: String,
    /// How many fall in it.
    pub count: u64,
}

impl From<Band> for BandView {
    fn from(b: Band) -> Self {
        Self {
            label: b.label.into(),
            count: b.count as u64,
        }
    }
}

/// Time to onboard for a group of placements, in days from application to starting.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OnboardingSummaryView {
    /// How many people started.
    pub count: u64,
    /// The median, in days; none when nobody started.
    pub median_days: Option<f64>,
    /// How many took each length of time, from under two weeks to six months or more.
    pub bands: Vec<BandView>,
}

impl From<OnboardingSummary> for OnboardingSummaryView {
    fn from(s: OnboardingSummary) -> Self {
        Self {
            count: s.count as u64,
            median_days: s.median_days,
            bands: s.bands.into_iter().map(Into::into).collect(),
        }
    }
}

/// Time to onboard in one role.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleOnboardingView {
    /// The role's title.
    pub role_title: String,
    /// Time to onboard in it.
    pub summary: OnboardingSummaryView,
}

/// The median time spent in one stage of onboarding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageTimeView {
    /// The stage, e.g. "Checks and training".
    pub stage: String,
    /// The median, in days; none when nobody started.
    pub median_days: Option<f64>,
}

/// Time to onboard: overall, per role, and in each stage.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimeToOnboardView {
    /// The report covers people who started in the last this many months.
    pub months: u32,
    /// All roles together.
    pub overall: OnboardingSummaryView,
    /// Each role, by title.
    pub roles: Vec<RoleOnboardingView>,
    /// Deciding the application, checks and training, and starting after checks.
    pub stages: Vec<StageTimeView>,
    /// The stage with the longest median, if anyone started.
    pub slowest_stage: Option<String>,
}

impl TimeToOnboardView {
    /// The view of `report`, which covers the last `months` months.
    pub fn new(report: OnboardingReport, months: u32) -> Self {
        Self {
            months,
            overall: report.overall.into(),
            roles: report
                .roles
                .into_iter()
                .map(|(role_title, s)| RoleOnboardingView {
                    role_title,
                    summary: s.into(),
                })
                .collect(),
            stages: report
                .stages
                .into_iter()
                .map(|(stage, median_days)| StageTimeView {
                    stage: stage.into(),
                    median_days,
                })
                .collect(),
            slowest_stage: report.slowest_stage.map(Into::into),
        }
    }
}

//! [`ExportKind`]: every list that downloads, with its name on the command line and its
//! address beside its page.

/// The lists that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Volunteers (search, status and role filters).
    Volunteers,
    /// Applications (status filter).
    Applications,
    /// Roles.
    Roles,
    /// Sites.
    Sites,
    /// Staff and their permissions.
    Staff,
    /// Volunteers being onboarded, with what blocks them.
    Onboarding,
    /// Time to onboard over the last 12 months: the dashboard's tables.
    TimeToOnboard,
    /// Checks and training about to expire (`days`).
    Expiring,
    /// The rota with who is booked (`from`, `to`, `site`, `role`); also the day view and
    /// who is coming today.
    Rota,
    /// A volunteer's regular slots (`volunteer`).
    Commitments,
    /// A shift's waiting list (`shift`).
    WaitingList,
    /// A shift's register: who had a place and whether they came (`shift`).
    Register,
    /// A volunteer's checks and training for each of their roles (`volunteer`).
    Checks,
    /// Logged hours (`status`).
    HoursLogs,
    /// Hours by month (`year`).
    Hours,
    /// Volunteers who missed shifts in the last 12 months.
    NoShows,
    /// Approved or paid expense claims, for payment (`status`, `from`, `to`).
    Expenses,
    /// Service users and carers (`status`).
    ServiceUsers,
    /// Referrals.
    Referrals,
    /// Matches between volunteers and the people they support.
    Matches,
    /// Safeguarding concerns (safeguarding leads and deputies only).
    Concerns,
    /// The catalogue of checks and training.
    Catalogue,
    /// Mutual recognition agreements.
    Agreements,
    /// The networks the organisation belongs to.
    Networks,
    /// Volunteers (and service users) referred between network members.
    NetworkReferrals,
    /// Feedback links.
    FeedbackLinks,
    /// Survey plans: what is asked on each occasion.
    Surveys,
    /// What each role's activity counts towards (outcome indicators).
    OutcomeMeasures,
    /// Activity logged against outcome indicators (`from`, `to`).
    Activity,
    /// One table of the quality report (`table`, `from`, `to`, `rate`).
    Quality,
    /// The organisation's learning events.
    Events,
    /// The message log: the latest messages to volunteers.
    Messages,
    /// The consent register.
    Consents,
    /// Erasure records.
    Erasures,
    /// Who the retention rules reach today (the dry run).
    Retention,
}

impl ExportKind {
    /// Every list.
    pub const ALL: [Self; 35] = [
        Self::Volunteers,
        Self::Applications,
        Self::Roles,
        Self::Sites,
        Self::Staff,
        Self::Onboarding,
        Self::TimeToOnboard,
        Self::Expiring,
        Self::Rota,
        Self::Commitments,
        Self::WaitingList,
        Self::Register,
        Self::Checks,
        Self::HoursLogs,
        Self::Hours,
        Self::NoShows,
        Self::Expenses,
        Self::ServiceUsers,
        Self::Referrals,
        Self::Matches,
        Self::Concerns,
        Self::Catalogue,
        Self::Agreements,
        Self::Networks,
        Self::NetworkReferrals,
        Self::FeedbackLinks,
        Self::Surveys,
        Self::OutcomeMeasures,
        Self::Activity,
        Self::Quality,
        Self::Events,
        Self::Messages,
        Self::Consents,
        Self::Erasures,
        Self::Retention,
    ];

    /// The name on the command line (`alongside export volunteers`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Volunteers => "volunteers",
            Self::Applications => "applications",
            Self::Roles => "roles",
            Self::Sites => "sites",
            Self::Staff => "staff",
            Self::Onboarding => "onboarding",
            Self::TimeToOnboard => "time-to-onboard",
            Self::Expiring => "expiring",
            Self::Rota => "rota",
            Self::Commitments => "commitments",
            Self::WaitingList => "waiting-list",
            Self::Register => "register",
            Self::Checks => "checks",
            Self::HoursLogs => "hours-logs",
            Self::Hours => "hours",
            Self::NoShows => "no-shows",
            Self::Expenses => "expenses",
            Self::ServiceUsers => "service-users",
            Self::Referrals => "referrals",
            Self::Matches => "matches",
            Self::Concerns => "concerns",
            Self::Catalogue => "catalogue",
            Self::Agreements => "agreements",
            Self::Networks => "networks",
            Self::NetworkReferrals => "network-referrals",
            Self::FeedbackLinks => "feedback-links",
            Self::Surveys => "surveys",
            Self::OutcomeMeasures => "outcome-measures",
            Self::Activity => "activity",
            Self::Quality => "quality",
            Self::Events => "events",
            Self::Messages => "messages",
            Self::Consents => "consents",
            Self::Erasures => "erasures",
            Self::Retention => "retention",
        }
    }

    /// The list with this command-line name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The download's address under `/manage/{org}/`, before `.csv` or `.xlsx`: beside the
    /// list's page.
    pub fn path(self) -> &'static str {
        match self {
            Self::HoursLogs => "hours",
            Self::Hours => "hours/totals",
            Self::NoShows => "attendance",
            Self::FeedbackLinks => "feedback",
            Self::Concerns => "safeguarding/concerns",
            Self::OutcomeMeasures => "outcomes",
            Self::Messages => "settings/notifications/messages",
            Self::Consents => "privacy/consents",
            Self::Erasures => "privacy/erasures",
            Self::Retention => "privacy/retention",
            other => other.code(),
        }
    }

    /// Lists whose page has a download handler of its own (to show the page's errors).
    pub(super) fn has_own_route(self) -> bool {
        matches!(self, Self::Expenses)
    }
}

//! Network benchmarking: each member sees its own figures beside the network's median and
//! quartiles, never another member's figures by name. A member's figure built from fewer than
//! [`MIN_PEOPLE`] people is withheld (and left out of the network's spread); a network figure
//! built from fewer than [`MIN_ORGANISATIONS`] members is withheld, so no member's figure can be
//! worked out from the spread.

use serde::Serialize;

use crate::labelled_enum;

/// The fewest members a network figure may be built from.
pub const MIN_ORGANISATIONS: usize = 5;

/// The fewest people a member's figure may be built from.
pub const MIN_PEOPLE: usize = 10;

labelled_enum!(
    /// The measures members are compared on.
    Measure {
        /// Median days from application to starting.
        DaysToOnboard = "days_to_onboard": "Days from application to starting (median)",
        /// Share of volunteers still active twelve months after starting.
        Retention12Months = "retention_12_months": "Still volunteering after 12 months",
        /// Share agreeing with the experience survey's statements.
        ExperienceScore = "experience_score": "Good experience (share agreeing)",
        /// Mean change in wellbeing (SWEMWBS or ONS life satisfaction) between surveys.
        WellbeingChange = "wellbeing_change": "Change in wellbeing (mean)",
        /// Hours given per active volunteer over the year.
        HoursPerVolunteer = "hours_per_volunteer": "Hours per active volunteer in the year",
    }
);

impl Measure {
    /// Whether a higher value is better (for words beside the figures).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Self::DaysToOnboard)
    }
}

/// One member's figure on one measure, with how many people it was built from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MemberFigure {
    /// The value, if there was anything to measure.
    pub value: Option<f64>,
    /// People behind it.
    pub people: usize,
}

impl MemberFigure {
    /// The value if it may be shown or counted.
    pub fn shown(&self) -> Option<f64> {
        self.value.filter(|_| self.people >= MIN_PEOPLE)
    }
}

/// The network's spread on one measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// Lower quartile.
    pub lower_quartile: f64,
    /// Median.
    pub median: f64,
    /// Upper quartile.
    pub upper_quartile: f64,
    /// How many members it was built from.
    pub organisations: usize,
}

/// One row of a member's benchmark: its own figure (if shown) and the network's spread (if
/// shown).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    /// The measure.
    pub measure: Measure,
    /// The member's own figure, withheld below [`MIN_PEOPLE`].
    pub own: Option<f64>,
    /// People behind the member's own figure.
    pub own_people: usize,
    /// The network's spread, withheld below [`MIN_ORGANISATIONS`].
    pub network: Option<Spread>,
    /// Members whose figures counted.
    pub organisations_counted: usize,
}

/// The value at quantile `q` (0 to 1) of sorted values, by linear interpolation between order
/// statistics (Hyndman and Fan's type 7, the default of R and NumPy).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = q.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The network's spread of the members' shown figures, or none below [`MIN_ORGANISATIONS`].
pub fn spread(figures: &[MemberFigure]) -> Option<Spread> {
    let mut values: Vec<f64> = figures.iter().filter_map(MemberFigure::shown).collect();
    if values.len() < MIN_ORGANISATIONS {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(Spread {
        lower_quartile: quantile(&values, 0.25)?,
        median: quantile(&values, 0.5)?,
        upper_quartile: quantile(&values, 0.75)?,
        organisations: values.len(),
    })
}

/// A member's comparison on `measure`: `own` is its figure, `all` every member's (its own
/// among them).
pub fn compare(measure: Measure, own: MemberFigure, all: &[MemberFigure]) -> Comparison {
    Comparison {
        measure,
        own: own.shown(),
        own_people: own.people,
        network: spread(all),
        organisations_counted: all.iter().filter(|f| f.shown().is_some()).count(),
    }
}

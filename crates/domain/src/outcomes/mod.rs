//! Outcome statistics for reports: how volunteers' wellbeing changed between a baseline and a
//! follow-up survey ([`change`]), experience results by quality theme and over time
//! ([`themes`]), the value of the time volunteers give ([`value`]), and a report's period and
//! hourly rate as typed ([`period`]).
//!
//! Pure functions over numbers the caller has already gathered. Every figure about people comes
//! as a [`Figure`], withheld for groups smaller than [`MIN_GROUP`] ([`suppression`]). The paired
//! change is checked to 1e-9 against numpy and scipy (`tools/reference/wellbeing_change.py`
//! makes `domain/tests/fixtures/wellbeing_change.json`).

pub mod change;
pub mod period;
mod suppression;
pub mod themes;
pub mod value;

pub use change::{
    Direction, PairedChange, SWEMWBS_MEANINGFUL, pair_up, paired_change, student_t_quantile,
};
pub use period::parse_period;
pub use suppression::{Figure, MIN_GROUP};
pub use themes::{GroupThemes, ThemeFigure, ThemeResult, by_group, trend};
pub use value::{HourlyRate, RateSource, ValueOfTime, value_of_time};

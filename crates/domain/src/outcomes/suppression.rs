//! Small groups are never reported: a figure for fewer than [`MIN_GROUP`] people is withheld in
//! every report, so nobody can be recognised from an average or a share.
//!
//! Every outcome figure in this module tree comes wrapped in a [`Figure`], built only through
//! [`Figure::from_group`], so a report cannot show a small group's result by forgetting a check.

use serde::Serialize;

/// The fewest people a reported figure may be based on: groups smaller than this are withheld.
pub const MIN_GROUP: usize = 5;

/// A reported figure: shown when it rests on at least [`MIN_GROUP`] people, withheld otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure<T> {
    /// Enough people answered: the figure may be shown.
    Shown(T),
    /// Too few people answered: the figure is withheld. Show "fewer than 5", never the value.
    Suppressed {
        /// How many people there were (below [`MIN_GROUP`]); kept for totals and checks.
        n: usize,
    },
}

impl<T> Figure<T> {
    /// The figure for a group of `n` people: `value` is worked out and shown only when `n` is at
    /// least [`MIN_GROUP`]; for a smaller group it is never computed.
    pub fn from_group(n: usize, value: impl FnOnce() -> T) -> Self {
        if n < MIN_GROUP {
            Self::Suppressed { n }
        } else {
            Self::Shown(value())
        }
    }

    /// The figure when it may be shown; `None` when withheld.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Self::Shown(value) => Some(value),
            Self::Suppressed { .. } => None,
        }
    }

    /// True when the figure is withheld because the group is too small.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Self::Suppressed { .. })
    }

    /// The same figure with the shown value changed by `f`; a withheld figure stays withheld.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Figure<U> {
        match self {
            Self::Shown(value) => Figure::Shown(f(value)),
            Self::Suppressed { n } => Figure::Suppressed { n },
        }
    }
}

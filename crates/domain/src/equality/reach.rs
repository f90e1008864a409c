//! Reach: the age band, sex, ethnic group and disability of a programme's volunteers counted
//! against the categories reports use, with groups under five withheld, and the population an
//! organisation serves to compare them with.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Disability, ETHNIC_GROUPS, EqualityRecord, Ethnicity};
use crate::outcomes::Figure;
use crate::{FieldErrors, Labelled, labelled_enum};

/// The age bands reports use.
pub const AGE_BANDS: [&str; 8] = [
    "Under 18",
    "18 to 24",
    "25 to 34",
    "35 to 44",
    "45 to 54",
    "55 to 64",
    "65 to 74",
    "75 and over",
];

/// The age band of someone born on `born` on `on`.
pub fn age_band(born: NaiveDate, on: NaiveDate) -> &'static str {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    match age {
        ..18 => AGE_BANDS[0],
        18..25 => AGE_BANDS[1],
        25..35 => AGE_BANDS[2],
        35..45 => AGE_BANDS[3],
        45..55 => AGE_BANDS[4],
        55..65 => AGE_BANDS[5],
        65..75 => AGE_BANDS[6],
        _ => AGE_BANDS[7],
    }
}

labelled_enum!(
    /// A characteristic reach is counted by.
    ReachDimension {
        /// Age band, from the date of birth.
        Age = "age": "Age",
        /// Sex.
        Sex = "sex": "Sex",
        /// Ethnic group.
        Ethnicity = "ethnicity": "Ethnic group",
        /// Disability.
        Disability = "disability": "Disability",
    }
);

impl ReachDimension {
    /// The categories counted, in report order (without "not answered").
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Self::Age => &AGE_BANDS,
            Self::Sex => &["Female", "Male", "Prefer not to say"],
            Self::Ethnicity => &ETHNIC_GROUPS,
            Self::Disability => &["Disabled", "Not disabled", "Prefer not to say"],
        }
    }

    /// The category `record` (and the date of birth `born`, on `on`) falls in, if answered.
    pub fn category_of(
        self,
        record: Option<&EqualityRecord>,
        born: Option<NaiveDate>,
        on: NaiveDate,
    ) -> Option<&'static str> {
        match self {
            Self::Age => born.map(|b| age_band(b, on)),
            Self::Sex => record?.sex.map(Labelled::label),
            Self::Ethnicity => record?.ethnicity.map(Ethnicity::group),
            Self::Disability => record?.disability.map(Disability::group),
        }
    }
}

/// An organisation's figure for the population it serves: the percentage (in tenths) of one
/// category of one characteristic, for comparing reach with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PopulationShare {
    /// The characteristic.
    pub dimension: ReachDimension,
    /// The category, one of [`ReachDimension::categories`].
    pub category: &'static str,
    /// The percentage in tenths (e.g. 125 is 12.5%).
    pub percent_tenths: u16,
}

/// Parses the population form: for each characteristic, each category's percentage (blank for
/// not known), 0 to 100 with at most one decimal place, and at most 100 in total. Fields are
/// named `{dimension}-{index}` by the category's place in [`ReachDimension::categories`].
pub fn parse_population(
    field: impl Fn(&str) -> String,
) -> Result<Vec<PopulationShare>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut shares = Vec::new();
    for &dimension in ReachDimension::ALL {
        let mut total = 0u32;
        for (index, &category) in dimension.categories().iter().enumerate() {
            let name = format!("{}-{index}", dimension.code());
            let raw = field(&name);
            let raw = raw.trim().trim_end_matches('%').trim();
            if raw.is_empty() {
                continue;
            }
            let tenths = raw
                .parse::<f64>()
                .ok()
                .filter(|p| {
                    (0.0..=100.0).contains(p) && ((p * 10.0).round() - p * 10.0).abs() < 1e-9
                })
                .map(|p| (p * 10.0).round() as u16);
            match tenths {
                Some(t) => {
                    total += u32::from(t);
                    shares.push(PopulationShare {
                        dimension,
                        category,
                        percent_tenths: t,
                    });
                }
                None => errors.add(
                    &name,
                    format!(
                        "Enter the percentage for \u{201c}{category}\u{201d} as a number from 0 to \
                         100, like 12.5"
                    ),
                ),
            }
        }
        if total > 1000 {
            let first = format!("{}-0", dimension.code());
            errors.add(
                &first,
                format!(
                    "The percentages for {} add up to more than 100",
                    dimension.label().to_lowercase()
                ),
            );
        }
    }
    errors.finish(|| Some(shares))
}

/// What "not answered" is called in reach tables.
pub const NOT_ANSWERED: &str = "Not answered";

/// One row of a reach table: a category and how many are in it, withheld under five.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachRow {
    /// The category.
    pub category: &'static str,
    /// How many people, and their share of everyone counted; withheld under five.
    pub figure: Figure<(usize, f64)>,
}

/// Counts `values` into `categories` (in that order, then [`NOT_ANSWERED`] for `None`),
/// withholding any category of fewer than five (zero is shown: it identifies nobody).
pub fn reach(categories: &[&'static str], values: &[Option<&'static str>]) -> Vec<ReachRow> {
    let total = values.len();
    categories
        .iter()
        .copied()
        .chain(std::iter::once(NOT_ANSWERED))
        .map(|category| {
            let n = values
                .iter()
                .filter(|v| v.unwrap_or(NOT_ANSWERED) == category)
                .count();
            let share = if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            };
            ReachRow {
                category,
                figure: if n == 0 {
                    Figure::Shown((0, 0.0))
                } else {
                    Figure::from_group(n, || (n, share))
                },
            }
        })
        .filter(|row| row.category != NOT_ANSWERED || !matches!(row.figure, Figure::Shown((0, _))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_turn_on_the_birthday() {
        let born = NaiveDate::from_ymd_opt(2008, 3, 5).unwrap();
        assert_eq!(
            age_band(born, NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()),
            "Under 18"
        );
        assert_eq!(
            age_band(born, NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()),
            "18 to 24"
        );
        let old = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
        assert_eq!(
            age_band(old, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            "75 and over"
        );
    }

    #[test]
    fn reach_withholds_small_categories_and_counts_the_unanswered() {
        let mut values = vec![Some("White"); 12];
        values.extend([Some("Asian or Asian British"); 3]);
        values.extend([None; 5]);
        let rows = reach(&ETHNIC_GROUPS, &values);
        let get = |c: &str| rows.iter().find(|r| r.category == c).unwrap().figure;
        assert_eq!(get("White"), Figure::Shown((12, 0.6)));
        assert!(get("Asian or Asian British").is_suppressed());
        assert_eq!(
            get("Mixed or Multiple ethnic groups"),
            Figure::Shown((0, 0.0))
        );
        assert_eq!(get(NOT_ANSWERED), Figure::Shown((5, 0.25)));
        assert_eq!(rows.len(), 7);
        let all_answered = reach(&ETHNIC_GROUPS, &[Some("White"); 6]);
        assert!(all_answered.iter().all(|r| r.category != NOT_ANSWERED));
    }

    #[test]
    fn population_percentages_are_checked_per_field_and_per_characteristic() {
        let form = |name: &str| match name {
            "sex-0" => "51.5".to_owned(),
            "sex-1" => "48.5%".to_owned(),
            "ethnicity-3" => "80".to_owned(),
            "ethnicity-0" => "30".to_owned(),
            "age-2" => "12.25".to_owned(),
            _ => String::new(),
        };
        let errors = parse_population(form).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["age-2", "ethnicity-0"], "{errors:?}");
        let ok = parse_population(|name: &str| match name {
            "sex-0" => "51.5".to_owned(),
            "disability-0" => "17".to_owned(),
            _ => String::new(),
        })
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].dimension, ReachDimension::Sex);
        assert_eq!(ok[0].category, "Female");
        assert_eq!(ok[0].percent_tenths, 515);
    }
}

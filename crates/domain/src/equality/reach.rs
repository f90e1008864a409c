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
        /// Deprivation of the area they live in: the IMD decile of their postcode's LSOA.
        Deprivation = "deprivation": "Deprivation (IMD decile of home postcode)",
    }
);

/// LSOAs ranked in the English Indices of Deprivation 2019 (rank 1 is the most deprived).
pub const IOD2019_LSOAS: u32 = 32_844;

/// The IMD deciles reports use, most deprived first.
pub const DEPRIVATION_DECILES: [&str; 10] = [
    "1 (most deprived 10%)",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10 (least deprived 10%)",
];

/// The decile (1 the most deprived tenth of LSOAs, 10 the least) of an IoD2019 rank; `None`
/// for a rank outside 1 to [`IOD2019_LSOAS`].
pub fn imd_decile(rank: u32) -> Option<u8> {
    let n = u64::from(IOD2019_LSOAS);
    (1..=IOD2019_LSOAS)
        .contains(&rank)
        .then(|| ((u64::from(rank) * 10).div_ceil(n)) as u8)
}

/// The attribution the ONS Postcode Directory's licence (Open Government Licence v3.0)
/// requires wherever figures derived from it are shown, for a release of `year`.
pub fn postcode_attribution(year: i32) -> [String; 3] {
    [
        format!("Contains OS data \u{a9} Crown copyright and database right {year}"),
        format!("Contains Royal Mail data \u{a9} Royal Mail copyright and database right {year}"),
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
            .to_owned(),
    ]
}

impl ReachDimension {
    /// The categories counted, in report order (without "not answered").
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Self::Age => &AGE_BANDS,
            Self::Sex => &["Female", "Male", "Prefer not to say"],
            Self::Ethnicity => &ETHNIC_GROUPS,
            Self::Disability => &["Disabled", "Not disabled", "Prefer not to say"],
            Self::Deprivation => &DEPRIVATION_DECILES,
        }
    }

    /// The category a volunteer falls in, if known: from their answers `record`, their date of
    /// birth `born` (on `on`), or the IMD decile of their home postcode.
    pub fn category_of(
        self,
        record: Option<&EqualityRecord>,
        born: Option<NaiveDate>,
        imd_decile: Option<u8>,
        on: NaiveDate,
    ) -> Option<&'static str> {
        match self {
            Self::Deprivation => imd_decile
                .and_then(|d| DEPRIVATION_DECILES.get(usize::from(d).checked_sub(1)?))
                .copied(),
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
    fn imd_deciles_cut_the_ranks_into_tenths() {
        assert_eq!(imd_decile(1), Some(1));
        assert_eq!(imd_decile(3_284), Some(1));
        assert_eq!(imd_decile(3_285), Some(2));
        assert_eq!(imd_decile(16_422), Some(5));
        assert_eq!(imd_decile(16_423), Some(6));
        assert_eq!(imd_decile(32_844), Some(10));
        assert_eq!(imd_decile(0), None);
        assert_eq!(imd_decile(32_845), None);
        let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let d = ReachDimension::Deprivation;
        assert_eq!(
            d.category_of(None, None, Some(1), on),
            Some("1 (most deprived 10%)")
        );
        assert_eq!(d.category_of(None, None, Some(0), on), None);
        assert_eq!(d.category_of(None, None, None, on), None);
    }

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

//! Equality monitoring: a volunteer's own, optional answers to the GSS harmonised questions on
//! sex, ethnic group (2021 Census categories for England and Wales, with the NHS Data Dictionary
//! code derived) and disability, every one with "Prefer not to say"; age bands from the date of
//! birth; and the reach of a programme counted by each, with groups under five withheld.
//! Special category data (UK GDPR Art. 9; DPA 2018 Sch. 1 para. 8): kept apart from the profile,
//! given only by the person, and only ever reported in aggregate.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::PersonId;
use crate::outcomes::Figure;
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// "What is your sex?" (GSS harmonised).
    Sex {
        /// Female.
        Female = "female": "Female",
        /// Male.
        Male = "male": "Male",
        /// Prefer not to say.
        PreferNotToSay = "prefer_not_to_say": "Prefer not to say",
    }
);

labelled_enum!(
    /// "What is your ethnic group?": the 19 categories of the 2021 Census for England and Wales
    /// (GSS harmonised), and Prefer not to say.
    Ethnicity {
        /// White: English, Welsh, Scottish, Northern Irish or British.
        WhiteBritish = "white_british": "English, Welsh, Scottish, Northern Irish or British",
        /// White: Irish.
        WhiteIrish = "white_irish": "Irish",
        /// White: Gypsy or Irish Traveller.
        Gypsy = "gypsy_or_irish_traveller": "Gypsy or Irish Traveller",
        /// White: Roma.
        Roma = "roma": "Roma",
        /// Any other White background.
        OtherWhite = "other_white": "Any other White background",
        /// Mixed: White and Black Caribbean.
        WhiteBlackCaribbean = "white_and_black_caribbean": "White and Black Caribbean",
        /// Mixed: White and Black African.
        WhiteBlackAfrican = "white_and_black_african": "White and Black African",
        /// Mixed: White and Asian.
        WhiteAsian = "white_and_asian": "White and Asian",
        /// Any other Mixed or Multiple ethnic background.
        OtherMixed = "other_mixed": "Any other Mixed or Multiple ethnic background",
        /// Asian: Indian.
        Indian = "indian": "Indian",
        /// Asian: Pakistani.
        Pakistani = "pakistani": "Pakistani",
        /// Asian: Bangladeshi.
        Bangladeshi = "bangladeshi": "Bangladeshi",
        /// Asian: Chinese.
        Chinese = "chinese": "Chinese",
        /// Any other Asian background.
        OtherAsian = "other_asian": "Any other Asian background",
        /// Black: Caribbean.
        Caribbean = "caribbean": "Caribbean",
        /// Black: African.
        African = "african": "African",
        /// Any other Black, Black British, or Caribbean background.
        OtherBlack = "other_black": "Any other Black, Black British, or Caribbean background",
        /// Other: Arab.
        Arab = "arab": "Arab",
        /// Any other ethnic group.
        OtherEthnicGroup = "other_ethnic_group": "Any other ethnic group",
        /// Prefer not to say.
        PreferNotToSay = "prefer_not_to_say": "Prefer not to say",
    }
);

impl Ethnicity {
    /// The high-level group the category belongs to, as reports show it.
    pub fn group(self) -> &'static str {
        use Ethnicity::*;
        match self {
            WhiteBritish | WhiteIrish | Gypsy | Roma | OtherWhite => "White",
            WhiteBlackCaribbean | WhiteBlackAfrican | WhiteAsian | OtherMixed => {
                "Mixed or Multiple ethnic groups"
            }
            Indian | Pakistani | Bangladeshi | Chinese | OtherAsian => "Asian or Asian British",
            Caribbean | African | OtherBlack => "Black, Black British, Caribbean or African",
            Arab | OtherEthnicGroup => "Other ethnic group",
            PreferNotToSay => "Prefer not to say",
        }
    }

    /// The NHS Data Dictionary ETHNIC CATEGORY code (2001-based): Gypsy or Irish Traveller and
    /// Roma map to C, Arab to S and Chinese to R.
    pub fn nhs_code(self) -> char {
        use Ethnicity::*;
        match self {
            WhiteBritish => 'A',
            WhiteIrish => 'B',
            Gypsy | Roma | OtherWhite => 'C',
            WhiteBlackCaribbean => 'D',
            WhiteBlackAfrican => 'E',
            WhiteAsian => 'F',
            OtherMixed => 'G',
            Indian => 'H',
            Pakistani => 'J',
            Bangladeshi => 'K',
            OtherAsian => 'L',
            Caribbean => 'M',
            African => 'N',
            OtherBlack => 'P',
            Chinese => 'R',
            Arab | OtherEthnicGroup => 'S',
            PreferNotToSay => 'Z',
        }
    }
}

/// The high-level ethnic groups in report order.
pub const ETHNIC_GROUPS: [&str; 6] = [
    "Asian or Asian British",
    "Black, Black British, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
    "Prefer not to say",
];

labelled_enum!(
    /// "Do you have any physical or mental health conditions or illnesses lasting or expected to
    /// last 12 months or more?" with, for those who do, whether it reduces their ability to
    /// carry out day-to-day activities (GSS harmonised disability questions).
    Disability {
        /// A condition that reduces day-to-day activities a lot.
        LimitedALot = "limited_a_lot": "Yes, and it reduces my day-to-day activities a lot",
        /// A condition that reduces day-to-day activities a little.
        LimitedALittle = "limited_a_little": "Yes, and it reduces my day-to-day activities a little",
        /// A condition that does not reduce day-to-day activities.
        NotLimited = "not_limited": "Yes, but it does not reduce my day-to-day activities",
        /// No such condition.
        NoCondition = "no_condition": "No",
        /// Prefer not to say.
        PreferNotToSay = "prefer_not_to_say": "Prefer not to say",
    }
);

impl Disability {
    /// How reports count it: disabled (the Equality Act's core definition, as the GSS measure
    /// derives it: a condition that reduces day-to-day activities), not disabled, or not said.
    pub fn group(self) -> &'static str {
        match self {
            Self::LimitedALot | Self::LimitedALittle => "Disabled",
            Self::NotLimited | Self::NoCondition => "Not disabled",
            Self::PreferNotToSay => "Prefer not to say",
        }
    }
}

/// A person's equality monitoring answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EqualityRecord {
    /// Whose.
    pub person_id: PersonId,
    /// Sex, if answered.
    pub sex: Option<Sex>,
    /// Ethnic group, if answered.
    pub ethnicity: Option<Ethnicity>,
    /// Disability, if answered.
    pub disability: Option<Disability>,
    /// When last given.
    pub recorded_at: DateTime<Utc>,
}

/// The answers as sent by the form: codes, blank for not answered.
#[derive(Debug, Clone, Default)]
pub struct EqualityInput {
    /// A [`Sex`] code.
    pub sex: String,
    /// An [`Ethnicity`] code.
    pub ethnicity: String,
    /// A [`Disability`] code.
    pub disability: String,
}

impl EqualityInput {
    /// The form's values for `record`.
    pub fn from_record(record: &EqualityRecord) -> Self {
        Self {
            sex: record.sex.map(|s| s.code().to_owned()).unwrap_or_default(),
            ethnicity: record
                .ethnicity
                .map(|e| e.code().to_owned())
                .unwrap_or_default(),
            disability: record
                .disability
                .map(|d| d.code().to_owned())
                .unwrap_or_default(),
        }
    }

    /// Checks the answers: each blank (not answered) or one of its codes.
    pub fn parse(
        &self,
        person_id: PersonId,
        now: DateTime<Utc>,
    ) -> Result<EqualityRecord, FieldErrors> {
        let mut errors = FieldErrors::new();
        fn one<T: Labelled>(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Option<T>> {
            let raw = raw.trim();
            if raw.is_empty() {
                return Some(None);
            }
            match T::from_code(raw) {
                Some(v) => Some(Some(v)),
                None => {
                    errors.add(
                        field,
                        "Choose one of the answers, or leave the question out",
                    );
                    None
                }
            }
        }
        let sex = one(&mut errors, "sex", &self.sex);
        let ethnicity = one(&mut errors, "ethnicity", &self.ethnicity);
        let disability = one(&mut errors, "disability", &self.disability);
        errors.finish(|| {
            Some(EqualityRecord {
                person_id,
                sex: sex?,
                ethnicity: ethnicity?,
                disability: disability?,
                recorded_at: now,
            })
        })
    }
}

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
    fn nineteen_categories_map_to_their_groups_and_nhs_codes() {
        let answerable: Vec<_> = Ethnicity::ALL
            .iter()
            .filter(|e| **e != Ethnicity::PreferNotToSay)
            .collect();
        assert_eq!(answerable.len(), 19);
        assert_eq!(Ethnicity::Roma.nhs_code(), 'C');
        assert_eq!(Ethnicity::Gypsy.nhs_code(), 'C');
        assert_eq!(Ethnicity::Arab.nhs_code(), 'S');
        assert_eq!(Ethnicity::Chinese.nhs_code(), 'R');
        assert_eq!(Ethnicity::Chinese.group(), "Asian or Asian British");
        assert_eq!(Ethnicity::PreferNotToSay.nhs_code(), 'Z');
        assert!(
            Ethnicity::ALL
                .iter()
                .all(|e| ETHNIC_GROUPS.contains(&e.group()))
        );
    }

    #[test]
    fn disability_counts_a_condition_that_limits_day_to_day_activities() {
        assert_eq!(Disability::LimitedALittle.group(), "Disabled");
        assert_eq!(Disability::NotLimited.group(), "Not disabled");
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

    #[test]
    fn answers_may_be_left_out_but_not_made_up() {
        let person = PersonId::new();
        let ok = EqualityInput {
            sex: "female".into(),
            ethnicity: String::new(),
            disability: "prefer_not_to_say".into(),
        }
        .parse(person, Utc::now())
        .unwrap();
        assert_eq!(ok.sex, Some(Sex::Female));
        assert_eq!(ok.ethnicity, None);
        let bad = EqualityInput {
            sex: "other".into(),
            ethnicity: "martian".into(),
            disability: String::new(),
        }
        .parse(person, Utc::now())
        .unwrap_err();
        let fields: Vec<_> = bad.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sex", "ethnicity"]);
    }
}

//! Equality monitoring: a volunteer's own, optional answers to the GSS harmonised questions on
//! sex, ethnic group (2021 Census categories for England and Wales, with the NHS Data Dictionary
//! code derived) and disability, every one with "Prefer not to say"; age bands from the date of
//! birth; and the reach of a programme counted by each, with groups under five withheld.
//! Special category data (UK GDPR Art. 9; DPA 2018 Sch. 1 para. 8): kept apart from the profile,
//! given only by the person, and only ever reported in aggregate.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::PersonId;
use crate::{FieldErrors, Labelled, labelled_enum};

mod reach;

pub use reach::{
    AGE_BANDS, DEPRIVATION_DECILES, IOD2019_LSOAS, NOT_ANSWERED, PopulationShare, ReachDimension,
    ReachRow, age_band, imd_decile, parse_population, postcode_attribution, reach,
};

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

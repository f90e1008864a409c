//! How well a volunteer fits a service user's needs for person-to-person support, with the
//! reasons in words. Eligibility (checks, training) is decided before this by the onboarding
//! rule; here are the rest: the support offered, room for one more, travel distance, language,
//! the gender asked for, days, and shared interests.

use serde::Serialize;

use super::{Days, Location, SupportType, miles_between};
use crate::ids::{OrganisationId, PersonId};
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// A volunteer's gender as they describe it for matching (only used where a service user
    /// asks for a volunteer of a given gender; separate from equality monitoring).
    Gender {
        /// Woman.
        Woman = "woman": "Woman",
        /// Man.
        Man = "man": "Man",
        /// Another way.
        Another = "another": "In another way",
    }
);

/// A volunteer's offer of person-to-person support with one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchProfile {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// How many people they can support at once.
    pub capacity: u32,
    /// How far they will travel, in miles.
    pub travel_miles: u32,
    /// Days they are free (none: not said).
    pub days: Days,
    /// Their gender, if they chose to say, for matching.
    pub gender: Option<Gender>,
    /// The kinds of support they offer.
    pub support_types: Vec<SupportType>,
}

/// A match profile as typed in.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct MatchProfileInput {
    /// How many people, 0 to 10.
    pub capacity: String,
    /// Miles, 0 to 100.
    pub travel_miles: String,
    /// `mon` … `sun`.
    pub days: Vec<String>,
    /// `woman`, `man`, `another`, or blank.
    pub gender: String,
    /// Support type codes.
    pub support_types: Vec<String>,
}

impl MatchProfileInput {
    /// Checks the input.
    pub fn parse(
        &self,
        organisation_id: OrganisationId,
        person_id: PersonId,
    ) -> Result<MatchProfile, FieldErrors> {
        let mut e = FieldErrors::new();
        let capacity = number(&mut e, "capacity", "how many people", &self.capacity, 10);
        let travel_miles = number(&mut e, "travel_miles", "how far", &self.travel_miles, 100);
        let gender = match self.gender.trim() {
            "" => None,
            g => {
                let parsed = Gender::from_code(g);
                if parsed.is_none() {
                    e.add("gender", "Choose a gender from the list, or leave it blank");
                }
                parsed
            }
        };
        let mut support_types = Vec::new();
        for code in &self.support_types {
            match SupportType::from_code(code.trim()) {
                Some(t) if !support_types.contains(&t) => support_types.push(t),
                Some(_) => {}
                None => e.add("support_types", "Choose kinds of support from the list"),
            }
        }
        e.finish(|| {
            Some(MatchProfile {
                organisation_id,
                person_id,
                capacity: capacity?,
                travel_miles: travel_miles?,
                days: Days::from_codes(self.days.iter().map(String::as_str)),
                gender,
                support_types,
            })
        })
    }
}

fn number(e: &mut FieldErrors, field: &str, label: &str, value: &str, max: u32) -> Option<u32> {
    match value.trim().parse::<u32>() {
        Ok(n) if n <= max => Some(n),
        _ => {
            e.add(
                field,
                format!("Enter {label} as a whole number from 0 to {max}"),
            );
            None
        }
    }
}

/// What a service user needs from a volunteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Needs {
    /// The support.
    pub support_type: SupportType,
    /// Where they live, if the postcode is known.
    pub location: Option<Location>,
    /// Their main language (blank or English: any volunteer).
    pub language: String,
    /// Their interests.
    pub interests: Vec<String>,
    /// A volunteer gender they asked for.
    pub volunteer_gender: Option<Gender>,
    /// Days that suit them (none: any).
    pub days: Days,
}

/// A volunteer as the matcher sees them (already eligible for the role).
#[derive(Debug, Clone, PartialEq)]
pub struct VolunteerForMatching {
    /// The volunteer.
    pub person_id: PersonId,
    /// Their name.
    pub name: String,
    /// Where they live, if known.
    pub location: Option<Location>,
    /// Languages they speak.
    pub languages: Vec<String>,
    /// Their interests.
    pub interests: Vec<String>,
    /// Their offer.
    pub profile: MatchProfile,
    /// How many people they support or are invited to support now.
    pub current: u32,
}

/// How well one volunteer fits: a score (higher is better, at least 1) and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    /// The score.
    pub score: i64,
    /// Why, in words, best reason first.
    pub reasons: Vec<String>,
}

/// The volunteer's fit for the need, or why they cannot be suggested.
pub fn fit(needs: &Needs, v: &VolunteerForMatching) -> Result<Fit, String> {
    let p = &v.profile;
    if !p.support_types.contains(&needs.support_type) {
        return Err(format!(
            "does not offer {}",
            needs.support_type.label().to_lowercase()
        ));
    }
    if v.current >= p.capacity {
        return Err("has no room for anyone else".into());
    }
    if let Some(wanted) = needs.volunteer_gender
        && p.gender != Some(wanted)
    {
        return Err(format!(
            "is not a {} volunteer, as asked for",
            wanted.label().to_lowercase()
        ));
    }
    let language = needs.language.trim();
    let special_language = !language.is_empty() && !language.eq_ignore_ascii_case("english");
    if special_language && !v.languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
        return Err(format!("does not speak {language}"));
    }
    let shared_days = needs.days.shared(p.days);
    if !needs.days.is_empty() && !p.days.is_empty() && shared_days.is_empty() {
        return Err("is not free on the days that suit".into());
    }
    let mut score = 20;
    let mut reasons = Vec::new();
    if needs.support_type.in_person() {
        match (needs.location, v.location) {
            (Some(a), Some(b)) => {
                let miles = miles_between(a, b);
                if miles > f64::from(p.travel_miles) {
                    return Err(format!(
                        "lives {miles:.1} miles away, further than they travel"
                    ));
                }
                // Nearer is better: up to 30 points, none at the edge of their range.
                let share = 1.0 - miles / f64::from(p.travel_miles.max(1));
                score += (30.0 * share).round() as i64;
                reasons.push(format!("{miles:.1} miles away"));
            }
            _ => reasons.push("distance not known (no postcode)".into()),
        }
    }
    if special_language {
        score += 10;
        reasons.push(format!("Speaks {language}"));
    }
    let shared: Vec<&String> = needs
        .interests
        .iter()
        .filter(|i| v.interests.iter().any(|j| j.eq_ignore_ascii_case(i)))
        .collect();
    if !shared.is_empty() {
        score += 10 * shared.len().min(3) as i64;
        let names: Vec<&str> = shared.iter().map(|s| s.as_str()).collect();
        reasons.push(format!("Shares interests: {}", names.join(", ")));
    }
    if !needs.days.is_empty() && !shared_days.is_empty() {
        score += 5 * shared_days.days().len().min(3) as i64;
        reasons.push(format!("Free on {}", shared_days.describe()));
    }
    if needs.volunteer_gender.is_some() {
        reasons.push("The volunteer gender asked for".into());
    }
    reasons.push(format!(
        "Has room for {} more",
        p.capacity.saturating_sub(v.current)
    ));
    Ok(Fit { score, reasons })
}

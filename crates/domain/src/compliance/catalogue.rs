//! An organisation's catalogue of check types and training modules. Every organisation starts
//! with the standard set (NHS Employment Check Standards as applied to volunteers, the Core Skills
//! Training Framework subjects and the Volunteer Certificate Standards) and can add its own.

use serde::Serialize;

use crate::ids::{OrganisationId, RequirementTypeId};
use crate::labelled_enum;
use crate::{FieldErrors, Labelled};

mod standard;

pub use standard::standard_catalogue;

labelled_enum!(
    /// What kind of check or training an item is; decides how it is evidenced.
    CheckKind {
        /// A DBS (criminal record) check.
        Dbs = "dbs": "DBS check",
        /// References from referees.
        References = "references": "References",
        /// Identity seen in person.
        Identity = "identity": "Identity check",
        /// Right to volunteer (an organisation's policy; the law is about paid work).
        RightToVolunteer = "right_to_volunteer": "Right to volunteer",
        /// Occupational health clearance.
        OccupationalHealth = "occupational_health": "Occupational health clearance",
        /// A full driving licence (driver roles).
        DrivingLicence = "driving_licence": "Driving licence",
        /// Car insurance that covers volunteering (driver roles).
        BusinessInsurance = "business_insurance": "Insurance for volunteer driving",
        /// The organisation's local induction.
        Induction = "induction": "Induction",
        /// Consent from a parent or guardian for a volunteer under 18.
        GuardianConsent = "guardian_consent": "Parent or guardian consent",
        /// A training module.
        Training = "training": "Training",
        /// A check the organisation defined itself.
        Other = "other": "Other check",
    }
);

impl CheckKind {
    /// Whether this is training rather than a check.
    pub fn is_training(self) -> bool {
        matches!(self, Self::Training | Self::Induction)
    }

    /// Whether the volunteer can tell us they have done it (a manager still verifies). Checks a
    /// manager must see in person are recorded by the manager alone.
    pub fn volunteer_can_submit(self) -> bool {
        matches!(
            self,
            Self::Training
                | Self::DrivingLicence
                | Self::BusinessInsurance
                | Self::GuardianConsent
                | Self::Other
        )
    }

    /// What the volunteer should do next for an item of this kind, in plain words.
    pub fn next_step(self) -> &'static str {
        match self {
            Self::Dbs => {
                "We will start your DBS check with you. Bring your identity documents when we ask."
            }
            Self::References => "Give us the names and email addresses of your referees.",
            Self::Identity => "Bring your identity documents to us in person.",
            Self::RightToVolunteer => "Bring a document that shows your right to volunteer.",
            Self::OccupationalHealth => {
                "Fill in the health questionnaire occupational health sends you."
            }
            Self::DrivingLicence => "Tell us your driving licence details and when it expires.",
            Self::BusinessInsurance => {
                "Tell us when your car insurance covering volunteer driving runs out."
            }
            Self::Induction => "Come to an induction session; we will record it.",
            Self::GuardianConsent => "Ask your parent or guardian to give their consent.",
            Self::Training => "Complete the module and tell us the date you finished it.",
            Self::Other => "Tell us when you have done this.",
        }
    }
}

labelled_enum!(
    /// The training framework a module comes from.
    Framework {
        /// Core Skills Training Framework (England).
        CstfEngland = "cstf_england": "Core Skills Training Framework (England)",
        /// UK Core Skills Training Framework.
        CstfUk = "cstf_uk": "UK Core Skills Training Framework",
        /// Volunteer Certificate Standards (Health Education England).
        Vcs = "vcs": "Volunteer Certificate Standards",
        /// The organisation's own.
        Local = "local": "Our own",
    }
);

labelled_enum!(
    /// The workforce a DBS check is for; Update Service certificates port only within one.
    Workforce {
        /// Adults' workforce.
        Adult = "adult": "Adults",
        /// Children's workforce.
        Child = "child": "Children",
        /// Both.
        Both = "both": "Adults and children",
    }
);

impl Workforce {
    /// Whether a check for this workforce covers a role needing `needed`.
    pub fn covers(self, needed: Workforce) -> bool {
        self == Workforce::Both || self == needed
    }
}

/// A check type or training module in an organisation's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementType {
    /// Identifier.
    pub id: RequirementTypeId,
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// Stable code, unique in the organisation (e.g. `cstf-fire-safety`).
    pub code: String,
    /// What kind of item it is.
    pub kind: CheckKind,
    /// Name shown to volunteers and managers.
    pub name: String,
    /// What it involves.
    pub description: String,
    /// Framework, for training.
    pub framework: Option<Framework>,
    /// How long it stays valid, in months; none means it does not expire.
    pub validity_months: Option<u32>,
    /// Part of the standard catalogue (cannot be removed, only edited).
    pub built_in: bool,
}

/// The longest validity we accept, in months (ten years).
pub const MAX_VALIDITY_MONTHS: u32 = 120;

/// A check type or training module as typed by a manager.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct RequirementTypeInput {
    /// Name.
    pub name: String,
    /// `training` or `other` for an organisation's own items.
    pub kind: String,
    /// What it involves.
    pub description: String,
    /// Months it stays valid; empty for never expires.
    pub validity_months: String,
}

impl RequirementTypeInput {
    /// The form's view of an existing item.
    pub fn from_type(t: &RequirementType) -> Self {
        Self {
            name: t.name.clone(),
            kind: t.kind.code().into(),
            description: t.description.clone(),
            validity_months: t.validity_months.map(|m| m.to_string()).unwrap_or_default(),
        }
    }

    /// Validates a new item of the organisation's own.
    pub fn parse_new(
        &self,
        organisation_id: OrganisationId,
    ) -> Result<RequirementType, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.text("name", "a name", &self.name, 120);
        let kind = match CheckKind::from_code(self.kind.trim()) {
            Some(k @ (CheckKind::Training | CheckKind::Other)) => Some(k),
            _ => {
                e.add("kind", "Select whether this is training or a check");
                None
            }
        };
        let description =
            e.optional_text("description", "the description", &self.description, 2_000);
        let validity_months = validity(&mut e, &self.validity_months);
        e.finish(|| {
            let name = name?;
            let kind = kind?;
            Some(RequirementType {
                id: RequirementTypeId::new(),
                organisation_id,
                code: format!("local-{}", code_of(&name)),
                kind,
                name,
                description,
                framework: (kind == CheckKind::Training).then_some(Framework::Local),
                validity_months: validity_months?,
                built_in: false,
            })
        })
    }

    /// Validates changes to an existing item: its name (own items only), description and
    /// validity. Kind, code and framework stay.
    pub fn parse_update(&self, existing: &RequirementType) -> Result<RequirementType, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = if existing.built_in {
            Some(existing.name.clone())
        } else {
            e.text("name", "a name", &self.name, 120)
        };
        let description =
            e.optional_text("description", "the description", &self.description, 2_000);
        let validity_months = validity(&mut e, &self.validity_months);
        e.finish(|| {
            Some(RequirementType {
                name: name?,
                description,
                validity_months: validity_months?,
                ..existing.clone()
            })
        })
    }
}

fn validity(e: &mut FieldErrors, value: &str) -> Option<Option<u32>> {
    let value = value.trim();
    if value.is_empty() {
        return Some(None);
    }
    match value.parse::<u32>() {
        Ok(m) if (1..=MAX_VALIDITY_MONTHS).contains(&m) => Some(Some(m)),
        _ => {
            e.add(
                "validity_months",
                format!(
                    "Enter how many months it stays valid, from 1 to {MAX_VALIDITY_MONTHS}, or leave it empty if it does not expire"
                ),
            );
            None
        }
    }
}

/// A code made from a name: lower-case letters and digits joined by hyphens.
fn code_of(name: &str) -> String {
    let mut code = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c.to_ascii_lowercase());
        } else if !code.ends_with('-') && !code.is_empty() {
            code.push('-');
        }
    }
    code.trim_end_matches('-').chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_items_get_a_local_code_and_validity_is_checked() {
        let org = OrganisationId::new();
        let t = RequirementTypeInput {
            name: "Chaplaincy  listening skills!".into(),
            kind: "training".into(),
            validity_months: "24".into(),
            ..Default::default()
        }
        .parse_new(org)
        .unwrap();
        assert_eq!(t.code, "local-chaplaincy-listening-skills");
        assert_eq!(t.validity_months, Some(24));
        assert_eq!(t.framework, Some(Framework::Local));
        let bad = RequirementTypeInput {
            name: "Something".into(),
            kind: "dbs".into(),
            validity_months: "0".into(),
            ..Default::default()
        }
        .parse_new(org)
        .unwrap_err();
        assert!(bad.get("kind").is_some());
        assert!(bad.get("validity_months").is_some());
    }

    #[test]
    fn built_in_names_stay_when_edited() {
        let fire = standard_catalogue(OrganisationId::new())
            .into_iter()
            .find(|t| t.code == "cstf-fire-safety")
            .unwrap();
        let edited = RequirementTypeInput {
            name: "Renamed".into(),
            validity_months: "12".into(),
            ..Default::default()
        }
        .parse_update(&fire)
        .unwrap();
        assert_eq!(edited.name, "Fire safety");
        assert_eq!(edited.validity_months, Some(12));
    }

    #[test]
    fn workforce_both_covers_either() {
        assert!(Workforce::Both.covers(Workforce::Adult));
        assert!(Workforce::Adult.covers(Workforce::Adult));
        assert!(!Workforce::Adult.covers(Workforce::Child));
        assert!(!Workforce::Child.covers(Workforce::Both));
    }
}

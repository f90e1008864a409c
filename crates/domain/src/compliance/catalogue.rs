//! An organisation's catalogue of check types and training modules. Every organisation starts
//! with the standard set (NHS Employment Check Standards as applied to volunteers, the Core Skills
//! Training Framework subjects and the Volunteer Certificate Standards) and can add its own.

use serde::Serialize;

use crate::ids::{OrganisationId, RequirementTypeId};
use crate::labelled_enum;
use crate::{FieldErrors, Labelled};

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

/// One entry of the standard catalogue: code, kind, name, framework, validity in months.
type Standard = (
    &'static str,
    CheckKind,
    &'static str,
    Option<Framework>,
    Option<u32>,
);

/// The standard catalogue. Checks follow the NHS Employment Check Standards as applied to
/// volunteers (standards.md §4.3). Training: the CSTF subjects (Skills for Health) and the
/// Volunteer Certificate Standards (HEE) (§4.4). CSTF sets a refresher period per subject; the
/// periods here are common defaults that each organisation edits to its own policy.
const STANDARD: &[Standard] = &[
    ("dbs", CheckKind::Dbs, "DBS check", None, None),
    (
        "references",
        CheckKind::References,
        "References",
        None,
        None,
    ),
    (
        "identity",
        CheckKind::Identity,
        "Identity check",
        None,
        None,
    ),
    (
        "right-to-volunteer",
        CheckKind::RightToVolunteer,
        "Right to volunteer",
        None,
        None,
    ),
    (
        "occupational-health",
        CheckKind::OccupationalHealth,
        "Occupational health clearance",
        None,
        None,
    ),
    (
        "driving-licence",
        CheckKind::DrivingLicence,
        "Full driving licence",
        None,
        None,
    ),
    (
        "business-insurance",
        CheckKind::BusinessInsurance,
        "Car insurance covering volunteer driving",
        None,
        Some(12),
    ),
    (
        "induction",
        CheckKind::Induction,
        "Local induction",
        None,
        None,
    ),
    (
        "guardian-consent",
        CheckKind::GuardianConsent,
        "Parent or guardian consent",
        None,
        None,
    ),
    (
        "cstf-equality",
        CheckKind::Training,
        "Equality, diversity and human rights",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-health-safety",
        CheckKind::Training,
        "Health, safety and welfare",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-conflict-resolution",
        CheckKind::Training,
        "NHS conflict resolution (England)",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-fire-safety",
        CheckKind::Training,
        "Fire safety",
        Some(Framework::CstfEngland),
        Some(24),
    ),
    (
        "cstf-infection-prevention",
        CheckKind::Training,
        "Infection prevention and control",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-moving-handling",
        CheckKind::Training,
        "Moving and handling",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-safeguarding-adults",
        CheckKind::Training,
        "Safeguarding adults",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-preventing-radicalisation",
        CheckKind::Training,
        "Preventing radicalisation",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-safeguarding-children",
        CheckKind::Training,
        "Safeguarding children",
        Some(Framework::CstfEngland),
        Some(36),
    ),
    (
        "cstf-resuscitation",
        CheckKind::Training,
        "Resuscitation",
        Some(Framework::CstfEngland),
        Some(12),
    ),
    (
        "cstf-information-governance",
        CheckKind::Training,
        "Information governance and data security",
        Some(Framework::CstfEngland),
        Some(12),
    ),
    (
        "cstf-violence-aggression",
        CheckKind::Training,
        "Violence and aggression (Wales)",
        Some(Framework::CstfUk),
        Some(36),
    ),
    (
        "vcs-1-role",
        CheckKind::Training,
        "Volunteer Certificate 1: your role and responsibility",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-2-communication",
        CheckKind::Training,
        "Volunteer Certificate 2: communication",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-3-respect",
        CheckKind::Training,
        "Volunteer Certificate 3: respect for everyone",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-4-safeguarding",
        CheckKind::Training,
        "Volunteer Certificate 4: safeguarding",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-5-mental-health",
        CheckKind::Training,
        "Volunteer Certificate 5: mental health, dementia and learning disability",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-6-health-safety",
        CheckKind::Training,
        "Volunteer Certificate 6: health and safety",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-7-fluids-nutrition",
        CheckKind::Training,
        "Volunteer Certificate 7: fluids and nutrition (optional)",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-8-basic-life-support",
        CheckKind::Training,
        "Volunteer Certificate 8: basic life support (optional)",
        Some(Framework::Vcs),
        None,
    ),
    (
        "vcs-9-moving-assisting",
        CheckKind::Training,
        "Volunteer Certificate 9: moving and assisting (optional)",
        Some(Framework::Vcs),
        None,
    ),
];

/// The standard catalogue for a new organisation.
pub fn standard_catalogue(organisation_id: OrganisationId) -> Vec<RequirementType> {
    STANDARD
        .iter()
        .map(
            |&(code, kind, name, framework, validity_months)| RequirementType {
                id: RequirementTypeId::new(),
                organisation_id,
                code: code.into(),
                kind,
                name: name.into(),
                description: String::new(),
                framework,
                validity_months,
                built_in: true,
            },
        )
        .collect()
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
    fn the_standard_catalogue_has_every_cstf_and_certificate_subject_once() {
        let catalogue = standard_catalogue(OrganisationId::new());
        let cstf = catalogue
            .iter()
            .filter(|t| {
                matches!(
                    t.framework,
                    Some(Framework::CstfEngland | Framework::CstfUk)
                )
            })
            .count();
        let vcs = catalogue
            .iter()
            .filter(|t| t.framework == Some(Framework::Vcs))
            .count();
        assert_eq!(cstf, 12, "eleven England subjects and the Welsh one");
        assert_eq!(vcs, 9, "six mandatory and three optional standards");
        let mut codes: Vec<_> = catalogue.iter().map(|t| t.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), catalogue.len());
    }

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

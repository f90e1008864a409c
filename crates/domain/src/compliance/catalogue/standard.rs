//! The standard catalogue every organisation starts with: the checks of the NHS Employment Check
//! Standards as applied to volunteers, the Core Skills Training Framework subjects and the
//! Volunteer Certificate Standards.

use super::{CheckKind, Framework, RequirementType};
use crate::ids::{OrganisationId, RequirementTypeId};

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
}

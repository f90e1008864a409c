//! Organisations: NHS bodies, charities, local authorities and companies that involve volunteers.

use serde::Serialize;

use crate::ids::OrganisationId;
use crate::labelled_enum;
use crate::values::{CharityNumber, OdsCode, Postcode, Slug};
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// Which part of the economy an organisation belongs to.
    Sector {
        /// The NHS.
        Nhs = "nhs": "NHS",
        /// Other public sector, such as a local authority.
        OtherPublic = "other_public": "Other public sector",
        /// Voluntary and community sector.
        Voluntary = "voluntary": "Voluntary and community sector",
        /// Private sector.
        Private = "private": "Private sector",
    }
);

labelled_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        /// NHS acute trust.
        AcuteTrust = "acute_trust": "Acute trust",
        /// NHS community trust.
        CommunityTrust = "community_trust": "Community trust",
        /// NHS mental health trust.
        MentalHealthTrust = "mental_health_trust": "Mental health trust",
        /// NHS integrated care board.
        IntegratedCareBoard = "icb": "Integrated care board",
        /// GP practice or primary care network.
        GpPractice = "gp_practice": "GP practice or primary care network",
        /// Hospice.
        Hospice = "hospice": "Hospice",
        /// Charity.
        Charity = "charity": "Charity",
        /// Local authority.
        LocalAuthority = "local_authority": "Local authority",
        /// Social enterprise.
        SocialEnterprise = "social_enterprise": "Social enterprise",
        /// Company.
        Company = "company": "Company",
    }
);

impl OrganisationKind {
    /// NHS kinds can only belong to the NHS sector.
    pub fn is_nhs(self) -> bool {
        matches!(
            self,
            Self::AcuteTrust
                | Self::CommunityTrust
                | Self::MentalHealthTrust
                | Self::IntegratedCareBoard
                | Self::GpPractice
        )
    }
}

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    /// Identifier.
    pub id: OrganisationId,
    /// Full name, e.g. "Riverside University Hospitals NHS Foundation Trust".
    pub name: String,
    /// Short unique name used in URLs.
    pub slug: Slug,
    /// Sector.
    pub sector: Sector,
    /// Kind of body.
    pub kind: OrganisationKind,
    /// ODS code (NHS bodies).
    pub ods_code: Option<OdsCode>,
    /// Registered charity number (charities).
    pub charity_number: Option<CharityNumber>,
    /// Street address, one line per line.
    pub address: String,
    /// Postcode.
    pub postcode: Postcode,
}

impl Organisation {
    /// NHS bodies use the NHS identity (colour palette); no-one else may.
    pub fn uses_nhs_identity(&self) -> bool {
        self.sector == Sector::Nhs
    }
}

/// An organisation as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Sector code.
    pub sector: String,
    /// Kind code.
    pub kind: String,
    /// ODS code, if any.
    pub ods_code: String,
    /// Charity number, if any.
    pub charity_number: String,
    /// Address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
}

impl OrganisationInput {
    /// The form's view of an existing organisation, for editing.
    pub fn from_organisation(o: &Organisation) -> Self {
        Self {
            name: o.name.clone(),
            slug: o.slug.to_string(),
            sector: o.sector.code().into(),
            kind: o.kind.code().into(),
            ods_code: o
                .ods_code
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            charity_number: o
                .charity_number
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            address: o.address.clone(),
            postcode: o.postcode.to_string(),
        }
    }

    /// Validates every field and the rules between them.
    pub fn parse(&self, id: OrganisationId) -> Result<Organisation, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.text("name", "the organisation's name", &self.name, 200);
        let slug = e.check("slug", Slug::parse(&self.slug));
        let sector = Sector::from_code(&self.sector);
        if sector.is_none() {
            e.add("sector", "Select the sector");
        }
        let kind = OrganisationKind::from_code(&self.kind);
        if kind.is_none() {
            e.add("kind", "Select the kind of organisation");
        }
        if let (Some(kind), Some(sector)) = (kind, sector)
            && kind.is_nhs()
            && sector != Sector::Nhs
        {
            e.add(
                "kind",
                format!("{} is an NHS kind; choose the NHS sector", kind.label()),
            );
        }
        let ods_code = optional(&mut e, "ods_code", &self.ods_code, OdsCode::parse);
        if sector == Some(Sector::Nhs) && ods_code.is_none() && e.get("ods_code").is_none() {
            e.add("ods_code", "Enter the ODS code for an NHS organisation");
        }
        let charity_number = optional(
            &mut e,
            "charity_number",
            &self.charity_number,
            CharityNumber::parse,
        );
        if kind == Some(OrganisationKind::Charity)
            && charity_number.is_none()
            && e.get("charity_number").is_none()
        {
            e.add("charity_number", "Enter the registered charity number");
        }
        let address = e.optional_text("address", "the address", &self.address, 500);
        let postcode = e.check("postcode", Postcode::parse(&self.postcode));
        e.finish(|| {
            Some(Organisation {
                id,
                name: name?,
                slug: slug?,
                sector: sector?,
                kind: kind?,
                ods_code,
                charity_number,
                address,
                postcode: postcode?,
            })
        })
    }
}

/// Parses an optional field: blank is `None`, otherwise it must be valid.
pub(crate) fn optional<T>(
    e: &mut FieldErrors,
    field: &str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, crate::values::InvalidValue>,
) -> Option<T> {
    if value.trim().is_empty() {
        None
    } else {
        e.check(field, parse(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trust() -> OrganisationInput {
        OrganisationInput {
            name: "Riverside Hospitals NHS Trust".into(),
            slug: "riverside".into(),
            sector: "nhs".into(),
            kind: "acute_trust".into(),
            ods_code: "rx1".into(),
            postcode: "ls1 4ap".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_trust_parses_and_normalises() {
        let org = trust().parse(OrganisationId::new()).unwrap();
        assert_eq!(org.ods_code.unwrap().as_str(), "RX1");
        assert_eq!(org.postcode.as_str(), "LS1 4AP");
        assert!(org.charity_number.is_none());
    }

    #[test]
    fn nhs_body_needs_an_ods_code() {
        let input = OrganisationInput {
            ods_code: String::new(),
            ..trust()
        };
        let errors = input.parse(OrganisationId::new()).unwrap_err();
        assert_eq!(
            errors.get("ods_code"),
            Some("Enter the ODS code for an NHS organisation")
        );
    }

    #[test]
    fn nhs_kind_outside_nhs_sector_is_refused() {
        let input = OrganisationInput {
            sector: "voluntary".into(),
            ..trust()
        };
        let errors = input.parse(OrganisationId::new()).unwrap_err();
        assert!(errors.get("kind").is_some());
    }

    #[test]
    fn charity_needs_a_charity_number() {
        let input = OrganisationInput {
            sector: "voluntary".into(),
            kind: "charity".into(),
            ods_code: String::new(),
            ..trust()
        };
        let errors = input.parse(OrganisationId::new()).unwrap_err();
        assert_eq!(
            errors.get("charity_number"),
            Some("Enter the registered charity number")
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = OrganisationInput::default();
        let errors = input.parse(OrganisationId::new()).unwrap_err();
        for field in ["name", "slug", "sector", "kind", "postcode"] {
            assert!(
                errors.get(field).is_some(),
                "{field} missing from {errors:?}"
            );
        }
    }
}

//! Sites: the places where volunteering happens.

use serde::Serialize;

use crate::ids::{OrganisationId, SiteId};
use crate::labelled_enum;
use crate::organisation::optional;
use crate::values::Postcode;
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// What sort of place a site is.
    SiteKind {
        /// A hospital.
        Hospital = "hospital": "Hospital",
        /// A ward or department within a hospital.
        Ward = "ward": "Ward or department",
        /// A community hub.
        CommunityHub = "community_hub": "Community hub",
        /// A service user's own home.
        Home = "home": "Service user's home",
        /// Remote or virtual.
        Remote = "remote": "Remote or virtual",
    }
);

/// A site as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    /// Identifier.
    pub id: SiteId,
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// Name, e.g. "Ward 7 (Elderly care)".
    pub name: String,
    /// Kind of place.
    pub kind: SiteKind,
    /// Postcode; none for remote sites and service users' homes.
    pub postcode: Option<Postcode>,
}

/// A site as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct SiteInput {
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: String,
    /// Postcode.
    pub postcode: String,
}

impl SiteInput {
    /// Validates the input into a site of `organisation_id`.
    pub fn parse(&self, id: SiteId, organisation_id: OrganisationId) -> Result<Site, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.text("name", "the site's name", &self.name, 200);
        let kind = SiteKind::from_code(&self.kind);
        if kind.is_none() {
            e.add("kind", "Select the kind of site");
        }
        let postcode = optional(&mut e, "postcode", &self.postcode, Postcode::parse);
        if matches!(kind, Some(SiteKind::Hospital | SiteKind::CommunityHub))
            && self.postcode.trim().is_empty()
        {
            e.add("postcode", "Enter the site's postcode");
        }
        e.finish(|| {
            Some(Site {
                id,
                organisation_id,
                name: name?,
                kind: kind?,
                postcode,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hospital_needs_postcode_but_remote_does_not() {
        let org = OrganisationId::new();
        let hospital = SiteInput {
            name: "General".into(),
            kind: "hospital".into(),
            postcode: "".into(),
        };
        assert!(
            hospital
                .parse(SiteId::new(), org)
                .unwrap_err()
                .get("postcode")
                .is_some()
        );
        let remote = SiteInput {
            name: "Phone line".into(),
            kind: "remote".into(),
            postcode: "".into(),
        };
        assert_eq!(remote.parse(SiteId::new(), org).unwrap().postcode, None);
    }

    #[test]
    fn unknown_kind_is_refused() {
        let input = SiteInput {
            name: "X".into(),
            kind: "castle".into(),
            postcode: "".into(),
        };
        assert_eq!(
            input
                .parse(SiteId::new(), OrganisationId::new())
                .unwrap_err()
                .get("kind"),
            Some("Select the kind of site")
        );
    }
}

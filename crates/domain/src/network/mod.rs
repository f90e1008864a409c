//! Networks: member associations of volunteer managers, an integrated care system's volunteering
//! partnership, a county volunteer centre. A network has member organisations and individual
//! members, coordinators who run it, and what its members share: role templates, mutual
//! recognition of checks, learning events and resources.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::NetworkId;
use crate::values::{Email, Slug};
use crate::{FieldErrors, Labelled, labelled_enum};

pub mod benchmark;
pub mod membership;
pub mod recognition;
pub mod role_template;

#[cfg(test)]
mod tests;

labelled_enum!(
    /// What sort of network it is.
    NetworkKind {
        /// A member association of volunteer managers (e.g. a professional association).
        MemberAssociation = "member_association": "Member association",
        /// An integrated care system's volunteering partnership.
        CarePartnership = "care_partnership": "Integrated care system partnership",
        /// A county or local volunteer centre and the organisations it works with.
        VolunteerCentre = "volunteer_centre": "Volunteer centre",
        /// Any other group of organisations working together.
        Other = "other": "Other network",
    }
);

labelled_enum!(
    /// Who may see something a network shares.
    Audience {
        /// Only the network's members (and its coordinators).
        Members = "members": "Members only",
        /// Anyone, signed in or not.
        Public = "public": "Everyone",
    }
);

/// A network as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Network {
    /// Identifier.
    pub id: NetworkId,
    /// Name, e.g. "Northshire Volunteering Partnership".
    pub name: String,
    /// Short unique name used in URLs.
    pub slug: Slug,
    /// What sort of network.
    pub kind: NetworkKind,
    /// What it is for, in a few sentences (shown on its public page).
    pub description: String,
    /// Who to write to about membership.
    pub contact_email: Option<Email>,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
}

/// A network as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct NetworkInput {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Kind code.
    pub kind: String,
    /// Description.
    pub description: String,
    /// Contact email, if any.
    pub contact_email: String,
}

impl NetworkInput {
    /// The form's view of an existing network, for editing.
    pub fn from_network(n: &Network) -> Self {
        Self {
            name: n.name.clone(),
            slug: n.slug.to_string(),
            kind: n.kind.code().into(),
            description: n.description.clone(),
            contact_email: n
                .contact_email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        }
    }

    /// Validates every field.
    pub fn parse(&self, id: NetworkId, created_at: DateTime<Utc>) -> Result<Network, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.text("name", "the network's name", &self.name, 200);
        let slug = e.check("slug", Slug::parse(&self.slug));
        let kind = NetworkKind::from_code(&self.kind);
        if kind.is_none() {
            e.add("kind", "Select what sort of network it is");
        }
        let description =
            e.optional_text("description", "the description", &self.description, 2000);
        let contact_email = crate::organisation::optional(
            &mut e,
            "contact_email",
            &self.contact_email,
            Email::parse,
        );
        e.finish(|| {
            Some(Network {
                id,
                name: name?,
                slug: slug?,
                kind: kind?,
                description,
                contact_email,
                created_at,
            })
        })
    }
}

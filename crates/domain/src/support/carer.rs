//! Carers: a link between a carer and someone they care for. One carer may care for several
//! people, and may be supported themselves.

use serde::Serialize;

use crate::ids::{OrganisationId, SupportedPersonId};
use crate::labelled_enum;

labelled_enum!(
    /// How a carer is related to the person they care for.
    Relationship {
        /// Husband, wife or civil partner.
        Spouse = "spouse": "Husband, wife or civil partner",
        /// Partner.
        Partner = "partner": "Partner",
        /// Son or daughter.
        Child = "child": "Son or daughter",
        /// Mother or father.
        Parent = "parent": "Mother or father",
        /// Brother or sister.
        Sibling = "sibling": "Brother or sister",
        /// Another relative.
        Relative = "relative": "Another relative",
        /// Friend or neighbour.
        Friend = "friend": "Friend or neighbour",
        /// Someone else.
        Other = "other": "Other",
    }
);

/// A carer caring for someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarerLink {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The carer.
    pub carer_id: SupportedPersonId,
    /// The person they care for.
    pub cared_for_id: SupportedPersonId,
    /// How they are related.
    pub relationship: Relationship,
}

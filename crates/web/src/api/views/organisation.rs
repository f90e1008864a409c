//! The organisation, its sites and its roles.

use super::*;

/// An organisation's details.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Identifier.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Short unique name used in web addresses.
    pub slug: String,
    /// Sector.
    #[schema(value_type = SectorCode)]
    pub sector: String,
    /// Kind of body.
    #[schema(value_type = OrganisationKindCode)]
    pub kind: String,
    /// ODS code (NHS bodies).
    pub ods_code: Option<String>,
    /// Registered charity number (charities).
    pub charity_number: Option<String>,
    /// Street address, one line per line.
    pub address: String,
    /// Postcode.
    pub postcode: String,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id.0,
            name: o.name,
            slug: o.slug.to_string(),
            sector: o.sector.code().into(),
            kind: o.kind.code().into(),
            ods_code: o.ods_code.map(|c| c.as_str().to_owned()),
            charity_number: o.charity_number.map(|c| c.as_str().to_owned()),
            address: o.address,
            postcode: o.postcode.to_string(),
        }
    }
}

/// A site: a place where volunteering happens.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SiteView {
    /// Identifier.
    pub id: Uuid,
    /// Owning organisation.
    pub organisation_id: Uuid,
    /// Name, e.g. "Ward 7 (Elderly care)".
    pub name: String,
    /// Kind of place.
    #[schema(value_type = SiteKindCode)]
    pub kind: String,
    /// Postcode; none for remote sites and service users' homes.
    pub postcode: Option<String>,
}

impl From<Site> for SiteView {
    fn from(s: Site) -> Self {
        Self {
            id: s.id.0,
            organisation_id: s.organisation_id.0,
            name: s.name,
            kind: s.kind.code().into(),
            postcode: s.postcode.map(|p| p.to_string()),
        }
    }
}

/// A volunteer role.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleView {
    /// Identifier.
    pub id: Uuid,
    /// Owning organisation.
    pub organisation_id: Uuid,
    /// Title, e.g. "Mealtime companion".
    pub title: String,
    /// One-line summary for lists.
    pub summary: String,
    /// Full description.
    pub description: String,
    /// Where the role is done.
    #[schema(value_type = SettingCode)]
    pub setting: String,
    /// What the volunteer does.
    pub activities: String,
    /// The sites where the role is done.
    pub site_ids: Vec<Uuid>,
    /// Time commitment in plain words.
    pub time_commitment: String,
    /// Youngest age at which someone can take the role (16 or 18).
    pub minimum_age: u32,
    /// The DBS check the role needs.
    #[schema(value_type = DbsLevelCode)]
    pub dbs_level: String,
    /// Workforce for an enhanced DBS check (`adult`, `child`, `both`), if any.
    pub dbs_workforce: Option<String>,
    /// How many references are needed.
    pub references_required: u32,
    /// Other checks and training needed, from the organisation's catalogue.
    pub requirement_type_ids: Vec<Uuid>,
    /// Draft, open or closed.
    #[schema(value_type = RoleStatusCode)]
    pub status: String,
    /// How the role complements, and does not replace, paid staff.
    pub non_substitution_statement: String,
}

impl From<Role> for RoleView {
    fn from(r: Role) -> Self {
        Self {
            id: r.id.0,
            organisation_id: r.organisation_id.0,
            title: r.title,
            summary: r.summary,
            description: r.description,
            setting: r.setting.code().into(),
            activities: r.activities,
            site_ids: r.site_ids.into_iter().map(|s| s.0).collect(),
            time_commitment: r.time_commitment,
            minimum_age: r.minimum_age,
            dbs_level: r.dbs_level.code().into(),
            dbs_workforce: r.dbs_workforce.map(|w| w.code().into()),
            references_required: r.references_required,
            requirement_type_ids: r.requirement_type_ids.iter().map(|i| i.0).collect(),
            status: r.status.code().into(),
            non_substitution_statement: r.non_substitution_statement,
        }
    }
}

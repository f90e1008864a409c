//! Rows of the resource library as the database returns them, and their conversion into
//! domain types.

use app::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::network::resource::{FileInfo, Location, Owner, Resource, ResourceFile};
use uuid::Uuid;

use crate::rows::code;

/// The columns of `resources`, in [`ResourceRow`]'s order.
pub(crate) const RESOURCE_COLUMNS: &str = "r.network_id, r.id, r.title, r.summary, r.kind, \
    r.audience, r.owner_organisation_id, r.owner_person_id, r.owner_name, r.review_on, r.link, \
    r.file_name, r.file_type, r.file_size, r.created_at, r.updated_at";

/// A `resources` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ResourceRow {
    network_id: Uuid,
    id: Uuid,
    title: String,
    summary: String,
    kind: String,
    audience: String,
    owner_organisation_id: Option<Uuid>,
    owner_person_id: Option<Uuid>,
    owner_name: String,
    review_on: NaiveDate,
    link: Option<String>,
    file_name: Option<String>,
    file_type: Option<String>,
    file_size: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn unreadable(what: &str) -> StoreError {
    StoreError::Other(format!("a stored resource's {what} is unreadable"))
}

impl ResourceRow {
    /// The key, for matching tags to their resource.
    pub(crate) fn id(&self) -> Uuid {
        self.id
    }

    /// The resource, with its tags.
    pub(crate) fn into_domain(self, tags: Vec<String>) -> Result<Resource, StoreError> {
        let owner = match (self.owner_organisation_id, self.owner_person_id) {
            (Some(o), None) => Owner::Organisation {
                organisation_id: OrganisationId(o),
                name: self.owner_name,
            },
            (None, Some(p)) => Owner::Person {
                person_id: PersonId(p),
                name: self.owner_name,
            },
            _ => return Err(unreadable("owner")),
        };
        let location = match (self.link, self.file_name, self.file_type, self.file_size) {
            (Some(url), None, _, _) => Location::Link { url },
            (None, Some(file_name), Some(kind), Some(size)) => Location::File(FileInfo {
                file_name,
                kind: code(&kind)?,
                size: u32::try_from(size).map_err(|_| unreadable("file size"))?,
            }),
            _ => return Err(unreadable("link or file")),
        };
        Ok(Resource {
            id: ResourceId(self.id),
            network_id: NetworkId(self.network_id),
            title: self.title,
            summary: self.summary,
            kind: code(&self.kind)?,
            audience: code(&self.audience)?,
            tags,
            owner,
            review_on: self.review_on,
            location,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A resource's file with its details.
#[derive(sqlx::FromRow)]
pub(crate) struct FileRow {
    file_name: String,
    file_type: String,
    content: Vec<u8>,
}

impl FileRow {
    pub(crate) fn into_domain(self) -> Result<ResourceFile, StoreError> {
        Ok(ResourceFile {
            file_name: self.file_name,
            kind: code(&self.file_type)?,
            bytes: self.content,
        })
    }
}

/// A `LIKE` pattern finding `word` anywhere, with the pattern characters in it escaped (`\`).
pub(crate) fn contains_pattern(word: &str) -> String {
    let mut pattern = String::from("%");
    for c in word.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

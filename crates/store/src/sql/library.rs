//! The [`LibraryStore`] implementation and the library's writes: resources with their tags and
//! files. Compiled once per backend.

use std::collections::HashMap;

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::network::Audience;
use domain::network::resource::{Location, Resource, ResourceFile};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::library_rows::*;
use crate::{db_error, sql};

/// The most words of a search that are looked for (the rest are ignored).
const MAX_WORDS: usize = 6;

impl ThisStore {
    /// Resources for rows already read, each with its tags.
    async fn with_tags(
        &self,
        network: NetworkId,
        rows: Vec<ResourceRow>,
    ) -> Result<Vec<Resource>, StoreError> {
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let tags: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT resource_id, tag FROM resource_tags WHERE network_id = $1 ORDER BY tag",
        )
        .bind(network.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        let mut by_resource: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (id, tag) in tags {
            by_resource.entry(id).or_default().push(tag);
        }
        rows.into_iter()
            .map(|r| {
                let tags = by_resource.remove(&r.id()).unwrap_or_default();
                r.into_domain(tags)
            })
            .collect()
    }
}

#[async_trait]
impl LibraryStore for ThisStore {
    async fn resources(
        &self,
        network: NetworkId,
        search: &ResourceSearch,
    ) -> Result<Vec<Resource>, StoreError> {
        let words: Vec<String> = search
            .text
            .split_whitespace()
            .take(MAX_WORDS)
            .map(contains_pattern)
            .collect();
        let mut text = String::new();
        for n in 0..words.len() {
            let p = n + 5;
            text.push_str(&format!(
                " AND (LOWER(r.title) LIKE ${p} ESCAPE '\\' OR LOWER(r.summary) LIKE ${p} ESCAPE '\\' \
                 OR EXISTS (SELECT 1 FROM resource_tags w WHERE w.network_id = r.network_id \
                 AND w.resource_id = r.id AND w.tag LIKE ${p} ESCAPE '\\'))"
            ));
        }
        let query = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r WHERE r.network_id = $1 \
             AND r.withdrawn_at IS NULL \
             AND ($2 = '' OR EXISTS (SELECT 1 FROM resource_tags t WHERE t.network_id = r.network_id \
                  AND t.resource_id = r.id AND t.tag = $2)) \
             AND ($3 = '' OR r.kind = $3) AND ($4 = '' OR r.audience = $4){text} \
             ORDER BY LOWER(r.title), r.id"
        );
        let mut q = sqlx::query_as::<_, ResourceRow>(sql(query))
            .bind(network.0)
            .bind(search.tag.clone().unwrap_or_default())
            .bind(search.kind.map(Labelled::code).unwrap_or_default())
            .bind(if search.public_only {
                Audience::Public.code()
            } else {
                ""
            });
        for w in words {
            q = q.bind(w);
        }
        let rows = q.fetch_all(&self.pool).await.map_err(db_error)?;
        self.with_tags(network, rows).await
    }

    async fn resource(
        &self,
        network: NetworkId,
        id: ResourceId,
    ) -> Result<Option<Resource>, StoreError> {
        let row: Option<ResourceRow> = sqlx::query_as(sql(format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r WHERE r.network_id = $1 AND r.id = $2 \
             AND r.withdrawn_at IS NULL"
        )))
        .bind(network.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(self
            .with_tags(network, row.into_iter().collect())
            .await?
            .pop())
    }

    async fn resource_file(
        &self,
        network: NetworkId,
        id: ResourceId,
    ) -> Result<Option<ResourceFile>, StoreError> {
        let row: Option<FileRow> = sqlx::query_as(
            "SELECT r.file_name, r.file_type, f.content FROM resources r \
             JOIN resource_files f ON f.network_id = r.network_id AND f.resource_id = r.id \
             WHERE r.network_id = $1 AND r.id = $2 AND r.withdrawn_at IS NULL \
             AND r.file_name IS NOT NULL AND r.file_type IS NOT NULL",
        )
        .bind(network.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(FileRow::into_domain).transpose()
    }

    async fn resource_tags(
        &self,
        network: NetworkId,
        public_only: bool,
    ) -> Result<Vec<TagCount>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.tag, COUNT(*) FROM resource_tags t JOIN resources r \
             ON r.network_id = t.network_id AND r.id = t.resource_id \
             WHERE t.network_id = $1 AND r.withdrawn_at IS NULL AND ($2 = '' OR r.audience = $2) \
             GROUP BY t.tag ORDER BY t.tag",
        )
        .bind(network.0)
        .bind(if public_only {
            Audience::Public.code()
        } else {
            ""
        })
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(tag, n)| TagCount {
                tag,
                resources: u32::try_from(n).unwrap_or(0),
            })
            .collect())
    }

    async fn resources_due_review(
        &self,
        day: NaiveDate,
    ) -> Result<Vec<(NetworkId, ResourceId, NaiveDate)>, StoreError> {
        let rows: Vec<(Uuid, Uuid, NaiveDate)> = sqlx::query_as(
            "SELECT network_id, id, review_on FROM resources \
             WHERE withdrawn_at IS NULL AND review_on < $1 ORDER BY review_on, id",
        )
        .bind(day)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(n, r, d)| (NetworkId(n), ResourceId(r), d))
            .collect())
    }

    async fn template_of_role(
        &self,
        org: OrganisationId,
        role: RoleId,
    ) -> Result<Option<(NetworkId, RoleTemplateId)>, StoreError> {
        let row: Option<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT network_id, template_id FROM role_template_uses \
             WHERE organisation_id = $1 AND role_id = $2",
        )
        .bind(org.0)
        .bind(role.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(|(n, t)| (NetworkId(n), RoleTemplateId(t))))
    }
}

/// Applies one library write.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &LibraryWrite,
) -> Result<(), StoreError> {
    match w {
        LibraryWrite::InsertResource(r, file) => {
            insert(tx, r).await?;
            put_tags_and_file(tx, r, file.as_ref()).await
        }
        LibraryWrite::UpdateResource {
            resource,
            file,
            expected_updated_at,
        } => update(tx, resource, file.as_ref(), *expected_updated_at).await,
        LibraryWrite::WithdrawResource(network, id, at) => {
            let r = sqlx::query(
                "UPDATE resources SET withdrawn_at = $3, updated_at = $3 \
                 WHERE network_id = $1 AND id = $2 AND withdrawn_at IS NULL",
            )
            .bind(network.0)
            .bind(id.0)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict(
                    "This resource has already been withdrawn".into(),
                ))
            }
        }
    }
}

/// The link, or the file's name, type and size, as stored.
type LocationColumns<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
);

fn location_columns(r: &Resource) -> LocationColumns<'_> {
    match &r.location {
        Location::Link { url } => (Some(url.as_str()), None, None, None),
        Location::File(f) => (
            None,
            Some(f.file_name.as_str()),
            Some(f.kind.code()),
            Some(i64::from(f.size)),
        ),
    }
}

async fn insert(tx: &mut Transaction<'_, Db>, r: &Resource) -> Result<(), StoreError> {
    let (link, file_name, file_type, file_size) = location_columns(r);
    sqlx::query(
        "INSERT INTO resources (network_id, id, title, summary, kind, audience, \
         owner_organisation_id, owner_person_id, owner_name, review_on, link, file_name, \
         file_type, file_size, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(r.network_id.0)
    .bind(r.id.0)
    .bind(&r.title)
    .bind(&r.summary)
    .bind(r.kind.code())
    .bind(r.audience.code())
    .bind(r.owner.organisation_id().map(|o| o.0))
    .bind(r.owner.person_id().map(|p| p.0))
    .bind(r.owner.name())
    .bind(r.review_on)
    .bind(link)
    .bind(file_name)
    .bind(file_type)
    .bind(file_size)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Changes a resource only from the version the change was made from, so two people changing
/// it at once cannot silently overwrite each other.
async fn update(
    tx: &mut Transaction<'_, Db>,
    r: &Resource,
    file: Option<&ResourceFile>,
    expected_updated_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (link, file_name, file_type, file_size) = location_columns(r);
    let changed = sqlx::query(
        "UPDATE resources SET title = $3, summary = $4, kind = $5, audience = $6, \
         owner_organisation_id = $7, owner_person_id = $8, owner_name = $9, review_on = $10, \
         link = $11, file_name = $12, file_type = $13, file_size = $14, updated_at = $15 \
         WHERE network_id = $1 AND id = $2 AND withdrawn_at IS NULL AND updated_at = $16",
    )
    .bind(r.network_id.0)
    .bind(r.id.0)
    .bind(&r.title)
    .bind(&r.summary)
    .bind(r.kind.code())
    .bind(r.audience.code())
    .bind(r.owner.organisation_id().map(|o| o.0))
    .bind(r.owner.person_id().map(|p| p.0))
    .bind(r.owner.name())
    .bind(r.review_on)
    .bind(link)
    .bind(file_name)
    .bind(file_type)
    .bind(file_size)
    .bind(r.updated_at)
    .bind(expected_updated_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::Conflict(
            "This resource was changed or withdrawn by someone else; reload and try again".into(),
        ));
    }
    sqlx::query("DELETE FROM resource_tags WHERE network_id = $1 AND resource_id = $2")
        .bind(r.network_id.0)
        .bind(r.id.0)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    if file.is_some() || link.is_some() {
        sqlx::query("DELETE FROM resource_files WHERE network_id = $1 AND resource_id = $2")
            .bind(r.network_id.0)
            .bind(r.id.0)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    put_tags_and_file(tx, r, file).await
}

async fn put_tags_and_file(
    tx: &mut Transaction<'_, Db>,
    r: &Resource,
    file: Option<&ResourceFile>,
) -> Result<(), StoreError> {
    for tag in &r.tags {
        sqlx::query("INSERT INTO resource_tags (network_id, resource_id, tag) VALUES ($1, $2, $3)")
            .bind(r.network_id.0)
            .bind(r.id.0)
            .bind(tag)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    if let Some(f) = file {
        sqlx::query(
            "INSERT INTO resource_files (network_id, resource_id, content) VALUES ($1, $2, $3)",
        )
        .bind(r.network_id.0)
        .bind(r.id.0)
        .bind(&f.bytes)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

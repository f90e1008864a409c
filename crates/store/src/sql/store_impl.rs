//! The [`Store`] implementation. Compiled once per backend (see the crate docs).

use app::ports::*;
use app::{Store, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::audit::AuditEntry;
use domain::engagement::{Engagement, EngagementEvent};
use domain::ids::*;
use domain::organisation::Organisation;
use domain::person::Person;
use domain::role::Role;
use domain::site::Site;
use domain::staff::StaffMember;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::accounts;
use super::reads::{self, APPLICATION_SELECT, ROLE_COLUMNS};
use super::{Db, ThisStore};
use crate::rows::*;
use crate::{count, db_error, sql};

const ORG_COLUMNS: &str =
    "o.id, o.name, o.slug, o.sector, o.kind, o.ods_code, o.charity_number, o.address, o.postcode";
const PERSON_COLUMNS: &str = "id, given_name, family_name, preferred_name, email, phone, date_of_birth, postcode, \
     languages, skills, interests, accessibility_needs, password_hash";
const ENGAGEMENT_COLUMNS: &str = "e.organisation_id, e.id, e.person_id, e.status, e.started_at, e.leaving_reason, e.leaving_note";

#[async_trait]
impl Store for ThisStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(())
    }

    async fn apply(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.apply_writes(writes).await
    }

    async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows: Vec<OrganisationRow> = sqlx::query_as(sql(format!(
            "SELECT {ORG_COLUMNS} FROM organisations o ORDER BY o.name"
        )))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(OrganisationRow::into_domain).collect()
    }

    async fn organisation_by_slug(&self, slug: &str) -> Result<Option<Organisation>, StoreError> {
        let row: Option<OrganisationRow> = sqlx::query_as(sql(format!(
            "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.slug = $1"
        )))
        .bind(slug)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(OrganisationRow::into_domain).transpose()
    }

    async fn organisation(&self, id: OrganisationId) -> Result<Option<Organisation>, StoreError> {
        let row: Option<OrganisationRow> = sqlx::query_as(sql(format!(
            "SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(OrganisationRow::into_domain).transpose()
    }

    async fn sites(&self, org: OrganisationId) -> Result<Vec<Site>, StoreError> {
        let rows: Vec<SiteRow> =
            sqlx::query_as("SELECT organisation_id, id, name, kind, postcode FROM sites WHERE organisation_id = $1 ORDER BY name")
                .bind(org.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
        rows.into_iter().map(SiteRow::into_domain).collect()
    }

    async fn site(&self, org: OrganisationId, id: SiteId) -> Result<Option<Site>, StoreError> {
        let row: Option<SiteRow> =
            sqlx::query_as("SELECT organisation_id, id, name, kind, postcode FROM sites WHERE organisation_id = $1 AND id = $2")
                .bind(org.0)
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
        row.map(SiteRow::into_domain).transpose()
    }

    async fn person(&self, id: PersonId) -> Result<Option<Person>, StoreError> {
        let row: Option<PersonRow> = sqlx::query_as(sql(format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(PersonRow::into_domain).transpose()
    }

    async fn person_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(Person, Option<String>)>, StoreError> {
        let row: Option<PersonRow> = sqlx::query_as(sql(format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE email = $1"
        )))
        .bind(email)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(|mut r| {
            let hash = r.password_hash.take();
            r.into_domain().map(|p| (p, hash))
        })
        .transpose()
    }

    async fn count_people(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(count(n))
    }

    async fn roles(&self, org: OrganisationId) -> Result<Vec<Role>, StoreError> {
        let rows: Vec<RoleRow> = sqlx::query_as(sql(format!(
            "SELECT {ROLE_COLUMNS} FROM roles r WHERE r.organisation_id = $1 ORDER BY r.title, r.id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        reads::with_sites(&self.pool, rows).await
    }

    async fn role(&self, org: OrganisationId, id: RoleId) -> Result<Option<Role>, StoreError> {
        let rows: Vec<RoleRow> = sqlx::query_as(sql(format!(
            "SELECT {ROLE_COLUMNS} FROM roles r WHERE r.organisation_id = $1 AND r.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(reads::with_sites(&self.pool, rows).await?.pop())
    }

    async fn opportunities(
        &self,
        search: &OpportunitySearch,
    ) -> Result<Vec<Opportunity>, StoreError> {
        let mut q = QueryBuilder::<Db>::new(format!(
            "SELECT {ROLE_COLUMNS}, o.name AS organisation_name, o.slug AS organisation_slug \
             FROM roles r JOIN organisations o ON o.id = r.organisation_id WHERE r.status = 'open'"
        ));
        for word in search.keywords.trim().to_lowercase().split_whitespace() {
            let pattern = format!("%{}%", word.replace(['%', '_', '\\'], ""));
            q.push(" AND (LOWER(r.title) LIKE ")
                .push_bind(pattern.clone())
                .push(" OR LOWER(r.summary) LIKE ")
                .push_bind(pattern.clone())
                .push(" OR LOWER(r.activities) LIKE ")
                .push_bind(pattern.clone())
                .push(" OR LOWER(o.name) LIKE ")
                .push_bind(pattern)
                .push(")");
        }
        if let Some(setting) = search.setting {
            q.push(" AND r.setting = ").push_bind(setting.code());
        }
        if let Some(slug) = &search.organisation {
            q.push(" AND o.slug = ").push_bind(slug.clone());
        }
        q.push(" ORDER BY r.title, o.name, r.id LIMIT 500");
        let rows = q.build().fetch_all(&self.pool).await.map_err(db_error)?;
        let mut roles = Vec::with_capacity(rows.len());
        let mut names = Vec::with_capacity(rows.len());
        for row in &rows {
            use sqlx::{FromRow, Row};
            roles.push(RoleRow::from_row(row).map_err(db_error)?);
            let name: String = row.try_get("organisation_name").map_err(db_error)?;
            let slug: String = row.try_get("organisation_slug").map_err(db_error)?;
            names.push((name, slug));
        }
        let roles = reads::with_sites(&self.pool, roles).await?;
        Ok(roles
            .into_iter()
            .zip(names)
            .map(
                |(role, (organisation_name, organisation_slug))| Opportunity {
                    role,
                    organisation_name,
                    organisation_slug,
                },
            )
            .collect())
    }

    async fn opportunity(&self, id: RoleId) -> Result<Option<Opportunity>, StoreError> {
        let row: Option<(Uuid, String, String)> = sqlx::query_as(
            "SELECT r.organisation_id, o.name, o.slug FROM roles r JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        let Some((org, organisation_name, organisation_slug)) = row else {
            return Ok(None);
        };
        Ok(self
            .role(OrganisationId(org), id)
            .await?
            .map(|role| Opportunity {
                role,
                organisation_name,
                organisation_slug,
            }))
    }

    async fn engagement_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Option<Engagement>, StoreError> {
        let row: Option<EngagementRow> = sqlx::query_as(sql(format!(
            "SELECT {ENGAGEMENT_COLUMNS} FROM engagements e WHERE e.organisation_id = $1 AND e.person_id = $2"
        )))
        .bind(org.0)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(EngagementRow::into_domain).transpose()
    }

    async fn engagement_events(
        &self,
        org: OrganisationId,
        id: EngagementId,
    ) -> Result<Vec<EngagementEvent>, StoreError> {
        let rows: Vec<EngagementEventRow> = sqlx::query_as(
            "SELECT from_status, to_status, at, by_name, note FROM engagement_events \
             WHERE organisation_id = $1 AND engagement_id = $2 ORDER BY at, id",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(EngagementEventRow::into_domain)
            .collect()
    }

    async fn engagements_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<(Engagement, Organisation)>, StoreError> {
        let rows: Vec<EngagementRow> = sqlx::query_as(sql(format!(
            "SELECT {ENGAGEMENT_COLUMNS} FROM engagements e WHERE e.person_id = $1 ORDER BY e.started_at"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        let mut result = Vec::with_capacity(rows.len());
        for row in rows {
            let e = row.into_domain()?;
            if let Some(org) = self.organisation(e.organisation_id).await? {
                result.push((e, org));
            }
        }
        Ok(result)
    }

    async fn volunteers(
        &self,
        org: OrganisationId,
        search: &VolunteerSearch,
    ) -> Result<Page<VolunteerRow>, StoreError> {
        reads::volunteers(&self.pool, org, search).await
    }

    async fn engagement_counts(
        &self,
        org: OrganisationId,
        left_since: DateTime<Utc>,
        limit_to_sites: Option<&[SiteId]>,
    ) -> Result<EngagementCounts, StoreError> {
        reads::engagement_counts(&self.pool, org, left_since, limit_to_sites).await
    }

    async fn application(
        &self,
        org: OrganisationId,
        id: ApplicationId,
    ) -> Result<Option<ApplicationRow>, StoreError> {
        let row: Option<ApplicationRowDb> = sqlx::query_as(sql(format!(
            "{APPLICATION_SELECT} WHERE a.organisation_id = $1 AND a.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(ApplicationRowDb::into_domain).transpose()
    }

    async fn applications(
        &self,
        org: OrganisationId,
        person: Option<PersonId>,
    ) -> Result<Vec<ApplicationRow>, StoreError> {
        let rows: Vec<ApplicationRowDb> = sqlx::query_as(sql(format!(
            "{APPLICATION_SELECT} WHERE a.organisation_id = $1 AND ($2 IS NULL OR a.person_id = $2) \
             ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1000"
        )))
        .bind(org.0)
        .bind(person.map(|p| p.0))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(ApplicationRowDb::into_domain)
            .collect()
    }

    async fn application_page(
        &self,
        org: OrganisationId,
        search: &ApplicationSearch,
    ) -> Result<Page<ApplicationRow>, StoreError> {
        reads::application_page(&self.pool, org, search).await
    }

    async fn applications_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<ApplicationRow>, StoreError> {
        let rows: Vec<ApplicationRowDb> = sqlx::query_as(sql(format!(
            "{APPLICATION_SELECT} WHERE a.person_id = $1 ORDER BY a.submitted_at DESC, a.id DESC"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(ApplicationRowDb::into_domain)
            .collect()
    }

    async fn application_events(
        &self,
        org: OrganisationId,
        id: ApplicationId,
    ) -> Result<Vec<ApplicationEvent>, StoreError> {
        let rows: Vec<ApplicationEventRow> = sqlx::query_as(
            "SELECT status, note, by_name, at FROM application_events WHERE organisation_id = $1 AND application_id = $2 ORDER BY at, id",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(ApplicationEventRow::into_domain)
            .collect()
    }

    async fn staff_roles_of(&self, person: PersonId) -> Result<Vec<StaffMember>, StoreError> {
        let rows: Vec<StaffRow> =
            sqlx::query_as("SELECT organisation_id, id, person_id, permission, site_ids FROM staff_members WHERE person_id = $1")
                .bind(person.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
        rows.into_iter().map(StaffRow::into_domain).collect()
    }

    async fn staff(&self, org: OrganisationId) -> Result<Vec<(StaffMember, Person)>, StoreError> {
        let rows: Vec<StaffRow> = sqlx::query_as(
            "SELECT s.organisation_id, s.id, s.person_id, s.permission, s.site_ids FROM staff_members s \
             JOIN people p ON p.id = s.person_id WHERE s.organisation_id = $1 ORDER BY p.family_name, p.given_name",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        let mut result = Vec::with_capacity(rows.len());
        for row in rows {
            let member = row.into_domain()?;
            if let Some(person) = self.person(member.person_id).await? {
                result.push((member, person));
            }
        }
        Ok(result)
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        accounts::session(&self.pool, token_hash, now).await
    }

    async fn sign_in_failures(&self, key: &str, since: DateTime<Utc>) -> Result<u64, StoreError> {
        accounts::sign_in_failures(&self.pool, key, since).await
    }

    async fn reset_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonId>, StoreError> {
        accounts::reset_token(&self.pool, token_hash, now).await
    }

    async fn api_token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        accounts::api_token(&self.pool, token_hash).await
    }

    async fn api_token_scope(
        &self,
        token_hash: &str,
    ) -> Result<Option<(StaffMember, Organisation)>, StoreError> {
        let row: Option<TokenScopeRow> = sqlx::query_as(sql(format!(
            "SELECT {ORG_COLUMNS}, s.id AS staff_id, s.person_id, s.permission, s.site_ids \
             FROM api_tokens t JOIN staff_members s \
             ON s.person_id = t.person_id AND s.organisation_id = t.organisation_id \
             JOIN organisations o ON o.id = t.organisation_id WHERE t.token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(TokenScopeRow::into_domain).transpose()
    }

    async fn due_messages(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        accounts::due_messages(&self.writer, now, limit).await
    }

    async fn message_sent(&self, id: MessageId, at: DateTime<Utc>) -> Result<(), StoreError> {
        accounts::message_sent(&self.writer, id, at).await
    }

    async fn message_failed(
        &self,
        id: MessageId,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        accounts::message_failed(&self.writer, id, error, retry_at).await
    }

    async fn purge_expired(
        &self,
        now: DateTime<Utc>,
        keep_until: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        accounts::purge_expired(&self.writer, now, keep_until).await
    }

    async fn recent_messages(&self, limit: u32) -> Result<Vec<OutboxMessage>, StoreError> {
        accounts::recent_messages(&self.pool, limit).await
    }

    async fn audit_for(
        &self,
        org: Option<OrganisationId>,
        entity_id: Uuid,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        accounts::audit_for(&self.pool, org, entity_id).await
    }
}

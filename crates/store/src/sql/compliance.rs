//! The [`ComplianceStore`] implementation. Compiled once per backend (see the crate docs).

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::reference::ReferenceRequest;
use domain::compliance::{Check, RequirementType};
use domain::ids::*;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::{CLAIM_LOCK, Db, ThisStore};
use crate::compliance_rows::*;
use crate::{db_error, sql};

#[async_trait]
impl ComplianceStore for ThisStore {
    async fn requirement_types(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<RequirementType>, StoreError> {
        let rows: Vec<RequirementTypeRow> = sqlx::query_as(
            "SELECT organisation_id, id, code, kind, name, description, framework, validity_months, built_in \
             FROM requirement_types WHERE organisation_id = $1 \
             ORDER BY CASE WHEN kind IN ('training', 'induction') THEN 1 ELSE 0 END, built_in DESC, code",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(RequirementTypeRow::into_domain)
            .collect()
    }

    async fn organisations_without_catalogue(&self) -> Result<Vec<OrganisationId>, StoreError> {
        let ids: Vec<(Uuid,)> = sqlx::query_as(
            "SELECT o.id FROM organisations o WHERE NOT EXISTS \
             (SELECT 1 FROM requirement_types t WHERE t.organisation_id = o.id)",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(ids.into_iter().map(|(id,)| OrganisationId(id)).collect())
    }

    async fn checks_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<Check>, StoreError> {
        self.checks_of_people(org, &[person]).await
    }

    async fn checks_of_people(
        &self,
        org: OrganisationId,
        people: &[PersonId],
    ) -> Result<Vec<Check>, StoreError> {
        if people.is_empty() {
            return Ok(vec![]);
        }
        let mut q = QueryBuilder::<Db>::new(format!(
            "SELECT {CHECK_COLUMNS} {CHECK_FROM} WHERE c.organisation_id = "
        ));
        q.push_bind(org.0).push(" AND c.person_id IN (");
        let mut ids = q.separated(", ");
        for p in people {
            ids.push_bind(p.0);
        }
        q.push(") ORDER BY CASE WHEN t.kind IN ('training', 'induction') THEN 1 ELSE 0 END, t.built_in DESC, t.code");
        let rows: Vec<CheckRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.into_iter().map(CheckRow::into_domain).collect()
    }

    async fn check(&self, org: OrganisationId, id: CheckId) -> Result<Option<Check>, StoreError> {
        let row: Option<CheckRow> = sqlx::query_as(sql(format!(
            "SELECT {CHECK_COLUMNS} {CHECK_FROM} WHERE c.organisation_id = $1 AND c.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(CheckRow::into_domain).transpose()
    }

    async fn expiring_checks(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ExpiringCheck>, StoreError> {
        let rows: Vec<ExpiringRow> = sqlx::query_as(sql(format!(
            "SELECT {CHECK_COLUMNS}, p.given_name, p.family_name, p.email {CHECK_FROM} \
             JOIN people p ON p.id = c.person_id \
             WHERE c.organisation_id = $1 AND ((c.status = 'verified' AND c.expires_on >= $2 AND c.expires_on <= $3) \
             OR (c.status = 'submitted' AND c.verified_through >= $2 AND c.verified_through <= $3)) \
             AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.organisation_id = c.organisation_id \
             AND e.person_id = c.person_id AND e.status = 'left') \
             ORDER BY COALESCE(c.verified_through, c.expires_on), p.family_name, p.given_name, c.id LIMIT 5000"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ExpiringRow::into_domain).collect()
    }

    async fn all_expiring_checks(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Check>, StoreError> {
        let rows: Vec<CheckRow> = sqlx::query_as(sql(format!(
            "SELECT {CHECK_COLUMNS} {CHECK_FROM} \
             WHERE c.status = 'verified' AND c.expires_on >= $1 AND c.expires_on <= $2 \
             AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.organisation_id = c.organisation_id \
             AND e.person_id = c.person_id AND e.status = 'left') ORDER BY c.expires_on, c.id"
        )))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(CheckRow::into_domain).collect()
    }

    async fn dbs_details_decided_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<Check>, StoreError> {
        let rows: Vec<CheckRow> = sqlx::query_as(sql(format!(
            "SELECT {CHECK_COLUMNS} {CHECK_FROM} \
             WHERE c.dbs_level IS NOT NULL AND c.dbs_details_removed_at IS NULL AND c.decided_at <= $1 \
             AND c.status IN ('verified', 'failed', 'waived') ORDER BY c.decided_at, c.id"
        )))
        .bind(cutoff)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(CheckRow::into_domain).collect()
    }

    async fn placement(
        &self,
        org: OrganisationId,
        id: PlacementId,
    ) -> Result<Option<PlacementRow>, StoreError> {
        let row: Option<PlacementDbRow> = sqlx::query_as(sql(format!(
            "{PLACEMENT_SELECT} WHERE pl.organisation_id = $1 AND pl.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(PlacementDbRow::into_domain).transpose()
    }

    async fn placements_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<PlacementRow>, StoreError> {
        let rows: Vec<PlacementDbRow> = sqlx::query_as(sql(format!(
            "{PLACEMENT_SELECT} WHERE pl.organisation_id = $1 AND pl.person_id = $2 ORDER BY pl.accepted_at DESC, pl.id"
        )))
        .bind(org.0)
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(PlacementDbRow::into_domain).collect()
    }

    async fn placements_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<PlacementRow>, StoreError> {
        let rows: Vec<PlacementDbRow> = sqlx::query_as(sql(format!(
            "{PLACEMENT_SELECT} WHERE pl.person_id = $1 ORDER BY pl.accepted_at DESC, pl.id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(PlacementDbRow::into_domain).collect()
    }

    async fn onboarding(
        &self,
        org: OrganisationId,
        limit_to_sites: Option<&[SiteId]>,
    ) -> Result<Vec<PlacementRow>, StoreError> {
        let mut q = QueryBuilder::<Db>::new(PLACEMENT_SELECT);
        q.push(" WHERE pl.organisation_id = ")
            .push_bind(org.0)
            .push(" AND pl.status = 'onboarding'");
        if let Some(sites) = limit_to_sites {
            q.push(" AND EXISTS (SELECT 1 FROM role_sites rs WHERE rs.organisation_id = pl.organisation_id AND rs.role_id = pl.role_id AND rs.site_id IN (");
            let mut s = q.separated(", ");
            s.push_bind(Uuid::nil());
            for site in sites {
                s.push_bind(site.0);
            }
            q.push("))");
        }
        q.push(" ORDER BY pl.accepted_at, pl.id LIMIT 2000");
        let rows: Vec<PlacementDbRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.into_iter().map(PlacementDbRow::into_domain).collect()
    }

    async fn onboarding_times(
        &self,
        org: OrganisationId,
        since: DateTime<Utc>,
    ) -> Result<Vec<OnboardingTimes>, StoreError> {
        let rows: Vec<OnboardingTimesRow> = sqlx::query_as(
            "SELECT pl.role_id, r.title AS role_title, pl.applied_at, pl.accepted_at, pl.activated_at, \
             (SELECT MAX(c.decided_at) FROM checks c WHERE c.organisation_id = pl.organisation_id \
              AND c.person_id = pl.person_id AND c.decided_at <= pl.activated_at \
              AND c.status IN ('verified', 'waived')) AS checks_done_at, \
             EXISTS (SELECT 1 FROM check_recognitions cr JOIN checks rc \
              ON rc.organisation_id = cr.organisation_id AND rc.id = cr.check_id \
              WHERE cr.organisation_id = pl.organisation_id AND rc.person_id = pl.person_id \
              AND cr.recognised_at <= pl.activated_at) AS passport \
             FROM placements pl JOIN roles r ON r.organisation_id = pl.organisation_id AND r.id = pl.role_id \
             WHERE pl.organisation_id = $1 AND pl.activated_at IS NOT NULL AND pl.activated_at >= $2 \
             ORDER BY pl.activated_at",
        )
        .bind(org.0)
        .bind(since)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(OnboardingTimes::from).collect())
    }

    async fn reference_requests(
        &self,
        org: OrganisationId,
        check: CheckId,
    ) -> Result<Vec<ReferenceRequest>, StoreError> {
        let rows: Vec<ReferenceRow> = sqlx::query_as(sql(format!(
            "SELECT {REFERENCE_COLUMNS} FROM reference_requests rr \
             WHERE rr.organisation_id = $1 AND rr.check_id = $2 ORDER BY rr.requested_at, rr.id"
        )))
        .bind(org.0)
        .bind(check.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ReferenceRow::into_domain).collect()
    }

    async fn reference_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<ReferenceByToken>, StoreError> {
        let row = sqlx::query(sql(format!(
            "SELECT {REFERENCE_COLUMNS}, p.given_name, p.family_name, o.name AS organisation_name \
             FROM reference_requests rr JOIN people p ON p.id = rr.person_id \
             JOIN organisations o ON o.id = rr.organisation_id WHERE rr.token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        let Some(row) = row else { return Ok(None) };
        use sqlx::{FromRow, Row};
        let request = ReferenceRow::from_row(&row)
            .map_err(db_error)?
            .into_domain()?;
        let given: String = row.try_get("given_name").map_err(db_error)?;
        let family: String = row.try_get("family_name").map_err(db_error)?;
        Ok(Some(ReferenceByToken {
            request,
            person_name: format!("{given} {family}"),
            organisation_name: row.try_get("organisation_name").map_err(db_error)?,
        }))
    }

    async fn claim_jobs(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Job>, StoreError> {
        let rows: Vec<JobRow> = sqlx::query_as(sql(format!(
            "UPDATE jobs SET claimed_by = $2, claimed_until = $3 WHERE id IN (SELECT id FROM jobs \
             WHERE done_at IS NULL AND run_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) \
             ORDER BY run_at, id LIMIT $4 {CLAIM_LOCK}) RETURNING {JOB_COLUMNS}"
        )))
        .bind(now)
        .bind(worker)
        .bind(until)
        .bind(i64::from(limit))
        .fetch_all(&self.writer)
        .await
        .map_err(db_error)?;
        let mut jobs: Vec<Job> = rows.into_iter().map(Job::from).collect();
        jobs.sort_by_key(|j| (j.run_at, j.id));
        Ok(jobs)
    }

    async fn job_failed(
        &self,
        id: JobId,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET attempts = attempts + 1, last_error = $2, run_at = $3, claimed_by = NULL, \
             claimed_until = NULL WHERE id = $1 AND done_at IS NULL",
        )
        .bind(id.0)
        .bind(error)
        .bind(retry_at)
        .execute(&self.writer)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn jobs_with_prefix(&self, prefix: &str) -> Result<Vec<(String, bool)>, StoreError> {
        let pattern = format!("{}%", prefix.replace(['%', '_', '\\'], ""));
        let rows: Vec<(String, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT dedupe_key, done_at FROM jobs WHERE dedupe_key LIKE $1 ORDER BY dedupe_key",
        )
        .bind(pattern)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(|(k, d)| (k, d.is_some())).collect())
    }
}

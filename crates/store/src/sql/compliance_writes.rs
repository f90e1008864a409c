//! Applying compliance [`Write`]s inside a transaction. Compiled once per backend.

use app::StoreError;
use app::ports::Write;
use domain::Labelled;
use domain::compliance::Check;
use sqlx::Transaction;

use super::Db;
use crate::db_error;

fn expect_one(result: <Db as sqlx::Database>::QueryResult, what: &str) -> Result<(), StoreError> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(format!(
            "{what} was changed by someone else; reload and try again"
        )))
    }
}

const CHECK_VALUES: &str = "status = $4, issued_on = $5, expires_on = $6, reference = $7, note = $8, waiver_reason = $9, \
     waived_until = $10, submitted_at = $11, submitted_by = $12, decided_at = $13, decided_by = $14, dbs_level = $15, \
     dbs_workforce = $16, dbs_certificate_number = $17, dbs_outcome = $18, dbs_update_service = $19, \
     dbs_status_checked_on = $20, dbs_details_removed_at = $21, verified_through = $22";

/// Binds a check's columns in the order `$1`… of the insert and of [`CHECK_VALUES`].
fn bind_check<'q>(
    q: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    c: &'q Check,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    let dbs = c.dbs.as_ref();
    q.bind(c.organisation_id.0)
        .bind(c.id.0)
        .bind(c.person_id.0)
        .bind(c.status.code())
        .bind(c.issued_on)
        .bind(c.expires_on)
        .bind(&c.reference)
        .bind(&c.note)
        .bind(&c.waiver_reason)
        .bind(c.waived_until)
        .bind(c.submitted_at)
        .bind(&c.submitted_by)
        .bind(c.decided_at)
        .bind(&c.decided_by)
        .bind(dbs.map(|d| d.level.code()))
        .bind(dbs.and_then(|d| d.workforce).map(|w| w.code()))
        .bind(dbs.and_then(|d| d.certificate_number.clone()))
        .bind(dbs.and_then(|d| d.outcome).map(|o| o.code()))
        .bind(dbs.is_some_and(|d| d.update_service))
        .bind(dbs.and_then(|d| d.status_checked_on))
        .bind(dbs.and_then(|d| d.details_removed_at))
        .bind(c.verified_through)
}

/// Applies one compliance write.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertRequirementType(t) | Write::UpdateRequirementType(t) => {
            let sql = if matches!(w, Write::InsertRequirementType(_)) {
                "INSERT INTO requirement_types (organisation_id, id, code, kind, name, description, framework, \
                 validity_months, built_in) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            } else {
                "UPDATE requirement_types SET code = $3, kind = $4, name = $5, description = $6, framework = $7, \
                 validity_months = $8, built_in = $9 WHERE organisation_id = $1 AND id = $2"
            };
            let r = sqlx::query(sql)
                .bind(t.organisation_id.0)
                .bind(t.id.0)
                .bind(&t.code)
                .bind(t.kind.code())
                .bind(&t.name)
                .bind(&t.description)
                .bind(t.framework.map(|f| f.code()))
                .bind(t.validity_months.and_then(|m| i32::try_from(m).ok()))
                .bind(t.built_in)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, "The catalogue item")?;
        }
        Write::InsertCheck(c) => {
            let q = sqlx::query(
                "INSERT INTO checks (organisation_id, id, person_id, status, issued_on, expires_on, reference, note, \
                 waiver_reason, waived_until, submitted_at, submitted_by, decided_at, decided_by, dbs_level, \
                 dbs_workforce, dbs_certificate_number, dbs_outcome, dbs_update_service, dbs_status_checked_on, \
                 dbs_details_removed_at, verified_through, requirement_type_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
            );
            bind_check(q, c)
                .bind(c.requirement_type_id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::UpdateCheck(c, expected) => {
            let sql = format!(
                "UPDATE checks SET {CHECK_VALUES} WHERE organisation_id = $1 AND id = $2 AND person_id = $3 \
                 AND status = $23 AND submitted_at IS NOT DISTINCT FROM $24 AND decided_at IS NOT DISTINCT FROM $25"
            );
            let r = bind_check(sqlx::query(crate::sql(sql)), c)
                .bind(expected.status.code())
                .bind(expected.submitted_at)
                .bind(expected.decided_at)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, &format!("The {} item", c.name))?;
        }
        Write::InsertPlacement(p) => {
            sqlx::query(
                "INSERT INTO placements (organisation_id, id, person_id, role_id, application_id, status, applied_at, \
                 accepted_at, activated_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(p.organisation_id.0)
            .bind(p.id.0)
            .bind(p.person_id.0)
            .bind(p.role_id.0)
            .bind(p.application_id.map(|a| a.0))
            .bind(p.status.code())
            .bind(p.applied_at)
            .bind(p.accepted_at)
            .bind(p.activated_at)
            .bind(p.ended_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::MovePlacement {
            organisation_id,
            id,
            from,
            to,
            at,
        } => {
            use domain::compliance::PlacementStatus;
            let column = match to {
                PlacementStatus::Active => "activated_at",
                PlacementStatus::Ended => "ended_at",
                PlacementStatus::Onboarding => "accepted_at",
            };
            let r = sqlx::query(crate::sql(format!(
                "UPDATE placements SET status = $3, {column} = $4 WHERE organisation_id = $1 AND id = $2 AND status = $5"
            )))
            .bind(organisation_id.0)
            .bind(id.0)
            .bind(to.code())
            .bind(at)
            .bind(from.code())
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            expect_one(r, "The placement")?;
        }
        Write::InsertReferenceRequest(r, token_hash) => {
            sqlx::query(
                "INSERT INTO reference_requests (organisation_id, id, person_id, check_id, referee_name, referee_email, \
                 relationship, token_hash, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(r.organisation_id.0)
            .bind(r.id.0)
            .bind(r.person_id.0)
            .bind(r.check_id.0)
            .bind(&r.referee_name)
            .bind(r.referee_email.as_str())
            .bind(&r.relationship)
            .bind(token_hash)
            .bind(r.requested_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::ReceiveReference(org, id, reply) => {
            let r = sqlx::query(
                "UPDATE reference_requests SET known_for = $3, suitability = $4, recommends = $5, received_at = $6 \
                 WHERE organisation_id = $1 AND id = $2 AND received_at IS NULL",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(&reply.known_for)
            .bind(&reply.suitability)
            .bind(reply.recommends)
            .bind(reply.received_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() != 1 {
                return Err(StoreError::Conflict(
                    "This reference has already been given".into(),
                ));
            }
        }
        Write::EnqueueJob(j) => {
            sqlx::query(
                "INSERT INTO jobs (id, kind, dedupe_key, organisation_id, payload, run_at, attempts, last_error) \
                 VALUES ($1, $2, $3, $4, $5, $6, 0, '') ON CONFLICT (dedupe_key) DO NOTHING",
            )
            .bind(j.id.0)
            .bind(&j.kind)
            .bind(&j.dedupe_key)
            .bind(j.organisation_id.map(|o| o.0))
            .bind(&j.payload)
            .bind(j.run_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::CompleteJob { id, worker, at } => {
            let r = sqlx::query(
                "UPDATE jobs SET done_at = $3, attempts = attempts + 1, claimed_until = NULL \
                 WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL",
            )
            .bind(id.0)
            .bind(worker)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() != 1 {
                return Err(StoreError::Conflict(
                    "This job was taken over by another worker".into(),
                ));
            }
        }
        other => super::rota::write(tx, other).await?,
    }
    Ok(())
}

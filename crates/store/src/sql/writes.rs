//! Applying one [`Write`] inside a transaction. Compiled once per backend (see the crate docs).

use app::StoreError;
use app::ports::Write;
use domain::Labelled;
use sqlx::Transaction;
use uuid::Uuid;

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

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Applies one write.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertOrganisation(o) | Write::UpdateOrganisation(o) => {
            let sql = if matches!(w, Write::InsertOrganisation(_)) {
                "INSERT INTO organisations (id, name, slug, sector, kind, ods_code, charity_number, address, postcode) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            } else {
                "UPDATE organisations SET name = $2, slug = $3, sector = $4, kind = $5, ods_code = $6, \
                 charity_number = $7, address = $8, postcode = $9 WHERE id = $1"
            };
            sqlx::query(sql)
                .bind(o.id.0)
                .bind(&o.name)
                .bind(o.slug.as_str())
                .bind(o.sector.code())
                .bind(o.kind.code())
                .bind(o.ods_code.as_ref().map(|c| c.to_string()))
                .bind(o.charity_number.as_ref().map(|c| c.to_string()))
                .bind(&o.address)
                .bind(o.postcode.as_str())
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::InsertSite(s) | Write::UpdateSite(s) => {
            let sql = if matches!(w, Write::InsertSite(_)) {
                "INSERT INTO sites (organisation_id, id, name, kind, postcode) VALUES ($1, $2, $3, $4, $5)"
            } else {
                "UPDATE sites SET name = $3, kind = $4, postcode = $5 WHERE organisation_id = $1 AND id = $2"
            };
            let r = sqlx::query(sql)
                .bind(s.organisation_id.0)
                .bind(s.id.0)
                .bind(&s.name)
                .bind(s.kind.code())
                .bind(s.postcode.as_ref().map(|p| p.to_string()))
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, "The site")?;
        }
        Write::InsertPerson(p, _) | Write::UpdatePerson(p) => {
            let sql = if matches!(w, Write::InsertPerson(..)) {
                "INSERT INTO people (id, given_name, family_name, preferred_name, email, phone, date_of_birth, postcode, \
                 languages, skills, interests, accessibility_needs, password_hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            } else {
                "UPDATE people SET given_name = $2, family_name = $3, preferred_name = $4, email = $5, phone = $6, \
                 date_of_birth = $7, postcode = $8, languages = $9, skills = $10, interests = $11, \
                 accessibility_needs = $12 WHERE id = $1"
            };
            let mut query = sqlx::query(sql)
                .bind(p.id.0)
                .bind(&p.given_name)
                .bind(&p.family_name)
                .bind(&p.preferred_name)
                .bind(p.email.as_str())
                .bind(p.phone.as_ref().map(|x| x.to_string()))
                .bind(p.date_of_birth)
                .bind(p.postcode.as_ref().map(|x| x.to_string()))
                .bind(join(&p.languages))
                .bind(join(&p.skills))
                .bind(join(&p.interests))
                .bind(&p.accessibility_needs);
            if let Write::InsertPerson(_, hash) = w {
                query = query.bind(hash.as_deref());
            }
            let r = query.execute(&mut **tx).await.map_err(db_error)?;
            expect_one(r, "The profile")?;
        }
        Write::SetPassword(id, hash) => {
            let r = sqlx::query("UPDATE people SET password_hash = $2 WHERE id = $1")
                .bind(id.0)
                .bind(hash)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, "The account")?;
            sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                .bind(id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::InsertRole(r) | Write::UpdateRole(r, _) => {
            let sql = if matches!(w, Write::InsertRole(_)) {
                "INSERT INTO roles (organisation_id, id, title, summary, description, setting, activities, \
                 time_commitment, minimum_age, dbs_level, status, non_substitution_statement, \
                 dbs_workforce, references_required, requirement_type_ids) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            } else {
                "UPDATE roles SET title = $3, summary = $4, description = $5, setting = $6, activities = $7, \
                 time_commitment = $8, minimum_age = $9, dbs_level = $10, status = $11, non_substitution_statement = $12, \
                 dbs_workforce = $13, references_required = $14, requirement_type_ids = $15 \
                 WHERE organisation_id = $1 AND id = $2 AND status = $16"
            };
            let mut query = sqlx::query(sql)
                .bind(r.organisation_id.0)
                .bind(r.id.0)
                .bind(&r.title)
                .bind(&r.summary)
                .bind(&r.description)
                .bind(r.setting.code())
                .bind(&r.activities)
                .bind(&r.time_commitment)
                .bind(i32::try_from(r.minimum_age).unwrap_or(i32::MAX))
                .bind(r.dbs_level.code())
                .bind(r.status.code())
                .bind(&r.non_substitution_statement)
                .bind(r.dbs_workforce.map(|w| w.code()))
                .bind(i32::try_from(r.references_required).unwrap_or(0))
                .bind(join(&r.requirement_type_ids));
            if let Write::UpdateRole(_, expected) = w {
                query = query.bind(expected.code());
            }
            let result = query.execute(&mut **tx).await.map_err(db_error)?;
            expect_one(result, "The role")?;
            sqlx::query("DELETE FROM role_sites WHERE organisation_id = $1 AND role_id = $2")
                .bind(r.organisation_id.0)
                .bind(r.id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            for site in &r.site_ids {
                sqlx::query("INSERT INTO role_sites (organisation_id, role_id, site_id) VALUES ($1, $2, $3)")
                    .bind(r.organisation_id.0)
                    .bind(r.id.0)
                    .bind(site.0)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_error)?;
            }
        }
        Write::InsertEngagement(e) => {
            sqlx::query(
                "INSERT INTO engagements (organisation_id, id, person_id, status, started_at, leaving_reason, leaving_note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(e.organisation_id.0)
            .bind(e.id.0)
            .bind(e.person_id.0)
            .bind(e.status.code())
            .bind(e.started_at)
            .bind(e.leaving_reason.map(|r| r.code()))
            .bind(&e.leaving_note)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::MoveEngagement {
            organisation_id,
            id,
            from,
            to,
            leaving_reason,
            leaving_note,
        } => {
            let r = sqlx::query(
                "UPDATE engagements SET status = $3, leaving_reason = $4, leaving_note = $5 \
                 WHERE organisation_id = $1 AND id = $2 AND status = $6",
            )
            .bind(organisation_id.0)
            .bind(id.0)
            .bind(to.code())
            .bind(leaving_reason.map(|r| r.code()))
            .bind(leaving_note)
            .bind(from.code())
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            expect_one(r, "The volunteer's status")?;
        }
        Write::InsertEngagementEvent(org, engagement, ev) => {
            sqlx::query(
                "INSERT INTO engagement_events (organisation_id, id, engagement_id, from_status, to_status, at, by_name, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(org.0)
            .bind(Uuid::now_v7())
            .bind(engagement.0)
            .bind(ev.from.map(|s| s.code()))
            .bind(ev.to.code())
            .bind(ev.at)
            .bind(&ev.by)
            .bind(&ev.note)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::InsertApplication(a) => {
            sqlx::query(
                "INSERT INTO applications (organisation_id, id, person_id, engagement_id, role_id, status, motivation, \
                 availability, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(a.organisation_id.0)
            .bind(a.id.0)
            .bind(a.person_id.0)
            .bind(a.engagement_id.0)
            .bind(a.role_id.0)
            .bind(a.status.code())
            .bind(&a.motivation)
            .bind(&a.availability)
            .bind(a.submitted_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            application_event(
                tx,
                a.organisation_id.0,
                a.id.0,
                a.status.code(),
                "Applied",
                "",
                a.submitted_at,
            )
            .await?;
        }
        Write::MoveApplication {
            organisation_id,
            id,
            from,
            to,
            note,
            by,
            at,
        } => {
            let r = sqlx::query("UPDATE applications SET status = $3 WHERE organisation_id = $1 AND id = $2 AND status = $4")
                .bind(organisation_id.0)
                .bind(id.0)
                .bind(to.code())
                .bind(from.code())
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, "The application")?;
            application_event(tx, organisation_id.0, id.0, to.code(), note, by, *at).await?;
        }
        Write::PutStaffMember(m) => {
            sqlx::query("DELETE FROM staff_members WHERE organisation_id = $1 AND (id = $2 OR person_id = $3)")
                .bind(m.organisation_id.0)
                .bind(m.id.0)
                .bind(m.person_id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query("INSERT INTO staff_members (organisation_id, id, person_id, permission, site_ids) VALUES ($1, $2, $3, $4, $5)")
                .bind(m.organisation_id.0)
                .bind(m.id.0)
                .bind(m.person_id.0)
                .bind(m.permission.code())
                .bind(join(&m.site_ids))
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::DeleteStaffMember(org, id) => {
            let r = sqlx::query("DELETE FROM staff_members WHERE organisation_id = $1 AND id = $2")
                .bind(org.0)
                .bind(id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            expect_one(r, "The staff member")?;
        }
        Write::InsertSession(s) => {
            sqlx::query("INSERT INTO sessions (token_hash, person_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(&s.token_hash)
                .bind(s.person_id.0)
                .bind(&s.csrf_token)
                .bind(s.expires_at)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::DeleteSession(hash) => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(hash)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::RecordSignInFailure(key, at) => {
            sqlx::query("INSERT INTO sign_in_failures (id, key, at) VALUES ($1, $2, $3)")
                .bind(Uuid::now_v7())
                .bind(key)
                .bind(at)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::ClearSignInFailures(key) => {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                .bind(key)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::InsertResetToken {
            token_hash,
            person_id,
            expires_at,
        } => {
            sqlx::query(
                "INSERT INTO reset_tokens (token_hash, person_id, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(person_id.0)
            .bind(expires_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::UseResetToken(hash, at) => {
            let r = sqlx::query(
                "UPDATE reset_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(hash)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            expect_one(r, "The reset link")?;
        }
        Write::InsertApiToken(t) => {
            sqlx::query("INSERT INTO api_tokens (organisation_id, id, person_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(t.organisation_id.0)
                .bind(t.id.0)
                .bind(t.person_id.0)
                .bind(&t.token_hash)
                .bind(t.created_at)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::InsertMessage(m) => super::records::insert_message(tx, m).await?,
        Write::Notify(w) => super::notify::write(tx, w).await?,
        Write::Audit(a) => super::records::insert_audit(tx, a).await?,
        other => super::compliance_writes::write(tx, other).await?,
    }
    Ok(())
}

async fn application_event(
    tx: &mut Transaction<'_, Db>,
    org: Uuid,
    application: Uuid,
    status: &str,
    note: &str,
    by: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO application_events (organisation_id, id, application_id, status, note, by_name, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org)
    .bind(Uuid::now_v7())
    .bind(application)
    .bind(status)
    .bind(note)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

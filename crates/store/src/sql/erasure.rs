//! Applying privacy writes: settings, subject access requests, retention reports, and erasure.
//!
//! Erasing a person in an organisation puts a stand-in profile (no personal data) in their place
//! in every one of the organisation's records, so hours, attendance and answers still count once
//! each, and empties the free text about them. Safeguarding records are left alone: they are
//! append-only (the database refuses changes) and the law requires them kept. Compiled once per
//! backend.

use app::StoreError;
use app::ports::{PrivacyWrite, RetentionRun, SubjectAccessRequest};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::{OrganisationId, PersonId};
use domain::privacy::ErasureRecord;
use sqlx::Transaction;
use uuid::Uuid;

use super::Db;
use crate::{db_error, sql};

/// Applies one privacy write.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &PrivacyWrite,
) -> Result<(), StoreError> {
    match w {
        PrivacyWrite::PutSettings(org, s, at) => {
            let n = |v: Option<u16>| v.map(i32::from);
            sqlx::query(
                "INSERT INTO privacy_settings (organisation_id, leavers_after_years, \
                 unsuccessful_after_months, closed_service_users_after_years, notice, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organisation_id) DO UPDATE SET \
                 leavers_after_years = $2, unsuccessful_after_months = $3, \
                 closed_service_users_after_years = $4, notice = $5, updated_at = $6",
            )
            .bind(org.0)
            .bind(n(s.retention.leavers_after_years))
            .bind(n(s.retention.unsuccessful_after_months))
            .bind(n(s.retention.closed_service_users_after_years))
            .bind(s.notice.as_deref())
            .bind(*at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        PrivacyWrite::InsertSubjectAccessRequest(r) => insert_request(tx, r).await,
        PrivacyWrite::InsertRetentionRun(r) => insert_run(tx, r).await,
        PrivacyWrite::RecordConsent(c) => super::recorded_consents::insert(tx, c).await,
        PrivacyWrite::WithdrawConsent {
            organisation_id,
            id,
            on,
            by,
        } => super::recorded_consents::withdraw(tx, *organisation_id, *id, *on, by).await,
        PrivacyWrite::ErasePerson {
            person_id,
            stand_in,
            profile_too,
            record,
        } => {
            refuse_if_open_concern(
                tx,
                record.organisation_id,
                "c.volunteer_id = $1 OR c.raised_by = $1 OR c.supported_person_id IN \
                 (SELECT id FROM supported_people WHERE organisation_id = $2 AND person_id = $1)",
                person_id.0,
            )
            .await?;
            erase_person(
                tx,
                record.organisation_id,
                *person_id,
                *stand_in,
                record.erased_at,
            )
            .await?;
            if *profile_too {
                erase_profile(tx, *person_id, record.erased_at).await?;
            }
            insert_record(tx, record).await
        }
        PrivacyWrite::EraseSupportedPerson(record) => {
            refuse_if_open_concern(
                tx,
                record.organisation_id,
                "c.supported_person_id = $1",
                record.subject_id,
            )
            .await?;
            erase_supported_person(tx, record.organisation_id, record.subject_id).await?;
            insert_record(tx, record).await
        }
    }
}

/// Checked again inside the transaction: a concern raised since the preview stops it.
async fn refuse_if_open_concern(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    about: &str,
    id: Uuid,
) -> Result<(), StoreError> {
    let (n,): (i64,) = sqlx::query_as(sql(format!(
        "SELECT COUNT(*) FROM concerns c WHERE c.organisation_id = $2 AND ({about}) \
         AND NOT EXISTS (SELECT 1 FROM concern_entries e WHERE e.organisation_id = c.organisation_id \
         AND e.concern_id = c.id AND e.kind = 'closed')"
    )))
    .bind(id)
    .bind(org.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    if n > 0 {
        return Err(StoreError::Conflict(
            "A safeguarding concern about them or raised by them is open, so their records must be kept"
                .into(),
        ));
    }
    Ok(())
}

/// Runs fixed statements binding `$1` = the person, `$2` = the organisation, `$3` = the
/// stand-in, `$4` = the person's full name as it appears in "by" columns.
async fn run_all(
    tx: &mut Transaction<'_, Db>,
    statements: &[&str],
    person: Uuid,
    org: Uuid,
    stand_in: Uuid,
    name: &str,
) -> Result<(), StoreError> {
    for text in statements {
        let mut q = sqlx::query(sql((*text).to_owned()));
        // Bind exactly $1 up to the highest parameter the statement names: PostgreSQL refuses
        // more parameters than the statement has.
        let used = (1..=4)
            .rev()
            .find(|i| text.contains(&format!("${i}")))
            .unwrap_or(0);
        if used >= 1 {
            q = q.bind(person);
        }
        if used >= 2 {
            q = q.bind(org);
        }
        if used >= 3 {
            q = q.bind(stand_in);
        }
        if used >= 4 {
            q = q.bind(name.to_owned());
        }
        q.execute(&mut **tx).await.map_err(db_error)?;
    }
    Ok(())
}

const BY: &str = "CASE WHEN {c} = $4 THEN 'Erased' ELSE {c} END";

fn by(column: &str) -> String {
    BY.replace("{c}", column)
}

async fn erase_person(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    person: PersonId,
    stand_in: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (given, family): (String, String) =
        sqlx::query_as("SELECT given_name, family_name FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_error)?;
    let name = format!("{given} {family}");
    sqlx::query(
        "INSERT INTO people (id, given_name, family_name, preferred_name, email, phone, \
         date_of_birth, postcode, languages, skills, interests, accessibility_needs, password_hash, \
         erased_at) VALUES ($1, 'Erased', 'person', '', $2, NULL, NULL, NULL, '', '', '', '', NULL, $3)",
    )
    .bind(stand_in.0)
    .bind(format!("erased-{}@erased.invalid", stand_in.0.simple()))
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    // Their service-user records here are emptied like any closed record.
    let linked: Vec<(Uuid,)> = sqlx::query_as(
        "SELECT id FROM supported_people WHERE organisation_id = $1 AND person_id = $2",
    )
    .bind(org.0)
    .bind(person.0)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    for (id,) in linked {
        erase_supported_person(tx, org, id).await?;
    }
    let statements = [
        "UPDATE engagements SET person_id = $3, leaving_note = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        format!("UPDATE engagement_events SET note = '', by_name = {} WHERE organisation_id = $2 AND engagement_id IN (SELECT id FROM engagements WHERE organisation_id = $2 AND person_id = $3)", by("by_name")),
        // An application still waiting is withdrawn: nobody is left to take the role.
        "UPDATE applications SET status = 'withdrawn' WHERE organisation_id = $2 AND person_id = $1 AND status IN ('submitted', 'screening')".to_owned(),
        "UPDATE applications SET person_id = $3, motivation = '', availability = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        format!("UPDATE application_events SET note = '', by_name = {} WHERE organisation_id = $2 AND application_id IN (SELECT id FROM applications WHERE organisation_id = $2 AND person_id = $3)", by("by_name")),
        format!("UPDATE checks SET person_id = $3, reference = '', note = '', waiver_reason = '', dbs_certificate_number = NULL, submitted_by = {}, decided_by = {} WHERE organisation_id = $2 AND person_id = $1", by("submitted_by"), by("decided_by")),
        "UPDATE reference_requests SET person_id = $3, referee_name = '', referee_email = '', relationship = '', known_for = NULL, suitability = NULL WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE placements SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE bookings SET person_id = $3, cancellation_reason = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE attendance SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE hours_logs SET person_id = $3, description = '', message = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "DELETE FROM check_in_codes WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "DELETE FROM expense_receipts WHERE organisation_id = $2 AND claim_id IN (SELECT id FROM expense_claims WHERE organisation_id = $2 AND person_id = $1)".to_owned(),
        "UPDATE expense_claims SET person_id = $3, recorded_by = CASE WHEN recorded_by = $1 THEN $3 ELSE recorded_by END, description = '', receipt_name = NULL, receipt_type = NULL, receipt_size = NULL, note = '', answer = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE waitlist_entries SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE commitments SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE survey_invitations SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE survey_responses SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE activity_records SET person_id = $3, note = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "DELETE FROM match_profiles WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE matches SET volunteer_id = $3, reasons = '', end_reason = '' WHERE organisation_id = $2 AND volunteer_id = $1".to_owned(),
        "UPDATE contacts SET volunteer_id = $3, logged_by = CASE WHEN logged_by = $1 THEN $3 ELSE logged_by END, note = '' WHERE organisation_id = $2 AND volunteer_id = $1".to_owned(),
        "UPDATE event_registrations SET person_id = $3 WHERE person_id = $1 AND event_id IN (SELECT id FROM learning_events WHERE organisation_id = $2)".to_owned(),
        "UPDATE volunteer_referrals SET person_id = $3, note = '' WHERE person_id = $1 AND (from_organisation_id = $2 OR to_organisation_id = $2)".to_owned(),
        "UPDATE subject_access_requests SET person_id = $3 WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        "UPDATE recorded_consents SET person_id = $3, note = '' WHERE organisation_id = $2 AND person_id = $1".to_owned(),
        // The audit trail keeps what happened and when, pointing at the stand-in, without detail.
        "UPDATE audit_log SET entity_id = CASE WHEN entity_id = $1 THEN $3 ELSE entity_id END, \
         actor_person_id = CASE WHEN actor_person_id = $1 THEN $3 ELSE actor_person_id END, detail = '' \
         WHERE organisation_id = $2 AND (entity_id = $1 OR actor_person_id = $1)".to_owned(),
    ];
    let refs: Vec<&str> = statements.iter().map(String::as_str).collect();
    run_all(tx, &refs, person.0, org.0, stand_in.0, &name).await
}

/// Empties the profile itself and deletes what only the person held (sign-in, preferences,
/// equality answers, time away, learning record, messages). Whatever still points at them (a
/// closed concern, a passport consent) now points at a profile with no personal data.
async fn erase_profile(
    tx: &mut Transaction<'_, Db>,
    person: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let statements = [
        "DELETE FROM sign_in_failures WHERE key = 'account:' || (SELECT email FROM people WHERE id = $1)",
        "DELETE FROM outbox WHERE recipient IN (SELECT email FROM people WHERE id = $1 \
         UNION SELECT phone FROM people WHERE id = $1 AND phone IS NOT NULL)",
        "DELETE FROM sessions WHERE person_id = $1",
        "DELETE FROM reset_tokens WHERE person_id = $1",
        "DELETE FROM calendar_feeds WHERE person_id = $1",
        "DELETE FROM notification_preferences WHERE person_id = $1",
        "DELETE FROM equality_monitoring WHERE person_id = $1",
        "DELETE FROM absences WHERE person_id = $1",
        "DELETE FROM cpd_entries WHERE person_id = $1",
        "DELETE FROM subject_access_requests WHERE person_id = $1",
    ];
    run_all(tx, &statements, person.0, Uuid::nil(), Uuid::nil(), "").await?;
    sqlx::query(
        "UPDATE people SET given_name = 'Erased', family_name = 'person', preferred_name = '', \
         email = $2, phone = NULL, date_of_birth = NULL, postcode = NULL, languages = '', \
         skills = '', interests = '', accessibility_needs = '', password_hash = NULL, erased_at = $3 \
         WHERE id = $1",
    )
    .bind(person.0)
    .bind(format!("erased-{}@erased.invalid", person.0.simple()))
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Empties a service user's or carer's record: the record, its status and age band stay (for
/// counts); names, contact details, needs and notes go.
async fn erase_supported_person(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: Uuid,
) -> Result<(), StoreError> {
    let statements = [
        "UPDATE supported_people SET person_id = NULL, given_name = 'Erased', family_name = 'record', \
         email = NULL, phone = NULL, address = '', postcode = NULL, date_of_birth = NULL, \
         communication_needs = '', access_needs = '', interests = '', closure_reason = '' \
         WHERE organisation_id = $2 AND id = $1",
        "DELETE FROM health_notes WHERE organisation_id = $2 AND supported_person_id = $1",
        "DELETE FROM support_feedback_links WHERE organisation_id = $2 AND supported_person_id = $1",
        "UPDATE support_feedback SET comment = '' WHERE organisation_id = $2 AND supported_person_id = $1",
        "UPDATE referrals SET need = '', decision_note = '', referrer_name = '', referrer_email = NULL \
         WHERE organisation_id = $2 AND supported_person_id = $1",
        "UPDATE matches SET reasons = '', end_reason = '' WHERE organisation_id = $2 AND supported_person_id = $1",
        "UPDATE contacts SET note = '' WHERE organisation_id = $2 AND supported_person_id = $1",
        "UPDATE audit_log SET detail = '' WHERE organisation_id = $2 AND entity_id = $1",
    ];
    run_all(tx, &statements, id, org.0, Uuid::nil(), "").await
}

async fn insert_record(tx: &mut Transaction<'_, Db>, r: &ErasureRecord) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO erasures (organisation_id, id, subject, subject_id, reason, note, erased_by, \
         erased_at, profile_erased, removed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(r.organisation_id.0)
    .bind(r.id.0)
    .bind(r.subject.code())
    .bind(r.subject_id)
    .bind(r.reason.code())
    .bind(&r.note)
    .bind(r.erased_by.map(|p| p.0))
    .bind(r.erased_at)
    .bind(r.profile_erased)
    .bind(r.removed.join("\n"))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

async fn insert_request(
    tx: &mut Transaction<'_, Db>,
    r: &SubjectAccessRequest,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO subject_access_requests (id, person_id, organisation_id, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(r.id.0)
    .bind(r.person_id.0)
    .bind(r.organisation_id.map(|o| o.0))
    .bind(r.requested_by.map(|p| p.0))
    .bind(r.requested_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

async fn insert_run(tx: &mut Transaction<'_, Db>, r: &RetentionRun) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO retention_runs (organisation_id, id, ran_at, ran_by, report) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(r.organisation_id.0)
    .bind(r.id.0)
    .bind(r.ran_at)
    .bind(r.ran_by.map(|p| p.0))
    .bind(r.report.join("\n"))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

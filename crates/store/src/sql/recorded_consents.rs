//! Consents recorded on their own form: inserting one, withdrawing it (only while it stands),
//! listing them, and their lines in the consent register. Compiled once per backend.

use app::StoreError;
use app::ports::ConsentRecord;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::{ConsentId, OrganisationId, PersonId};
use domain::privacy::consent::RecordedConsent;
use sqlx::Transaction;
use uuid::Uuid;

use super::Db;
use crate::db_error;

/// Stores a consent just recorded.
pub(super) async fn insert(
    tx: &mut Transaction<'_, Db>,
    c: &RecordedConsent,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO recorded_consents (organisation_id, id, person_id, purpose, given_on, way, \
         note, withdrawn_on, withdrawn_by, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(c.organisation_id.0)
    .bind(c.id.0)
    .bind(c.person_id.0)
    .bind(&c.purpose)
    .bind(c.given_on)
    .bind(c.way.code())
    .bind(&c.note)
    .bind(c.withdrawn_on)
    .bind(&c.withdrawn_by)
    .bind(&c.recorded_by)
    .bind(c.recorded_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Withdraws a consent that stands; a conflict if it was withdrawn meanwhile (or is not the
/// organisation's).
pub(super) async fn withdraw(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: ConsentId,
    on: NaiveDate,
    by: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE recorded_consents SET withdrawn_on = $3, withdrawn_by = $4 \
         WHERE organisation_id = $1 AND id = $2 AND given_on IS NOT NULL AND withdrawn_on IS NULL",
    )
    .bind(org.0)
    .bind(id.0)
    .bind(on)
    .bind(by)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "This consent has already been withdrawn".into(),
        ))
    }
}

type Row = (
    Uuid,
    Uuid,
    Uuid,
    String,
    Option<NaiveDate>,
    String,
    String,
    Option<NaiveDate>,
    String,
    String,
    DateTime<Utc>,
);

fn consent(row: Row) -> Result<RecordedConsent, StoreError> {
    let (org, id, person, purpose, given_on, way, note, withdrawn_on, withdrawn_by, by, at) = row;
    Ok(RecordedConsent {
        id: ConsentId(id),
        organisation_id: OrganisationId(org),
        person_id: PersonId(person),
        purpose,
        given_on,
        way: crate::rows::code(&way)?,
        note,
        withdrawn_on,
        withdrawn_by,
        recorded_by: by,
        recorded_at: at,
    })
}

/// An organisation's recorded consents, a person's, or a person's with one organisation.
pub(super) async fn list(
    pool: &sqlx::Pool<Db>,
    org: Option<OrganisationId>,
    person: Option<PersonId>,
) -> Result<Vec<RecordedConsent>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT organisation_id, id, person_id, purpose, given_on, way, note, withdrawn_on, \
         withdrawn_by, recorded_by, recorded_at FROM recorded_consents \
         WHERE ($1 OR organisation_id = $2) AND ($3 OR person_id = $4) ORDER BY recorded_at, id",
    )
    .bind(org.is_none())
    .bind(org.map_or(Uuid::nil(), |o| o.0))
    .bind(person.is_none())
    .bind(person.map_or(Uuid::nil(), |p| p.0))
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    rows.into_iter().map(consent).collect()
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Recorded consents as lines of the consent register (and a person's own list).
pub(super) async fn register(
    pool: &sqlx::Pool<Db>,
    person: Option<PersonId>,
    org: Option<OrganisationId>,
) -> Result<Vec<ConsentRecord>, StoreError> {
    let names: Vec<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT c.id, p.given_name, p.family_name, o.name FROM recorded_consents c \
         JOIN people p ON p.id = c.person_id JOIN organisations o ON o.id = c.organisation_id \
         WHERE ($1 OR c.organisation_id = $2) AND ($3 OR c.person_id = $4)",
    )
    .bind(org.is_none())
    .bind(org.map_or(Uuid::nil(), |o| o.0))
    .bind(person.is_none())
    .bind(person.map_or(Uuid::nil(), |p| p.0))
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    let mut out = Vec::new();
    for c in list(pool, org, person).await? {
        let Some((_, given, family, organisation)) = names.iter().find(|n| n.0 == c.id.0) else {
            continue;
        };
        out.push(ConsentRecord {
            name: format!("{given} {family}"),
            organisation: organisation.clone(),
            purpose: c.purpose.clone(),
            given: c.given_on.map_or_else(|| "Declined".to_owned(), long_date),
            how: format!("{} (recorded by {})", c.way.label(), c.recorded_by),
            withdrawn: c.withdrawn_on.map(|d| {
                if c.withdrawn_by.is_empty() {
                    long_date(d)
                } else {
                    format!("{} (recorded by {})", long_date(d), c.withdrawn_by)
                }
            }),
            can_withdraw: c.in_force().then_some(c.id),
        });
    }
    Ok(out)
}

//! The [`MatchStore`] implementation (match profiles, matches, contacts) and their writes.
//! Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::NaiveDate;
use domain::Labelled;
use domain::ids::*;
use domain::support::{Contact, Match, MatchProfile};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::support_rows::{
    CONTACT_COLUMNS, ContactRow, MATCH_COLUMNS, MatchRow, PROFILE_COLUMNS, ProfileRow,
};
use crate::{db_error, sql};

/// The statuses in which a match takes one of the volunteer's places.
const OPEN: &str = "('proposed', 'accepted', 'introduced', 'active')";

#[async_trait]
impl MatchStore for ThisStore {
    async fn match_profiles_of(&self, person: PersonId) -> Result<Vec<MatchProfile>, StoreError> {
        let rows: Vec<ProfileRow> = sqlx::query_as(sql(format!(
            "SELECT {PROFILE_COLUMNS} FROM match_profiles WHERE person_id = $1 ORDER BY organisation_id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ProfileRow::into_domain).collect()
    }

    async fn match_profiles(&self, org: OrganisationId) -> Result<Vec<MatchProfile>, StoreError> {
        let rows: Vec<ProfileRow> = sqlx::query_as(sql(format!(
            "SELECT {PROFILE_COLUMNS} FROM match_profiles WHERE organisation_id = $1 ORDER BY person_id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ProfileRow::into_domain).collect()
    }

    async fn matches(&self, org: OrganisationId) -> Result<Vec<Match>, StoreError> {
        let rows: Vec<MatchRow> = sqlx::query_as(sql(format!(
            "SELECT {MATCH_COLUMNS} FROM matches WHERE organisation_id = $1 ORDER BY proposed_at DESC, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(MatchRow::into_domain).collect()
    }

    async fn match_by_id(
        &self,
        org: OrganisationId,
        id: MatchId,
    ) -> Result<Option<Match>, StoreError> {
        let row: Option<MatchRow> = sqlx::query_as(sql(format!(
            "SELECT {MATCH_COLUMNS} FROM matches WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(MatchRow::into_domain).transpose()
    }

    async fn matches_of_volunteer(&self, person: PersonId) -> Result<Vec<Match>, StoreError> {
        let rows: Vec<MatchRow> = sqlx::query_as(sql(format!(
            "SELECT {MATCH_COLUMNS} FROM matches WHERE volunteer_id = $1 ORDER BY proposed_at DESC, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(MatchRow::into_domain).collect()
    }

    async fn contacts(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<Contact>, StoreError> {
        let rows: Vec<ContactRow> = sqlx::query_as(sql(format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE organisation_id = $1 AND supported_person_id = $2 \
             ORDER BY on_date DESC, logged_at DESC"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ContactRow::into_domain).collect()
    }

    async fn last_contacts(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(MatchId, NaiveDate)>, StoreError> {
        let rows: Vec<(Uuid, NaiveDate)> = sqlx::query_as(
            "SELECT match_id, MAX(on_date) FROM contacts WHERE organisation_id = $1 GROUP BY match_id",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(|(m, d)| (MatchId(m), d)).collect())
    }
}

async fn propose(tx: &mut Transaction<'_, Db>, m: &Match) -> Result<(), StoreError> {
    // A no-op update locks the volunteer's profile (a row lock on PostgreSQL, the write lock
    // on SQLite), so two invitations at once cannot both take their last place.
    let locked = sqlx::query(
        "UPDATE match_profiles SET capacity = capacity WHERE organisation_id = $1 AND person_id = $2",
    )
    .bind(m.organisation_id.0)
    .bind(m.volunteer_id.0)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if locked.rows_affected() != 1 {
        return Err(StoreError::Conflict(
            "This volunteer has not offered person-to-person support".into(),
        ));
    }
    let (capacity, open): (i32, i64) = sqlx::query_as(sql(format!(
        "SELECT p.capacity, (SELECT COUNT(*) FROM matches m WHERE m.organisation_id = p.organisation_id \
         AND m.volunteer_id = p.person_id AND m.status IN {OPEN}) \
         FROM match_profiles p WHERE p.organisation_id = $1 AND p.person_id = $2"
    )))
    .bind(m.organisation_id.0)
    .bind(m.volunteer_id.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    if open >= i64::from(capacity) {
        return Err(StoreError::Conflict(
            "This volunteer has no room to support anyone else".into(),
        ));
    }
    sqlx::query(sql(format!(
        "INSERT INTO matches ({MATCH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    )))
    .bind(m.organisation_id.0)
    .bind(m.id.0)
    .bind(m.supported_person_id.0)
    .bind(m.volunteer_id.0)
    .bind(m.role_id.0)
    .bind(m.support_type.code())
    .bind(m.status.code())
    .bind(i32::try_from(m.fit_score).unwrap_or(i32::MAX))
    .bind(&m.reasons)
    .bind(i32::try_from(m.contact_every_days).unwrap_or(i32::MAX))
    .bind(m.proposed_at)
    .bind(m.updated_at)
    .bind(m.started_on)
    .bind(&m.end_reason)
    .execute(&mut **tx)
    .await
    .map_err(|e| match db_error(e) {
        StoreError::Conflict(_) => StoreError::Conflict(
            "This volunteer has already been invited to support this person".into(),
        ),
        other => other,
    })?;
    Ok(())
}

async fn insert_contact(tx: &mut Transaction<'_, Db>, c: &Contact) -> Result<(), StoreError> {
    sqlx::query(sql(format!(
        "INSERT INTO contacts ({CONTACT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    )))
    .bind(c.organisation_id.0)
    .bind(c.id.0)
    .bind(c.match_id.0)
    .bind(c.supported_person_id.0)
    .bind(c.volunteer_id.0)
    .bind(c.on)
    .bind(i32::try_from(c.minutes).unwrap_or(i32::MAX))
    .bind(c.kind.code())
    .bind(&c.note)
    .bind(c.concerns)
    .bind(c.logged_by.0)
    .bind(c.logged_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Applies one write of match profiles, matches and contacts, passing the rest on.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &SupportWrite,
) -> Result<(), StoreError> {
    match w {
        SupportWrite::SetMatchProfile(p) => {
            let types: Vec<&str> = p.support_types.iter().map(|t| t.code()).collect();
            sqlx::query(sql(format!(
                "INSERT INTO match_profiles ({PROFILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (organisation_id, person_id) DO UPDATE SET capacity = excluded.capacity, \
                 travel_miles = excluded.travel_miles, days = excluded.days, gender = excluded.gender, \
                 support_types = excluded.support_types"
            )))
            .bind(p.organisation_id.0)
            .bind(p.person_id.0)
            .bind(i32::try_from(p.capacity).unwrap_or(0))
            .bind(i32::try_from(p.travel_miles).unwrap_or(0))
            .bind(i32::try_from(p.days.bits()).unwrap_or(0))
            .bind(p.gender.map(|g| g.code()))
            .bind(types.join("\n"))
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        SupportWrite::ProposeMatch(m) => propose(tx, m).await,
        SupportWrite::SetMatchStatus {
            org,
            id,
            from,
            to,
            at,
            started_on,
            end_reason,
        } => {
            let r = sqlx::query(
                "UPDATE matches SET status = $3, updated_at = $4, started_on = COALESCE($5, started_on), \
                 end_reason = $6 WHERE organisation_id = $1 AND id = $2 AND status = $7",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(to.code())
            .bind(*at)
            .bind(*started_on)
            .bind(end_reason)
            .bind(from.code())
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict(
                    "This match changed while you were looking. Reload the page and try again"
                        .into(),
                ))
            }
        }
        SupportWrite::InsertContact(c) => insert_contact(tx, c).await,
        other => super::support_feedback::write(tx, other).await,
    }
}

//! The [`WaitlistStore`] implementation, and the writes of waiting lists for full shifts and
//! the offers of freed places. Compiled once per backend.
//!
//! Offers are made here, under the shift's lock, so the count of free places cannot change
//! while they are handed out. Locks are always taken shift first, then waiting-list rows, then
//! the person (as in booking), so these writes never deadlock with each other or with bookings.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::notification::{Channel, NotificationKind};
use domain::notify::{Medium, medium_for, sms_text};
use domain::rota::{OfferNotice, WaitlistEntry, WaitlistStatus, offer_expiry, places_to_offer};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::waitlist_rows::WaitlistDbRow;
use crate::{db_error, sql};

const COLUMNS: &str = "w.organisation_id, w.id, w.shift_id, w.person_id, w.status, w.joined_at, \
     w.offered_at, w.offer_expires_at, w.closed_at";

#[async_trait]
impl WaitlistStore for ThisStore {
    async fn waitlist_of_shift(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<WaitlistEntry>, StoreError> {
        let rows: Vec<WaitlistDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM waitlist_entries w WHERE w.organisation_id = $1 AND w.shift_id = $2 \
             ORDER BY w.joined_at, w.id"
        )))
        .bind(org.0)
        .bind(shift.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(WaitlistDbRow::into_domain).collect()
    }

    async fn waitlist_entry(
        &self,
        org: OrganisationId,
        id: WaitlistEntryId,
    ) -> Result<Option<WaitlistEntry>, StoreError> {
        let row: Option<WaitlistDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM waitlist_entries w WHERE w.organisation_id = $1 AND w.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(WaitlistDbRow::into_domain).transpose()
    }

    async fn waitlist_of_person(&self, person: PersonId) -> Result<Vec<WaitlistEntry>, StoreError> {
        let rows: Vec<WaitlistDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM waitlist_entries w WHERE w.person_id = $1 \
             ORDER BY w.joined_at DESC, w.id LIMIT 200"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(WaitlistDbRow::into_domain).collect()
    }

    async fn shifts_with_lapsed_offers(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(OrganisationId, ShiftId)>, StoreError> {
        let rows: Vec<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT DISTINCT organisation_id, shift_id FROM waitlist_entries \
             WHERE status = 'offered' AND offer_expires_at <= $1 LIMIT 1000",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(o, s)| (OrganisationId(o), ShiftId(s)))
            .collect())
    }
}

/// Applies one waiting-list write, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::JoinWaitlist(e) => join(tx, e).await,
        Write::CloseWaitlistEntry {
            organisation_id,
            id,
            from,
            to,
            at,
        } => close(tx, *organisation_id, *id, *from, *to, *at).await,
        Write::OfferFreedPlaces {
            organisation_id,
            shift_id,
            now,
            link,
        } => offer_freed_places(tx, *organisation_id, *shift_id, *now, link).await,
        other => super::commitments::write(tx, other).await,
    }
}

/// Locks the shift's row (a no-op update) and returns its maximum, whether it is cancelled, and
/// its times; `None` if there is no such shift.
async fn lock_shift(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    shift: ShiftId,
) -> Result<Option<(i32, bool, DateTime<Utc>, DateTime<Utc>)>, StoreError> {
    sqlx::query_as(
        "UPDATE shifts SET max_volunteers = max_volunteers WHERE organisation_id = $1 AND id = $2 \
         RETURNING max_volunteers, cancelled, starts_at, ends_at",
    )
    .bind(org.0)
    .bind(shift.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)
}

async fn join(tx: &mut Transaction<'_, Db>, e: &WaitlistEntry) -> Result<(), StoreError> {
    let Some((_, cancelled, _, _)) = lock_shift(tx, e.organisation_id, e.shift_id).await? else {
        return Err(StoreError::Conflict("This shift no longer exists".into()));
    };
    if cancelled {
        return Err(StoreError::Conflict("This shift has been cancelled".into()));
    }
    sqlx::query(
        "INSERT INTO waitlist_entries (organisation_id, id, shift_id, person_id, status, joined_at, \
         offered_at, offer_expires_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.organisation_id.0)
    .bind(e.id.0)
    .bind(e.shift_id.0)
    .bind(e.person_id.0)
    .bind(e.status.code())
    .bind(e.joined_at)
    .bind(e.offered_at)
    .bind(e.offer_expires_at)
    .bind(e.closed_at)
    .execute(&mut **tx)
    .await
    .map_err(|err| match db_error(err) {
        StoreError::Conflict(_) => {
            StoreError::Conflict("You are already on the waiting list for this shift".into())
        }
        other => other,
    })?;
    Ok(())
}

async fn close(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: WaitlistEntryId,
    from: WaitlistStatus,
    to: WaitlistStatus,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let shift: Option<(Uuid,)> = sqlx::query_as(
        "SELECT shift_id FROM waitlist_entries WHERE organisation_id = $1 AND id = $2",
    )
    .bind(org.0)
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    let Some((shift,)) = shift else {
        return Err(StoreError::Conflict(
            "This waiting-list place no longer exists".into(),
        ));
    };
    lock_shift(tx, org, ShiftId(shift)).await?;
    let live = from != WaitlistStatus::Offered;
    let r = sqlx::query(
        "UPDATE waitlist_entries SET status = $3, closed_at = $4 \
         WHERE organisation_id = $1 AND id = $2 AND status = $5 \
         AND ($6 OR offer_expires_at > $4)",
    )
    .bind(org.0)
    .bind(id.0)
    .bind(to.code())
    .bind(at)
    .bind(from.code())
    .bind(live)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else if from == WaitlistStatus::Offered {
        Err(StoreError::Conflict(
            "This offer has run out and the place has gone to the next person waiting".into(),
        ))
    } else {
        Err(StoreError::Conflict(
            "You are no longer on this waiting list".into(),
        ))
    }
}

/// A volunteer who books a shift they were waiting for has taken their place on the list.
pub(super) async fn booked_from_list(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    shift: ShiftId,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE waitlist_entries SET status = 'accepted', closed_at = $4 \
         WHERE organisation_id = $1 AND shift_id = $2 AND person_id = $3 \
         AND status IN ('waiting', 'offered')",
    )
    .bind(org.0)
    .bind(shift.0)
    .bind(person.0)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

async fn offer_freed_places(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    shift: ShiftId,
    now: DateTime<Utc>,
    link: &str,
) -> Result<(), StoreError> {
    let Some((max, cancelled, starts_at, ends_at)) = lock_shift(tx, org, shift).await? else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE waitlist_entries SET status = 'expired', closed_at = offer_expires_at \
         WHERE organisation_id = $1 AND shift_id = $2 AND status = 'offered' AND offer_expires_at <= $3",
    )
    .bind(org.0)
    .bind(shift.0)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    let Some(expires_at) = offer_expiry(now, starts_at).filter(|_| !cancelled) else {
        return Ok(());
    };
    let (booked, held): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM bookings WHERE organisation_id = $1 AND shift_id = $2 AND status = 'booked'), \
         (SELECT COUNT(*) FROM waitlist_entries WHERE organisation_id = $1 AND shift_id = $2 AND status = 'offered')",
    )
    .bind(org.0)
    .bind(shift.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    let count = |n: i64| u16::try_from(n).unwrap_or(u16::MAX);
    let free = places_to_offer(u16::try_from(max).unwrap_or(0), count(booked), count(held));
    if free == 0 {
        return Ok(());
    }
    // The place is offered whatever their choice; the message only if they want one, by the
    // channel they chose (see `App::volunteer_message`, whose rule this follows).
    let next: Vec<(Uuid, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT w.id, p.email, p.phone, (SELECT np.channel FROM notification_preferences np \
         WHERE np.person_id = w.person_id AND np.kind = 'waitlist_offer') \
         FROM waitlist_entries w JOIN people p ON p.id = w.person_id \
         WHERE w.organisation_id = $1 AND w.shift_id = $2 AND w.status = 'waiting' \
         ORDER BY w.joined_at, w.id LIMIT $3",
    )
    .bind(org.0)
    .bind(shift.0)
    .bind(i64::from(free))
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    if next.is_empty() {
        return Ok(());
    }
    let (role, site): (String, String) = sqlx::query_as(
        "SELECT r.title, si.name FROM shifts s JOIN roles r ON r.organisation_id = s.organisation_id AND r.id = s.role_id \
         JOIN sites si ON si.organisation_id = s.organisation_id AND si.id = s.site_id \
         WHERE s.organisation_id = $1 AND s.id = $2",
    )
    .bind(org.0)
    .bind(shift.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    let notice = OfferNotice {
        role: &role,
        site: &site,
        starts_at,
        ends_at,
        expires_at,
        link,
    };
    let sends_sms = super::notify::sends_sms(tx, org).await?;
    for (id, email, phone, chosen) in next {
        sqlx::query(
            "UPDATE waitlist_entries SET status = 'offered', offered_at = $3, offer_expires_at = $4 \
             WHERE organisation_id = $1 AND id = $2",
        )
        .bind(org.0)
        .bind(id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
        let chosen = chosen
            .as_deref()
            .and_then(Channel::from_code)
            .unwrap_or(Channel::Email);
        let phone = phone.filter(|p| !p.is_empty());
        let email = OutboxMessage::email(&email, &notice.subject(), notice.body(), now)
            .from_organisation(org, Some(NotificationKind::WaitlistOffer));
        let message = match (medium_for(chosen, sends_sms && phone.is_some()), phone) {
            (None, _) => continue,
            (Some(Medium::Sms), Some(phone)) => OutboxMessage {
                medium: Medium::Sms,
                body: sms_text(&email.subject, &email.body),
                to: phone,
                ..email
            },
            (Some(_), _) => email,
        };
        super::records::insert_message(tx, &message).await?;
    }
    Ok(())
}

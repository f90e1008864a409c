//! The [`SupportStore`] implementation (service users, carers, referrals, postcode locations)
//! and their writes. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use domain::Labelled;
use domain::ids::*;
use domain::support::{CarerLink, Location, Referral, SupportedPerson};
use sqlx::{QueryBuilder, Transaction};
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::support_rows::{PERSON_COLUMNS, PersonRow, REFERRAL_COLUMNS, ReferralRow};
use crate::{db_error, sql};

#[async_trait]
impl SupportStore for ThisStore {
    async fn supported_people(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<SupportedPerson>, StoreError> {
        let rows: Vec<PersonRow> = sqlx::query_as(sql(format!(
            "SELECT {PERSON_COLUMNS} FROM supported_people WHERE organisation_id = $1 \
             ORDER BY family_name, given_name, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(PersonRow::into_domain).collect()
    }

    async fn supported_person(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<SupportedPerson>, StoreError> {
        let row: Option<PersonRow> = sqlx::query_as(sql(format!(
            "SELECT {PERSON_COLUMNS} FROM supported_people WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(PersonRow::into_domain).transpose()
    }

    async fn health_notes(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT notes FROM health_notes WHERE organisation_id = $1 AND supported_person_id = $2",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)
    }

    async fn carer_links(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<CarerLink>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
            "SELECT carer_id, cared_for_id, relationship FROM carer_links \
             WHERE organisation_id = $1 AND (carer_id = $2 OR cared_for_id = $2) \
             ORDER BY carer_id, cared_for_id",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(|(carer, cared_for, relationship)| {
                Ok(CarerLink {
                    organisation_id: org,
                    carer_id: SupportedPersonId(carer),
                    cared_for_id: SupportedPersonId(cared_for),
                    relationship: crate::rows::code(&relationship)?,
                })
            })
            .collect()
    }

    async fn referrals(&self, org: OrganisationId) -> Result<Vec<Referral>, StoreError> {
        let rows: Vec<ReferralRow> = sqlx::query_as(sql(format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE organisation_id = $1 \
             ORDER BY received_at, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ReferralRow::into_domain).collect()
    }

    async fn referral(
        &self,
        org: OrganisationId,
        id: ReferralId,
    ) -> Result<Option<Referral>, StoreError> {
        let row: Option<ReferralRow> = sqlx::query_as(sql(format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(ReferralRow::into_domain).transpose()
    }

    async fn support_feedback(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<domain::support::SupportFeedback>, StoreError> {
        self.read_support_feedback(org, id).await
    }

    async fn support_feedback_token(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<String>, StoreError> {
        self.read_support_feedback_token(org, id).await
    }

    async fn support_feedback_link(
        &self,
        token: &str,
    ) -> Result<Option<(OrganisationId, SupportedPersonId)>, StoreError> {
        self.read_support_feedback_link(token).await
    }

    async fn staff_contact(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<PersonId>, StoreError> {
        self.read_staff_contact(org, id).await
    }

    async fn postcode_locations(
        &self,
        postcodes: &[String],
    ) -> Result<Vec<(String, Location)>, StoreError> {
        let mut found = Vec::new();
        // Bounded batches keep each statement under SQLite's parameter limit.
        for batch in postcodes.chunks(500) {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT postcode, latitude, longitude FROM postcode_locations WHERE postcode IN (",
            );
            let mut list = q.separated(", ");
            for p in batch {
                list.push_bind(p.clone());
            }
            q.push(")");
            let rows: Vec<(String, f64, f64)> = q
                .build_query_as()
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
            found.extend(rows.into_iter().map(|(p, latitude, longitude)| {
                (
                    p,
                    Location {
                        latitude,
                        longitude,
                    },
                )
            }));
        }
        Ok(found)
    }
}

/// Binds a person's details as `$1`..`$21`, the order both the insert and the update use.
fn bind_details<'q>(
    q: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    p: &'q SupportedPerson,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    q.bind(p.organisation_id.0)
        .bind(p.id.0)
        .bind(p.person_id.map(|x| x.0))
        .bind(&p.given_name)
        .bind(&p.family_name)
        .bind(p.email.as_ref().map(|e| e.to_string()))
        .bind(p.phone.as_ref().map(|x| x.as_str().to_owned()))
        .bind(&p.address)
        .bind(p.postcode.as_ref().map(|x| x.to_string()))
        .bind(p.date_of_birth)
        .bind(&p.age_band)
        .bind(&p.language)
        .bind(&p.communication_needs)
        .bind(&p.access_needs)
        .bind(p.volunteer_gender.map(|g| g.code()))
        .bind(p.interests.join("\n"))
        .bind(i32::try_from(p.days.bits()).unwrap_or(0))
        .bind(p.consent_to_support.map(|c| c.given_on))
        .bind(p.consent_to_support.map(|c| c.method.code()))
        .bind(p.consent_to_data.map(|c| c.given_on))
        .bind(p.consent_to_data.map(|c| c.method.code()))
}

async fn insert_person(
    tx: &mut Transaction<'_, Db>,
    p: &SupportedPerson,
) -> Result<(), StoreError> {
    let q = sqlx::query(sql(format!(
        "INSERT INTO supported_people ({PERSON_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
    )));
    bind_details(q, p)
        .bind(p.status.map(|s| s.code()))
        .bind(&p.closure_reason)
        .bind(p.created_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(())
}

async fn update_person(
    tx: &mut Transaction<'_, Db>,
    p: &SupportedPerson,
) -> Result<(), StoreError> {
    let q = sqlx::query(
        "UPDATE supported_people SET person_id = $3, given_name = $4, family_name = $5, email = $6, \
         phone = $7, address = $8, postcode = $9, date_of_birth = $10, age_band = $11, language = $12, \
         communication_needs = $13, access_needs = $14, volunteer_gender = $15, interests = $16, \
         days = $17, consent_to_support_on = $18, consent_to_support_method = $19, \
         consent_to_data_on = $20, consent_to_data_method = $21 \
         WHERE organisation_id = $1 AND id = $2",
    );
    let r = bind_details(q, p)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    one(r.rows_affected(), "This person's record no longer exists")
}

fn one(affected: u64, message: &str) -> Result<(), StoreError> {
    if affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(message.to_owned()))
    }
}

async fn insert_referral(tx: &mut Transaction<'_, Db>, r: &Referral) -> Result<(), StoreError> {
    sqlx::query(sql(format!(
        "INSERT INTO referrals ({REFERRAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16)"
    )))
    .bind(r.organisation_id.0)
    .bind(r.id.0)
    .bind(r.supported_person_id.0)
    .bind(r.source.code())
    .bind(&r.referrer_name)
    .bind(r.referrer_email.as_ref().map(|e| e.to_string()))
    .bind(r.referred_by.map(|p| p.0))
    .bind(r.partner_organisation_id.map(|o| o.0))
    .bind(r.support_type.code())
    .bind(r.urgency.code())
    .bind(&r.need)
    .bind(r.received_at)
    .bind(r.status.code())
    .bind(&r.decision_note)
    .bind(r.decided_at)
    .bind(r.decided_by.map(|p| p.0))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Applies one write of the triangle of support, passing the rest on.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &SupportWrite,
) -> Result<(), StoreError> {
    match w {
        SupportWrite::InsertPerson(p) => insert_person(tx, p).await,
        SupportWrite::UpdatePerson(p) => update_person(tx, p).await,
        SupportWrite::SetStatus {
            org,
            id,
            from,
            to,
            reason,
        } => {
            let r = sqlx::query(
                "UPDATE supported_people SET status = $3, closure_reason = $4 \
                 WHERE organisation_id = $1 AND id = $2 AND status IS NOT DISTINCT FROM $5",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(to.code())
            .bind(reason)
            .bind(from.map(|s| s.code()))
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            one(
                r.rows_affected(),
                "Their status changed while you were looking. Reload the page and try again",
            )
        }
        SupportWrite::SetHealthNotes {
            org,
            id,
            notes,
            by,
            at,
        } => {
            sqlx::query(
                "INSERT INTO health_notes (organisation_id, supported_person_id, notes, updated_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, supported_person_id) \
                 DO UPDATE SET notes = excluded.notes, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(notes)
            .bind(by.0)
            .bind(*at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        SupportWrite::LinkCarer(l) => {
            sqlx::query(
                "INSERT INTO carer_links (organisation_id, carer_id, cared_for_id, relationship) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, carer_id, cared_for_id) \
                 DO UPDATE SET relationship = excluded.relationship",
            )
            .bind(l.organisation_id.0)
            .bind(l.carer_id.0)
            .bind(l.cared_for_id.0)
            .bind(l.relationship.code())
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        SupportWrite::InsertReferral(r) => insert_referral(tx, r).await,
        SupportWrite::DecideReferral {
            org,
            id,
            status,
            note,
            by,
            at,
        } => {
            let r = sqlx::query(
                "UPDATE referrals SET status = $3, decision_note = $4, decided_by = $5, decided_at = $6 \
                 WHERE organisation_id = $1 AND id = $2 AND status = 'new'",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(status.code())
            .bind(note)
            .bind(by.0)
            .bind(*at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            one(r.rows_affected(), "This referral has already been decided")
        }
        SupportWrite::PutPostcodeLocations(rows) => {
            for batch in rows.chunks(300) {
                let mut q = QueryBuilder::<Db>::new(
                    "INSERT INTO postcode_locations (postcode, latitude, longitude) ",
                );
                q.push_values(batch, |mut b, (postcode, at)| {
                    b.push_bind(postcode.clone())
                        .push_bind(at.latitude)
                        .push_bind(at.longitude);
                });
                q.push(
                    " ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, \
                     longitude = excluded.longitude",
                );
                q.build().execute(&mut **tx).await.map_err(db_error)?;
            }
            Ok(())
        }
        other => super::matches::write(tx, other).await,
    }
}

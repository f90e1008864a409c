//! The [`QualityStore`] implementation, and the writes of survey plans, invitations, responses,
//! licences (handing anything else on to the outcome writes).
//! Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::instruments::{self, Answers};
use domain::surveys::{
    InstrumentLicence, Respondent, SurveyInvitation, SurveyPlan, SurveyResponse,
    instruments_from_codes, instruments_to_codes,
};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::rows::code;
use crate::{db_error, sql};

const INVITATION: &str = "organisation_id, id, person_id, role_id, site_id, occasion, instruments, \
     anonymous, sent_at, closes_at, remind_at, reminded, answered";
const RESPONSE: &str = "organisation_id, id, occasion, instrument, instrument_version, person_id, \
     role_id, site_id, answered_on, answers";

fn corrupt(what: &str) -> StoreError {
    StoreError::Other(format!("a stored {what} is not valid"))
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    role_id: Option<Uuid>,
    site_id: Option<Uuid>,
    occasion: String,
    instruments: String,
    anonymous: bool,
    sent_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    remind_at: Option<DateTime<Utc>>,
    reminded: bool,
    answered: bool,
}

impl InvitationRow {
    fn into_domain(self) -> Result<SurveyInvitation, StoreError> {
        Ok(SurveyInvitation {
            id: SurveyInvitationId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            role_id: self.role_id.map(RoleId),
            site_id: self.site_id.map(SiteId),
            occasion: code(&self.occasion)?,
            instruments: instruments_from_codes(&self.instruments),
            anonymous: self.anonymous,
            sent_at: self.sent_at,
            closes_at: self.closes_at,
            remind_at: self.remind_at,
            reminded: self.reminded,
            answered: self.answered,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ResponseRow {
    organisation_id: Uuid,
    id: Uuid,
    occasion: String,
    instrument: String,
    instrument_version: i32,
    person_id: Option<Uuid>,
    role_id: Option<Uuid>,
    site_id: Option<Uuid>,
    answered_on: NaiveDate,
    answers: String,
}

impl ResponseRow {
    fn into_domain(self) -> Result<SurveyResponse, StoreError> {
        let version = u16::try_from(self.instrument_version).map_err(|_| corrupt("response"))?;
        let instrument =
            instruments::find(&self.instrument, version).ok_or_else(|| corrupt("instrument"))?;
        let answers: Answers =
            serde_json::from_str(&self.answers).map_err(|_| corrupt("set of answers"))?;
        Ok(SurveyResponse {
            id: SurveyResponseId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            occasion: code(&self.occasion)?,
            instrument,
            respondent: self.person_id.map_or(Respondent::Anonymous, |p| {
                Respondent::Identified(PersonId(p))
            }),
            role_id: self.role_id.map(RoleId),
            site_id: self.site_id.map(SiteId),
            answered_on: self.answered_on,
            answers,
        })
    }
}

type PlanRow = (Uuid, String, bool, String, bool, i32, i32, i32);
type CandidateRow = (
    Uuid,
    Uuid,
    Uuid,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    String,
);

fn candidate(
    (org, person, role, activated_at, ended_at, status): CandidateRow,
) -> Result<SurveyCandidate, StoreError> {
    Ok(SurveyCandidate {
        organisation_id: OrganisationId(org),
        person_id: PersonId(person),
        role_id: RoleId(role),
        activated_at,
        ended_at,
        engagement: code(&status)?,
    })
}

fn days(n: i32) -> Result<u16, StoreError> {
    u16::try_from(n).map_err(|_| corrupt("survey plan"))
}

#[async_trait]
impl QualityStore for ThisStore {
    async fn instrument_licences(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<InstrumentLicence>, StoreError> {
        let rows: Vec<(String, NaiveDate, String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT instrument, registered_on, reference, recorded_by, recorded_at \
             FROM instrument_licences WHERE organisation_id = $1 ORDER BY instrument",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .filter_map(
                |(instrument, registered_on, reference, recorded_by, recorded_at)| {
                    let instrument = instruments::ALL.iter().find(|i| i.code == instrument)?;
                    Some(InstrumentLicence {
                        organisation_id: org,
                        instrument: instrument.code,
                        registered_on,
                        reference,
                        recorded_by,
                        recorded_at,
                    })
                },
            )
            .collect())
    }

    async fn survey_plans(&self, org: OrganisationId) -> Result<Vec<SurveyPlan>, StoreError> {
        let rows: Vec<PlanRow> = sqlx::query_as(
            "SELECT organisation_id, occasion, enabled, instruments, anonymous, close_after_days, \
             remind_after_days, pulse_one_in FROM survey_plans WHERE organisation_id = $1",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(
                |(o, occasion, enabled, list, anonymous, close, remind, one_in)| {
                    Ok(SurveyPlan {
                        organisation_id: OrganisationId(o),
                        occasion: code(&occasion)?,
                        enabled,
                        instruments: instruments_from_codes(&list),
                        anonymous,
                        close_after_days: days(close)?,
                        remind_after_days: days(remind)?,
                        pulse_one_in: days(one_in)?,
                    })
                },
            )
            .collect()
    }

    async fn survey_candidates(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<SurveyCandidate>, StoreError> {
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT p.organisation_id, p.person_id, p.role_id, p.activated_at, p.ended_at, e.status \
             FROM placements p JOIN engagements e \
               ON e.organisation_id = p.organisation_id AND e.person_id = p.person_id \
             WHERE p.activated_at IS NOT NULL AND (p.activated_at >= $1 OR p.ended_at >= $1) \
             ORDER BY p.organisation_id, p.person_id, p.activated_at",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(candidate).collect()
    }

    async fn placement_history(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<SurveyCandidate>, StoreError> {
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT p.organisation_id, p.person_id, p.role_id, p.activated_at, p.ended_at, e.status \
             FROM placements p JOIN engagements e \
               ON e.organisation_id = p.organisation_id AND e.person_id = p.person_id \
             WHERE p.organisation_id = $1 AND p.activated_at IS NOT NULL \
             ORDER BY p.person_id, p.activated_at",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(candidate).collect()
    }

    async fn survey_invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<SurveyInvitation>, StoreError> {
        let row: Option<InvitationRow> = sqlx::query_as(sql(format!(
            "SELECT {INVITATION} FROM survey_invitations WHERE token_hash = $1 \
             OR reminder_token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(InvitationRow::into_domain).transpose()
    }

    async fn survey_invitation(
        &self,
        org: OrganisationId,
        id: SurveyInvitationId,
    ) -> Result<Option<SurveyInvitation>, StoreError> {
        let row: Option<InvitationRow> = sqlx::query_as(sql(format!(
            "SELECT {INVITATION} FROM survey_invitations WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(InvitationRow::into_domain).transpose()
    }

    async fn survey_reminders_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<SurveyInvitation>, StoreError> {
        let rows: Vec<InvitationRow> = sqlx::query_as(sql(format!(
            "SELECT {INVITATION} FROM survey_invitations WHERE reminded = $1 AND answered = $1 \
             AND remind_at <= $2 AND closes_at > $2 ORDER BY remind_at"
        )))
        .bind(false)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(InvitationRow::into_domain).collect()
    }

    async fn survey_invitations_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<SurveyInvitation>, StoreError> {
        let rows: Vec<InvitationRow> = sqlx::query_as(sql(format!(
            "SELECT {INVITATION} FROM survey_invitations WHERE person_id = $1 ORDER BY sent_at DESC"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(InvitationRow::into_domain).collect()
    }

    async fn survey_responses(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SurveyResponse>, StoreError> {
        let rows: Vec<ResponseRow> = sqlx::query_as(sql(format!(
            "SELECT {RESPONSE} FROM survey_responses WHERE organisation_id = $1 \
             AND answered_on >= $2 AND answered_on <= $3 ORDER BY answered_on, id"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ResponseRow::into_domain).collect()
    }

    async fn survey_responses_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<SurveyResponse>, StoreError> {
        let rows: Vec<ResponseRow> = sqlx::query_as(sql(format!(
            "SELECT {RESPONSE} FROM survey_responses WHERE person_id = $1 ORDER BY answered_on, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ResponseRow::into_domain).collect()
    }
}

fn one(result: <Db as sqlx::Database>::QueryResult, what: &str) -> Result<(), StoreError> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(what.into()))
    }
}

/// Applies one write of survey data.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::PutInstrumentLicence(l) => {
            sqlx::query(
                "DELETE FROM instrument_licences WHERE organisation_id = $1 AND instrument = $2",
            )
            .bind(l.organisation_id.0)
            .bind(l.instrument)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            sqlx::query(
                "INSERT INTO instrument_licences (organisation_id, instrument, registered_on, \
                 reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(l.organisation_id.0)
            .bind(l.instrument)
            .bind(l.registered_on)
            .bind(&l.reference)
            .bind(&l.recorded_by)
            .bind(l.recorded_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::PutSurveyPlan(p) => {
            sqlx::query("DELETE FROM survey_plans WHERE organisation_id = $1 AND occasion = $2")
                .bind(p.organisation_id.0)
                .bind(p.occasion.code())
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query(
                "INSERT INTO survey_plans (organisation_id, occasion, enabled, instruments, \
                 anonymous, close_after_days, remind_after_days, pulse_one_in) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(p.organisation_id.0)
            .bind(p.occasion.code())
            .bind(p.enabled)
            .bind(instruments_to_codes(&p.instruments))
            .bind(p.anonymous)
            .bind(i32::from(p.close_after_days))
            .bind(i32::from(p.remind_after_days))
            .bind(i32::from(p.pulse_one_in))
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::InsertSurveyInvitation(i, token_hash, subject) => {
            sqlx::query(sql(format!(
                "INSERT INTO survey_invitations ({INVITATION}, subject, token_hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            )))
            .bind(i.organisation_id.0)
            .bind(i.id.0)
            .bind(i.person_id.0)
            .bind(i.role_id.map(|r| r.0))
            .bind(i.site_id.map(|r| r.0))
            .bind(i.occasion.code())
            .bind(instruments_to_codes(&i.instruments))
            .bind(i.anonymous)
            .bind(i.sent_at)
            .bind(i.closes_at)
            .bind(i.remind_at)
            .bind(i.reminded)
            .bind(i.answered)
            .bind(subject)
            .bind(token_hash)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::MarkSurveyReminded(org, id, token_hash) => {
            let r = sqlx::query(
                "UPDATE survey_invitations SET reminded = $3, reminder_token_hash = $4 \
                 WHERE organisation_id = $1 AND id = $2",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(true)
            .bind(token_hash)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            one(r, "This survey invitation no longer exists")?;
        }
        Write::AnswerSurveyInvitation(org, id) => {
            let r = sqlx::query(
                "UPDATE survey_invitations SET answered = $3 \
                 WHERE organisation_id = $1 AND id = $2 AND answered = $4",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(true)
            .bind(false)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            one(r, "This survey has already been answered")?;
        }
        Write::InsertSurveyResponse(r) => {
            let answers = serde_json::to_string(&r.answers)
                .map_err(|e| StoreError::Other(format!("saving answers: {e}")))?;
            sqlx::query(sql(format!(
                "INSERT INTO survey_responses ({RESPONSE}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            )))
            .bind(r.organisation_id.0)
            .bind(r.id.0)
            .bind(r.occasion.code())
            .bind(r.instrument.code)
            .bind(i32::from(r.instrument.version))
            .bind(r.person_id().map(|p| p.0))
            .bind(r.role_id.map(|p| p.0))
            .bind(r.site_id.map(|p| p.0))
            .bind(r.answered_on)
            .bind(answers)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        other => return super::outcomes::write(tx, other).await,
    }
    Ok(())
}

//! Applying network writes inside a transaction. Compiled once per backend.

use app::StoreError;
use app::ports::{NetworkWrite, RoleListing, VolunteerReferral};
use domain::Labelled;
use domain::network::Network;
use domain::network::membership::{Member, NetworkMember};
use domain::network::recognition::{Agreement, Party};
use domain::network::role_template::RoleTemplate;
use sqlx::Transaction;

use super::Db;
use crate::db_error;
use crate::network_rows::indicators_json;

fn changed(result: <Db as sqlx::Database>::QueryResult, what: &str) -> Result<(), StoreError> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(format!(
            "{what} was changed by someone else; reload and try again"
        )))
    }
}

/// Applies one network write.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &NetworkWrite,
) -> Result<(), StoreError> {
    match w {
        NetworkWrite::InsertNetwork(n) => put_network(tx, n, true).await,
        NetworkWrite::UpdateNetwork(n) => put_network(tx, n, false).await,
        NetworkWrite::SetCoordinator(network, person, on) => {
            let sql = if *on {
                "INSERT INTO network_coordinators (network_id, person_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING"
            } else {
                "DELETE FROM network_coordinators WHERE network_id = $1 AND person_id = $2"
            };
            sqlx::query(sql)
                .bind(network.0)
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            Ok(())
        }
        NetworkWrite::InsertMember(m) => put_member(tx, m, true).await,
        NetworkWrite::UpdateMember(m) => put_member(tx, m, false).await,
        NetworkWrite::RecordRenewal(network, r) => {
            // Moves the date on only from the one the renewal was worked out from, so two
            // coordinators recording the same payment cannot add two years.
            let moved = sqlx::query(
                "UPDATE network_members SET renews_on = $3 WHERE network_id = $1 AND id = $2 \
                 AND ended_on IS NULL AND renews_on IS NOT DISTINCT FROM $4",
            )
            .bind(network.0)
            .bind(r.member_id.0)
            .bind(r.renews_on)
            .bind(r.previous_renews_on)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(moved, "The membership")?;
            sqlx::query(
                "INSERT INTO network_renewals (network_id, member_id, paid_on, amount_pence, \
                 previous_renews_on, renews_on, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(network.0)
            .bind(r.member_id.0)
            .bind(r.paid_on)
            .bind(r.amount.0)
            .bind(r.previous_renews_on)
            .bind(r.renews_on)
            .bind(&r.recorded_by)
            .bind(r.recorded_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        NetworkWrite::InsertRoleTemplates(templates) => {
            for t in templates {
                insert_template(tx, t).await?;
            }
            Ok(())
        }
        NetworkWrite::UpdateRoleTemplate {
            template: t,
            expected_updated_at,
        } => {
            let done = sqlx::query(
                "UPDATE role_templates SET title = $3, summary = $4, description = $5, \
                 activities = $6, time_commitment = $7, minimum_age = $8, \
                 non_substitution_statement = $9, updated_at = $10 \
                 WHERE network_id = $1 AND id = $2 AND updated_at = $11 AND withdrawn_at IS NULL",
            )
            .bind(t.network_id.0)
            .bind(t.id.0)
            .bind(&t.title)
            .bind(&t.summary)
            .bind(&t.description)
            .bind(&t.activities)
            .bind(&t.time_commitment)
            .bind(i32::try_from(t.minimum_age).unwrap_or(18))
            .bind(&t.non_substitution_statement)
            .bind(t.updated_at)
            .bind(expected_updated_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(done, "The template")
        }
        NetworkWrite::WithdrawRoleTemplate(network, id, at) => {
            let done = sqlx::query(
                "UPDATE role_templates SET withdrawn_at = $3 \
                 WHERE network_id = $1 AND id = $2 AND withdrawn_at IS NULL",
            )
            .bind(network.0)
            .bind(id.0)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(done, "The template")
        }
        NetworkWrite::RecordTemplateUse {
            organisation_id,
            role_id,
            network_id,
            template_id,
            at,
        } => {
            sqlx::query(
                "INSERT INTO role_template_uses (organisation_id, role_id, network_id, template_id, \
                 copied_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(organisation_id.0)
            .bind(role_id.0)
            .bind(network_id.0)
            .bind(template_id.0)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        NetworkWrite::InsertAgreement(a) => insert_agreement(tx, a).await,
        NetworkWrite::SignAgreement(agreement, party) => sign(tx, *agreement, party).await,
        NetworkWrite::EndAgreement(agreement, at) => {
            let r = sqlx::query(
                "UPDATE recognition_agreements SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL",
            )
            .bind(agreement.0)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(r, "The agreement")
        }
        NetworkWrite::GrantConsent(c) => {
            sqlx::query(
                "INSERT INTO passport_consents (id, person_id, from_organisation_id, \
                 to_organisation_id, granted_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)",
            )
            .bind(c.id.0)
            .bind(c.person_id.0)
            .bind(c.from_organisation_id.0)
            .bind(c.to_organisation_id.0)
            .bind(c.granted_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        NetworkWrite::RevokeConsent(person, id, at) => {
            let r = sqlx::query(
                "UPDATE passport_consents SET revoked_at = $3 WHERE person_id = $1 AND id = $2 \
                 AND revoked_at IS NULL",
            )
            .bind(person.0)
            .bind(id.0)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(r, "This consent")
        }
        NetworkWrite::InsertRecognition(r) => {
            // Only under a consent that is still live: a consent stopped while the recognition
            // was being worked out stops it.
            let done = sqlx::query(
                "INSERT INTO check_recognitions (organisation_id, check_id, from_organisation_id, \
                 from_organisation_name, source_check_id, agreement_id, consent_id, verified_on, \
                 recognised_at) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 \
                 WHERE EXISTS (SELECT 1 FROM passport_consents WHERE id = $7 AND revoked_at IS NULL \
                 AND to_organisation_id = $1 AND from_organisation_id = $3)",
            )
            .bind(r.organisation_id.0)
            .bind(r.check_id.0)
            .bind(r.from_organisation_id.0)
            .bind(&r.from_organisation_name)
            .bind(r.source_check_id.0)
            .bind(r.agreement_id.0)
            .bind(r.consent_id.0)
            .bind(r.verified_on)
            .bind(r.recognised_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if done.rows_affected() == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict(
                    "The volunteer has stopped sharing their checks".into(),
                ))
            }
        }
        NetworkWrite::ListRole(l, listed) => list_role(tx, l, *listed).await,
        NetworkWrite::InsertVolunteerReferral(r) => insert_referral(tx, r).await,
    }
}

async fn put_network(
    tx: &mut Transaction<'_, Db>,
    n: &Network,
    insert: bool,
) -> Result<(), StoreError> {
    let sql = if insert {
        "INSERT INTO networks (id, name, slug, kind, description, contact_email, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    } else {
        "UPDATE networks SET name = $2, slug = $3, kind = $4, description = $5, contact_email = $6 \
         WHERE id = $1 AND created_at = $7"
    };
    let r = sqlx::query(sql)
        .bind(n.id.0)
        .bind(&n.name)
        .bind(n.slug.as_str())
        .bind(n.kind.code())
        .bind(&n.description)
        .bind(n.contact_email.as_ref().map(|e| e.to_string()))
        .bind(n.created_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    changed(r, "The network")
}

async fn put_member(
    tx: &mut Transaction<'_, Db>,
    m: &NetworkMember,
    insert: bool,
) -> Result<(), StoreError> {
    let sql = if insert {
        "INSERT INTO network_members (network_id, id, organisation_id, person_id, name, email, \
         job_title, employer, joined_on, renews_on, annual_fee_pence, ended_on, in_directory, \
         directory_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    } else {
        "UPDATE network_members SET organisation_id = $3, person_id = $4, name = $5, email = $6, \
         job_title = $7, employer = $8, joined_on = $9, renews_on = $10, annual_fee_pence = $11, \
         ended_on = $12, in_directory = $13, directory_note = $14 \
         WHERE network_id = $1 AND id = $2"
    };
    let (org, person, email, job_title, employer) = match &m.member {
        Member::Organisation {
            organisation_id, ..
        } => (Some(organisation_id.0), None, None, "", ""),
        Member::Individual {
            person_id,
            email,
            job_title,
            employer,
            ..
        } => (
            None,
            person_id.map(|p| p.0),
            Some(email.to_string()),
            job_title.as_str(),
            employer.as_str(),
        ),
    };
    let r = sqlx::query(sql)
        .bind(m.network_id.0)
        .bind(m.id.0)
        .bind(org)
        .bind(person)
        .bind(m.name())
        .bind(email)
        .bind(job_title)
        .bind(employer)
        .bind(m.joined_on)
        .bind(m.renews_on)
        .bind(m.annual_fee.map(|p| p.0))
        .bind(m.ended_on)
        .bind(m.in_directory)
        .bind(&m.directory_note)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    changed(r, "The membership")
}

async fn insert_template(tx: &mut Transaction<'_, Db>, t: &RoleTemplate) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO role_templates (network_id, id, title, summary, description, setting, \
         activities, time_commitment, minimum_age, dbs_level, dbs_workforce, references_required, \
         requirement_codes, non_substitution_statement, indicators, source_organisation_id, \
         source_name, published_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19)",
    )
    .bind(t.network_id.0)
    .bind(t.id.0)
    .bind(&t.title)
    .bind(&t.summary)
    .bind(&t.description)
    .bind(t.setting.code())
    .bind(&t.activities)
    .bind(&t.time_commitment)
    .bind(i32::try_from(t.minimum_age).unwrap_or(18))
    .bind(t.dbs_level.code())
    .bind(t.dbs_workforce.map(|w| w.code()))
    .bind(i32::try_from(t.references_required).unwrap_or(0))
    .bind(t.requirement_codes.join("\n"))
    .bind(&t.non_substitution_statement)
    .bind(indicators_json(&t.indicators))
    .bind(t.source_organisation_id.map(|o| o.0))
    .bind(&t.source_name)
    .bind(t.published_at)
    .bind(t.updated_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

async fn insert_agreement(tx: &mut Transaction<'_, Db>, a: &Agreement) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO recognition_agreements (id, name, network_id, mou_reference, created_at, \
         ended_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(a.id.0)
    .bind(&a.name)
    .bind(a.network_id.map(|n| n.0))
    .bind(&a.mou_reference)
    .bind(a.created_at)
    .bind(a.ended_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    for p in &a.parties {
        put_party(tx, a, p).await?;
    }
    Ok(())
}

async fn put_party(
    tx: &mut Transaction<'_, Db>,
    a: &Agreement,
    p: &Party,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agreement_parties (agreement_id, organisation_id, signed_at, signed_by) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(a.id.0)
    .bind(p.organisation_id.0)
    .bind(p.signed_at)
    .bind(&p.signed_by)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    put_terms(tx, a.id, p).await
}

async fn put_terms(
    tx: &mut Transaction<'_, Db>,
    agreement: domain::ids::AgreementId,
    p: &Party,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM agreement_terms WHERE agreement_id = $1 AND organisation_id = $2")
        .bind(agreement.0)
        .bind(p.organisation_id.0)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    for t in &p.accepts {
        sqlx::query(
            "INSERT INTO agreement_terms (agreement_id, organisation_id, code, name, max_age_months) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(agreement.0)
        .bind(p.organisation_id.0)
        .bind(&t.code)
        .bind(&t.name)
        .bind(t.max_age_months.and_then(|m| i32::try_from(m).ok()))
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

/// A party signs: a network member joining an open agreement is added; a named party's row is
/// signed. Refused once the agreement has ended.
async fn sign(
    tx: &mut Transaction<'_, Db>,
    agreement: domain::ids::AgreementId,
    p: &Party,
) -> Result<(), StoreError> {
    let live: Option<bool> =
        sqlx::query_scalar("SELECT ended_at IS NULL FROM recognition_agreements WHERE id = $1")
            .bind(agreement.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_error)?;
    if live != Some(true) {
        return Err(StoreError::Conflict("This agreement has ended".into()));
    }
    let updated = sqlx::query(
        "UPDATE agreement_parties SET signed_at = $3, signed_by = $4 \
         WHERE agreement_id = $1 AND organisation_id = $2",
    )
    .bind(agreement.0)
    .bind(p.organisation_id.0)
    .bind(p.signed_at)
    .bind(&p.signed_by)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, organisation_id, signed_at, signed_by) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(agreement.0)
        .bind(p.organisation_id.0)
        .bind(p.signed_at)
        .bind(&p.signed_by)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    put_terms(tx, agreement, p).await
}

async fn list_role(
    tx: &mut Transaction<'_, Db>,
    l: &RoleListing,
    listed: bool,
) -> Result<(), StoreError> {
    let sql = if listed {
        "INSERT INTO network_role_listings (organisation_id, role_id, network_id, listed_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM network_role_listings WHERE organisation_id = $1 AND role_id = $2 \
         AND network_id = $3 AND listed_at <= $4"
    };
    sqlx::query(sql)
        .bind(l.organisation_id.0)
        .bind(l.role_id.0)
        .bind(l.network_id.0)
        .bind(l.listed_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(())
}

async fn insert_referral(
    tx: &mut Transaction<'_, Db>,
    r: &VolunteerReferral,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO volunteer_referrals (id, network_id, from_organisation_id, to_organisation_id, \
         person_id, role_id, application_id, note, consent_on, referred_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(r.id.0)
    .bind(r.network_id.0)
    .bind(r.from_organisation_id.0)
    .bind(r.to_organisation_id.0)
    .bind(r.person_id.0)
    .bind(r.role_id.0)
    .bind(r.application_id.map(|a| a.0))
    .bind(&r.note)
    .bind(r.consent_on)
    .bind(&r.referred_by)
    .bind(r.created_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

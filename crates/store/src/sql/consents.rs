//! Consents, gathered from where they are recorded: passport consents (with withdrawal),
//! service users' consent to support and to their information being used, referrals between
//! organisations, equality answers, and those recorded on their own form. Compiled once per
//! backend.

use app::StoreError;
use app::ports::ConsentRecord;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::{OrganisationId, PersonId};
use domain::support::ConsentMethod;
use uuid::Uuid;

use super::Db;
use crate::db_error;

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn long_time(t: DateTime<Utc>) -> String {
    domain::rota::from_utc(t)
        .format("%-d %B %Y, %H:%M")
        .to_string()
}

fn method(code: Option<String>) -> String {
    code.as_deref()
        .and_then(ConsentMethod::from_code)
        .map_or_else(|| "Not recorded".to_owned(), |m| m.label().to_owned())
}

/// Given and family name, from and to organisations, granted and revoked.
type PassportRow = (
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// A person's consents (everywhere, or with `org` only there), or with no person every consent
/// given to `org`.
pub(super) async fn consents(
    pool: &sqlx::Pool<Db>,
    person: Option<PersonId>,
    org: Option<OrganisationId>,
) -> Result<Vec<ConsentRecord>, StoreError> {
    let any_person = person.is_none();
    let p = person.map_or(Uuid::nil(), |p| p.0);
    let any_org = org.is_none();
    let o = org.map_or(Uuid::nil(), |o| o.0);
    let mut out = Vec::new();

    let passport: Vec<PassportRow> =
            sqlx::query_as(
                "SELECT p.given_name, p.family_name, f.name, t.name, c.granted_at, c.revoked_at \
                 FROM passport_consents c JOIN people p ON p.id = c.person_id \
                 JOIN organisations f ON f.id = c.from_organisation_id \
                 JOIN organisations t ON t.id = c.to_organisation_id \
                 WHERE ($1 OR c.person_id = $2) AND ($3 OR c.from_organisation_id = $4 OR c.to_organisation_id = $4) \
                 ORDER BY c.granted_at",
            )
            .bind(any_person)
            .bind(p)
            .bind(any_org)
            .bind(o)
            .fetch_all(pool)
            .await
            .map_err(db_error)?;
    for (given, family, from, to, granted, revoked) in passport {
        out.push(ConsentRecord {
            name: format!("{given} {family}"),
            organisation: to.clone(),
            purpose: format!("Share checks verified by {from} with {to} (volunteer passport)"),
            given: long_time(granted),
            how: "Ticked on their volunteer passport page".into(),
            withdrawn: revoked.map(long_time),
            can_withdraw: None,
        });
    }

    type SupportRow = (
        String,
        String,
        String,
        Option<NaiveDate>,
        Option<String>,
        Option<NaiveDate>,
        Option<String>,
    );
    let supported: Vec<SupportRow> = sqlx::query_as(
        "SELECT s.given_name, s.family_name, o.name, s.consent_to_support_on, \
             s.consent_to_support_method, s.consent_to_data_on, s.consent_to_data_method \
             FROM supported_people s JOIN organisations o ON o.id = s.organisation_id \
             WHERE ($1 OR s.person_id = $2) AND ($3 OR s.organisation_id = $4) \
             AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.subject_id = s.id) \
             ORDER BY s.family_name, s.given_name",
    )
    .bind(any_person)
    .bind(p)
    .bind(any_org)
    .bind(o)
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    for (given, family, organisation, support_on, support_how, data_on, data_how) in supported {
        let name = format!("{given} {family}");
        if let Some(on) = support_on {
            out.push(ConsentRecord {
                name: name.clone(),
                organisation: organisation.clone(),
                purpose: "To be supported by volunteers".into(),
                given: long_date(on),
                how: method(support_how),
                withdrawn: None,
                can_withdraw: None,
            });
        }
        if let Some(on) = data_on {
            out.push(ConsentRecord {
                name,
                organisation: organisation.clone(),
                purpose: "For their information to be kept and used to arrange support".into(),
                given: long_date(on),
                how: method(data_how),
                withdrawn: None,
                can_withdraw: None,
            });
        }
    }

    let referred: Vec<(String, String, String, String, NaiveDate, String)> = sqlx::query_as(
            "SELECT p.given_name, p.family_name, f.name, t.name, r.consent_on, r.referred_by \
             FROM volunteer_referrals r JOIN people p ON p.id = r.person_id \
             JOIN organisations f ON f.id = r.from_organisation_id \
             JOIN organisations t ON t.id = r.to_organisation_id \
             WHERE ($1 OR r.person_id = $2) AND ($3 OR r.from_organisation_id = $4 OR r.to_organisation_id = $4) \
             ORDER BY r.consent_on",
        )
        .bind(any_person)
        .bind(p)
        .bind(any_org)
        .bind(o)
        .fetch_all(pool)
        .await
        .map_err(db_error)?;
    for (given, family, from, to, on, by) in referred {
        out.push(ConsentRecord {
            name: format!("{given} {family}"),
            organisation: from.clone(),
            purpose: format!("To be referred by {from} to a role with {to}"),
            given: long_date(on),
            how: format!("Agreed with {by}"),
            withdrawn: None,
            can_withdraw: None,
        });
    }

    out.extend(super::recorded_consents::register(pool, person, org).await?);

    // Equality answers are the person's own, never an organisation's.
    if let (Some(person), None) = (person, org) {
        let answered: Option<(DateTime<Utc>,)> =
            sqlx::query_as("SELECT recorded_at FROM equality_monitoring WHERE person_id = $1")
                .bind(person.0)
                .fetch_optional(pool)
                .await
                .map_err(db_error)?;
        if let Some((at,)) = answered {
            out.push(ConsentRecord {
                name: String::new(),
                organisation: "Alongside".into(),
                purpose: "Equality monitoring answers, used only in totals of five or more".into(),
                given: long_time(at),
                how: "Answered on their About you page (removing the answers withdraws it)".into(),
                withdrawn: None,
                can_withdraw: None,
            });
        }
    }
    Ok(out)
}

//! The [`PrivacyStore`] implementation: a person's records read table by table from
//! `personal_data::SOURCES`, consents gathered from where they are recorded, retention rules and
//! the people they reach, erasure records and retention reports. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::privacy::{
    ErasureBlock, ErasureReason, ErasureRecord, ErasureSubject, RetentionCutoffs, RetentionPolicy,
};
use uuid::Uuid;

use super::ThisStore;
use crate::personal_data::SOURCES;
use crate::{db_error, sql};

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The policy as stored: numbers kept as 32-bit integers, checked by the table.
fn policy(leavers: Option<i32>, unsuccessful: Option<i32>, closed: Option<i32>) -> RetentionPolicy {
    let n = |v: Option<i32>| v.and_then(|v| u16::try_from(v).ok());
    RetentionPolicy {
        leavers_after_years: n(leavers),
        unsuccessful_after_months: n(unsuccessful),
        closed_service_users_after_years: n(closed),
    }
}

type ErasureRow = (
    Uuid,
    Uuid,
    String,
    Uuid,
    String,
    String,
    Option<Uuid>,
    DateTime<Utc>,
    bool,
    String,
);

fn erasure(
    (org, id, subject, subject_id, reason, note, by, at, profile, removed): ErasureRow,
) -> ErasureRecord {
    ErasureRecord {
        id: ErasureId(id),
        organisation_id: OrganisationId(org),
        subject: ErasureSubject::from_code(&subject).unwrap_or(ErasureSubject::Person),
        subject_id,
        reason: ErasureReason::from_code(&reason).unwrap_or(ErasureReason::Request),
        note,
        erased_by: by.map(PersonId),
        erased_at: at,
        profile_erased: profile,
        removed: lines(&removed),
    }
}

const OPEN_CONCERN: &str = "SELECT COUNT(*) FROM concerns c WHERE c.organisation_id = $2 AND ({}) \
     AND NOT EXISTS (SELECT 1 FROM concern_entries e WHERE e.organisation_id = c.organisation_id \
     AND e.concern_id = c.id AND e.kind = 'closed')";

#[async_trait]
impl PrivacyStore for ThisStore {
    async fn personal_records(
        &self,
        person: PersonId,
        org: Option<OrganisationId>,
    ) -> Result<Vec<PersonalRecords>, StoreError> {
        let mut out = Vec::new();
        for s in SOURCES {
            let text = match (org, s.organisation) {
                (None, _) => format!("SELECT * FROM {} WHERE ({})", s.table, s.person),
                (Some(_), None) => continue,
                (Some(_), Some(clause)) => {
                    format!(
                        "SELECT * FROM {} WHERE ({}) AND ({clause})",
                        s.table, s.person
                    )
                }
            };
            let binds_org = text.contains("$2");
            let mut query = sqlx::query(sql(text)).bind(person.0);
            if let Some(o) = org.filter(|_| binds_org) {
                query = query.bind(o.0);
            }
            let rows = query.fetch_all(&self.pool).await.map_err(db_error)?;
            let (rows, withheld) = match s.withheld {
                Some(why) => (Vec::new(), Some((why, rows.len()))),
                None => (
                    rows.iter()
                        .map(super::json_row)
                        .collect::<Result<Vec<_>, _>>()?,
                    None,
                ),
            };
            out.push(PersonalRecords {
                section: s.section,
                title: s.title,
                about: s.about,
                rows,
                withheld,
            });
        }
        Ok(out)
    }

    async fn receipt_files(
        &self,
        person: PersonId,
        org: Option<OrganisationId>,
    ) -> Result<Vec<ReceiptFile>, StoreError> {
        let rows: Vec<(Uuid, String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT r.claim_id, r.file_name, r.content_type, r.content FROM expense_receipts r \
             JOIN expense_claims c ON c.organisation_id = r.organisation_id AND c.id = r.claim_id \
             WHERE c.person_id = $1 AND ($2 OR r.organisation_id = $3) ORDER BY r.claim_id",
        )
        .bind(person.0)
        .bind(org.is_none())
        .bind(org.map_or(Uuid::nil(), |o| o.0))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(claim, file_name, content_type, content)| ReceiptFile {
                claim_id: ExpenseClaimId(claim),
                file_name,
                content_type,
                content,
            })
            .collect())
    }

    async fn consents(
        &self,
        person: Option<PersonId>,
        org: Option<OrganisationId>,
    ) -> Result<Vec<ConsentRecord>, StoreError> {
        super::consents::consents(&self.pool, person, org).await
    }

    async fn recorded_consents(
        &self,
        org: Option<OrganisationId>,
        person: Option<PersonId>,
    ) -> Result<Vec<domain::privacy::consent::RecordedConsent>, StoreError> {
        super::recorded_consents::list(&self.pool, org, person).await
    }

    async fn privacy_settings(
        &self,
        org: OrganisationId,
    ) -> Result<Option<PrivacySettings>, StoreError> {
        let row: Option<(Option<i32>, Option<i32>, Option<i32>, Option<String>)> = sqlx::query_as(
            "SELECT leavers_after_years, unsuccessful_after_months, closed_service_users_after_years, \
             notice FROM privacy_settings WHERE organisation_id = $1",
        )
        .bind(org.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(|(l, u, c, notice)| PrivacySettings {
            retention: policy(l, u, c),
            notice,
        }))
    }

    async fn organisations_with_retention(&self) -> Result<Vec<OrganisationId>, StoreError> {
        let rows: Vec<(Uuid,)> = sqlx::query_as(
            "SELECT organisation_id FROM privacy_settings WHERE leavers_after_years IS NOT NULL \
             OR unsuccessful_after_months IS NOT NULL OR closed_service_users_after_years IS NOT NULL \
             ORDER BY organisation_id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(|(o,)| OrganisationId(o)).collect())
    }

    async fn erasure_blocks(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<ErasureBlock>, StoreError> {
        let mut blocks = Vec::new();
        let open: (i64,) = sqlx::query_as(sql(OPEN_CONCERN.replace(
            "{}",
            "c.volunteer_id = $1 OR c.raised_by = $1 OR c.supported_person_id IN \
             (SELECT id FROM supported_people WHERE organisation_id = $2 AND person_id = $1)",
        )))
        .bind(person.0)
        .bind(org.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        if open.0 > 0 {
            blocks.push(ErasureBlock::OpenConcern);
        }
        let (unsettled, involved, staff, support): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM expense_claims WHERE organisation_id = $2 AND person_id = $1 \
              AND status IN ('submitted', 'queried', 'approved')), \
             (SELECT COUNT(*) FROM engagements WHERE organisation_id = $2 AND person_id = $1 \
              AND status IN ('onboarding', 'active', 'paused')), \
             (SELECT COUNT(*) FROM staff_members WHERE organisation_id = $2 AND person_id = $1), \
             (SELECT COUNT(*) FROM supported_people WHERE organisation_id = $2 AND person_id = $1 \
              AND status IS NOT NULL AND status <> 'closed')",
        )
        .bind(person.0)
        .bind(org.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        if unsettled > 0 {
            blocks.push(ErasureBlock::UnsettledExpenses(
                usize::try_from(unsettled).unwrap_or(usize::MAX),
            ));
        }
        if involved > 0 {
            blocks.push(ErasureBlock::StillInvolved);
        }
        if staff > 0 {
            blocks.push(ErasureBlock::Staff);
        }
        if support > 0 {
            blocks.push(ErasureBlock::SupportOpen);
        }
        Ok(blocks)
    }

    async fn supported_person_erasure_blocks(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<ErasureBlock>, StoreError> {
        let open: (i64,) =
            sqlx::query_as(sql(OPEN_CONCERN.replace("{}", "c.supported_person_id = $1")))
                .bind(id.0)
                .bind(org.0)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
        let (open_support,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM supported_people WHERE organisation_id = $2 AND id = $1 \
             AND status IS NOT NULL AND status <> 'closed'",
        )
        .bind(id.0)
        .bind(org.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        let mut blocks = Vec::new();
        if open.0 > 0 {
            blocks.push(ErasureBlock::OpenConcern);
        }
        if open_support > 0 {
            blocks.push(ErasureBlock::SupportOpen);
        }
        Ok(blocks)
    }

    async fn held_elsewhere(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<bool, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM engagements WHERE person_id = $1 AND organisation_id <> $2) + \
             (SELECT COUNT(*) FROM staff_members WHERE person_id = $1 AND organisation_id <> $2) + \
             (SELECT COUNT(*) FROM supported_people WHERE person_id = $1 AND organisation_id <> $2) + \
             (SELECT COUNT(*) FROM network_coordinators WHERE person_id = $1) + \
             (SELECT COUNT(*) FROM network_members WHERE person_id = $1) + \
             (SELECT COUNT(*) FROM resources WHERE owner_person_id = $1)",
        )
        .bind(person.0)
        .bind(org.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(n > 0)
    }

    async fn erasures(&self, org: OrganisationId) -> Result<Vec<ErasureRecord>, StoreError> {
        let rows: Vec<ErasureRow> = sqlx::query_as(
            "SELECT organisation_id, id, subject, subject_id, reason, note, erased_by, erased_at, \
             profile_erased, removed FROM erasures WHERE organisation_id = $1 \
             ORDER BY erased_at DESC, id DESC",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(erasure).collect())
    }

    async fn retention_candidates(
        &self,
        org: OrganisationId,
        cutoffs: &RetentionCutoffs,
    ) -> Result<Vec<RetentionCandidate>, StoreError> {
        let mut out = Vec::new();
        let person = |rule: ErasureReason| {
            move |(id, given, family, since): (Uuid, String, String, DateTime<Utc>)| {
                RetentionCandidate {
                    subject: ErasureSubject::Person,
                    id,
                    name: format!("{given} {family}"),
                    rule,
                    since,
                }
            }
        };
        if let Some(cutoff) = cutoffs.leavers {
            let rows: Vec<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
                "SELECT p.id, p.given_name, p.family_name, MAX(v.at) FROM engagements g \
                 JOIN people p ON p.id = g.person_id \
                 JOIN engagement_events v ON v.organisation_id = g.organisation_id \
                   AND v.engagement_id = g.id AND v.to_status = 'left' \
                 WHERE g.organisation_id = $1 AND g.status = 'left' AND p.erased_at IS NULL \
                 GROUP BY p.id, p.given_name, p.family_name HAVING MAX(v.at) < $2 \
                 ORDER BY MAX(v.at)",
            )
            .bind(org.0)
            .bind(cutoff)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            out.extend(rows.into_iter().map(person(ErasureReason::Leavers)));
        }
        if let Some(cutoff) = cutoffs.unsuccessful {
            // Never placed here, nothing open or accepted, and nothing moved since the cut-off.
            let rows: Vec<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
                "SELECT p.id, p.given_name, p.family_name, MAX(COALESCE(v.at, a.submitted_at)) \
                 FROM engagements g JOIN people p ON p.id = g.person_id \
                 JOIN applications a ON a.organisation_id = g.organisation_id AND a.person_id = g.person_id \
                 LEFT JOIN application_events v ON v.organisation_id = a.organisation_id AND v.application_id = a.id \
                 WHERE g.organisation_id = $1 AND g.status IN ('enquiry', 'applicant', 'left') \
                 AND p.erased_at IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.organisation_id = $1 AND pl.person_id = g.person_id) \
                 AND NOT EXISTS (SELECT 1 FROM applications o WHERE o.organisation_id = $1 \
                   AND o.person_id = g.person_id AND o.status IN ('submitted', 'screening', 'accepted')) \
                 GROUP BY p.id, p.given_name, p.family_name \
                 HAVING MAX(COALESCE(v.at, a.submitted_at)) < $2 \
                 ORDER BY MAX(COALESCE(v.at, a.submitted_at))",
            )
            .bind(org.0)
            .bind(cutoff)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            // Someone who left after an unsuccessful application is reached by one rule only.
            for c in rows.into_iter().map(person(ErasureReason::Unsuccessful)) {
                if !out.iter().any(|o: &RetentionCandidate| o.id == c.id) {
                    out.push(c);
                }
            }
        }
        if let Some(cutoff) = cutoffs.closed_service_users {
            // Closed on the latest "closed" audit entry, else when a referral was decided, else
            // when the record was made.
            let rows: Vec<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
                "SELECT id, given_name, family_name, closed FROM (\
                   SELECT s.id, s.given_name, s.family_name, COALESCE(\
                     (SELECT MAX(l.at) FROM audit_log l WHERE l.organisation_id = s.organisation_id \
                      AND l.entity_id = s.id AND l.action = 'supported_person.closed'), \
                     (SELECT MAX(r.decided_at) FROM referrals r WHERE r.organisation_id = s.organisation_id \
                      AND r.supported_person_id = s.id), \
                     s.created_at) AS closed \
                   FROM supported_people s WHERE s.organisation_id = $1 AND s.status = 'closed' \
                   AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.organisation_id = $1 AND e.subject_id = s.id)\
                 ) t WHERE closed < $2 ORDER BY closed",
            )
            .bind(org.0)
            .bind(cutoff)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            out.extend(
                rows.into_iter()
                    .map(|(id, given, family, since)| RetentionCandidate {
                        subject: ErasureSubject::SupportedPerson,
                        id,
                        name: format!("{given} {family}"),
                        rule: ErasureReason::ClosedServiceUser,
                        since,
                    }),
            );
        }
        Ok(out)
    }

    async fn retention_runs(
        &self,
        org: OrganisationId,
        limit: u32,
    ) -> Result<Vec<RetentionRun>, StoreError> {
        let rows: Vec<(Uuid, DateTime<Utc>, Option<Uuid>, String)> = sqlx::query_as(
            "SELECT id, ran_at, ran_by, report FROM retention_runs WHERE organisation_id = $1 \
             ORDER BY ran_at DESC, id DESC LIMIT $2",
        )
        .bind(org.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, ran_at, ran_by, report)| RetentionRun {
                id: RetentionRunId(id),
                organisation_id: org,
                ran_at,
                ran_by: ran_by.map(PersonId),
                report: lines(&report),
            })
            .collect())
    }

    async fn subject_access_requests(
        &self,
        person: PersonId,
    ) -> Result<Vec<SubjectAccessRequest>, StoreError> {
        let rows: Vec<(Uuid, Option<Uuid>, Option<Uuid>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT id, organisation_id, requested_by, requested_at FROM subject_access_requests \
             WHERE person_id = $1 ORDER BY requested_at DESC, id DESC",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, org, by, at)| SubjectAccessRequest {
                id: SubjectAccessRequestId(id),
                person_id: person,
                organisation_id: org.map(OrganisationId),
                requested_by: by.map(PersonId),
                requested_at: at,
            })
            .collect())
    }
}

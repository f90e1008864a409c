//! Read helpers that need more than one query. Compiled once per backend.

use std::collections::HashMap;

use app::StoreError;
use app::ports::{
    ApplicationRow, ApplicationSearch, EngagementCounts, Page, VolunteerRow, VolunteerSearch,
};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::{OrganisationId, SiteId};
use domain::role::Role;
use sqlx::{Pool, QueryBuilder};
use uuid::Uuid;

use super::Db;
use crate::rows::{ApplicationRowDb, PersonRow, RoleRow, code};
use crate::{count, db_error};
use domain::engagement::{Engagement, EngagementStatus, LeavingReason};
use domain::ids::EngagementId;

pub(super) const ROLE_COLUMNS: &str = "r.organisation_id, r.id, r.title, r.summary, r.description, r.setting, r.activities, \
     r.time_commitment, r.minimum_age, r.dbs_level, r.status, r.non_substitution_statement, \
     r.dbs_workforce, r.references_required, r.requirement_type_ids";

pub(super) const APPLICATION_SELECT: &str = "SELECT a.organisation_id, a.id, a.person_id, a.engagement_id, a.role_id, a.status, \
     a.motivation, a.availability, a.submitted_at, r.title AS role_title, p.given_name, p.family_name, \
     o.name AS organisation_name, o.slug AS organisation_slug \
     FROM applications a \
     JOIN roles r ON r.organisation_id = a.organisation_id AND r.id = a.role_id \
     JOIN people p ON p.id = a.person_id \
     JOIN organisations o ON o.id = a.organisation_id ";

/// Attaches each role's sites (one query for all the roles).
pub(super) async fn with_sites(
    pool: &Pool<Db>,
    rows: Vec<RoleRow>,
) -> Result<Vec<Role>, StoreError> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    // Filtered by organisation as well as role, so the query stays within the tenants asked about.
    let mut organisations: Vec<Uuid> = rows.iter().map(|r| r.organisation_id).collect();
    organisations.sort();
    organisations.dedup();
    let mut q = QueryBuilder::<Db>::new(
        "SELECT role_id, site_id FROM role_sites WHERE organisation_id IN (",
    );
    let mut orgs = q.separated(", ");
    for org in &organisations {
        orgs.push_bind(*org);
    }
    q.push(") AND role_id IN (");
    let mut ids = q.separated(", ");
    for r in &rows {
        ids.push_bind(r.id);
    }
    q.push(") ORDER BY site_id");
    let pairs: Vec<(Uuid, Uuid)> = q.build_query_as().fetch_all(pool).await.map_err(db_error)?;
    let mut sites: HashMap<Uuid, Vec<SiteId>> = HashMap::new();
    for (role, site) in pairs {
        sites.entry(role).or_default().push(SiteId(site));
    }
    rows.into_iter()
        .map(|r| {
            let s = sites.remove(&r.id).unwrap_or_default();
            r.into_domain(s)
        })
        .collect()
}

fn volunteer_filters(q: &mut QueryBuilder<Db>, org: OrganisationId, search: &VolunteerSearch) {
    q.push(" FROM engagements e JOIN people p ON p.id = e.person_id WHERE e.organisation_id = ")
        .push_bind(org.0);
    let words = search.keywords.trim().to_lowercase();
    for word in words.split_whitespace() {
        let pattern = format!("%{}%", word.replace(['\\', '%', '_'], ""));
        q.push(" AND (LOWER(p.given_name) LIKE ")
            .push_bind(pattern.clone())
            .push(" OR LOWER(p.family_name) LIKE ")
            .push_bind(pattern.clone())
            .push(" OR LOWER(p.preferred_name) LIKE ")
            .push_bind(pattern.clone())
            .push(" OR p.email LIKE ")
            .push_bind(pattern)
            .push(")");
    }
    if let Some(status) = search.status {
        q.push(" AND e.status = ").push_bind(status.code());
    }
    if let Some(role) = search.role_id {
        q.push(" AND EXISTS (SELECT 1 FROM applications a WHERE a.organisation_id = e.organisation_id AND a.person_id = e.person_id AND a.role_id = ")
            .push_bind(role.0)
            .push(")");
    }
    if let Some(sites) = &search.limit_to_sites {
        q.push(
            " AND EXISTS (SELECT 1 FROM applications a JOIN role_sites rs ON rs.organisation_id = a.organisation_id \
             AND rs.role_id = a.role_id WHERE a.organisation_id = e.organisation_id AND a.person_id = e.person_id AND rs.site_id IN (",
        );
        push_sites(q, sites);
        q.push("))");
    }
}

/// One page of volunteers, by family name.
pub(super) async fn volunteers(
    pool: &Pool<Db>,
    org: OrganisationId,
    search: &VolunteerSearch,
) -> Result<Page<VolunteerRow>, StoreError> {
    let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*)");
    volunteer_filters(&mut count, org, search);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_error)?;

    let mut q = QueryBuilder::<Db>::new(
        "SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.email, p.phone, p.date_of_birth, p.postcode, \
         p.languages, p.skills, p.interests, p.accessibility_needs, NULL AS password_hash, \
         e.id AS engagement_id, e.status, e.started_at, e.leaving_reason, e.leaving_note",
    );
    volunteer_filters(&mut q, org, search);
    q.push(" ORDER BY p.family_name, p.given_name, p.id LIMIT ")
        .push_bind(i64::from(search.per_page))
        .push(" OFFSET ")
        .push_bind(i64::from(search.page.saturating_sub(1)) * i64::from(search.per_page));
    let rows = q.build().fetch_all(pool).await.map_err(db_error)?;
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        use sqlx::{FromRow, Row};
        let person = PersonRow::from_row(row).map_err(db_error)?.into_domain()?;
        let status: String = row.try_get("status").map_err(db_error)?;
        let leaving_reason: Option<String> = row.try_get("leaving_reason").map_err(db_error)?;
        let engagement = Engagement {
            id: EngagementId(row.try_get("engagement_id").map_err(db_error)?),
            organisation_id: org,
            person_id: person.id,
            status: code::<EngagementStatus>(&status)?,
            started_at: row.try_get("started_at").map_err(db_error)?,
            leaving_reason: leaving_reason
                .as_deref()
                .map(code::<LeavingReason>)
                .transpose()?,
            leaving_note: row.try_get("leaving_note").map_err(db_error)?,
        };
        items.push(VolunteerRow {
            person,
            engagement,
            roles: vec![],
        });
    }
    if !items.is_empty() {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT DISTINCT a.person_id, r.title FROM applications a JOIN roles r ON r.organisation_id = a.organisation_id \
             AND r.id = a.role_id WHERE a.organisation_id = ",
        );
        q.push_bind(org.0).push(" AND a.person_id IN (");
        let mut ids = q.separated(", ");
        for item in &items {
            ids.push_bind(item.person.id.0);
        }
        q.push(") ORDER BY r.title");
        let titles: Vec<(Uuid, String)> =
            q.build_query_as().fetch_all(pool).await.map_err(db_error)?;
        for (person, title) in titles {
            if let Some(item) = items.iter_mut().find(|i| i.person.id.0 == person) {
                item.roles.push(title);
            }
        }
    }
    Ok(Page {
        items,
        page: search.page,
        per_page: search.per_page,
        total: u64::try_from(total).unwrap_or(0),
    })
}

fn application_filters(q: &mut QueryBuilder<Db>, org: OrganisationId, search: &ApplicationSearch) {
    q.push(" WHERE a.organisation_id = ").push_bind(org.0);
    if let Some(status) = search.status {
        q.push(" AND a.status = ").push_bind(status.code());
    }
    if let Some(sites) = &search.limit_to_sites {
        q.push(" AND EXISTS (SELECT 1 FROM role_sites rs WHERE rs.organisation_id = a.organisation_id AND rs.role_id = a.role_id AND rs.site_id IN (");
        push_sites(q, sites);
        q.push("))");
    }
}

/// One page of an organisation's applications, newest first.
pub(super) async fn application_page(
    pool: &Pool<Db>,
    org: OrganisationId,
    search: &ApplicationSearch,
) -> Result<Page<ApplicationRow>, StoreError> {
    let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM applications a");
    application_filters(&mut count, org, search);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_error)?;
    let mut q = QueryBuilder::<Db>::new(APPLICATION_SELECT);
    application_filters(&mut q, org, search);
    q.push(" ORDER BY a.submitted_at DESC, a.id DESC LIMIT ")
        .push_bind(i64::from(search.per_page))
        .push(" OFFSET ")
        .push_bind(i64::from(search.page.saturating_sub(1)) * i64::from(search.per_page));
    let rows: Vec<ApplicationRowDb> = q.build_query_as().fetch_all(pool).await.map_err(db_error)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(ApplicationRowDb::into_domain)
            .collect::<Result<_, _>>()?,
        page: search.page,
        per_page: search.per_page,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// The sites of an `IN (…)` list; `NULL` when there are none, so nothing matches.
fn push_sites(q: &mut QueryBuilder<Db>, sites: &[SiteId]) {
    if sites.is_empty() {
        q.push("NULL");
    }
    let mut list = q.separated(", ");
    for s in sites {
        list.push_bind(s.0);
    }
}

/// Only engagements of people who applied to a role at one of `sites` (a supervisor's view).
fn push_site_limit(q: &mut QueryBuilder<Db>, sites: Option<&[SiteId]>) {
    if let Some(sites) = sites {
        q.push(
            " AND EXISTS (SELECT 1 FROM applications a JOIN role_sites rs ON rs.organisation_id = a.organisation_id \
             AND rs.role_id = a.role_id WHERE a.organisation_id = e.organisation_id AND a.person_id = e.person_id AND rs.site_id IN (",
        );
        push_sites(q, sites);
        q.push("))");
    }
}

/// Dashboard counts, for the whole organisation or a supervisor's sites.
pub(super) async fn engagement_counts(
    pool: &Pool<Db>,
    org: OrganisationId,
    left_since: DateTime<Utc>,
    sites: Option<&[SiteId]>,
) -> Result<EngagementCounts, StoreError> {
    let mut q = QueryBuilder::<Db>::new(
        "SELECT e.status, COUNT(*) FROM engagements e WHERE e.organisation_id = ",
    );
    q.push_bind(org.0);
    push_site_limit(&mut q, sites);
    q.push(" GROUP BY e.status");
    let by_status: Vec<(String, i64)> =
        q.build_query_as().fetch_all(pool).await.map_err(db_error)?;
    let of = |s: &str| {
        count(
            by_status
                .iter()
                .find(|(k, _)| k == s)
                .map(|(_, n)| *n)
                .unwrap_or(0),
        )
    };

    let mut q = QueryBuilder::<Db>::new(
        "SELECT COUNT(DISTINCT ev.engagement_id) FROM engagement_events ev \
         JOIN engagements e ON e.organisation_id = ev.organisation_id AND e.id = ev.engagement_id \
         WHERE ev.to_status = 'left' AND e.status = 'left' AND ev.organisation_id = ",
    );
    q.push_bind(org.0)
        .push(" AND ev.at >= ")
        .push_bind(left_since);
    push_site_limit(&mut q, sites);
    let left: i64 = q
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_error)?;

    let mut q = QueryBuilder::<Db>::new(
        "SELECT COUNT(*) FROM applications ap JOIN engagements e ON e.organisation_id = ap.organisation_id \
         AND e.id = ap.engagement_id WHERE ap.status IN ('submitted', 'screening') AND ap.organisation_id = ",
    );
    q.push_bind(org.0);
    if let Some(sites) = sites {
        q.push(" AND EXISTS (SELECT 1 FROM role_sites rs WHERE rs.organisation_id = ap.organisation_id AND rs.role_id = ap.role_id AND rs.site_id IN (");
        push_sites(&mut q, sites);
        q.push("))");
    }
    let open: i64 = q
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_error)?;
    Ok(EngagementCounts {
        applicants: of("applicant"),
        onboarding: of("onboarding"),
        active: of("active"),
        paused: of("paused"),
        left_recently: count(left),
        open_applications: count(open),
    })
}

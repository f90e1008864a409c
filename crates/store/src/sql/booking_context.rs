//! [`BookingContext`]: what a booking is decided on, in one statement, where reading each part
//! on its own took nine; then the person's checks (only where they can change the answer) and
//! the catalogue's names (only for a role with catalogue items). Compiled once per backend.

use app::StoreError;
use app::ports::BookingContext;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::compliance::Requirements;
use domain::ids::*;
use domain::notification::NotificationKind;
use uuid::Uuid;

use super::ThisStore;
use crate::compliance_rows::{CHECK_COLUMNS, CHECK_FROM, CheckRow};
use crate::rota_rows::ShiftDbRow;
use crate::rows::{PersonRow, code, list};
use crate::{db_error, sql};

/// The shift (its columns prefixed `shift_`), its role's rules, its site's name and the person
/// (their columns unprefixed, as [`PersonRow`] reads them), in one row.
#[derive(sqlx::FromRow)]
struct ContextDbRow {
    #[sqlx(flatten)]
    person: PersonRow,
    shift_organisation_id: Uuid,
    shift_id: Uuid,
    shift_role_id: Uuid,
    shift_site_id: Uuid,
    shift_starts_at: DateTime<Utc>,
    shift_ends_at: DateTime<Utc>,
    shift_min_volunteers: i32,
    shift_max_volunteers: i32,
    shift_notes: String,
    shift_supervisor_id: Option<Uuid>,
    shift_series_id: Option<Uuid>,
    shift_cancelled: bool,
    shift_booked: i64,
    role_title: String,
    role_minimum_age: i32,
    role_dbs_level: String,
    role_dbs_workforce: Option<String>,
    role_references_required: i32,
    role_requirement_type_ids: String,
    site_name: String,
    known_to_organisation: bool,
    active_in_role: bool,
    confirmation_channel: Option<String>,
}

const CONTEXT_SELECT: &str = "SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.email, \
     p.phone, p.date_of_birth, p.postcode, p.languages, p.skills, p.interests, \
     p.accessibility_needs, p.password_hash, \
     s.organisation_id AS shift_organisation_id, s.id AS shift_id, s.role_id AS shift_role_id, \
     s.site_id AS shift_site_id, s.starts_at AS shift_starts_at, s.ends_at AS shift_ends_at, \
     s.min_volunteers AS shift_min_volunteers, s.max_volunteers AS shift_max_volunteers, \
     s.notes AS shift_notes, s.supervisor_id AS shift_supervisor_id, \
     s.series_id AS shift_series_id, s.cancelled AS shift_cancelled, \
     (SELECT COUNT(*) FROM bookings b WHERE b.organisation_id = s.organisation_id \
      AND b.shift_id = s.id AND b.status = 'booked') AS shift_booked, \
     r.title AS role_title, r.minimum_age AS role_minimum_age, r.dbs_level AS role_dbs_level, \
     r.dbs_workforce AS role_dbs_workforce, r.references_required AS role_references_required, \
     r.requirement_type_ids AS role_requirement_type_ids, si.name AS site_name, \
     EXISTS (SELECT 1 FROM placements pl WHERE pl.organisation_id = s.organisation_id \
      AND pl.person_id = p.id) AS known_to_organisation, \
     EXISTS (SELECT 1 FROM placements pl WHERE pl.organisation_id = s.organisation_id \
      AND pl.person_id = p.id AND pl.role_id = s.role_id AND pl.status = 'active') AS active_in_role, \
     (SELECT np.channel FROM notification_preferences np WHERE np.person_id = p.id \
      AND np.kind = $4) AS confirmation_channel \
     FROM shifts s \
     JOIN roles r ON r.organisation_id = s.organisation_id AND r.id = s.role_id \
     JOIN sites si ON si.organisation_id = s.organisation_id AND si.id = s.site_id \
     JOIN people p ON p.id = $3 \
     WHERE s.organisation_id = $1 AND s.id = $2";

fn other(e: impl ToString) -> StoreError {
    StoreError::Other(e.to_string())
}

/// Reads what deciding a booking of `person` on shift `id` needs.
pub(super) async fn read(
    store: &ThisStore,
    org: OrganisationId,
    id: ShiftId,
    person_id: PersonId,
) -> Result<Option<BookingContext>, StoreError> {
    // One connection for every statement: each acquire from the pool costs a hand-over too.
    let mut conn = store.pool.acquire().await.map_err(db_error)?;
    let row: Option<ContextDbRow> = sqlx::query_as(CONTEXT_SELECT)
        .bind(org.0)
        .bind(id.0)
        .bind(person_id.0)
        .bind(NotificationKind::BookingConfirmation.code())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let type_ids: Vec<RequirementTypeId> = list(&row.role_requirement_type_ids)
        .iter()
        .map(|s| s.parse().map(RequirementTypeId).map_err(other))
        .collect::<Result<_, _>>()?;
    // Only a role with catalogue items needs the catalogue, for the items' names.
    let items = if type_ids.is_empty() {
        Vec::new()
    } else {
        let catalogue: Vec<(Uuid, String)> =
            sqlx::query_as("SELECT id, name FROM requirement_types WHERE organisation_id = $1")
                .bind(org.0)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?;
        type_ids
            .iter()
            .filter_map(|t| catalogue.iter().find(|(id, _)| *id == t.0))
            .map(|(id, name)| (RequirementTypeId(*id), name.clone()))
            .collect()
    };
    let requirements = Requirements::new(
        u32::try_from(row.role_minimum_age).map_err(other)?,
        code(&row.role_dbs_level)?,
        row.role_dbs_workforce.as_deref().map(code).transpose()?,
        u32::try_from(row.role_references_required).map_err(other)?,
        items,
    );
    let shift = ShiftDbRow {
        organisation_id: row.shift_organisation_id,
        id: row.shift_id,
        role_id: row.shift_role_id,
        site_id: row.shift_site_id,
        starts_at: row.shift_starts_at,
        ends_at: row.shift_ends_at,
        min_volunteers: row.shift_min_volunteers,
        max_volunteers: row.shift_max_volunteers,
        notes: row.shift_notes,
        supervisor_id: row.shift_supervisor_id,
        series_id: row.shift_series_id,
        cancelled: row.shift_cancelled,
        booked: row.shift_booked,
    }
    .into_domain()?;
    let person = row.person.into_domain()?;
    // Records that cannot change the answer (a role needing no checks, an adult) stay unread.
    let on = domain::rota::from_utc(shift.shift.starts_at).date();
    let checks = if requirements.uses_checks(person.date_of_birth, on) {
        let checks: Vec<CheckRow> = sqlx::query_as(sql(format!(
            "SELECT {CHECK_COLUMNS} {CHECK_FROM} WHERE c.organisation_id = $1 AND c.person_id = $2"
        )))
        .bind(org.0)
        .bind(person_id.0)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_error)?;
        checks
            .into_iter()
            .map(CheckRow::into_domain)
            .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    Ok(Some(BookingContext {
        shift,
        role_title: row.role_title,
        requirements,
        site_name: row.site_name,
        person,
        known_to_organisation: row.known_to_organisation,
        active_in_role: row.active_in_role,
        checks,
        confirmation_channel: row.confirmation_channel.as_deref().map(code).transpose()?,
    }))
}

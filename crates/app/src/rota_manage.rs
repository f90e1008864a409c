//! Managers' work on the rota: a shift's page (details, fill, who is booked and who cancelled),
//! changing one shift or every later shift of its series, cancelling a shift (everyone booked is
//! told), and adding, removing and moving volunteers.
//!
//! Changes lock as booking does (shifts, then people), so none of them can overfill a shift or
//! put a volunteer in two overlapping shifts, and a refused change leaves everything as it was.

mod edit;
mod people;

use domain::audit::AuditEntry;
use domain::ids::{OrganisationId, PersonId, SiteId};
use domain::notification::NotificationKind;
use domain::rota::{Booking, BookingStatus, Shift, ShiftInput};
use domain::staff::{Capability, Permission};
use domain::{FieldErrors, Labelled};

use crate::ports::{ShiftBookingRow, ShiftCancellation, ShiftRow, Write};
use crate::{App, AppError, OrgScope};

pub use people::{Candidate, MoveTarget};

/// A manager's changes to a shift, as typed: the date (ignored when changing a series, whose
/// shifts keep their dates), clock times, capacity and notes, and a supervisor's person id
/// (blank for none).
#[derive(Debug, Clone, Default)]
pub struct ShiftEdit {
    /// Date, times, capacity and notes.
    pub shift: ShiftInput,
    /// The supervisor's person id, or blank.
    pub supervisor_id: String,
}

/// Everything a manager's shift page shows.
#[derive(Debug, Clone)]
pub struct ShiftDetail {
    /// The shift and how many are booked.
    pub row: ShiftRow,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// The supervisor's name, if there is one.
    pub supervisor_name: Option<String>,
    /// Standing bookings, oldest first.
    pub booked: Vec<ShiftBookingRow>,
    /// Cancelled bookings, with their reasons.
    pub cancelled: Vec<ShiftBookingRow>,
    /// Why and when the shift was cancelled, if it was.
    pub cancellation: Option<ShiftCancellation>,
}

impl App {
    /// One of the organisation's shifts, if the scope may see it: a supervisor only sees the
    /// shifts at their own sites.
    pub(crate) async fn visible_shift(
        &self,
        scope: &OrgScope,
        id: domain::ids::ShiftId,
    ) -> Result<crate::ports::ShiftRow, AppError> {
        let row = self
            .store
            .shift(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(sites) = scope.site_limit()
            && !sites.contains(&row.shift.site_id)
        {
            return Err(AppError::NotFound);
        }
        Ok(row)
    }

    /// A shift as its manager's page shows it. Supervisors see only shifts at their sites.
    pub async fn managed_shift(
        &self,
        scope: &OrgScope,
        id: domain::ids::ShiftId,
    ) -> Result<ShiftDetail, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let org = scope.organisation_id();
        let row = self.visible_shift(scope, id).await?;
        let (role_title, site_name) = self.shift_labels(org, &row.shift).await?;
        let supervisor_name = match row.shift.supervisor {
            Some(p) => self.store.person(p).await?.map(|p| p.full_name()),
            None => None,
        };
        let (booked, cancelled) = self
            .store
            .shift_bookings(org, id)
            .await?
            .into_iter()
            .partition(|b| b.booking.status == BookingStatus::Booked);
        let cancellation = self.store.shift_cancellation(org, id).await?;
        Ok(ShiftDetail {
            row,
            role_title,
            site_name,
            supervisor_name,
            booked,
            cancelled,
            cancellation,
        })
    }

    /// The staff who may supervise a shift at `site`: anyone on the organisation's staff, except
    /// supervisors who look after other sites only. By name, with their permission.
    pub async fn supervisor_options(
        &self,
        scope: &OrgScope,
        site: SiteId,
    ) -> Result<Vec<(PersonId, String)>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let mut options: Vec<(PersonId, String)> = self
            .store
            .staff(scope.organisation_id())
            .await?
            .into_iter()
            .filter(|(m, _)| m.permission != Permission::Supervisor || m.site_ids.contains(&site))
            .map(|(m, p)| {
                let label = format!("{} ({})", p.full_name(), m.permission.label());
                (p.id, label)
            })
            .collect();
        options.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(options)
    }

    /// The supervisor typed for a shift at `site`: blank for none, otherwise one of
    /// [`App::supervisor_options`], or a field error on `supervisor_id`.
    async fn check_supervisor(
        &self,
        scope: &OrgScope,
        site: SiteId,
        typed: &str,
        errors: &mut FieldErrors,
    ) -> Result<Option<PersonId>, AppError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let options = self.supervisor_options(scope, site).await?;
        match typed.parse::<PersonId>() {
            Ok(id) if options.iter().any(|(p, _)| *p == id) => Ok(Some(id)),
            _ => {
                errors.add(
                    "supervisor_id",
                    "Select a supervisor from the list of this organisation's staff (supervisors must look after this shift's site)",
                );
                Ok(None)
            }
        }
    }

    /// The role's title and the site's name.
    async fn shift_labels(
        &self,
        org: OrganisationId,
        shift: &Shift,
    ) -> Result<(String, String), AppError> {
        let role = self.store.role(org, shift.role_id).await?;
        let site = self.store.site(org, shift.site_id).await?;
        Ok((
            role.map(|r| r.title).unwrap_or_default(),
            site.map(|s| s.name).unwrap_or_default(),
        ))
    }

    /// An audit entry by the scope's actor about a shift.
    fn shift_audit(&self, scope: &OrgScope, action: &str, shift: &Shift, detail: String) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(scope.organisation_id()),
                scope.actor().clone(),
                action,
                "shift",
                shift.id.0,
                self.clock.now(),
            )
            .with_detail(detail),
        )
    }

    /// An email to a volunteer about their place, for the outbox — unless they chose not to
    /// hear about this kind of thing (see [`App::volunteer_message`]).
    async fn tell(
        &self,
        org: OrganisationId,
        person: PersonId,
        kind: NotificationKind,
        subject: &str,
        body: String,
    ) -> Result<Option<Write>, AppError> {
        self.volunteer_message(org, person, kind, subject, body)
            .await
    }

    /// A standing booking on one of the organisation's shifts, or not found.
    async fn standing_booking(
        &self,
        org: OrganisationId,
        shift: domain::ids::ShiftId,
        id: domain::ids::BookingId,
    ) -> Result<ShiftBookingRow, AppError> {
        let row = self
            .store
            .shift_bookings(org, shift)
            .await?
            .into_iter()
            .find(|b| b.booking.id == id)
            .ok_or(AppError::NotFound)?;
        if row.booking.status != BookingStatus::Booked {
            return Err(AppError::Conflict(
                "This place has already been cancelled".into(),
            ));
        }
        Ok(row)
    }

    /// Whether `person` has a standing booking, other than `except`, overlapping `shift`.
    async fn has_clash(
        &self,
        person: PersonId,
        shift: &Shift,
        except: Option<domain::ids::BookingId>,
    ) -> Result<bool, AppError> {
        Ok(self
            .store
            .bookings_of_person(person)
            .await?
            .iter()
            .any(|b: &Booking| {
                b.status == BookingStatus::Booked
                    && Some(b.id) != except
                    && b.shift_id != shift.id
                    && domain::rota::overlaps((b.starts_at, b.ends_at), shift.span())
            }))
    }
}

//! Standing commitments: a volunteer's regular slot books them into each occurrence.
//!
//! A commitment ("every Tuesday 10:00–13:00 on Ward 7") books the volunteer into every shift of
//! its role and site at those clock times on its dates — shifts already on the rota when it is
//! made, and shifts added later — until they end it. An absence (holiday, illness) cancels the
//! places it covers and stops new ones being made, without ending the commitment; removing the
//! absence books them back in. A place a commitment cannot get (full, a clash, not eligible that
//! day) is skipped, never forced.

use chrono::{Days, NaiveDate};
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::PlacementStatus;
use domain::ids::{AbsenceId, CommitmentId, PersonId, RoleId, SiteId};
use domain::rota::{
    Absence, AbsenceInput, AbsencePeriod, Booking, BookingStatus, Commitment, CommitmentFor,
    CommitmentInput, Edge, Shift, from_utc, to_instant,
};
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// How far ahead a commitment books places, in days.
pub const BOOKING_HORIZON_DAYS: u64 = 12 * 7;

impl App {
    /// A manager records a volunteer's standing commitment to a role they are active in, at
    /// one of the organisation's sites, and books them into the matching shifts already on the
    /// rota. Returns the commitment and how many places it booked.
    pub async fn add_commitment(
        &self,
        scope: &OrgScope,
        person: PersonId,
        role_id: RoleId,
        site_id: SiteId,
        input: &CommitmentInput,
    ) -> Result<(Commitment, usize), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let active = self
            .store
            .placements_of(org, person)
            .await?
            .into_iter()
            .any(|p| {
                p.placement.role_id == role_id && p.placement.status == PlacementStatus::Active
            });
        let mut errors = FieldErrors::new();
        if !active {
            errors.add("role_id", "Select a role this volunteer is active in");
        }
        if self.store.site(org, site_id).await?.is_none() {
            errors.add("site_id", "Select a site from this organisation's list");
        }
        let owner = CommitmentFor {
            organisation_id: org,
            person_id: person,
            role_id,
            site_id,
        };
        let commitment = match input.parse(CommitmentId::new(), owner) {
            Ok(c) if errors.is_empty() => c,
            Ok(_) => return Err(errors.into()),
            Err(more) => {
                for e in more.0 {
                    errors.add(&e.field, e.message);
                }
                return Err(errors.into());
            }
        };
        self.store
            .apply(vec![
                Write::InsertCommitment(commitment.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "commitment.created",
                    "person",
                    person.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        let booked = self.book_commitment(&commitment).await?;
        Ok((commitment, booked))
    }

    /// A volunteer ends their own commitment after `last_day` (today when blank): its places
    /// on later shifts are cancelled. Returns how many were.
    pub async fn end_my_commitment(
        &self,
        person: PersonId,
        org_slug: &str,
        id: CommitmentId,
        last_day: &str,
    ) -> Result<usize, AppError> {
        let org = self.organisation(org_slug).await?;
        let commitment = self
            .store
            .commitment(org.id, id)
            .await?
            .filter(|c| c.person_id == person)
            .ok_or(AppError::NotFound)?;
        self.finish_commitment(commitment, Actor::Person(person), last_day)
            .await
    }

    /// A manager ends a volunteer's commitment after `last_day` (today when blank).
    pub async fn end_commitment(
        &self,
        scope: &OrgScope,
        person: PersonId,
        id: CommitmentId,
        last_day: &str,
    ) -> Result<usize, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.require_can_see_person(scope, person).await?;
        let commitment = self
            .store
            .commitment(scope.organisation_id(), id)
            .await?
            .filter(|c| c.person_id == person)
            .ok_or(AppError::NotFound)?;
        self.finish_commitment(commitment, scope.actor().clone(), last_day)
            .await
    }

    /// Ends `commitment` after `last_day` and cancels its later places.
    async fn finish_commitment(
        &self,
        commitment: Commitment,
        actor: Actor,
        last_day: &str,
    ) -> Result<usize, AppError> {
        let id = commitment.id;
        let org = commitment.organisation_id;
        let today = self.uk_today();
        let ends_on = if last_day.trim().is_empty() {
            today
        } else {
            parse_day(last_day, "ends_on", "the last day")?
        };
        if ends_on < today {
            return Err(FieldErrors::one("ends_on", "The last day must be today or later").into());
        }
        let ends_on = commitment.ends_on.map_or(ends_on, |e| e.min(ends_on));
        let now = self.clock.now();
        let mut writes = vec![
            Write::EndCommitment {
                organisation_id: org,
                id,
                ends_on,
            },
            Write::Audit(AuditEntry::new(
                Some(org),
                actor,
                "commitment.ended",
                "person",
                commitment.person_id.0,
                now,
            )),
        ];
        let after = ends_on.checked_add_days(Days::new(1)).unwrap_or(ends_on);
        let cancelled = self
            .commitment_places(&commitment, after, None)
            .await?
            .into_iter()
            .filter_map(|b| b.cancel("Standing commitment ended", now).ok())
            .collect::<Vec<_>>();
        let count = cancelled.len();
        for b in cancelled {
            writes.extend(self.place_freed(b.organisation_id, b.shift_id, now));
            writes.push(Write::CancelBooking(b));
        }
        self.store.apply(writes).await?;
        Ok(count)
    }

    /// A volunteer records an absence: the places their commitments booked in it are
    /// cancelled, and none are made there while it stands. Returns how many were cancelled.
    pub async fn add_absence(
        &self,
        person: PersonId,
        input: &AbsenceInput,
    ) -> Result<(Absence, usize), AppError> {
        let period = input.parse()?;
        if period.ends_on < self.uk_today() {
            return Err(
                FieldErrors::one("ends_on", "The last day away must be today or later").into(),
            );
        }
        let absence = Absence {
            id: AbsenceId::new(),
            person_id: person,
            period,
        };
        let now = self.clock.now();
        let mut writes = vec![
            Write::InsertAbsence(absence),
            Write::Audit(AuditEntry::new(
                None,
                Actor::Person(person),
                "absence.recorded",
                "person",
                person.0,
                now,
            )),
        ];
        let mut count = 0;
        for c in self.store.commitments_of_person(person).await? {
            for b in self
                .commitment_places(&c, period.starts_on, Some(period))
                .await?
            {
                if let Ok(cancelled) = b.cancel("Away (absence recorded)", now) {
                    writes.extend(self.place_freed(b.organisation_id, b.shift_id, now));
                    writes.push(Write::CancelBooking(cancelled));
                    count += 1;
                }
            }
        }
        self.store.apply(writes).await?;
        Ok((absence, count))
    }

    /// A volunteer removes an absence: their commitments book them back in where they can.
    pub async fn remove_absence(&self, person: PersonId, id: AbsenceId) -> Result<usize, AppError> {
        if !self
            .store
            .absences_of_person(person)
            .await?
            .iter()
            .any(|a| a.id == id)
        {
            return Err(AppError::NotFound);
        }
        self.store
            .apply(vec![
                Write::DeleteAbsence(person, id),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person),
                    "absence.removed",
                    "person",
                    person.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        let mut booked = 0;
        for c in self.store.commitments_of_person(person).await? {
            booked += self.book_commitment(&c).await?;
        }
        Ok(booked)
    }

    /// A person's commitments and absences.
    pub async fn my_commitments(
        &self,
        person: PersonId,
    ) -> Result<(Vec<Commitment>, Vec<Absence>), AppError> {
        Ok((
            self.store.commitments_of_person(person).await?,
            self.store.absences_of_person(person).await?,
        ))
    }

    /// A volunteer's commitments in one organisation, for its managers.
    pub async fn commitments_of(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<Vec<Commitment>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        self.require_can_see_person(scope, person).await?;
        let org = scope.organisation_id();
        Ok(self
            .store
            .commitments_of_person(person)
            .await?
            .into_iter()
            .filter(|c| c.organisation_id == org)
            .collect())
    }

    /// Books the committed volunteers into newly added `shifts`. Places that cannot be had
    /// (full, a clash, not eligible that day, away) are skipped. The shifts are already saved,
    /// so this never fails: a database error is logged and those places are left for the
    /// manager. Returns how many were booked.
    pub async fn book_commitments_into(&self, shifts: &[Shift]) -> usize {
        match self.try_book_commitments_into(shifts).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "booking standing commitments into new shifts");
                0
            }
        }
    }

    async fn try_book_commitments_into(&self, shifts: &[Shift]) -> Result<usize, AppError> {
        let mut booked = 0;
        let mut slots = std::collections::HashMap::new();
        for shift in shifts {
            let key = (shift.organisation_id, shift.role_id, shift.site_id);
            if let std::collections::hash_map::Entry::Vacant(slot) = slots.entry(key) {
                slot.insert(self.store.commitments_for_slot(key.0, key.1, key.2).await?);
            }
            for c in slots.get(&key).into_iter().flatten() {
                if c.matches(shift) && self.book_place(c, shift).await? {
                    booked += 1;
                }
            }
        }
        Ok(booked)
    }

    /// Books the commitment's volunteer into each matching shift within the horizon.
    async fn book_commitment(&self, c: &Commitment) -> Result<usize, AppError> {
        let today = self.uk_today();
        let Some((from, to)) = span(
            today,
            today.checked_add_days(Days::new(BOOKING_HORIZON_DAYS)),
        ) else {
            return Ok(0);
        };
        let mut booked = 0;
        for row in self
            .store
            .shifts_between(c.organisation_id, from, to)
            .await?
        {
            if c.matches(&row.shift) && self.book_place(c, &row.shift).await? {
                booked += 1;
            }
        }
        Ok(booked)
    }

    /// Books one place for a commitment, unless the volunteer is away that day, already has
    /// it, or cannot have it. Whether it was booked.
    async fn book_place(&self, c: &Commitment, shift: &Shift) -> Result<bool, AppError> {
        let now = self.clock.now();
        let day = from_utc(shift.starts_at).date();
        let away = self
            .store
            .absences_of_person(c.person_id)
            .await?
            .iter()
            .any(|a| a.period.contains(day));
        if away
            || self
                .require_bookable(c.person_id, shift, now)
                .await
                .is_err()
        {
            return Ok(false);
        }
        let booking = Booking::new(shift, c.person_id, now);
        let writes = vec![
            Write::BookShift(booking),
            Write::Audit(AuditEntry::new(
                Some(c.organisation_id),
                Actor::System,
                "booking.from_commitment",
                "shift",
                shift.id.0,
                now,
            )),
        ];
        match self.store.apply(writes).await {
            Ok(()) => Ok(true),
            // Full, a clash, or already booked: skipped, as the module says.
            Err(crate::ports::StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The volunteer's standing places on the commitment's shifts from `from` on (within
    /// `period` when given).
    async fn commitment_places(
        &self,
        c: &Commitment,
        from: NaiveDate,
        period: Option<AbsencePeriod>,
    ) -> Result<Vec<Booking>, AppError> {
        let mut out = Vec::new();
        for b in self.store.bookings_of_person(c.person_id).await? {
            let day = from_utc(b.starts_at).date();
            if b.status != BookingStatus::Booked
                || b.organisation_id != c.organisation_id
                || day < from
                || period.is_some_and(|p| !p.contains(day))
            {
                continue;
            }
            if let Some(row) = self.store.shift(b.organisation_id, b.shift_id).await?
                && c.matches(&row.shift)
            {
                out.push(b);
            }
        }
        Ok(out)
    }
}

/// UK midnight at the start of `from` to UK midnight at the start of `to`.
fn span(
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    let start = to_instant(from.and_time(chrono::NaiveTime::MIN), Edge::Start)?;
    let end = to_instant(to?.and_time(chrono::NaiveTime::MIN), Edge::Start)?;
    Some((start, end))
}

/// A date typed into a form, or the error naming `field`.
pub(crate) fn parse_day(value: &str, field: &str, label: &str) -> Result<NaiveDate, AppError> {
    domain::person::parse_date(value).ok_or_else(|| {
        FieldErrors::one(
            field,
            format!("Enter {label} as a real date, like 5 3 2027"),
        )
        .into()
    })
}

/// One of a volunteer's commitments with the names a page shows.
#[derive(Debug, Clone)]
pub struct CommitmentView {
    /// The commitment.
    pub commitment: Commitment,
    /// The organisation's slug.
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
}

impl App {
    /// Commitments with their organisation, role and site names.
    pub async fn describe_commitments(
        &self,
        commitments: Vec<Commitment>,
    ) -> Result<Vec<CommitmentView>, AppError> {
        let mut out = Vec::new();
        for commitment in commitments {
            let org = commitment.organisation_id;
            let Some(organisation) = self.store.organisation(org).await? else {
                continue;
            };
            let role_title = self
                .store
                .role(org, commitment.role_id)
                .await?
                .map(|r| r.title)
                .unwrap_or_default();
            let site_name = self
                .store
                .site(org, commitment.site_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default();
            out.push(CommitmentView {
                organisation_slug: organisation.slug.to_string(),
                organisation_name: organisation.name,
                role_title,
                site_name,
                commitment,
            });
        }
        Ok(out)
    }
}

/// What a manager can choose from when setting up a volunteer's regular slot.
#[derive(Debug, Clone, Default)]
pub struct CommitmentChoices {
    /// The volunteer's name.
    pub name: String,
    /// Roles the volunteer is active in: (id, title).
    pub roles: Vec<(RoleId, String)>,
    /// The organisation's sites: (id, name).
    pub sites: Vec<(SiteId, String)>,
}

impl App {
    /// The volunteer's name, the roles they are active in, and the organisation's sites.
    pub async fn commitment_choices(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<CommitmentChoices, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        self.require_can_see_person(scope, person).await?;
        let org = scope.organisation_id();
        let placements = self.store.placements_of(org, person).await?;
        if placements.is_empty() {
            return Err(AppError::NotFound);
        }
        let name = self
            .store
            .person(person)
            .await?
            .map(|p| p.full_name())
            .unwrap_or_default();
        let roles = placements
            .into_iter()
            .filter(|p| p.placement.status == PlacementStatus::Active)
            .map(|p| (p.placement.role_id, p.role_title))
            .collect();
        let sites = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        Ok(CommitmentChoices { name, roles, sites })
    }
}

//! Where a volunteer can claim from: the organisations where they are active in a role, with
//! their roles and recent shifts there (what a claim can be linked to) and the car miles they
//! have claimed there this tax year.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, Duration, Utc};
use domain::FieldErrors;
use domain::compliance::PlacementStatus;
use domain::expenses::{ClaimInput, ClaimLinks, ExpenseClaim, TaxYear};
use domain::ids::{OrganisationId, PersonId, RoleId, ShiftId};
use domain::rota::BookingStatus;

use crate::{App, AppError};

/// How far back a claim can be linked to one of the volunteer's shifts, in days.
pub const SHIFT_LINK_DAYS: i64 = 90;

/// One of the volunteer's recent shifts, which a claim can be linked to.
#[derive(Debug, Clone)]
pub struct ShiftChoice {
    /// The shift.
    pub shift_id: ShiftId,
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// When it ended.
    pub ends_at: DateTime<Utc>,
    /// The role's title.
    pub role_title: String,
}

/// An organisation a volunteer can claim from, with what a claim can be linked to.
#[derive(Debug, Clone)]
pub struct ClaimPlace {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Its slug (URLs).
    pub organisation_slug: String,
    /// Its name.
    pub organisation_name: String,
    /// The roles they are active in: (id, title).
    pub roles: Vec<(RoleId, String)>,
    /// Their shifts there in the last [`SHIFT_LINK_DAYS`] days, newest first.
    pub shifts: Vec<ShiftChoice>,
    /// Car and van miles they have claimed there in the current tax year (pending or approved).
    pub car_miles_this_year: u32,
}

impl ClaimPlace {
    /// The links typed into a claim, checked against this volunteer's roles and shifts. The
    /// claim's own current links (when amending) are accepted even if no longer listed.
    pub(crate) fn links(
        &self,
        person: PersonId,
        recorded_by: PersonId,
        input: &ClaimInput,
        current: Option<&ExpenseClaim>,
        errors: &mut FieldErrors,
    ) -> ClaimLinks {
        let role_id = pick(&input.role_id, current.and_then(|c| c.role_id), |id| {
            self.roles.iter().any(|(r, _)| *r == id)
        });
        let shift_id = pick(&input.shift_id, current.and_then(|c| c.shift_id), |id| {
            self.shifts.iter().any(|s| s.shift_id == id)
        });
        if role_id.is_err() {
            errors.add("role_id", "Choose one of your roles, or leave this blank");
        }
        if shift_id.is_err() {
            errors.add(
                "shift_id",
                "Choose one of your recent shifts, or leave this blank",
            );
        }
        ClaimLinks {
            organisation_id: self.organisation_id,
            person_id: person,
            recorded_by,
            role_id: role_id.unwrap_or(None),
            shift_id: shift_id.unwrap_or(None),
        }
    }
}

/// An optional id from a form: blank is none; otherwise it must parse and be allowed.
fn pick<T: std::str::FromStr + PartialEq + Copy>(
    raw: &str,
    current: Option<T>,
    allowed: impl Fn(T) -> bool,
) -> Result<Option<T>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<T>() {
        Ok(id) if allowed(id) || current == Some(id) => Ok(Some(id)),
        _ => Err(()),
    }
}

impl App {
    /// The organisations `person` can claim from (those where they are active in a role), with
    /// their roles and recent shifts there, by name.
    pub async fn expense_places(&self, person: PersonId) -> Result<Vec<ClaimPlace>, AppError> {
        let mut places: HashMap<OrganisationId, ClaimPlace> = HashMap::new();
        for p in self.store.placements_of_person(person).await? {
            if p.placement.status != PlacementStatus::Active {
                continue;
            }
            places
                .entry(p.placement.organisation_id)
                .or_insert_with(|| ClaimPlace {
                    organisation_id: p.placement.organisation_id,
                    organisation_slug: p.organisation_slug.clone(),
                    organisation_name: p.organisation_name.clone(),
                    roles: Vec::new(),
                    shifts: Vec::new(),
                    car_miles_this_year: 0,
                })
                .roles
                .push((p.placement.role_id, p.role_title.clone()));
        }
        let now = self.clock.now();
        let since = now - Duration::days(SHIFT_LINK_DAYS);
        let mut titles: HashMap<(OrganisationId, RoleId), String> = HashMap::new();
        for b in self.store.bookings_of_person(person).await? {
            let Some(place) = places.get_mut(&b.organisation_id) else {
                continue;
            };
            if b.status != BookingStatus::Booked || b.starts_at > now || b.starts_at < since {
                continue;
            }
            let Some(row) = self.store.shift(b.organisation_id, b.shift_id).await? else {
                continue;
            };
            let key = (b.organisation_id, row.shift.role_id);
            if let Entry::Vacant(slot) = titles.entry(key) {
                let title = self
                    .store
                    .role(key.0, key.1)
                    .await?
                    .map(|r| r.title)
                    .unwrap_or_default();
                slot.insert(title);
            }
            place.shifts.push(ShiftChoice {
                shift_id: b.shift_id,
                starts_at: b.starts_at,
                ends_at: b.ends_at,
                role_title: titles.get(&key).cloned().unwrap_or_default(),
            });
        }
        let mut places: Vec<ClaimPlace> = places.into_values().collect();
        let year = TaxYear::containing(self.uk_today());
        for p in &mut places {
            p.car_miles_this_year = self
                .car_miles_before(p.organisation_id, person, year, None)
                .await?;
            p.roles.sort_by(|a, b| a.1.cmp(&b.1));
            p.shifts.sort_by_key(|s| std::cmp::Reverse(s.starts_at));
        }
        places.sort_by(|a, b| a.organisation_name.cmp(&b.organisation_name));
        Ok(places)
    }

    /// Where `person` can claim from the organisation `slug`; not found unless active there.
    pub(crate) async fn claim_place(
        &self,
        person: PersonId,
        org: OrganisationId,
    ) -> Result<Option<ClaimPlace>, AppError> {
        Ok(self
            .expense_places(person)
            .await?
            .into_iter()
            .find(|p| p.organisation_id == org))
    }
}

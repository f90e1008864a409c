//! The rota from the volunteer's side: the shifts they can book, and their own bookings with
//! where and what they are.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::{Eligibility, PlacementStatus};
use domain::ids::{OrganisationId, PersonId, RoleId, SiteId};
use domain::rota::{Booking, BookingStatus};

use crate::ports::ShiftRow;
use crate::{App, AppError};

/// A shift a volunteer can book, with where and for whom it is.
#[derive(Debug, Clone)]
pub struct ShiftOffer {
    /// The organisation's slug (for the booking link).
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// The shift, with how full it is.
    pub row: ShiftRow,
    /// Whether this volunteer already has a place on it.
    pub booked_by_me: bool,
    /// Whether this volunteer is waiting for a place on it (or holding an offered one).
    pub waiting: bool,
}

/// One of a volunteer's bookings, with what and where the shift is.
#[derive(Debug, Clone)]
pub struct MyShift {
    /// The booking.
    pub booking: Booking,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The site's name ("" if it cannot be found).
    pub site_name: String,
}

impl App {
    /// The shifts starting in `[from, to)` that `person` can book: in organisations where they
    /// are active, for roles they are active in, not cancelled or started, and on whose day they
    /// are eligible. Full shifts are included so they can join the waiting list; shifts they
    /// already have a place on, or are waiting for, are marked.
    pub async fn shifts_i_can_do(
        &self,
        person: PersonId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ShiftOffer>, AppError> {
        let now = self.clock.now();
        let from = from.max(now);
        let mut active: HashMap<OrganisationId, (String, String, HashMap<RoleId, String>)> =
            HashMap::new();
        for p in self.store.placements_of_person(person).await? {
            if p.placement.status != PlacementStatus::Active {
                continue;
            }
            active
                .entry(p.placement.organisation_id)
                .or_insert_with(|| {
                    (
                        p.organisation_slug.clone(),
                        p.organisation_name.clone(),
                        HashMap::new(),
                    )
                })
                .2
                .insert(p.placement.role_id, p.role_title.clone());
        }
        let mine: HashSet<_> = self
            .store
            .bookings_of_person(person)
            .await?
            .into_iter()
            .filter(|b| b.status == BookingStatus::Booked)
            .map(|b| b.shift_id)
            .collect();
        let waiting: HashSet<_> = self
            .store
            .waitlist_of_person(person)
            .await?
            .into_iter()
            .filter(|e| e.status.is_open())
            .map(|e| e.shift_id)
            .collect();
        let mut offers = Vec::new();
        if from >= to {
            return Ok(offers);
        }
        for (org, (slug, name, roles)) in &active {
            let sites = self.site_names(*org).await?;
            let mut eligible: HashMap<(RoleId, NaiveDate), bool> = HashMap::new();
            for row in self.store.shifts_between(*org, from, to).await? {
                let shift = &row.shift;
                let Some(role_title) = roles.get(&shift.role_id) else {
                    continue;
                };
                let booked_by_me = mine.contains(&shift.id);
                if shift.cancelled || shift.starts_at <= now {
                    continue;
                }
                let day = domain::rota::from_utc(shift.starts_at).date();
                let ok = match eligible.get(&(shift.role_id, day)) {
                    Some(ok) => *ok,
                    None => {
                        let ok = matches!(
                            self.eligibility_on(*org, person, shift.role_id, day)
                                .await?,
                            Eligibility::Eligible
                        );
                        eligible.insert((shift.role_id, day), ok);
                        ok
                    }
                };
                if !ok && !booked_by_me {
                    continue;
                }
                offers.push(ShiftOffer {
                    organisation_slug: slug.clone(),
                    organisation_name: name.clone(),
                    role_title: role_title.clone(),
                    site_name: sites.get(&shift.site_id).cloned().unwrap_or_default(),
                    booked_by_me,
                    waiting: waiting.contains(&shift.id),
                    row,
                });
            }
        }
        offers.sort_by_key(|o| (o.row.shift.starts_at, o.row.shift.id.0));
        Ok(offers)
    }

    /// A person's own bookings, by start time, with the organisation, role and site of each.
    pub async fn my_shifts(&self, person: PersonId) -> Result<Vec<MyShift>, AppError> {
        let bookings = self.store.bookings_of_person(person).await?;
        let mut orgs: HashMap<OrganisationId, String> = HashMap::new();
        let mut roles: HashMap<(OrganisationId, RoleId), String> = HashMap::new();
        let mut sites: HashMap<OrganisationId, HashMap<SiteId, String>> = HashMap::new();
        let mut out = Vec::new();
        for booking in bookings {
            let org = booking.organisation_id;
            if let Entry::Vacant(slot) = orgs.entry(org) {
                let name = self
                    .store
                    .organisation(org)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default();
                slot.insert(name);
                sites.insert(org, self.site_names(org).await?);
            }
            let shift = self.store.shift(org, booking.shift_id).await?;
            let (role_title, site_name) = match shift {
                Some(row) => {
                    let key = (org, row.shift.role_id);
                    if let Entry::Vacant(slot) = roles.entry(key) {
                        let title = self
                            .store
                            .role(org, row.shift.role_id)
                            .await?
                            .map(|r| r.title)
                            .unwrap_or_default();
                        slot.insert(title);
                    }
                    (
                        roles.get(&key).cloned().unwrap_or_default(),
                        sites
                            .get(&org)
                            .and_then(|s| s.get(&row.shift.site_id))
                            .cloned()
                            .unwrap_or_default(),
                    )
                }
                None => (String::new(), String::new()),
            };
            out.push(MyShift {
                organisation_name: orgs.get(&org).cloned().unwrap_or_default(),
                role_title,
                site_name,
                booking,
            });
        }
        Ok(out)
    }

    /// An organisation's site names by id.
    async fn site_names(&self, org: OrganisationId) -> Result<HashMap<SiteId, String>, AppError> {
        Ok(self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect())
    }
}

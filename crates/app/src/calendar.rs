//! Volunteers' iCalendar feeds at secret, revocable URLs, and their notification preferences.
//!
//! A volunteer makes an address for their feed (`/calendar/{token}.ics`); the token is random,
//! shown once and stored only as SHA-256, so a new address or revoking it makes the old one stop
//! working. The feed is generated from the current data on every request, so a calendar
//! program that refreshes it sees changed and cancelled shifts.

use chrono::{DateTime, Duration, Utc};
use domain::audit::{Actor, AuditEntry};
use domain::ids::PersonId;
use domain::rota::BookingStatus;
use domain::rota::ical::{Calendar, CalendarEvent, render};

use crate::ports::{BookedShift, CalendarFeed, Write};
use crate::{App, AppError, tokens};

/// How far back the feed goes: shifts that started up to this many days ago still appear.
pub const FEED_DAYS_BACK: i64 = 30;

/// The host part of a base URL, for event UIDs ("booking@host").
fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    }
}

/// One booking as a calendar entry. A cancelled booking or shift stays in the feed, marked
/// cancelled and with a higher sequence number, so a calendar that already has it learns it is
/// off rather than the entry silently vanishing.
fn event(b: &BookedShift, host: &str, base_url: &str) -> CalendarEvent {
    let booking_cancelled = b.booking.status == BookingStatus::Cancelled;
    let cancelled = booking_cancelled || b.shift.cancelled;
    let mut summary = format!("{} at {}", b.role_title, b.site_name);
    if cancelled {
        summary.insert_str(0, "Cancelled: ");
    }
    let location = match &b.site_postcode {
        Some(p) if !p.is_empty() => format!("{}, {p}", b.site_name),
        _ => b.site_name.clone(),
    };
    let mut description = vec![format!("Volunteering with {}.", b.organisation_name)];
    if !b.shift.notes.is_empty() {
        description.push(b.shift.notes.clone());
    }
    if b.shift.cancelled {
        description.push("This shift has been cancelled.".into());
    } else if booking_cancelled {
        description.push("You cancelled your place on this shift.".into());
    }
    description.push(format!("Your shifts: {base_url}/my/shifts"));
    let last_modified = [
        Some(b.booking.booked_at),
        b.booking.cancelled_at,
        b.shift_changed_at,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(b.booking.booked_at);
    CalendarEvent {
        uid: format!("{}@{host}", b.booking.id),
        starts_at: b.shift.starts_at,
        ends_at: b.shift.ends_at,
        summary,
        location,
        description: description.join("\n\n"),
        cancelled,
        sequence: b.shift_changes + u32::from(booking_cancelled),
        last_modified,
    }
}

impl App {
    /// A volunteer's calendar feed, if they have made one (its address is not kept).
    pub async fn my_calendar_feed(
        &self,
        person: PersonId,
    ) -> Result<Option<CalendarFeed>, AppError> {
        Ok(self.store.calendar_feed_of(person).await?)
    }

    /// Makes a new secret address for the volunteer's feed, replacing any old one (which stops
    /// working). Returns the address; it is shown once and only the token's hash is kept.
    pub async fn create_calendar_feed(&self, person: PersonId) -> Result<String, AppError> {
        let token = tokens::generate();
        let now = self.clock.now();
        let replacing = self.store.calendar_feed_of(person).await?.is_some();
        self.store
            .apply(vec![
                Write::PutCalendarFeed(CalendarFeed {
                    person_id: person,
                    token_hash: tokens::hash(&token),
                    created_at: now,
                }),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person),
                    if replacing {
                        "calendar_feed.replaced"
                    } else {
                        "calendar_feed.created"
                    },
                    "person",
                    person.0,
                    now,
                )),
            ])
            .await?;
        Ok(self.calendar_feed_url(&token))
    }

    /// Stops the volunteer's feed address working.
    pub async fn revoke_calendar_feed(&self, person: PersonId) -> Result<(), AppError> {
        if self.store.calendar_feed_of(person).await?.is_none() {
            return Ok(());
        }
        self.store
            .apply(vec![
                Write::DeleteCalendarFeed(person),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person),
                    "calendar_feed.revoked",
                    "person",
                    person.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(())
    }

    /// The address of the feed with this token.
    pub fn calendar_feed_url(&self, token: &str) -> String {
        format!("{}/calendar/{token}.ics", self.base_url)
    }

    /// The feed behind a secret token, as iCalendar text: the volunteer's bookings on shifts from
    /// [`FEED_DAYS_BACK`] days ago onwards, in every organisation. An unknown or revoked token is
    /// not found.
    pub async fn calendar_feed_text(&self, token: &str) -> Result<String, AppError> {
        let token = token.trim();
        if token.is_empty() || token.len() > 128 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(AppError::NotFound);
        }
        let feed = self
            .store
            .calendar_feed(&tokens::hash(&token.to_ascii_lowercase()))
            .await?
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        self.render_feed(feed.person_id, now - Duration::days(FEED_DAYS_BACK), now)
            .await
    }

    async fn render_feed(
        &self,
        person: PersonId,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let host = host_of(&self.base_url);
        let events = self
            .store
            .booked_shifts_of(person, since)
            .await?
            .iter()
            .map(|b| event(b, host, &self.base_url))
            .collect();
        Ok(render(
            &Calendar {
                name: "My volunteering shifts".into(),
                events,
            },
            now,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_for_uids() {
        assert_eq!(host_of("https://alongside.example"), "alongside.example");
        assert_eq!(host_of("http://127.0.0.1:8080/app"), "127.0.0.1");
        assert_eq!(host_of("https://volunteer.nhs.uk/"), "volunteer.nhs.uk");
    }
}

//! Kiosks: a manager sets each site's kiosk code (only its hash is kept) and unlocks a shared
//! device with it; the unlocked kiosk can do one thing, at one site — check volunteers in and
//! out by their short personal code. Wrong codes are counted; too many lock the kiosk.

use chrono::{DateTime, Duration, Utc};
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{PersonId, SiteId};
use domain::organisation::Organisation;
use domain::rota::attendance::{
    Attendance, AttendanceMethod, CHECK_OUT_HOURS_AFTER, KIOSK_EARLY_MINUTES, check_in_window,
};
use domain::rota::kiosk::{
    KIOSK_SESSION_HOURS, WRONG_CODE_WINDOW_MINUTES, WRONG_CODES_ALLOWED, normalise_code,
};
use domain::rota::{Booking, BookingStatus};
use domain::site::Site;

use super::codes::kiosk_hash;
use super::{already_recorded, checked_audit};
use crate::ports::{KioskSession, StoreError, Write};
use crate::{App, AppError, tokens};

/// The field kiosk code errors are named by.
pub const KIOSK_CODE_FIELD: &str = "kiosk_code";
/// The field personal code errors are named by.
pub const CODE_FIELD: &str = "code";

/// An unlocked kiosk as its page shows it.
#[derive(Debug, Clone)]
pub struct Kiosk {
    /// The organisation.
    pub organisation: Organisation,
    /// The site.
    pub site: Site,
    /// The unlocked session.
    pub session: KioskSession,
}

/// Whether a volunteer at the kiosk is arriving or leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskAction {
    /// Arriving.
    CheckIn,
    /// Leaving.
    CheckOut,
}

/// What the kiosk tells a volunteer after checking them in or out.
#[derive(Debug, Clone)]
pub struct KioskOutcome {
    /// The name they go by.
    pub name: String,
    /// In or out.
    pub action: KioskAction,
    /// The attendance recorded.
    pub attendance: Attendance,
    /// Their booking.
    pub booking: Booking,
}

impl App {
    /// The organisation and site a kiosk address names.
    async fn kiosk_place(
        &self,
        org_slug: &str,
        site_id: SiteId,
    ) -> Result<(Organisation, Site), AppError> {
        let org = self.organisation(org_slug).await?;
        let site = self
            .store
            .site(org.id, site_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((org, site))
    }

    /// The kiosk's public names, organisation and site, and whether the organisation uses the
    /// NHS identity (for the unlock page).
    pub async fn kiosk_place_names(
        &self,
        org_slug: &str,
        site_id: SiteId,
    ) -> Result<(String, String, bool), AppError> {
        let (org, site) = self.kiosk_place(org_slug, site_id).await?;
        Ok((org.name.clone(), site.name, org.uses_nhs_identity()))
    }

    /// Unlocks a kiosk with the site's kiosk code; returns the kiosk cookie's value. Five wrong
    /// codes for a site in fifteen minutes stop further tries for a while.
    pub async fn unlock_kiosk(
        &self,
        org_slug: &str,
        site_id: SiteId,
        typed: &str,
    ) -> Result<String, AppError> {
        let (org, site) = self.kiosk_place(org_slug, site_id).await?;
        let now = self.clock.now();
        let key = format!("kiosk-unlock:{}", site.id);
        let since = now - Duration::minutes(WRONG_CODE_WINDOW_MINUTES);
        if self.store.sign_in_failures(&key, since).await? >= WRONG_CODES_ALLOWED {
            return Err(AppError::RateLimited);
        }
        let Some(stored) = self.store.kiosk_code(org.id, site.id).await? else {
            return Err(FieldErrors::one(
                KIOSK_CODE_FIELD,
                "This site has no kiosk code yet. A manager can set one on the Attendance page",
            )
            .into());
        };
        let code = normalise_code(typed);
        if code.is_empty() || kiosk_hash(site.id, &code) != stored.code_hash {
            self.store
                .apply(vec![Write::RecordSignInFailure(key, now)])
                .await?;
            return Err(FieldErrors::one(
                KIOSK_CODE_FIELD,
                "The kiosk code is not right. Check it with the volunteer manager",
            )
            .into());
        }
        let token = tokens::generate();
        let session = KioskSession {
            token_hash: tokens::hash(&token),
            organisation_id: org.id,
            site_id: site.id,
            csrf_token: tokens::generate(),
            expires_at: now + Duration::hours(KIOSK_SESSION_HOURS),
        };
        self.store
            .apply(vec![
                Write::ClearSignInFailures(key),
                Write::InsertKioskSession(session, now),
                Write::Audit(AuditEntry::new(
                    Some(org.id),
                    Actor::System,
                    "kiosk.unlocked",
                    "site",
                    site.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(token)
    }

    /// The unlocked kiosk for a cookie, if it is for exactly this organisation and site.
    pub async fn kiosk(
        &self,
        token: &str,
        org_slug: &str,
        site_id: SiteId,
    ) -> Result<Kiosk, AppError> {
        let (organisation, site) = self.kiosk_place(org_slug, site_id).await?;
        let session = self
            .store
            .kiosk_session(&tokens::hash(token), self.clock.now())
            .await?
            .filter(|s| s.organisation_id == organisation.id && s.site_id == site.id)
            .ok_or(AppError::Unauthenticated)?;
        Ok(Kiosk {
            organisation,
            site,
            session,
        })
    }

    /// Locks a kiosk (at the end of the day).
    pub async fn lock_kiosk(&self, token: &str) -> Result<(), AppError> {
        Ok(self
            .store
            .apply(vec![Write::DeleteKioskSession(tokens::hash(token))])
            .await?)
    }

    /// A volunteer at an unlocked kiosk types their personal code to check in (to their place
    /// on a shift at this site starting within the hour or under way) or out. A wrong code is
    /// counted against the kiosk; the fifth in fifteen minutes locks it.
    pub async fn kiosk_check(
        &self,
        kiosk: &Kiosk,
        typed: &str,
        action: KioskAction,
    ) -> Result<KioskOutcome, AppError> {
        let now = self.clock.now();
        let org = kiosk.organisation.id;
        let key = format!("kiosk-code:{}", kiosk.session.token_hash);
        let since = now - Duration::minutes(WRONG_CODE_WINDOW_MINUTES);
        let failures = self.store.sign_in_failures(&key, since).await?;
        if failures >= WRONG_CODES_ALLOWED {
            self.lock_kiosk_session(kiosk).await?;
            return Err(AppError::RateLimited);
        }
        let code = normalise_code(typed);
        let person = match code.as_str() {
            "" => return Err(FieldErrors::one(CODE_FIELD, "Enter your personal code").into()),
            code => self.store.person_with_check_in_code(org, code).await?,
        };
        let Some(person) = person else {
            let mut writes = vec![Write::RecordSignInFailure(key, now)];
            if failures + 1 >= WRONG_CODES_ALLOWED {
                writes.push(Write::DeleteKioskSession(kiosk.session.token_hash.clone()));
                writes.push(self.kiosk_locked_audit(kiosk, now));
                self.store.apply(writes).await?;
                return Err(AppError::RateLimited);
            }
            self.store.apply(writes).await?;
            return Err(FieldErrors::one(
                CODE_FIELD,
                "We do not recognise that code. It is on your My shifts page, or ask the team",
            )
            .into());
        };
        let candidates = self.bookings_here(kiosk, person, now).await?;
        let (booking, attendance, change) = match action {
            KioskAction::CheckIn => {
                let Some((booking, existing)) = candidates.into_iter().find(|(b, _)| {
                    let (opens, closes) =
                        check_in_window(b.starts_at, b.ends_at, KIOSK_EARLY_MINUTES);
                    now >= opens && now < closes
                }) else {
                    return Err(FieldErrors::one(
                        CODE_FIELD,
                        "We cannot find a place of yours on a shift here starting within the hour. Please ask the team",
                    )
                    .into());
                };
                let a = Attendance::check_in(
                    &booking,
                    existing.as_ref(),
                    AttendanceMethod::Kiosk,
                    KIOSK_EARLY_MINUTES,
                    now,
                    CODE_FIELD,
                )?;
                (booking, a.clone(), Write::InsertAttendance(a))
            }
            KioskAction::CheckOut => {
                let found = candidates
                    .iter()
                    .find(|(_, a)| a.as_ref().is_some_and(Attendance::is_checked_in))
                    .or_else(|| candidates.iter().find(|(_, a)| a.is_some()));
                let Some((booking, Some(existing))) = found.cloned() else {
                    return Err(FieldErrors::one(
                        CODE_FIELD,
                        "You have not checked in here today, so you cannot check out",
                    )
                    .into());
                };
                let a = existing.check_out(AttendanceMethod::Kiosk, now, CODE_FIELD)?;
                (
                    booking,
                    a.clone(),
                    Write::UpdateAttendance(a, existing.recorded_at),
                )
            }
        };
        let action_code = match action {
            KioskAction::CheckIn => "attendance.checked_in",
            KioskAction::CheckOut => "attendance.checked_out",
        };
        self.store
            .apply(vec![
                change,
                Write::ClearSignInFailures(key),
                checked_audit(&attendance, action_code, Actor::Person(person)),
            ])
            .await
            .map_err(|e: StoreError| already_recorded(e.into(), CODE_FIELD))?;
        let name = self
            .store
            .person(person)
            .await?
            .map(|p| p.known_as().to_owned())
            .unwrap_or_default();
        Ok(KioskOutcome {
            name,
            action,
            attendance,
            booking,
        })
    }

    /// A person's standing places on shifts at the kiosk's site that are near enough now to
    /// check in or out of, earliest first, each with any attendance recorded.
    async fn bookings_here(
        &self,
        kiosk: &Kiosk,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Booking, Option<Attendance>)>, AppError> {
        let org = kiosk.organisation.id;
        let mut found = Vec::new();
        for b in self.store.bookings_of_person(person).await? {
            let near = now >= b.starts_at - Duration::minutes(KIOSK_EARLY_MINUTES)
                && now < b.ends_at + Duration::hours(CHECK_OUT_HOURS_AFTER);
            if b.organisation_id != org || b.status != BookingStatus::Booked || !near {
                continue;
            }
            let here = self
                .store
                .shift(org, b.shift_id)
                .await?
                .is_some_and(|r| r.shift.site_id == kiosk.site.id && !r.shift.cancelled);
            if here {
                let a = self.store.attendance_for_booking(org, b.id).await?;
                found.push((b, a));
            }
        }
        Ok(found)
    }

    async fn lock_kiosk_session(&self, kiosk: &Kiosk) -> Result<(), AppError> {
        let now = self.clock.now();
        Ok(self
            .store
            .apply(vec![
                Write::DeleteKioskSession(kiosk.session.token_hash.clone()),
                self.kiosk_locked_audit(kiosk, now),
            ])
            .await?)
    }

    fn kiosk_locked_audit(&self, kiosk: &Kiosk, now: DateTime<Utc>) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(kiosk.organisation.id),
                Actor::System,
                "kiosk.locked_after_wrong_codes",
                "site",
                kiosk.site.id.0,
                now,
            )
            .with_detail(format!("{WRONG_CODES_ALLOWED} wrong personal codes")),
        )
    }
}

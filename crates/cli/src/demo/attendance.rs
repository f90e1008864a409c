//! Attendance and hours in the demo: at each organisation, a role's registers from the last
//! fortnight (who came, one volunteer who has missed two shifts, one who let the team know
//! late), yesterday's shift left for the no-show job, and hours logged from home (one approved,
//! one waiting).

use anyhow::Result;
use app::App;
use app::ports::{VolunteerSearch, Write};
use chrono::{Duration, NaiveDate};
use domain::compliance::PlacementStatus;
use domain::engagement::EngagementStatus;
use domain::ids::{PersonId, RoleId};
use domain::rota::attendance::MarkInput;
use domain::rota::hours::HoursInput;
use domain::rota::{Booking, Shift, ShiftInput, from_utc};

use super::Explain;
use super::organisations::SeededOrg;

/// Active volunteers looked through for a role with enough of them.
const LOOK_THROUGH: u32 = 60;

/// Adds the registers and logged hours.
pub(super) async fn add_attendance(app: &App, orgs: &[SeededOrg]) -> Result<()> {
    let today = from_utc(app.clock.now()).date();
    for org in orgs {
        let Some((role, people)) = busiest_role(app, org).await? else {
            continue;
        };
        let [v0, v1, v2, v3] = [people[0], people[1], people[2], people[3]];
        let fortnight = shift(app, org, role, today - Duration::days(15), "10:00", "13:00").await?;
        let week = shift(app, org, role, today - Duration::days(8), "10:00", "13:00").await?;
        let yesterday = shift(app, org, role, today - Duration::days(1), "14:00", "16:00").await?;
        let scope = &org.scope;
        for (s, who, status, arrived, left) in [
            (&fortnight, v0, "attended", "09:55", "13:00"),
            (&fortnight, v2, "no_show", "", ""),
            (&week, v0, "attended", "10:05", "13:00"),
            (&week, v1, "attended", "", ""),
            (&week, v2, "no_show", "", ""),
            (&week, v3, "cancelled_late", "", ""),
        ] {
            let booking = book(app, s, who).await?;
            let input = MarkInput {
                status: status.into(),
                arrived: arrived.into(),
                left: left.into(),
            };
            app.mark_attendance(scope, s.id, booking.id, &input)
                .await
                .explain(|| "marking demo attendance".to_owned())?;
        }
        // Nobody records yesterday's: the no-show job does, once the server runs it.
        book(app, &yesterday, v1).await?;
        let logged = |days: i64, hours: &str, minutes: &str, what: &str| HoursInput {
            date: (today - Duration::days(days)).to_string(),
            hours: hours.into(),
            minutes: minutes.into(),
            description: what.into(),
        };
        let calls = app
            .log_hours(
                v0,
                &role.to_string(),
                &logged(4, "2", "", "Phoned three befriending contacts from home"),
            )
            .await
            .explain(|| "logging demo hours".to_owned())?;
        app.approve_hours(scope, calls.id)
            .await
            .explain(|| "approving demo hours".to_owned())?;
        app.log_hours(
            v1,
            &role.to_string(),
            &logged(
                2,
                "1",
                "30",
                "Wrote birthday cards for patients on the ward",
            ),
        )
        .await
        .explain(|| "logging demo hours".to_owned())?;
    }
    Ok(())
}

/// The open role with the most active volunteers (at least four), and four of them.
async fn busiest_role(app: &App, org: &SeededOrg) -> Result<Option<(RoleId, Vec<PersonId>)>> {
    let search = VolunteerSearch {
        status: Some(EngagementStatus::Active),
        page: 1,
        per_page: LOOK_THROUGH,
        ..VolunteerSearch::default()
    };
    let org_id = org.scope.organisation_id();
    let mut by_role: Vec<(RoleId, Vec<PersonId>)> = Vec::new();
    for row in app.volunteers(&org.scope, search).await?.items {
        for p in app.store.placements_of(org_id, row.person.id).await? {
            if p.placement.status != PlacementStatus::Active
                || !org.roles.iter().any(|r| r.id == p.placement.role_id)
            {
                continue;
            }
            match by_role.iter_mut().find(|(r, _)| *r == p.placement.role_id) {
                Some((_, people)) => people.push(row.person.id),
                None => by_role.push((p.placement.role_id, vec![row.person.id])),
            }
        }
    }
    by_role.sort_by_key(|(_, people)| std::cmp::Reverse(people.len()));
    Ok(by_role
        .into_iter()
        .find(|(_, people)| people.len() >= 4)
        .map(|(role, people)| (role, people.into_iter().take(4).collect())))
}

/// A shift of `role` at its first site.
async fn shift(
    app: &App,
    org: &SeededOrg,
    role: RoleId,
    date: NaiveDate,
    start: &str,
    end: &str,
) -> Result<Shift> {
    let site = app
        .role(&org.scope, role)
        .await?
        .site_ids
        .first()
        .copied()
        .ok_or_else(|| anyhow::anyhow!("a demo role without a site"))?;
    let input = ShiftInput {
        date: date.to_string(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: "2".into(),
        max_volunteers: "6".into(),
        notes: String::new(),
    };
    app.add_shift(&org.scope, role, site, &input)
        .await
        .explain(|| "adding a demo shift in the past".to_owned())
}

/// A place booked a week before the shift.
async fn book(app: &App, shift: &Shift, person: PersonId) -> Result<Booking> {
    let booking = Booking::new(shift, person, shift.starts_at - Duration::days(7));
    app.store
        .apply(vec![Write::BookShift(booking.clone())])
        .await?;
    Ok(booking)
}

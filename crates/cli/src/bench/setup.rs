//! The benchmark's data: a fresh organisation with one role that needs no checks, volunteers
//! active in it, and shifts on separate days (so no sign-up clashes with another), written
//! straight to the store in large batches.

use std::sync::Arc;

use anyhow::{Context, anyhow};
use app::{App, Write};
use chrono::{DateTime, Duration, Utc};
use domain::compliance::{Placement, PlacementStatus};
use domain::engagement::{Engagement, EngagementStatus};
use domain::ids::{EngagementId, PersonId, PlacementId, ShiftId};
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;
use domain::role::RoleInput;
use domain::rota::Shift;
use domain::site::SiteInput;

/// How many times the raw-insert ceiling is timed (once before the surge, the rest after);
/// the median is reported, since one timing moves with whatever else the machine is doing.
pub const CEILING_RUNS: usize = 3;

/// How big the surge is.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Volunteers racing.
    pub volunteers: usize,
    /// Shifts everyone wants.
    pub hot_shifts: usize,
    /// Places on each of those.
    pub hot_places: u16,
    /// Other shifts.
    pub shifts: usize,
    /// Places on each of those.
    pub places: u16,
    /// Other shifts each volunteer tries for (besides one hot shift).
    pub tries: usize,
}

impl Plan {
    /// All the places on offer.
    pub fn places_on_offer(&self) -> usize {
        self.hot_shifts * usize::from(self.hot_places) + self.shifts * usize::from(self.places)
    }
}

/// What was made: the organisation's token and the shifts, hot ones first.
pub struct Made {
    /// An API token of the organisation's admin.
    pub token: String,
    /// The organisation.
    pub organisation: domain::ids::OrganisationId,
    /// The volunteers.
    pub volunteers: Vec<PersonId>,
    /// The hot shifts, then the others.
    pub shifts: Vec<Shift>,
    /// Shifts with room for everyone, one for each timing of the raw-insert ceiling.
    pub ceiling_shifts: Vec<Shift>,
}

/// Makes the organisation, volunteers and shifts.
pub async fn make(app: &App, plan: Plan) -> anyhow::Result<Made> {
    let tag = uuid::Uuid::now_v7().simple().to_string();
    let tag = &tag[tag.len() - 10..];
    let admin = app
        .register(
            &PersonInput {
                given_name: "Bench".into(),
                family_name: "Admin".into(),
                email: format!("bench-admin-{tag}@example.org"),
                ..Default::default()
            },
            "a long enough benchmark password",
        )
        .await
        .map_err(|e| anyhow!("registering the benchmark admin: {e:?}"))?;
    let slug = format!("bench-{tag}");
    app.create_organisation(
        &OrganisationInput {
            name: format!("Benchmark Trust {tag}"),
            slug: slug.clone(),
            sector: "voluntary".into(),
            kind: "hospice".into(),
            postcode: "LS1 3EX".into(),
            ..Default::default()
        },
        admin.id,
    )
    .await
    .map_err(|e| anyhow!("creating the benchmark organisation: {e:?}"))?;
    let scope = app
        .authorise(admin.id, &slug)
        .await
        .map_err(|e| anyhow!("{e:?}"))?;
    let org = scope.organisation_id();
    let site = app
        .create_site(
            &scope,
            &SiteInput {
                name: "Main hospital".into(),
                kind: "hospital".into(),
                postcode: "LS1 3EX".into(),
            },
        )
        .await
        .map_err(|e| anyhow!("creating the site: {e:?}"))?;
    let role = app
        .create_role(
            &scope,
            &RoleInput {
                title: "Ward visitor".into(),
                summary: "Keep patients company".into(),
                description: "Chat with patients on the ward.".into(),
                setting: "in_hospital".into(),
                activities: "Talking and listening".into(),
                site_ids: vec![site.id],
                time_commitment: "3 hours a week".into(),
                minimum_age: "16".into(),
                dbs_level: "none".into(),
                non_substitution_statement: "Volunteers add to care; staff still give it.".into(),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| anyhow!("creating the role: {e:?}"))?;
    app.publish_role(&scope, role.id)
        .await
        .map_err(|e| anyhow!("publishing the role: {e:?}"))?;
    let token = app
        .create_api_token_for(&slug, admin.email.as_str())
        .await
        .map_err(|e| anyhow!("making a token: {e:?}"))?;

    let now = Utc::now();
    let today = now.date_naive();
    let mut volunteers = Vec::with_capacity(plan.volunteers);
    let mut writes = Vec::new();
    for i in 0..plan.volunteers {
        let person = PersonInput {
            given_name: "Volunteer".into(),
            family_name: format!("Number {i}"),
            email: format!("v{i}-{tag}@example.org"),
            date_of_birth: "1980-01-01".into(),
            ..Default::default()
        }
        .parse(PersonId::new(), today)
        .map_err(|e| anyhow!("a generated volunteer is invalid: {e:?}"))?;
        volunteers.push(person.id);
        writes.push(Write::InsertEngagement(Engagement {
            id: EngagementId::new(),
            organisation_id: org,
            person_id: person.id,
            status: EngagementStatus::Active,
            started_at: now,
            leaving_reason: None,
            leaving_note: String::new(),
        }));
        writes.push(Write::InsertPlacement(Placement {
            id: PlacementId::new(),
            organisation_id: org,
            person_id: person.id,
            role_id: role.id,
            application_id: None,
            status: PlacementStatus::Active,
            applied_at: now,
            accepted_at: now,
            activated_at: Some(now),
            ended_at: None,
        }));
        writes.insert(writes.len() - 2, Write::InsertPerson(person, None));
    }
    // A year ahead, one shift a day, 09:00–12:00 UTC: nobody's places overlap.
    let first: DateTime<Utc> = (today + Duration::days(365))
        .and_hms_opt(9, 0, 0)
        .context("a start time")?
        .and_utc();
    let shift = |day: usize, max: u16| Shift {
        id: ShiftId::new(),
        organisation_id: org,
        role_id: role.id,
        site_id: site.id,
        starts_at: first + Duration::days(day as i64),
        ends_at: first + Duration::days(day as i64) + Duration::hours(3),
        min_volunteers: 1,
        max_volunteers: max,
        notes: String::new(),
        supervisor: None,
        series_id: None,
        cancelled: false,
    };
    let mut shifts = Vec::new();
    for d in 0..plan.hot_shifts {
        shifts.push(shift(d, plan.hot_places));
    }
    for d in 0..plan.shifts {
        shifts.push(shift(plan.hot_shifts + d, plan.places));
    }
    let ceiling_shifts: Vec<Shift> = (0..CEILING_RUNS)
        .map(|k| {
            shift(
                plan.hot_shifts + plan.shifts + k,
                domain::rota::shift::MAX_VOLUNTEERS,
            )
        })
        .collect();
    writes.extend(shifts.iter().cloned().map(Write::InsertShift));
    writes.extend(ceiling_shifts.iter().cloned().map(Write::InsertShift));
    let store: &Arc<dyn app::Store> = &app.store;
    let mut batch = Vec::with_capacity(1500);
    for w in writes {
        batch.push(w);
        if batch.len() == 1500 {
            store.apply(std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        store.apply(batch).await?;
    }
    Ok(Made {
        token,
        organisation: org,
        volunteers,
        shifts,
        ceiling_shifts,
    })
}

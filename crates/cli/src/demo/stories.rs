//! The demo's stories: people applying to roles and being taken through to an outcome with the
//! real use cases, so histories, emails and audit entries are what the live system would write.

use std::collections::HashSet;

use anyhow::{Context, Result};
use app::{App, OrgScope};
use domain::Labelled;
use domain::application::{ApplicationInput, ApplicationStatus};
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::ids::ApplicationId;
use domain::person::PersonInput;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::checklists::{Progress, start, work_through};
use super::data::{self, OrgSpec, Outcome};
use super::organisations::{SeededOrg, SeededRole, register};
use super::people::Volunteer;
use super::{DemoSignIn, Explain, pick, suitable};

/// Every outcome an organisation's stories end in, in a random order.
pub(super) fn outcomes(spec: &OrgSpec, rng: &mut StdRng) -> Vec<Outcome> {
    let mut all: Vec<Outcome> = spec
        .stories
        .iter()
        .flat_map(|(outcome, n)| std::iter::repeat_n(*outcome, *n as usize))
        .collect();
    all.shuffle(rng);
    all
}

/// Hands out volunteers in a shuffled order, each at most once per organisation.
pub(super) struct Pool<'a> {
    people: &'a [Volunteer],
    order: Vec<usize>,
    next: usize,
    taken: HashSet<(usize, usize)>,
}

impl<'a> Pool<'a> {
    /// A pool over `people` in a shuffled order.
    pub(super) fn new(people: &'a [Volunteer], rng: &mut StdRng) -> Self {
        let mut order: Vec<usize> = (0..people.len()).collect();
        order.shuffle(rng);
        Self {
            people,
            order,
            next: 0,
            taken: HashSet::new(),
        }
    }

    /// The next volunteer old enough for a role who is new to organisation `org`.
    pub(super) fn take(&mut self, org: usize, minimum_age: u32) -> Option<&'a Volunteer> {
        let len = self.order.len();
        for offset in 0..len {
            let at = (self.next + offset) % len;
            let index = self.order[at];
            if self.people[index].age >= minimum_age && self.taken.insert((org, index)) {
                self.next = (at + 1) % len;
                return Some(&self.people[index]);
            }
        }
        None
    }
}

/// A role taking applications, by weight, among those `suits`.
pub(super) fn choose_role<'r>(
    rng: &mut StdRng,
    roles: &'r [SeededRole],
    suits: impl Fn(&SeededRole) -> bool,
) -> Result<&'r SeededRole> {
    let candidates: Vec<&SeededRole> = roles
        .iter()
        .filter(|r| r.takes_applications() && suits(r))
        .collect();
    Ok(*candidates
        .choose_weighted(rng, |r| r.weight)
        .context("choosing a role")?)
}

/// Takes one person's application at an organisation through to `outcome`.
pub(super) async fn tell_story(
    app: &App,
    rng: &mut StdRng,
    org: &SeededOrg,
    role: &SeededRole,
    person: &Volunteer,
    outcome: Outcome,
) -> Result<()> {
    let scope = &org.scope;
    let application = apply(app, rng, person, role).await?;
    match outcome {
        Outcome::Submitted => {}
        Outcome::Screening => {
            let note = pick(rng, data::SCREENING_NOTES)?;
            decide(app, scope, application, ApplicationStatus::Screening, note).await?;
        }
        Outcome::Declined => {
            maybe_screen(app, rng, scope, application).await?;
            let (note, suggested_another) = *pick(rng, data::DECLINES)?;
            decide(app, scope, application, ApplicationStatus::Declined, note).await?;
            if suggested_another {
                let other = choose_role(rng, &org.roles, |r| {
                    r.id != role.id && r.minimum_age <= person.age
                })?;
                apply(app, rng, person, other).await?;
            } else {
                leave(app, scope, person, "other", "Application not taken forward").await?;
            }
        }
        Outcome::Withdrawn => {
            app.withdraw_application(person.id, application)
                .await
                .explain(|| "withdrawing an application".into())?;
            let (reason, note) = *pick(rng, data::WITHDRAWING)?;
            leave(app, scope, person, reason, note).await?;
        }
        Outcome::Onboarding
        | Outcome::LeftInOnboarding
        | Outcome::Active
        | Outcome::Paused
        | Outcome::LeftAfterActive => {
            // Days pass between the application, the decision, the checks and starting, so
            // time to onboard has something to measure.
            let accepted_after = rng.random_range(3..=10);
            let deciding = super::app_at(app, -accepted_after);
            maybe_screen(&deciding, rng, scope, application).await?;
            let note = pick(rng, data::ACCEPT_NOTES)?;
            decide(
                &deciding,
                scope,
                application,
                ApplicationStatus::Accepted,
                note,
            )
            .await?;
            after_acceptance(app, rng, scope, person, outcome, accepted_after).await?;
        }
    }
    Ok(())
}

/// Moves an accepted volunteer's engagement on from onboarding to `outcome`.
async fn after_acceptance(
    app: &App,
    rng: &mut StdRng,
    scope: &OrgScope,
    person: &Volunteer,
    outcome: Outcome,
    accepted_after: i64,
) -> Result<()> {
    match outcome {
        Outcome::Onboarding | Outcome::LeftInOnboarding => {
            let checking = super::app_at(app, -(accepted_after + rng.random_range(0..=3)));
            work_through(&checking, rng, scope, person.id, Progress::Partly).await?;
            if outcome == Outcome::LeftInOnboarding {
                let note = pick(rng, data::DID_NOT_COMPLETE_NOTES)?;
                return leave(&checking, scope, person, "did_not_complete", note).await;
            }
            return Ok(());
        }
        _ => {}
    }
    let checked_after = accepted_after + rng.random_range(14..=45);
    let checking = super::app_at(app, -checked_after);
    work_through(&checking, rng, scope, person.id, Progress::All).await?;
    let starting = super::app_at(app, -(checked_after + rng.random_range(1..=7)));
    start(&starting, scope, person.id).await?;
    let app = &starting;
    match outcome {
        Outcome::Paused => {
            let note = pick(rng, data::PAUSE_NOTES)?;
            move_to(app, scope, person, EngagementStatus::Paused, None, note).await
        }
        Outcome::LeftAfterActive => {
            let (reason, note) = *pick(rng, data::LEAVING)?;
            leave(app, scope, person, reason, note).await
        }
        _ => Ok(()),
    }
}

/// Applies to a role with answers suited to the person's age.
async fn apply(
    app: &App,
    rng: &mut StdRng,
    person: &Volunteer,
    role: &SeededRole,
) -> Result<ApplicationId> {
    let input = ApplicationInput {
        motivation: (*pick(rng, &suitable(data::MOTIVATIONS, person.age))?).into(),
        availability: (*pick(rng, &suitable(data::AVAILABILITY, person.age))?).into(),
    };
    let application = app
        .apply(person.id, role.id, &input)
        .await
        .explain(|| format!("applying for {}", role.title))?;
    Ok(application.id)
}

/// Screens an application first, half the time, so histories vary.
async fn maybe_screen(
    app: &App,
    rng: &mut StdRng,
    scope: &OrgScope,
    application: ApplicationId,
) -> Result<()> {
    if rng.random_bool(0.5) {
        let note = pick(rng, data::SCREENING_NOTES)?;
        decide(app, scope, application, ApplicationStatus::Screening, note).await?;
    }
    Ok(())
}

/// A manager moves an application on.
async fn decide(
    app: &App,
    scope: &OrgScope,
    application: ApplicationId,
    to: ApplicationStatus,
    note: &str,
) -> Result<()> {
    app.decide_application(scope, application, to, note)
        .await
        .explain(|| format!("moving an application to {}", to.code()))
}

/// A manager moves an engagement on.
async fn move_to(
    app: &App,
    scope: &OrgScope,
    person: &Volunteer,
    to: EngagementStatus,
    reason: Option<LeavingReason>,
    note: &str,
) -> Result<()> {
    app.move_engagement(scope, person.id, to, reason, note)
        .await
        .explain(|| format!("moving an engagement to {}", to.code()))
}

/// Ends a person's engagement for the reason with code `reason`.
async fn leave(
    app: &App,
    scope: &OrgScope,
    person: &Volunteer,
    reason: &str,
    note: &str,
) -> Result<()> {
    let reason = LeavingReason::from_code(reason)
        .with_context(|| format!("{reason:?} is not a leaving reason"))?;
    move_to(
        app,
        scope,
        person,
        EngagementStatus::Left,
        Some(reason),
        note,
    )
    .await
}

/// The demo volunteer: a sign-in with applications in progress.
pub(super) async fn add_demo_volunteer(app: &App, orgs: &[SeededOrg]) -> Result<DemoSignIn> {
    let spec = &data::DEMO_VOLUNTEER;
    let input = PersonInput {
        given_name: spec.given_name.into(),
        family_name: spec.family_name.into(),
        email: spec.email.into(),
        phone: "07700 900999".into(),
        date_of_birth: data::DEMO_VOLUNTEER_BORN.into(),
        postcode: "LS6 3HN".into(),
        languages: "English, British Sign Language".into(),
        skills: "Customer service, Listening".into(),
        interests: "Running, Films, Baking".into(),
        ..PersonInput::default()
    };
    let mut sign_ins = Vec::new();
    let who = spec
        .sign_in
        .context("the demo volunteer needs a description")?;
    let person = register(app, &input, who, &mut sign_ins).await?;
    for (slug, title, screen) in data::DEMO_VOLUNTEER_APPLIES {
        let org = data::ORGANISATIONS
            .iter()
            .position(|o| o.slug == *slug)
            .and_then(|i| orgs.get(i))
            .with_context(|| format!("no demo organisation is called {slug}"))?;
        let role = org
            .roles
            .iter()
            .find(|r| r.title == *title)
            .with_context(|| format!("no demo role is called {title}"))?;
        let answers = ApplicationInput {
            motivation: "I'd like to meet people and help out while I look for work in healthcare."
                .into(),
            availability: "Weekday mornings and some Saturdays".into(),
        };
        let application = app
            .apply(person, role.id, &answers)
            .await
            .explain(|| format!("applying for {title}"))?;
        if *screen {
            let note = "Informal chat booked";
            decide(
                app,
                &org.scope,
                application.id,
                ApplicationStatus::Screening,
                note,
            )
            .await?;
        }
    }
    sign_ins.pop().context("registering the demo volunteer")
}

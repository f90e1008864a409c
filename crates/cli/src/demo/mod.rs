//! `alongside demo`: fills an empty database with realistic, deterministic demo data.
//!
//! Organisations, sites, staff and roles come from the tables in [`data`]. About 600 volunteers
//! are generated from a seeded random number generator and then taken through the real use cases
//! (applying, screening, accepting, starting, pausing, leaving), so every record, history line,
//! email and audit entry is what the live system would have written. The same seed gives the
//! same people, roles and outcomes every time; only identifiers and timestamps differ.

mod attendance;
mod checklists;
mod data;
mod expenses;
mod hours;
mod learning_events;
mod library;
mod locations;
mod networks;
pub mod notify;
mod organisations;
mod people;
mod quality;
mod reach;
mod rota;
mod safeguarding;
mod stories;
mod support;
mod support_people;

use anyhow::{Context, Result, anyhow, bail};
use app::{App, AppError};
use domain::FieldErrors;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use data::Tagged;
use organisations::{close_roles, set_up_organisation};
use people::add_volunteers;
use stories::{Pool, add_demo_volunteer, choose_role, outcomes, tell_story};

/// The password every demo sign-in shares.
pub const DEMO_PASSWORD: &str = "alongside-demo-2026";
/// The random seed: the same seed gives the same demo.
const SEED: u64 = 2026;
/// How many volunteers to generate.
const PEOPLE: usize = 600;
/// How many volunteers to add per transaction.
const BATCH: usize = 50;

/// One demo sign-in printed at start and listed in the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    /// Who this is, e.g. "Volunteer manager, Riverside University Hospitals".
    pub who: &'static str,
    /// The email address to sign in with.
    pub email: String,
    /// The password.
    pub password: &'static str,
}

/// The demo sign-ins, in the order [`seed`] returns them, for a database it filled earlier.
pub fn sign_ins() -> Vec<DemoSignIn> {
    data::ORGANISATIONS
        .iter()
        .flat_map(|org| std::iter::once(&org.admin).chain(org.staff))
        .chain(std::iter::once(&data::DEMO_VOLUNTEER))
        .chain(std::iter::once(&data::DEMO_BEFRIENDER))
        .chain(std::iter::once(&data::DEMO_PASSPORT))
        .filter_map(|spec| {
            spec.sign_in.map(|who| DemoSignIn {
                who,
                email: spec.email.to_lowercase(),
                password: DEMO_PASSWORD,
            })
        })
        .collect()
}

/// Fills an empty database with realistic, deterministic demo data; `progress` is called with (done, total) steps.
pub async fn seed(app: &App, progress: &dyn Fn(u64, u64)) -> Result<Vec<DemoSignIn>> {
    if app.store.count_people().await? > 0 {
        bail!("the database already has people in it; the demo needs an empty database");
    }
    let stories: u64 = data::ORGANISATIONS
        .iter()
        .flat_map(|o| o.stories)
        .map(|(_, n)| u64::from(*n))
        .sum();
    let total = (data::ORGANISATIONS.len() + PEOPLE.div_ceil(BATCH)) as u64 + stories + 2;
    let mut progress = Progress::new(total, progress);
    let mut rng = StdRng::seed_from_u64(SEED);

    let mut sign_ins = Vec::new();
    let mut orgs = Vec::new();
    for spec in data::ORGANISATIONS {
        let org = set_up_organisation(app, spec, &mut sign_ins)
            .await
            .with_context(|| format!("setting up {}", spec.name))?;
        orgs.push(org);
        progress.step();
    }
    let people = add_volunteers(app, &mut rng, &mut progress).await?;
    let mut pool = Pool::new(&people, &mut rng);
    for (index, (spec, org)) in data::ORGANISATIONS.iter().zip(&orgs).enumerate() {
        for outcome in outcomes(spec, &mut rng) {
            let role = choose_role(&mut rng, &org.roles, |_| true)?;
            if let Some(person) = pool.take(index, role.minimum_age) {
                // Each story happened some while ago, so the history and the dashboard's
                // "last 90 days" look like a real programme's.
                // …but never before they were old enough for the role.
                let old_enough_for =
                    i64::from(person.age.saturating_sub(role.minimum_age)) * 365 - 1;
                let then = app_at(app, days_ago(&mut rng, outcome).min(old_enough_for.max(0)));
                tell_story(&then, &mut rng, org, role, person, outcome)
                    .await
                    .with_context(|| format!("at {}", spec.name))?;
            }
            progress.step();
        }
    }
    sign_ins.push(add_demo_volunteer(app, &orgs).await?);
    progress.step();
    close_roles(app, &orgs).await?;
    rota::add_shifts(app, &orgs).await?;
    attendance::add_attendance(app, &orgs).await?;
    expenses::add_claims(app, &orgs).await?;
    quality::add_quality(app, &orgs, &mut rng).await?;
    reach::add_equality(app, &orgs, &mut rng).await?;
    hours::add_logged_hours(app, &orgs, &mut rng).await?;
    quality::add_feedback(app, &orgs, &mut rng).await?;
    sign_ins.push(support::add_support(app, &orgs, &mut rng).await?);
    sign_ins.push(networks::add_networks(app, &orgs, &mut rng).await?);
    hold_demo_emails(app).await?;
    // After the hold: the demo's invented messages were held whoever sends them.
    notify::use_notify(app).await?;
    // After the hold, so its email goes out (to the log without SMTP) for trying the link.
    quality::invite_one_volunteer(app, &orgs).await?;
    progress.step();
    Ok(sign_ins)
}

/// The people in the demo are invented, so the confirmation emails their applications queued
/// must never go out, even if an SMTP server is configured later: hold them in the outbox.
async fn hold_demo_emails(app: &App) -> Result<()> {
    struct Hold;
    #[async_trait::async_trait]
    impl app::Notifier for Hold {
        async fn send(&self, _: &app::ports::OutboxMessage) -> Result<app::Delivery, String> {
            Ok(app::Delivery::Held("demo data: never sent".into()))
        }
    }
    while app.deliver_due(&Hold).await?.handled() > 0 {}
    Ok(())
}

/// The same application, its clock stopped `days` ago (a negative number moves it on), but
/// never later than now: a story's later steps cannot happen in the future.
fn app_at(app: &App, days: i64) -> App {
    let then = (app.clock.now() - chrono::Duration::days(days)).min(chrono::Utc::now());
    App::new(
        app.store.clone(),
        std::sync::Arc::new(app::FixedClock(then)),
        app.base_url.clone(),
    )
}

/// How long ago a story of this outcome plausibly began.
fn days_ago(rng: &mut StdRng, outcome: data::Outcome) -> i64 {
    use data::Outcome::*;
    use rand::Rng;
    let range = match outcome {
        Submitted => 0..14,
        Screening => 3..30,
        Onboarding => 14..75,
        Declined | Withdrawn => 7..240,
        LeftInOnboarding => 20..200,
        // Long enough ago for the decision, checks and start to have happened (up to 62 days).
        LeftAfterActive => 70..420,
        Active | Paused => 70..1_100,
    };
    rng.random_range(range)
}

/// Counts steps and reports them.
struct Progress<'a> {
    done: u64,
    total: u64,
    report: &'a dyn Fn(u64, u64),
}

impl<'a> Progress<'a> {
    /// Starts counting, reporting nothing done yet.
    fn new(total: u64, report: &'a dyn Fn(u64, u64)) -> Self {
        report(0, total);
        Self {
            done: 0,
            total,
            report,
        }
    }

    /// Reports one more step done.
    fn step(&mut self) {
        self.done = (self.done + 1).min(self.total);
        (self.report)(self.done, self.total);
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/// One item of a table, at random.
fn pick<'t, T>(rng: &mut StdRng, items: &'t [T]) -> Result<&'t T> {
    items
        .choose(rng)
        .context("choosing from an empty demo table")
}

/// The texts suited to someone of `age`.
fn suitable(items: &[Tagged], age: u32) -> Vec<&'static str> {
    items
        .iter()
        .filter(|(_, youngest, oldest)| (*youngest..=*oldest).contains(&age))
        .map(|(text, _, _)| *text)
        .collect()
}

/// Spells out an application error, naming each wrong field.
trait Explain<T> {
    /// The error with `what` was being done, and any field errors listed.
    fn explain(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<AppError>> Explain<T> for Result<T, E> {
    fn explain(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| match e.into() {
            AppError::Invalid(errors) => anyhow!("{}: {}", what(), fields(&errors)),
            other => anyhow::Error::new(other).context(what()),
        })
    }
}

/// Field errors as one line.
fn fields(errors: &FieldErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| format!("{} ({})", e.message, e.field))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests;

//! Onboarding in the demo: checklists worked through with the real use cases — DBS checks
//! recorded, referees asked and answering through their links, training verified — so the
//! onboarding board, expiring list and time-to-onboard figures show what a live system would.

use anyhow::Result;
use app::{App, OrgScope};
use domain::Labelled;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::{RefereeInput, ReferenceReplyInput};
use domain::compliance::{CheckKind, PlacementStatus};
use domain::ids::PersonId;
use domain::role::DbsLevel;
use rand::Rng;
use rand::rngs::StdRng;

use super::Explain;

/// How far through their checklist a demo volunteer gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Progress {
    /// Some items done, some told to us and waiting, some not started.
    Partly,
    /// Everything verified.
    All,
}

/// Works through the person's onboarding checklists as of `app`'s clock.
pub(super) async fn work_through(
    app: &App,
    rng: &mut StdRng,
    scope: &OrgScope,
    person: PersonId,
    progress: Progress,
) -> Result<()> {
    let today = app.clock.today();
    let lists = app
        .checklists(scope, person)
        .await
        .explain(|| "reading a checklist".into())?;
    for list in lists
        .iter()
        .filter(|l| l.placement.placement.status == PlacementStatus::Onboarding)
    {
        for item in &list.items {
            let Some(check) = &item.check else { continue };
            if item.holds {
                continue;
            }
            if progress == Progress::Partly && rng.random_bool(0.4) {
                continue;
            }
            let done = today - chrono::Duration::days(rng.random_range(1..20));
            let mut input = CheckInput {
                action: "verify".into(),
                issued_on: done.to_string(),
                ..CheckInput::default()
            };
            match check.kind {
                CheckKind::Dbs => {
                    let level = match list.role.dbs_level {
                        DbsLevel::None => DbsLevel::Basic,
                        l => l,
                    };
                    input.dbs_level = level.code().into();
                    input.dbs_workforce = list
                        .role
                        .dbs_workforce
                        .map(|w| w.code().to_owned())
                        .unwrap_or_default();
                    input.dbs_certificate_number =
                        format!("{:012}", rng.random_range(1..999_999_999_999u64));
                    input.dbs_outcome = "clear".into();
                    input.dbs_update_service = if level == DbsLevel::Basic {
                        "no"
                    } else {
                        "yes"
                    }
                    .into();
                }
                CheckKind::References => {
                    ask_and_answer(app, scope, person, check.id, list.role.references_required)
                        .await?;
                }
                CheckKind::DrivingLicence => {
                    input.expires_on =
                        (today + chrono::Duration::days(rng.random_range(400..3_000))).to_string();
                }
                CheckKind::GuardianConsent => input.note = "Consent form signed by a parent".into(),
                _ => {}
            }
            if progress == Progress::Partly
                && check.kind.volunteer_can_submit()
                && rng.random_bool(0.5)
            {
                app.submit_my_check(person, scope.organisation().slug.as_str(), check.id, &input)
                    .await
                    .explain(|| format!("submitting {}", check.name))?;
                continue;
            }
            app.record_check(scope, check.id, &input)
                .await
                .explain(|| format!("verifying {}", check.name))?;
        }
    }
    Ok(())
}

/// Starts the person in every role they are onboarding for.
pub(super) async fn start(app: &App, scope: &OrgScope, person: PersonId) -> Result<()> {
    for list in app
        .checklists(scope, person)
        .await
        .explain(|| "reading a checklist".into())?
    {
        if list.placement.placement.status == PlacementStatus::Onboarding {
            app.activate_placement(scope, list.placement.placement.id)
                .await
                .explain(|| format!("starting in {}", list.role.title))?;
        }
    }
    Ok(())
}

/// Asks `count` referees and has each answer through the link in their email.
async fn ask_and_answer(
    app: &App,
    scope: &OrgScope,
    person: PersonId,
    check: domain::ids::CheckId,
    count: u32,
) -> Result<()> {
    for n in 1..=count {
        let email = format!("referee{n}.{}@example.org", person.0.simple());
        let request = RefereeInput {
            referee_name: format!("Referee {n}"),
            referee_email: email.clone(),
            relationship: if n == 1 {
                "Former manager"
            } else {
                "Friend for ten years"
            }
            .into(),
        };
        let (_, token) = app
            .request_reference_link(scope, check, &request)
            .await
            .explain(|| "asking a referee".into())?;
        let reply = ReferenceReplyInput {
            known_for: "I have known them for several years.".into(),
            suitability: "Reliable, kind and patient; I have no concerns.".into(),
            recommends: "yes".into(),
        };
        app.give_reference(&token, &reply)
            .await
            .explain(|| "giving a reference".into())?;
    }
    Ok(())
}

//! The demo's safeguarding: the coordinator is the lead and the admin the deputy; one concern
//! from the befriender dealt with and closed, one urgent concern referred to the council, and
//! one not yet acknowledged (it passes to the deputy when the server's jobs first run).

use anyhow::{Context, Result};
use app::App;
use domain::ids::PersonId;
use domain::safeguarding::ConcernInput;

use super::organisations::SeededOrg;
use super::{Explain, app_at};

/// Names the leads and raises the demo's concerns.
pub(super) async fn add_concerns(app: &App, org: &SeededOrg, befriender: PersonId) -> Result<()> {
    let scope = &org.scope;
    let staff = app.store.staff(scope.organisation_id()).await?;
    let by_email = |email: &str| {
        staff
            .iter()
            .find(|(_, p)| p.email.as_str() == email)
            .map(|(_, p)| p.id)
            .with_context(|| format!("no demo staff member {email}"))
    };
    let manager = by_email("manager@goodneighbours.example")?;
    let admin = by_email("admin@goodneighbours.example")?;
    let as_admin = app
        .authorise(admin, scope.organisation().slug.as_ref())
        .await?;
    app.set_safeguarding_leads(&as_admin, &[(manager, false), (admin, true)])
        .await
        .explain(|| "naming the safeguarding leads".into())?;
    let as_manager = app
        .authorise(manager, scope.organisation().slug.as_ref())
        .await?;
    let org_id = scope.organisation_id();
    let supports = app
        .my_matches(befriender)
        .await?
        .into_iter()
        .find(|m| m.record.status.in_touch())
        .map(|m| m.record.supported_person_id);

    let raised = app_at(app, 20)
        .raise_concern(
            befriender,
            org_id,
            &ConcernInput {
                subject: "service_user".into(),
                what: "A large bruise on her forearm. She said she fell in the kitchen but seemed upset talking about it.".into(),
                ..Default::default()
            },
            supports,
        )
        .await
        .explain(|| "raising the first demo concern".into())?;
    for (days, kind, text) in [
        (19, "acknowledged", ""),
        (
            18,
            "assessed",
            "Spoke to her and her daughter: a fall on a wet floor, GP has seen the bruise. No sign of harm by anyone.",
        ),
        (
            17,
            "closed",
            "No safeguarding concern. Occupational therapy asked to look at the kitchen floor.",
        ),
    ] {
        app_at(app, days)
            .add_concern_entry(&as_manager, raised.id, kind, text)
            .await
            .explain(|| format!("adding {kind}"))?;
    }

    let urgent = app_at(app, 3)
        .raise_concern(
            manager,
            org_id,
            &ConcernInput {
                subject: "service_user".into(),
                subject_name: "Norman Illingworth".into(),
                what: "His nephew has been taking his bank card and he has no money for food this week.".into(),
                urgent: "yes".into(),
            },
            None,
        )
        .await
        .explain(|| "raising the urgent demo concern".into())?;
    app_at(app, 3)
        .add_concern_entry(&as_manager, urgent.id, "acknowledged", "")
        .await?;
    app_at(app, 2)
        .add_concern_entry(&as_manager, urgent.id, "escalated", "Referred to Leeds Adult Social Care safeguarding team (reference LASC-2026-1187); bank informed with his consent.")
        .await?;

    app_at(app, 1)
        .raise_concern(
            befriender,
            org_id,
            &ConcernInput {
                subject: "other".into(),
                subject_name: "A neighbour of someone I visit".into(),
                what: "The neighbour's curtains have been closed for three days and nobody answers the door.".into(),
                ..Default::default()
            },
            None,
        )
        .await
        .explain(|| "raising the unacknowledged demo concern".into())?;
    Ok(())
}

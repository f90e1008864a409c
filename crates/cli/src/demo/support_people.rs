//! The demo's service users and carers, taken through the real use cases: referred, triaged,
//! matched (volunteers invited and saying yes), introduced, supported with weekly contacts,
//! and sometimes ended.

use anyhow::Result;
use app::App;
use domain::ids::PersonId;
use domain::support::{MatchStep, ReferralDecision, SupportType, SupportedPersonInput};
use rand::Rng;
use rand::rngs::StdRng;

use super::organisations::{SeededOrg, SeededRole};
use super::support::{NAMES, referral, service_user, visit};
use super::{Explain, app_at};

/// What happens to each demo service user, in order of [`NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    New,
    Declined,
    Waiting,
    Invited,
    Accepted,
    Active,
    Ended,
}

fn stage(i: usize) -> Stage {
    match i {
        0..5 => Stage::New,
        5..8 => Stage::Declined,
        8..16 => Stage::Waiting,
        16..20 => Stage::Invited,
        20..22 => Stage::Accepted,
        22..34 => Stage::Active,
        _ => Stage::Ended,
    }
}

const NEEDS: &[&str] = &[
    "Lives alone since her husband died; would love someone to chat to once a week.",
    "Going home from Ward 7 on Friday; lives alone and needs shopping in and a check-in call.",
    "Housebound after a fall; misses going out and would like company.",
    "Carer for his wife with dementia; would value a weekly break and a chat.",
    "Recently bereaved; daughter lives in Scotland and worries about her.",
];

/// Adds the service users, their referrals, carers, matches and contacts.
pub(super) async fn add_service_users(
    app: &App,
    rng: &mut StdRng,
    org: &SeededOrg,
    befriender: &SeededRole,
    priya: PersonId,
) -> Result<()> {
    let scope = &org.scope;
    let mut locations = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let stage = stage(i);
        let days_ago: i64 = match stage {
            Stage::New if i < 2 => 2,
            Stage::New => 0,
            Stage::Declined | Stage::Waiting => rng.random_range(10..60),
            Stage::Invited | Stage::Accepted => rng.random_range(12..30),
            Stage::Active => rng.random_range(70..200),
            Stage::Ended => rng.random_range(200..300),
        };
        let then = app_at(app, days_ago);
        let consent_on = then.uk_today().to_string();
        let mut person = service_user(rng, *name, &consent_on)?;
        let support = if i % 5 == 4 {
            SupportType::TelephoneSupport
        } else {
            SupportType::Befriending
        };
        if i == 0 || i == 22 {
            // The browser journey's referral and the befriender's own match: near her, free
            // any day, sharing an interest.
            person.postcode = if i == 0 {
                "LS5 3QD".into()
            } else {
                "LS5 3JN".into()
            };
            person.interests = "Gardening, Knitting".into();
            person.days = vec![];
            person.language = String::new();
            person.volunteer_gender = String::new();
        }
        if let Some(at) = super::locations::locate(&person.postcode) {
            locations.push((person.postcode.clone(), at));
        }
        let (referrer, urgency) = match i % 3 {
            0 => (
                "Sister Okafor, Ward 7, Riverside",
                if i < 2 { "urgent" } else { "routine" },
            ),
            1 => ("", "soon"),
            _ => ("Their daughter", "routine"),
        };
        let need = NEEDS[i % NEEDS.len()];
        let input = referral(support, urgency, need, referrer);
        let made = if i % 3 == 1 {
            then.refer_publicly(
                scope.organisation().slug.as_ref(),
                &format!("demo-{i}"),
                None,
                app::referrals::PublicReferrer::Themselves,
                &person,
                &input,
                true,
            )
            .await
        } else {
            then.refer(scope, &person, &input).await
        }
        .explain(|| format!("referring {}", name.0))?;
        if i % 7 == 2 {
            add_carer(&then, org, made.supported_person_id, i).await?;
        }
        if stage == Stage::New {
            continue;
        }
        let deciding = app_at(app, days_ago - 1);
        let decision = match (stage, i) {
            (Stage::Declined, 5) => ReferralDecision::Decline(
                "Outside the area our volunteers cover (LS5, LS6, LS13 and LS16).".into(),
            ),
            (Stage::Declined, 6) => ReferralDecision::Redirect(
                "Needs personal care: passed to Leeds Adult Social Care.".into(),
            ),
            (Stage::Declined, _) => ReferralDecision::Decline(
                "Already supported by Age UK's befriending service.".into(),
            ),
            _ => ReferralDecision::Accept,
        };
        deciding
            .decide_referral(scope, made.id, &decision)
            .await
            .explain(|| format!("deciding on {}", name.0))?;
        if matches!(stage, Stage::Declined | Stage::Waiting) {
            continue;
        }
        match_them(
            app,
            rng,
            org,
            befriender,
            priya,
            made.supported_person_id,
            stage,
            i,
            days_ago - 3,
        )
        .await?;
    }
    app.store
        .apply(vec![app::Write::Support(
            app::ports::SupportWrite::PutPostcodeLocations(locations),
        )])
        .await?;
    Ok(())
}

/// Invites the best volunteer for them, and moves the match on to `stage`.
#[allow(clippy::too_many_arguments)]
async fn match_them(
    app: &App,
    rng: &mut StdRng,
    org: &SeededOrg,
    befriender: &SeededRole,
    priya: PersonId,
    who: domain::ids::SupportedPersonId,
    stage: Stage,
    i: usize,
    days_ago: i64,
) -> Result<()> {
    let scope = &org.scope;
    let support = if i % 5 == 4 {
        SupportType::TelephoneSupport
    } else {
        SupportType::Befriending
    };
    let role = if support == SupportType::TelephoneSupport {
        org.roles
            .iter()
            .find(|r| r.title == "Telephone befriender")
            .map_or(befriender.id, |r| r.id)
    } else {
        befriender.id
    };
    let proposing = app_at(app, days_ago);
    let found = proposing
        .suggest_volunteers(scope, who, role, support)
        .await
        .explain(|| "suggesting volunteers".into())?;
    let choice = if i == 22 {
        found.suggested.iter().find(|s| s.volunteer_id == priya)
    } else {
        found.suggested.iter().find(|s| s.volunteer_id != priya)
    };
    let Some(choice) = choice else {
        return Ok(());
    };
    let volunteer = choice.volunteer_id;
    let m = proposing
        .propose_match(scope, who, volunteer, role, support, 7)
        .await
        .explain(|| "inviting a volunteer".into())?;
    if stage == Stage::Invited {
        return Ok(());
    }
    let org_id = scope.organisation_id();
    app_at(app, days_ago - 1)
        .answer_invitation(volunteer, org_id, m.id, true)
        .await
        .explain(|| "accepting an invitation".into())?;
    if stage == Stage::Accepted {
        return Ok(());
    }
    let started = days_ago - 8;
    app_at(app, started + 1)
        .match_step(scope, m.id, &MatchStep::Introduce)
        .await
        .explain(|| "introducing".into())?;
    app_at(app, started)
        .match_step(scope, m.id, &MatchStep::Activate)
        .await
        .explain(|| "starting support".into())?;
    // Weekly visits; two matches have gone quiet for a few weeks.
    let quiet_for = if i == 25 || i == 29 {
        25
    } else {
        rng.random_range(0..6)
    };
    let mut day = started - 7;
    while day > quiet_for {
        let at = app_at(app, day);
        let on = at.uk_today();
        let note = [
            "Tea and a chat about the garden",
            "Walked to the shops together",
            "Looked at old photos",
            "Did the crossword together",
        ][rng.random_range(0..4)];
        at.log_contact(volunteer, org_id, m.id, &visit(on, note))
            .await
            .explain(|| "logging a visit".into())?;
        day -= 7;
    }
    if stage == Stage::Active {
        let said = [
            (
                "very_good",
                "carer",
                "Mum looks forward to her visits all week.",
            ),
            (
                "good",
                "service_user",
                "We have a laugh. I'd like a bit longer some weeks.",
            ),
            (
                "very_good",
                "service_user",
                "She's helped me get out to the shops again.",
            ),
        ];
        let (rating, by, comment) = said[i % said.len()];
        let input = domain::support::SupportFeedbackInput {
            rating: rating.into(),
            answered_by: by.into(),
            comment: comment.into(),
        };
        app_at(app, 10)
            .record_support_feedback(scope, who, &input)
            .await
            .explain(|| "recording feedback".into())?;
        app.set_staff_contact(scope, who, scope.actor().person_id())
            .await
            .explain(|| "naming a staff contact".into())?;
    }
    if stage == Stage::Ended {
        app_at(app, (day + 7).max(1))
            .match_step(
                scope,
                m.id,
                &MatchStep::End("Moved to live with family in Harrogate".into()),
            )
            .await?;
    }
    Ok(())
}

/// A carer for them (a carer only, not supported themselves), linked by relationship.
async fn add_carer(
    app: &App,
    org: &SeededOrg,
    cared_for: domain::ids::SupportedPersonId,
    i: usize,
) -> Result<()> {
    let names = [
        ("Susan", "Pickles"),
        ("Harjit", "Sandhu"),
        ("Lorraine", "Hirst"),
        ("Mark", "Lumb"),
        ("Ruth", "Moorhouse"),
        ("Gary", "Rhodes"),
    ];
    let (given, family) = names[i % names.len()];
    let input = SupportedPersonInput {
        given_name: given.into(),
        family_name: family.into(),
        phone: "07700 900123".into(),
        receives_support: false,
        ..Default::default()
    };
    let carer = app
        .add_supported_person(&org.scope, &input)
        .await
        .explain(|| "adding a carer".into())?;
    app.link_carer(&org.scope, carer.id, cared_for, "child")
        .await
        .explain(|| "linking a carer".into())?;
    Ok(())
}

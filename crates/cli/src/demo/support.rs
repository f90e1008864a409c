//! The triangle of support in the demo, at the good neighbours scheme: volunteers' offers of
//! befriending, telephone and shopping support; service users referred by ward staff, by
//! themselves and by carers, at every stage (waiting for triage, some past their target;
//! declined; waiting for a volunteer; invited; introduced; supported, with weekly contacts,
//! two of them overdue; ended); carers; and the demo befriender's sign-in.

use anyhow::{Context, Result};
use app::App;
use domain::ids::PersonId;
use domain::person::PersonInput;
use domain::support::{
    ContactInput, Days, Gender, MatchProfile, ReferralInput, SupportType, SupportedPersonInput,
};
use rand::Rng;
use rand::rngs::StdRng;

use super::data::{self, Outcome};
use super::organisations::{SeededOrg, SeededRole, register};
use super::people::{Volunteer, postcode, some_of};
use super::{DemoSignIn, app_at, pick};

/// The roles offering person-to-person support, and the support each gives.
const OFFERS: &[(&str, &[SupportType])] = &[
    (
        "Befriender",
        &[SupportType::Befriending, SupportType::CarerSupport],
    ),
    ("Telephone befriender", &[SupportType::TelephoneSupport]),
    ("Shopping and prescription helper", &[SupportType::Shopping]),
];

/// Service users' names (invented).
pub(super) const NAMES: &[(&str, &str)] = &[
    ("Edna", "Marsh"),
    ("Harold", "Pickles"),
    ("Mavis", "Booth"),
    ("Gurdev", "Sandhu"),
    ("Irene", "Dawson"),
    ("Stanley", "Firth"),
    ("Nasreen", "Akhtar"),
    ("Dorothy", "Hirst"),
    ("Wojciech", "Kowalski"),
    ("Joan", "Sutcliffe"),
    ("Albert", "Crowther"),
    ("Winifred", "Lumb"),
    ("Kenneth", "Hargreaves"),
    ("Shamim", "Begum"),
    ("Margaret", "Ackroyd"),
    ("Derek", "Holmes"),
    ("Beryl", "Moorhouse"),
    ("Clifford", "Wood"),
    ("Elsie", "Haigh"),
    ("Roy", "Barraclough"),
    ("Olive", "Shaw"),
    ("Jagjit", "Kaur"),
    ("Norman", "Illingworth"),
    ("Pauline", "Rhodes"),
    ("Arthur", "Blackburn"),
    ("Hilda", "Naylor"),
    ("Frank", "Greenwood"),
    ("Vera", "Gledhill"),
    ("Zofia", "Nowicka"),
    ("Ernest", "Taylor"),
    ("Gladys", "Wilkinson"),
    ("Leonard", "Bentley"),
    ("Sylvia", "Raistrick"),
    ("Mohammed", "Rafiq"),
    ("Audrey", "Fenton"),
    ("Walter", "Jowett"),
];

/// Adds the scheme's support; returns the befriender's sign-in.
pub(super) async fn add_support(
    app: &App,
    orgs: &[SeededOrg],
    rng: &mut StdRng,
) -> Result<DemoSignIn> {
    let index = data::ORGANISATIONS
        .iter()
        .position(|o| o.slug == "good-neighbours")
        .context("the demo needs the good neighbours scheme")?;
    let org = orgs
        .get(index)
        .context("the good neighbours scheme was not set up")?;
    let befriender = role(org, "Befriender")?;
    let (sign_in, priya) = add_befriender(app, rng, org, befriender).await?;
    let mut locations = Vec::new();
    for (title, offers) in OFFERS {
        let role = role(org, title)?;
        for row in app
            .store
            .active_in_role(org.scope.organisation_id(), role.id)
            .await?
        {
            let id = row.placement.person_id;
            let Some(person) = app.store.person(id).await? else {
                continue;
            };
            if let Some(at) = person
                .postcode
                .as_ref()
                .and_then(|p| super::locations::locate(p.as_str()))
            {
                locations.push((
                    person.postcode.map(|p| p.to_string()).unwrap_or_default(),
                    at,
                ));
            }
            let gender = match rng.random_range(0..10) {
                0..6 => Some(Gender::Woman),
                6..9 => Some(Gender::Man),
                _ => None,
            };
            let profile = MatchProfile {
                organisation_id: org.scope.organisation_id(),
                person_id: id,
                capacity: if id == priya {
                    3
                } else {
                    rng.random_range(1..=3)
                },
                travel_miles: if id == priya {
                    6
                } else {
                    rng.random_range(4..=12)
                },
                days: if id == priya {
                    Days::from_codes(["tue", "thu"])
                } else {
                    some_days(rng)
                },
                gender: if id == priya {
                    Some(Gender::Woman)
                } else {
                    gender
                },
                support_types: offers.to_vec(),
            };
            app.store
                .apply(vec![app::Write::Support(
                    app::ports::SupportWrite::SetMatchProfile(profile),
                )])
                .await?;
        }
    }
    app.store
        .apply(vec![app::Write::Support(
            app::ports::SupportWrite::PutPostcodeLocations(locations),
        )])
        .await?;
    super::support_people::add_service_users(app, rng, org, befriender, priya)
        .await
        .context("adding service users")?;
    super::safeguarding::add_concerns(app, org, priya)
        .await
        .context("adding safeguarding concerns")?;
    Ok(sign_in)
}

fn role<'o>(org: &'o SeededOrg, title: &str) -> Result<&'o SeededRole> {
    org.roles
        .iter()
        .find(|r| r.title == title)
        .with_context(|| format!("no demo role is called {title}"))
}

/// Two to four days of the week.
pub(super) fn some_days(rng: &mut StdRng) -> Days {
    let codes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let n = rng.random_range(2..=4);
    let mut chosen = Vec::new();
    while chosen.len() < n {
        let c = codes[rng.random_range(0..codes.len())];
        if !chosen.contains(&c) {
            chosen.push(c);
        }
    }
    Days::from_codes(chosen)
}

/// The demo befriender: registered, accepted, checked and started months ago.
async fn add_befriender(
    app: &App,
    rng: &mut StdRng,
    org: &SeededOrg,
    befriender: &SeededRole,
) -> Result<(DemoSignIn, PersonId)> {
    let spec = &data::DEMO_BEFRIENDER;
    let input = PersonInput {
        given_name: spec.given_name.into(),
        family_name: spec.family_name.into(),
        email: spec.email.into(),
        phone: "07700 900888".into(),
        date_of_birth: "1968-09-03".into(),
        postcode: "LS5 3AB".into(),
        languages: "English, Gujarati".into(),
        skills: "Listening, Cooking".into(),
        interests: "Gardening, Baking, Crosswords".into(),
        ..PersonInput::default()
    };
    let who = spec
        .sign_in
        .context("the demo befriender needs a description")?;
    let mut sign_ins = Vec::new();
    let id = register(app, &input, who, &mut sign_ins).await?;
    let then = app_at(app, 240);
    super::stories::tell_story(
        &then,
        rng,
        org,
        befriender,
        &Volunteer { id, age: 58 },
        Outcome::Active,
    )
    .await
    .context("starting the demo befriender")?;
    let sign_in = sign_ins.pop().context("the befriender's sign-in")?;
    Ok((sign_in, id))
}

/// A service user as a form would give them.
pub(super) fn service_user(
    rng: &mut StdRng,
    (given, family): (&str, &str),
    consent_on: &str,
) -> Result<SupportedPersonInput> {
    let language = match rng.random_range(0..12) {
        0 => "Punjabi",
        1 => "Urdu",
        2 => "Polish",
        _ => "",
    };
    let days = if rng.random_ratio(1, 2) {
        vec![]
    } else {
        some_days(rng)
            .days()
            .iter()
            .map(|d| d.to_string().to_lowercase())
            .collect()
    };
    Ok(SupportedPersonInput {
        given_name: given.into(),
        family_name: family.into(),
        phone: format!("0113 496 0{:03}", rng.random_range(0..1000)),
        address: format!(
            "{} {}",
            rng.random_range(1..120),
            pick(
                rng,
                &[
                    "Abbey Road",
                    "Broad Lane",
                    "Vesper Road",
                    "Morris Lane",
                    "Hawksworth Road",
                    "Commercial Road"
                ]
            )?
        ),
        postcode: postcode(rng)?,
        age_band: pick(rng, &["65 to 74", "75 and over"])?.to_string(),
        language: language.into(),
        communication_needs: if rng.random_ratio(1, 4) {
            "Hard of hearing: face them and speak clearly".into()
        } else {
            String::new()
        },
        access_needs: if rng.random_ratio(1, 5) {
            "Uses a walking frame; ground floor flat".into()
        } else {
            String::new()
        },
        volunteer_gender: if rng.random_ratio(1, 8) {
            "woman".into()
        } else {
            String::new()
        },
        interests: some_of(rng, data::INTERESTS, 1..=3),
        days,
        consent_to_support_on: consent_on.into(),
        consent_to_data_on: consent_on.into(),
        consent_method: "verbal".into(),
        receives_support: true,
        ..Default::default()
    })
}

/// A referral's own fields.
pub(super) fn referral(
    support: SupportType,
    urgency: &str,
    need: &str,
    referrer: &str,
) -> ReferralInput {
    ReferralInput {
        support_type: domain::Labelled::code(support).into(),
        urgency: urgency.into(),
        need: need.into(),
        referrer_name: referrer.into(),
        referrer_email: String::new(),
    }
}

/// A visit logged for a week's contact.
pub(super) fn visit(on: chrono::NaiveDate, note: &str) -> ContactInput {
    ContactInput {
        on: on.to_string(),
        minutes: "60".into(),
        kind: "visit".into(),
        note: note.into(),
        concerns: String::new(),
    }
}

//! Networks in the demo: the county's volunteering partnership of all five demo organisations
//! (coordinated by the acute trust), and a member association of volunteer managers with
//! individual members (some renewed, one lapsed); a mutual recognition agreement between the
//! acute trust and the hospice; roles listed to the partnership and a volunteer referred between
//! members; and the passport volunteer, active at the hospice, who can apply to the trust.

use anyhow::{Context, Result};
use app::App;
use app::agreements::AgreementInput;
use domain::ids::{NetworkId, PersonId};
use domain::network::NetworkInput;
use domain::network::membership::{MemberInput, RenewalInput};
use domain::network::recognition::TermsInput;
use domain::person::PersonInput;
use rand::rngs::StdRng;

use super::data::{self, Outcome};
use super::library::MemberManager;
use super::organisations::{SeededOrg, register};
use super::people::Volunteer;
use super::{DemoSignIn, app_at};

/// Individual members of the association: name, job, employer, email, months since joining,
/// renewal fee in pence and whether they are in the directory.
const INDIVIDUALS: &[(&str, &str, &str, &str, u32, bool)] = &[
    (
        "Helen Brook",
        "Head of voluntary services",
        "Airedale Community Hospital",
        "helen.brook@example.org",
        30,
        true,
    ),
    (
        "Marcus Reid",
        "Volunteer coordinator",
        "Leeds Food Aid Network",
        "marcus.reid@example.org",
        18,
        true,
    ),
    (
        "Aisha Khan",
        "Volunteering lead",
        "Moorside Care Homes",
        "aisha.khan@example.org",
        14,
        true,
    ),
    (
        "Tom Hartley",
        "Volunteer manager",
        "Pennine Mountain Rescue",
        "tom.hartley@example.org",
        26,
        false,
    ),
    (
        "Linda Osei",
        "Voluntary services manager",
        "Bradford Royal Infirmary",
        "linda.osei@example.org",
        40,
        true,
    ),
    (
        "Gareth Price",
        "Community engagement officer",
        "Kirklees Council",
        "gareth.price@example.org",
        11,
        true,
    ),
    (
        "Sophie Lang",
        "Volunteer programme manager",
        "Yorkshire Air Ambulance",
        "sophie.lang@example.org",
        23,
        false,
    ),
    (
        "Rahul Mistry",
        "Volunteer services officer",
        "St Gemma's Hospice",
        "rahul.mistry@example.org",
        8,
        true,
    ),
];

/// Demo staff who register for the partnership's learning events.
const STAFF_WHO_LEARN: &[&str] = &[
    "manager@riverside.example",
    "supervisor@riverside.example",
    "viewer@riverside.example",
    "admin@caldervale.example",
    "manager@caldervale.example",
    "admin@wharfemeadows.example",
    "manager@wharfemeadows.example",
    "admin@goodneighbours.example",
    "manager@goodneighbours.example",
    "admin@brightwater.example",
    "manager@brightwater.example",
];

fn date_months_ago(app: &App, months: u32) -> chrono::NaiveDate {
    let today = app.uk_today();
    today
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(today)
}

async fn admin_scope(app: &App, slug: &str, email: &str) -> Result<app::OrgScope> {
    let (admin, _) = app
        .store
        .person_by_email(email)
        .await?
        .with_context(|| format!("no admin {email}"))?;
    Ok(app.authorise(admin.id, slug).await?)
}

/// Adds the networks, the agreement, listings, a referral and the passport volunteer.
pub(super) async fn add_networks(
    app: &App,
    orgs: &[SeededOrg],
    rng: &mut StdRng,
) -> Result<DemoSignIn> {
    let riverside = admin_scope(app, "riverside", "admin@riverside.example").await?;
    let hospice = admin_scope(app, "wharfe-meadows", "admin@wharfemeadows.example").await?;
    let centre = admin_scope(app, "brightwater", "admin@brightwater.example").await?;
    let founded = app_at(app, 400);
    let partnership = founded
        .create_network(
            &riverside,
            &NetworkInput {
                name: "West Riding Volunteering Partnership".into(),
                slug: "west-riding".into(),
                kind: "care_partnership".into(),
                description: "The integrated care system's volunteering partnership: NHS trusts, the \
                    hospice and voluntary organisations sharing roles, checks, volunteers and learning."
                    .into(),
                contact_email: "volunteering@riverside.example".into(),
            },
        )
        .await
        .context("setting up the partnership")?;
    let coordinator = app
        .network_access("west-riding", riverside.actor().person_id())
        .await?;
    for org in orgs.iter().skip(1) {
        founded
            .add_network_member(
                &coordinator,
                &MemberInput {
                    membership_type: "organisational".into(),
                    organisation_id: org.scope.organisation_id().to_string(),
                    joined_on: date_months_ago(app, 13).to_string(),
                    in_directory: true,
                    ..MemberInput::default()
                },
            )
            .await
            .with_context(|| {
                format!(
                    "adding {} to the partnership",
                    org.scope.organisation().name
                )
            })?;
    }

    founded
        .create_network(
            &centre,
            &NetworkInput {
                name: "Northern Volunteer Managers' Association".into(),
                slug: "northern-vma".into(),
                kind: "member_association".into(),
                description:
                    "Volunteer managers from every sector learning from each other: network \
                    days, peer support and a shared library."
                        .into(),
                contact_email: "membership@brightwater.example".into(),
            },
        )
        .await
        .context("setting up the association")?;
    let chair = app
        .network_access("northern-vma", centre.actor().person_id())
        .await?;
    for &(name, job, employer, email, months, listed) in INDIVIDUALS {
        let joined = date_months_ago(app, months);
        let renews = joined
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(joined);
        let member = founded
            .add_network_member(
                &chair,
                &MemberInput {
                    membership_type: "individual".into(),
                    name: name.into(),
                    email: email.into(),
                    job_title: job.into(),
                    employer: employer.into(),
                    joined_on: joined.to_string(),
                    renews_on: renews.to_string(),
                    annual_fee: "45".into(),
                    in_directory: listed,
                    ..MemberInput::default()
                },
            )
            .await
            .with_context(|| format!("adding {name}"))?;
        // Everyone renewed on time each year except Tom, whose membership has lapsed.
        let mut next = renews;
        while next <= app.uk_today() && email != "tom.hartley@example.org" {
            let at = app_at(app, (app.uk_today() - next).num_days());
            at.record_renewal(
                &chair,
                member.id,
                &RenewalInput {
                    paid_on: next.to_string(),
                    amount: "45".into(),
                },
                "Brightwater Volunteer Centre".into(),
            )
            .await
            .with_context(|| format!("renewing {name}"))?;
            next = next
                .checked_add_months(chrono::Months::new(12))
                .unwrap_or(next);
        }
    }
    let good_neighbours = orgs
        .iter()
        .find(|o| o.scope.organisation().slug.as_str() == "good-neighbours")
        .context("the good neighbours scheme")?;
    founded
        .add_network_member(
            &chair,
            &MemberInput {
                membership_type: "organisational".into(),
                organisation_id: good_neighbours.scope.organisation_id().to_string(),
                joined_on: date_months_ago(app, 10).to_string(),
                renews_on: date_months_ago(app, 10)
                    .checked_add_months(chrono::Months::new(12))
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                annual_fee: "120".into(),
                in_directory: true,
                ..MemberInput::default()
            },
        )
        .await
        .context("adding the good neighbours to the association")?;

    add_agreement(&founded, &riverside, &hospice).await?;
    add_listings(app, orgs, partnership.id).await?;
    let trust_admin = riverside.actor().person_id().context("the trust's admin")?;
    let hospice_admin = hospice.actor().person_id().context("the hospice's admin")?;
    super::library::add_library(
        app,
        "west-riding",
        trust_admin,
        &[
            MemberManager {
                person: trust_admin,
                organisation: "riverside",
            },
            MemberManager {
                person: hospice_admin,
                organisation: "wharfe-meadows",
            },
        ],
    )
    .await
    .context("the partnership's libraries")?;
    let mut people = Vec::new();
    for email in STAFF_WHO_LEARN {
        if let Some((p, _)) = app.store.person_by_email(email).await? {
            people.push(p.id);
        }
    }
    super::learning_events::learning_events(app, "west-riding", trust_admin, &people)
        .await
        .context("the partnership's learning events")?;
    add_passport_volunteer(app, orgs, rng).await
}

/// The trust and the hospice recognise each other's training; the trust also takes the
/// hospice's identity check.
async fn add_agreement(
    app: &App,
    riverside: &app::OrgScope,
    hospice: &app::OrgScope,
) -> Result<()> {
    let training = |months: &str| {
        [
            "cstf-fire-safety",
            "cstf-infection-prevention",
            "cstf-information-governance",
            "vcs-4-safeguarding",
        ]
        .iter()
        .map(|c| ((*c).to_owned(), months.to_owned()))
        .collect::<Vec<_>>()
    };
    let mut trust_accepts = training("12");
    trust_accepts.push(("identity".into(), String::new()));
    let agreement = app
        .propose_agreement(
            riverside,
            &AgreementInput {
                name: "Riverside and Wharfe Meadows: checks and training".into(),
                mou_reference: "MoU 2025/14".into(),
                partners: vec![hospice.organisation_id()],
                network_id: None,
                accepts: TermsInput {
                    items: trust_accepts,
                },
            },
            "Riverside voluntary services".into(),
        )
        .await
        .context("proposing the agreement")?;
    app.sign_agreement(
        hospice,
        agreement.id,
        &TermsInput {
            items: training("12"),
        },
        "Wharfe Meadows volunteer services".into(),
    )
    .await
    .context("signing the agreement")?;
    Ok(())
}

/// The hospice and the community trust list a role each to the partnership.
async fn add_listings(app: &App, orgs: &[SeededOrg], network: NetworkId) -> Result<()> {
    for (slug, title) in [
        ("wharfe-meadows", "Compassionate neighbour"),
        ("calder-vale", "Home from hospital volunteer"),
        ("good-neighbours", "Befriender"),
    ] {
        let org = orgs
            .iter()
            .find(|o| o.scope.organisation().slug.as_str() == slug)
            .with_context(|| format!("no {slug}"))?;
        let role = org
            .roles
            .iter()
            .find(|r| r.title == title)
            .with_context(|| format!("no {title}"))?;
        app.list_role_to_network(&org.scope, network, role.id, true)
            .await
            .with_context(|| format!("listing {title}"))?;
    }
    Ok(())
}

/// The passport volunteer: active at the hospice's in-patient unit for eight months, with
/// every check and training module verified there.
async fn add_passport_volunteer(
    app: &App,
    orgs: &[SeededOrg],
    rng: &mut StdRng,
) -> Result<DemoSignIn> {
    let spec = &data::DEMO_PASSPORT;
    let who = spec
        .sign_in
        .context("the passport volunteer's description")?;
    let mut sign_ins = Vec::new();
    let id: PersonId = register(
        app,
        &PersonInput {
            given_name: spec.given_name.into(),
            family_name: spec.family_name.into(),
            email: spec.email.into(),
            phone: "07700 900777".into(),
            date_of_birth: "1979-06-21".into(),
            postcode: "LS6 1AN".into(),
            languages: "English, Yoruba".into(),
            ..PersonInput::default()
        },
        who,
        &mut sign_ins,
    )
    .await?;
    let hospice = orgs
        .iter()
        .find(|o| o.scope.organisation().slug.as_str() == "wharfe-meadows")
        .context("the hospice")?;
    let role = hospice
        .roles
        .iter()
        .find(|r| r.title == "In-patient unit volunteer")
        .context("the in-patient unit role")?;
    super::stories::tell_story(
        &app_at(app, 240),
        rng,
        hospice,
        role,
        &Volunteer { id, age: 47 },
        Outcome::Active,
    )
    .await
    .context("starting the passport volunteer at the hospice")?;
    sign_ins.pop().context("the passport volunteer's sign-in")
}

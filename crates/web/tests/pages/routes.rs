//! Route tables and form bodies the page tests share: every manager page and form, and the
//! registration form.

use domain::application::ApplicationStatus;
use domain::compliance::{Check, CheckKind};
use domain::ids::{PlacementId, RequirementTypeId, StaffMemberId};
use domain::person::Person;
use domain::role::RoleInput;

use crate::support::{Browser, Org, Page, STATEMENT, TestSite, role_input};

/// The ids one organisation's manager routes are exercised with.
pub struct Ids {
    person: String,
    application: String,
    role: String,
    draft_role: String,
    site: String,
    staff: String,
    onboarding: Placed,
    fire_safety: String,
}

impl Ids {
    /// The organisation's fixtures, plus a volunteer accepted for a role that needs a DBS check
    /// and a reference (so the checklist routes have a placement and checks to act on).
    pub async fn of(site: &TestSite, org: &Org, staff: StaffMemberId) -> Self {
        let mut role = role_input(&format!("{} ward visitor", org.slug), org.site, STATEMENT);
        role.references_required = "1".into();
        let onboarding = placed(site, org, role, "olive").await;
        Self {
            person: org.volunteer.id.to_string(),
            application: org.application.to_string(),
            role: org.role.to_string(),
            draft_role: org.draft_role.to_string(),
            site: org.site.to_string(),
            staff: staff.to_string(),
            onboarding,
            fire_safety: catalogue_item(site, org, "cstf-fire-safety")
                .await
                .to_string(),
        }
    }

    pub fn all(&self) -> [String; 11] {
        let p = &self.onboarding;
        [
            self.person.clone(),
            self.application.clone(),
            self.role.clone(),
            self.draft_role.clone(),
            self.site.clone(),
            self.staff.clone(),
            p.person.id.to_string(),
            p.placement.to_string(),
            p.check(CheckKind::Dbs).id.to_string(),
            p.check(CheckKind::References).id.to_string(),
            self.fire_safety.clone(),
        ]
    }
}

/// Someone accepted for a role: their placement and the checks it created.
pub struct Placed {
    pub person: Person,
    pub placement: PlacementId,
    pub checks: Vec<Check>,
}

impl Placed {
    /// Their check of `kind`.
    #[track_caller]
    pub fn check(&self, kind: CheckKind) -> &Check {
        self.checks
            .iter()
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("no {kind} check in {:?}", self.checks))
    }
}

/// Publishes `role` in `org`, and `name` (a new volunteer) applies and is accepted.
pub async fn placed(site: &TestSite, org: &Org, role: RoleInput, name: &str) -> Placed {
    let scope = site.scope(&org.admin, &org.slug).await;
    let role = site.app.create_role(&scope, &role).await.unwrap();
    site.app.publish_role(&scope, role.id).await.unwrap();
    let person = site
        .person(
            name,
            &format!("Onboarding-{}", org.slug),
            &format!("{name}@{}.example.org", org.slug),
            "1992-04-05",
        )
        .await;
    let application = site.apply(&person, role.id).await;
    site.app
        .decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let placement = site
        .app
        .store
        .placements_of(org.id, person.id)
        .await
        .unwrap()[0]
        .placement
        .id;
    let checks = site.app.store.checks_of(org.id, person.id).await.unwrap();
    Placed {
        person,
        placement,
        checks,
    }
}

/// The id of the organisation's catalogue item with `code`.
pub async fn catalogue_item(site: &TestSite, org: &Org, code: &str) -> RequirementTypeId {
    let scope = site.scope(&org.admin, &org.slug).await;
    site.app
        .catalogue(&scope)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("no {code} in the catalogue"))
        .id
}

/// Every manager page a GET can reach.
pub fn manager_gets(slug: &str, ids: &Ids) -> Vec<String> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    let mut gets = vec![
        m(""),
        m("/volunteers"),
        m("/volunteers.csv"),
        m("/volunteers/new"),
        m(&format!("/volunteers/{}", ids.person)),
        m(&format!("/applications/{}", ids.application)),
        m("/applications"),
        m("/roles"),
        m("/roles/new"),
        m(&format!("/roles/{}", ids.role)),
        m(&format!("/roles/{}/edit", ids.role)),
        m("/sites"),
        m("/sites/new"),
        m(&format!("/sites/{}/edit", ids.site)),
        m("/staff"),
        m("/organisation"),
        m("/settings/notifications"),
        m("/catalogue"),
        m("/catalogue/new"),
        m(&format!("/catalogue/{}", ids.fire_safety)),
        m(&format!("/volunteers/{}/checks", ids.onboarding.person.id)),
        m("/onboarding"),
        m("/expiring"),
        m("/expiring?days=30"),
        m("/expiring.csv"),
        m("/surveys"),
        m("/outcomes"),
        m("/quality"),
        m("/quality?from=2026-01-01&to=2026-06-30&rate=13.50"),
        m("/quality.csv?table=experience"),
        m("/quality.csv?table=wellbeing"),
        m("/quality.csv?table=reach-age"),
        m("/quality.xlsx?table=experience"),
        m("/quality.pdf"),
        m("/population"),
        m("/feedback"),
        m("/activity"),
        m("/agreements"),
        m("/agreements/new"),
        m("/networks"),
        m("/networks/new"),
        m("/network-referrals"),
        m(&format!("/volunteers/{}/refer", ids.person)),
        m(&format!("/volunteers/{}/consents", ids.person)),
    ];
    // Every list's downloads, in both formats.
    for list in [
        "volunteers",
        "applications",
        "roles",
        "sites",
        "staff",
        "onboarding",
        "expiring",
        "rota",
        "hours",
        "hours/totals",
        "attendance",
        "expenses",
        "service-users",
        "referrals",
        "matches",
        "catalogue",
        "agreements",
        "networks",
        "network-referrals",
        "feedback",
        "activity",
        "time-to-onboard",
        "surveys",
        "outcomes",
        "events",
        "settings/notifications/messages",
        "privacy/consents",
        "privacy/erasures",
        "privacy/retention",
    ] {
        for format in ["csv", "xlsx"] {
            gets.push(m(&format!("/{list}.{format}")));
        }
    }
    // A volunteer's regular slots name the volunteer (one with a role here).
    for format in ["csv", "xlsx"] {
        gets.push(m(&format!(
            "/commitments.{format}?volunteer={}",
            ids.onboarding.person.id
        )));
    }
    gets
}

pub type Form = Vec<(&'static str, String)>;

pub fn role_form(title: &str, site: &str) -> Form {
    vec![
        ("title", title.into()),
        ("summary", "Keep patients company at mealtimes".into()),
        ("description", "Sit with patients.".into()),
        ("setting", "in_hospital".into()),
        ("activities", "Chatting".into()),
        ("site_ids", site.into()),
        ("time_commitment", "2 hours a week".into()),
        ("minimum_age", "16".into()),
        ("dbs_level", "enhanced".into()),
        ("dbs_workforce", "adult".into()),
        ("non_substitution_statement", STATEMENT.into()),
    ]
}

pub fn site_form(name: &str) -> Form {
    vec![
        ("name", name.into()),
        ("kind", "hospital".into()),
        ("postcode", "LS2 9JT".into()),
    ]
}

/// The organisation details form, valid for any organisation keeping its `slug`.
pub fn organisation_form(slug: &str) -> Form {
    vec![
        ("name", "Renamed Good Neighbours".into()),
        ("slug", slug.into()),
        ("sector", "voluntary".into()),
        ("kind", "charity".into()),
        ("charity_number", "1123456".into()),
        ("address", "1 High Street\nLeeds".into()),
        ("postcode", "ls1 4ap".into()),
    ]
}

/// A manager's record of someone who got in touch.
pub fn enquiry_form(email: &str) -> Form {
    vec![
        ("given_name", "Priya".into()),
        ("family_name", "Shah".into()),
        ("email", email.into()),
        ("date_of_birth-day", "14".into()),
        ("date_of_birth-month", "2".into()),
        ("date_of_birth-year", "1988".into()),
        ("postcode", "ls6 2ab".into()),
    ]
}

/// Every manager form, each with a body that is valid for the organisation the ids belong to.
pub fn manager_posts(slug: &str, ids: &Ids, grant_email: &str) -> Vec<(String, Form)> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    vec![
        (m("/roles/new"), role_form("Intruder role", &ids.site)),
        (
            m(&format!("/roles/{}/edit", ids.role)),
            role_form("Renamed role", &ids.site),
        ),
        (m(&format!("/roles/{}/publish", ids.draft_role)), vec![]),
        (m(&format!("/roles/{}/close", ids.role)), vec![]),
        (m("/sites/new"), site_form("Intruder site")),
        (
            m(&format!("/sites/{}/edit", ids.site)),
            site_form("Renamed site"),
        ),
        (
            m("/staff"),
            vec![
                ("email", grant_email.into()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (m(&format!("/staff/{}/remove", ids.staff)), vec![]),
        (
            m(&format!("/volunteers/{}/status", ids.person)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
                ("note", "Moved to Leeds".into()),
            ],
        ),
        (
            m(&format!("/applications/{}", ids.application)),
            vec![("status", "screening".into()), ("note", String::new())],
        ),
        (m("/organisation"), organisation_form(slug)),
        (
            m("/settings/notifications"),
            vec![("provider", "none".into())],
        ),
        (
            m("/networks/new"),
            vec![
                ("name", "Intruder network".into()),
                ("slug", format!("intruder-{slug}")),
                ("kind", "other".into()),
            ],
        ),
        (
            m("/volunteers/new"),
            enquiry_form(&format!("enquiry.{slug}@example.org")),
        ),
        (
            m("/surveys/plans/six_months"),
            vec![
                ("enabled", "yes".into()),
                ("instruments", "ons4".into()),
                ("instruments", "experience".into()),
                ("close_after_days", "14".into()),
                ("remind_after_days", "5".into()),
                ("pulse_one_in", "10".into()),
            ],
        ),
        (
            m("/surveys/licences/swemwbs"),
            vec![
                ("registered_on", "2026-02-01".into()),
                ("reference", "REG-1".into()),
                ("confirmed", "yes".into()),
            ],
        ),
        (
            m("/feedback"),
            vec![
                ("instrument", "staff_feedback".into()),
                ("label", "Ward staff".into()),
            ],
        ),
        (
            m("/population"),
            vec![("sex-0", "50".into()), ("age-7", "8.5".into())],
        ),
        (
            m(&format!("/outcomes/roles/{}", ids.role)),
            vec![
                ("name", "Patients helped at mealtimes".into()),
                ("unit", "patients".into()),
                ("minutes_each", "10".into()),
            ],
        ),
    ]
    .into_iter()
    .chain(onboarding_posts(slug, ids))
    .collect()
}

/// The checklist and catalogue forms, in an order that ends with the volunteer starting.
fn onboarding_posts(slug: &str, ids: &Ids) -> Vec<(String, Form)> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    let p = &ids.onboarding;
    let person = p.person.id.to_string();
    let dbs = p.check(CheckKind::Dbs).id;
    let references = p.check(CheckKind::References).id;
    vec![
        (
            m("/catalogue/new"),
            vec![
                ("name", "Intruder module".into()),
                ("kind", "training".into()),
                ("validity_months", "12".into()),
            ],
        ),
        (
            m(&format!("/catalogue/{}", ids.fire_safety)),
            vec![
                ("description", "Renamed by an intruder".into()),
                ("validity_months", "6".into()),
            ],
        ),
        (
            m(&format!("/checks/{dbs}")),
            vec![
                ("person", person.clone()),
                ("action", "waive".into()),
                ("waiver_reason", "Checked by an intruder".into()),
            ],
        ),
        (
            m(&format!("/checks/{references}/referees")),
            vec![
                ("person", person.clone()),
                ("referee_name", "Rhys Referee".into()),
                ("referee_email", "rhys@example.net".into()),
                ("relationship", "Their manager".into()),
            ],
        ),
        (
            m(&format!("/checks/{references}")),
            vec![
                ("person", person),
                ("action", "waive".into()),
                ("waiver_reason", "Known to an intruder".into()),
            ],
        ),
        (m(&format!("/placements/{}/start", p.placement)), vec![]),
    ]
}

/// Posts `fields` with `token` as the anti-forgery token.
pub async fn post_with_token(
    browser: &mut Browser,
    path: &str,
    token: &str,
    fields: &Form,
) -> Page {
    let mut all: Vec<(&str, &str)> = vec![("_csrf", token)];
    all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    browser.post(path, &all).await
}

pub fn fields(form: &Form) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A registration form's fields.
pub fn registration(
    given: &str,
    family: &str,
    email: &str,
    dob: (&str, &str, &str),
    password: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("given_name", given.into()),
        ("family_name", family.into()),
        ("email", email.into()),
        ("date_of_birth-day", dob.0.into()),
        ("date_of_birth-month", dob.1.into()),
        ("date_of_birth-year", dob.2.into()),
        ("password", password.into()),
    ]
}

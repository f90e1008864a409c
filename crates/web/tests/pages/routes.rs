//! Route tables and form bodies the page tests share: every manager page and form, and the
//! registration form.

use domain::ids::StaffMemberId;

use crate::support::{Browser, Org, Page, STATEMENT};

/// The ids one organisation's manager routes are exercised with.
pub struct Ids {
    person: String,
    application: String,
    role: String,
    draft_role: String,
    site: String,
    staff: String,
}

impl Ids {
    pub fn of(org: &Org, staff: StaffMemberId) -> Self {
        Self {
            person: org.volunteer.id.to_string(),
            application: org.application.to_string(),
            role: org.role.to_string(),
            draft_role: org.draft_role.to_string(),
            site: org.site.to_string(),
            staff: staff.to_string(),
        }
    }

    pub fn all(&self) -> [&str; 6] {
        [
            &self.person,
            &self.application,
            &self.role,
            &self.draft_role,
            &self.site,
            &self.staff,
        ]
    }
}

/// Every manager page a GET can reach.
pub fn manager_gets(slug: &str, ids: &Ids) -> Vec<String> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    vec![
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
    ]
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
            m("/volunteers/new"),
            enquiry_form(&format!("enquiry.{slug}@example.org")),
        ),
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

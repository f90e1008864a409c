//! A volunteer accepted for a role that needs checks and training, for the checklist and
//! referee page tests.

use chrono::NaiveDate;
use domain::application::ApplicationStatus;
use domain::compliance::{Check, CheckKind};
use domain::person::Person;
use domain::role::RoleInput;

use crate::support::{STATEMENT, World, role_input};

/// A volunteer accepted for a role at organisation A that needs a DBS check (unless `dbs` is
/// "none"), `references` references, fire safety training (valid for 24 months) and a driving
/// licence.
pub struct Onboarding {
    pub w: World,
    pub volunteer: Person,
    pub scope: app::OrgScope,
}

impl Onboarding {
    pub async fn new(dbs: &str, references: &str) -> Self {
        let w = World::new().await;
        let app = &w.site.app;
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let catalogue = app.catalogue(&scope).await.unwrap();
        let fire = catalogue
            .iter()
            .find(|t| t.code == "cstf-fire-safety")
            .unwrap();
        let licence = catalogue
            .iter()
            .find(|t| t.kind == CheckKind::DrivingLicence)
            .unwrap();
        let input = RoleInput {
            dbs_level: dbs.into(),
            dbs_workforce: if dbs == "none" { "" } else { "adult" }.into(),
            references_required: references.into(),
            requirement_type_ids: vec![fire.id, licence.id],
            ..role_input("Ward companion", w.a.site, STATEMENT)
        };
        let role = app.create_role(&scope, &input).await.unwrap().id;
        app.publish_role(&scope, role).await.unwrap();
        let volunteer = w
            .site
            .person("Olive", "Onboard", "olive@example.org", "1990-04-05")
            .await;
        let application = w.site.apply(&volunteer, role).await;
        app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
            .await
            .unwrap();
        Self {
            w,
            volunteer,
            scope,
        }
    }

    /// The volunteer's item of `kind`.
    pub async fn check(&self, kind: CheckKind) -> Check {
        let lists = self
            .w
            .site
            .app
            .my_checklists(self.volunteer.id)
            .await
            .unwrap();
        lists
            .iter()
            .flat_map(|l| &l.items)
            .filter_map(|i| i.check.clone())
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} item"))
    }

    /// Where the volunteer sends an item.
    pub fn path(&self, check: &Check) -> String {
        format!("/my/checklist/{}/{}", self.w.a.slug, check.id)
    }
}

/// Today's date.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A date's three boxes, as a form sends them.
pub fn date_fields(name: &str, d: NaiveDate) -> Vec<(String, String)> {
    use chrono::Datelike;
    vec![
        (format!("{name}-day"), d.day().to_string()),
        (format!("{name}-month"), d.month().to_string()),
        (format!("{name}-year"), d.year().to_string()),
    ]
}

/// Form fields as the browser takes them.
pub fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

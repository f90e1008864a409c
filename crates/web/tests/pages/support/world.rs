//! Two organisations with staff, sites, roles, volunteers and applications, for the page tests.

use domain::engagement::EngagementStatus;
use domain::ids::{ApplicationId, OrganisationId, PersonId, RoleId, SiteId, StaffMemberId};
use domain::organisation::OrganisationInput;
use domain::person::Person;

use super::TestSite;

/// Two organisations with staff, sites, roles, volunteers and applications.
pub struct World {
    /// The site everything is on.
    pub site: TestSite,
    /// An NHS trust.
    pub a: Org,
    /// A charity.
    pub b: Org,
    /// A viewer in A.
    pub a_viewer: Person,
    /// The viewer's staff membership in A.
    pub a_viewer_member: StaffMemberId,
    /// A supervisor in A, limited to A's first site.
    pub a_supervisor: Person,
    /// An open role at A's second site (which the supervisor does not look after).
    pub a_role2: RoleId,
    /// A volunteer who applied to `a_role2`.
    pub a_volunteer2: Person,
    /// Their application.
    pub a_application2: ApplicationId,
    /// A second staff member in B (a viewer), who could be removed.
    pub b_viewer_member: StaffMemberId,
}

/// One organisation's fixtures.
pub struct Org {
    /// Identifier.
    pub id: OrganisationId,
    /// URL slug.
    pub slug: String,
    /// Organisation name.
    pub name: String,
    /// Its first organisation admin.
    pub admin: Person,
    /// A site.
    pub site: SiteId,
    /// An open role at that site.
    pub role: RoleId,
    /// A draft role at that site.
    pub draft_role: RoleId,
    /// A volunteer who applied to `role`.
    pub volunteer: Person,
    /// Their application.
    pub application: ApplicationId,
}

impl Org {
    /// A manager path inside this organisation.
    pub fn path(&self, rest: &str) -> String {
        format!("/manage/{}{rest}", self.slug)
    }
}

/// An NHS trust's details.
pub fn nhs_trust() -> OrganisationInput {
    OrganisationInput {
        name: "Riverside Hospitals NHS Trust".into(),
        slug: "riverside".into(),
        sector: "nhs".into(),
        kind: "acute_trust".into(),
        ods_code: "RX1".into(),
        postcode: "LS1 4AP".into(),
        ..OrganisationInput::default()
    }
}

/// A charity's details.
pub fn charity() -> OrganisationInput {
    OrganisationInput {
        name: "Hillside Hospice Charity".into(),
        slug: "hillside".into(),
        sector: "voluntary".into(),
        kind: "charity".into(),
        charity_number: "1123456".into(),
        postcode: "M1 1AE".into(),
        ..OrganisationInput::default()
    }
}

async fn org(site: &TestSite, input: OrganisationInput, prefix: &str) -> Org {
    let admin = site
        .person(
            "Ada",
            &format!("Admin-{prefix}"),
            &format!("admin@{prefix}.example.org"),
            "1980-05-06",
        )
        .await;
    let id = site.organisation(&input, &admin).await;
    let scope = site.scope(&admin, &input.slug).await;
    let site_id = site
        .site(&scope, &format!("{prefix} General Hospital"))
        .await;
    let role = site
        .open_role(&scope, &format!("{prefix} mealtime companion"), site_id)
        .await;
    let draft_role = site
        .draft_role(&scope, &format!("{prefix} garden helper"), site_id)
        .await;
    let volunteer = site
        .person(
            "Vera",
            &format!("Volunteer-{prefix}"),
            &format!("vera@{prefix}.example.org"),
            "1990-01-02",
        )
        .await;
    let application = site.apply(&volunteer, role).await;
    Org {
        id,
        slug: input.slug.clone(),
        name: input.name.clone(),
        admin,
        site: site_id,
        role,
        draft_role,
        volunteer,
        application,
    }
}

impl World {
    /// Builds the fixtures on a fresh site.
    pub async fn new() -> Self {
        let site = TestSite::new().await;
        let a = org(&site, nhs_trust(), "trust").await;
        let b = org(&site, charity(), "hospice").await;
        let a_scope = site.scope(&a.admin, &a.slug).await;
        let b_scope = site.scope(&b.admin, &b.slug).await;

        let a_site2 = site.site(&a_scope, "trust Community Hub").await;
        let a_role2 = site.open_role(&a_scope, "trust hub greeter", a_site2).await;
        let a_volunteer2 = site
            .person(
                "Walt",
                "Second-trust",
                "walt@trust.example.org",
                "1985-07-08",
            )
            .await;
        let a_application2 = site.apply(&a_volunteer2, a_role2).await;

        let a_viewer = site
            .person(
                "Vic",
                "Viewer-trust",
                "viewer@trust.example.org",
                "1975-03-04",
            )
            .await;
        let a_viewer_member = site
            .grant(&a_scope, a_viewer.email.as_str(), "viewer", vec![])
            .await;
        let a_supervisor = site
            .person(
                "Sue",
                "Supervisor-trust",
                "supervisor@trust.example.org",
                "1970-09-10",
            )
            .await;
        site.grant(
            &a_scope,
            a_supervisor.email.as_str(),
            "supervisor",
            vec![a.site],
        )
        .await;

        let b_viewer = site
            .person(
                "Bea",
                "Viewer-hospice",
                "viewer@hospice.example.org",
                "1982-11-12",
            )
            .await;
        let b_viewer_member = site
            .grant(&b_scope, b_viewer.email.as_str(), "viewer", vec![])
            .await;

        Self {
            site,
            a,
            b,
            a_viewer,
            a_viewer_member,
            a_supervisor,
            a_role2,
            a_volunteer2,
            a_application2,
            b_viewer_member,
        }
    }

    /// Everything an organisation holds, as JSON, to show nothing changed.
    pub async fn snapshot(&self, org: &Org) -> serde_json::Value {
        let app = &self.site.app;
        let scope = self.site.scope(&org.admin, &org.slug).await;
        let roles = app.roles(&scope).await.expect("roles");
        let sites = app.sites(&scope).await.expect("sites");
        let staff = app.staff(&scope).await.expect("staff");
        let volunteers = app
            .volunteers(
                &scope,
                app::ports::VolunteerSearch {
                    page: 1,
                    per_page: 500,
                    ..Default::default()
                },
            )
            .await
            .expect("volunteers");
        let applications = app.applications(&scope, None).await.expect("applications");
        let mut events = Vec::new();
        for row in &applications {
            events.push(
                app.store
                    .application_events(org.id, row.application.id)
                    .await
                    .expect("application events"),
            );
        }
        let organisation = app.store.organisation(org.id).await.expect("organisation");
        serde_json::json!({
            "organisation": organisation,
            "roles": roles,
            "sites": sites,
            "staff": staff,
            "volunteers": volunteers,
            "applications": applications,
            "events": events,
        })
    }
}

/// Where `person` stands with `org`.
pub async fn engagement(w: &World, org: &Org, person: PersonId) -> EngagementStatus {
    w.site
        .app
        .store
        .engagement_of(org.id, person)
        .await
        .unwrap()
        .expect("an engagement")
        .status
}

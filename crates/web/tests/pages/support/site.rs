//! A running Alongside over a fresh SQLite file, and the fixtures written to it directly.

use std::path::PathBuf;
use std::sync::Arc;

use alongside_web::{AppState, router};
use app::App;
use axum::Router;
use domain::application::ApplicationInput;
use domain::ids::{ApplicationId, OrganisationId, RoleId, SiteId, StaffMemberId};
use domain::organisation::OrganisationInput;
use domain::person::{Person, PersonInput};
use domain::role::RoleInput;
use domain::site::SiteInput;

use super::{Browser, PASSWORD, STATEMENT};

/// A running Alongside over a fresh database, answered in-process.
pub struct TestSite {
    /// The application, for fixtures and for checking what was stored.
    pub app: Arc<App>,
    router: Router,
    db: PathBuf,
}

impl TestSite {
    /// A site over a new, empty SQLite file.
    pub async fn new() -> Self {
        let db = std::env::temp_dir().join(format!("alongside-pages-{}.db", uuid::Uuid::now_v7()));
        let store = store::open(&format!("sqlite://{}", db.display()))
            .await
            .expect("opening a SQLite test database");
        let app = Arc::new(App::new(
            store,
            Arc::new(app::SystemClock),
            "http://localhost",
        ));
        let router = router(AppState {
            app: app.clone(),
            secure_cookies: false,
            trust_forwarded_for: false,
        });
        Self { app, router, db }
    }

    /// A browser with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser {
            router: self.router.clone(),
            cookie: None,
        }
    }

    /// A browser on the same database seen through `app` (for example one whose clock is fixed
    /// later), with an empty cookie jar.
    pub fn browser_with(&self, app: App) -> Browser {
        Browser {
            router: router(AppState {
                app: Arc::new(app),
                secure_cookies: false,
                trust_forwarded_for: false,
            }),
            cookie: None,
        }
    }

    /// A browser signed in as `email` (with the fixtures' password).
    pub async fn signed_in(&self, email: &str) -> Browser {
        let mut browser = self.browser();
        browser.sign_in(email, PASSWORD).await;
        browser
    }

    /// How many people have accounts.
    pub async fn count_people(&self) -> u64 {
        self.app
            .store
            .count_people()
            .await
            .expect("counting people")
    }

    /// Registers a person directly (not over HTTP).
    pub async fn person(&self, given: &str, family: &str, email: &str, dob: &str) -> Person {
        let input = PersonInput {
            given_name: given.into(),
            family_name: family.into(),
            email: email.into(),
            date_of_birth: dob.into(),
            ..PersonInput::default()
        };
        self.app
            .register(&input, PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("registering {email}: {e:?}"))
    }

    /// An organisation with a first admin.
    pub async fn organisation(&self, input: &OrganisationInput, admin: &Person) -> OrganisationId {
        self.app
            .create_organisation(input, admin.id)
            .await
            .unwrap_or_else(|e| panic!("creating {}: {e:?}", input.slug))
            .id
    }

    /// Writes and publishes a role as `input` describes it.
    pub async fn publish(&self, scope: &app::OrgScope, input: &RoleInput) -> domain::role::Role {
        let role = self
            .app
            .create_role(scope, input)
            .await
            .unwrap_or_else(|e| panic!("writing a role: {e:?}"));
        self.app
            .publish_role(scope, role.id)
            .await
            .unwrap_or_else(|e| panic!("publishing a role: {e:?}"))
    }

    /// The admin's scope in an organisation.
    pub async fn scope(&self, person: &Person, slug: &str) -> app::OrgScope {
        self.app
            .authorise(person.id, slug)
            .await
            .unwrap_or_else(|e| panic!("authorising in {slug}: {e:?}"))
    }

    /// Adds a site.
    pub async fn site(&self, scope: &app::OrgScope, name: &str) -> SiteId {
        let input = SiteInput {
            name: name.into(),
            kind: "hospital".into(),
            postcode: "LS1 4AP".into(),
        };
        self.app
            .create_site(scope, &input)
            .await
            .unwrap_or_else(|e| panic!("creating site {name}: {e:?}"))
            .id
    }

    /// Writes a draft role at `site`.
    pub async fn draft_role(&self, scope: &app::OrgScope, title: &str, site: SiteId) -> RoleId {
        self.app
            .create_role(scope, &role_input(title, site, STATEMENT))
            .await
            .unwrap_or_else(|e| panic!("creating role {title}: {e:?}"))
            .id
    }

    /// Writes and publishes a role at `site`.
    pub async fn open_role(&self, scope: &app::OrgScope, title: &str, site: SiteId) -> RoleId {
        let id = self.draft_role(scope, title, site).await;
        self.app
            .publish_role(scope, id)
            .await
            .unwrap_or_else(|e| panic!("publishing role {title}: {e:?}"));
        id
    }

    /// `person` applies to `role`.
    pub async fn apply(&self, person: &Person, role: RoleId) -> ApplicationId {
        let input = ApplicationInput {
            motivation: "I would like to help people in my community.".into(),
            availability: "Weekday mornings".into(),
        };
        self.app
            .apply(person.id, role, &input)
            .await
            .unwrap_or_else(|e| panic!("applying: {e:?}"))
            .id
    }

    /// A role that needs nothing before starting (no DBS, no checks), published.
    pub async fn open_role_without_checks(
        &self,
        scope: &app::OrgScope,
        title: &str,
        site: SiteId,
    ) -> RoleId {
        self.publish(
            scope,
            &RoleInput {
                dbs_level: "none".into(),
                dbs_workforce: String::new(),
                ..role_input(title, site, crate::support::STATEMENT)
            },
        )
        .await
        .id
    }

    /// `person` applies to `role`, is accepted and starts in it; the role must need nothing
    /// before starting (see [`Self::open_role_without_checks`]).
    pub async fn active_in(&self, scope: &app::OrgScope, person: &Person, role: RoleId) {
        let application = self.apply(person, role).await;
        self.app
            .decide_application(
                scope,
                application,
                domain::application::ApplicationStatus::Accepted,
                "",
            )
            .await
            .unwrap_or_else(|e| panic!("accepting: {e:?}"));
        let lists = self
            .app
            .checklists(scope, person.id)
            .await
            .unwrap_or_default();
        let list = lists
            .iter()
            .find(|l| l.placement.placement.role_id == role)
            .unwrap_or_else(|| panic!("no checklist for the role"));
        self.app
            .activate_placement(scope, list.placement.placement.id)
            .await
            .unwrap_or_else(|e| panic!("starting in the role: {e:?}"));
    }

    /// Gives `email` a permission in the scope's organisation.
    pub async fn grant(
        &self,
        scope: &app::OrgScope,
        email: &str,
        permission: &str,
        sites: Vec<SiteId>,
    ) -> StaffMemberId {
        self.app
            .grant_permission(scope, email, permission, sites)
            .await
            .unwrap_or_else(|e| panic!("granting {permission} to {email}: {e:?}"))
            .id
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut path = self.db.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A valid role form's input.
pub fn role_input(title: &str, site: SiteId, statement: &str) -> RoleInput {
    RoleInput {
        title: title.into(),
        summary: format!("Help as a {title}"),
        description: "A friendly role.".into(),
        setting: "in_hospital".into(),
        activities: "Talking and listening".into(),
        site_ids: vec![site],
        time_commitment: "3 hours a week".into(),
        minimum_age: "16".into(),
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        non_substitution_statement: statement.into(),
        ..RoleInput::default()
    }
}

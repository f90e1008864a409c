//! The harness for the HTML page tests: a fresh site on its own SQLite file, a browser with a
//! cookie jar, helpers to read pages, and fixtures for two organisations.

use std::path::PathBuf;
use std::sync::Arc;

use alongside_web::{AppState, router};
use app::App;
use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Request, StatusCode};
use domain::application::ApplicationInput;
use domain::ids::{ApplicationId, OrganisationId, RoleId, SiteId, StaffMemberId};
use domain::organisation::OrganisationInput;
use domain::person::{Person, PersonInput};
use domain::role::RoleInput;
use domain::site::SiteInput;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Everyone's password in the fixtures.
pub const PASSWORD: &str = "correct horse battery staple";

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "alongside_session";

/// A statement long enough to publish a role with.
pub const STATEMENT: &str = "Volunteers keep patients company; nurses still feed and assess them.";

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
        non_substitution_statement: statement.into(),
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
}

impl Page {
    /// The `Location` header, if any.
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// Asserts a redirect and returns where to.
    #[track_caller]
    pub fn redirect(&self) -> &str {
        assert!(
            self.status.is_redirection(),
            "expected a redirect, got {}: {}",
            self.status,
            excerpt(&self.body)
        );
        self.location().expect("a redirect has a Location")
    }

    /// Asserts the status, showing the page when it differs.
    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(
            self.status,
            status,
            "unexpected status; location {:?}; body: {}",
            self.location(),
            excerpt(&self.body)
        );
        self
    }

    /// Asserts the body contains `text`.
    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in the page ({}): {}",
            self.status,
            excerpt(&self.body)
        );
        self
    }

    /// Asserts the body does not contain `text`.
    #[track_caller]
    pub fn assert_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in the page ({}): {}",
            self.status,
            excerpt(&self.body)
        );
        self
    }

    /// The `_csrf` hidden input's value.
    #[track_caller]
    pub fn csrf(&self) -> String {
        attribute_after(&self.body, r#"name="_csrf" value=""#)
            .unwrap_or_else(|| panic!("no _csrf field in: {}", excerpt(&self.body)))
    }

    /// The `<body>` element's class.
    #[track_caller]
    pub fn body_class(&self) -> String {
        attribute_after(&self.body, r#"<body class=""#).expect("a <body class>")
    }

    /// The table row (`<tr>…</tr>`) containing `needle`, if any.
    pub fn row(&self, needle: &str) -> Option<&str> {
        let at = self.body.find(needle)?;
        let start = self.body[..at].rfind("<tr")?;
        let end = at + self.body[at..].find("</tr>")?;
        Some(&self.body[start..end])
    }

    /// Asserts the page is a 422 with an error summary linking to exactly the fields given, in any
    /// order, and that every link in the summary leads to an element on the page.
    #[track_caller]
    pub fn assert_errors(&self, fields: &[&str]) -> &Self {
        self.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        self.assert_contains(
            r#"<h2 class="error-summary-title" id="error-summary-title">There is a problem</h2>"#,
        );
        assert!(
            self.body.contains("<title>Error: "),
            "the title should start with \"Error: \""
        );
        let summary_start = self
            .body
            .find("error-summary-list")
            .expect("a summary list");
        let summary_end = summary_start
            + self.body[summary_start..]
                .find("</ul>")
                .expect("end of list");
        let summary = &self.body[summary_start..summary_end];
        let mut linked: Vec<String> = summary
            .split(r##"href="#"##)
            .skip(1)
            .filter_map(|s| s.split('"').next().map(str::to_owned))
            .collect();
        for field in &linked {
            assert!(
                self.body.contains(&format!(r#"id="{field}""#)),
                "the error summary links to #{field}, but nothing on the page has that id"
            );
        }
        linked.sort();
        linked.dedup();
        let mut expected: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        expected.sort();
        assert_eq!(linked, expected, "fields linked from the error summary");
        self
    }
}

/// The value of the attribute whose opening text is `prefix`, up to the closing quote.
pub fn attribute_after(html: &str, prefix: &str) -> Option<String> {
    let at = html.find(prefix)? + prefix.len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_owned())
}

/// The start of a long body, for failure messages.
pub fn excerpt(body: &str) -> String {
    let main = body.find("<main").map_or(body, |at| &body[at..]);
    main.chars().take(1500).collect()
}

/// A URL-encoded form body.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}

/// One browser: sends requests through the router, keeping the session cookie it is given.
#[derive(Clone)]
pub struct Browser {
    router: Router,
    /// The `alongside_session` cookie's value, if one is held.
    pub cookie: Option<String>,
}

impl Browser {
    /// Sends a request (adding the cookie, if held) and keeps any session cookie set.
    pub async fn send(&mut self, mut request: Request<Body>) -> Page {
        if let Some(cookie) = &self.cookie {
            request.headers_mut().insert(
                COOKIE,
                format!("{SESSION_COOKIE}={cookie}")
                    .parse()
                    .expect("a cookie header"),
            );
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("reading the body")
            .to_bytes();
        for value in headers.get_all(SET_COOKIE) {
            let value = value.to_str().expect("an ASCII Set-Cookie");
            let Some(rest) = value.strip_prefix(&format!("{SESSION_COOKIE}=")) else {
                continue;
            };
            let token = rest.split(';').next().unwrap_or_default();
            if token.is_empty() || value.contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(token.to_owned());
            }
        }
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// GET a path.
    pub async fn get(&mut self, path: &str) -> Page {
        let request = Request::get(path).body(Body::empty()).expect("a request");
        self.send(request).await
    }

    /// POST a form with extra headers.
    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut builder =
            Request::post(path).header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(Body::from(form_body(fields)))
            .expect("a request");
        self.send(request).await
    }

    /// POST a form exactly as given.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_with(path, fields, &[]).await
    }

    /// This session's anti-forgery token, read from a page's hidden `_csrf` input.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/my/profile").await;
        page.assert_status(StatusCode::OK);
        page.csrf()
    }

    /// POST a form with this session's anti-forgery token added.
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut all = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }

    /// Signs in over HTTP and asserts it worked.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let page = self
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            page.redirect(),
            "/my/applications",
            "signing in as {email} should land on the applications page"
        );
        assert!(
            self.cookie.is_some(),
            "signing in should set a session cookie"
        );
        page
    }
}

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
        serde_json::json!({
            "roles": roles,
            "sites": sites,
            "staff": staff,
            "volunteers": volunteers,
            "applications": applications,
            "events": events,
        })
    }
}

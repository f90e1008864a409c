//! The harness for the API tests: a fresh SQLite database with two organisations, each with an
//! admin and an API token, and the router answering in-process.

mod bodies;
mod reply;
mod requests;

use std::sync::Arc;

use alongside_web::{AppState, router};
use app::{App, SystemClock};
use axum::Router;
use domain::ids::PersonId;
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;
use uuid::Uuid;

pub use bodies::{method, operations, organisation_body, role_body, site_body};
pub use reply::Reply;

pub const PASSWORD: &str = "correct horse battery staple";

/// One organisation's admin and token.
pub struct Org {
    pub slug: &'static str,
    pub admin: PersonId,
    pub token: String,
}

/// A fresh database, the app, the router, and two organisations.
pub struct World {
    pub app: Arc<App>,
    pub router: Router,
    pub a: Org,
    pub b: Org,
}

pub async fn world() -> World {
    let path = std::env::temp_dir().join(format!("alongside-api-{}.db", Uuid::now_v7()));
    let store = store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("opening a test database");
    let app = Arc::new(App::new(store, Arc::new(SystemClock), "http://localhost"));
    let router = router(AppState {
        app: app.clone(),
        secure_cookies: false,
        trust_forwarded_for: false,
    });
    let a = organisation(&app, "Riverside Hospitals NHS Trust", "riverside", "RX1").await;
    let b = organisation(&app, "Hillside Community NHS Trust", "hillside", "RY2").await;
    World { app, router, a, b }
}

pub async fn person(app: &App, given: &str, email: &str) -> PersonId {
    let input = PersonInput {
        given_name: given.into(),
        family_name: "Example".into(),
        email: email.into(),
        date_of_birth: "1980-05-01".into(),
        ..Default::default()
    };
    app.register(&input, PASSWORD)
        .await
        .expect("registering")
        .id
}

pub async fn organisation(app: &App, name: &str, slug: &'static str, ods: &str) -> Org {
    let email = format!("admin@{slug}.example");
    let admin = person(app, "Admin", &email).await;
    app.create_organisation(&organisation_input(name, slug, ods), admin)
        .await
        .expect("creating organisation");
    let token = app
        .create_api_token_for(slug, &email)
        .await
        .expect("creating token");
    Org { slug, admin, token }
}

pub fn organisation_input(name: &str, slug: &str, ods: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        slug: slug.into(),
        sector: "nhs".into(),
        kind: "acute_trust".into(),
        ods_code: ods.into(),
        postcode: "LS1 4AP".into(),
        ..Default::default()
    }
}

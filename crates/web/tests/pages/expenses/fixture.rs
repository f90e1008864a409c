//! An organisation with a volunteer driver role, a volunteer active in it, and helpers to post
//! claims as a browser does (multipart, with a receipt) and to read what the store and outbox hold.

use app::ports::{ClaimRow, OutboxMessage};
use axum::body::Body;
use axum::http::Request;
use axum::http::header::CONTENT_TYPE;
use chrono::{Datelike, NaiveDate, Utc};
use domain::application::ApplicationStatus;
use domain::ids::RoleId;
use domain::person::Person;
use domain::role::RoleInput;

use crate::support::{Browser, Page, STATEMENT, World, role_input};

/// A tiny PNG's first bytes: enough to be recognised as one.
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3,
];

/// The World, a role with no checks, and Bea active in it with organisation A.
pub struct Fx {
    pub w: World,
    pub role: RoleId,
    pub bea: Person,
}

impl Fx {
    pub async fn new() -> Self {
        let w = World::new().await;
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let role = w
            .site
            .publish(
                &scope,
                &RoleInput {
                    dbs_level: "none".into(),
                    dbs_workforce: String::new(),
                    ..role_input("Volunteer driver", w.a.site, STATEMENT)
                },
            )
            .await
            .id;
        let bea = w
            .site
            .person("Bea", "Claimant", "bea@example.org", "1979-09-09")
            .await;
        let fx = Self { w, role, bea };
        fx.activate(&fx.bea).await;
        fx
    }

    /// `person` applies to the role, is accepted, and starts.
    pub async fn activate(&self, person: &Person) {
        let app = &self.w.site.app;
        let scope = self.w.site.scope(&self.w.a.admin, &self.w.a.slug).await;
        let application = self.w.site.apply(person, self.role).await;
        app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
            .await
            .unwrap();
        let placement = app
            .store
            .placements_of(self.w.a.id, person.id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.placement.role_id == self.role)
            .unwrap();
        app.activate_placement(&scope, placement.placement.id)
            .await
            .unwrap();
    }

    /// Organisation A's claims, oldest first.
    pub async fn claims(&self) -> Vec<ClaimRow> {
        self.w
            .site
            .app
            .store
            .expense_claims(self.w.a.id, &Default::default())
            .await
            .unwrap()
    }

    /// Emails queued to `to`, newest first.
    pub async fn mail_to(&self, to: &str) -> Vec<OutboxMessage> {
        let all = self.w.site.app.store.recent_messages(200).await.unwrap();
        all.into_iter().filter(|m| m.to == to).collect()
    }

    /// The claim form's path for organisation A.
    pub fn new_path(&self) -> String {
        format!("/my/expenses/{}/new", self.w.a.slug)
    }

    /// Audit actions about a record, oldest first.
    pub async fn audit(&self, id: uuid::Uuid) -> Vec<String> {
        let mut entries = self
            .w
            .site
            .app
            .store
            .audit_for(Some(self.w.a.id), id)
            .await
            .unwrap();
        entries.reverse();
        entries.into_iter().map(|e| e.action).collect()
    }
}

/// Today's UK date.
pub fn today() -> NaiveDate {
    domain::rota::from_utc(Utc::now()).date()
}

/// The latest 6 April on or before today: the start of the current tax year.
pub fn tax_year_start() -> NaiveDate {
    let t = today();
    let this = NaiveDate::from_ymd_opt(t.year(), 4, 6).unwrap();
    if this <= t {
        this
    } else {
        NaiveDate::from_ymd_opt(t.year() - 1, 4, 6).unwrap()
    }
}

/// Posts a multipart claim form with this session's anti-forgery token and an optional file
/// (name, content type, bytes) as `receipt`.
pub async fn post_claim(
    browser: &mut Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> Page {
    let token = browser.csrf().await;
    let boundary = "----alongside-test-boundary-7MA4YWxk";
    let mut body = Vec::new();
    for (name, value) in [("_csrf", token.as_str())].iter().chain(fields) {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, content_type, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let request = Request::post(path)
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    browser.send(request).await
}

/// A parking claim's fields for `date`.
pub fn parking(date: &str, amount: &str, description: &str) -> Vec<(&'static str, String)> {
    vec![
        ("category", "parking".to_owned()),
        ("date", date.to_owned()),
        ("description", description.to_owned()),
        ("amount", amount.to_owned()),
    ]
}

/// Borrowed pairs for posting.
pub fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

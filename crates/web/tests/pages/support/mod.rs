//! The harness for the HTML page tests: a fresh site on its own SQLite file, a browser with a
//! cookie jar, helpers to read pages, and fixtures for two organisations.

mod browser;
mod page;
mod site;
mod world;

pub use browser::Browser;
pub use page::{Page, attribute_after};
pub use site::{TestSite, role_input};
pub use world::{Org, World, charity, engagement};

/// Everyone's password in the fixtures.
pub const PASSWORD: &str = "correct horse battery staple";

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "alongside_session";

/// A statement long enough to publish a role with.
pub const STATEMENT: &str = "Volunteers keep patients company; nurses still feed and assess them.";

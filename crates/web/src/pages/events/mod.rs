//! Learning events: the lists and pages anyone may see (members-only events to members), the
//! organisers' forms and registrations, and the iCalendar feed of a network's public events.
//! Network events live under `/networks/{slug}/events`; an organisation's under
//! `/organisations/{org}/events`, managed under `/manage/{org}/events`.

mod ical;
mod organise;
mod public;
mod registrations_export;
pub(crate) mod views;

use app::events::EventHost;
use app::{AppError, OrgScope};
use axum::Router;

use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// Every learning-event route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(public::routes())
        .merge(organise::routes())
        .merge(ical::routes())
        .merge(registrations_export::routes())
}

/// Whose events a URL names.
#[derive(Debug, Clone)]
pub(crate) enum HostRef {
    /// `/networks/{slug}/events`: members and coordinators, or anyone for public events.
    Network(String),
    /// `/organisations/{org}/events`: an organisation's events as anyone sees them.
    Organisation(String),
    /// `/manage/{org}/events`: an organisation's staff.
    Manage(String),
}

/// A host resolved for the viewer, with the staff scope on manage pages (for their layout).
pub(crate) struct Resolved {
    pub host: EventHost,
    pub scope: Option<OrgScope>,
}

impl Resolved {
    /// The page frame: the organisation's on manage pages, otherwise the plain one.
    pub fn layout(&self, title: &str, user: Option<&SignedIn>) -> Layout {
        match (&self.scope, user) {
            (Some(scope), Some(user)) => Layout::for_org(title, user, scope),
            _ => Layout::for_user(title, user),
        }
    }
}

impl HostRef {
    /// The host for whoever is looking; manage pages need a staff member (404 otherwise).
    pub async fn resolve(
        &self,
        state: &AppState,
        user: Option<&SignedIn>,
    ) -> Result<Resolved, WebError> {
        let viewer = user.map(|u| u.person.id);
        Ok(match self {
            Self::Network(slug) => {
                let access = state.app.network_access(slug, viewer).await?;
                Resolved {
                    host: state.app.network_event_host(&access),
                    scope: None,
                }
            }
            Self::Organisation(slug) => Resolved {
                host: state
                    .app
                    .public_organisation_event_host(slug, viewer)
                    .await?,
                scope: None,
            },
            Self::Manage(slug) => {
                let user = user.ok_or(AppError::NotFound)?;
                let scope = state.app.authorise(user.person.id, slug).await?;
                Resolved {
                    host: state.app.organisation_event_host(&scope),
                    scope: Some(scope),
                }
            }
        })
    }
}

//! HTML pages.

mod apply;
mod attendance_kiosk;
mod attendance_phone;
mod auth;
mod checklist;
mod concerns;
mod events;
mod feedback;
pub(crate) mod library;
pub(crate) mod manage;
mod my;
mod my_activity;
mod my_calendar;
pub(crate) mod my_commitments;
mod my_data;
mod my_downloads;
mod my_equality;
mod my_expenses;
pub(crate) mod my_hours;
mod my_learning;
pub(crate) mod my_matches;
mod my_notifications;
pub(crate) mod my_offer;
mod my_passport;
mod my_shifts;
mod my_waiting;
mod my_wellbeing;
pub(crate) mod networks;
mod privacy_notice;
pub(crate) mod public;
mod refer;
mod references;
mod support_feedback;
mod surveys;

use axum::Router;

pub(crate) use events::views as events_views;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(public::routes())
        .merge(auth::routes())
        .merge(apply::routes())
        .merge(my::routes())
        .merge(my_calendar::routes())
        .merge(my_data::routes())
        .merge(privacy_notice::routes())
        .merge(my_notifications::routes())
        .merge(my_expenses::routes())
        .merge(my_shifts::routes())
        .merge(attendance_phone::routes())
        .merge(attendance_kiosk::routes())
        .merge(my_hours::routes())
        .merge(my_downloads::routes())
        .merge(my_waiting::routes())
        .merge(my_commitments::routes())
        .merge(checklist::routes())
        .merge(my_passport::routes())
        .merge(networks::routes())
        .merge(references::routes())
        .merge(surveys::routes())
        .merge(feedback::routes())
        .merge(my_wellbeing::routes())
        .merge(my_activity::routes())
        .merge(my_equality::routes())
        .merge(my_matches::routes())
        .merge(my_offer::routes())
        .merge(concerns::routes())
        .merge(refer::routes())
        .merge(support_feedback::routes())
        .merge(events::routes())
        .merge(my_learning::routes())
        .merge(manage::routes())
        .merge(library::routes())
}

/// A page's safe "come back to" path: only local paths, never another site.
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
    {
        next.to_owned()
    } else {
        "/my/applications".to_owned()
    }
}

/// Builds an `(code, label)` list for a select from a closed list.
pub fn options<T: domain::Labelled>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|v| (v.code(), v.label())).collect()
}

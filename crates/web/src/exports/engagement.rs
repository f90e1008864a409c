//! Lists about how an organisation keeps in touch with its volunteers and what they do: the
//! survey plans, what each role's activity counts towards, and its learning events.

use app::events::EventHost;
use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::outcomes::MIN_GROUP;
use domain::rota::from_utc;

use crate::csv_export::{Cell, Table};
use crate::layout::uk_date;
use crate::pages::manage::surveys::answered_words;

/// Each survey occasion's plan: whether it is sent, what it asks, when it closes, and how many
/// questionnaires were answered in the last 12 months (small numbers withheld, as on the page).
pub(super) async fn surveys(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let settings = app.survey_settings(scope).await?;
    let counts = app.survey_answer_counts(scope).await?;
    let mut table = Table::new(
        "Surveys",
        &[
            "Occasion",
            "Sent",
            "Questionnaires",
            "Anonymous",
            "Days the link stays open",
            "Days before one reminder",
            "One shift in",
            "Answered in the last 12 months",
        ],
    );
    for p in &settings.plans {
        let asked: Vec<&str> = p.instruments.iter().map(|i| i.title).collect();
        let pulse = p.occasion == domain::surveys::Occasion::Pulse;
        table.push(vec![
            Cell::text(p.occasion.label()),
            Cell::text(if p.enabled { "yes" } else { "no" }),
            Cell::text(asked.join("; ")),
            Cell::text(if p.anonymous { "yes" } else { "no" }),
            Cell::Integer(i64::from(p.close_after_days)),
            Cell::Integer(i64::from(p.remind_after_days)),
            if pulse {
                Cell::Integer(i64::from(p.pulse_one_in))
            } else {
                Cell::Blank
            },
            match counts.iter().find(|(o, _)| *o == p.occasion) {
                Some((_, n)) if *n >= MIN_GROUP => {
                    Cell::Integer(i64::try_from(*n).unwrap_or(i64::MAX))
                }
                found => Cell::text(answered_words(found.map_or(0, |(_, n)| *n))),
            },
        ]);
    }
    Ok(table)
}

/// What each role's activity counts towards, as the outcomes page lists it.
pub(super) async fn outcome_measures(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Outcome measures",
        &[
            "Role",
            "What is counted",
            "Unit",
            "Staff minutes each",
            "Status",
        ],
    );
    for f in app.outcome_framework(scope).await? {
        for i in &f.indicators {
            table.push(vec![
                Cell::text(f.role.title.clone()),
                Cell::text(i.name.clone()),
                Cell::text(i.unit.clone()),
                i.minutes_each
                    .map_or(Cell::Blank, |m| Cell::Integer(i64::from(m))),
                Cell::text(if i.retired {
                    "No longer counted"
                } else {
                    "Counted"
                }),
            ]);
        }
    }
    Ok(table)
}

/// The organisation's learning events, with how full each is.
pub(super) async fn events(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    events_of(app, &app.organisation_event_host(scope)).await
}

/// The events `host` runs that its viewer may see, as its events page lists them. A joining
/// link is only in an organiser's copy: others get it when they register.
pub(crate) async fn events_of(app: &App, host: &EventHost) -> Result<Table, AppError> {
    let now = app.clock.now();
    let mut table = Table::new(
        "Learning events",
        &[
            "Event",
            "Date",
            "Times",
            "How",
            "Where or joining link",
            "Who may come",
            "Places",
            "Places left",
            "Waiting",
            "Member price",
            "Price for others",
            "Status",
        ],
    );
    for s in app.hosted_events(host).await? {
        let e = &s.event;
        let (start, end) = (from_utc(e.starts_at), from_utc(e.ends_at));
        let status = if e.cancelled {
            "Cancelled"
        } else if e.ends_at > now {
            "Coming up"
        } else {
            "Past"
        };
        table.push(vec![
            Cell::text(e.title.clone()),
            Cell::Date(uk_date(&e.starts_at)),
            Cell::text(format!(
                "{} to {}",
                start.format("%H:%M"),
                end.format("%H:%M")
            )),
            Cell::text(e.format.kind().label()),
            Cell::text(
                e.format
                    .venue()
                    .or(e.format.joining_link().filter(|_| host.is_organiser()))
                    .unwrap_or_default(),
            ),
            Cell::text(e.visibility.label()),
            Cell::from(e.capacity),
            Cell::from(s.places_left),
            Cell::from(s.waiting),
            Cell::Pence(e.member_price.0),
            Cell::Pence(e.non_member_price.0),
            Cell::text(status),
        ]);
    }
    Ok(table)
}

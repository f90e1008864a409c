//! An event as typed into a form or API request, and its validation: every problem named by
//! field, times in UK local time, prices in pence, places from 1.

use chrono::{DateTime, NaiveTime, Utc};

use super::{EventFormat, EventOwner, EventSeries, FormatKind, LearningEvent};
use crate::expenses::Pence;
use crate::ids::EventId;
use crate::network::Audience;
use crate::rota::{LocalSlot, from_utc, parse_time_of_day};
use crate::{FieldErrors, Labelled};

/// An event as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EventInput {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Who it is for, in words.
    pub audience_note: String,
    /// `members` or `public`.
    pub visibility: String,
    /// `in_person`, `online` or `hybrid`.
    pub format: String,
    /// Venue (in person or hybrid).
    pub venue: String,
    /// Joining link (online or hybrid).
    pub joining_link: String,
    /// The UK date.
    pub date: String,
    /// Start time, UK clock.
    pub start_time: String,
    /// End time, UK clock, the same day.
    pub end_time: String,
    /// Places.
    pub capacity: String,
    /// Member price in pounds ("0" for free).
    pub member_price: String,
    /// Non-member price in pounds.
    pub non_member_price: String,
    /// The series' name, if it belongs to one (made if new).
    pub series: String,
}

/// What a valid form makes: the event (with no series yet) and the series' name typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEvent {
    /// The event.
    pub event: LearningEvent,
    /// The series' name, if any.
    pub series: Option<String>,
}

fn price(e: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<Pence> {
    match Pence::parse(value) {
        Ok(p) if p.0 >= 0 => Some(p),
        Ok(_) | Err(crate::expenses::MoneyError::Negative) => {
            e.add(field, format!("{label} must be £0 or more"));
            None
        }
        Err(crate::expenses::MoneyError::Empty) => {
            e.add(
                field,
                format!("Enter {}, or 0 if it is free", label.to_lowercase()),
            );
            None
        }
        Err(_) => {
            e.add(field, format!("{label} must be an amount like 12.50"));
            None
        }
    }
}

/// The most places an event may have.
pub const MAX_CAPACITY: u32 = 5000;

impl EventInput {
    /// The form's view of an existing event, for editing.
    pub fn from_event(ev: &LearningEvent, series: Option<&EventSeries>) -> Self {
        let start = from_utc(ev.starts_at);
        let end = from_utc(ev.ends_at);
        Self {
            title: ev.title.clone(),
            description: ev.description.clone(),
            audience_note: ev.audience_note.clone(),
            visibility: ev.visibility.code().into(),
            format: ev.format.kind().code().into(),
            venue: ev.format.venue().unwrap_or_default().into(),
            joining_link: ev.format.joining_link().unwrap_or_default().into(),
            date: start.date().format("%-d %-m %Y").to_string(),
            start_time: start.time().format("%H:%M").to_string(),
            end_time: end.time().format("%H:%M").to_string(),
            capacity: ev.capacity.to_string(),
            member_price: ev.member_price.plain(),
            non_member_price: ev.non_member_price.plain(),
            series: series.map(|s| s.name.clone()).unwrap_or_default(),
        }
    }

    /// Validates every field, naming each problem.
    pub fn parse(
        &self,
        id: EventId,
        owner: EventOwner,
        created_at: DateTime<Utc>,
    ) -> Result<ParsedEvent, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.text("title", "the event's title", &self.title, 200);
        let description =
            e.optional_text("description", "the description", &self.description, 5000);
        let audience_note =
            e.optional_text("audience_note", "who it is for", &self.audience_note, 300);
        let visibility = Audience::from_code(self.visibility.trim());
        if visibility.is_none() {
            e.add("visibility", "Select who can see this event");
        }
        let format = self.format(&mut e);
        let times = self.times(&mut e);
        let capacity = match self.capacity.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            _ if self.capacity.trim().is_empty() => {
                e.add("capacity", "Enter how many places there are");
                None
            }
            _ => {
                e.add(
                    "capacity",
                    format!("Places must be a whole number from 1 to {MAX_CAPACITY}"),
                );
                None
            }
        };
        let member_price = price(
            &mut e,
            "member_price",
            "The member price",
            &self.member_price,
        );
        let non_member_price = price(
            &mut e,
            "non_member_price",
            "The non-member price",
            &self.non_member_price,
        );
        let series = e.optional_text("series", "the series name", &self.series, 200);
        e.finish(|| {
            let (starts_at, ends_at) = times?;
            Some(ParsedEvent {
                event: LearningEvent {
                    id,
                    owner,
                    series_id: None,
                    title: title?,
                    description,
                    audience_note,
                    visibility: visibility?,
                    format: format?,
                    starts_at,
                    ends_at,
                    capacity: capacity?,
                    member_price: member_price?,
                    non_member_price: non_member_price?,
                    cancelled: false,
                    created_at,
                },
                series: (!series.is_empty()).then_some(series),
            })
        })
    }

    fn format(&self, e: &mut FieldErrors) -> Option<EventFormat> {
        let Some(kind) = FormatKind::from_code(self.format.trim()) else {
            e.add("format", "Select whether it is in person, online or both");
            return None;
        };
        let wants_venue = kind != FormatKind::Online;
        let wants_link = kind != FormatKind::InPerson;
        let venue = if wants_venue {
            e.text("venue", "the venue", &self.venue, 500)
        } else {
            None
        };
        let link = if wants_link {
            joining_link(e, &self.joining_link)
        } else {
            None
        };
        EventFormat::from_parts(kind.code(), venue, link)
    }

    fn times(&self, e: &mut FieldErrors) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let date = e.date("date", "the date of the event", &self.date);
        let time = |e: &mut FieldErrors, field: &str, label: &str, value: &str| {
            if value.trim().is_empty() {
                e.add(field, format!("Enter the {label} time"));
                return None;
            }
            let t = parse_time_of_day(value);
            if t.is_none() {
                e.add(field, format!("Enter the {label} time like 09:30 or 2pm"));
            }
            t
        };
        let start: Option<NaiveTime> = time(e, "start_time", "start", &self.start_time);
        let end: Option<NaiveTime> = time(e, "end_time", "end", &self.end_time);
        let (date, start, end) = (date?, start?, end?);
        if end <= start {
            e.add("end_time", "The end time must be after the start time");
            return None;
        }
        match LocalSlot::new(date, start, end).to_utc() {
            Ok(t) => Some(t),
            Err(err) => {
                e.add(err.field(), err.to_string());
                None
            }
        }
    }
}

/// A joining link: a web address starting `https://` with a host and no spaces.
fn joining_link(e: &mut FieldErrors, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        e.add(
            "joining_link",
            "Enter the joining link for people taking part online",
        );
        return None;
    }
    let ok = value
        .strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && value.len() <= 500;
    if ok {
        Some(value.to_owned())
    } else {
        e.add(
            "joining_link",
            "Enter a joining link that starts https://, like https://meet.example.org/abc",
        );
        None
    }
}

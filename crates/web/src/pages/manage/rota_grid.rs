//! What the rota pages share: their query (week or day, site, role, print), each shift as a
//! card (times, role and site, fill, under-filled, cancelled, names), and grouping by site or
//! role.

use app::rota_views::{Rota, RotaFilter, RotaShift};
use chrono::{Datelike, Days, NaiveDate};
use domain::FieldErrors;
use domain::rota::from_utc;
use serde::Deserialize;

use crate::layout::nhs_date;

/// The rota pages' query. Blank values mean "not given".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RotaQuery {
    /// Any date in the week to show (week grid).
    pub week: String,
    /// The day to show (day grid).
    pub date: String,
    /// Only this site.
    pub site: String,
    /// Only this role.
    pub role: String,
    /// "1" for the print view.
    pub print: String,
    /// How many shifts were just added, for the confirmation.
    pub added: String,
}

impl RotaQuery {
    /// The site and role filters; an id that is not an id filters nothing in.
    pub fn filter(&self) -> RotaFilter {
        RotaFilter {
            site_id: self.site.trim().parse().ok(),
            role_id: self.role.trim().parse().ok(),
        }
    }

    /// Whether the print view was asked for.
    pub fn printing(&self) -> bool {
        self.print == "1"
    }

    /// The query string for the filters, to keep them on links: "&site=…&role=…".
    pub fn keep(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        let (site, role) = (self.site.trim(), self.role.trim());
        if !site.is_empty() {
            s.append_pair("site", site);
        }
        if !role.is_empty() {
            s.append_pair("role", role);
        }
        let kept = s.finish();
        if kept.is_empty() {
            kept
        } else {
            format!("&{kept}")
        }
    }

    /// The confirmation for shifts just added, or "".
    pub fn added_message(&self) -> String {
        match self.added.trim().parse::<u32>() {
            Ok(1) => "1 shift added.".to_owned(),
            Ok(n) if n > 1 => format!("{n} shifts added."),
            _ => String::new(),
        }
    }
}

/// A date from the query in `field`, or `default` when blank, or an error naming the field.
pub(crate) fn query_date(
    raw: &str,
    field: &str,
    default: NaiveDate,
    errors: &mut FieldErrors,
) -> NaiveDate {
    if raw.trim().is_empty() {
        return default;
    }
    domain::person::parse_date(raw).unwrap_or_else(|| {
        errors.add(field, "Enter a real date, like 2027-03-05");
        default
    })
}

/// The Monday of the week holding `date`.
pub(crate) fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// A short day heading: "Mon 5 Mar".
pub(super) fn short_day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// A day in full: "Monday 5 March 2027".
pub(super) fn long_day(date: NaiveDate) -> String {
    format!("{} {}", date.format("%A"), nhs_date(&date))
}

/// One shift as the rota pages show it.
pub(crate) struct ShiftCard {
    /// The shift's id, for the link to its page.
    pub id: String,
    /// The UK date it starts on.
    pub date: NaiveDate,
    /// "10:00"
    pub start: String,
    /// "13:00"
    pub end: String,
    /// "10:00 to 13:00", with "(ends Tuesday)" for an overnight shift.
    pub times: String,
    /// The role's title.
    pub role: String,
    /// The site's name.
    pub site: String,
    /// Booked, and the least and most volunteers.
    pub booked: u16,
    /// Fewest needed.
    pub min: u16,
    /// Most taken.
    pub max: u16,
    /// Booked of the most it takes: "3/5".
    pub fill: String,
    /// Below the minimum (and not cancelled).
    pub under: bool,
    /// Cancelled.
    pub cancelled: bool,
    /// The booked volunteers' names.
    pub volunteers: Vec<String>,
}

impl ShiftCard {
    /// How many more it needs to reach its minimum.
    pub fn needs(&self) -> u16 {
        self.min.saturating_sub(self.booked)
    }
}

impl From<&RotaShift> for ShiftCard {
    fn from(r: &RotaShift) -> Self {
        let (start, end) = (from_utc(r.shift.starts_at), from_utc(r.shift.ends_at));
        let mut times = format!("{} to {}", start.format("%H:%M"), end.format("%H:%M"));
        if end.date() != start.date() {
            times.push_str(&format!(" (ends {})", end.format("%A")));
        }
        Self {
            id: r.shift.id.to_string(),
            date: start.date(),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            times,
            role: r.role_title.clone(),
            site: r.site_name.clone(),
            booked: r.booked,
            min: r.shift.min_volunteers,
            max: r.shift.max_volunteers,
            fill: format!("{}/{}", r.booked, r.shift.max_volunteers),
            under: r.under_filled(),
            cancelled: r.shift.cancelled,
            volunteers: r.volunteers.clone(),
        }
    }
}

/// Shifts under one site (or one role): the row of a grid.
pub(super) struct Group {
    /// The site's name (or role's title).
    pub name: String,
    /// The shifts, by start time.
    pub shifts: Vec<ShiftCard>,
}

impl Group {
    /// This group's shifts starting on `date`.
    pub fn on(&self, date: &NaiveDate) -> Vec<&ShiftCard> {
        self.shifts.iter().filter(|s| s.date == *date).collect()
    }
}

/// The rota's shifts grouped by site, or by role when `by_role`, groups in the order of the
/// organisation's sites (or roles); only groups with shifts.
pub(super) fn groups(rota: &Rota, by_role: bool) -> Vec<Group> {
    let keys: Vec<(uuid::Uuid, String)> = if by_role {
        rota.roles
            .iter()
            .map(|r| (r.id.0, r.title.clone()))
            .collect()
    } else {
        rota.sites
            .iter()
            .map(|s| (s.id.0, s.name.clone()))
            .collect()
    };
    let key = |s: &RotaShift| {
        if by_role {
            s.shift.role_id.0
        } else {
            s.shift.site_id.0
        }
    };
    keys.into_iter()
        .filter_map(|(id, name)| {
            let shifts: Vec<ShiftCard> = rota
                .shifts
                .iter()
                .filter(|s| key(s) == id)
                .map(ShiftCard::from)
                .collect();
            (!shifts.is_empty()).then_some(Group { name, shifts })
        })
        .collect()
}

/// A choice in a filter's list, with whether it is chosen.
pub(super) struct Choice {
    /// The id.
    pub value: String,
    /// The name shown.
    pub label: String,
    /// Whether the filter has it.
    pub selected: bool,
}

/// The sites and roles to filter by, marking the chosen ones.
pub(super) fn choices(rota: &Rota, query: &RotaQuery) -> (Vec<Choice>, Vec<Choice>) {
    let choice = |value: String, label: &str, chosen: &str| Choice {
        selected: value == chosen.trim(),
        value,
        label: label.to_owned(),
    };
    let sites = rota
        .sites
        .iter()
        .map(|s| choice(s.id.to_string(), &s.name, &query.site))
        .collect();
    let roles = rota
        .roles
        .iter()
        .map(|r| choice(r.id.to_string(), &r.title, &query.role))
        .collect();
    (sites, roles)
}

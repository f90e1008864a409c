//! Bulk creation from a week template: a site's pattern for one week (rows of day, role, times
//! and numbers) repeated every week over a range of dates. Every row is checked, and a problem
//! names its row ("Row 3: …") under the row's own field (`row-3-start_time`), so a manager can
//! find it. Each date's shift keeps the row's UK clock times across the clock changes.

use chrono::{Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::clock::{parse_weekday, required_date, weekday_code};
use super::ids::{SeriesId, ShiftId};
use super::recurrence::monday_of;
use super::shift::{Shift, ShiftInput, ShiftLinks, ShiftTemplate};
use crate::FieldErrors;
use crate::ids::{OrganisationId, RoleId, SiteId};

/// The most rows one week's pattern may have.
pub const MAX_TEMPLATE_ROWS: usize = 50;

/// The most weeks one template may cover.
pub const MAX_TEMPLATE_WEEKS: u64 = 26;

/// The most shifts one template may make.
pub const MAX_TEMPLATE_SHIFTS: usize = 1000;

/// A date no clock change falls on, to check a row's times before its real dates are known.
const PLAIN_DATE: &str = "2027-01-04";

/// The form or API field for `field` in row `number` (counted from 1, as the manager sees it).
pub fn row_field(number: usize, field: &str) -> String {
    format!("row-{number}-{field}")
}

/// One row of a week's pattern as typed. A row left wholly blank is ignored.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TemplateRowInput {
    /// Day of the week: a code ("tue") or name ("Tuesday").
    pub weekday: String,
    /// The id of one of the organisation's roles.
    pub role_id: String,
    /// UK clock time it starts.
    pub start_time: String,
    /// UK clock time it ends; at or before the start means the next day.
    pub end_time: String,
    /// Fewest volunteers needed.
    pub min_volunteers: String,
    /// Most volunteers taken.
    pub max_volunteers: String,
    /// Notes for volunteers.
    pub notes: String,
}

impl TemplateRowInput {
    /// Whether nothing was typed in the row.
    pub fn is_blank(&self) -> bool {
        [
            &self.weekday,
            &self.role_id,
            &self.start_time,
            &self.end_time,
            &self.min_volunteers,
            &self.max_volunteers,
            &self.notes,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// A week template as typed: the site, the first and last dates, and the week's rows.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct WeekTemplateInput {
    /// The id of one of the organisation's sites.
    pub site_id: String,
    /// The first date shifts may fall on.
    pub from: String,
    /// The last date shifts may fall on (inclusive).
    pub until: String,
    /// The week's pattern, in the order typed.
    pub rows: Vec<TemplateRowInput>,
}

/// A valid row: its number as typed, its day, its role and the shift it repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateRow {
    /// The row's number on the form, from 1 (blank rows keep their numbers).
    pub number: usize,
    /// The day of the week.
    pub weekday: Weekday,
    /// The role.
    pub role_id: RoleId,
    /// Times, numbers and notes (its `date` means nothing here).
    pub shift: ShiftTemplate,
}

/// A valid week template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekTemplate {
    site_id: SiteId,
    from: NaiveDate,
    until: NaiveDate,
    rows: Vec<TemplateRow>,
}

impl WeekTemplateInput {
    /// The template, or every problem with it, rows named by number.
    pub fn parse(&self) -> Result<WeekTemplate, FieldErrors> {
        let mut e = FieldErrors::new();
        let site_id = self.site_id.trim().parse().ok();
        if site_id.is_none() {
            e.add("site_id", "Select a site");
        }
        let from = required_date(&mut e, "from", "the first date", &self.from);
        let until = required_date(&mut e, "until", "the last date", &self.until);
        if let (Some(from), Some(until)) = (from, until) {
            if until < from {
                e.add(
                    "until",
                    "The last date must be the same as or after the first date",
                );
            } else if from.checked_add_days(Days::new(MAX_TEMPLATE_WEEKS * 7)) <= Some(until) {
                e.add(
                    "until",
                    format!(
                        "A template can cover at most {MAX_TEMPLATE_WEEKS} weeks. Choose an \
                         earlier last date"
                    ),
                );
            }
        }
        let typed: Vec<(usize, &TemplateRowInput)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| (i + 1, row))
            .filter(|(_, row)| !row.is_blank())
            .collect();
        if typed.is_empty() {
            e.add(
                &row_field(1, "weekday"),
                "Enter at least one shift in the week's pattern",
            );
        } else if typed.len() > MAX_TEMPLATE_ROWS {
            e.add(
                "rows",
                format!("A week's pattern can have at most {MAX_TEMPLATE_ROWS} shifts"),
            );
        }
        let rows: Vec<Option<TemplateRow>> = typed
            .iter()
            .take(MAX_TEMPLATE_ROWS)
            .map(|(number, row)| parse_row(&mut e, *number, row))
            .collect();
        if !e.is_empty() {
            return Err(e);
        }
        let template = WeekTemplate {
            site_id: site_id.ok_or_else(FieldErrors::new)?,
            from: from.ok_or_else(FieldErrors::new)?,
            until: until.ok_or_else(FieldErrors::new)?,
            rows: rows.into_iter().flatten().collect(),
        };
        match template.occurrences().len() {
            0 => Err(FieldErrors::one(
                "until",
                "None of the pattern's days fall between the first and last dates. Choose a \
                 later last date",
            )),
            n if n > MAX_TEMPLATE_SHIFTS => Err(FieldErrors::one(
                "until",
                format!(
                    "This would add {n} shifts; a template can add at most \
                     {MAX_TEMPLATE_SHIFTS}. Choose an earlier last date"
                ),
            )),
            _ => Ok(template),
        }
    }
}

/// One typed row, its problems recorded as "Row N: …" under its own fields.
fn parse_row(e: &mut FieldErrors, number: usize, row: &TemplateRowInput) -> Option<TemplateRow> {
    let mut add = |field: &str, message: &str| {
        e.add(
            &row_field(number, field),
            format!("Row {number}: {message}"),
        );
    };
    let weekday = if row.weekday.trim().is_empty() {
        add("weekday", "Select the day of the week");
        None
    } else {
        let day = parse_weekday(&row.weekday);
        if day.is_none() {
            add("weekday", "Select a day of the week from the list");
        }
        day
    };
    let role_id = row.role_id.trim().parse().ok();
    if role_id.is_none() {
        add("role_id", "Select a role");
    }
    let typed = ShiftInput {
        date: PLAIN_DATE.to_owned(),
        start_time: row.start_time.clone(),
        end_time: row.end_time.clone(),
        min_volunteers: row.min_volunteers.clone(),
        max_volunteers: row.max_volunteers.clone(),
        notes: row.notes.clone(),
    };
    let shift = match typed.parse_template() {
        Ok(shift) => Some(shift),
        Err(problems) => {
            for p in problems.0 {
                add(&p.field, &p.message);
            }
            None
        }
    };
    Some(TemplateRow {
        number,
        weekday: weekday?,
        role_id: role_id?,
        shift: shift?,
    })
}

impl WeekTemplate {
    /// The site every shift is at.
    pub fn site_id(&self) -> SiteId {
        self.site_id
    }

    /// The first date shifts may fall on.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last date shifts may fall on.
    pub fn until(&self) -> NaiveDate {
        self.until
    }

    /// The rows, in the order typed.
    pub fn rows(&self) -> &[TemplateRow] {
        &self.rows
    }

    /// Every row's date in the range, by date and then row.
    pub fn occurrences(&self) -> Vec<(&TemplateRow, NaiveDate)> {
        let mut found = Vec::new();
        let mut monday = monday_of(self.from);
        while monday <= self.until {
            let mut week: Vec<(&TemplateRow, NaiveDate)> = self
                .rows
                .iter()
                .filter_map(|row| {
                    let offset = u64::from(row.weekday.num_days_from_monday());
                    let date = monday.checked_add_days(Days::new(offset))?;
                    (self.from..=self.until)
                        .contains(&date)
                        .then_some((row, date))
                })
                .collect();
            week.sort_by_key(|(row, date)| (*date, row.number));
            found.extend(week);
            match monday.checked_add_days(Days::new(7)) {
                Some(next) => monday = next,
                None => break,
            }
        }
        found
    }

    /// Every shift the template makes, each row a weekly series of its own, at the row's UK clock
    /// times whatever the clock changes do; or, naming the row, a date on which the clocks going
    /// forward leave a row's shift no length. `new_id` gives each shift and series its id.
    pub fn shifts(
        &self,
        organisation_id: OrganisationId,
        mut new_id: impl FnMut() -> uuid::Uuid,
    ) -> Result<Vec<Shift>, FieldErrors> {
        let series: Vec<SeriesId> = self.rows.iter().map(|_| SeriesId(new_id())).collect();
        let mut e = FieldErrors::new();
        let mut shifts = Vec::new();
        for (row, date) in self.occurrences() {
            let series_id = self
                .rows
                .iter()
                .position(|r| r.number == row.number)
                .and_then(|i| series.get(i).copied());
            let links = ShiftLinks {
                organisation_id,
                role_id: row.role_id,
                site_id: self.site_id,
                supervisor: None,
                series_id,
            };
            match row.shift.shift_on(date, ShiftId(new_id()), links) {
                Ok(shift) => shifts.push(shift),
                Err(problem) => e.add(
                    &row_field(row.number, problem.field()),
                    format!("Row {}: {problem}", row.number),
                ),
            }
        }
        e.finish(|| Some(shifts))
    }
}

/// The day codes in week order, with names, for a form's select.
pub fn weekday_options() -> Vec<(&'static str, &'static str)> {
    [
        (Weekday::Mon, "Monday"),
        (Weekday::Tue, "Tuesday"),
        (Weekday::Wed, "Wednesday"),
        (Weekday::Thu, "Thursday"),
        (Weekday::Fri, "Friday"),
        (Weekday::Sat, "Saturday"),
        (Weekday::Sun, "Sunday"),
    ]
    .into_iter()
    .map(|(day, name)| (weekday_code(day), name))
    .collect()
}

#[cfg(test)]
mod tests;

//! How a claim reads on a page, for volunteers and managers alike, and the claim form's fields.

use app::expenses::ClaimPlace;
use app::ports::ClaimRow;
use domain::Labelled;
use domain::expenses::mileage::{
    BICYCLE_RATE, CAR_RATE, CAR_RATE_AFTER_THRESHOLD, MOTORCYCLE_RATE,
};
use domain::expenses::{ClaimInput, ClaimStatus, ExpenseCategory, Vehicle};

use chrono::{DateTime, Utc};
use domain::rota::from_utc;

use crate::layout::{nhs_date, nhs_datetime};

/// A claim as one line of a list or the top of its page.
pub struct ClaimLine {
    /// The claim's id.
    pub id: String,
    /// The organisation's slug.
    pub org: String,
    /// The organisation's name.
    pub organisation: String,
    /// The claimant's name.
    pub claimant: String,
    /// The date of the cost: "5 March 2027".
    pub date: String,
    /// What it was for.
    pub category: &'static str,
    /// The volunteer's words.
    pub description: String,
    /// "£12.50".
    pub amount: String,
    /// For mileage: "12 miles by car or van: 12 miles at 45p".
    pub mileage: String,
    /// Where it has got to.
    pub status: &'static str,
    /// When it was sent: "5 March 2027 at 10:30".
    pub sent: String,
    /// The receipt's name and size, or "".
    pub receipt: String,
    /// Whether a receipt would be expected but there is none.
    pub lacks_receipt: bool,
    /// The decision: "Approved by Mo Manager on 5 March 2027 at 10:30", or "".
    pub decision: String,
    /// The reason or question.
    pub note: String,
    /// The volunteer's answer.
    pub answer: String,
    /// Whether the volunteer can answer a question.
    pub queried: bool,
}

impl From<&ClaimRow> for ClaimLine {
    fn from(row: &ClaimRow) -> Self {
        let c = &row.claim;
        let mileage = c.mileage.map_or_else(String::new, |m| {
            let unit = if m.miles == 1 { "mile" } else { "miles" };
            format!(
                "{} {unit} by {}: {}",
                m.miles,
                m.vehicle.label().to_lowercase(),
                m.payment().describe()
            )
        });
        let receipt = c.receipt.as_ref().map_or_else(String::new, |r| {
            format!("{} ({}, {})", r.file_name, r.kind.label(), size(r.size))
        });
        let decision = match (c.status, c.decided_at) {
            (ClaimStatus::Submitted, _) | (_, None) => String::new(),
            (status, Some(at)) => {
                let what = match status {
                    ClaimStatus::Queried => "Question asked",
                    ClaimStatus::Rejected => "Not approved",
                    _ => "Approved",
                };
                format!("{what} by {} on {}", c.decided_by_name, nhs_datetime(&at))
            }
        };
        Self {
            id: c.id.to_string(),
            org: row.organisation_slug.clone(),
            organisation: row.organisation_name.clone(),
            claimant: row.claimant_name.clone(),
            date: nhs_date(&c.spent_on),
            category: c.category.label(),
            description: c.description.clone(),
            amount: c.amount.display(),
            mileage,
            status: c.status.label(),
            sent: nhs_datetime(&c.submitted_at),
            receipt,
            lacks_receipt: c.lacks_receipt(),
            decision,
            note: c.note.clone(),
            answer: c.answer.clone(),
            queried: c.status == ClaimStatus::Queried,
        }
    }
}

/// A shift's UK day and times: "Friday 5 March 2027, 10:00 to 13:00".
fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let (start, end) = (from_utc(starts_at), from_utc(ends_at));
    format!(
        "{} {}, {} to {}",
        start.format("%A"),
        nhs_date(&start.date()),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// A size in KB or MB.
fn size(bytes: u32) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", f64::from(bytes) / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// One choice in a list: value, label, whether chosen.
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What people read.
    pub label: String,
    /// Whether it is selected.
    pub chosen: bool,
}

/// The claim form's values and choices.
pub struct ClaimForm {
    /// What was typed.
    pub input: ClaimInput,
    /// The volunteer's answer (when answering a question).
    pub answer: String,
    /// What the cost was for.
    pub categories: Vec<Choice>,
    /// What they travelled in.
    pub vehicles: Vec<Choice>,
    /// Their roles there.
    pub roles: Vec<Choice>,
    /// Their recent shifts there.
    pub shifts: Vec<Choice>,
    /// "You have claimed 120 car miles this tax year …".
    pub miles_so_far: String,
}

impl ClaimForm {
    /// The form for `place`, filled with `input`.
    pub fn new(place: &ClaimPlace, input: ClaimInput) -> Self {
        let choose = |value: String, label: String, typed: &str| Choice {
            chosen: value == typed.trim(),
            value,
            label,
        };
        let categories = ExpenseCategory::ALL
            .iter()
            .map(|c| choose(c.code().into(), c.label().into(), &input.category))
            .collect();
        let vehicles = Vehicle::ALL
            .iter()
            .map(|v| {
                let rate = match v {
                    Vehicle::CarOrVan => format!(
                        "{}p a mile, {}p after 10,000 miles in the tax year",
                        CAR_RATE.0, CAR_RATE_AFTER_THRESHOLD.0
                    ),
                    Vehicle::Motorcycle => format!("{}p a mile", MOTORCYCLE_RATE.0),
                    Vehicle::Bicycle => format!("{}p a mile", BICYCLE_RATE.0),
                };
                choose(
                    v.code().into(),
                    format!("{} ({rate})", v.label()),
                    &input.vehicle,
                )
            })
            .collect();
        let roles = place
            .roles
            .iter()
            .map(|(id, title)| choose(id.to_string(), title.clone(), &input.role_id))
            .collect();
        let shifts = place
            .shifts
            .iter()
            .map(|s| {
                let label = format!("{}: {}", when(s.starts_at, s.ends_at), s.role_title);
                choose(s.shift_id.to_string(), label, &input.shift_id)
            })
            .collect();
        let miles_so_far = match place.car_miles_this_year {
            0 => String::new(),
            n => format!(
                "You have claimed {n} car or van miles with {} this tax year. After 10,000 the rate is {}p a mile.",
                place.organisation_name, CAR_RATE_AFTER_THRESHOLD.0
            ),
        };
        Self {
            input,
            answer: String::new(),
            categories,
            vehicles,
            roles,
            shifts,
            miles_so_far,
        }
    }
}

//! How events read on pages: dates the NHS way, format and price in words.

use app::events::EventSummary;
use domain::Labelled;
use domain::events::{LearningEvent, hours_in_words};

use crate::layout::nhs_date;

/// An event as listed or shown.
pub(crate) struct EventLine {
    pub id: String,
    pub title: String,
    pub description: String,
    pub audience_note: String,
    pub visibility: &'static str,
    pub members_only: bool,
    pub when: String,
    pub format: &'static str,
    pub venue: String,
    pub joining_link: String,
    pub length: String,
    pub capacity: u32,
    pub places_left: u32,
    pub waiting: u32,
    pub member_price: String,
    pub non_member_price: String,
    pub cancelled: bool,
}

/// "Friday 5 March 2027, 10:00 to 12:30" in UK time.
pub(crate) fn when(event: &LearningEvent) -> String {
    let start = domain::rota::from_utc(event.starts_at);
    let end = domain::rota::from_utc(event.ends_at);
    format!(
        "{} {}, {} to {}",
        start.format("%A"),
        nhs_date(&start.date()),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// A price in words: "Free" or "£25.00".
pub(crate) fn price(p: domain::expenses::Pence) -> String {
    if p.0 == 0 {
        "Free".to_owned()
    } else {
        p.display()
    }
}

impl EventLine {
    pub(crate) fn new(s: &EventSummary) -> Self {
        let e = &s.event;
        Self {
            id: e.id.to_string(),
            title: e.title.clone(),
            description: e.description.clone(),
            audience_note: e.audience_note.clone(),
            visibility: e.visibility.label(),
            members_only: e.visibility == domain::network::Audience::Members,
            when: when(e),
            format: e.format.kind().label(),
            venue: e.format.venue().unwrap_or_default().to_owned(),
            joining_link: e.format.joining_link().unwrap_or_default().to_owned(),
            length: hours_in_words(e.cpd_minutes()),
            capacity: e.capacity,
            places_left: s.places_left,
            waiting: s.waiting,
            member_price: price(e.member_price),
            non_member_price: price(e.non_member_price),
            cancelled: e.cancelled,
        }
    }

    /// How full, in words.
    pub(crate) fn places_text(&self) -> String {
        if self.cancelled {
            "Cancelled".to_owned()
        } else if self.places_left == 0 {
            if self.waiting == 0 {
                "Full: join the waiting list".to_owned()
            } else {
                format!("Full: {} waiting", self.waiting)
            }
        } else if self.places_left == 1 {
            "1 place left".to_owned()
        } else {
            format!("{} places left", self.places_left)
        }
    }
}

//! The triangle of support: the service users volunteers support, the carers around them,
//! referrals for support, matches between volunteers and service users, and the contacts a
//! match is made of.

mod availability;
mod carer;
mod contact;
mod distance;
mod feedback;
mod fit;
mod matches;
mod person;
mod referral;

pub use availability::Days;
pub use carer::{CarerLink, Relationship};
pub use contact::{Contact, ContactFields, ContactInput, ContactKind};
pub use distance::{Location, miles_between};
pub use feedback::{SupportFeedback, SupportFeedbackInput};
pub use fit::{Fit, Gender, MatchProfile, MatchProfileInput, Needs, VolunteerForMatching, fit};
pub use matches::{Match, MatchStatus, MatchStep, contact_overdue};
pub use person::{
    Consent, ConsentMethod, SupportStatus, SupportedPerson, SupportedPersonInput,
    health_notes_field,
};
pub use referral::{
    Referral, ReferralDecision, ReferralFields, ReferralInput, ReferralSource, ReferralStatus,
    Urgency, response_target_hours,
};

use crate::labelled_enum;

labelled_enum!(
    /// The kind of person-to-person support offered.
    SupportType {
        /// Regular visits or calls for company.
        Befriending = "befriending": "Befriending",
        /// Settling someone back at home after a stay in hospital.
        HomeFromHospital = "home_from_hospital": "Home from hospital",
        /// Lifts to appointments.
        Transport = "transport": "Transport",
        /// Shopping and errands.
        Shopping = "shopping": "Shopping",
        /// Regular telephone calls.
        TelephoneSupport = "telephone_support": "Telephone support",
        /// Support for a carer.
        CarerSupport = "carer_support": "Carer support",
    }
);

impl SupportType {
    /// Whether the volunteer goes to the person (so distance matters and home-visit checks
    /// apply), rather than calling them.
    pub fn in_person(self) -> bool {
        !matches!(self, Self::TelephoneSupport)
    }
}

#[cfg(test)]
mod tests;

//! Everything that decides whether one person may have a place on one shift, read together.
//!
//! A sign-up surge pays for every read, so the store gathers the shift, its role's rules, its
//! site's name, the person, their placement with the organisation, their checks and their choice
//! of channel for booking confirmations in as few statements as it can.

use domain::compliance::{Check, Requirements};
use domain::notification::Channel;
use domain::person::Person;

use super::ShiftRow;

/// What a booking of one person on one shift is decided on.
#[derive(Debug, Clone)]
pub struct BookingContext {
    /// The shift with its fill.
    pub shift: ShiftRow,
    /// The shift's role's title.
    pub role_title: String,
    /// What the shift's role needs of a volunteer.
    pub requirements: Requirements,
    /// The shift's site's name.
    pub site_name: String,
    /// The person.
    pub person: Person,
    /// Whether they have any placement with the organisation (so their name is the
    /// organisation's to see).
    pub known_to_organisation: bool,
    /// Whether one of their placements is active in the shift's role.
    pub active_in_role: bool,
    /// Their records of checks and training with the organisation; left empty where they
    /// cannot change the answer ([`Requirements::uses_checks`]: a role needing none, an adult).
    pub checks: Vec<Check>,
    /// The channel they chose for booking confirmations, if they chose one.
    pub confirmation_channel: Option<Channel>,
}

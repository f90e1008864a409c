//! The demo's fixed data: organisations, sites, staff, roles, names and the phrases people use.
//!
//! Every organisation, address and person here is invented. Postcodes are in West Yorkshire and
//! valid in form, and phone numbers are in Ofcom's range reserved for drama (07700 900xxx). ODS
//! codes and charity numbers are invented too and are not meant to match real bodies.

mod demo_volunteer;
mod names;
mod organisations;
mod phrases;
mod profiles;
mod roles;
mod specs;

pub use demo_volunteer::{
    DEMO_BEFRIENDER, DEMO_PASSPORT, DEMO_VOLUNTEER, DEMO_VOLUNTEER_APPLIES, DEMO_VOLUNTEER_BORN,
};
pub use names::{NAME_GROUPS, NameGroup, OTHER_LANGUAGES, PREFERRED_NAMES};
pub use organisations::ORGANISATIONS;
pub use phrases::{
    ACCEPT_NOTES, AVAILABILITY, DECLINES, DID_NOT_COMPLETE_NOTES, LEAVING, MOTIVATIONS,
    PAUSE_NOTES, SCREENING_NOTES, WITHDRAWING,
};
pub use profiles::{ACCESS_NEEDS, AGE_BANDS, INTERESTS, OUTWARD_CODES, SKILLS, Tagged};
pub use specs::{OrgSpec, Outcome, RoleSpec, RoleState, StaffSpec};

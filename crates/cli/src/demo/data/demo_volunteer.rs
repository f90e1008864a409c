//! The demo volunteer: their sign-in, date of birth and the roles they applied to.

use super::specs::{StaffSpec, staff};

/// The demo volunteer's sign-in and profile (not staff, so no permission).
pub const DEMO_VOLUNTEER: StaffSpec = staff(
    "Jordan",
    "Ellis",
    "volunteer@example.org",
    "",
    Some("Volunteer (has applied to two roles)"),
);

/// The demo volunteer's date of birth.
pub const DEMO_VOLUNTEER_BORN: &str = "1997-04-12";

/// Where the demo volunteer applied: organisation slug, role title, and whether it is being screened.
pub const DEMO_VOLUNTEER_APPLIES: &[(&str, &str, bool)] = &[
    ("riverside", "Welcome and wayfinding volunteer", false),
    ("wharfe-meadows", "Hospice shop volunteer", true),
];

/// The demo befriender: active as a befriender with the good neighbours scheme, with room to
/// support one or two more people (the browser journey invites them).
pub const DEMO_BEFRIENDER: StaffSpec = staff(
    "Priya",
    "Shah",
    "befriender@example.org",
    "",
    Some("Volunteer befriender, Kirkstall Valley Good Neighbours"),
);

/// The passport volunteer: active at the hospice, about to apply to the acute trust, which
/// recognises the hospice's checks and training (the passport browser journey signs in as them).
pub const DEMO_PASSPORT: StaffSpec = staff(
    "Tunde",
    "Adeyemi",
    "passport@example.org",
    "",
    Some("Volunteer at Wharfe Meadows Hospice (volunteer passport)"),
);

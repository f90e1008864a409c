//! The phrases people use: why they apply, when they are free, and the notes on each step.

use super::profiles::Tagged;

/// Why people apply.
#[rustfmt::skip]
pub const MOTIVATIONS: &[Tagged] = &[
    ("I want to become a nurse and would love to see how a hospital works from the inside.", 16, 25),
    ("I'm applying to study medicine and want to spend time with patients and learn to listen.", 16, 22),
    ("I'd like to build my confidence and get some experience for my CV.", 16, 30),
    ("The staff were wonderful when my dad was ill, and I want to give something back.", 25, 80),
    ("I've recently retired and want to do something useful with my time and meet people.", 58, 85),
    ("I'm a retired nurse and miss the patients; I'd love to help without the paperwork!", 60, 85),
    ("My mum had dementia and I know how much a friendly face matters.", 35, 85),
    ("I have lived alone since my partner died and would like to feel part of something again.", 65, 85),
    ("I work part-time and have a free day each week that I'd like to put to good use.", 25, 64),
    ("I'm new to the area and volunteering seems a good way to get to know people.", 20, 70),
    ("I speak several languages and could help patients who don't speak much English.", 18, 80),
    ("I want to help people feel less lonely; I know what that feels like.", 16, 85),
    ("Volunteering kept me going after I was made redundant, and I'd like to start again.", 30, 64),
];

/// When people say they are free.
#[rustfmt::skip]
pub const AVAILABILITY: &[Tagged] = &[
    ("Weekday mornings", 18, 120),
    ("Tuesday and Thursday afternoons", 16, 120),
    ("Weekends only, as I work full time", 18, 64),
    ("Any weekday; I'm retired", 60, 120),
    ("After 4pm on weekdays and Saturdays during term time", 16, 19),
    ("Wednesdays, all day", 18, 120),
    ("I work shifts, so it changes week to week; I can give a month's notice", 20, 64),
    ("Monday and Friday mornings", 18, 120),
    ("School holidays and Saturday mornings", 16, 18),
    ("Evenings after 6pm", 18, 64),
];

/// Notes when moving an application to screening.
pub const SCREENING_NOTES: &[&str] = &[
    "Informal chat booked",
    "References requested",
    "Phoned to talk through the role; invited to an informal interview",
    "Application looks good; checking availability with the ward",
];

/// Notes when accepting an application.
pub const ACCEPT_NOTES: &[&str] = &[
    "Lovely conversation; references received. Welcome!",
    "Good informal interview; offered a place on the next induction",
    "References back and DBS application started",
    "Great fit for the role; induction booked",
];

/// Reasons given when an application is declined, and whether another role was suggested (if
/// not, the person's engagement ends).
#[rustfmt::skip]
pub const DECLINES: &[(&str, bool)] = &[
    ("The role needs weekday availability we could not match; we have suggested another role.", true),
    ("The team cannot offer the supervision this role needs at the moment; suggested another role.", true),
    ("We could not get the references the role needs after several attempts.", false),
    ("The role is full for now; we will contact you if a place comes up.", false),
];

/// Notes when someone takes a break.
pub const PAUSE_NOTES: &[&str] = &[
    "Taking a break over exam season",
    "Recovering from a hip operation; hopes to be back in spring",
    "Caring for a relative for a few months",
    "Travelling for three months",
];

/// Why people leave after volunteering for a while: (reason code, note).
pub const LEAVING: &[(&str, &str)] = &[
    ("work_or_study", "Started university in Manchester"),
    ("work_or_study", "Started a new full-time job"),
    (
        "paid_role",
        "Now working as a healthcare assistant on Ward 18",
    ),
    ("moved_away", "Moved to be nearer family in Scarborough"),
    (
        "health",
        "Stepping back for health reasons, with thanks for many years of service",
    ),
    ("caring", "Now caring full time for their partner"),
    ("no_time", "Could no longer fit volunteering around work"),
    (
        "role_not_right",
        "Felt the role was not for them; told about other roles",
    ),
];

/// Why people withdraw an application: (reason code, note).
pub const WITHDRAWING: &[(&str, &str)] = &[
    (
        "no_time",
        "Withdrew their application: not enough time at the moment",
    ),
    (
        "work_or_study",
        "Withdrew their application after starting a new job",
    ),
    (
        "caring",
        "Withdrew their application to care for a relative",
    ),
];

/// Why people do not finish onboarding.
pub const DID_NOT_COMPLETE_NOTES: &[&str] = &[
    "Did not attend induction after two invitations",
    "Did not return ID documents",
    "Stopped replying during DBS checks",
];

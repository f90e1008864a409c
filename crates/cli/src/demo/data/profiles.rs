//! What people's profiles hold: ages, where they live, skills, interests and access needs.

/// Age bands for volunteers (youngest, oldest, weight), heavy at 18–30 and 60–80 as in NHS volunteering.
pub const AGE_BANDS: &[(u32, u32, u32)] = &[
    (16, 17, 5),
    (18, 24, 22),
    (25, 29, 8),
    (30, 39, 7),
    (40, 49, 7),
    (50, 59, 10),
    (60, 69, 19),
    (70, 79, 18),
    (80, 85, 4),
];

/// Outward codes across Leeds, Bradford and Wakefield districts.
pub const OUTWARD_CODES: &[&str] = &[
    "LS1", "LS2", "LS4", "LS5", "LS6", "LS7", "LS8", "LS9", "LS10", "LS11", "LS12", "LS13", "LS14",
    "LS15", "LS16", "LS17", "LS18", "LS19", "LS20", "LS21", "LS25", "LS26", "LS27", "LS28", "BD1",
    "BD2", "BD3", "BD5", "BD7", "BD8", "BD9", "BD10", "BD16", "BD17", "BD18", "WF1", "WF2", "WF3",
    "WF4", "WF6", "WF8", "WF10", "WF12", "WF13", "WF17",
];

/// Something said by people within an age range: (text, youngest, oldest).
pub type Tagged = (&'static str, u32, u32);

/// Skills people list.
pub const SKILLS: &[Tagged] = &[
    ("Listening", 16, 120),
    ("Customer service", 16, 120),
    ("First aid certificate", 16, 120),
    ("Full driving licence", 18, 120),
    ("Gardening", 16, 120),
    ("Cooking", 16, 120),
    ("Computers and tablets", 16, 120),
    ("Music", 16, 120),
    ("Arts and crafts", 16, 120),
    ("Admin and data entry", 18, 120),
    ("Retail", 16, 120),
    ("Caring for a relative", 25, 120),
    ("Social media", 16, 45),
    ("Photography", 16, 120),
    ("DIY", 25, 120),
    ("Retired nurse", 55, 120),
    ("Teaching", 25, 120),
    ("Studying nursing or medicine", 18, 30),
    ("Interpreting", 18, 120),
];

/// Interests people list.
#[rustfmt::skip]
pub const INTERESTS: &[&str] = &[
    "Reading", "Walking", "Football", "Cricket", "Rugby league", "Knitting", "Crosswords",
    "Local history", "Baking", "Gardening", "Music", "Films", "Art", "Dogs", "Bowls", "Yoga",
    "Running", "Gaming", "Theatre", "Birdwatching", "Photography", "Cooking", "Faith community",
];

/// Access needs a few people share.
pub const ACCESS_NEEDS: &[&str] = &[
    "I use a wheelchair, so I need step-free access.",
    "I have a hearing impairment and lip-read; please face me when speaking.",
    "I am dyslexic and find it helpful to have information in advance.",
    "I have type 1 diabetes and may need a short break to eat.",
    "I am autistic and find clear written instructions helpful.",
];

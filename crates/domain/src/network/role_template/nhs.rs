//! The NHS volunteer roles every network's library starts with: function by setting, from the
//! typical NHS roles in `shared/domain/standards.md` §4.1 (NHS Employers 2016; Volunteering
//! England 2006; Helpforce; NHS England). Requirements follow the DBS eligibility of the work
//! (regulated activity with adults for unsupervised personal contact) and the Volunteer
//! Certificate Standards; members adapt them to their own policy once copied.

use chrono::{DateTime, Utc};

use super::{RoleTemplate, TemplateIndicator};
use crate::compliance::Workforce;
use crate::ids::{NetworkId, RoleTemplateId};
use crate::role::{DbsLevel, Setting};

/// Title, setting, summary, DBS level, references, training codes, indicator (name, unit,
/// minutes of staff time each).
type Seed = (
    &'static str,
    Setting,
    &'static str,
    DbsLevel,
    u32,
    &'static [&'static str],
    (&'static str, &'static str, Option<u16>),
);

const CORE: &[&str] = &["identity", "induction", "vcs-1-role", "vcs-2-communication"];

const SEEDS: &[Seed] = &[
    (
        "Ward visitor and befriender",
        Setting::InHospital,
        "Spend time with patients who have few visitors: conversation, reading, company.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-safeguarding-adults",
            "cstf-infection-prevention",
            "vcs-3-respect",
        ],
        ("Patients visited", "patients", None),
    ),
    (
        "Mealtime and hydration companion",
        Setting::InHospital,
        "Help patients to eat and drink well at mealtimes, alongside the ward team.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-infection-prevention",
            "vcs-7-fluids-nutrition",
            "cstf-safeguarding-adults",
        ],
        ("Patients helped at mealtimes", "patients", Some(10)),
    ),
    (
        "Dementia activity and reminiscence volunteer",
        Setting::InHospital,
        "Run activities and reminiscence with patients living with dementia.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-safeguarding-adults",
            "vcs-5-mental-health",
            "vcs-3-respect",
        ],
        ("Activity sessions", "sessions", None),
    ),
    (
        "End-of-life companion",
        Setting::InHospital,
        "Sit with people in their last days so that nobody dies alone.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-safeguarding-adults",
            "cstf-infection-prevention",
            "vcs-3-respect",
        ],
        ("People accompanied", "people", None),
    ),
    (
        "Exercise and mobility volunteer",
        Setting::InHospital,
        "Encourage patients to keep moving with the therapy team's plan.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-moving-handling",
            "vcs-9-moving-assisting",
            "cstf-safeguarding-adults",
        ],
        ("Patients supported to move", "patients", Some(10)),
    ),
    (
        "Meet and greet (wayfinding)",
        Setting::InHospital,
        "Welcome visitors and patients at the entrance and help them find their way.",
        DbsLevel::None,
        1,
        &["cstf-fire-safety", "cstf-health-safety"],
        ("People helped to find their way", "people", Some(5)),
    ),
    (
        "Pharmacy runner",
        Setting::InHospital,
        "Take medicines from the pharmacy to wards and discharge lounges so patients get home sooner.",
        DbsLevel::Basic,
        1,
        &["cstf-information-governance", "cstf-health-safety"],
        ("Deliveries to wards", "deliveries", Some(15)),
    ),
    (
        "Discharge lounge volunteer",
        Setting::InHospital,
        "Keep patients company and comfortable while they wait to go home.",
        DbsLevel::Enhanced,
        2,
        &["cstf-safeguarding-adults", "vcs-7-fluids-nutrition"],
        ("Patients supported before going home", "patients", Some(10)),
    ),
    (
        "Chaplaincy and pastoral visitor",
        Setting::InHospital,
        "Offer spiritual and pastoral support to patients, families and staff.",
        DbsLevel::Enhanced,
        2,
        &["cstf-safeguarding-adults", "vcs-3-respect"],
        ("Pastoral visits", "visits", None),
    ),
    (
        "Patient experience volunteer",
        Setting::InHospital,
        "Collect patients' feedback on their care for the ward and the trust.",
        DbsLevel::Enhanced,
        1,
        &["cstf-information-governance", "cstf-safeguarding-adults"],
        ("Feedback conversations", "conversations", Some(15)),
    ),
    (
        "Home from hospital (settle-in) volunteer",
        Setting::OutOfHospital,
        "Help people settle back at home after a hospital stay: shopping, a warm house, company.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-safeguarding-adults",
            "cstf-health-safety",
            "vcs-6-health-safety",
        ],
        ("People settled at home", "people", None),
    ),
    (
        "Volunteer driver",
        Setting::Community,
        "Drive patients to and from appointments in your own car.",
        DbsLevel::Enhanced,
        2,
        &[
            "driving-licence",
            "business-insurance",
            "cstf-safeguarding-adults",
        ],
        ("Journeys", "journeys", None),
    ),
    (
        "Pick up and deliver volunteer",
        Setting::Community,
        "Collect and deliver medicines and small equipment to people at home.",
        DbsLevel::Basic,
        1,
        &[
            "driving-licence",
            "business-insurance",
            "cstf-information-governance",
        ],
        ("Deliveries", "deliveries", Some(20)),
    ),
    (
        "Community response volunteer",
        Setting::Community,
        "Shopping and prescription collection for people who cannot get out.",
        DbsLevel::Basic,
        1,
        &["cstf-safeguarding-adults"],
        ("Errands done", "errands", None),
    ),
    (
        "Check in and chat (telephone befriender)",
        Setting::Remote,
        "Regular friendly phone calls with people who are lonely or isolated.",
        DbsLevel::None,
        2,
        &["cstf-safeguarding-adults", "vcs-5-mental-health"],
        ("Calls made", "calls", None),
    ),
    (
        "Peer supporter",
        Setting::Community,
        "Support others through an experience you have lived through yourself.",
        DbsLevel::Enhanced,
        2,
        &[
            "cstf-safeguarding-adults",
            "vcs-5-mental-health",
            "vcs-3-respect",
        ],
        ("Peer support sessions", "sessions", None),
    ),
];

/// The statement every seeded role starts with; members make it their own.
const STATEMENT: &str = "This role adds to the care given by paid staff and never replaces it: \
volunteers do not carry out tasks that are part of a paid job, and are not counted in staffing \
levels.";

/// The NHS roles as templates for `network_id`.
pub fn nhs_role_templates(network_id: NetworkId, at: DateTime<Utc>) -> Vec<RoleTemplate> {
    SEEDS
        .iter()
        .map(
            |&(title, setting, summary, dbs_level, references, training, indicator)| RoleTemplate {
                id: RoleTemplateId::new(),
                network_id,
                title: title.into(),
                summary: summary.into(),
                description: summary.into(),
                setting,
                activities: String::new(),
                time_commitment: "About 3 hours a week".into(),
                minimum_age: if dbs_level == DbsLevel::None { 16 } else { 18 },
                dbs_level,
                dbs_workforce: dbs_level.has_workforce().then_some(Workforce::Adult),
                references_required: references,
                requirement_codes: CORE
                    .iter()
                    .chain(training.iter())
                    .map(|c| (*c).to_owned())
                    .collect(),
                non_substitution_statement: STATEMENT.into(),
                indicators: vec![TemplateIndicator {
                    name: indicator.0.into(),
                    unit: indicator.1.into(),
                    minutes_each: indicator.2,
                }],
                source_organisation_id: None,
                source_name: "NHS volunteer roles".into(),
                published_at: at,
                updated_at: at,
                withdrawn_at: None,
            },
        )
        .collect()
}

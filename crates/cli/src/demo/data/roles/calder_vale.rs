//! The community trust's roles.

use super::super::specs::{RoleSpec, RoleState};

/// The community trust's roles: out of hospital and community.
pub(in crate::demo::data) const CALDER_VALE_ROLES: &[RoleSpec] = &[
    RoleSpec {
        title: "Home from hospital volunteer",
        summary: "Help people settle back at home after a hospital stay, with shopping, company and a friendly check-in.",
        description: "The first weeks after leaving hospital are when people are most likely to be \
            readmitted. Home from hospital volunteers visit people at home for up to six weeks to help them \
            settle: picking up shopping, checking the heating is on and that they have what they need, and \
            introducing them to local groups.",
        activities: "Visiting people at home after they leave hospital\nPicking up shopping and prescriptions\n\
            Phoning between visits to check in\nIntroducing people to local groups and services",
        setting: "out_of_hospital",
        sites: &["Patients' homes"],
        time_commitment: "2 to 4 hours a week; each person is supported for up to 6 weeks",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Volunteers offer practical and social support; community nurses and social care staff \
            remain responsible for all personal and clinical care.",
        state: RoleState::Open,
        weight: 12,
    },
    RoleSpec {
        title: "Check in and Chat telephone volunteer",
        summary: "Make regular friendly phone calls to people who are isolated or recovering at home.",
        description: "A regular call from a friendly voice makes a real difference to people who live alone \
            or are recovering at home. Volunteers phone the same few people each week from home, at times \
            that suit them, and log each call.",
        activities: "Making weekly phone calls to the same people\nLogging each call on a simple form\n\
            Passing any worries to the duty coordinator straight away",
        setting: "remote",
        sites: &["Check in and Chat phone line"],
        time_commitment: "About 2 hours a week, at times that suit you",
        minimum_age: "18",
        dbs_level: "basic",
        statement: "Telephone volunteers offer friendship; health concerns go straight to the community \
            nursing team, who remain responsible for care.",
        state: RoleState::Open,
        weight: 10,
    },
    RoleSpec {
        title: "Community hospital ward visitor",
        summary: "Visit patients on the intermediate care ward for a chat, a game of cards or a walk round the garden.",
        description: "Patients at Hawthorn Community Hospital often stay for several weeks while they \
            regain their strength. Ward visitors keep them company, share newspapers and games, and help \
            the days pass.",
        activities: "Chatting and playing games with patients\nAccompanying patients to the garden, as agreed with staff\n\
            Helping with group activities such as the Friday quiz",
        setting: "in_hospital",
        sites: &["Ward 2 (Intermediate care), Hawthorn"],
        time_commitment: "2 to 3 hours a week",
        minimum_age: "16",
        dbs_level: "enhanced",
        statement: "Ward visitors add company; nurses and therapists remain responsible for all care and \
            rehabilitation.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Pick up and deliver driver",
        summary: "Use your own car to deliver medicines and small pieces of equipment to patients at home.",
        description: "Some patients cannot get to a pharmacy or wait days for small equipment. Volunteer \
            drivers collect sealed medicines and small items from the health centre and deliver them to \
            patients' homes. Mileage is reimbursed at the HMRC approved rate.",
        activities: "Collecting sealed items from Chapel Lane Health Centre\nDelivering them to patients' homes\n\
            Recording deliveries on the driver app",
        setting: "community",
        sites: &["Chapel Lane Health Centre", "Patients' homes"],
        time_commitment: "One or two half-days a week",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Drivers add a delivery option for small urgent items; pharmacy and equipment services \
            keep their paid delivery staff and contracts.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Health walk leader",
        summary: "Lead friendly, gentle group walks for people building up their activity after illness.",
        description: "Our weekly health walks start from Chapel Lane Health Centre and last about an hour. \
            Walk leaders plan the route, welcome walkers and make sure everyone gets back safely. Training \
            is provided.",
        activities: "Planning and leading weekly walks\nWelcoming new walkers\nKeeping a register of walkers",
        setting: "community",
        sites: &["Chapel Lane Health Centre"],
        time_commitment: "2 hours a week, Wednesday mornings",
        minimum_age: "18",
        dbs_level: "none",
        statement: "Walk leaders run social walks; physiotherapists and health trainers keep responsibility \
            for exercise programmes and clinical advice.",
        state: RoleState::Open,
        weight: 4,
    },
];

//! The older people's charity's roles.

use super::super::specs::{RoleSpec, RoleState};

/// The older people's charity's roles.
pub(in crate::demo::data) const GOOD_NEIGHBOURS_ROLES: &[RoleSpec] = &[
    RoleSpec {
        title: "Befriender",
        summary: "Visit an older person in their home each week for a cup of tea and a chat.",
        description: "Many of our members live alone and can go days without seeing anyone. Befrienders \
            visit the same person every week, sharing a cup of tea, a chat and sometimes a trip out.",
        activities: "Weekly home visits\nOccasional trips to a café or the park\nLetting the coordinator know of any worries",
        setting: "community",
        sites: &["Members' homes"],
        time_commitment: "1 to 2 hours a week for at least 6 months",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Befrienders offer friendship; they do not provide personal care, and our paid \
            coordinators manage referrals and any concerns.",
        state: RoleState::Open,
        weight: 10,
    },
    RoleSpec {
        title: "Telephone befriender",
        summary: "Call an older member each week for a friendly chat, from your own home.",
        description: "For members who prefer a phone call, or cannot have visitors, telephone befrienders \
            call at an agreed time each week.",
        activities: "Weekly calls to one or two members\nLogging calls with the coordinator",
        setting: "remote",
        sites: &["Friendship phone line"],
        time_commitment: "About 1 hour a week",
        minimum_age: "18",
        dbs_level: "basic",
        statement: "Telephone befrienders offer friendship; our paid coordinators handle referrals, \
            safeguarding and any practical support.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Lunch club volunteer",
        summary: "Help serve a hot two-course lunch and run activities at our weekly lunch club.",
        description: "Every Thursday around forty members come to the community centre for lunch, a quiz and \
            a natter. Volunteers set up, serve food, wash up and join in.",
        activities: "Setting up tables\nServing lunch and drinks\nRunning the quiz or bingo\nWashing up",
        setting: "community",
        sites: &["Kirkstall Community Centre"],
        time_commitment: "Thursdays, 11am to 2:30pm",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Volunteers help our cook and coordinator run the lunch club; they do not replace paid \
            catering or care staff.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Shopping and prescription helper",
        summary: "Pick up shopping and prescriptions for members who cannot get out.",
        description: "Some members cannot get to the shops or pharmacy. Helpers collect a weekly shop or \
            prescription and drop it round, with receipts.",
        activities: "Collecting weekly shopping or prescriptions\nDelivering them with receipts\nA short chat on the doorstep",
        setting: "community",
        sites: &["Members' homes"],
        time_commitment: "1 to 2 hours a week",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Helpers support members' independence; they do not replace paid home care or \
            pharmacy delivery services.",
        state: RoleState::Open,
        weight: 5,
    },
    RoleSpec {
        title: "Digital buddy",
        summary: "Help older people use phones, tablets and video calls to stay in touch and get online.",
        description: "Our weekly digital drop-in helps members video-call family, order repeat prescriptions \
            online and stay safe from scams. Buddies sit with members and go at their pace.",
        activities: "Helping members with phones and tablets\nSetting up video calls\nExplaining online safety",
        setting: "community",
        sites: &["Kirkstall Community Centre"],
        time_commitment: "2 hours a week, Tuesday afternoons",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Digital buddies share everyday skills; they do not replace paid IT support or the \
            council's digital inclusion officers.",
        state: RoleState::Open,
        weight: 5,
    },
];

//! The volunteer centre's roles.

use super::super::specs::{RoleSpec, RoleState};

/// The volunteer centre's roles.
pub(in crate::demo::data) const BRIGHTWATER_ROLES: &[RoleSpec] = &[
    RoleSpec {
        title: "Community transport driver",
        summary: "Drive older and disabled people to hospital appointments, the GP and the shops.",
        description: "Our community transport scheme helps people who cannot use buses or afford taxis get \
            to appointments. Drivers use their own car, with mileage reimbursed at the HMRC approved rate.",
        activities: "Driving passengers to appointments and back\nHelping passengers in and out of the car\n\
            Recording journeys and mileage",
        setting: "community",
        sites: &["Community transport scheme"],
        time_commitment: "One or two days a week, flexible",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Volunteer drivers add to public and patient transport; they do not replace NHS \
            non-emergency patient transport or paid drivers.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Volunteer centre information volunteer",
        summary: "Welcome people to the volunteer centre and help them find volunteering that suits them.",
        description: "People drop in to find out about volunteering across the district. Information \
            volunteers chat with them about what they enjoy and help them search for opportunities.",
        activities: "Welcoming visitors\nHelping people search for opportunities\nKeeping leaflets up to date",
        setting: "community",
        sites: &["Volunteer centre, Canal Wharf"],
        time_commitment: "One morning or afternoon a week",
        minimum_age: "16",
        dbs_level: "none",
        statement: "Information volunteers welcome visitors; our paid volunteering advisers keep \
            responsibility for brokerage and advice to organisations.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Community response volunteer",
        summary: "Help neighbours who are unwell or self-isolating with shopping, prescriptions and errands.",
        description: "When people are unwell or just out of hospital, small errands can be impossible. \
            Community response volunteers pick up shopping and prescriptions and drop them at the door, \
            taking tasks that suit them from our app.",
        activities: "Collecting shopping and prescriptions\nDelivering to the doorstep\nA friendly check-in call",
        setting: "community",
        sites: &["Community transport scheme", "Remote volunteering"],
        time_commitment: "Whenever you are free; tasks take about an hour",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Community responders help with everyday errands; they do not replace paid care, \
            pharmacy delivery or social services.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Youth volunteering ambassador",
        summary: "Encourage young people aged 16 to 25 to try volunteering, through schools, colleges and social media.",
        description: "Ambassadors share their own volunteering stories at school and college assemblies and \
            help run our social media, so more young people know what is on offer.",
        activities: "Speaking at school and college events\nWriting posts for our social media\nHelping at volunteering fairs",
        setting: "remote",
        sites: &["Remote volunteering", "Volunteer centre, Canal Wharf"],
        time_commitment: "A few hours a month, fitting around study",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Ambassadors share their experience; our paid youth volunteering officer plans and \
            leads all work with schools.",
        state: RoleState::Open,
        weight: 4,
    },
];

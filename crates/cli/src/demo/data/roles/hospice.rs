//! The hospice's roles.

use super::super::specs::{RoleSpec, RoleState};

/// The hospice's roles.
pub(in crate::demo::data) const HOSPICE_ROLES: &[RoleSpec] = &[
    RoleSpec {
        title: "In-patient unit volunteer",
        summary: "Help make the in-patient unit feel like home, with drinks, company and a warm welcome.",
        description: "Our in-patient unit cares for people with life-limiting illnesses. Volunteers welcome \
            visitors, serve drinks and snacks, arrange flowers and spend time with patients and families.",
        activities: "Welcoming visitors\nServing drinks and snacks\nArranging flowers and keeping the lounge tidy\n\
            Sitting with patients who would like company",
        setting: "in_hospital",
        sites: &["In-patient unit"],
        time_commitment: "One 3-hour session a week",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Volunteers make the unit feel like home; the nursing and medical team provide all care, \
            and volunteers never fill staff rota gaps.",
        state: RoleState::Open,
        weight: 10,
    },
    RoleSpec {
        title: "Compassionate neighbour",
        summary: "Befriend someone living with a life-limiting illness in their own home.",
        description: "Compassionate neighbours visit someone in their community who is living with a \
            life-limiting illness, offering friendship and a link to the outside world. You will be matched \
            with one person and supported by the hospice at home team.",
        activities: "Weekly visits to one person at home\nChatting, going for short walks or a coffee\n\
            Monthly support meetings with other neighbours",
        setting: "out_of_hospital",
        sites: &["Hospice at home"],
        time_commitment: "2 hours a week for at least a year",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Compassionate neighbours offer friendship; the hospice at home nurses remain responsible \
            for all care and symptom control.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Bereavement support volunteer",
        summary: "Offer a listening ear to people who have been bereaved, at our drop-in café and by phone.",
        description: "Trained bereavement volunteers support people who have lost someone, at our fortnightly \
            bereavement café and through follow-up phone calls. Training runs over eight evenings.",
        activities: "Hosting the bereavement café\nMaking follow-up phone calls\nAttending regular supervision",
        setting: "community",
        sites: &["Day therapy centre"],
        time_commitment: "3 hours a fortnight plus monthly supervision",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Trained volunteers offer listening support; the hospice's counsellors remain responsible \
            for counselling and for anyone who needs specialist help.",
        state: RoleState::Open,
        weight: 5,
    },
    RoleSpec {
        title: "Day therapy centre volunteer",
        summary: "Help run day sessions where patients meet others, take part in activities and see the team.",
        description: "The day therapy centre runs sessions for people living with life-limiting illnesses. \
            Volunteers welcome patients, serve lunch and help with art, music and relaxation sessions.",
        activities: "Welcoming patients and serving lunch\nHelping with art, music and relaxation sessions\n\
            Chatting with patients between appointments",
        setting: "community",
        sites: &["Day therapy centre"],
        time_commitment: "One day a week, 10am to 3pm",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Day therapy volunteers support social activities; nurses and therapists remain \
            responsible for all clinical care.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Hospice shop volunteer",
        summary: "Sort donations, serve customers and help raise money for hospice care.",
        description: "Our shop on Boroughgate raises money for hospice care. Volunteers sort and price \
            donations, dress the window and serve customers. A great way to meet people and learn retail skills.",
        activities: "Sorting and pricing donations\nServing customers on the till\nDressing the window and shop floor",
        setting: "community",
        sites: &["Hospice shop, Boroughgate"],
        time_commitment: "One 4-hour shift a week",
        minimum_age: "16",
        dbs_level: "none",
        statement: "Shop volunteers work alongside the paid shop manager and assistant; volunteering never \
            replaces paid retail posts.",
        state: RoleState::Open,
        weight: 12,
    },
    RoleSpec {
        title: "Hospice gardener",
        summary: "Help keep the hospice gardens a peaceful place for patients and families.",
        description: "Patients and families love our gardens. Garden volunteers plant, weed, mow and prune, \
            and help with the sensory garden outside the in-patient unit.",
        activities: "Planting, weeding and pruning\nMowing and edging\nLooking after the sensory garden",
        setting: "community",
        sites: &["Hospice gardens"],
        time_commitment: "Tuesday or Thursday mornings, 3 hours",
        minimum_age: "16",
        dbs_level: "none",
        statement: "Garden volunteers care for an extra space for wellbeing; our contracted grounds team \
            keeps responsibility for trees and heavy work.",
        state: RoleState::Open,
        weight: 4,
    },
    RoleSpec {
        title: "Complementary therapy volunteer",
        summary: "Qualified therapists: offer gentle massage, reflexology or aromatherapy to patients and carers.",
        description: "Complementary therapies help patients and carers relax. Volunteers must hold a \
            recognised qualification and insurance, and work within the hospice's complementary therapy policy.",
        activities: "Offering hand and foot massage, reflexology or aromatherapy\nRecording sessions in the therapy log",
        setting: "in_hospital",
        sites: &["In-patient unit", "Day therapy centre"],
        time_commitment: "One half-day a week",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Volunteer therapists offer relaxation as an extra; they do not replace clinical \
            treatment or paid therapy posts.",
        state: RoleState::Open,
        weight: 2,
    },
];

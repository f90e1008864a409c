//! The acute trust's roles, and the wards several of them share.

use super::super::specs::{RoleSpec, RoleState};

// Wards that several Riverside roles share.
const WARD_7: &str = "Ward 7 (Elderly care)";
const WARD_12: &str = "Ward 12 (Stroke rehabilitation)";
const WARD_18: &str = "Ward 18 (Respiratory)";
const WARD_24: &str = "Ward 24 (Oncology and haematology)";
const WARD_3: &str = "Ward 3 (Dementia care), Aire Valley";
const WARD_5: &str = "Ward 5 (Orthopaedics), Aire Valley";

/// The acute trust's roles, drawn from the typical NHS roles (standards §4.1).
pub(in crate::demo::data) const RIVERSIDE_ROLES: &[RoleSpec] = &[
    RoleSpec {
        title: "Ward volunteer",
        summary: "Chat with patients, help with small errands and make the ward feel more welcoming.",
        description: "Time on a hospital ward can be long and lonely. Ward volunteers spend time with patients \
            who would like company, run small errands and help keep the day room welcoming. You will be part \
            of the ward team, with a named contact on every shift.",
        activities: "Chatting with patients and listening\nReading newspapers or letters to patients\n\
            Fetching items from the hospital shop\nTidying the day room and activity materials",
        setting: "in_hospital",
        sites: &[WARD_7, WARD_12, WARD_18, WARD_5],
        time_commitment: "3 to 4 hours a week for at least 6 months",
        minimum_age: "16",
        dbs_level: "enhanced",
        statement: "Ward volunteers add time and company; registered nurses and healthcare assistants remain \
            responsible for all care, and volunteers never cover staff shortages.",
        state: RoleState::Open,
        weight: 30,
    },
    RoleSpec {
        title: "Mealtime and hydration companion",
        summary: "Keep patients company at lunch or tea, encourage them to eat and drink, and help with menus.",
        description: "Good nutrition and hydration help patients recover. Mealtime companions sit with \
            patients at protected mealtimes, help them choose from the menu, open packaging and encourage \
            them to eat and drink. You will complete the trust's mealtime training before your first session.",
        activities: "Helping patients fill in menu cards\nOpening packets and setting up trays\n\
            Chatting with patients while they eat\nEncouraging drinks between meals\n\
            Telling the nurse in charge if a patient is not eating",
        setting: "in_hospital",
        sites: &[WARD_7, WARD_12, WARD_18, WARD_3, WARD_5],
        time_commitment: "One mealtime a week (about 2 hours), lunchtime or teatime",
        minimum_age: "16",
        dbs_level: "enhanced",
        statement: "Volunteers keep patients company at mealtimes; nursing staff remain responsible for \
            nutrition, swallowing assessments and any help with feeding.",
        state: RoleState::Open,
        weight: 22,
    },
    RoleSpec {
        title: "Welcome and wayfinding volunteer",
        summary: "Greet patients and visitors at the main entrance and help them find their way.",
        description: "Hospitals are big and confusing. Welcome volunteers are the first friendly face people \
            see: they greet patients and visitors, help them find clinics and wards, and walk with anyone who \
            needs it. A good first role for students and anyone new to volunteering.",
        activities: "Greeting people at the main entrance\nGiving directions and walking people to clinics\n\
            Pushing wheelchairs for visitors who ask\nHelping people use the self check-in screens",
        setting: "in_hospital",
        sites: &[
            "Main entrance and outpatients, Riverside General",
            "Main entrance, Aire Valley",
        ],
        time_commitment: "One 3-hour session a week, weekdays between 8am and 6pm",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Welcome volunteers add a friendly face at the entrance; reception and portering staff \
            keep their roles, and volunteers are never used to cover them.",
        state: RoleState::Open,
        weight: 28,
    },
    RoleSpec {
        title: "Dementia companion",
        summary: "Spend time with patients living with dementia through conversation, reminiscence and activities.",
        description: "Being in hospital can be frightening for people living with dementia. Companions spend \
            one-to-one time with patients, using reminiscence materials, music and simple activities to ease \
            distress and boredom. You will complete dementia awareness training and shadow an experienced companion.",
        activities: "One-to-one conversation and reminiscence\nMusic, puzzles and memory-box activities\n\
            Sitting with patients who are unsettled\nHelping families complete 'This is me' profiles",
        setting: "in_hospital",
        sites: &[WARD_3, WARD_7],
        time_commitment: "3 hours a week for at least 6 months",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Dementia companions offer company and activity; the ward team remains responsible for \
            care, observations and managing distress.",
        state: RoleState::Open,
        weight: 12,
    },
    RoleSpec {
        title: "End-of-life companion",
        summary: "Offer a calm, comforting presence to patients in their last days, and support to their families.",
        description: "No one should die alone. End-of-life companions sit with patients in their last days \
            and hours, particularly those without family nearby, and offer a listening ear to relatives. You \
            will be supported by the specialist palliative care team and the chaplaincy, with regular debriefs.",
        activities: "Sitting with patients in the last days of life\nReading, holding a hand or simply being present\n\
            Making tea for relatives and listening to them\nAttending monthly reflective practice sessions",
        setting: "in_hospital",
        sites: &[WARD_24, WARD_18],
        time_commitment: "On-call sessions of 2 to 4 hours, at least twice a month",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Companions add comfort and presence; the specialist palliative care and ward teams keep \
            responsibility for all clinical and personal care.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Discharge lounge volunteer",
        summary: "Help patients settle while they wait to go home, and check they have what they need.",
        description: "Patients often wait several hours in the discharge lounge for medicines or transport. \
            Volunteers keep them company, offer drinks and snacks, help with phone calls to family and check \
            they have their belongings, keys and someone at home.",
        activities: "Welcoming patients to the lounge\nMaking drinks and snacks\n\
            Helping patients phone family or friends\nChecking patients have keys, belongings and a way home",
        setting: "in_hospital",
        sites: &["Discharge lounge"],
        time_commitment: "One 4-hour session a week, weekdays",
        minimum_age: "16",
        dbs_level: "enhanced",
        statement: "Volunteers make the wait more comfortable; discharge nurses and the transport team stay \
            responsible for discharge, medicines and transport.",
        state: RoleState::Open,
        weight: 10,
    },
    RoleSpec {
        title: "Pharmacy runner",
        summary: "Collect medicines from the pharmacy and take them to wards so patients can get home sooner.",
        description: "Waiting for take-home medicines is one of the commonest reasons patients stay in \
            hospital longer than they need to. Pharmacy runners collect sealed bags of medicines and deliver \
            them to wards and the discharge lounge. You need to be able to walk for most of your session.",
        activities: "Collecting sealed medicine bags from the pharmacy\nDelivering them to wards and signing them over\n\
            Returning empty transport boxes",
        setting: "in_hospital",
        sites: &["Pharmacy"],
        time_commitment: "One 3-hour session a week, weekday afternoons",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Runners carry sealed medicines only; pharmacists and pharmacy technicians do all \
            dispensing and checking, and porters keep their usual duties.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Chaplaincy visitor",
        summary: "Visit patients who would welcome pastoral, spiritual or religious support, of any faith or none.",
        description: "The chaplaincy and spiritual care team supports patients, families and staff of all \
            faiths and none. Chaplaincy visitors see patients who have asked for a visit, offer a listening \
            ear and tell the chaplains when someone would like more support.",
        activities: "Visiting patients who have asked to see someone\nListening and offering company\n\
            Helping with services and prayers in the multi-faith room\nPassing requests to the chaplains",
        setting: "in_hospital",
        sites: &["Chaplaincy and spiritual care centre"],
        time_commitment: "3 hours a week, including some weekends",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Chaplaincy visitors extend the team's reach; the chaplains keep responsibility for \
            spiritual care, religious rites and any safeguarding concerns.",
        state: RoleState::Open,
        weight: 5,
    },
    RoleSpec {
        title: "Patient experience volunteer",
        summary: "Ask patients about their stay and record feedback that helps the trust improve care.",
        description: "Patient feedback drives improvement. Patient experience volunteers visit wards with \
            tablets to help patients complete the Friends and Family Test and short surveys, and pass on \
            compliments and concerns to the patient experience team.",
        activities: "Helping patients complete feedback surveys on a tablet\nRecording compliments to share with ward teams\n\
            Pointing patients with concerns to the Patient Advice and Liaison Service (PALS)",
        setting: "in_hospital",
        sites: &[WARD_7, WARD_12, WARD_18, WARD_24, WARD_5],
        time_commitment: "2 to 3 hours a week",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Volunteers help patients give feedback; the patient experience team and PALS analyse it \
            and handle complaints and concerns.",
        state: RoleState::Open,
        weight: 7,
    },
    RoleSpec {
        title: "Hospital radio presenter",
        summary: "Present shows for Riverside Hospital Radio and collect patients' requests on the wards.",
        description: "Riverside Hospital Radio has been broadcasting to patients for over forty years. \
            Presenters plan and host shows and visit wards to collect song requests and dedications. No \
            experience needed: we train you in the studio.",
        activities: "Collecting requests and dedications on the wards\nPlanning and presenting a weekly show\n\
            Looking after the studio and music library",
        setting: "in_hospital",
        sites: &["Riverside General Hospital"],
        time_commitment: "One evening a week, with occasional weekend shows",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Hospital radio is an extra for patients; it does not replace any paid communications, \
            chaplaincy or activities service.",
        state: RoleState::Open,
        weight: 4,
    },
    RoleSpec {
        title: "Garden volunteer",
        summary: "Help look after the healing garden that patients, visitors and staff use to take a break.",
        description: "The healing garden at Aire Valley Hospital is a quiet space for patients, visitors and \
            staff. Garden volunteers plant, weed, water and keep the paths clear, working as a small team \
            with a volunteer team leader. No gardening experience needed.",
        activities: "Planting, weeding and watering\nSweeping paths and clearing leaves\n\
            Looking after raised beds and planters",
        setting: "in_hospital",
        sites: &["Healing garden, Aire Valley"],
        time_commitment: "2 to 3 hours a week, weekday mornings, April to October",
        minimum_age: "16",
        dbs_level: "none",
        statement: "Garden volunteers look after an extra space for wellbeing; the estates and grounds team \
            keep responsibility for grounds maintenance.",
        state: RoleState::Open,
        weight: 5,
    },
    RoleSpec {
        title: "Emergency Department support volunteer",
        summary: "Support patients and relatives in the Emergency Department waiting areas with drinks, information and company.",
        description: "The Emergency Department can be busy and stressful. Volunteers help patients and \
            relatives in the waiting areas by offering drinks when staff say it is safe, explaining what \
            happens next and keeping people company. You will work alongside the nurse in charge.",
        activities: "Offering drinks and snacks when clinically approved\nKeeping waiting areas tidy\n\
            Helping people charge phones and contact family\nSitting with patients who are on their own",
        setting: "in_hospital",
        sites: &["Emergency Department"],
        time_commitment: "One 4-hour session a week, including evenings",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "ED volunteers add comfort in the waiting areas; triage, clinical care and security \
            remain with paid staff at all times.",
        state: RoleState::Open,
        weight: 8,
    },
    RoleSpec {
        title: "Stroke rehabilitation activity volunteer",
        summary: "Run group and one-to-one activities that help stroke patients regain confidence and keep active.",
        description: "On the stroke rehabilitation ward, activities between therapy sessions help patients \
            practise skills and lift their mood. Volunteers run quizzes, games, music and craft sessions \
            agreed with the therapy team.",
        activities: "Running quizzes, games and craft sessions\nEncouraging patients to join group activities\n\
            Practising conversation with patients, as guided by the speech and language therapists",
        setting: "in_hospital",
        sites: &[WARD_12],
        time_commitment: "2 to 3 hours a week, weekday afternoons",
        minimum_age: "16",
        dbs_level: "enhanced",
        statement: "Volunteers run social activities; physiotherapists, occupational therapists and speech \
            and language therapists keep responsibility for all therapy.",
        state: RoleState::Open,
        weight: 6,
    },
    RoleSpec {
        title: "Vaccination clinic steward",
        summary: "Greet people at the autumn vaccination clinic, look after the queue and help them find their way.",
        description: "Each autumn the trust runs a vaccination clinic for staff and eligible patients. \
            Stewards welcome people, help them complete the consent form and keep the queue moving. The \
            clinic has finished for this year.",
        activities: "Welcoming people and explaining what happens\nManaging the queue and waiting area\n\
            Handing out and collecting consent forms",
        setting: "in_hospital",
        sites: &["Vaccination centre"],
        time_commitment: "4-hour sessions during the autumn clinic",
        minimum_age: "16",
        dbs_level: "basic",
        statement: "Stewards manage queues and welcome people; vaccinators and clinical staff do all \
            screening, consent checks and vaccination.",
        state: RoleState::Closed,
        weight: 6,
    },
    RoleSpec {
        title: "Maternity support volunteer",
        summary: "Support new parents on the postnatal ward with feeding information, practical help and a friendly ear.",
        description: "The first days with a new baby can be overwhelming. Maternity support volunteers, many \
            of them trained infant-feeding peer supporters, spend time with new parents on the postnatal ward, \
            share information and help them feel confident before going home.",
        activities: "Chatting with new parents on the postnatal ward\nSharing infant-feeding information leaflets\n\
            Helping parents find local baby groups",
        setting: "in_hospital",
        sites: &["Maternity unit"],
        time_commitment: "3 hours a week for at least 6 months",
        minimum_age: "18",
        dbs_level: "enhanced",
        statement: "Maternity volunteers add peer support; midwives and maternity support workers remain \
            responsible for all care of parents and babies.",
        state: RoleState::Draft,
        weight: 0,
    },
    RoleSpec {
        title: "Children's ward play volunteer",
        summary: "Help the play team make hospital less frightening for children through play and activities.",
        description: "Play helps children cope with being in hospital. Play volunteers set up the playroom, \
            join in games and crafts and keep brothers and sisters busy while parents talk to doctors.",
        activities: "Setting up and tidying the playroom\nJoining in games, crafts and reading\n\
            Playing with siblings during family meetings",
        setting: "in_hospital",
        sites: &["Children's ward (Ward 31)"],
        time_commitment: "3 hours a week, including some school holidays",
        minimum_age: "18",
        dbs_level: "enhanced_barred",
        statement: "Play volunteers support the hospital play specialists, who plan therapeutic play; \
            volunteers never replace play specialists or nursery nurses.",
        state: RoleState::Draft,
        weight: 0,
    },
];

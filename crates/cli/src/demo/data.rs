//! The demo's fixed data: organisations, sites, staff, roles, names and the phrases people use.
//!
//! Every organisation, address and person here is invented. Postcodes are in West Yorkshire and
//! valid in form, and phone numbers are in Ofcom's range reserved for drama (07700 900xxx). ODS
//! codes and charity numbers are invented too and are not meant to match real bodies.

/// What happens to one person's application at an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, onboarded and now volunteering.
    Active,
    /// Volunteering, but taking a break.
    Paused,
    /// Accepted; checks and training under way.
    Onboarding,
    /// Applied; not yet looked at.
    Submitted,
    /// Applied and being screened.
    Screening,
    /// Not taken forward (some are then offered another role).
    Declined,
    /// Withdrew their application.
    Withdrawn,
    /// Volunteered for a while, then left.
    LeftAfterActive,
    /// Accepted, but did not finish onboarding.
    LeftInOnboarding,
}

/// Whether a role is recruiting at the end of the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleState {
    /// Still being written.
    Draft,
    /// Recruiting.
    Open,
    /// Recruited in the past; closed once the demo's applications are in.
    Closed,
}

/// A staff member to create.
pub struct StaffSpec {
    /// Given name.
    pub given_name: &'static str,
    /// Family name.
    pub family_name: &'static str,
    /// Email address.
    pub email: &'static str,
    /// Permission code.
    pub permission: &'static str,
    /// For supervisors: the names of the sites they look after.
    pub sites: &'static [&'static str],
    /// How the sign-in is described, or `None` for staff who get no demo password.
    pub sign_in: Option<&'static str>,
}

/// A site to create.
pub struct SiteSpec {
    /// Name.
    pub name: &'static str,
    /// Kind code.
    pub kind: &'static str,
    /// Postcode (empty for homes and remote sites).
    pub postcode: &'static str,
}

/// A role to create.
pub struct RoleSpec {
    /// Title.
    pub title: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Full description.
    pub description: &'static str,
    /// What the volunteer does, one activity a line.
    pub activities: &'static str,
    /// Setting code.
    pub setting: &'static str,
    /// Names of the sites where it happens.
    pub sites: &'static [&'static str],
    /// Time commitment.
    pub time_commitment: &'static str,
    /// Minimum age, "16" or "18".
    pub minimum_age: &'static str,
    /// DBS level code.
    pub dbs_level: &'static str,
    /// How it complements, and does not replace, paid staff.
    pub statement: &'static str,
    /// Whether it ends up draft, open or closed.
    pub state: RoleState,
    /// Its relative share of the organisation's applicants.
    pub weight: u32,
}

/// An organisation to create, with everything in it.
pub struct OrgSpec {
    /// Name.
    pub name: &'static str,
    /// Slug.
    pub slug: &'static str,
    /// Sector code.
    pub sector: &'static str,
    /// Kind code.
    pub kind: &'static str,
    /// ODS code (NHS bodies).
    pub ods_code: &'static str,
    /// Charity number (charities).
    pub charity_number: &'static str,
    /// Address, one line per line.
    pub address: &'static str,
    /// Postcode.
    pub postcode: &'static str,
    /// The first organisation admin, who creates it.
    pub admin: StaffSpec,
    /// Other staff; exactly one is a volunteer manager, who writes roles and decides applications.
    pub staff: &'static [StaffSpec],
    /// Sites.
    pub sites: &'static [SiteSpec],
    /// Roles.
    pub roles: &'static [RoleSpec],
    /// How many people end up in each outcome here.
    pub stories: &'static [(Outcome, u32)],
}

/// A staff member with no site limits.
const fn staff(
    given_name: &'static str,
    family_name: &'static str,
    email: &'static str,
    permission: &'static str,
    sign_in: Option<&'static str>,
) -> StaffSpec {
    StaffSpec {
        given_name,
        family_name,
        email,
        permission,
        sites: &[],
        sign_in,
    }
}

/// A site.
const fn site(name: &'static str, kind: &'static str, postcode: &'static str) -> SiteSpec {
    SiteSpec {
        name,
        kind,
        postcode,
    }
}

// Postcodes of the main sites.
const RIVERSIDE_GENERAL: &str = "LS9 7RH";
const AIRE_VALLEY: &str = "LS19 6QT";
const HOSPICE: &str = "LS21 3HB";

/// The demo organisations. The first is the acute trust the staff sign-ins belong to.
pub const ORGANISATIONS: &[OrgSpec] = &[
    OrgSpec {
        name: "Riverside University Hospitals NHS Foundation Trust",
        slug: "riverside",
        sector: "nhs",
        kind: "acute_trust",
        ods_code: "RZ9",
        charity_number: "",
        address: "Riverside General Hospital\nWharfside Road\nLeeds",
        postcode: RIVERSIDE_GENERAL,
        admin: staff(
            "Helen",
            "Whitaker",
            "admin@riverside.example",
            "organisation_admin",
            Some("Organisation admin, Riverside University Hospitals"),
        ),
        staff: &[
            staff(
                "Imran",
                "Hussain",
                "manager@riverside.example",
                "volunteer_manager",
                Some("Volunteer manager, Riverside University Hospitals"),
            ),
            StaffSpec {
                given_name: "Grace",
                family_name: "Mensah",
                email: "supervisor@riverside.example",
                permission: "supervisor",
                sites: &["Ward 7 (Elderly care)", "Ward 12 (Stroke rehabilitation)"],
                sign_in: Some("Ward supervisor (Wards 7 and 12), Riverside University Hospitals"),
            },
            staff(
                "Tom",
                "Barker",
                "viewer@riverside.example",
                "viewer",
                Some("Viewer (read only), Riverside University Hospitals"),
            ),
        ],
        sites: &[
            site("Riverside General Hospital", "hospital", RIVERSIDE_GENERAL),
            site("Aire Valley Hospital", "hospital", AIRE_VALLEY),
            site(
                "Main entrance and outpatients, Riverside General",
                "ward",
                RIVERSIDE_GENERAL,
            ),
            site("Ward 7 (Elderly care)", "ward", RIVERSIDE_GENERAL),
            site("Ward 12 (Stroke rehabilitation)", "ward", RIVERSIDE_GENERAL),
            site("Ward 18 (Respiratory)", "ward", RIVERSIDE_GENERAL),
            site(
                "Ward 24 (Oncology and haematology)",
                "ward",
                RIVERSIDE_GENERAL,
            ),
            site("Emergency Department", "ward", RIVERSIDE_GENERAL),
            site("Maternity unit", "ward", RIVERSIDE_GENERAL),
            site("Children's ward (Ward 31)", "ward", RIVERSIDE_GENERAL),
            site("Discharge lounge", "ward", RIVERSIDE_GENERAL),
            site("Pharmacy", "ward", RIVERSIDE_GENERAL),
            site(
                "Chaplaincy and spiritual care centre",
                "ward",
                RIVERSIDE_GENERAL,
            ),
            site("Vaccination centre", "ward", RIVERSIDE_GENERAL),
            site("Ward 3 (Dementia care), Aire Valley", "ward", AIRE_VALLEY),
            site("Ward 5 (Orthopaedics), Aire Valley", "ward", AIRE_VALLEY),
            site("Main entrance, Aire Valley", "ward", AIRE_VALLEY),
            site("Healing garden, Aire Valley", "ward", AIRE_VALLEY),
        ],
        roles: RIVERSIDE_ROLES,
        stories: &[
            (Outcome::Active, 240),
            (Outcome::Paused, 12),
            (Outcome::Onboarding, 40),
            (Outcome::Submitted, 32),
            (Outcome::Screening, 22),
            (Outcome::Declined, 10),
            (Outcome::Withdrawn, 8),
            (Outcome::LeftAfterActive, 14),
            (Outcome::LeftInOnboarding, 6),
        ],
    },
    OrgSpec {
        name: "Calder Vale Community Health NHS Trust",
        slug: "calder-vale",
        sector: "nhs",
        kind: "community_trust",
        ods_code: "RZ8",
        charity_number: "",
        address: "Calder House\nWestgate\nWakefield",
        postcode: "WF1 2QP",
        admin: staff(
            "Sandra",
            "Holroyd",
            "admin@caldervale.example",
            "organisation_admin",
            None,
        ),
        staff: &[staff(
            "Bethan",
            "Lloyd",
            "manager@caldervale.example",
            "volunteer_manager",
            Some("Volunteer manager, Calder Vale Community Health"),
        )],
        sites: &[
            site("Hawthorn Community Hospital", "hospital", "WF10 4PE"),
            site("Ward 2 (Intermediate care), Hawthorn", "ward", "WF10 4PE"),
            site("Chapel Lane Health Centre", "community_hub", "WF1 3LT"),
            site("Patients' homes", "home", ""),
            site("Check in and Chat phone line", "remote", ""),
        ],
        roles: CALDER_VALE_ROLES,
        stories: &[
            (Outcome::Active, 35),
            (Outcome::Paused, 3),
            (Outcome::Onboarding, 8),
            (Outcome::Submitted, 6),
            (Outcome::Screening, 4),
            (Outcome::Declined, 2),
            (Outcome::Withdrawn, 2),
            (Outcome::LeftAfterActive, 4),
            (Outcome::LeftInOnboarding, 1),
        ],
    },
    OrgSpec {
        name: "Wharfe Meadows Hospice",
        slug: "wharfe-meadows",
        sector: "voluntary",
        kind: "hospice",
        ods_code: "",
        charity_number: "1187432",
        address: "Meadow Lane\nOtley",
        postcode: HOSPICE,
        admin: staff(
            "Catherine",
            "Ashworth",
            "admin@wharfemeadows.example",
            "organisation_admin",
            None,
        ),
        staff: &[staff(
            "Marcus",
            "Reid",
            "manager@wharfemeadows.example",
            "volunteer_manager",
            Some("Volunteer manager, Wharfe Meadows Hospice"),
        )],
        sites: &[
            site("In-patient unit", "ward", HOSPICE),
            site("Day therapy centre", "community_hub", HOSPICE),
            site("Hospice gardens", "community_hub", HOSPICE),
            site("Hospice shop, Boroughgate", "community_hub", "LS21 1AD"),
            site("Hospice at home", "home", ""),
        ],
        roles: HOSPICE_ROLES,
        stories: &[
            (Outcome::Active, 50),
            (Outcome::Paused, 4),
            (Outcome::Onboarding, 8),
            (Outcome::Submitted, 6),
            (Outcome::Screening, 5),
            (Outcome::Declined, 2),
            (Outcome::Withdrawn, 1),
            (Outcome::LeftAfterActive, 5),
            (Outcome::LeftInOnboarding, 1),
        ],
    },
    OrgSpec {
        name: "Kirkstall Valley Good Neighbours",
        slug: "good-neighbours",
        sector: "voluntary",
        kind: "charity",
        ods_code: "",
        charity_number: "1162718",
        address: "Kirkstall Community Centre\nAbbey Walk\nLeeds",
        postcode: "LS5 3HP",
        admin: staff(
            "Pauline",
            "Greenwood",
            "admin@goodneighbours.example",
            "organisation_admin",
            None,
        ),
        staff: &[staff(
            "Agnieszka",
            "Nowak",
            "manager@goodneighbours.example",
            "volunteer_manager",
            Some("Volunteer coordinator, Kirkstall Valley Good Neighbours"),
        )],
        sites: &[
            site("Kirkstall Community Centre", "community_hub", "LS5 3HP"),
            site("Members' homes", "home", ""),
            site("Friendship phone line", "remote", ""),
        ],
        roles: GOOD_NEIGHBOURS_ROLES,
        stories: &[
            (Outcome::Active, 30),
            (Outcome::Paused, 3),
            (Outcome::Onboarding, 4),
            (Outcome::Submitted, 5),
            (Outcome::Screening, 3),
            (Outcome::Declined, 1),
            (Outcome::Withdrawn, 1),
            (Outcome::LeftAfterActive, 3),
            (Outcome::LeftInOnboarding, 1),
        ],
    },
    OrgSpec {
        name: "Brightwater Volunteer Centre",
        slug: "brightwater",
        sector: "voluntary",
        kind: "charity",
        ods_code: "",
        charity_number: "1174309",
        address: "Unit 3, Canal Wharf\nShipley",
        postcode: "BD18 3QX",
        admin: staff(
            "David",
            "Sutcliffe",
            "admin@brightwater.example",
            "organisation_admin",
            None,
        ),
        staff: &[staff(
            "Yusuf",
            "Patel",
            "manager@brightwater.example",
            "volunteer_manager",
            Some("Volunteer manager, Brightwater Volunteer Centre"),
        )],
        sites: &[
            site("Volunteer centre, Canal Wharf", "community_hub", "BD18 3QX"),
            site("Community transport scheme", "home", ""),
            site("Remote volunteering", "remote", ""),
        ],
        roles: BRIGHTWATER_ROLES,
        stories: &[
            (Outcome::Active, 22),
            (Outcome::Paused, 2),
            (Outcome::Onboarding, 4),
            (Outcome::Submitted, 5),
            (Outcome::Screening, 2),
            (Outcome::Declined, 1),
            (Outcome::Withdrawn, 1),
            (Outcome::LeftAfterActive, 2),
            (Outcome::LeftInOnboarding, 1),
        ],
    },
];

// Wards that several Riverside roles share.
const WARD_7: &str = "Ward 7 (Elderly care)";
const WARD_12: &str = "Ward 12 (Stroke rehabilitation)";
const WARD_18: &str = "Ward 18 (Respiratory)";
const WARD_24: &str = "Ward 24 (Oncology and haematology)";
const WARD_3: &str = "Ward 3 (Dementia care), Aire Valley";
const WARD_5: &str = "Ward 5 (Orthopaedics), Aire Valley";

/// The acute trust's roles, drawn from the typical NHS roles (standards §4.1).
const RIVERSIDE_ROLES: &[RoleSpec] = &[
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

/// The community trust's roles: out of hospital and community.
const CALDER_VALE_ROLES: &[RoleSpec] = &[
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

/// The hospice's roles.
const HOSPICE_ROLES: &[RoleSpec] = &[
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

/// The older people's charity's roles.
const GOOD_NEIGHBOURS_ROLES: &[RoleSpec] = &[
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

/// The volunteer centre's roles.
const BRIGHTWATER_ROLES: &[RoleSpec] = &[
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

/// A group of names that go together, with the languages often spoken alongside English.
pub struct NameGroup {
    /// Relative share of the population, in per cent.
    pub weight: u32,
    /// Given names.
    pub given: &'static [&'static str],
    /// Family names.
    pub family: &'static [&'static str],
    /// Community languages.
    pub languages: &'static [&'static str],
}

/// Names reflecting West Yorkshire's population.
#[rustfmt::skip]
pub const NAME_GROUPS: &[NameGroup] = &[
    NameGroup {
        weight: 64,
        given: &["Oliver", "George", "Harry", "Jack", "James", "William", "Thomas", "Daniel",
            "Matthew", "David", "Peter", "John", "Michael", "Robert", "Stephen", "Christopher",
            "Olivia", "Amelia", "Isla", "Emily", "Sophie", "Chloe", "Hannah", "Margaret", "Susan",
            "Patricia", "Barbara", "Linda", "Jean", "Janet", "Elaine", "Sarah", "Rachel",
            "Charlotte", "Niamh", "Callum", "Rhys", "Bethany", "Keith", "Brian"],
        family: &["Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker", "Wood", "Robinson",
            "Thompson", "Wright", "Hall", "Green", "Clarke", "Harrison", "Jackson", "Atkinson",
            "Holmes", "Barker", "Sutcliffe", "Hirst", "Ackroyd", "Greenwood", "Murphy", "O'Brien",
            "Kelly", "Evans", "Davies", "Campbell", "Shaw", "Lister"],
        languages: &[],
    },
    NameGroup {
        weight: 12,
        given: &["Mohammed", "Imran", "Zain", "Bilal", "Hamza", "Adeel", "Tariq", "Ayesha",
            "Fatima", "Zara", "Saima", "Nasreen", "Amina", "Maryam", "Hina"],
        family: &["Hussain", "Khan", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Ali", "Rashid",
            "Butt", "Rehman"],
        languages: &["Urdu", "Punjabi"],
    },
    NameGroup {
        weight: 5,
        given: &["Priya", "Anjali", "Neha", "Sunita", "Ravi", "Arjun", "Vikram", "Harpreet",
            "Gurpreet", "Manjit", "Deepak", "Kiran"],
        family: &["Patel", "Sharma", "Singh", "Kaur", "Mistry", "Gill", "Sandhu", "Chauhan"],
        languages: &["Gujarati", "Punjabi", "Hindi"],
    },
    NameGroup {
        weight: 2,
        given: &["Abdul", "Rahima", "Shahana", "Jamal", "Nusrat", "Rubel"],
        family: &["Begum", "Uddin", "Miah", "Rahman", "Chowdhury"],
        languages: &["Bengali", "Sylheti"],
    },
    NameGroup {
        weight: 4,
        given: &["Agnieszka", "Katarzyna", "Magdalena", "Piotr", "Tomasz", "Krzysztof", "Ewa",
            "Paweł"],
        family: &["Nowak", "Mazur", "Kaczmarek", "Wójcik", "Zając", "Krawczyk"],
        languages: &["Polish"],
    },
    NameGroup {
        weight: 1,
        given: &["Andrei", "Ioana", "Mihai", "Elena"],
        family: &["Popescu", "Ionescu", "Dumitru"],
        languages: &["Romanian"],
    },
    NameGroup {
        weight: 3,
        given: &["Chidi", "Adebayo", "Folake", "Ngozi", "Kwame", "Ama", "Blessing", "Tunde"],
        family: &["Okafor", "Adeyemi", "Mensah", "Osei", "Eze", "Boateng"],
        languages: &["Yoruba", "Igbo", "Twi"],
    },
    NameGroup {
        weight: 3,
        given: &["Marcia", "Delroy", "Jerome", "Simone", "Leroy", "Precious"],
        family: &["Francis", "Williams", "Grant", "Thomas", "Campbell"],
        languages: &[],
    },
    NameGroup {
        weight: 1,
        given: &["Abdi", "Hodan", "Ayaan", "Mohamed"],
        family: &["Farah", "Hassan", "Abdullahi", "Warsame"],
        languages: &["Somali", "Arabic"],
    },
    NameGroup {
        weight: 3,
        given: &["Omar", "Layla", "Yousef", "Rania", "Karwan", "Shilan"],
        family: &["Haddad", "Saleh", "Ahmadi", "Karim", "Mustafa"],
        languages: &["Arabic", "Kurdish"],
    },
    NameGroup {
        weight: 2,
        given: &["Wei", "Mei", "Jun", "Xin", "Ling", "Hao"],
        family: &["Chen", "Wong", "Li", "Zhang", "Cheung"],
        languages: &["Cantonese", "Mandarin"],
    },
];

/// Shortened names some people go by: (given name, preferred name).
pub const PREFERRED_NAMES: &[(&str, &str)] = &[
    ("Christopher", "Chris"),
    ("Margaret", "Maggie"),
    ("Patricia", "Pat"),
    ("Mohammed", "Mo"),
    ("Katarzyna", "Kasia"),
    ("Matthew", "Matt"),
    ("Robert", "Bob"),
    ("Susan", "Sue"),
    ("Krzysztof", "Chris"),
    ("Adebayo", "Bayo"),
];

/// Languages anyone might have learned, with the chance in a thousand of listing each.
pub const OTHER_LANGUAGES: &[(&str, u32)] = &[
    ("British Sign Language", 20),
    ("French", 35),
    ("Spanish", 20),
    ("German", 10),
];

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

/// Notes when someone starts volunteering.
pub const ACTIVE_NOTES: &[&str] = &[
    "Induction, training and checks complete",
    "All checks back; first shift booked",
    "Completed induction and shadowing",
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

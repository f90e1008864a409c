//! Where personal data lives: every table that holds anything about a person, with how to find
//! that person's rows (for subject access), and every other table with the reason it holds none.
//! The conformance suite lists the schema's tables and fails on any table in neither list, so a
//! new table cannot be added without deciding how a subject access request covers it.
//!
//! In each clause `$1` is the person's id and `$2` the organisation's.

/// One kind of record a person's subject access export reads.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// File name in the export (also its key).
    pub section: &'static str,
    /// Heading in the summary.
    pub title: &'static str,
    /// What it is, in plain English.
    pub about: &'static str,
    /// The table.
    pub table: &'static str,
    /// Which rows are the person's (`$1`).
    pub person: &'static str,
    /// Which of those the organisation (`$2`) holds; `None`: held by the person or a network,
    /// not by any one organisation, so only in the person's own export.
    pub organisation: Option<&'static str>,
    /// Rows counted but not disclosed in the export, with why.
    pub withheld: Option<&'static str>,
}

/// Columns never exported: secrets (hashes of passwords and link tokens, anti-forgery tokens,
/// links that work without signing in) and file contents (receipts go in as files of their own).
pub const OMITTED_COLUMNS: &[&str] = &[
    "password_hash",
    "token_hash",
    "reminder_token_hash",
    "csrf_token",
    "code_hash",
    "token",
    "content",
];

macro_rules! source {
    ($section:literal, $title:literal, $about:literal, $table:literal, $person:expr, $org:expr) => {
        Source {
            section: $section,
            title: $title,
            about: $about,
            table: $table,
            person: $person,
            organisation: $org,
            withheld: None,
        }
    };
}

const ORG: Option<&str> = Some("organisation_id = $2");

/// Every source of a person's data, in the order the summary lists them.
#[rustfmt::skip]
pub const SOURCES: &[Source] = &[
    source!("profile", "Your profile", "Your name, contact details, date of birth and what you told us about yourself.", "people", "id = $1", Some("id = $1")),
    source!("engagements", "Organisations you volunteer with", "Where you are in volunteering with each organisation.", "engagements", "person_id = $1", ORG),
    source!("engagement_history", "Volunteering history", "Each change in your volunteering (started, paused, left) with the date.", "engagement_events", "engagement_id IN (SELECT id FROM engagements WHERE person_id = $1)", ORG),
    source!("applications", "Applications", "Roles you applied for, why, and when you are free.", "applications", "person_id = $1", ORG),
    source!("application_history", "Application history", "How each application was decided.", "application_events", "application_id IN (SELECT id FROM applications WHERE person_id = $1)", ORG),
    source!("checks", "Checks and training", "The checks and training your roles need, with dates and decisions (including DBS level and result where a role needs one).", "checks", "person_id = $1", ORG),
    source!("recognised_checks", "Checks recognised from another organisation", "Checks taken on through the volunteer passport.", "check_recognitions", "check_id IN (SELECT id FROM checks WHERE person_id = $1)", ORG),
    source!("references", "References", "References asked for about you and the replies.", "reference_requests", "person_id = $1", ORG),
    source!("placements", "Roles", "The roles you were placed in and when.", "placements", "person_id = $1", ORG),
    source!("staff", "Staff access", "Your staff permissions.", "staff_members", "person_id = $1", ORG),
    source!("api_tokens", "API tokens", "When API tokens were made for you (the tokens themselves are not kept).", "api_tokens", "person_id = $1", ORG),
    source!("sessions", "Signed-in sessions", "When your current sign-ins end.", "sessions", "person_id = $1", None),
    source!("password_links", "Password reset links", "When reset links were sent and used.", "reset_tokens", "person_id = $1", None),
    source!("sign_in_failures", "Failed sign-ins", "Failed attempts to sign in to your account (kept for a short time, to stop guessing).", "sign_in_failures", "key = 'account:' || (SELECT email FROM people WHERE id = $1)", None),
    source!("shifts_supervised", "Shifts you supervise", "Shifts where you are the named supervisor.", "shifts", "supervisor_id = $1", ORG),
    source!("kiosk_codes_set", "Kiosk codes set", "When you set a site's check-in kiosk code.", "site_kiosks", "set_by = $1", ORG),
    source!("bookings", "Shifts booked", "Shifts you booked or were booked on, and cancellations.", "bookings", "person_id = $1", ORG),
    source!("attendance", "Attendance", "When you arrived and left.", "attendance", "person_id = $1", ORG),
    source!("hours", "Hours logged", "Hours you logged outside shifts and their decisions.", "hours_logs", "person_id = $1", ORG),
    source!("check_in_codes", "Personal check-in codes", "Your code for the check-in kiosk.", "check_in_codes", "person_id = $1", ORG),
    source!("waiting_lists", "Waiting lists", "Full shifts you waited for and the places offered.", "waitlist_entries", "person_id = $1", ORG),
    source!("regular_slots", "Regular slots", "Your standing commitments.", "commitments", "person_id = $1", ORG),
    source!("time_away", "Time away", "Periods you told us you are away.", "absences", "person_id = $1", None),
    source!("calendar_feed", "Calendar feed", "When you made your calendar address.", "calendar_feeds", "person_id = $1", None),
    source!("notification_choices", "Message choices", "How you chose to hear from us about each kind of message.", "notification_preferences", "person_id = $1", None),
    source!("expenses", "Expense claims", "Expenses you claimed, with decisions and payments.", "expense_claims", "person_id = $1", ORG),
    source!("receipts", "Receipts", "The receipt files sent with your claims (included as files in the receipts folder).", "expense_receipts", "claim_id IN (SELECT id FROM expense_claims WHERE person_id = $1)", ORG),
    source!("survey_invitations", "Survey invitations", "Surveys you were invited to answer.", "survey_invitations", "person_id = $1", ORG),
    source!("survey_answers", "Survey answers with your name", "Answers you gave to surveys that were not anonymous (anonymous answers cannot be linked to you, so they are not here).", "survey_responses", "person_id = $1", ORG),
    source!("activity", "Activity logged", "Activity logged against your roles' outcomes.", "activity_records", "person_id = $1", ORG),
    source!("equality", "Equality monitoring", "Your own answers about sex, ethnic group and disability.", "equality_monitoring", "person_id = $1", None),
    source!("support_offer", "Offer to support someone", "How many people you offered to support, how far and when.", "match_profiles", "person_id = $1", ORG),
    source!("matches", "Matches", "People you were matched with, or volunteers matched with you.", "matches", "volunteer_id = $1 OR supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("contacts", "Visits and calls", "Visits and calls logged between you and the people you support.", "contacts", "volunteer_id = $1 OR supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("service_user_records", "Support you receive", "Your record as someone supported by, or caring for someone supported by, an organisation.", "supported_people", "person_id = $1", ORG),
    source!("health_notes", "Health notes", "Notes about your health kept with your support record.", "health_notes", "supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("carer_links", "Caring relationships", "Who you care for, or who cares for you.", "carer_links", "carer_id IN (SELECT id FROM supported_people WHERE person_id = $1) OR cared_for_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("referrals", "Referrals", "Referrals for support for you.", "referrals", "supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("support_feedback", "Feedback on your support", "Feedback given about your support.", "support_feedback", "supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("support_feedback_links", "Feedback links", "When your feedback link was made.", "support_feedback_links", "supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1)", ORG),
    source!("staff_contact_for", "Named staff contact", "Service users you are the named staff contact for.", "staff_contacts", "person_id = $1", ORG),
    source!("safeguarding_lead", "Safeguarding lead", "Whether you are a safeguarding lead or deputy.", "safeguarding_leads", "person_id = $1", ORG),
    source!("concerns_raised", "Safeguarding concerns you raised", "When you raised a concern and about whom.", "concerns", "raised_by = $1", ORG),
    Source {
        section: "concerns_about_you",
        title: "Safeguarding concerns about you",
        about: "Safeguarding concerns that name you.",
        table: "concerns",
        person: "raised_by <> $1 AND (volunteer_id = $1 OR supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1))",
        organisation: ORG,
        withheld: Some(
            "Safeguarding records can include other people's information and may be withheld where disclosure could put someone at risk. The organisation's safeguarding lead reviews them and will tell you what they can share.",
        ),
    },
    Source {
        section: "concern_records",
        title: "Safeguarding records",
        about: "The entries on safeguarding concerns raised by you or about you.",
        table: "concern_entries",
        person: "concern_id IN (SELECT id FROM concerns WHERE raised_by = $1 OR volunteer_id = $1 OR supported_person_id IN (SELECT id FROM supported_people WHERE person_id = $1))",
        organisation: ORG,
        withheld: Some(
            "Safeguarding records can include other people's information and may be withheld where disclosure could put someone at risk. The organisation's safeguarding lead reviews them and will tell you what they can share.",
        ),
    },
    source!("passport_consents", "Volunteer passport consents", "Your consents to share checks between organisations, and withdrawals.", "passport_consents", "person_id = $1", Some("from_organisation_id = $2 OR to_organisation_id = $2")),
    source!("recorded_consents", "Consents recorded by organisations", "Consents you gave or declined that an organisation wrote down, how, and any withdrawal.", "recorded_consents", "person_id = $1", ORG),
    source!("volunteer_referrals", "Referrals between organisations", "Times an organisation referred you to another's role.", "volunteer_referrals", "person_id = $1", Some("from_organisation_id = $2 OR to_organisation_id = $2")),
    source!("event_registrations", "Learning event places", "Learning events you registered for.", "event_registrations", "person_id = $1", Some("event_id IN (SELECT id FROM learning_events WHERE organisation_id = $2)")),
    source!("event_feedback", "Learning event feedback", "Feedback you gave on learning events.", "event_feedback", "registration_id IN (SELECT id FROM event_registrations WHERE person_id = $1)", Some("event_id IN (SELECT id FROM learning_events WHERE organisation_id = $2)")),
    source!("learning_record", "Your learning record", "Learning you recorded yourself.", "cpd_entries", "person_id = $1", None),
    source!("network_coordinator", "Networks you coordinate", "Networks where you are a coordinator.", "network_coordinators", "person_id = $1", None),
    source!("network_memberships", "Network memberships", "Your individual memberships of networks.", "network_members", "person_id = $1 OR email = (SELECT email FROM people WHERE id = $1)", None),
    source!("network_renewals", "Membership renewals", "Renewals of your network memberships.", "network_renewals", "member_id IN (SELECT id FROM network_members WHERE person_id = $1 OR email = (SELECT email FROM people WHERE id = $1))", None),
    source!("resources", "Resources you share", "Library resources you own.", "resources", "owner_person_id = $1", None),
    source!("messages", "Messages sent to you", "Emails and text messages we sent or are about to send you (who they went to and what they said are removed after 7 days).", "outbox", "recipient IN (SELECT email FROM people WHERE id = $1 UNION SELECT phone FROM people WHERE id = $1 AND phone IS NOT NULL)", None),
    source!("imports", "Spreadsheets you imported", "Files you uploaded to import, with their progress and report (the file itself is dropped when the import finishes).", "import_uploads", "created_by = $1", ORG),
    source!("subject_access_requests", "Requests for your data", "When you, or an organisation, made a copy of your data.", "subject_access_requests", "person_id = $1", ORG),
    source!("audit", "Audit entries", "The log of actions on your records and by you.", "audit_log", "entity_id = $1 OR actor_person_id = $1 OR entity_id IN (SELECT id FROM applications WHERE person_id = $1) OR entity_id IN (SELECT id FROM checks WHERE person_id = $1) OR entity_id IN (SELECT id FROM bookings WHERE person_id = $1) OR entity_id IN (SELECT id FROM expense_claims WHERE person_id = $1) OR entity_id IN (SELECT id FROM engagements WHERE person_id = $1)", ORG),
];

/// Tables that hold no personal data, each with why.
pub const NO_PERSONAL_DATA: &[(&str, &str)] = &[
    ("_sqlx_migrations", "which database migrations have run"),
    (
        "import_mappings",
        "saved column mappings for imports: spreadsheet headings, never their rows",
    ),
    (
        "notification_settings",
        "an organisation's message provider and its (secret) key",
    ),
    ("organisations", "organisations' own details"),
    ("sites", "an organisation's sites"),
    ("roles", "volunteer role descriptions"),
    ("role_sites", "where roles happen"),
    ("requirement_types", "the catalogue of checks and training"),
    (
        "shift_cancellations",
        "why a shift was cancelled (about the shift, not a person)",
    ),
    ("kiosk_sessions", "unlocked kiosks (a device, not a person)"),
    (
        "jobs",
        "scheduled work: kinds, times and record ids, never personal details",
    ),
    (
        "instrument_licences",
        "an organisation's licence for a survey instrument",
    ),
    ("survey_plans", "an organisation's survey settings"),
    ("outcome_indicators", "what roles measure"),
    (
        "population_served",
        "percentages for a population, never a person",
    ),
    ("feedback_links", "anonymous feedback links"),
    (
        "postcode_deprivation",
        "public reference data for postcodes",
    ),
    (
        "postcode_deprivation_source",
        "the reference data's copyright year",
    ),
    ("postcode_locations", "public reference data for postcodes"),
    ("networks", "networks' own details"),
    ("role_templates", "shared role descriptions"),
    (
        "role_template_uses",
        "which roles were copied from which template",
    ),
    ("recognition_agreements", "agreements between organisations"),
    (
        "agreement_parties",
        "which organisations signed an agreement",
    ),
    ("agreement_terms", "what each organisation accepts"),
    ("network_role_listings", "roles listed to a network"),
    ("event_series", "learning event line-ups"),
    ("learning_events", "learning events' own details"),
    ("resource_tags", "library resources' tags"),
    (
        "resource_files",
        "library resources' files (shared guides and policies)",
    ),
    (
        "privacy_settings",
        "an organisation's retention rules and privacy notice",
    ),
    (
        "erasures",
        "the record that an erasure happened, which by design names nobody",
    ),
    (
        "retention_runs",
        "retention reports, which by design name nobody",
    ),
];

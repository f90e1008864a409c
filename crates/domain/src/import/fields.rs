//! The fields each kind of import reads, with the column headers that usually hold them.

use super::ImportKind;

/// One field an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its key (the domain input's field name where there is one).
    pub key: &'static str,
    /// Its name for people.
    pub label: &'static str,
    /// Whether every file must have a column for it.
    pub required: bool,
    /// Whether it holds a date (read as a spreadsheet date and passed on as `YYYY-MM-DD`).
    pub date: bool,
    /// Headers that name it, written as [`super::normalise_header`] leaves them.
    pub headers: &'static [&'static str],
}

const fn field(
    key: &'static str,
    label: &'static str,
    headers: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        required: false,
        date: false,
        headers,
    }
}

const fn required(
    key: &'static str,
    label: &'static str,
    headers: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        required: true,
        ..field(key, label, headers)
    }
}

const fn date(
    key: &'static str,
    label: &'static str,
    headers: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        date: true,
        ..field(key, label, headers)
    }
}

const GIVEN: &[&str] = &[
    "firstname",
    "givenname",
    "forename",
    "forenames",
    "first",
    "christianname",
];
const FAMILY: &[&str] = &["surname", "lastname", "familyname", "last"];
const EMAIL: &[&str] = &[
    "email",
    "emailaddress",
    "mail",
    "personalemail",
    "contactemail",
];
const PHONE: &[&str] = &[
    "phone",
    "telephone",
    "tel",
    "mobile",
    "mobilenumber",
    "phonenumber",
    "contactnumber",
    "telephonenumber",
    "mobilephone",
];
const DOB: &[&str] = &["dob", "dateofbirth", "birthdate", "birthday", "born"];
const POSTCODE: &[&str] = &["postcode", "zip", "zipcode", "postalcode"];
const PERSON_EMAIL: &[&str] = &["email", "emailaddress", "volunteeremail", "personemail"];

const PEOPLE: &[FieldSpec] = &[
    required("given_name", "First name", GIVEN),
    required("family_name", "Last name", FAMILY),
    field(
        "full_name",
        "Full name (split into first and last)",
        &["name", "fullname", "volunteername", "volunteer"],
    ),
    field(
        "preferred_name",
        "Preferred name",
        &["preferredname", "knownas", "nickname"],
    ),
    required("email", "Email", EMAIL),
    field("phone", "Phone", PHONE),
    date("date_of_birth", "Date of birth", DOB),
    field("postcode", "Postcode", POSTCODE),
    field(
        "languages",
        "Languages",
        &["languages", "languagesspoken", "language"],
    ),
    field("skills", "Skills", &["skills"]),
    field("interests", "Interests", &["interests", "hobbies"]),
    field(
        "accessibility_needs",
        "Access needs",
        &["accessneeds", "accessibilityneeds", "accessibility"],
    ),
    field(
        "status",
        "Status",
        &["status", "volunteerstatus", "engagementstatus", "stage"],
    ),
    field(
        "role",
        "Role",
        &["role", "roletitle", "volunteerrole", "position"],
    ),
    field(
        "leaving_reason",
        "Why they left",
        &[
            "leavingreason",
            "reasonforleaving",
            "whytheyleft",
            "reasonleft",
        ],
    ),
    date(
        "started_on",
        "Start date",
        &[
            "startdate",
            "started",
            "joined",
            "datejoined",
            "startedon",
            "joineddate",
        ],
    ),
];

const ROLES: &[FieldSpec] = &[
    required(
        "title",
        "Title",
        &["title", "roletitle", "role", "name", "rolename"],
    ),
    required("summary", "Summary", &["summary", "shortdescription"]),
    field(
        "description",
        "Description",
        &["description", "details", "roledescription"],
    ),
    field("setting", "Setting", &["setting", "where"]),
    field(
        "activities",
        "Activities",
        &["activities", "tasks", "duties"],
    ),
    field(
        "time_commitment",
        "Time commitment",
        &["timecommitment", "commitment", "hours"],
    ),
    field(
        "minimum_age",
        "Minimum age",
        &["minimumage", "minage", "age"],
    ),
    field("dbs_level", "DBS level", &["dbslevel", "dbs", "dbscheck"]),
    field(
        "dbs_workforce",
        "DBS workforce",
        &["dbsworkforce", "workforce"],
    ),
    field(
        "references_required",
        "References needed",
        &["referencesrequired", "references", "referencesneeded"],
    ),
    field(
        "non_substitution_statement",
        "Non-substitution statement",
        &["nonsubstitutionstatement", "nonsubstitution"],
    ),
    field(
        "sites",
        "Sites",
        &["sites", "site", "locations", "location"],
    ),
    field(
        "requirements",
        "Checks and training (catalogue codes)",
        &["requirements", "checks", "training", "checksandtraining"],
    ),
];

const SITES: &[FieldSpec] = &[
    required("name", "Name", &["name", "sitename", "site", "location"]),
    required("kind", "Kind", &["kind", "type", "sitetype", "sitekind"]),
    field("postcode", "Postcode", POSTCODE),
];

const RECORDS: &[FieldSpec] = &[
    required("email", "Volunteer's email", PERSON_EMAIL),
    required(
        "code",
        "Catalogue code",
        &[
            "code",
            "catalogue",
            "cataloguecode",
            "check",
            "checktype",
            "training",
            "module",
            "course",
        ],
    ),
    date(
        "issued_on",
        "Done or issued on",
        &[
            "issuedon",
            "issued",
            "completed",
            "completedon",
            "datecompleted",
            "date",
            "issuedate",
            "done",
        ],
    ),
    date(
        "expires_on",
        "Valid until",
        &[
            "expireson",
            "expires",
            "expiry",
            "expirydate",
            "validuntil",
            "renewby",
        ],
    ),
    field(
        "reference",
        "Reference",
        &["reference", "certificate", "certificatenumber", "ref"],
    ),
    field("dbs_level", "DBS level", &["dbslevel", "level"]),
    field(
        "dbs_workforce",
        "DBS workforce",
        &["dbsworkforce", "workforce"],
    ),
    field(
        "dbs_certificate_number",
        "DBS certificate number",
        &["dbscertificatenumber", "dbsnumber", "dbscertificate"],
    ),
    field(
        "dbs_outcome",
        "DBS outcome",
        &["dbsoutcome", "outcome", "result"],
    ),
];

const HOURS: &[FieldSpec] = &[
    required("email", "Volunteer's email", PERSON_EMAIL),
    required("role", "Role", &["role", "roletitle", "volunteerrole"]),
    date(
        "date",
        "Date",
        &["date", "day", "workedon", "datevolunteered"],
    ),
    field("hours", "Hours", &["hours", "hrs", "hoursvolunteered"]),
    field("minutes", "Minutes", &["minutes", "mins"]),
    field(
        "description",
        "What they did",
        &["description", "activity", "whattheydid", "notes", "note"],
    ),
];

const SUPPORTED: &[FieldSpec] = &[
    required("given_name", "First name", GIVEN),
    required("family_name", "Last name", FAMILY),
    field("email", "Email", &["email", "emailaddress"]),
    field("phone", "Phone", PHONE),
    field(
        "address",
        "Address",
        &[
            "address",
            "addressline1",
            "address1",
            "street",
            "homeaddress",
        ],
    ),
    field("postcode", "Postcode", POSTCODE),
    date("date_of_birth", "Date of birth", DOB),
    field("age_band", "Age band", &["ageband", "agegroup", "agerange"]),
    field(
        "language",
        "Main language",
        &[
            "language",
            "mainlanguage",
            "firstlanguage",
            "preferredlanguage",
        ],
    ),
    field(
        "communication_needs",
        "Communication needs",
        &["communicationneeds", "communication"],
    ),
    field(
        "access_needs",
        "Access needs",
        &["accessneeds", "accessibilityneeds", "mobility"],
    ),
    field("interests", "Interests", &["interests", "hobbies"]),
    date(
        "consent_to_support_on",
        "Consent to support given on",
        &[
            "consenttosupport",
            "consenttosupporton",
            "consentdate",
            "consent",
        ],
    ),
    date(
        "consent_to_data_on",
        "Consent to data use given on",
        &[
            "consenttodata",
            "consenttodataon",
            "dataconsent",
            "gdprconsent",
        ],
    ),
    field(
        "consent_method",
        "How consent was given",
        &["consentmethod", "consentgiven", "howconsentwasgiven"],
    ),
];

const CARERS: &[FieldSpec] = &[
    required("given_name", "First name", GIVEN),
    required("family_name", "Last name", FAMILY),
    field("email", "Email", &["email", "emailaddress"]),
    field("phone", "Phone", PHONE),
    field(
        "address",
        "Address",
        &["address", "addressline1", "address1", "street"],
    ),
    field("postcode", "Postcode", POSTCODE),
    date("date_of_birth", "Date of birth", DOB),
    date(
        "consent_to_support_on",
        "Consent to support given on",
        &["consenttosupport", "consentdate", "consent"],
    ),
    date(
        "consent_to_data_on",
        "Consent to data use given on",
        &["consenttodata", "dataconsent", "gdprconsent"],
    ),
    field(
        "consent_method",
        "How consent was given",
        &["consentmethod", "consentgiven"],
    ),
    required(
        "cares_for",
        "Cares for (full name)",
        &[
            "caresfor",
            "caringfor",
            "servicename",
            "serviceuser",
            "cared",
            "caredfor",
        ],
    ),
    date(
        "cares_for_date_of_birth",
        "Cared-for person's date of birth",
        &[
            "caresfordob",
            "caresfordateofbirth",
            "serviceuserdob",
            "caredfordob",
        ],
    ),
    field(
        "relationship",
        "Relationship",
        &["relationship", "relation", "relationshiptoserviceuser"],
    ),
];

/// The fields a kind of import reads, in the order forms show them.
pub fn fields(kind: ImportKind) -> &'static [FieldSpec] {
    match kind {
        ImportKind::People => PEOPLE,
        ImportKind::Roles => ROLES,
        ImportKind::Sites => SITES,
        ImportKind::Checks | ImportKind::Training => RECORDS,
        ImportKind::Hours => HOURS,
        ImportKind::ServiceUsers => SUPPORTED,
        ImportKind::Carers => CARERS,
    }
}

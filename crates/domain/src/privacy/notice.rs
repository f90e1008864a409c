//! The privacy notice an organisation publishes: its own text, or a default written from its
//! details and retention rules until an admin changes it.

use crate::FieldErrors;
use crate::organisation::Organisation;

use super::{DBS_DETAILS_KEPT_MONTHS, RetentionPolicy};

/// The longest notice an admin may save.
pub const NOTICE_MAX: usize = 20_000;

/// Validates a notice as typed: required, at most [`NOTICE_MAX`] characters, no control
/// characters (line breaks are fine: blank lines separate paragraphs).
pub fn parse_notice(text: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = text.replace("\r\n", "\n");
    let notice = errors.text("notice", "the privacy notice", &text, NOTICE_MAX);
    errors.finish(|| notice)
}

/// A notice's paragraphs (separated by blank lines), for showing as `<p>`s. A paragraph whose
/// first line ends without a full stop and is short is a heading.
pub fn paragraphs(text: &str) -> Vec<(bool, String)> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let heading = !p.contains('\n')
                && p.chars().count() <= 80
                && !p.ends_with(['.', ':', '?', '!', ')']);
            (heading, p.to_owned())
        })
        .collect()
}

fn years(n: u16) -> String {
    if n == 1 {
        "one year".into()
    } else {
        format!("{n} years")
    }
}

fn months(n: u16) -> String {
    if n == 1 {
        "one month".into()
    } else {
        format!("{n} months")
    }
}

/// The default notice for `org` with its current retention rules: plain English, written to be
/// edited. It says who we are, what we keep and why, who sees it, how long we keep it, and the
/// person's rights.
pub fn default_notice(org: &Organisation, rules: &RetentionPolicy) -> String {
    let name = &org.name;
    let address = org
        .address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .chain(std::iter::once(org.postcode.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let leavers = rules.leavers_after_years.map_or(
        "We keep the records of people who have left until they ask us to remove them, or until we review them.".to_owned(),
        |n| format!("When you stop volunteering with us we keep your records for {} after you leave, then remove your personal details. We keep totals, such as hours given, without your name.", years(n)),
    );
    let applicants = rules.unsuccessful_after_months.map_or(
        "If you apply and we are not able to offer you a role, we keep your application until you ask us to remove it.".to_owned(),
        |n| format!("If you apply and we are not able to offer you a role, we remove your application {} after it was decided.", months(n)),
    );
    let service_users = rules.closed_service_users_after_years.map_or(
        "If we support you, or you care for someone we support, we keep your record while we support you and afterwards until we review it.".to_owned(),
        |n| format!("If we support you, or you care for someone we support, we remove your personal details {} after your support ends.", years(n)),
    );
    format!(
        "Who we are

{name} ({address}) decides why and how your personal information is used when you volunteer with us, apply to, or are supported by our volunteers. We use Alongside to keep these records.

What we keep

If you volunteer or apply: your name, contact details, date of birth, the roles you applied for and why, the checks and training your role needs (including, where a role needs one, the level and result of a DBS check), the shifts you book and attend, hours you give, expenses you claim and the receipts you send, and what you tell us in surveys you choose to answer with your name.

If we support you or someone you care for: your name, contact details, what support you asked for, who referred you, the volunteers matched with you and notes of their visits or calls, and any feedback you give.

Why we keep it

We keep this information so that we can offer you volunteering that is safe for you and for the people you meet, support you while you volunteer, pay back your expenses, and show the difference volunteers make. Keeping you and others safe is part of our legitimate interests and, for checks on people working with children or adults at risk, a legal duty. Where we ask for your consent (for example to share your checks with another organisation through the volunteer passport, or for equality monitoring answers), you can withdraw it at any time.

Who sees it

Only our staff who need it for their work see your records. Criminal records information is seen only by the staff who make decisions about it. Safeguarding concerns are seen only by our safeguarding leads. We do not sell your information or share it with anyone else unless the law requires us to, or you have agreed.

How long we keep it

{leavers}

{applicants}

{service_users}

We delete the certificate details of a DBS check {DBS_DETAILS_KEPT_MONTHS} months after we make our decision, keeping only that the check was done, its level and our decision.

We keep safeguarding records, and records we must keep for our accounts, for as long as the law requires, even if you ask us to remove them.

Your rights

You can ask for a copy of everything we hold about you. If you have a volunteer account, you can download it yourself from the \"Your data\" page. You can ask us to correct anything that is wrong, to remove your information, or to stop using it for a purpose. You can also complain to the Information Commissioner's Office (ico.org.uk) if you are unhappy with how we have used your information, though we would like the chance to put things right first.

How to contact us

Write to us at {address}, or speak to the volunteer team."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::OrganisationId;
    use crate::organisation::{OrganisationKind, Sector};
    use crate::values::{Postcode, Slug};

    fn org() -> Option<Organisation> {
        Some(Organisation {
            id: OrganisationId::new(),
            name: "Ashby Hospice".into(),
            slug: Slug::parse("ashby").ok()?,
            sector: Sector::Voluntary,
            kind: OrganisationKind::Hospice,
            ods_code: None,
            charity_number: None,
            address: "1 Mill Lane\nAshby".into(),
            postcode: Postcode::parse("LE65 1AA").ok()?,
        })
    }

    #[test]
    fn the_default_names_the_organisation_and_its_rules() {
        let Some(org) = org() else { return };
        let rules = RetentionPolicy {
            leavers_after_years: Some(6),
            unsuccessful_after_months: Some(1),
            closed_service_users_after_years: None,
        };
        let text = default_notice(&org, &rules);
        assert!(text.contains("Ashby Hospice (1 Mill Lane, Ashby, LE65 1AA)"));
        assert!(text.contains("for 6 years after you leave"));
        assert!(text.contains("one month after it was decided"));
        assert!(text.contains("until we review it"));
        let parts = paragraphs(&text);
        assert_eq!(parts[0], (true, "Who we are".to_owned()));
        assert!(!parts[1].0);
        assert!(parse_notice(&text).is_ok());
    }

    #[test]
    fn a_notice_is_required_and_bounded() {
        assert!(parse_notice("   ").is_err());
        assert!(parse_notice(&"a".repeat(NOTICE_MAX + 1)).is_err());
        assert_eq!(
            parse_notice("Hello\r\n\r\nWorld").ok(),
            Some("Hello\n\nWorld".into())
        );
    }
}

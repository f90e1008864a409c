//! What every page shares: title, who is signed in, the organisation's navigation and theme.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;
use domain::FieldErrors;
use domain::organisation::Organisation;

use crate::session::SignedIn;

/// The manager navigation for one organisation.
#[derive(Debug, Clone)]
pub struct OrgNav {
    /// Organisation name.
    pub name: String,
    /// Organisation slug (URLs).
    pub slug: String,
    /// Whether to show the staff page link.
    pub can_admin: bool,
    /// Whether to show editing buttons.
    pub can_manage: bool,
    /// Whether to show check and training records (and links to them).
    pub can_view_checks: bool,
    /// Whether to show service users, referrals and matches.
    pub can_view_service_users: bool,
}

/// Shared page frame.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The `<title>` (the page's H1 plus the service name).
    pub title: String,
    /// Who is signed in, by the name they go by.
    pub user_name: Option<String>,
    /// The anti-forgery token for the sign-out form.
    pub csrf: String,
    /// "nhs" for NHS organisations, otherwise "neutral".
    pub theme: &'static str,
    /// Manager navigation, when inside an organisation.
    pub org: Option<OrgNav>,
    /// Errors to summarise at the top.
    pub errors: FieldErrors,
}

impl Layout {
    /// A page with nobody signed in.
    pub fn plain(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            user_name: None,
            csrf: String::new(),
            theme: "neutral",
            org: None,
            errors: FieldErrors::new(),
        }
    }

    /// A page for whoever may be signed in.
    pub fn for_user(title: &str, user: Option<&SignedIn>) -> Self {
        let mut layout = Self::plain(title);
        if let Some(u) = user {
            layout.user_name = Some(u.person.known_as().to_owned());
            layout.csrf = u.csrf.clone();
        }
        layout
    }

    /// A manager page inside an organisation, themed for it.
    pub fn for_org(title: &str, user: &SignedIn, scope: &app::OrgScope) -> Self {
        let mut layout = Self::for_user(title, Some(user));
        let org: &Organisation = scope.organisation();
        layout.theme = if org.uses_nhs_identity() {
            "nhs"
        } else {
            "neutral"
        };
        layout.org = Some(OrgNav {
            name: org.name.clone(),
            slug: org.slug.to_string(),
            can_admin: scope.can(domain::staff::Capability::Administer),
            can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
            can_view_checks: scope.can(domain::staff::Capability::ViewChecks),
            can_view_service_users: scope.can(domain::staff::Capability::ViewServiceUsers),
        });
        layout
    }

    /// Adds errors for the summary; the title gets "Error: " as the NHS service manual asks.
    pub fn with_errors(mut self, errors: FieldErrors) -> Self {
        if !errors.is_empty() {
            self.title = format!("Error: {}", self.title);
        }
        self.errors = errors;
        self
    }

    /// 422 when the page shows errors, otherwise 200.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.errors.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// Where the error summary's link for `field` goes: the first box of a date, else the field.
    pub fn anchor(&self, field: &str) -> String {
        match field {
            "date_of_birth" => "date_of_birth-day".to_owned(),
            other => other.to_owned(),
        }
    }

    /// The message for `field` of one of several forms on a page (named `{form}-{field}`), or "".
    pub fn form_error(&self, form: &str, field: &str) -> &str {
        self.errors
            .0
            .iter()
            .find(|e| {
                e.field
                    .strip_prefix(form)
                    .and_then(|rest| rest.strip_prefix('-'))
                    == Some(field)
            })
            .map_or("", |e| e.message.as_str())
    }

    /// The message for a field, or "".
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

/// A date the NHS way: "5 March 2027".
pub fn nhs_date(d: &NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// An instant as a UK date and time, in UK local time: "5 March 2027 at 10:30".
pub fn nhs_datetime(t: &DateTime<Utc>) -> String {
    t.with_timezone(&London)
        .format("%-d %B %Y at %H:%M")
        .to_string()
}

/// The UK calendar date on which an instant fell.
pub fn uk_date(t: &DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&London).date_naive()
}

/// The UK date on which an instant fell: "5 March 2027".
pub fn nhs_day(t: &DateTime<Utc>) -> String {
    nhs_date(&uk_date(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_uk_local_time_across_the_clock_change() {
        use chrono::TimeZone;
        let winter = Utc.with_ymd_and_hms(2027, 1, 15, 9, 30, 0).unwrap();
        assert_eq!(nhs_datetime(&winter), "15 January 2027 at 09:30");
        let summer = Utc.with_ymd_and_hms(2027, 6, 15, 9, 30, 0).unwrap();
        assert_eq!(nhs_datetime(&summer), "15 June 2027 at 10:30");
        // 23:30 UTC on 30 June is already 1 July in London.
        let late = Utc.with_ymd_and_hms(2027, 6, 30, 23, 30, 0).unwrap();
        assert_eq!(nhs_day(&late), "1 July 2027");
    }

    #[test]
    fn dates_read_the_nhs_way() {
        assert_eq!(
            nhs_date(&NaiveDate::from_ymd_opt(2027, 3, 5).unwrap()),
            "5 March 2027"
        );
    }
}

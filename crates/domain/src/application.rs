//! Applications: a person applying to a role, screened by a manager to a decision.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{ApplicationId, EngagementId, OrganisationId, PersonId, RoleId};
use crate::labelled_enum;
use crate::person::{MINIMUM_APPLICANT_AGE, age_on};
use crate::role::{Role, RoleStatus};

labelled_enum!(
    /// Where an application has got to.
    ApplicationStatus {
        /// Sent; not yet looked at.
        Submitted = "submitted": "Submitted",
        /// Being screened (conversation, informal interview).
        Screening = "screening": "Screening",
        /// Accepted: onboarding starts.
        Accepted = "accepted": "Accepted",
        /// Not taken forward.
        Declined = "declined": "Declined",
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn": "Withdrawn",
    }
);

impl ApplicationStatus {
    /// Whether the application is still waiting for a decision.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::Screening)
    }

    /// Whether a manager may move it to `next`. Withdrawing is the applicant's choice alone.
    pub fn manager_can_move_to(self, next: Self) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (Submitted, Screening)
                | (Submitted | Screening, Accepted)
                | (Submitted | Screening, Declined)
        )
    }
}

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Identifier.
    pub id: ApplicationId,
    /// The organisation that owns the role.
    pub organisation_id: OrganisationId,
    /// The applicant.
    pub person_id: PersonId,
    /// Their engagement with the organisation.
    pub engagement_id: EngagementId,
    /// The role applied for.
    pub role_id: RoleId,
    /// Current status.
    pub status: ApplicationStatus,
    /// Why they want to volunteer, in their words.
    pub motivation: String,
    /// When they can volunteer, in their words.
    pub availability: String,
    /// When it was sent.
    pub submitted_at: DateTime<Utc>,
}

/// What an applicant types.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ApplicationInput {
    /// Why they want to volunteer.
    pub motivation: String,
    /// When they are free.
    pub availability: String,
}

impl ApplicationInput {
    /// Validates the answers and the applicant's eligibility to apply to `role` on `today`.
    pub fn check(
        &self,
        role: &Role,
        date_of_birth: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(String, String), FieldErrors> {
        let mut e = FieldErrors::new();
        if role.status != RoleStatus::Open {
            e.add("role", "This role is not taking applications");
        }
        match date_of_birth {
            None => e.add(
                "date_of_birth",
                "Enter your date of birth so we can check you are old enough",
            ),
            Some(dob) => {
                let age = age_on(dob, today);
                if age < MINIMUM_APPLICANT_AGE {
                    e.add("date_of_birth", "You must be 16 or over to volunteer");
                } else if age < role.minimum_age {
                    e.add(
                        "date_of_birth",
                        format!("You must be {} or over for this role", role.minimum_age),
                    );
                }
            }
        }
        let motivation = e.text(
            "motivation",
            "why you would like to volunteer",
            &self.motivation,
            3_000,
        );
        let availability = e.text(
            "availability",
            "when you are available",
            &self.availability,
            1_000,
        );
        e.finish(|| Some((motivation?, availability?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::RoleInput;

    fn role(min_age: &str) -> Role {
        let input = RoleInput {
            title: "Garden volunteer".into(),
            summary: "Keep the garden".into(),
            setting: "community".into(),
            minimum_age: min_age.into(),
            dbs_level: "none".into(),
            ..Default::default()
        };
        input
            .parse(
                crate::ids::RoleId::new(),
                OrganisationId::new(),
                RoleStatus::Open,
            )
            .unwrap()
    }

    fn answers() -> ApplicationInput {
        ApplicationInput {
            motivation: "I like gardens".into(),
            availability: "Weekends".into(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn under_sixteens_cannot_apply() {
        let today = day(2026, 11, 28);
        let err = answers()
            .check(&role("16"), Some(day(2010, 11, 29)), today)
            .unwrap_err();
        assert_eq!(
            err.get("date_of_birth"),
            Some("You must be 16 or over to volunteer")
        );
        assert!(
            answers()
                .check(&role("16"), Some(day(2010, 11, 28)), today)
                .is_ok()
        );
    }

    #[test]
    fn eighteen_plus_roles_are_closed_to_younger_volunteers() {
        let today = day(2026, 11, 28);
        let err = answers()
            .check(&role("18"), Some(day(2009, 1, 1)), today)
            .unwrap_err();
        assert_eq!(
            err.get("date_of_birth"),
            Some("You must be 18 or over for this role")
        );
    }

    #[test]
    fn closed_roles_take_no_applications() {
        let mut closed = role("16");
        closed.close().unwrap();
        let err = answers()
            .check(&closed, Some(day(1980, 1, 1)), day(2026, 1, 1))
            .unwrap_err();
        assert!(err.get("role").is_some());
    }

    #[test]
    fn managers_cannot_reopen_decisions() {
        use ApplicationStatus::*;
        assert!(Submitted.manager_can_move_to(Screening));
        assert!(Screening.manager_can_move_to(Accepted));
        assert!(!Accepted.manager_can_move_to(Declined));
        assert!(!Submitted.manager_can_move_to(Withdrawn));
    }
}

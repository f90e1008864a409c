//! Recording an enquiry: a manager adds someone who got in touch (by phone, at an event, on
//! paper) so they can be followed up, before they have an account or have applied.

use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::engagement::{Engagement, EngagementStatus};
use domain::ids::{EngagementId, PersonId};
use domain::person::{Person, PersonInput};
use domain::staff::Capability;

use crate::applications::event;
use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// Why someone who already has an account is not added by a manager.
const ALREADY_ON_ALONGSIDE: &str = "Someone with this email address already uses Alongside. Ask them to apply, so they choose what to share";

impl App {
    /// Adds a new person as an enquiry with this organisation. Someone who already has an
    /// Alongside account is not added: their profile is theirs, and they share it by applying.
    pub async fn record_enquiry(
        &self,
        scope: &OrgScope,
        input: &PersonInput,
    ) -> Result<Person, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let person = input.parse(PersonId::new(), self.clock.today())?;
        if self
            .store
            .person_by_email(person.email.as_str())
            .await?
            .is_some()
        {
            return Err(FieldErrors::one("email", ALREADY_ON_ALONGSIDE).into());
        }
        let org = scope.organisation_id();
        let now = self.clock.now();
        let engagement = Engagement {
            id: EngagementId::new(),
            organisation_id: org,
            person_id: person.id,
            status: EngagementStatus::Enquiry,
            started_at: now,
            leaving_reason: None,
            leaving_note: String::new(),
        };
        let by = self.actor_name(scope.actor()).await?;
        let audit = AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            "engagement.enquiry_recorded",
            "person",
            person.id.0,
            now,
        );
        self.store
            .apply(vec![
                Write::InsertPerson(person.clone(), None),
                Write::InsertEngagement(engagement.clone()),
                event(
                    org,
                    engagement.id,
                    None,
                    EngagementStatus::Enquiry,
                    now,
                    &by,
                    "Enquiry recorded",
                ),
                Write::Audit(audit),
            ])
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => {
                    AppError::Invalid(FieldErrors::one("email", ALREADY_ON_ALONGSIDE))
                }
                other => other.into(),
            })?;
        Ok(person)
    }
}

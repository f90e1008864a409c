//! Feedback from service users and carers about their own support (by their own link, or
//! recorded by staff), and each service user's named staff contact.

use domain::FieldErrors;
use domain::ids::{PersonId, SupportFeedbackId, SupportedPersonId};
use domain::staff::Capability;
use domain::support::{SupportFeedback, SupportFeedbackInput};

use crate::ports::SupportWrite;
use crate::support::support;
use crate::{App, AppError, OrgScope, tokens};

/// A feedback link as it opens: whose support it is about.
#[derive(Debug, Clone)]
pub struct FeedbackAbout {
    /// The organisation's name.
    pub organisation_name: String,
    /// The service user's first name (all the form shows).
    pub given_name: String,
}

impl App {
    /// Staff record feedback a service user or carer gave them (on the phone, at a visit).
    pub async fn record_support_feedback(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        input: &SupportFeedbackInput,
    ) -> Result<SupportFeedback, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.supported_person(scope, id).await?;
        let by = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let f = self.new_feedback(scope.organisation_id(), id, input, Some(by))?;
        self.store
            .apply(vec![
                support(SupportWrite::InsertSupportFeedback(f.clone())),
                self.support_audit(scope, "support_feedback.recorded", id),
            ])
            .await?;
        Ok(f)
    }

    fn new_feedback(
        &self,
        org: domain::ids::OrganisationId,
        id: SupportedPersonId,
        input: &SupportFeedbackInput,
        recorded_by: Option<PersonId>,
    ) -> Result<SupportFeedback, AppError> {
        let (rating, answered_by, comment) = input.parse()?;
        Ok(SupportFeedback {
            id: SupportFeedbackId::new(),
            organisation_id: org,
            supported_person_id: id,
            rating,
            answered_by,
            comment,
            recorded_by,
            given_on: self.uk_today(),
            recorded_at: self.clock.now(),
        })
    }

    /// Feedback about someone's support, newest first.
    pub async fn support_feedback(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
    ) -> Result<Vec<SupportFeedback>, AppError> {
        self.supported_person(scope, id).await?;
        Ok(self
            .store
            .support_feedback(scope.organisation_id(), id)
            .await?)
    }

    /// Makes (or remakes, so an old one stops working) someone's own feedback link; returns
    /// its address.
    pub async fn make_support_feedback_link(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
    ) -> Result<String, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.supported_person(scope, id).await?;
        let token = tokens::generate();
        self.store
            .apply(vec![
                support(SupportWrite::SetSupportFeedbackLink {
                    org: scope.organisation_id(),
                    id,
                    token: token.clone(),
                    at: self.clock.now(),
                }),
                self.support_audit(scope, "support_feedback.link_made", id),
            ])
            .await?;
        Ok(self.support_feedback_address(&token))
    }

    /// The address of a feedback link with `token`.
    pub fn support_feedback_address(&self, token: &str) -> String {
        format!("{}/support-feedback/{token}", self.base_url)
    }

    /// Whose support a feedback link is about (first name and organisation only).
    pub async fn support_feedback_about(&self, token: &str) -> Result<FeedbackAbout, AppError> {
        let (org, id) = self
            .store
            .support_feedback_link(token.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let person = self
            .store
            .supported_person(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let organisation_name = self
            .store
            .organisation(org)
            .await?
            .map(|o| o.name)
            .ok_or(AppError::NotFound)?;
        Ok(FeedbackAbout {
            organisation_name,
            given_name: person.given_name,
        })
    }

    /// Feedback given through someone's own link (no sign-in).
    pub async fn give_support_feedback(
        &self,
        token: &str,
        input: &SupportFeedbackInput,
    ) -> Result<(), AppError> {
        let (org, id) = self
            .store
            .support_feedback_link(token.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let f = self.new_feedback(org, id, input, None)?;
        self.store
            .apply(vec![support(SupportWrite::InsertSupportFeedback(f))])
            .await?;
        Ok(())
    }

    /// Names (or, with none, removes) a service user's staff contact, who must be on the
    /// organisation's staff.
    pub async fn set_staff_contact(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        person: Option<PersonId>,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.supported_person(scope, id).await?;
        if let Some(p) = person
            && !self
                .store
                .staff(scope.organisation_id())
                .await?
                .iter()
                .any(|(s, _)| s.person_id == p)
        {
            return Err(FieldErrors::one("staff_contact", "Choose someone on the staff").into());
        }
        self.store
            .apply(vec![
                support(SupportWrite::SetStaffContact(
                    scope.organisation_id(),
                    id,
                    person,
                )),
                self.support_audit(scope, "supported_person.staff_contact", id),
            ])
            .await?;
        Ok(())
    }
}

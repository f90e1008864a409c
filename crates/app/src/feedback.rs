//! Feedback on volunteers from service users, carers and staff: managers make shareable links
//! (for a poster, a card or a message), anyone with one gives anonymous feedback as often as
//! they like, and the answers count in the report.

use domain::audit::AuditEntry;
use domain::ids::{FeedbackLinkId, RoleId};
use domain::staff::Capability;
use domain::surveys::{FeedbackLink, FeedbackLinkInput, SurveyResponse, answers_from_form};

use crate::ports::Write;
use crate::{App, AppError, OrgScope, tokens};

/// A feedback link as its address opens it.
#[derive(Debug, Clone)]
pub struct FeedbackForm {
    /// The link.
    pub link: FeedbackLink,
    /// The organisation, by name.
    pub organisation_name: String,
}

impl App {
    /// The organisation's feedback links.
    pub async fn feedback_links(&self, scope: &OrgScope) -> Result<Vec<FeedbackLink>, AppError> {
        scope.require(Capability::View)?;
        Ok(self.store.feedback_links(scope.organisation_id()).await?)
    }

    /// Makes a new link, about one role's volunteers or all of them.
    pub async fn create_feedback_link(
        &self,
        scope: &OrgScope,
        input: &FeedbackLinkInput,
        role: Option<RoleId>,
    ) -> Result<FeedbackLink, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let (instrument, label) = input.parse()?;
        if let Some(role) = role {
            self.store
                .role(org, role)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        let now = self.clock.now();
        let link = FeedbackLink {
            id: FeedbackLinkId::new(),
            organisation_id: org,
            instrument,
            role_id: role,
            label,
            token: tokens::generate(),
            active: true,
            created_at: now,
        };
        self.store
            .apply(vec![
                Write::InsertFeedbackLink(link.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "feedback_link.created",
                    "organisation",
                    org.0,
                    now,
                )),
            ])
            .await?;
        Ok(link)
    }

    /// Stops a link taking feedback, or starts it again.
    pub async fn set_feedback_link_active(
        &self,
        scope: &OrgScope,
        id: FeedbackLinkId,
        active: bool,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let links = self.store.feedback_links(org).await?;
        if !links.iter().any(|l| l.id == id) {
            return Err(AppError::NotFound);
        }
        self.store
            .apply(vec![
                Write::SetFeedbackLinkActive(org, id, active),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    if active {
                        "feedback_link.started"
                    } else {
                        "feedback_link.stopped"
                    },
                    "organisation",
                    org.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(())
    }

    /// The form behind a link; not found for an unknown token.
    pub async fn feedback_form(&self, token: &str) -> Result<FeedbackForm, AppError> {
        let link = self
            .store
            .feedback_link_by_token(token.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let organisation_name = self
            .store
            .organisation(link.organisation_id)
            .await?
            .map(|o| o.name)
            .ok_or(AppError::NotFound)?;
        Ok(FeedbackForm {
            link,
            organisation_name,
        })
    }

    /// Records feedback given through a link (read from the form with `field`): anonymous,
    /// dated only by its month. A stopped link takes none.
    pub async fn give_feedback(
        &self,
        token: &str,
        field: impl Fn(&str) -> String,
    ) -> Result<FeedbackForm, AppError> {
        let form = self.feedback_form(token).await?;
        if !form.link.active {
            return Err(AppError::Conflict(
                "This feedback link is no longer taking feedback.".into(),
            ));
        }
        let answered = answers_from_form(&[form.link.instrument], field)?;
        let writes: Vec<Write> = answered
            .into_iter()
            .map(|(_, answers)| {
                Write::InsertSurveyResponse(SurveyResponse::feedback(
                    &form.link,
                    answers,
                    self.uk_today(),
                ))
            })
            .collect();
        self.store.apply(writes).await?;
        Ok(form)
    }
}

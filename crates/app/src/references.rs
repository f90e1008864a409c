//! References: the volunteer (or a manager) names referees; each gets an emailed link to a short
//! form that needs no account; replies attach to the references item on the checklist.

use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::reference::{
    MAX_REFERENCES, RefereeInput, ReferenceReplyInput, ReferenceRequest,
};
use domain::compliance::{Check, CheckKind, CheckStatus};
use domain::ids::{CheckId, OrganisationId, PersonId, ReferenceRequestId};
use domain::staff::Capability;

use crate::ports::{ReferenceByToken, Write};
use crate::{App, AppError, OrgScope, tokens};

/// How many referees can be asked for one references item (allowing for some who never reply).
const MAX_REQUESTS: usize = 2 * MAX_REFERENCES as usize;

impl App {
    /// The volunteer names a referee for the references item on their own checklist.
    pub async fn request_my_reference(
        &self,
        person: PersonId,
        org_slug: &str,
        check: CheckId,
        input: &RefereeInput,
    ) -> Result<ReferenceRequest, AppError> {
        let (org, check) = self.my_check(person, org_slug, check).await?;
        let (request, _) = self
            .ask_referee(org.id, &org.name, &check, input, Actor::Person(person))
            .await?;
        Ok(request)
    }

    /// A manager names a referee for one of their organisation's volunteers.
    pub async fn request_reference(
        &self,
        scope: &OrgScope,
        check: CheckId,
        input: &RefereeInput,
    ) -> Result<ReferenceRequest, AppError> {
        Ok(self.request_reference_link(scope, check, input).await?.0)
    }

    /// As [`App::request_reference`], also returning the referee's link token, for trusted
    /// in-process callers that hand the link over themselves (the demo's referees answer it).
    pub async fn request_reference_link(
        &self,
        scope: &OrgScope,
        check: CheckId,
        input: &RefereeInput,
    ) -> Result<(ReferenceRequest, String), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let check = self
            .store
            .check(scope.organisation_id(), check)
            .await?
            .ok_or(AppError::NotFound)?;
        self.require_can_see_person(scope, check.person_id).await?;
        self.ask_referee(
            scope.organisation_id(),
            &scope.organisation().name,
            &check,
            input,
            scope.actor().clone(),
        )
        .await
    }

    async fn ask_referee(
        &self,
        org: OrganisationId,
        org_name: &str,
        check: &Check,
        input: &RefereeInput,
        actor: Actor,
    ) -> Result<(ReferenceRequest, String), AppError> {
        if check.kind != CheckKind::References {
            return Err(
                FieldErrors::one("check", "Referees can only be given for references").into(),
            );
        }
        let (name, email, relationship) = input.parse()?;
        let person = self
            .store
            .person(check.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if email == person.email {
            return Err(FieldErrors::one(
                "referee_email",
                "A referee must be someone other than the volunteer",
            )
            .into());
        }
        let existing = self.store.reference_requests(org, check.id).await?;
        if existing.iter().any(|r| r.referee_email == email) {
            return Err(
                FieldErrors::one("referee_email", "This referee has already been asked").into(),
            );
        }
        if existing.len() >= MAX_REQUESTS {
            return Err(FieldErrors::one(
                "referee_email",
                format!("No more than {MAX_REQUESTS} referees can be asked; talk to us if none of them can reply"),
            )
            .into());
        }
        let now = self.clock.now();
        let request = ReferenceRequest {
            id: ReferenceRequestId::new(),
            organisation_id: org,
            person_id: check.person_id,
            check_id: check.id,
            referee_name: name,
            referee_email: email,
            relationship,
            requested_at: now,
            reply: None,
        };
        let token = tokens::generate();
        let body = format!(
            "Dear {},\n\n{} has applied to volunteer with {} and has given your name as a referee ({}).\n\n\
             Please answer three short questions at {}/references/{}\n\nYou do not need an account. \
             The link works once. Thank you for your help.\n",
            request.referee_name,
            person.full_name(),
            org_name,
            request.relationship,
            self.base_url,
            token
        );
        self.store
            .apply(vec![
                Write::InsertReferenceRequest(request.clone(), tokens::hash(&token)),
                Write::InsertMessage(self.message(
                    request.referee_email.as_str(),
                    &format!("Reference for {}", person.full_name()),
                    body,
                )),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    actor,
                    "reference.requested",
                    "check",
                    check.id.0,
                    now,
                )),
            ])
            .await?;
        Ok((request, token))
    }

    /// The referee's form, by the token in their link.
    pub async fn reference_form(&self, token: &str) -> Result<ReferenceByToken, AppError> {
        self.store
            .reference_by_token(&tokens::hash(token.trim()))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The referee replies. Once enough replies are in, the references item waits for a manager
    /// to verify it.
    pub async fn give_reference(
        &self,
        token: &str,
        input: &ReferenceReplyInput,
    ) -> Result<(), AppError> {
        let found = self.reference_form(token).await?;
        let request = found.request;
        if request.reply.is_some() {
            return Err(AppError::Conflict(
                "This reference has already been given. Thank you.".into(),
            ));
        }
        let now = self.clock.now();
        let reply = input.parse(now)?;
        let org = request.organisation_id;
        let mut writes = vec![
            Write::ReceiveReference(org, request.id, reply),
            Write::Audit(AuditEntry::new(
                Some(org),
                Actor::System,
                "reference.received",
                "check",
                request.check_id.0,
                now,
            )),
        ];
        let received = self.received_references(org, request.check_id).await? + 1;
        let needed = self.references_needed(org, request.person_id).await?.max(1);
        if received >= needed
            && let Some(check) = self.store.check(org, request.check_id).await?
            && matches!(check.status, CheckStatus::Pending | CheckStatus::Failed)
        {
            let mut next = check.clone();
            next.status = CheckStatus::Submitted;
            next.submitted_at = Some(now);
            next.submitted_by = "Referees".into();
            writes.push(Write::UpdateCheck(next, check.version()));
        }
        self.store.apply(writes).await?;
        Ok(())
    }
}

//! Applications: a person applies to a role; a manager screens and decides.

use domain::FieldErrors;
use domain::application::{Application, ApplicationInput, ApplicationStatus};
use domain::audit::{Actor, AuditEntry};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus};
use domain::ids::{ApplicationId, EngagementId, PersonId, RoleId};
use domain::staff::Capability;

use crate::ports::{ApplicationEvent, ApplicationRow, ApplicationSearch, Page, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// A signed-in person applies to an open role. Their engagement with the organisation is
    /// created (or moved back to applicant if they had left), and they are sent a confirmation.
    pub async fn apply(
        &self,
        person_id: PersonId,
        role_id: RoleId,
        input: &ApplicationInput,
    ) -> Result<Application, AppError> {
        let (application, writes) = self.application_writes(person_id, role_id, input).await?;
        self.store.apply(writes).await?;
        Ok(application)
    }

    /// The application and everything that goes with it (engagement, audit, confirmation), to
    /// apply alone or with a referral.
    pub(crate) async fn application_writes(
        &self,
        person_id: PersonId,
        role_id: RoleId,
        input: &ApplicationInput,
    ) -> Result<(Application, Vec<Write>), AppError> {
        let opportunity = self.opportunity(role_id).await?;
        let role = &opportunity.role;
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let (motivation, availability) =
            input.check(role, person.date_of_birth, self.clock.today())?;
        let org = role.organisation_id;
        let already = self.store.applications(org, Some(person_id)).await?;
        if already
            .iter()
            .any(|a| a.application.role_id == role_id && a.application.status.is_open())
        {
            return Err(FieldErrors::one("role", "You have already applied for this role").into());
        }
        let now = self.clock.now();
        let by = person.full_name();
        let mut writes = Vec::new();
        let engagement_id = match self.store.engagement_of(org, person_id).await? {
            Some(e) => {
                if matches!(e.status, EngagementStatus::Enquiry | EngagementStatus::Left) {
                    writes.extend(engagement_moved(
                        &e,
                        EngagementStatus::Applicant,
                        &Actor::Person(person_id),
                        now,
                        &by,
                        "Applied",
                    ));
                }
                e.id
            }
            None => {
                let e = Engagement {
                    id: EngagementId::new(),
                    organisation_id: org,
                    person_id,
                    status: EngagementStatus::Applicant,
                    started_at: now,
                    leaving_reason: None,
                    leaving_note: String::new(),
                };
                writes.push(Write::InsertEngagement(e.clone()));
                writes.push(event(
                    org,
                    e.id,
                    None,
                    EngagementStatus::Applicant,
                    now,
                    &by,
                    "Applied",
                ));
                writes.push(engagement_audit(
                    org,
                    &Actor::Person(person_id),
                    e.id,
                    EngagementStatus::Applicant,
                    now,
                ));
                e.id
            }
        };
        let application = Application {
            id: ApplicationId::new(),
            organisation_id: org,
            person_id,
            engagement_id,
            role_id,
            status: ApplicationStatus::Submitted,
            motivation,
            availability,
            submitted_at: now,
        };
        writes.push(Write::InsertApplication(application.clone()));
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            Actor::Person(person_id),
            "application.submitted",
            "application",
            application.id.0,
            now,
        )));
        let body = format!(
            "Hello {},\n\nThank you for applying to be a {} with {}. We have your application and will be in touch \
             about the next steps.\n\nYou can see where your application has got to at {}/my/applications\n",
            person.known_as(),
            role.title,
            opportunity.organisation_name,
            self.base_url
        );
        writes.push(Write::InsertMessage(self.message(
            person.email.as_str(),
            &format!("Your application: {}", role.title),
            body,
        )));
        Ok((application, writes))
    }

    /// A person's own applications everywhere.
    pub async fn my_applications(
        &self,
        person_id: PersonId,
    ) -> Result<Vec<ApplicationRow>, AppError> {
        Ok(self.store.applications_of_person(person_id).await?)
    }

    /// The applicant withdraws an application that is still open.
    pub async fn withdraw_application(
        &self,
        person_id: PersonId,
        id: ApplicationId,
    ) -> Result<(), AppError> {
        let row = self
            .store
            .applications_of_person(person_id)
            .await?
            .into_iter()
            .find(|a| a.application.id == id)
            .ok_or(AppError::NotFound)?;
        if !row.application.status.is_open() {
            return Err(AppError::Conflict(
                "This application has already been decided".into(),
            ));
        }
        let now = self.clock.now();
        let org = row.application.organisation_id;
        self.store
            .apply(vec![
                Write::MoveApplication {
                    organisation_id: org,
                    id,
                    from: row.application.status,
                    to: ApplicationStatus::Withdrawn,
                    note: "Withdrawn by the applicant".into(),
                    by: row.person_name.clone(),
                    at: now,
                },
                Write::Audit(AuditEntry::new(
                    Some(org),
                    Actor::Person(person_id),
                    "application.withdrawn",
                    "application",
                    id.0,
                    now,
                )),
            ])
            .await?;
        Ok(())
    }

    /// The organisation's applications (all, or one person's).
    pub async fn applications(
        &self,
        scope: &OrgScope,
        person: Option<PersonId>,
    ) -> Result<Vec<ApplicationRow>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        if let Some(p) = person {
            self.require_can_see_person(scope, p).await?;
        }
        let rows = self
            .store
            .applications(scope.organisation_id(), person)
            .await?;
        match scope.site_limit() {
            None => Ok(rows),
            Some(_) => {
                let mut visible = Vec::new();
                for row in rows {
                    if self
                        .role_at_supervised_site(scope, row.application.role_id)
                        .await?
                    {
                        visible.push(row);
                    }
                }
                Ok(visible)
            }
        }
    }

    /// A page of the organisation's applications, newest first. Supervisors see only
    /// applications to roles at their sites.
    pub async fn application_page(
        &self,
        scope: &OrgScope,
        mut search: ApplicationSearch,
    ) -> Result<Page<ApplicationRow>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        search.limit_to_sites = scope.site_limit();
        search.page = search.page.max(1);
        search.per_page = search.per_page.clamp(1, 500);
        Ok(self
            .store
            .application_page(scope.organisation_id(), &search)
            .await?)
    }

    /// One application with its history.
    pub async fn application(
        &self,
        scope: &OrgScope,
        id: ApplicationId,
    ) -> Result<(ApplicationRow, Vec<ApplicationEvent>), AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let row = self
            .store
            .application(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.require_can_see_person(scope, row.application.person_id)
            .await?;
        let events = self
            .store
            .application_events(scope.organisation_id(), id)
            .await?;
        Ok((row, events))
    }

    /// A manager moves an application on. Accepting starts onboarding.
    pub async fn decide_application(
        &self,
        scope: &OrgScope,
        id: ApplicationId,
        to: ApplicationStatus,
        note: &str,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let (row, _) = self.application(scope, id).await?;
        let app = &row.application;
        if !app.status.manager_can_move_to(to) {
            return Err(FieldErrors::one(
                "status",
                format!(
                    "An application that is {} cannot be moved to {}",
                    app.status.to_string().to_lowercase(),
                    to.to_string().to_lowercase()
                ),
            )
            .into());
        }
        let mut errors = FieldErrors::new();
        let note = errors.optional_text("note", "the note", note, 2_000);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let note = note.as_str();
        if to == ApplicationStatus::Declined && note.is_empty() {
            return Err(FieldErrors::one("note", "Enter a reason for declining").into());
        }
        let now = self.clock.now();
        let by = self.actor_name(scope.actor()).await?;
        let org = scope.organisation_id();
        let mut writes = vec![Write::MoveApplication {
            organisation_id: org,
            id,
            from: app.status,
            to,
            note: note.to_owned(),
            by: by.clone(),
            at: now,
        }];
        if to == ApplicationStatus::Accepted
            && let Some(e) = self.store.engagement_of(org, app.person_id).await?
            && e.status.can_move_to(EngagementStatus::Onboarding)
        {
            writes.extend(engagement_moved(
                &e,
                EngagementStatus::Onboarding,
                scope.actor(),
                now,
                &by,
                &format!("Accepted for {}", row.role_title),
            ));
        }
        if to == ApplicationStatus::Accepted {
            let role = self
                .store
                .role(org, app.role_id)
                .await?
                .ok_or(AppError::NotFound)?;
            writes.extend(
                self.placement_writes(org, app.person_id, &role, Some((app.id, app.submitted_at)))
                    .await?,
            );
        }
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            &format!("application.{}", to.to_string().to_lowercase()),
            "application",
            id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(())
    }

    pub(crate) async fn actor_name(&self, actor: &Actor) -> Result<String, AppError> {
        Ok(match actor.person_id() {
            Some(id) => self
                .store
                .person(id)
                .await?
                .map(|p| p.full_name())
                .unwrap_or_default(),
            None => "Alongside".into(),
        })
    }
}

pub(crate) fn event(
    org: domain::ids::OrganisationId,
    id: EngagementId,
    from: Option<EngagementStatus>,
    to: EngagementStatus,
    at: chrono::DateTime<chrono::Utc>,
    by: &str,
    note: &str,
) -> Write {
    Write::InsertEngagementEvent(
        org,
        id,
        EngagementEvent {
            from,
            to,
            at,
            by: by.into(),
            note: note.into(),
        },
    )
}

/// The writes that move an engagement on as part of another change (applying, being accepted,
/// starting in a role): the conditional move, its history line and its audit entry.
pub(crate) fn engagement_moved(
    e: &Engagement,
    to: EngagementStatus,
    actor: &Actor,
    at: chrono::DateTime<chrono::Utc>,
    by: &str,
    note: &str,
) -> [Write; 3] {
    let org = e.organisation_id;
    [
        Write::MoveEngagement {
            organisation_id: org,
            id: e.id,
            from: e.status,
            to,
            leaving_reason: None,
            leaving_note: String::new(),
        },
        event(org, e.id, Some(e.status), to, at, by, note),
        engagement_audit(org, actor, e.id, to, at),
    ]
}

/// The audit entry for an engagement's status change made as part of an application.
fn engagement_audit(
    org: domain::ids::OrganisationId,
    actor: &Actor,
    id: EngagementId,
    to: EngagementStatus,
    at: chrono::DateTime<chrono::Utc>,
) -> Write {
    use domain::Labelled;
    Write::Audit(AuditEntry::new(
        Some(org),
        actor.clone(),
        &format!("engagement.{}", to.code()),
        "engagement",
        id.0,
        at,
    ))
}

//! People: a volunteer's own profile, and an organisation's view of its volunteers.

use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::ids::{PersonId, RoleId};
use domain::organisation::Organisation;
use domain::person::{Person, PersonInput};
use domain::staff::Capability;

use crate::ports::{ApplicationRow, Page, VolunteerRow, VolunteerSearch, Write};
use crate::{App, AppError, OrgScope};

/// Everything an organisation holds about one volunteer, for their record page.
#[derive(Debug, Clone)]
pub struct VolunteerRecord {
    /// Profile.
    pub person: Person,
    /// Engagement with this organisation.
    pub engagement: Engagement,
    /// Its dated history.
    pub history: Vec<EngagementEvent>,
    /// Applications to this organisation's roles.
    pub applications: Vec<ApplicationRow>,
}

impl App {
    /// A person's own profile.
    pub async fn my_profile(&self, person_id: PersonId) -> Result<Person, AppError> {
        self.store
            .person(person_id)
            .await?
            .ok_or(AppError::Unauthenticated)
    }

    /// A person changes their own profile.
    pub async fn update_my_profile(
        &self,
        person_id: PersonId,
        input: &PersonInput,
    ) -> Result<Person, AppError> {
        let person = input.parse(person_id, self.clock.today())?;
        if let Some((other, _)) = self.store.person_by_email(person.email.as_str()).await?
            && other.id != person_id
        {
            return Err(
                FieldErrors::one("email", "Another account uses this email address").into(),
            );
        }
        let audit = AuditEntry::new(
            None,
            Actor::Person(person_id),
            "person.updated",
            "person",
            person_id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::UpdatePerson(person.clone()),
                Write::Audit(audit),
            ])
            .await?;
        Ok(person)
    }

    /// The organisations a person volunteers with (or has applied to).
    pub async fn my_organisations(
        &self,
        person_id: PersonId,
    ) -> Result<Vec<(Engagement, Organisation)>, AppError> {
        Ok(self.store.engagements_of_person(person_id).await?)
    }

    /// A page of the organisation's volunteers. Supervisors see only people at their sites.
    pub async fn volunteers(
        &self,
        scope: &OrgScope,
        mut search: VolunteerSearch,
    ) -> Result<Page<VolunteerRow>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        search.limit_to_sites = scope.site_limit();
        search.keywords = domain::without_control_characters(&search.keywords);
        search.page = search.page.max(1);
        search.per_page = search.per_page.clamp(1, 500);
        if let Some(role) = search.role_id {
            self.role(scope, role).await?;
        }
        let page = self
            .store
            .volunteers(scope.organisation_id(), &search)
            .await?;
        if page.items.is_empty() && page.total > 0 && search.page > page.pages() {
            // Past the end (the list shrank, or the address was typed): show the last page.
            search.page = page.pages();
            return Ok(self
                .store
                .volunteers(scope.organisation_id(), &search)
                .await?);
        }
        Ok(page)
    }

    /// One volunteer's record in this organisation.
    pub async fn volunteer_record(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
    ) -> Result<VolunteerRecord, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        self.require_can_see_person(scope, person_id).await?;
        let org = scope.organisation_id();
        let engagement = self
            .store
            .engagement_of(org, person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let history = self.store.engagement_events(org, engagement.id).await?;
        let applications = self.applications(scope, Some(person_id)).await?;
        let audit = AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            "person.viewed",
            "person",
            person_id.0,
            self.clock.now(),
        );
        self.store.apply(vec![Write::Audit(audit)]).await?;
        Ok(VolunteerRecord {
            person,
            engagement,
            history,
            applications,
        })
    }

    /// A manager moves a volunteer's engagement on (e.g. onboarding → active, active → left).
    pub async fn move_engagement(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
        to: EngagementStatus,
        leaving_reason: Option<LeavingReason>,
        note: &str,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let e = self
            .store
            .engagement_of(org, person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut errors = crate::engagement_moves::move_errors(e.status, to, leaving_reason, note);
        let note = errors.optional_text("note", "the note", note, 2_000);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let now = self.clock.now();
        let by = self.actor_name(scope.actor()).await?;
        let m = crate::engagement_moves::Move {
            person_id,
            engagement_id: e.id,
            from: e.status,
            to,
            leaving_reason,
            note: &note,
        };
        let writes = self.move_writes(scope, &m, &by, now).await?;
        self.store.apply(writes).await?;
        Ok(())
    }

    /// Supervisors may only see people who applied to roles at their sites.
    pub(crate) async fn require_can_see_person(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
    ) -> Result<(), AppError> {
        if scope.site_limit().is_none() {
            return Ok(());
        }
        for row in self
            .store
            .applications(scope.organisation_id(), Some(person_id))
            .await?
        {
            if self
                .role_at_supervised_site(scope, row.application.role_id)
                .await?
            {
                return Ok(());
            }
        }
        Err(AppError::NotFound)
    }

    pub(crate) async fn role_at_supervised_site(
        &self,
        scope: &OrgScope,
        role_id: RoleId,
    ) -> Result<bool, AppError> {
        let Some(sites) = scope.site_limit() else {
            return Ok(true);
        };
        Ok(self
            .store
            .role(scope.organisation_id(), role_id)
            .await?
            .is_some_and(|r| r.site_ids.iter().any(|s| sites.contains(s))))
    }
}

//! Consents recorded on a form of their own: managers record that a volunteer gave (or
//! declined) consent to something and, later, its withdrawal; the volunteer sees theirs on
//! their data page and can withdraw one they gave. Each change is audited and never deleted.

use domain::audit::{Actor, AuditEntry};
use domain::ids::{ConsentId, PersonId};
use domain::privacy::consent::{ConsentInput, RecordedConsent, withdrawal_day};
use domain::staff::Capability;

use crate::ports::{PrivacyWrite, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// The consents recorded for a person with the organisation, oldest first (staff who
    /// manage volunteering; someone not with the organisation is `NotFound`).
    pub async fn person_consents(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<Vec<RecordedConsent>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.store
            .engagement_of(scope.organisation_id(), person)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(self
            .store
            .recorded_consents(Some(scope.organisation_id()), Some(person))
            .await?)
    }

    /// The name of a person with the organisation, for the heading of their consents page
    /// (the same check as [`App::person_consents`]).
    pub async fn consent_subject(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<String, AppError> {
        self.person_consents(scope, person).await?;
        Ok(self
            .store
            .person(person)
            .await?
            .map(|p| p.full_name())
            .unwrap_or_default())
    }

    /// Records a consent for a person (given or declined, the day, how, a note), audited as
    /// `consent.recorded`. Bad input is field errors naming the form's fields.
    pub async fn record_consent(
        &self,
        scope: &OrgScope,
        person: PersonId,
        input: &ConsentInput,
    ) -> Result<RecordedConsent, AppError> {
        self.person_consents(scope, person).await?;
        let by = self.actor_name(scope.actor()).await?;
        let now = self.clock.now();
        let consent = input.parse(scope.organisation_id(), person, (&by, self.uk_today(), now))?;
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::RecordConsent(consent.clone())),
                self.consent_audit(scope.actor(), &consent, "consent.recorded"),
            ])
            .await?;
        Ok(consent)
    }

    /// A manager records that a person withdrew a consent on a day (blank: today), audited as
    /// `consent.withdrawn`. One already withdrawn is a field error on `on`.
    pub async fn withdraw_consent(
        &self,
        scope: &OrgScope,
        person: PersonId,
        id: ConsentId,
        on: &str,
    ) -> Result<RecordedConsent, AppError> {
        let consent = self
            .person_consents(scope, person)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound)?;
        let by = self.actor_name(scope.actor()).await?;
        self.apply_withdrawal(scope.actor(), consent, on, by).await
    }

    /// The person withdraws a consent recorded for them (by any organisation) that stands now.
    /// Another person's consent is `NotFound`.
    pub async fn withdraw_my_consent(
        &self,
        person: PersonId,
        id: ConsentId,
    ) -> Result<RecordedConsent, AppError> {
        let consent = self
            .store
            .recorded_consents(None, Some(person))
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound)?;
        let by = self.actor_name(&Actor::Person(person)).await?;
        self.apply_withdrawal(&Actor::Person(person), consent, "", by)
            .await
    }

    async fn apply_withdrawal(
        &self,
        actor: &Actor,
        mut consent: RecordedConsent,
        on: &str,
        by: String,
    ) -> Result<RecordedConsent, AppError> {
        let day = withdrawal_day(&consent, on, self.uk_today())?;
        consent.withdrawn_on = Some(day);
        consent.withdrawn_by.clone_from(&by);
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::WithdrawConsent {
                    organisation_id: consent.organisation_id,
                    id: consent.id,
                    on: day,
                    by,
                }),
                self.consent_audit(actor, &consent, "consent.withdrawn"),
            ])
            .await?;
        Ok(consent)
    }

    fn consent_audit(&self, actor: &Actor, consent: &RecordedConsent, action: &str) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(consent.organisation_id),
                actor.clone(),
                action,
                "person",
                consent.person_id.0,
                self.clock.now(),
            )
            .with_detail(consent.purpose.clone()),
        )
    }
}

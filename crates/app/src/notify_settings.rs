//! An organisation's notification provider (this server's mailer, GOV.UK Notify, or nothing),
//! set by its admins; the delivery receipts GOV.UK Notify posts back; and forgetting who each
//! message went to, and what it said, after [`MESSAGE_DETAIL_DAYS`].
//!
//! The Notify API key is a secret: it is stored (every request is signed with it) but only ever
//! shown back masked. The callback bearer token is shown once, when made, and only its SHA-256
//! is kept.

use chrono::{DateTime, Duration, Utc};
use domain::audit::AuditEntry;
use domain::ids::{MessageId, OrganisationId, PersonId};
use domain::notify::{
    MESSAGE_DETAIL_DAYS, NotificationSettings, NotificationSettingsInput, ReceiptStatus,
};
use domain::staff::Capability;

use crate::ports::{LoggedMessage, NotifyWrite, Receipt, Write};
use crate::{App, AppError, OrgScope, tokens};

/// How many messages the settings page lists.
const LOG_LENGTH: u32 = 50;

/// What an admin sees of the settings: never the whole API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsView {
    /// The settings (the key inside is for the masked form only).
    pub settings: NotificationSettings,
    /// The API key as it may be shown, if there is one.
    pub masked_key: Option<String>,
    /// The organisation's recent messages.
    pub log: Vec<LoggedMessage>,
}

/// A delivery receipt as GOV.UK Notify posts it (only the fields we use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptInput {
    /// Notify's id for the message.
    pub id: String,
    /// The reference we gave: our message id.
    pub reference: String,
    /// Notify's status code.
    pub status: String,
    /// When it finished, if it has.
    pub completed_at: Option<DateTime<Utc>>,
}

impl App {
    /// An organisation's settings, or the default (this server's mailer) if it chose none.
    pub(crate) async fn settings_of(
        &self,
        org: OrganisationId,
    ) -> Result<NotificationSettings, AppError> {
        Ok(self
            .store
            .notification_settings(org)
            .await?
            .unwrap_or_else(|| NotificationSettings::default_for(org, self.clock.now())))
    }

    /// The organisation's notification settings and message log, for its admins.
    pub async fn notification_settings(&self, scope: &OrgScope) -> Result<SettingsView, AppError> {
        scope.require(Capability::Administer)?;
        let settings = self.settings_of(scope.organisation_id()).await?;
        let log = self
            .store
            .message_log(scope.organisation_id(), LOG_LENGTH)
            .await?;
        Ok(SettingsView {
            masked_key: settings.api_key.as_ref().map(|k| k.masked()),
            settings,
            log,
        })
    }

    /// Changes who sends the organisation's messages. Nothing is saved unless every field is
    /// valid; the change is audited, without the key.
    pub async fn set_notification_settings(
        &self,
        scope: &OrgScope,
        input: &NotificationSettingsInput,
    ) -> Result<NotificationSettings, AppError> {
        scope.require(Capability::Administer)?;
        let now = self.clock.now();
        let current = self.settings_of(scope.organisation_id()).await?;
        let settings = input.apply(&current, now)?;
        let key_changed = settings.api_key != current.api_key;
        let detail = format!(
            "provider={}{}",
            domain::Labelled::code(settings.provider),
            if key_changed { ", new API key" } else { "" }
        );
        self.store
            .apply(vec![
                Write::Notify(NotifyWrite::PutSettings(settings.clone())),
                self.settings_audit(scope, "notification_settings.changed", detail, now),
            ])
            .await?;
        Ok(settings)
    }

    /// Makes a new bearer token for Notify's delivery receipts, replacing any earlier one (which
    /// stops working). Returns the token, to show once.
    pub async fn new_callback_token(&self, scope: &OrgScope) -> Result<String, AppError> {
        scope.require(Capability::Administer)?;
        let now = self.clock.now();
        let mut settings = self.settings_of(scope.organisation_id()).await?;
        let token = tokens::generate();
        settings.callback_token_hash = Some(tokens::hash(&token));
        settings.updated_at = now;
        self.store
            .apply(vec![
                Write::Notify(NotifyWrite::PutSettings(settings)),
                self.settings_audit(
                    scope,
                    "notification_settings.callback_token",
                    String::new(),
                    now,
                ),
            ])
            .await?;
        Ok(token)
    }

    fn settings_audit(
        &self,
        scope: &OrgScope,
        action: &str,
        detail: String,
        now: DateTime<Utc>,
    ) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(scope.organisation_id()),
                scope.actor().clone(),
                action,
                "organisation",
                scope.organisation_id().0,
                now,
            )
            .with_detail(detail),
        )
    }

    /// Records a delivery receipt Notify posted to the organisation's callback address with
    /// `bearer` as its token. `NotFound` for an unknown organisation, a wrong or missing token
    /// (so nobody learns which organisations use Notify), or a message the organisation never
    /// sent; `Invalid` for a status or reference that is not Notify's.
    pub async fn record_notify_receipt(
        &self,
        org_slug: &str,
        bearer: Option<&str>,
        input: &ReceiptInput,
    ) -> Result<(), AppError> {
        let org = self
            .store
            .organisation_by_slug(&crate::slug_key(org_slug))
            .await?
            .ok_or(AppError::NotFound)?;
        let settings = self
            .store
            .notification_settings(org.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let expected = settings.callback_token_hash.ok_or(AppError::NotFound)?;
        let given = bearer.map(tokens::hash).unwrap_or_default();
        if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            return Err(AppError::NotFound);
        }
        let mut errors = domain::FieldErrors::new();
        let status = <ReceiptStatus as domain::Labelled>::from_code(input.status.trim());
        if status.is_none() {
            errors.add(
                "status",
                "This is not a delivery status GOV.UK Notify sends",
            );
        }
        let message_id = uuid::Uuid::parse_str(input.reference.trim()).ok();
        if message_id.is_none() {
            errors.add("reference", "This is not a reference Alongside gave");
        }
        let (Some(status), Some(message_id)) = (status, message_id) else {
            return Err(errors.into());
        };
        let receipt = Receipt {
            organisation_id: org.id,
            message_id: MessageId(message_id),
            provider_ref: domain::without_control_characters(input.id.trim()),
            status,
            at: input.completed_at.unwrap_or_else(|| self.clock.now()),
        };
        if self.store.record_receipt(&receipt).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Blanks who each message went to and what it said once it is [`MESSAGE_DETAIL_DAYS`]
    /// old, keeping its kind, channel, times and status. Run on a schedule; returns how many.
    pub async fn forget_old_message_details(&self) -> Result<u64, AppError> {
        let now = self.clock.now();
        let before = now - Duration::days(MESSAGE_DETAIL_DAYS);
        Ok(self.store.forget_message_details(before, now).await?)
    }

    /// Whether any organisation `person` volunteers with sends text messages, and they have a
    /// phone number: only then is "text message" offered at `/my/notifications`.
    pub async fn can_text(&self, person: PersonId) -> Result<bool, AppError> {
        let Some(who) = self.store.person(person).await? else {
            return Ok(false);
        };
        if who.phone.is_none() {
            return Ok(false);
        }
        for (_, org) in self.store.engagements_of_person(person).await? {
            if self.settings_of(org.id).await?.sends_sms() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Compares two byte strings in time that depends only on their length, so the callback token
/// cannot be guessed a character at a time from response times.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

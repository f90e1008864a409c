//! Each organisation's privacy notice (public; its own words, or the default written from its
//! details and retention rules) and its register of consents given to it.

use domain::audit::AuditEntry;
use domain::organisation::Organisation;
use domain::privacy::notice::{default_notice, parse_notice};
use domain::staff::Capability;

use crate::ports::{ConsentRecord, PrivacyWrite, Write};
use crate::{App, AppError, OrgScope};

/// A privacy notice as published.
#[derive(Debug, Clone)]
pub struct PrivacyNotice {
    /// Whose.
    pub organisation: Organisation,
    /// Its text (paragraphs separated by blank lines).
    pub text: String,
    /// Whether the organisation wrote its own (otherwise it is the default).
    pub custom: bool,
}

impl App {
    /// The public privacy notice of the organisation `slug`.
    pub async fn privacy_notice(&self, slug: &str) -> Result<PrivacyNotice, AppError> {
        let organisation = self.organisation(slug).await?;
        let settings = self.privacy_settings_of(organisation.id).await?;
        Ok(match settings.notice {
            Some(text) => PrivacyNotice {
                organisation,
                text,
                custom: true,
            },
            None => PrivacyNotice {
                text: default_notice(&organisation, &settings.retention),
                organisation,
                custom: false,
            },
        })
    }

    /// An admin saves the notice's text; `None` goes back to the default.
    pub async fn save_privacy_notice(
        &self,
        scope: &OrgScope,
        text: Option<&str>,
    ) -> Result<(), AppError> {
        scope.require(Capability::Administer)?;
        let notice = text.map(parse_notice).transpose()?;
        let org = scope.organisation_id();
        let mut settings = self.privacy_settings_of(org).await?;
        settings.notice = notice;
        let now = self.clock.now();
        let action = if settings.notice.is_some() {
            "privacy.notice_changed"
        } else {
            "privacy.notice_reset"
        };
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::PutSettings(org, settings, now)),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    action,
                    "organisation",
                    org.0,
                    now,
                )),
            ])
            .await?;
        Ok(())
    }

    /// Every consent given to the organisation, for its register.
    pub async fn consent_register(&self, scope: &OrgScope) -> Result<Vec<ConsentRecord>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        Ok(self
            .store
            .consents(None, Some(scope.organisation_id()))
            .await?)
    }
}

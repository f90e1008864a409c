//! Emailed links to choose a password: after forgetting it, or the first time for someone an
//! organisation recorded before they had an account. Requests are limited so nobody can flood
//! an inbox.

use chrono::Duration;
use domain::audit::{Actor, AuditEntry};
use domain::person::Person;

use crate::accounts::RESET_MINUTES;
use crate::ports::Write;
use crate::{App, AppError, tokens};

/// Links sent to one address in an hour, at most.
pub const LINKS_PER_HOUR: u64 = 3;

/// Why a password link is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// They forgot their password.
    Reset,
    /// They have no password yet.
    FirstPassword,
}

impl App {
    /// Emails a reset link if the address has an account. Says nothing either way, so the form
    /// cannot be used to discover who has an account.
    pub async fn request_password_reset(&self, email: &str) -> Result<(), AppError> {
        let Some((person, _)) = self.store.person_by_email(&crate::email_key(email)).await? else {
            return Ok(());
        };
        self.send_password_link(&person, LinkPurpose::Reset).await
    }

    /// Queues a password link for `person`, unless they have had enough of them this hour.
    pub(crate) async fn send_password_link(
        &self,
        person: &Person,
        purpose: LinkPurpose,
    ) -> Result<(), AppError> {
        let now = self.clock.now();
        let key = format!("password-link:{}", person.id);
        if self
            .store
            .sign_in_failures(&key, now - Duration::hours(1))
            .await?
            >= LINKS_PER_HOUR
        {
            return Ok(());
        }
        let token = tokens::generate();
        let link = format!("{}/reset-password/{token}", self.base_url);
        let (subject, intro) = match purpose {
            LinkPurpose::Reset => (
                "Reset your Alongside password",
                "Someone asked to reset the password for your Alongside account.",
            ),
            LinkPurpose::FirstPassword => (
                "Choose your Alongside password",
                "An organisation you got in touch with has your details on Alongside. To apply for roles and see your \
                 applications, choose a password.",
            ),
        };
        let body = format!(
            "Hello {},\n\n{intro} To choose a password, open this link within {RESET_MINUTES} minutes:\n\n{link}\n\n\
             If it was not you, you can ignore this email.\n",
            person.known_as(),
        );
        self.store
            .apply(vec![
                Write::RecordSignInFailure(key, now),
                Write::InsertResetToken {
                    token_hash: tokens::hash(&token),
                    person_id: person.id,
                    expires_at: now + Duration::minutes(RESET_MINUTES),
                },
                Write::InsertMessage(self.message(person.email.as_str(), subject, body)),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::System,
                    "person.password_link_sent",
                    "person",
                    person.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(())
    }
}

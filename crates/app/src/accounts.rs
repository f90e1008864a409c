//! Accounts: registering, signing in and out, sessions and password resets.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Duration;
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::PersonId;
use domain::person::{Person, PersonInput};

use crate::ports::{OutboxMessage, Session, Write};
use crate::{App, AppError, tokens};

/// Shortest password we accept (NCSC advice favours length over complexity rules).
pub const MINIMUM_PASSWORD_LENGTH: usize = 10;
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;
/// How long a reset link works.
pub const RESET_MINUTES: i64 = 60;
/// Failed sign-ins allowed per account in the window.
pub const ACCOUNT_FAILURE_LIMIT: u64 = 5;
/// Failed sign-ins allowed per network address in the window.
pub const ADDRESS_FAILURE_LIMIT: u64 = 20;
/// The rate-limit window.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// A new session: the cookie value (shown once) and what is stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The secret to put in the cookie.
    pub token: String,
    /// The stored session.
    pub session: Session,
}

fn check_password(e: &mut FieldErrors, field: &str, password: &str) {
    if password.chars().count() < MINIMUM_PASSWORD_LENGTH {
        e.add(
            field,
            format!("Password must be {MINIMUM_PASSWORD_LENGTH} characters or more"),
        );
    } else if password.chars().count() > 200 {
        e.add(field, "Password must be 200 characters or fewer");
    }
}

/// Hashes a password with argon2id.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing password: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

impl App {
    /// Creates an account for a new person.
    pub async fn register(&self, input: &PersonInput, password: &str) -> Result<Person, AppError> {
        let today = self.clock.today();
        let mut errors = match input.parse(PersonId::new(), today) {
            Ok(_) => FieldErrors::new(),
            Err(e) => e,
        };
        check_password(&mut errors, "password", password);
        if let Some(email) = domain::values::Email::parse(&input.email).ok()
            && let Some((existing, hash)) = self.store.person_by_email(email.as_str()).await?
        {
            if hash.is_some() {
                errors.add(
                    "email",
                    "An account with this email address already exists. Sign in instead",
                );
            } else {
                // An organisation recorded them (an enquiry); the details are theirs to claim.
                self.send_password_link(
                    &existing,
                    crate::password_links::LinkPurpose::FirstPassword,
                )
                .await?;
                errors.add(
                    "email",
                    "We already have your details from an organisation you got in touch with. We have emailed you a link to choose your password",
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let person = input.parse(PersonId::new(), today)?;
        let hash = hash_password(password)?;
        let audit = AuditEntry::new(
            None,
            Actor::Person(person.id),
            "person.registered",
            "person",
            person.id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::InsertPerson(person.clone(), Some(hash)),
                Write::Audit(audit),
            ])
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => AppError::Invalid(FieldErrors::one(
                    "email",
                    "An account with this email address already exists. Sign in instead",
                )),
                other => other.into(),
            })?;
        Ok(person)
    }

    /// Signs a person in, replacing any session they arrived with. Failures are rate-limited per
    /// account and per network address.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: &str,
        old_session: Option<&str>,
    ) -> Result<(Person, NewSession), AppError> {
        let now = self.clock.now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let email = crate::email_key(email);
        let account_key = format!("account:{email}");
        let address_key = format!("address:{address}");
        if self.store.sign_in_failures(&account_key, since).await? >= ACCOUNT_FAILURE_LIMIT
            || self.store.sign_in_failures(&address_key, since).await? >= ADDRESS_FAILURE_LIMIT
        {
            return Err(AppError::RateLimited);
        }
        let found = self.store.person_by_email(&email).await?;
        let person = match found {
            Some((person, Some(hash))) if verify_password(password, &hash) => person,
            _ => {
                self.store
                    .apply(vec![
                        Write::RecordSignInFailure(account_key, now),
                        Write::RecordSignInFailure(address_key, now),
                    ])
                    .await?;
                return Err(AppError::Unauthenticated);
            }
        };
        let new = NewSession::for_person(person.id, now + Duration::hours(SESSION_HOURS));
        let mut writes = vec![
            Write::ClearSignInFailures(account_key),
            Write::InsertSession(new.session.clone()),
        ];
        if let Some(old) = old_session {
            writes.push(Write::DeleteSession(tokens::hash(old)));
        }
        writes.push(Write::Audit(AuditEntry::new(
            None,
            Actor::Person(person.id),
            "person.signed_in",
            "person",
            person.id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok((person, new))
    }

    /// Ends a session.
    pub async fn sign_out(&self, token: &str) -> Result<(), AppError> {
        self.store
            .apply(vec![Write::DeleteSession(tokens::hash(token))])
            .await?;
        Ok(())
    }

    /// The live session for a cookie value, if any.
    pub async fn session(&self, token: &str) -> Result<Option<Session>, AppError> {
        Ok(self
            .store
            .session(&tokens::hash(token), self.clock.now())
            .await?)
    }

    /// Whether a reset link still works.
    pub async fn reset_token_valid(&self, token: &str) -> Result<bool, AppError> {
        Ok(self
            .store
            .reset_token(&tokens::hash(token), self.clock.now())
            .await?
            .is_some())
    }

    /// Sets a new password with a reset link; the link then stops working.
    pub async fn reset_password(&self, token: &str, password: &str) -> Result<(), AppError> {
        let now = self.clock.now();
        let hash = tokens::hash(token);
        let person_id = self
            .store
            .reset_token(&hash, now)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut errors = FieldErrors::new();
        check_password(&mut errors, "password", password);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        self.store
            .apply(vec![
                Write::UseResetToken(hash, now),
                Write::SetPassword(person_id, hash_password(password)?),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person_id),
                    "person.password_reset",
                    "person",
                    person_id.0,
                    now,
                )),
            ])
            .await?;
        Ok(())
    }

    /// Forgets expired sessions, and failed sign-ins and reset links older than a day (they no
    /// longer count for anything). Run on a schedule.
    pub async fn purge_expired(&self) -> Result<u64, AppError> {
        let now = self.clock.now();
        Ok(self
            .store
            .purge_expired(now, now - Duration::days(1))
            .await?)
    }

    /// A plain-text email ready for the outbox.
    pub(crate) fn message(&self, to: &str, subject: &str, body: String) -> OutboxMessage {
        OutboxMessage::email(to, subject, body, self.clock.now())
    }
}

impl NewSession {
    /// A fresh session with new secrets.
    pub fn for_person(person_id: PersonId, expires_at: chrono::DateTime<chrono::Utc>) -> Self {
        let token = tokens::generate();
        let session = Session {
            token_hash: tokens::hash(&token),
            person_id,
            csrf_token: tokens::generate(),
            expires_at,
        };
        Self { token, session }
    }
}

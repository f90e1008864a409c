//! Secret tokens (sessions, resets, API): random, shown once, stored only as SHA-256.

use domain::audit::AuditEntry;
use domain::ids::ApiTokenId;
use domain::staff::Capability;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::ports::{ApiToken, Write};
use crate::{App, AppError, OrgScope};

/// A new random token: 32 bytes, hex.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl App {
    /// Creates an API token acting as the staff member `email` in the scope's organisation.
    /// Returns the token; it is shown once and only its hash is kept.
    pub async fn create_api_token(
        &self,
        scope: &OrgScope,
        email: &str,
    ) -> Result<String, AppError> {
        scope.require(Capability::Administer)?;
        self.create_api_token_unchecked(scope.organisation_id(), email, scope.actor().clone())
            .await
    }

    /// Creates an API token from the command line (whoever runs the binary owns the database).
    pub async fn create_api_token_for(&self, slug: &str, email: &str) -> Result<String, AppError> {
        let org = self
            .store
            .organisation_by_slug(&crate::slug_key(slug))
            .await?
            .ok_or_else(|| {
                AppError::Invalid(domain::FieldErrors::one(
                    "organisation",
                    format!("No organisation with the short name {slug}"),
                ))
            })?;
        self.create_api_token_unchecked(org.id, email, domain::audit::Actor::System)
            .await
    }

    async fn create_api_token_unchecked(
        &self,
        organisation_id: domain::ids::OrganisationId,
        email: &str,
        actor: domain::audit::Actor,
    ) -> Result<String, AppError> {
        let not_staff = || {
            AppError::Invalid(domain::FieldErrors::one(
                "email",
                format!("{email} is not a staff member of this organisation"),
            ))
        };
        let (person, _) = self
            .store
            .person_by_email(&crate::email_key(email))
            .await?
            .ok_or_else(not_staff)?;
        let is_staff = self
            .store
            .staff_roles_of(person.id)
            .await?
            .iter()
            .any(|s| s.organisation_id == organisation_id);
        if !is_staff {
            return Err(not_staff());
        }
        let token = generate();
        let stored = ApiToken {
            id: ApiTokenId::new(),
            organisation_id,
            person_id: person.id,
            token_hash: hash(&token),
            created_at: self.clock.now(),
        };
        let audit = AuditEntry::new(
            Some(organisation_id),
            actor,
            "api_token.created",
            "api_token",
            stored.id.0,
            self.clock.now(),
        )
        .with_detail(format!("for {}", person.email));
        self.store
            .apply(vec![Write::InsertApiToken(stored), Write::Audit(audit)])
            .await?;
        Ok(token)
    }
}

//! Codes for kiosks: each site's kiosk code (set by a manager, kept only as a hash) and each
//! volunteer's short personal code for an organisation (shown on their shifts page).

use domain::audit::AuditEntry;
use domain::ids::{OrganisationId, PersonId, SiteId};
use domain::rota::kiosk::{parse_kiosk_code, personal_code};
use domain::site::Site;
use domain::staff::Capability;
use rand::Rng;

use super::kiosk::KIOSK_CODE_FIELD;
use crate::ports::{KioskCode, StoreError, Write};
use crate::{App, AppError, OrgScope, tokens};

/// A site with its kiosk code's details (never the code).
#[derive(Debug, Clone)]
pub struct KioskSite {
    /// The site.
    pub site: Site,
    /// Its kiosk code, if set.
    pub code: Option<KioskCode>,
}

/// The stored form of a site's kiosk code.
pub(super) fn kiosk_hash(site: SiteId, code: &str) -> String {
    tokens::hash(&format!("kiosk:{site}:{code}"))
}

impl App {
    /// The organisation's sites with their kiosk codes' details, for managers.
    pub async fn kiosk_sites(&self, scope: &OrgScope) -> Result<Vec<KioskSite>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let codes = self.store.kiosk_codes(org).await?;
        Ok(self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|site| KioskSite {
                code: codes.iter().find(|c| c.site_id == site.id).cloned(),
                site,
            })
            .collect())
    }

    /// A manager sets a site's kiosk code: the one typed, or eight random digits when blank.
    /// Returns the code, which is shown once; kiosks unlocked with the old code lock.
    pub async fn set_kiosk_code(
        &self,
        scope: &OrgScope,
        site_id: SiteId,
        typed: &str,
    ) -> Result<String, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        self.store
            .site(org, site_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let code = if typed.trim().is_empty() {
            format!("{:08}", rand::rng().random_range(0..100_000_000u32))
        } else {
            parse_kiosk_code(typed, KIOSK_CODE_FIELD)?
        };
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::PutKioskCode(KioskCode {
                    organisation_id: org,
                    site_id,
                    code_hash: kiosk_hash(site_id, &code),
                    set_at: now,
                    set_by: scope.actor().person_id(),
                }),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "kiosk.code_set",
                    "site",
                    site_id.0,
                    now,
                )),
            ])
            .await?;
        Ok(code)
    }

    /// A volunteer's personal check-in code with an organisation, made the first time it is
    /// needed (six random digits, unique in the organisation).
    pub async fn check_in_code(
        &self,
        person: PersonId,
        org: OrganisationId,
    ) -> Result<String, AppError> {
        for _ in 0..8 {
            if let Some(code) = self.store.check_in_code(org, person).await? {
                return Ok(code);
            }
            let code = personal_code(rand::rng().random());
            let write = Write::InsertCheckInCode {
                organisation_id: org,
                person_id: person,
                code: code.clone(),
                at: self.clock.now(),
            };
            match self.store.apply(vec![write]).await {
                Ok(()) => return Ok(code),
                // Someone there has that code already (or this person's was made just now).
                Err(StoreError::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Internal(
            "could not make a unique check-in code".into(),
        ))
    }

    /// A volunteer's personal codes for every organisation they have a place with, by
    /// organisation name: (organisation name, code).
    pub async fn my_check_in_codes(
        &self,
        person: PersonId,
    ) -> Result<Vec<(String, String)>, AppError> {
        let mut orgs: Vec<OrganisationId> = self
            .store
            .bookings_of_person(person)
            .await?
            .into_iter()
            .map(|b| b.organisation_id)
            .collect();
        orgs.sort();
        orgs.dedup();
        let mut codes = Vec::new();
        for org in orgs {
            if let Some(o) = self.store.organisation(org).await? {
                codes.push((o.name, self.check_in_code(person, org).await?));
            }
        }
        codes.sort();
        Ok(codes)
    }
}

//! The volunteer passport: organisations sign mutual recognition agreements saying which checks
//! and training they accept from each other and how recent they must be; a volunteer consents
//! (and can stop consenting) to one organisation's verified evidence being shared with another;
//! the receiving organisation's checklist then shows covered items as "verified by … on …"
//! instead of starting again. Nothing outside the agreement's terms is ever shared.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::compliance::{Check, CheckStatus, RequirementType};
use crate::ids::{AgreementId, CheckId, NetworkId, OrganisationId, PassportConsentId, PersonId};

/// One item an organisation accepts from the others in an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The catalogue code both organisations use for it (e.g. `dbs`, `cstf-fire-safety`).
    pub code: String,
    /// Its name, for people.
    pub name: String,
    /// How recent it must be, in months from when it was done; none accepts it while it is valid.
    pub max_age_months: Option<u32>,
}

/// An organisation's place in an agreement: what it accepts from the others, and whether it has
/// signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Its name.
    pub organisation_name: String,
    /// What it accepts from the other parties.
    pub accepts: Vec<Term>,
    /// When it signed; none while it has not.
    pub signed_at: Option<DateTime<Utc>>,
    /// Who signed for it.
    pub signed_by: String,
}

/// A mutual recognition agreement between two organisations, or among the members of a network
/// who sign it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// Identifier.
    pub id: AgreementId,
    /// Its name, e.g. "Riverside and St Clare's: checks and training".
    pub name: String,
    /// The network it was made in, for an agreement open to all members.
    pub network_id: Option<NetworkId>,
    /// Reference to the memorandum of understanding behind it, if any.
    pub mou_reference: String,
    /// The parties.
    pub parties: Vec<Party>,
    /// When it was proposed.
    pub created_at: DateTime<Utc>,
    /// When it ended, if it has; nothing is recognised under it after that.
    pub ended_at: Option<DateTime<Utc>>,
}

impl Agreement {
    /// What `receiver` accepts from `issuer` under this agreement: its terms if both have signed
    /// and the agreement has not ended, otherwise nothing.
    pub fn terms_between(&self, issuer: OrganisationId, receiver: OrganisationId) -> &[Term] {
        let signed = |org| {
            self.parties
                .iter()
                .find(|p| p.organisation_id == org && p.signed_at.is_some())
        };
        match (self.ended_at, signed(issuer), signed(receiver)) {
            (None, Some(_), Some(r)) if issuer != receiver => &r.accepts,
            _ => &[],
        }
    }

    /// The party for `org`, if it is one.
    pub fn party(&self, org: OrganisationId) -> Option<&Party> {
        self.parties.iter().find(|p| p.organisation_id == org)
    }
}

/// A volunteer's consent to share what `from` has verified with `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassportConsent {
    /// Identifier.
    pub id: PassportConsentId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The organisation whose checks are shared.
    pub from_organisation_id: OrganisationId,
    /// The organisation they are shared with.
    pub to_organisation_id: OrganisationId,
    /// When they consented.
    pub granted_at: DateTime<Utc>,
    /// When they stopped it, if they have.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl PassportConsent {
    /// Whether it is in force.
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// The words a volunteer agrees to before sharing.
pub const CONSENT_WORDING: &str = "I agree that the checks and training this organisation has \
verified for me may be shared with the organisation I am applying to, only as far as their \
agreement covers. I can stop this at any time; anything already shared stays on their records.";

/// Why an issuer's record cannot be recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NotRecognised {
    /// The agreement does not cover this item.
    NotCovered,
    /// Not verified, or no longer valid.
    NotValid,
    /// Done longer ago than the agreement accepts.
    TooOld,
}

/// A record the receiving organisation may take on, and what goes onto its own check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognition {
    /// The receiving organisation.
    pub organisation_id: OrganisationId,
    /// The receiver's record it verified.
    pub check_id: CheckId,
    /// The organisation that verified it first.
    pub from_organisation_id: OrganisationId,
    /// That organisation's name, as it was then.
    pub from_organisation_name: String,
    /// The issuer's record.
    pub source_check_id: CheckId,
    /// The agreement it came under.
    pub agreement_id: AgreementId,
    /// The consent it came under.
    pub consent_id: PassportConsentId,
    /// The day the issuer verified it.
    pub verified_on: NaiveDate,
    /// When the receiver took it on.
    pub recognised_at: DateTime<Utc>,
}

/// When the item was done: the day it was issued or completed, or failing that the day it was
/// verified.
fn done_on(check: &Check) -> Option<NaiveDate> {
    check
        .issued_on
        .or_else(|| check.decided_at.map(|d| d.date_naive()))
}

/// Whether `issuer_check` can stand for the receiver's catalogue item `item` under `terms` on
/// `today`: the item's code is covered, the record is verified and still valid, and it is no
/// older than the terms allow.
pub fn recognisable(
    terms: &[Term],
    item: &RequirementType,
    issuer_check: &Check,
    today: NaiveDate,
) -> Result<(), NotRecognised> {
    let term = terms
        .iter()
        .find(|t| t.code == item.code)
        .ok_or(NotRecognised::NotCovered)?;
    if issuer_check.status != CheckStatus::Verified || !issuer_check.holds_on(today) {
        return Err(NotRecognised::NotValid);
    }
    if let Some(months) = term.max_age_months {
        let recent_enough = done_on(issuer_check)
            .and_then(|d| d.checked_add_months(Months::new(months)))
            .is_some_and(|limit| today <= limit);
        if !recent_enough {
            return Err(NotRecognised::TooOld);
        }
    }
    Ok(())
}

/// The receiver's record once recognised: verified, with the issuer's dates (ending no later
/// than the receiver's own validity period from when it was done), DBS level and workforce but
/// never the certificate details or what was disclosed, and who verified it first.
pub fn recognised_check(
    receiver_check: &Check,
    item: &RequirementType,
    issuer_check: &Check,
    issuer_name: &str,
    at: DateTime<Utc>,
) -> Check {
    let own_limit = item.validity_months.and_then(|m| {
        done_on(issuer_check).and_then(|d| {
            d.checked_add_months(Months::new(m))
                .and_then(|x| x.pred_opt())
        })
    });
    let expires_on = match (issuer_check.expires_on, own_limit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let verified_on = issuer_check
        .decided_at
        .map(|d| d.date_naive())
        .unwrap_or(at.date_naive());
    let dbs = issuer_check.without_dbs_details(at).dbs;
    Check {
        status: CheckStatus::Verified,
        issued_on: issuer_check.issued_on,
        expires_on,
        reference: String::new(),
        note: format!(
            "Verified by {issuer_name} on {}; recognised under a mutual recognition agreement",
            verified_on.format("%-d %B %Y")
        ),
        waiver_reason: String::new(),
        waived_until: None,
        decided_at: Some(at),
        decided_by: format!("{issuer_name} (recognised)"),
        dbs,
        verified_through: None,
        ..receiver_check.clone()
    }
}

/// An agreement as typed: its name, the MoU reference, the other organisations, and what the
/// proposing organisation accepts (each code with an optional age limit in months).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TermsInput {
    /// Codes accepted, each with `months` (blank for "while valid").
    pub items: Vec<(String, String)>,
}

impl TermsInput {
    /// Validates the terms against the accepting organisation's catalogue (by code).
    pub fn parse(&self, catalogue: &[RequirementType]) -> Result<Vec<Term>, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut terms: Vec<Term> = Vec::new();
        for (code, months) in &self.items {
            let field = format!("months-{code}");
            let Some(item) = catalogue.iter().find(|t| t.code == *code) else {
                e.add("items", format!("{code} is not in your catalogue"));
                continue;
            };
            let max_age_months = match months.trim() {
                "" => None,
                m => match m.parse::<u32>() {
                    Ok(n) if (1..=120).contains(&n) => Some(n),
                    _ => {
                        e.add(
                            &field,
                            format!(
                                "How recent {} must be: enter months from 1 to 120, or leave blank",
                                item.name
                            ),
                        );
                        None
                    }
                },
            };
            if !terms.iter().any(|t| t.code == *code) {
                terms.push(Term {
                    code: code.clone(),
                    name: item.name.clone(),
                    max_age_months,
                });
            }
        }
        if terms.is_empty() && e.is_empty() {
            e.add(
                "items",
                "Select at least one check or training module you accept",
            );
        }
        e.finish(|| Some(terms))
    }
}

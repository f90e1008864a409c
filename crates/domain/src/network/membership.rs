//! Membership of a network: organisations and individual volunteer managers (who may work for an
//! organisation that is not on Alongside), with renewal dates and fees recorded. No payments are
//! taken here; the network records what was paid.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

use crate::expenses::Pence;
use crate::ids::{NetworkId, NetworkMemberId, OrganisationId, PersonId};
use crate::values::Email;
use crate::{FieldErrors, labelled_enum};

labelled_enum!(
    /// The two kinds of membership.
    MembershipType {
        /// An organisation joins; all its staff take part.
        Organisational = "organisational": "Organisational",
        /// A person joins in their own right.
        Individual = "individual": "Individual",
    }
);

labelled_enum!(
    /// Where a membership stands on a day.
    Standing {
        /// Current.
        Active = "active": "Active",
        /// Current, with the renewal date within the next month.
        RenewalDue = "renewal_due": "Renewal due",
        /// The renewal date has passed without a renewal.
        Lapsed = "lapsed": "Lapsed",
        /// Left the network.
        Ended = "ended": "Ended",
    }
);

/// How many days before the renewal date a membership shows as due.
pub const RENEWAL_NOTICE_DAYS: i64 = 30;

/// Who the member is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Member {
    /// An organisation on Alongside.
    Organisation {
        /// The organisation.
        organisation_id: OrganisationId,
        /// Its name, for lists.
        name: String,
    },
    /// A person, who may or may not have an Alongside account.
    Individual {
        /// Their account, once linked.
        person_id: Option<PersonId>,
        /// Their name.
        name: String,
        /// Where to write to them.
        email: Email,
        /// Their job, e.g. "Voluntary services manager".
        job_title: String,
        /// Where they work.
        employer: String,
    },
}

/// One membership of a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkMember {
    /// Identifier.
    pub id: NetworkMemberId,
    /// The network.
    pub network_id: NetworkId,
    /// Who the member is.
    pub member: Member,
    /// When they joined.
    pub joined_on: NaiveDate,
    /// When the membership is next due for renewal; none if it does not need renewing.
    pub renews_on: Option<NaiveDate>,
    /// The yearly fee recorded for this member, if the network charges one.
    pub annual_fee: Option<Pence>,
    /// When they left, if they have.
    pub ended_on: Option<NaiveDate>,
    /// Whether they chose to be listed in the member directory.
    pub in_directory: bool,
    /// What they would like other members to know, for the directory.
    pub directory_note: String,
}

impl NetworkMember {
    /// Organisational or individual.
    pub fn membership_type(&self) -> MembershipType {
        match self.member {
            Member::Organisation { .. } => MembershipType::Organisational,
            Member::Individual { .. } => MembershipType::Individual,
        }
    }

    /// The member's name.
    pub fn name(&self) -> &str {
        match &self.member {
            Member::Organisation { name, .. } | Member::Individual { name, .. } => name,
        }
    }

    /// The organisation, for an organisational member.
    pub fn organisation_id(&self) -> Option<OrganisationId> {
        match self.member {
            Member::Organisation {
                organisation_id, ..
            } => Some(organisation_id),
            Member::Individual { .. } => None,
        }
    }

    /// The person, for an individual member with an account.
    pub fn person_id(&self) -> Option<PersonId> {
        match self.member {
            Member::Individual { person_id, .. } => person_id,
            Member::Organisation { .. } => None,
        }
    }

    /// Where the membership stands on `today`.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        if self.ended_on.is_some_and(|d| d <= today) {
            return Standing::Ended;
        }
        match self.renews_on {
            Some(d) if d < today => Standing::Lapsed,
            Some(d) if (d - today).num_days() <= RENEWAL_NOTICE_DAYS => Standing::RenewalDue,
            _ => Standing::Active,
        }
    }

    /// Whether the member takes part in the network on `today` (members-only things are theirs
    /// to see). A lapsed member keeps access until the network ends the membership: networks
    /// chase renewals, they do not cut people off the day after.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.standing(today) != Standing::Ended
    }

    /// The next renewal date after a renewal recorded on `paid_on`: a year on from the current
    /// renewal date when renewed on time (renewing early loses nothing), or a year from the day
    /// paid when the membership had lapsed.
    pub fn next_renewal_date(&self, paid_on: NaiveDate) -> NaiveDate {
        let from = match self.renews_on {
            Some(d) if d >= paid_on => d,
            _ => paid_on,
        };
        from.checked_add_months(Months::new(12)).unwrap_or(from)
    }
}

/// A renewal as recorded by a coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renewal {
    /// The membership.
    pub member_id: NetworkMemberId,
    /// The day it was paid or agreed.
    pub paid_on: NaiveDate,
    /// What was paid (zero for a free membership).
    pub amount: Pence,
    /// The renewal date before.
    pub previous_renews_on: Option<NaiveDate>,
    /// The renewal date after.
    pub renews_on: NaiveDate,
    /// Who recorded it, by name.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A renewal as typed by a coordinator.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RenewalInput {
    /// The day it was paid.
    pub paid_on: String,
    /// What was paid.
    pub amount: String,
}

impl RenewalInput {
    /// Validates the renewal and works out the new renewal date.
    pub fn parse(
        &self,
        member: &NetworkMember,
        recorded_by: String,
        recorded_at: DateTime<Utc>,
    ) -> Result<Renewal, FieldErrors> {
        let mut e = FieldErrors::new();
        let paid_on = e.date("paid_on", "the day it was paid", &self.paid_on);
        if paid_on.is_some_and(|d| d > recorded_at.date_naive()) {
            e.add("paid_on", "The day it was paid must be today or earlier");
        }
        let amount = money(&mut e, "amount", &self.amount, true);
        if member.ended_on.is_some() {
            e.add(
                "paid_on",
                "This membership has ended; add the member again instead",
            );
        }
        e.finish(|| {
            let paid_on = paid_on?;
            Some(Renewal {
                member_id: member.id,
                paid_on,
                amount: amount?,
                previous_renews_on: member.renews_on,
                renews_on: member.next_renewal_date(paid_on),
                recorded_by,
                recorded_at,
            })
        })
    }
}

/// A membership as typed by a coordinator.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MemberInput {
    /// `organisational` or `individual`.
    pub membership_type: String,
    /// The organisation's id, for an organisational member.
    pub organisation_id: String,
    /// The person's name, for an individual member.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Their job title.
    pub job_title: String,
    /// Their employer.
    pub employer: String,
    /// When they joined.
    pub joined_on: String,
    /// The first renewal date, if the membership is renewed.
    pub renews_on: String,
    /// The yearly fee, if any.
    pub annual_fee: String,
    /// Listed in the directory.
    pub in_directory: bool,
    /// What they would like other members to know.
    pub directory_note: String,
}

impl MemberInput {
    /// Validates the membership. `organisation` names the organisation the id refers to, if it
    /// is one on Alongside (callers look it up).
    pub fn parse(
        &self,
        id: NetworkMemberId,
        network_id: NetworkId,
        organisation: Option<(OrganisationId, String)>,
        person_id: Option<PersonId>,
    ) -> Result<NetworkMember, FieldErrors> {
        let mut e = FieldErrors::new();
        let member = match MembershipType::from_code_str(&self.membership_type) {
            Some(MembershipType::Organisational) => {
                if organisation.is_none() {
                    e.add("organisation_id", "Select the organisation");
                }
                organisation.map(|(organisation_id, name)| Member::Organisation {
                    organisation_id,
                    name,
                })
            }
            Some(MembershipType::Individual) => {
                let name = e.text("name", "their name", &self.name, 200);
                let email = e.check("email", Email::parse(&self.email));
                let job_title =
                    e.optional_text("job_title", "their job title", &self.job_title, 200);
                let employer = e.optional_text("employer", "where they work", &self.employer, 200);
                match (name, email) {
                    (Some(name), Some(email)) => Some(Member::Individual {
                        person_id,
                        name,
                        email,
                        job_title,
                        employer,
                    }),
                    _ => None,
                }
            }
            None => {
                e.add("membership_type", "Select the type of membership");
                None
            }
        };
        let joined_on = e.date("joined_on", "the day they joined", &self.joined_on);
        let renews_on = e.optional_date("renews_on", &self.renews_on);
        if let (Some(j), Some(r)) = (joined_on, renews_on)
            && r <= j
        {
            e.add(
                "renews_on",
                "The renewal date must be after the day they joined",
            );
        }
        let annual_fee = if self.annual_fee.trim().is_empty() {
            None
        } else {
            money(&mut e, "annual_fee", &self.annual_fee, false)
        };
        let directory_note = e.optional_text(
            "directory_note",
            "the directory note",
            &self.directory_note,
            500,
        );
        e.finish(|| {
            Some(NetworkMember {
                id,
                network_id,
                member: member?,
                joined_on: joined_on?,
                renews_on,
                annual_fee,
                ended_on: None,
                in_directory: self.in_directory,
                directory_note,
            })
        })
    }
}

/// Parses an amount of money, zero allowed, never negative.
fn money(e: &mut FieldErrors, field: &str, value: &str, required: bool) -> Option<Pence> {
    use crate::expenses::MoneyError;
    match Pence::parse(value) {
        Ok(p) => Some(p),
        Err(MoneyError::Empty) if !required => None,
        Err(MoneyError::Empty) => {
            e.add(field, "Enter the amount, for example 45.00 (or 0)");
            None
        }
        Err(MoneyError::Negative) => {
            e.add(field, "The amount cannot be negative");
            None
        }
        Err(_) => {
            e.add(field, "Enter an amount in pounds and pence, like 45.00");
            None
        }
    }
}

impl MembershipType {
    /// The type for a form's code, trimmed.
    pub fn from_code_str(code: &str) -> Option<Self> {
        <Self as crate::Labelled>::from_code(code.trim())
    }
}

//! The [`NetworkStore`] implementation: networks, members, the role library, agreements and the
//! passport. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::network::Network;
use domain::network::membership::{NetworkMember, Renewal};
use domain::network::recognition::{Agreement, Party, PassportConsent, Recognition, Term};
use domain::network::role_template::RoleTemplate;
use uuid::Uuid;

use super::ThisStore;
use crate::network_rows::*;
use crate::{db_error, sql};

/// A `recognition_agreements` row.
#[derive(sqlx::FromRow)]
struct AgreementRow {
    id: Uuid,
    name: String,
    network_id: Option<Uuid>,
    mou_reference: String,
    created_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
}

/// An `agreement_parties` row with the organisation's name.
#[derive(sqlx::FromRow)]
struct PartyRow {
    organisation_id: Uuid,
    organisation_name: String,
    signed_at: Option<DateTime<Utc>>,
    signed_by: String,
}

/// An `agreement_terms` row.
#[derive(sqlx::FromRow)]
struct TermRow {
    organisation_id: Uuid,
    code: String,
    name: String,
    max_age_months: Option<i32>,
}

impl ThisStore {
    /// Agreements with their parties and terms, for agreement rows already read.
    async fn with_parties(&self, rows: Vec<AgreementRow>) -> Result<Vec<Agreement>, StoreError> {
        let mut agreements = Vec::with_capacity(rows.len());
        for a in rows {
            let parties: Vec<PartyRow> = sqlx::query_as(
                "SELECT p.organisation_id, o.name AS organisation_name, p.signed_at, p.signed_by \
                 FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id \
                 WHERE p.agreement_id = $1 ORDER BY o.name",
            )
            .bind(a.id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            let terms: Vec<TermRow> = sqlx::query_as(
                "SELECT organisation_id, code, name, max_age_months FROM agreement_terms \
                 WHERE agreement_id = $1 ORDER BY name",
            )
            .bind(a.id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            agreements.push(Agreement {
                id: AgreementId(a.id),
                name: a.name,
                network_id: a.network_id.map(NetworkId),
                mou_reference: a.mou_reference,
                created_at: a.created_at,
                ended_at: a.ended_at,
                parties: parties
                    .into_iter()
                    .map(|p| Party {
                        organisation_id: OrganisationId(p.organisation_id),
                        organisation_name: p.organisation_name,
                        accepts: terms
                            .iter()
                            .filter(|t| t.organisation_id == p.organisation_id)
                            .map(|t| Term {
                                code: t.code.clone(),
                                name: t.name.clone(),
                                max_age_months: t
                                    .max_age_months
                                    .and_then(|m| u32::try_from(m).ok()),
                            })
                            .collect(),
                        signed_at: p.signed_at,
                        signed_by: p.signed_by,
                    })
                    .collect(),
            });
        }
        Ok(agreements)
    }

    async fn members_where(
        &self,
        condition: &str,
        id: Uuid,
    ) -> Result<Vec<NetworkMember>, StoreError> {
        let rows: Vec<MemberRow> = sqlx::query_as(sql(format!(
            "SELECT {MEMBER_COLUMNS} FROM network_members WHERE {condition} ORDER BY name, id"
        )))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(MemberRow::into_domain).collect()
    }
}

const AGREEMENT_COLUMNS: &str =
    "a.id, a.name, a.network_id, a.mou_reference, a.created_at, a.ended_at";

#[async_trait]
impl NetworkStore for ThisStore {
    async fn networks(&self) -> Result<Vec<Network>, StoreError> {
        let rows: Vec<NetworkRow> = sqlx::query_as(sql(format!(
            "SELECT {NETWORK_COLUMNS} FROM networks ORDER BY name, id"
        )))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(NetworkRow::into_domain).collect()
    }

    async fn network_by_slug(&self, slug: &str) -> Result<Option<Network>, StoreError> {
        let row: Option<NetworkRow> = sqlx::query_as(sql(format!(
            "SELECT {NETWORK_COLUMNS} FROM networks WHERE slug = $1"
        )))
        .bind(slug)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(NetworkRow::into_domain).transpose()
    }

    async fn network(&self, id: NetworkId) -> Result<Option<Network>, StoreError> {
        let row: Option<NetworkRow> = sqlx::query_as(sql(format!(
            "SELECT {NETWORK_COLUMNS} FROM networks WHERE id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(NetworkRow::into_domain).transpose()
    }

    async fn network_coordinators(&self, id: NetworkId) -> Result<Vec<PersonId>, StoreError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT person_id FROM network_coordinators WHERE network_id = $1 ORDER BY person_id",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    async fn networks_coordinated_by(
        &self,
        person: PersonId,
    ) -> Result<Vec<NetworkId>, StoreError> {
        let ids: Vec<Uuid> =
            sqlx::query_scalar("SELECT network_id FROM network_coordinators WHERE person_id = $1")
                .bind(person.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
        Ok(ids.into_iter().map(NetworkId).collect())
    }

    async fn network_members(&self, id: NetworkId) -> Result<Vec<NetworkMember>, StoreError> {
        self.members_where("network_id = $1", id.0).await
    }

    async fn network_member(
        &self,
        network: NetworkId,
        id: NetworkMemberId,
    ) -> Result<Option<NetworkMember>, StoreError> {
        let row: Option<MemberRow> = sqlx::query_as(sql(format!(
            "SELECT {MEMBER_COLUMNS} FROM network_members WHERE network_id = $1 AND id = $2"
        )))
        .bind(network.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(MemberRow::into_domain).transpose()
    }

    async fn memberships_of_organisation(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<NetworkMember>, StoreError> {
        self.members_where("organisation_id = $1", org.0).await
    }

    async fn memberships_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<NetworkMember>, StoreError> {
        self.members_where("person_id = $1", person.0).await
    }

    async fn renewals(
        &self,
        network: NetworkId,
        member: NetworkMemberId,
    ) -> Result<Vec<Renewal>, StoreError> {
        let rows: Vec<RenewalRow> = sqlx::query_as(
            "SELECT member_id, paid_on, amount_pence, previous_renews_on, renews_on, recorded_by, \
             recorded_at FROM network_renewals WHERE network_id = $1 AND member_id = $2 \
             ORDER BY recorded_at DESC",
        )
        .bind(network.0)
        .bind(member.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(RenewalRow::into_domain).collect())
    }

    async fn role_templates(
        &self,
        network: NetworkId,
    ) -> Result<Vec<TemplateWithUses>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            template: TemplateRow,
            organisations_using: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(sql(format!(
            "SELECT {TEMPLATE_COLUMNS}, (SELECT COUNT(DISTINCT u.organisation_id) FROM role_template_uses u \
             WHERE u.network_id = t.network_id AND u.template_id = t.id) AS organisations_using \
             FROM role_templates t WHERE t.network_id = $1 AND t.withdrawn_at IS NULL ORDER BY t.title, t.id"
        )))
        .bind(network.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(|r| {
                Ok(TemplateWithUses {
                    template: r.template.into_domain()?,
                    organisations_using: u32::try_from(r.organisations_using).unwrap_or(0),
                })
            })
            .collect()
    }

    async fn role_template(
        &self,
        network: NetworkId,
        id: RoleTemplateId,
    ) -> Result<Option<RoleTemplate>, StoreError> {
        let row: Option<TemplateRow> = sqlx::query_as(sql(format!(
            "SELECT {TEMPLATE_COLUMNS} FROM role_templates t WHERE t.network_id = $1 AND t.id = $2"
        )))
        .bind(network.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(TemplateRow::into_domain).transpose()
    }

    async fn agreements_of(&self, org: OrganisationId) -> Result<Vec<Agreement>, StoreError> {
        let rows: Vec<AgreementRow> = sqlx::query_as(sql(format!(
            "SELECT {AGREEMENT_COLUMNS} FROM recognition_agreements a \
             JOIN agreement_parties p ON p.agreement_id = a.id \
             WHERE p.organisation_id = $1 ORDER BY a.created_at DESC, a.id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        self.with_parties(rows).await
    }

    async fn agreements_in_network(
        &self,
        network: NetworkId,
    ) -> Result<Vec<Agreement>, StoreError> {
        let rows: Vec<AgreementRow> = sqlx::query_as(sql(format!(
            "SELECT {AGREEMENT_COLUMNS} FROM recognition_agreements a WHERE a.network_id = $1 \
             ORDER BY a.created_at DESC, a.id"
        )))
        .bind(network.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        self.with_parties(rows).await
    }

    async fn agreement(&self, id: AgreementId) -> Result<Option<Agreement>, StoreError> {
        let rows: Vec<AgreementRow> = sqlx::query_as(sql(format!(
            "SELECT {AGREEMENT_COLUMNS} FROM recognition_agreements a WHERE a.id = $1"
        )))
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(self.with_parties(rows).await?.into_iter().next())
    }

    async fn passport_consents_of(
        &self,
        person: PersonId,
    ) -> Result<Vec<PassportConsent>, StoreError> {
        let rows: Vec<ConsentRow> = sqlx::query_as(sql(format!(
            "SELECT {CONSENT_COLUMNS} FROM passport_consents WHERE person_id = $1 \
             ORDER BY granted_at DESC, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(ConsentRow::into_domain).collect())
    }

    async fn live_consents_to(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<PassportConsent>, StoreError> {
        let rows: Vec<ConsentRow> = sqlx::query_as(sql(format!(
            "SELECT {CONSENT_COLUMNS} FROM passport_consents WHERE to_organisation_id = $1 \
             AND person_id = $2 AND revoked_at IS NULL ORDER BY granted_at, id"
        )))
        .bind(org.0)
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(ConsentRow::into_domain).collect())
    }

    async fn recognitions(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<Recognition>, StoreError> {
        let rows: Vec<RecognitionRow> = sqlx::query_as(sql(format!(
            "SELECT {RECOGNITION_COLUMNS} FROM check_recognitions WHERE organisation_id = $1 \
             AND check_id IN (SELECT id FROM checks WHERE organisation_id = $1 AND person_id = $2) \
             ORDER BY recognised_at DESC"
        )))
        .bind(org.0)
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(RecognitionRow::into_domain).collect())
    }

    async fn people_with_recognitions(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<PersonId>, StoreError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT DISTINCT c.person_id FROM check_recognitions r \
             JOIN checks c ON c.organisation_id = r.organisation_id AND c.id = r.check_id \
             WHERE r.organisation_id = $1",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    async fn role_listings(&self, network: NetworkId) -> Result<Vec<RoleListing>, StoreError> {
        let rows: Vec<ListingRow> = sqlx::query_as(
            "SELECT organisation_id, role_id, network_id, listed_at FROM network_role_listings \
             WHERE network_id = $1 ORDER BY listed_at DESC",
        )
        .bind(network.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(ListingRow::into_domain).collect())
    }

    async fn role_listings_of(&self, org: OrganisationId) -> Result<Vec<RoleListing>, StoreError> {
        let rows: Vec<ListingRow> = sqlx::query_as(
            "SELECT organisation_id, role_id, network_id, listed_at FROM network_role_listings \
             WHERE organisation_id = $1 ORDER BY listed_at DESC",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(ListingRow::into_domain).collect())
    }

    async fn partner_referrals_made(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<domain::support::Referral>, StoreError> {
        use crate::support_rows::{REFERRAL_COLUMNS, ReferralRow};
        let rows: Vec<ReferralRow> = sqlx::query_as(sql(format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE partner_organisation_id = $1 \
             ORDER BY received_at DESC, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ReferralRow::into_domain).collect()
    }

    async fn volunteer_referrals(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<VolunteerReferral>, StoreError> {
        let rows: Vec<VolunteerReferralRow> = sqlx::query_as(sql(format!(
            "SELECT {VOLUNTEER_REFERRAL_COLUMNS} FROM volunteer_referrals \
             WHERE from_organisation_id = $1 OR to_organisation_id = $1 ORDER BY created_at DESC"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(VolunteerReferralRow::into_domain)
            .collect())
    }
}

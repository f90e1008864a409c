//! Equality monitoring: the volunteer gives (changes, or removes) their own answers; managers
//! record the population their organisation serves; reach is counted over active volunteers,
//! with groups under five withheld. No one but the volunteer ever sees one person's answers.

use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::equality::{
    EqualityInput, EqualityRecord, PopulationShare, ReachDimension, ReachRow, parse_population,
    postcode_attribution, reach,
};
use domain::ids::PersonId;
use domain::staff::Capability;
use domain::values::Postcode;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// Reach by one characteristic, with the population served beside it where known.
#[derive(Debug, Clone)]
pub struct ReachTable {
    /// The characteristic.
    pub dimension: ReachDimension,
    /// Each category's count and share (withheld under five), with the population's
    /// percentage in tenths where the organisation gave it.
    pub rows: Vec<(ReachRow, Option<u16>)>,
}

impl App {
    /// The volunteer's own answers, if they gave any.
    pub async fn my_equality(&self, person: PersonId) -> Result<Option<EqualityRecord>, AppError> {
        Ok(self.store.equality_record(person).await?)
    }

    /// The volunteer gives or changes their answers (any may be left out).
    pub async fn save_my_equality(
        &self,
        person: PersonId,
        input: &EqualityInput,
    ) -> Result<EqualityRecord, AppError> {
        let now = self.clock.now();
        let record = input.parse(person, now)?;
        self.store
            .apply(vec![
                Write::PutEqualityRecord(record.clone()),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person),
                    "equality.answered",
                    "person",
                    person.0,
                    now,
                )),
            ])
            .await?;
        Ok(record)
    }

    /// The volunteer removes their answers.
    pub async fn remove_my_equality(&self, person: PersonId) -> Result<(), AppError> {
        self.store
            .apply(vec![
                Write::DeleteEqualityRecord(person),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person),
                    "equality.removed",
                    "person",
                    person.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(())
    }

    /// The organisation's population figures.
    pub async fn population_served(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<PopulationShare>, AppError> {
        scope.require(Capability::View)?;
        Ok(self
            .store
            .population_served(scope.organisation_id())
            .await?)
    }

    /// Replaces the organisation's population figures with those in the form (read with
    /// `field`); blank fields are not known.
    pub async fn save_population_served(
        &self,
        scope: &OrgScope,
        field: impl Fn(&str) -> String,
    ) -> Result<Vec<PopulationShare>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let shares = parse_population(field)?;
        let org = scope.organisation_id();
        self.store
            .apply(vec![
                Write::PutPopulationServed(org, shares.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "population_served.saved",
                    "organisation",
                    org.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(shares)
    }

    /// Replaces the postcode deprivation data (each English postcode's IMD decile) with
    /// `rows`, from a release of the ONS Postcode Directory with copyright `year`. A server
    /// operator's task (the CLI), not an organisation's.
    pub async fn load_postcode_deprivation(
        &self,
        rows: Vec<(Postcode, u8)>,
        year: i32,
    ) -> Result<usize, AppError> {
        let n = rows.len();
        let rows = rows
            .into_iter()
            .map(|(p, d)| (p.as_str().to_owned(), d))
            .collect();
        self.store
            .apply(vec![
                Write::ReplacePostcodeDeprivation(rows, year),
                Write::Audit(
                    AuditEntry::new(
                        None,
                        Actor::System,
                        "postcode_deprivation.loaded",
                        "postcode_deprivation",
                        uuid::Uuid::nil(),
                        self.clock.now(),
                    )
                    .with_detail(format!("{n} postcodes, copyright {year}")),
                ),
            ])
            .await?;
        Ok(n)
    }

    /// The attribution lines to show beside reach by deprivation, when postcode data is loaded.
    pub async fn postcode_attribution(&self) -> Result<Option<[String; 3]>, AppError> {
        Ok(self
            .store
            .postcode_deprivation_year()
            .await?
            .map(postcode_attribution))
    }

    /// Reach over the volunteers active now, by each characteristic (deprivation only once
    /// postcode data is loaded).
    pub async fn reach(&self, scope: &OrgScope) -> Result<Vec<ReachTable>, AppError> {
        scope.require(Capability::View)?;
        let org = scope.organisation_id();
        let profiles = self.store.active_volunteer_profiles(org).await?;
        let population = self.store.population_served(org).await?;
        let today = self.uk_today();
        // Without postcode data every volunteer's deprivation is unknown: leave it out.
        let deprivation = self.store.postcode_deprivation_year().await?.is_some();
        Ok(ReachDimension::ALL
            .iter()
            .filter(|d| deprivation || **d != ReachDimension::Deprivation)
            .map(|&dimension| {
                let values: Vec<Option<&'static str>> = profiles
                    .iter()
                    .map(|p| dimension.category_of(p.answers.as_ref(), p.born, p.imd_decile, today))
                    .collect();
                let rows = reach(dimension.categories(), &values)
                    .into_iter()
                    .map(|row| {
                        let served = population
                            .iter()
                            .find(|p| p.dimension == dimension && p.category == row.category)
                            .map(|p| p.percent_tenths);
                        (row, served)
                    })
                    .collect();
                ReachTable { dimension, rows }
            })
            .collect())
    }
}

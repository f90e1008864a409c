//! Reminding whoever looks after a shared resource that its review date has passed: one email
//! per review date, to the person who owns it or to the owning organisation's admins and
//! volunteer managers. Coordinators see every overdue review on the library page instead.

use domain::Labelled;
use domain::ids::{JobId, NetworkId, ResourceId};
use domain::network::resource::Owner;
use domain::staff::Capability;

use crate::ports::{Job, Write};
use crate::{App, AppError};

pub(crate) const RESOURCE_REVIEW: &str = "resource-review";

impl App {
    /// A reminder job for each resource whose review date has passed, keyed by the resource and
    /// that date: setting a new review date earns a new reminder when it passes in turn.
    pub(crate) async fn schedule_resource_reviews(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        Ok(self
            .store
            .resources_due_review(self.uk_today())
            .await?
            .into_iter()
            .map(|(network, resource, review_on)| {
                Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: RESOURCE_REVIEW.into(),
                    dedupe_key: format!("{RESOURCE_REVIEW}:{resource}:{review_on}"),
                    organisation_id: None,
                    payload: format!("{network} {resource}"),
                    run_at: now,
                    attempts: 0,
                })
            })
            .collect())
    }

    /// Emails the reminder, unless the resource has been withdrawn or reviewed since.
    pub(crate) async fn resource_review_reminder(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let bad = || AppError::Internal(format!("bad job payload {}", job.payload));
        let (network, resource) = job.payload.split_once(' ').ok_or_else(bad)?;
        let network: NetworkId = network.parse().map_err(|_| bad())?;
        let resource: ResourceId = resource.parse().map_err(|_| bad())?;
        let (Some(r), Some(n)) = (
            self.store.resource(network, resource).await?,
            self.store.network(network).await?,
        ) else {
            return Ok(vec![]);
        };
        if !r.review_overdue(self.uk_today()) {
            return Ok(vec![]);
        }
        let recipients: Vec<String> = match &r.owner {
            Owner::Person { person_id, .. } => self
                .store
                .person(*person_id)
                .await?
                .map(|p| p.email.as_str().to_owned())
                .into_iter()
                .collect(),
            Owner::Organisation {
                organisation_id, ..
            } => self
                .store
                .staff(*organisation_id)
                .await?
                .into_iter()
                .filter(|(s, _)| s.permission.allows(Capability::ManageVolunteering))
                .map(|(_, p)| p.email.as_str().to_owned())
                .collect(),
        };
        let subject = format!("Time to review \"{}\"", r.title);
        let body = format!(
            "\"{}\" ({}) in {}'s library was due for review on {}.\n\n\
             Please check it is still right, then set a new review date, change it, or withdraw \
             it: {}/networks/{}/resources/{}\n",
            r.title,
            r.kind.label(),
            n.name,
            r.review_on.format("%-d %B %Y"),
            self.base_url,
            n.slug,
            r.id
        );
        Ok(recipients
            .iter()
            .map(|to| Write::InsertMessage(self.message(to, &subject, body.clone())))
            .collect())
    }
}

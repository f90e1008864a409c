//! The resource library: a network's members share guides, policies, case studies, templates and
//! recordings, with members only or with everyone. Coordinators and members' managers add them;
//! the owner (their organisation, or themselves) and coordinators change and withdraw them.
//! Anyone who is not a member sees and downloads only what is public — decided here, so no page
//! or API handler can forget it.

use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::ids::ResourceId;
use domain::network::resource::{
    FileInfo, Owner, Resource, ResourceContext, ResourceFile, ResourceInput,
};
use serde::Serialize;

use crate::networks::{NetworkAccess, network_audit};
use crate::ports::{LibraryWrite, ResourceSearch, TagCount, Write};
use crate::{App, AppError};

/// A file uploaded for a resource, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct FileUpload {
    /// The name the browser sent.
    pub file_name: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// A resource as one viewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceView {
    /// The resource.
    pub resource: Resource,
    /// Whether the viewer may change or withdraw it.
    pub can_edit: bool,
    /// Whether its review is overdue and the viewer is the one to do it (the owner or a
    /// coordinator); others are not told.
    pub review_overdue: bool,
}

/// Whether the viewer may add resources: coordinators, and managers of member organisations
/// (pages use it to offer the form; the use cases check it themselves).
pub fn may_add(access: &NetworkAccess) -> bool {
    access.is_coordinator() || !access.managed_members().is_empty()
}

/// Whether the viewer may change a resource: coordinators, and whoever owns it.
fn may_edit(access: &NetworkAccess, r: &Resource) -> bool {
    access.is_coordinator()
        || match &r.owner {
            Owner::Organisation {
                organisation_id, ..
            } => access.managed_members().contains(organisation_id),
            Owner::Person { person_id, .. } => access.viewer() == Some(*person_id),
        }
}

/// Refuses anyone who may not add resources: members get "forbidden", others "not found".
fn require_contributor(access: &NetworkAccess) -> Result<(), AppError> {
    if may_add(access) {
        Ok(())
    } else if access.is_member() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

/// A checked upload, with any problem added to `errors`.
fn checked_file(upload: Option<FileUpload>, errors: &mut FieldErrors) -> Option<ResourceFile> {
    let upload = upload?;
    match ResourceFile::from_upload(&upload.file_name, upload.bytes) {
        Ok(file) => Some(file),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    }
}

impl App {
    fn view(&self, access: &NetworkAccess, resource: Resource) -> ResourceView {
        let can_edit = may_edit(access, &resource);
        ResourceView {
            review_overdue: can_edit && resource.review_overdue(self.uk_today()),
            can_edit,
            resource,
        }
    }

    /// The resources a search finds that the viewer may see: everything for members, only
    /// public resources for anyone else.
    pub async fn search_resources(
        &self,
        access: &NetworkAccess,
        search: &ResourceSearch,
    ) -> Result<Vec<ResourceView>, AppError> {
        let search = ResourceSearch {
            text: domain::without_control_characters(&search.text)
                .chars()
                .take(200)
                .collect(),
            tag: search
                .tag
                .as_deref()
                .map(domain::network::resource::normalise_tag)
                .filter(|t| !t.is_empty() && !domain::has_control_characters(t)),
            kind: search.kind,
            public_only: !access.is_member(),
        };
        Ok(self
            .store
            .resources(access.network().id, &search)
            .await?
            .into_iter()
            .map(|r| self.view(access, r))
            .collect())
    }

    /// The tags in use on resources the viewer may see, for the search's filter.
    pub async fn resource_tags(&self, access: &NetworkAccess) -> Result<Vec<TagCount>, AppError> {
        Ok(self
            .store
            .resource_tags(access.network().id, !access.is_member())
            .await?)
    }

    /// Resources whose review is overdue that the viewer should review (their own, or all for a
    /// coordinator), oldest review date first.
    pub async fn overdue_resources(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<ResourceView>, AppError> {
        if !may_add(access) {
            return Ok(vec![]);
        }
        let mut overdue: Vec<ResourceView> = self
            .search_resources(access, &ResourceSearch::default())
            .await?
            .into_iter()
            .filter(|v| v.review_overdue)
            .collect();
        overdue.sort_by_key(|v| v.resource.review_on);
        Ok(overdue)
    }

    /// One resource, if the viewer may see it (otherwise not found).
    pub async fn resource(
        &self,
        access: &NetworkAccess,
        id: ResourceId,
    ) -> Result<ResourceView, AppError> {
        let resource = self
            .store
            .resource(access.network().id, id)
            .await?
            .filter(|r| access.may_see(r.audience))
            .ok_or(AppError::NotFound)?;
        Ok(self.view(access, resource))
    }

    /// A resource's file, if it is one and the viewer may see it (otherwise not found).
    pub async fn resource_file(
        &self,
        access: &NetworkAccess,
        id: ResourceId,
    ) -> Result<ResourceFile, AppError> {
        self.resource(access, id).await?;
        self.store
            .resource_file(access.network().id, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Who the viewer may name as a resource's owner: the member organisations they manage,
    /// and themselves.
    pub async fn resource_owners(&self, access: &NetworkAccess) -> Result<Vec<Owner>, AppError> {
        require_contributor(access)?;
        let mut owners: Vec<Owner> = self
            .managed_organisations(access)
            .await?
            .into_iter()
            .map(|o| Owner::Organisation {
                organisation_id: o.id,
                name: o.name,
            })
            .collect();
        if let Some(person) = access.viewer()
            && let Some(p) = self.store.person(person).await?
        {
            owners.push(Owner::Person {
                person_id: p.id,
                name: p.full_name(),
            });
        }
        Ok(owners)
    }

    /// A coordinator or a member's manager adds a resource: a link, or a file checked by its
    /// content.
    pub async fn add_resource(
        &self,
        access: &NetworkAccess,
        input: &ResourceInput,
        upload: Option<FileUpload>,
    ) -> Result<Resource, AppError> {
        let owners = self.resource_owners(access).await?;
        let now = self.clock.now();
        let (resource, file) = self.checked_resource(
            access,
            input,
            upload,
            &owners,
            None,
            (ResourceId::new(), now),
        )?;
        self.store
            .apply(vec![
                Write::Library(LibraryWrite::InsertResource(resource.clone(), file)),
                network_audit(
                    access.actor(),
                    "network.resource_added",
                    access.network().id,
                    now,
                )
                .with_entity(resource.id),
            ])
            .await?;
        Ok(resource)
    }

    /// The owner or a coordinator changes a resource; a new file replaces the old one, and a link
    /// drops it.
    pub async fn update_resource(
        &self,
        access: &NetworkAccess,
        id: ResourceId,
        input: &ResourceInput,
        upload: Option<FileUpload>,
    ) -> Result<Resource, AppError> {
        let current = self.editable(access, id).await?;
        let mut owners = self.resource_owners(access).await?;
        if !owners.contains(&current.owner) {
            owners.push(current.owner.clone());
        }
        let now = self.clock.now();
        let (resource, file) = self.checked_resource(
            access,
            input,
            upload,
            &owners,
            current.file().cloned(),
            (id, current.created_at),
        )?;
        let resource = Resource {
            updated_at: now,
            ..resource
        };
        self.store
            .apply(vec![
                Write::Library(LibraryWrite::UpdateResource {
                    resource: resource.clone(),
                    file,
                    expected_updated_at: current.updated_at,
                }),
                network_audit(
                    access.actor(),
                    "network.resource_updated",
                    access.network().id,
                    now,
                )
                .with_entity(id),
            ])
            .await?;
        Ok(resource)
    }

    /// The owner or a coordinator withdraws a resource: it is kept but no longer shown.
    pub async fn withdraw_resource(
        &self,
        access: &NetworkAccess,
        id: ResourceId,
    ) -> Result<(), AppError> {
        self.editable(access, id).await?;
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Library(LibraryWrite::WithdrawResource(access.network().id, id, now)),
                network_audit(
                    access.actor(),
                    "network.resource_withdrawn",
                    access.network().id,
                    now,
                )
                .with_entity(id),
            ])
            .await?;
        Ok(())
    }

    /// A resource the viewer may change: not found if they may not see it, forbidden if they
    /// may see it but not change it.
    async fn editable(&self, access: &NetworkAccess, id: ResourceId) -> Result<Resource, AppError> {
        let view = self.resource(access, id).await?;
        if view.can_edit {
            Ok(view.resource)
        } else if access.is_member() {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The input and upload checked together, every problem named.
    fn checked_resource(
        &self,
        access: &NetworkAccess,
        input: &ResourceInput,
        upload: Option<FileUpload>,
        owners: &[Owner],
        existing: Option<FileInfo>,
        (id, created_at): (ResourceId, DateTime<Utc>),
    ) -> Result<(Resource, Option<ResourceFile>), AppError> {
        let mut errors = FieldErrors::new();
        let uploaded = upload.is_some();
        let file = checked_file(upload, &mut errors);
        let ctx = ResourceContext {
            id,
            network_id: access.network().id,
            owners,
            file: file.as_ref().map(ResourceFile::info).or(existing),
            uploaded,
            created_at,
            now: self.clock.now(),
        };
        match input.parse(ctx) {
            Ok(resource) if errors.is_empty() => Ok((resource, file)),
            Ok(_) => Err(errors.into()),
            Err(e) => {
                // A file that failed its checks has said so; "give a link or a file" would only
                // repeat it.
                let file_failed = uploaded && file.is_none();
                errors.0.extend(
                    e.0.into_iter()
                        .filter(|f| !(file_failed && f.field == "link")),
                );
                Err(errors.into())
            }
        }
    }
}

/// Points an audit entry about the network at the resource it is about.
trait AuditEntity {
    fn with_entity(self, id: ResourceId) -> Self;
}

impl AuditEntity for Write {
    fn with_entity(self, id: ResourceId) -> Self {
        match self {
            Write::Audit(entry) => Write::Audit(entry.with_detail(id.to_string())),
            other => other,
        }
    }
}

//! The resource library: guides, policies, case studies, templates and recordings a network's
//! members share, with members only or with everyone. Each has an owner (a member organisation
//! or a person), tags for finding it, a date by which someone should check it is still right,
//! and either a link (https) or an uploaded file.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Audience;
use crate::ids::{NetworkId, OrganisationId, PersonId, ResourceId};
use crate::{FieldErrors, Labelled, labelled_enum};

mod file;

pub use file::{FileInfo, FileKind, MAX_RESOURCE_FILE_BYTES, ResourceFile};

/// The most tags one resource carries.
pub const MAX_TAGS: usize = 10;
/// The longest tag, in characters.
const MAX_TAG: usize = 40;
/// The longest link, in characters.
const MAX_LINK: usize = 2000;

labelled_enum!(
    /// What sort of resource it is.
    ResourceKind {
        /// How to do something.
        Guide = "guide": "Guide",
        /// A policy others can adapt.
        Policy = "policy": "Policy",
        /// What one member did and what happened.
        CaseStudy = "case_study": "Case study",
        /// A form or document to fill in.
        Template = "template": "Template",
        /// A recorded talk or session.
        Recording = "recording": "Recording",
    }
);

/// Who looks after a resource: a member organisation or a person, shown by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Owner {
    /// A member organisation.
    Organisation {
        /// The organisation.
        organisation_id: OrganisationId,
        /// Its name.
        name: String,
    },
    /// A person (a coordinator or a member's manager).
    Person {
        /// The person.
        person_id: PersonId,
        /// Their name.
        name: String,
    },
}

impl Owner {
    /// The owner's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Organisation { name, .. } | Self::Person { name, .. } => name,
        }
    }

    /// The organisation, when an organisation owns it.
    pub fn organisation_id(&self) -> Option<OrganisationId> {
        match self {
            Self::Organisation {
                organisation_id, ..
            } => Some(*organisation_id),
            Self::Person { .. } => None,
        }
    }

    /// The person, when a person owns it.
    pub fn person_id(&self) -> Option<PersonId> {
        match self {
            Self::Person { person_id, .. } => Some(*person_id),
            Self::Organisation { .. } => None,
        }
    }

    /// The code a form's choice of owner carries.
    pub fn code(&self) -> String {
        match self {
            Self::Organisation {
                organisation_id, ..
            } => format!("organisation:{organisation_id}"),
            Self::Person { person_id, .. } => format!("person:{person_id}"),
        }
    }
}

/// Where the resource is: a web address, or a file kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Location {
    /// An `https` link.
    Link {
        /// The address.
        url: String,
    },
    /// An uploaded file.
    File(FileInfo),
}

/// A resource in a network's library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// Identifier.
    pub id: ResourceId,
    /// The network whose library it is in.
    pub network_id: NetworkId,
    /// Title.
    pub title: String,
    /// What it is and who it helps, in a few sentences.
    pub summary: String,
    /// What sort of resource.
    pub kind: ResourceKind,
    /// Who may see it.
    pub audience: Audience,
    /// Tags, lower case, for finding it.
    pub tags: Vec<String>,
    /// Who looks after it.
    pub owner: Owner,
    /// When someone should check it is still right.
    pub review_on: NaiveDate,
    /// A link or a file.
    pub location: Location,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Resource {
    /// Whether its review date has passed.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review_on < today
    }

    /// Its file, if it is one.
    pub fn file(&self) -> Option<&FileInfo> {
        match &self.location {
            Location::File(info) => Some(info),
            Location::Link { .. } => None,
        }
    }
}

/// A resource as typed into a form or API request (the file travels separately).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ResourceInput {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Kind code.
    pub kind: String,
    /// Audience code.
    pub audience: String,
    /// Tags, separated by commas.
    pub tags: String,
    /// The chosen owner's code ([`Owner::code`]).
    pub owner: String,
    /// Review date.
    pub review_on: String,
    /// The link, when it is not a file.
    pub link: String,
}

/// What a resource's input is checked against: who may own it and the file it has.
#[derive(Debug, Clone)]
pub struct ResourceContext<'a> {
    /// The resource's id (new, or the one being changed).
    pub id: ResourceId,
    /// The network.
    pub network_id: NetworkId,
    /// The owners the person saving it may choose.
    pub owners: &'a [Owner],
    /// The file: a new upload, or the one it already has when changed without a new one.
    pub file: Option<FileInfo>,
    /// Whether that file was uploaded with this input (then no link may be given too).
    pub uploaded: bool,
    /// When it was first added.
    pub created_at: DateTime<Utc>,
    /// Now.
    pub now: DateTime<Utc>,
}

impl ResourceInput {
    /// The form's view of an existing resource, for changing it.
    pub fn from_resource(r: &Resource) -> Self {
        Self {
            title: r.title.clone(),
            summary: r.summary.clone(),
            kind: r.kind.code().into(),
            audience: r.audience.code().into(),
            tags: r.tags.join(", "),
            owner: r.owner.code(),
            review_on: r.review_on.to_string(),
            link: match &r.location {
                Location::Link { url } => url.clone(),
                Location::File(_) => String::new(),
            },
        }
    }

    /// Validates every field.
    pub fn parse(&self, ctx: ResourceContext<'_>) -> Result<Resource, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.text("title", "the title", &self.title, 200);
        let summary = e.text("summary", "a summary", &self.summary, 2000);
        let kind = ResourceKind::from_code(&self.kind);
        if kind.is_none() {
            e.add("kind", "Select what sort of resource it is");
        }
        let audience = Audience::from_code(&self.audience);
        if audience.is_none() {
            e.add("audience", "Select who may see it");
        }
        let tags = parse_tags(&mut e, &self.tags);
        let owner = ctx
            .owners
            .iter()
            .find(|o| o.code() == self.owner.trim())
            .cloned();
        if owner.is_none() {
            e.add("owner", "Select who looks after it from the list");
        }
        let review_on = e.date("review_on", "the date to review it by", &self.review_on);
        let location = parse_location(&mut e, self.link.trim(), ctx.file, ctx.uploaded);
        e.finish(|| {
            Some(Resource {
                id: ctx.id,
                network_id: ctx.network_id,
                title: title?,
                summary: summary?,
                kind: kind?,
                audience: audience?,
                tags,
                owner: owner?,
                review_on: review_on?,
                location: location?,
                created_at: ctx.created_at,
                updated_at: ctx.now,
            })
        })
    }
}

/// A tag as stored and searched: trimmed, lower case, single spaces.
pub fn normalise_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn parse_tags(e: &mut FieldErrors, raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(normalise_tag).filter(|t| !t.is_empty()) {
        if crate::has_control_characters(&tag) {
            e.add("tags", "Tags must not contain control characters");
            return tags;
        }
        if tag.chars().count() > MAX_TAG {
            e.add(
                "tags",
                format!("Each tag must be {MAX_TAG} characters or fewer"),
            );
            return tags;
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        e.add("tags", format!("Give {MAX_TAGS} tags or fewer"));
    }
    tags
}

fn parse_location(
    e: &mut FieldErrors,
    link: &str,
    file: Option<FileInfo>,
    uploaded: bool,
) -> Option<Location> {
    match (link.is_empty(), file) {
        (false, Some(_)) if uploaded => {
            e.add("link", "Give a link or choose a file, not both");
            None
        }
        (false, _) => match https_link(link) {
            Ok(url) => Some(Location::Link { url }),
            Err(message) => {
                e.add("link", message);
                None
            }
        },
        (true, Some(info)) => Some(Location::File(info)),
        (true, None) => {
            e.add(
                "link",
                "Give a link starting https://, or choose a file to upload",
            );
            None
        }
    }
}

/// A web address that is safe to link to: `https`, a host, no spaces or control characters.
fn https_link(link: &str) -> Result<String, &'static str> {
    const MESSAGE: &str =
        "Enter a web address starting https://, for example https://example.org/guide";
    let Some(rest) = link
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and_then(|_| link.get(8..))
    else {
        return Err(MESSAGE);
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_ok || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(MESSAGE);
    }
    if link.chars().count() > MAX_LINK {
        return Err("The web address must be 2000 characters or fewer");
    }
    Ok(format!("https://{rest}"))
}

#[cfg(test)]
mod tests;

//! The resource library in the store: resources round-trip with their tags and files; search
//! finds words in titles, summaries and tags, filters by tag, kind and audience, and treats
//! `%` and `_` as plain characters; changes expect the version they were made from; withdrawn
//! resources are neither found nor downloaded; and nothing crosses from one network to another.

use std::sync::Arc;

use app::ports::{LibraryWrite, NetworkWrite, ResourceSearch, TagCount};
use app::{Store, Write};
use domain::ids::*;
use domain::network::resource::{FileKind, Location, Owner, Resource, ResourceFile, ResourceKind};
use domain::network::{Audience, Network, NetworkKind};
use domain::values::Slug;

use crate::fixtures::{assert_conflict, at, day, organisation, person, role, unique};

fn network(name: &str) -> Network {
    Network {
        id: NetworkId::new(),
        name: name.into(),
        slug: Slug::parse(&format!("net-{}", unique())).unwrap(),
        kind: NetworkKind::CarePartnership,
        description: String::new(),
        contact_email: None,
        created_at: at(1, 9),
    }
}

pub(crate) struct Library {
    pub(crate) network: Network,
    pub(crate) org: OrganisationId,
    pub(crate) person: PersonId,
}

pub(crate) async fn set_up(store: &Arc<dyn Store>) -> Library {
    let org = organisation("St Clare's Hospice");
    let p = person("Asha", "Patel");
    let n = network("Northshire Volunteering Partnership");
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::Network(NetworkWrite::InsertNetwork(n.clone())),
        ])
        .await
        .unwrap();
    Library {
        network: n,
        org: org.id,
        person: p.id,
    }
}

pub(crate) fn resource(
    lib: &Library,
    title: &str,
    kind: ResourceKind,
    audience: Audience,
    tags: &[&str],
) -> Resource {
    Resource {
        id: ResourceId::new(),
        network_id: lib.network.id,
        title: title.into(),
        summary: format!("About {title}."),
        kind,
        audience,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        owner: Owner::Organisation {
            organisation_id: lib.org,
            name: "St Clare's Hospice".into(),
        },
        review_on: day(2027, 3, 5),
        location: Location::Link {
            url: "https://example.org/guide".into(),
        },
        created_at: at(2, 9),
        updated_at: at(2, 9),
    }
}

fn pdf(bytes: &[u8]) -> ResourceFile {
    let mut content = b"%PDF-1.7\n".to_vec();
    content.extend_from_slice(bytes);
    ResourceFile::from_upload("policy.pdf", content).unwrap()
}

fn with_file(mut r: Resource, file: &ResourceFile) -> Resource {
    r.location = Location::File(file.info());
    r
}

fn titles(found: &[Resource]) -> Vec<&str> {
    found.iter().map(|r| r.title.as_str()).collect()
}

async fn find(store: &Arc<dyn Store>, lib: &Library, search: ResourceSearch) -> Vec<Resource> {
    store.resources(lib.network.id, &search).await.unwrap()
}

async fn resources_round_trip_with_their_tags_and_files(store: Arc<dyn Store>) {
    let lib = set_up(&store).await;
    let link = resource(
        &lib,
        "Welcome guide",
        ResourceKind::Guide,
        Audience::Public,
        &["induction", "first day"],
    );
    let file = pdf(b"the policy");
    let mut policy = with_file(
        resource(
            &lib,
            "Lone working policy",
            ResourceKind::Policy,
            Audience::Members,
            &[],
        ),
        &file,
    );
    policy.owner = Owner::Person {
        person_id: lib.person,
        name: "Asha Patel".into(),
    };
    store
        .apply(vec![
            Write::Library(LibraryWrite::InsertResource(link.clone(), None)),
            Write::Library(LibraryWrite::InsertResource(
                policy.clone(),
                Some(file.clone()),
            )),
        ])
        .await
        .unwrap();
    let mut read = store
        .resource(lib.network.id, link.id)
        .await
        .unwrap()
        .unwrap();
    read.tags.sort();
    let mut expected = link.clone();
    expected.tags.sort();
    assert_eq!(read, expected);
    assert_eq!(
        store.resource(lib.network.id, policy.id).await.unwrap(),
        Some(policy.clone())
    );
    let stored = store
        .resource_file(lib.network.id, policy.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.bytes, stored.kind),
        (file.bytes.clone(), FileKind::Pdf)
    );
    assert_eq!(
        store.resource_file(lib.network.id, link.id).await.unwrap(),
        None
    );

    // Another network's library has neither.
    let other = network("Elsewhere");
    store
        .apply(vec![Write::Network(NetworkWrite::InsertNetwork(
            other.clone(),
        ))])
        .await
        .unwrap();
    assert_eq!(store.resource(other.id, policy.id).await.unwrap(), None);
    assert_eq!(
        store.resource_file(other.id, policy.id).await.unwrap(),
        None
    );
    assert!(
        store
            .resources(other.id, &ResourceSearch::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn search_finds_words_and_filters_by_tag_kind_and_audience(store: Arc<dyn Store>) {
    let lib = set_up(&store).await;
    let all = [
        resource(
            &lib,
            "Dementia friendly wards",
            ResourceKind::Guide,
            Audience::Public,
            &["dementia", "wards"],
        ),
        resource(
            &lib,
            "Safeguarding policy",
            ResourceKind::Policy,
            Audience::Members,
            &["safeguarding"],
        ),
        resource(
            &lib,
            "Befriending at home",
            ResourceKind::CaseStudy,
            Audience::Public,
            &["befriending", "dementia"],
        ),
        resource(
            &lib,
            "100% volunteer led",
            ResourceKind::CaseStudy,
            Audience::Members,
            &[],
        ),
    ];
    store
        .apply(
            all.iter()
                .map(|r| Write::Library(LibraryWrite::InsertResource(r.clone(), None)))
                .collect(),
        )
        .await
        .unwrap();
    let search = |text: &str| ResourceSearch {
        text: text.into(),
        ..ResourceSearch::default()
    };
    assert_eq!(
        titles(&find(&store, &lib, ResourceSearch::default()).await),
        [
            "100% volunteer led",
            "Befriending at home",
            "Dementia friendly wards",
            "Safeguarding policy"
        ]
    );
    // A word in a tag, any case; every word must be found somewhere.
    assert_eq!(
        titles(&find(&store, &lib, search("DEMENTIA")).await),
        ["Befriending at home", "Dementia friendly wards"]
    );
    assert_eq!(
        titles(&find(&store, &lib, search("dementia home")).await),
        ["Befriending at home"]
    );
    assert_eq!(
        titles(&find(&store, &lib, search("about safeguarding")).await),
        ["Safeguarding policy"]
    );
    // `%` and `_` are plain characters, not patterns.
    assert_eq!(
        titles(&find(&store, &lib, search("100%")).await),
        ["100% volunteer led"]
    );
    assert!(find(&store, &lib, search("%%")).await.is_empty());
    assert!(find(&store, &lib, search("_")).await.is_empty());
    // Tags match whole, and kinds and audience filter.
    let tagged = ResourceSearch {
        tag: Some("dementia".into()),
        ..ResourceSearch::default()
    };
    assert_eq!(
        titles(&find(&store, &lib, tagged).await),
        ["Befriending at home", "Dementia friendly wards"]
    );
    let partial_tag = ResourceSearch {
        tag: Some("dem".into()),
        ..ResourceSearch::default()
    };
    assert!(find(&store, &lib, partial_tag).await.is_empty());
    let case_studies = ResourceSearch {
        kind: Some(ResourceKind::CaseStudy),
        ..ResourceSearch::default()
    };
    assert_eq!(
        titles(&find(&store, &lib, case_studies).await),
        ["100% volunteer led", "Befriending at home"]
    );
    let public = ResourceSearch {
        public_only: true,
        ..ResourceSearch::default()
    };
    assert_eq!(
        titles(&find(&store, &lib, public).await),
        ["Befriending at home", "Dementia friendly wards"]
    );
    let public_safeguarding = ResourceSearch {
        text: "safeguarding".into(),
        public_only: true,
        ..ResourceSearch::default()
    };
    assert!(find(&store, &lib, public_safeguarding).await.is_empty());

    let tag = |t: &str, n| TagCount {
        tag: t.into(),
        resources: n,
    };
    assert_eq!(
        store.resource_tags(lib.network.id, false).await.unwrap(),
        [
            tag("befriending", 1),
            tag("dementia", 2),
            tag("safeguarding", 1),
            tag("wards", 1)
        ]
    );
    assert_eq!(
        store.resource_tags(lib.network.id, true).await.unwrap(),
        [tag("befriending", 1), tag("dementia", 2), tag("wards", 1)]
    );
}

async fn changes_expect_their_version_and_withdrawn_resources_are_gone(store: Arc<dyn Store>) {
    let lib = set_up(&store).await;
    let original = resource(
        &lib,
        "Lone working",
        ResourceKind::Policy,
        Audience::Public,
        &["safety"],
    );
    store
        .apply(vec![Write::Library(LibraryWrite::InsertResource(
            original.clone(),
            None,
        ))])
        .await
        .unwrap();

    // A link becomes a file, with new tags.
    let file = pdf(b"version two");
    let mut changed = with_file(original.clone(), &file);
    changed.tags = vec!["lone working".into()];
    changed.audience = Audience::Members;
    changed.updated_at = at(3, 9);
    store
        .apply(vec![Write::Library(LibraryWrite::UpdateResource {
            resource: changed.clone(),
            file: Some(file.clone()),
            expected_updated_at: original.updated_at,
        })])
        .await
        .unwrap();
    assert_eq!(
        store.resource(lib.network.id, original.id).await.unwrap(),
        Some(changed.clone())
    );
    assert_eq!(
        store
            .resource_file(lib.network.id, original.id)
            .await
            .unwrap()
            .unwrap()
            .bytes,
        file.bytes
    );

    // A change made from the old version is refused, and changes nothing.
    let mut stale = original.clone();
    stale.title = "Stale".into();
    stale.updated_at = at(4, 9);
    assert_conflict(
        store
            .apply(vec![Write::Library(LibraryWrite::UpdateResource {
                resource: stale,
                file: None,
                expected_updated_at: original.updated_at,
            })])
            .await,
    );
    assert_eq!(
        store.resource(lib.network.id, original.id).await.unwrap(),
        Some(changed.clone())
    );

    // Back to a link: the file goes.
    let mut link = changed.clone();
    link.location = Location::Link {
        url: "https://example.org/lone".into(),
    };
    link.updated_at = at(5, 9);
    store
        .apply(vec![Write::Library(LibraryWrite::UpdateResource {
            resource: link.clone(),
            file: None,
            expected_updated_at: changed.updated_at,
        })])
        .await
        .unwrap();
    assert_eq!(
        store
            .resource_file(lib.network.id, original.id)
            .await
            .unwrap(),
        None
    );

    let withdraw = || {
        Write::Library(LibraryWrite::WithdrawResource(
            lib.network.id,
            original.id,
            at(6, 9),
        ))
    };
    store.apply(vec![withdraw()]).await.unwrap();
    assert_eq!(
        store.resource(lib.network.id, original.id).await.unwrap(),
        None
    );
    assert!(
        find(&store, &lib, ResourceSearch::default())
            .await
            .is_empty()
    );
    assert!(
        store
            .resource_tags(lib.network.id, false)
            .await
            .unwrap()
            .is_empty()
    );
    assert_conflict(store.apply(vec![withdraw()]).await);
}

async fn a_copied_role_knows_its_template(store: Arc<dyn Store>) {
    let lib = set_up(&store).await;
    let templates = domain::network::role_template::nhs_role_templates(lib.network.id, at(1, 9));
    let template = templates[0].clone();
    let copy = role(lib.org, "Ward visitor", &[]);
    let other = role(lib.org, "Driver", &[]);
    store
        .apply(vec![
            Write::Network(NetworkWrite::InsertRoleTemplates(templates)),
            Write::InsertRole(copy.clone()),
            Write::InsertRole(other.clone()),
            Write::Network(NetworkWrite::RecordTemplateUse {
                organisation_id: lib.org,
                role_id: copy.id,
                network_id: lib.network.id,
                template_id: template.id,
                at: at(2, 9),
            }),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.template_of_role(lib.org, copy.id).await.unwrap(),
        Some((lib.network.id, template.id))
    );
    assert_eq!(
        store.template_of_role(lib.org, other.id).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .template_of_role(OrganisationId::new(), copy.id)
            .await
            .unwrap(),
        None
    );
}

conformance!(resources_round_trip_with_their_tags_and_files);
conformance!(search_finds_words_and_filters_by_tag_kind_and_audience);
conformance!(changes_expect_their_version_and_withdrawn_resources_are_gone);
conformance!(a_copied_role_knows_its_template);

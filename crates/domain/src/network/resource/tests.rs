use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn owners() -> Vec<Owner> {
    vec![
        Owner::Organisation {
            organisation_id: OrganisationId::new(),
            name: "St Clare's Hospice".into(),
        },
        Owner::Person {
            person_id: PersonId::new(),
            name: "Asha Patel".into(),
        },
    ]
}

fn input(owner: &Owner) -> ResourceInput {
    ResourceInput {
        title: "Welcoming new volunteers".into(),
        summary: "A guide to the first day.".into(),
        kind: "guide".into(),
        audience: "public".into(),
        tags: " Induction, first DAY ,induction,  ".into(),
        owner: owner.code(),
        review_on: "2027-03-05".into(),
        link: "https://example.org/guide".into(),
    }
}

fn ctx(owners: &[Owner], file: Option<FileInfo>, uploaded: bool) -> ResourceContext<'_> {
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    ResourceContext {
        id: ResourceId::new(),
        network_id: NetworkId::new(),
        owners,
        file,
        uploaded,
        created_at: now,
        now,
    }
}

fn pdf() -> FileInfo {
    FileInfo {
        file_name: "policy.pdf".into(),
        kind: FileKind::Pdf,
        size: 1000,
    }
}

#[test]
fn a_resource_parses_with_tags_tidied_and_its_owner_chosen_from_the_list() {
    let owners = owners();
    let r = input(&owners[0]).parse(ctx(&owners, None, false)).unwrap();
    assert_eq!(r.tags, vec!["induction", "first day"]);
    assert_eq!(r.owner.name(), "St Clare's Hospice");
    assert_eq!(r.kind, ResourceKind::Guide);
    assert_eq!(r.audience, Audience::Public);
    assert_eq!(
        r.location,
        Location::Link {
            url: "https://example.org/guide".into()
        }
    );
    assert_eq!(
        ResourceInput::from_resource(&r).tags,
        "induction, first day"
    );
}

#[test]
fn every_bad_field_is_named() {
    let owners = owners();
    let bad = ResourceInput {
        owner: "organisation:someone-else".into(),
        ..ResourceInput::default()
    };
    let errors = bad.parse(ctx(&owners, None, false)).unwrap_err();
    for field in [
        "title",
        "summary",
        "kind",
        "audience",
        "owner",
        "review_on",
        "link",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
}

#[test]
fn links_must_be_https_with_a_host() {
    let owners = owners();
    for link in [
        "http://example.org",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.org",
        "https://localhost/x",
        "ftp://example.org",
    ] {
        let i = ResourceInput {
            link: link.into(),
            ..input(&owners[1])
        };
        assert!(
            i.parse(ctx(&owners, None, false))
                .unwrap_err()
                .get("link")
                .is_some(),
            "{link}"
        );
    }
    let upper = ResourceInput {
        link: "HTTPS://example.org/a?b=c#d".into(),
        ..input(&owners[1])
    };
    assert_eq!(
        upper.parse(ctx(&owners, None, false)).unwrap().location,
        Location::Link {
            url: "https://example.org/a?b=c#d".into()
        }
    );
}

#[test]
fn a_file_or_a_link_but_not_both_when_uploading() {
    let owners = owners();
    let both = input(&owners[0]).parse(ctx(&owners, Some(pdf()), true));
    assert!(both.unwrap_err().get("link").unwrap().contains("not both"));
    let file_only = ResourceInput {
        link: String::new(),
        ..input(&owners[0])
    };
    let r = file_only.parse(ctx(&owners, Some(pdf()), true)).unwrap();
    assert_eq!(r.file(), Some(&pdf()));
    // Changing a resource that has a file: a link given replaces the file.
    let r = input(&owners[0])
        .parse(ctx(&owners, Some(pdf()), false))
        .unwrap();
    assert!(r.file().is_none());
}

#[test]
fn too_many_or_too_long_tags_are_refused() {
    let owners = owners();
    let many = ResourceInput {
        tags: (0..11)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(","),
        ..input(&owners[0])
    };
    assert!(
        many.parse(ctx(&owners, None, false))
            .unwrap_err()
            .get("tags")
            .is_some()
    );
    let long = ResourceInput {
        tags: "x".repeat(41),
        ..input(&owners[0])
    };
    assert!(
        long.parse(ctx(&owners, None, false))
            .unwrap_err()
            .get("tags")
            .is_some()
    );
}

#[test]
fn a_review_is_overdue_the_day_after_its_date() {
    let owners = owners();
    let r = input(&owners[0]).parse(ctx(&owners, None, false)).unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
    assert!(!r.review_overdue(day(5)));
    assert!(r.review_overdue(day(6)));
}

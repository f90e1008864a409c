//! `alongside export` for a network's own lists (`network-members`, `network-benchmarks`
//! with `--network`): built by the same code as their downloads, so the network decides who
//! may have them; audited against the network; bad arguments named with exit 2.

// Test bodies fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use domain::audit::Actor;
use domain::ids::NetworkId;
use domain::network::NetworkInput;
use domain::person::PersonInput;

mod common;

use common::{alongside, sqlite_url, stderr, temp_path, wharfe_hospice};

/// Runs `alongside export` with `args` against `url`.
fn export(url: &str, args: &[&str]) -> std::process::Output {
    alongside()
        .arg("export")
        .args(args)
        .args(["--database-url", url])
        .output()
        .unwrap()
}

/// Says whether the command failed with exit code 2 and `message` on standard error.
fn refused(out: &std::process::Output, message: &str) -> bool {
    out.status.code() == Some(2) && stderr(out).contains(message)
}

/// The network's export audit entries: what was exported, and by whom.
async fn exports(app: &app::App, network: NetworkId) -> Vec<(String, Actor)> {
    app.store
        .audit_for(None, network.0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.ends_with(".exported"))
        .map(|e| (e.action, e.actor))
        .collect()
}

#[tokio::test]
async fn a_network_s_lists_export_for_those_the_network_lets_see_them() {
    let db = temp_path("export-network.db");
    let url = sqlite_url(&db);
    let (app, admin, _org) = wharfe_hospice(&url).await;
    let scope = app.authorise(admin.id, "wharfe").await.unwrap();
    let network = app
        .create_network(
            &scope,
            &NetworkInput {
                name: "Northshire Volunteering Partnership".into(),
                slug: "northshire".into(),
                kind: "care_partnership".into(),
                description: "Volunteering across Northshire".into(),
                contact_email: String::new(),
            },
        )
        .await
        .unwrap();
    app.register(
        &PersonInput {
            given_name: "Nat".into(),
            family_name: "Outsider".into(),
            email: "nat@example.org".into(),
            ..Default::default()
        },
        "a long enough password",
    )
    .await
    .unwrap();

    // The members list as the operator (a coordinator's view), CSV to standard output.
    let out = export(&url, &["network-members", "--network", "northshire"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Member,Type,Standing,Joined,Renewal date,Yearly fee,Left,In the directory"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("Wharfe Meadows Hospice,"), "{csv}");

    // As the coordinator by name, to an Excel file.
    let file = temp_path("members.xlsx");
    let out = alongside()
        .args(["export", "network-members", "--network", "northshire"])
        .args(["--format", "xlsx", "--as", "ada@example.org", "--output"])
        .arg(&file)
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Wrote 1 rows of network-members"));
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));

    // A member organisation's benchmarks, for its manager: one line per measure.
    let out = export(
        &url,
        &[
            "network-benchmarks",
            "--network",
            "northshire",
            "--as",
            "ada@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("Organisation,Measure,You,"), "{csv}");
    assert!(csv.lines().count() > 2, "{csv}");
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.starts_with("Wharfe Meadows Hospice,")),
        "{csv}"
    );

    // The shared lists: the directory, the role library (seeded with the NHS roles) and the
    // resource library, as the operator.
    for (list, header) in [
        ("network-directory", "Member,Type,Job title,Employer,Email,"),
        ("network-roles", "Role,Summary,Setting,From,"),
        ("network-resources", "Resource,Summary,Kind,From,"),
        ("network-events", "Event,Date,Times,"),
        ("network-opportunities", "Role,Organisation,Summary"),
    ] {
        let out = export(&url, &[list, "--network", "northshire"]);
        assert!(out.status.success(), "{list}: {}", stderr(&out));
        let csv = String::from_utf8(out.stdout).unwrap();
        assert!(csv.starts_with(header), "{list}: {csv}");
    }
    let out = export(&url, &["network-roles", "--network", "northshire"]);
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() > 1);

    // Audited against the network: the operator's as Alongside itself, Ada's as her.
    let audit = exports(&app, network.id).await;
    assert_eq!(audit.len(), 9, "{audit:?}");
    assert!(audit.contains(&("network_directory.exported".into(), Actor::System)));
    assert!(audit.contains(&("network_members.exported".into(), Actor::System)));
    assert!(audit.contains(&("network_members.exported".into(), Actor::Person(admin.id))));
    assert!(audit.contains(&(
        "network_benchmarks.exported".into(),
        Actor::Person(admin.id)
    )));

    // Refusals (among them another organisation's benchmarks), each naming what was wrong, with nothing written to the audit.
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "network-members",
                "--network",
                "northshire",
                "--as",
                "nat@example.org",
            ],
            "error: as: this person may not see the network-members list",
        ),
        (
            &[
                "network-members",
                "--network",
                "northshire",
                "--as",
                "nobody@example.org",
            ],
            "error: as: nobody has the email nobody@example.org",
        ),
        (
            &["network-benchmarks", "--network", "northshire"],
            "error: as: the network-benchmarks list is only for named staff",
        ),
        (
            &["network-members", "--network", "southshire"],
            "error: network: there is no network called \"southshire\"",
        ),
        (
            &["network-members", "--organisation", "wharfe"],
            "error: network: give the short name of the network",
        ),
        (
            &[
                "sites",
                "--organisation",
                "wharfe",
                "--network",
                "northshire",
            ],
            "cannot be used with",
        ),
        (
            &["sites"],
            "error: organisation: give the short name of the organisation",
        ),
        (
            &[
                "network-benchmarks",
                "--network",
                "northshire",
                "--as",
                "ada@example.org",
                "--filter",
                "organisation=00000000-0000-7000-8000-000000000001",
            ],
            "error: filter: organisation=00000000-0000-7000-8000-000000000001 names nothing in the network-benchmarks list",
        ),
    ];
    for (args, message) in cases {
        let out = export(&url, args);
        assert!(refused(&out, message), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(exports(&app, network.id).await.len(), 9);
}

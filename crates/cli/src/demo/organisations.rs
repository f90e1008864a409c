//! The demo's organisations: their admins, sites, staff and roles.

use anyhow::{Context, Result};
use app::{App, OrgScope, Write};
use domain::ids::{PersonId, RoleId, SiteId};
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;
use domain::role::RoleInput;
use domain::site::SiteInput;

use super::data::{OrgSpec, RoleSpec, RoleState, StaffSpec};
use super::{DEMO_PASSWORD, DemoSignIn, Explain};

/// A role the demo created.
pub(super) struct SeededRole {
    pub(super) id: RoleId,
    pub(super) title: &'static str,
    pub(super) minimum_age: u32,
    pub(super) state: RoleState,
    pub(super) weight: u32,
}

impl SeededRole {
    /// Whether applications can be sent to it while the stories are told.
    pub(super) fn takes_applications(&self) -> bool {
        self.state != RoleState::Draft && self.weight > 0
    }
}

/// An organisation the demo created, with its volunteer manager's scope.
pub(super) struct SeededOrg {
    pub(super) scope: OrgScope,
    pub(super) roles: Vec<SeededRole>,
}

/// Creates an organisation with its admin, sites, staff and roles; returns the volunteer
/// manager's scope with the roles.
pub(super) async fn set_up_organisation(
    app: &App,
    spec: &OrgSpec,
    sign_ins: &mut Vec<DemoSignIn>,
) -> Result<SeededOrg> {
    let admin = add_staff_account(app, &spec.admin, sign_ins).await?;
    let input = OrganisationInput {
        name: spec.name.into(),
        slug: spec.slug.into(),
        sector: spec.sector.into(),
        kind: spec.kind.into(),
        ods_code: spec.ods_code.into(),
        charity_number: spec.charity_number.into(),
        address: spec.address.into(),
        postcode: spec.postcode.into(),
    };
    app.create_organisation(&input, admin)
        .await
        .explain(|| "creating the organisation".into())?;
    let admin_scope = app.authorise(admin, spec.slug).await?;

    let mut sites = Vec::new();
    for site in spec.sites {
        let input = SiteInput {
            name: site.name.into(),
            kind: site.kind.into(),
            postcode: site.postcode.into(),
        };
        let created = app
            .create_site(&admin_scope, &input)
            .await
            .explain(|| format!("adding the site {}", site.name))?;
        sites.push((site.name, created.id));
    }

    let mut manager = None;
    for member in spec.staff {
        let id = add_staff_account(app, member, sign_ins).await?;
        app.grant_permission(
            &admin_scope,
            member.email,
            member.permission,
            site_ids(&sites, member.sites)?,
        )
        .await
        .explain(|| format!("granting {} to {}", member.permission, member.email))?;
        if member.permission == "volunteer_manager" {
            manager = Some(id);
        }
    }
    let manager = manager.context("each demo organisation needs a volunteer manager")?;
    let scope = app.authorise(manager, spec.slug).await?;

    let mut roles = Vec::new();
    for role in spec.roles {
        roles.push(add_role(app, &scope, role, &sites).await?);
    }
    Ok(SeededOrg { scope, roles })
}

/// Creates a staff member's account: with the demo password if they are a demo sign-in,
/// otherwise with no password (as if the CLI had set them up and they had not yet signed in).
async fn add_staff_account(
    app: &App,
    spec: &StaffSpec,
    sign_ins: &mut Vec<DemoSignIn>,
) -> Result<PersonId> {
    let input = PersonInput {
        given_name: spec.given_name.into(),
        family_name: spec.family_name.into(),
        email: spec.email.into(),
        ..PersonInput::default()
    };
    match spec.sign_in {
        Some(who) => register(app, &input, who, sign_ins).await,
        None => {
            let person = input
                .parse(PersonId::new(), app.clock.today())
                .explain(|| format!("the profile of {}", spec.email))?;
            let id = person.id;
            app.store
                .apply(vec![Write::InsertPerson(person, None)])
                .await
                .with_context(|| format!("adding {}", spec.email))?;
            Ok(id)
        }
    }
}

/// Registers a demo sign-in with the demo password.
pub(super) async fn register(
    app: &App,
    input: &PersonInput,
    who: &'static str,
    sign_ins: &mut Vec<DemoSignIn>,
) -> Result<PersonId> {
    let person = app
        .register(input, DEMO_PASSWORD)
        .await
        .explain(|| format!("registering {}", input.email))?;
    sign_ins.push(DemoSignIn {
        who,
        email: person.email.to_string(),
        password: DEMO_PASSWORD,
    });
    Ok(person.id)
}

/// The ids of the named sites.
fn site_ids(sites: &[(&str, SiteId)], names: &[&str]) -> Result<Vec<SiteId>> {
    names
        .iter()
        .map(|name| {
            sites
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| *id)
                .with_context(|| format!("no demo site is called {name:?}"))
        })
        .collect()
}

/// Writes a role and, unless it stays a draft, publishes it.
async fn add_role(
    app: &App,
    scope: &OrgScope,
    spec: &'static RoleSpec,
    sites: &[(&str, SiteId)],
) -> Result<SeededRole> {
    let input = RoleInput {
        title: spec.title.into(),
        summary: spec.summary.into(),
        description: spec.description.into(),
        setting: spec.setting.into(),
        activities: spec.activities.into(),
        site_ids: site_ids(sites, spec.sites)?,
        time_commitment: spec.time_commitment.into(),
        minimum_age: spec.minimum_age.into(),
        dbs_level: spec.dbs_level.into(),
        dbs_workforce: if spec.dbs_level.starts_with("enhanced") {
            "adult".into()
        } else {
            String::new()
        },
        references_required: if spec.dbs_level.starts_with("enhanced") {
            "2".into()
        } else {
            "1".into()
        },
        requirement_type_ids: demo_requirements(app, scope, spec).await?,
        non_substitution_statement: spec.statement.into(),
    };
    let role = app
        .create_role(scope, &input)
        .await
        .explain(|| format!("adding the role {}", spec.title))?;
    if spec.state != RoleState::Draft {
        app.publish_role(scope, role.id)
            .await
            .explain(|| format!("publishing the role {}", spec.title))?;
    }
    Ok(SeededRole {
        id: role.id,
        title: spec.title,
        minimum_age: role.minimum_age,
        state: spec.state,
        weight: spec.weight,
    })
}

/// Checks and training a demo role needs: an induction, information governance and
/// safeguarding for all; fire safety and infection prevention in hospital; licence and insurance
/// for drivers.
async fn demo_requirements(
    app: &App,
    scope: &OrgScope,
    spec: &RoleSpec,
) -> Result<Vec<domain::ids::RequirementTypeId>> {
    let catalogue = app
        .catalogue(scope)
        .await
        .explain(|| "reading the catalogue".to_owned())?;
    let mut codes = vec![
        "induction",
        "cstf-information-governance",
        "vcs-4-safeguarding",
    ];
    if spec.setting == "in_hospital" {
        codes.extend(["cstf-fire-safety", "cstf-infection-prevention"]);
    }
    if spec.title.to_lowercase().contains("driver") {
        codes.extend(["driving-licence", "business-insurance"]);
    }
    Ok(catalogue
        .iter()
        .filter(|t| codes.contains(&t.code.as_str()))
        .map(|t| t.id)
        .collect())
}

/// Closes the roles that recruited in the past.
pub(super) async fn close_roles(app: &App, orgs: &[SeededOrg]) -> Result<()> {
    for org in orgs {
        for role in org.roles.iter().filter(|r| r.state == RoleState::Closed) {
            app.close_role(&org.scope, role.id)
                .await
                .explain(|| format!("closing the role {}", role.title))?;
        }
    }
    Ok(())
}

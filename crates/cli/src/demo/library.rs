//! The networks' shared libraries in the demo: a dozen resources (some public, most for members,
//! one whose review is overdue, two of them files) and two roles published to the role library
//! by members, one of which another member has copied. The networks demo (members and
//! coordinators) calls [`add_library`] once its network exists.

use anyhow::{Context, Result};
use app::App;
use app::resources::FileUpload;
use domain::ids::PersonId;
use domain::network::resource::ResourceInput;

/// A member organisation's volunteer manager, and the organisation's slug.
pub struct MemberManager<'a> {
    /// The manager (an admin or volunteer manager of the organisation).
    pub person: PersonId,
    /// The organisation's slug.
    pub organisation: &'a str,
}

/// Title, kind, audience, tags, review date, link (empty for a file), summary.
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const RESOURCES: &[Seed] = &[
    (
        "Volunteer induction checklist",
        "template",
        "public",
        "induction, first day",
        "2027-09-30",
        "",
        "Everything to cover on a new volunteer's first day, as a form to fill in.",
    ),
    (
        "Lone working policy for volunteers",
        "policy",
        "members",
        "lone working, safety, policy",
        "2027-06-30",
        "",
        "A model policy for volunteers who visit people at home, with a check-in routine.",
    ),
    (
        "Volunteering and the NHS: what volunteers add",
        "guide",
        "public",
        "value, nhs",
        "2028-01-31",
        "https://www.kingsfund.org.uk/insight-and-analysis/reports/volunteering-in-nhs",
        "How volunteers complement paid staff, and how to describe it in a role.",
    ),
    (
        "Safeguarding adults: a guide for volunteer managers",
        "guide",
        "members",
        "safeguarding, adults",
        "2027-03-31",
        "https://www.scie.org.uk/safeguarding/adults/",
        "What to do when a volunteer raises a concern, and who to tell.",
    ),
    (
        "Mealtime companions on older people's wards",
        "case_study",
        "members",
        "mealtimes, older people, wards",
        "2027-12-31",
        "https://example.org/northshire/mealtime-companions",
        "How one trust trained 40 mealtime companions and what changed on the wards.",
    ),
    (
        "Recruiting young volunteers (16 to 18)",
        "guide",
        "public",
        "young people, recruitment",
        "2027-10-31",
        "https://example.org/northshire/young-volunteers",
        "Parental consent, supervision and roles that suit under-18s.",
    ),
    (
        "Expenses policy: actual costs and mileage",
        "policy",
        "members",
        "expenses, policy",
        "2027-04-30",
        "https://example.org/northshire/expenses-policy",
        "Paying volunteers' out-of-pocket costs only, at HMRC mileage rates.",
    ),
    (
        "Role description template",
        "template",
        "members",
        "roles, recruitment",
        "2027-08-31",
        "https://example.org/northshire/role-template.docx",
        "A template that covers what the role needs and how it complements paid staff.",
    ),
    (
        "Volunteer managers' network meeting: recognition schemes",
        "recording",
        "members",
        "recognition, meetings",
        "2027-05-31",
        "https://example.org/northshire/recordings/recognition",
        "The recording of March's meeting on thanking and recognising volunteers.",
    ),
    (
        "End-of-life companions: a hospice's first year",
        "case_study",
        "public",
        "end of life, hospice",
        "2027-11-30",
        "https://example.org/northshire/end-of-life-companions",
        "Setting up a companion service so that nobody dies alone.",
    ),
    (
        "Data protection for volunteer records",
        "guide",
        "members",
        "data protection, records",
        "2025-11-30",
        "https://ico.org.uk/for-organisations/",
        "What to keep about volunteers, for how long, and who may see it. Its review is overdue.",
    ),
    (
        "Dementia-friendly activity ideas",
        "guide",
        "members",
        "dementia, activities",
        "2028-03-31",
        "https://example.org/northshire/dementia-activities",
        "Reminiscence, music and games that work on a busy ward.",
    ),
];

/// A small PDF for the demo's file resources.
fn pdf(title: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {title}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    .into_bytes()
}

/// Adds the library to the network `network`: resources added by its coordinator (owned by the
/// first member organisation, or by the coordinator), the first two members' first open roles
/// published, and the first of those copied by the second member.
pub(super) async fn add_library(
    app: &App,
    network: &str,
    coordinator: PersonId,
    members: &[MemberManager<'_>],
) -> Result<()> {
    let access = app
        .network_access(network, Some(coordinator))
        .await
        .context("the demo network")?;
    let owners = app.resource_owners(&access).await?;
    let owner = owners.first().context("someone to own resources")?.code();
    for &(title, kind, audience, tags, review_on, link, summary) in RESOURCES {
        let input = ResourceInput {
            title: title.into(),
            summary: summary.into(),
            kind: kind.into(),
            audience: audience.into(),
            tags: tags.into(),
            owner: owner.clone(),
            review_on: review_on.into(),
            link: link.into(),
        };
        let file = link.is_empty().then(|| FileUpload {
            file_name: format!("{title}.pdf"),
            bytes: pdf(title),
        });
        app.add_resource(&access, &input, file)
            .await
            .with_context(|| format!("adding the resource {title:?}"))?;
    }

    let mut published = Vec::new();
    for m in members.iter().take(2) {
        let scope = app.authorise(m.person, m.organisation).await?;
        let access = app.network_access(network, Some(m.person)).await?;
        let roles = app.roles(&scope).await?;
        let Some(role) = roles
            .iter()
            .find(|r| !r.non_substitution_statement.trim().is_empty())
        else {
            continue;
        };
        published.push(app.publish_role_template(&access, &scope, role.id).await?);
    }
    if let (Some(template), Some(m)) = (published.first(), members.get(1)) {
        let scope = app.authorise(m.person, m.organisation).await?;
        let access = app.network_access(network, Some(m.person)).await?;
        app.copy_role_template(&access, &scope, template.id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use app::SystemClock;
    use app::ports::ResourceSearch;
    use domain::network::NetworkInput;
    use domain::network::membership::MemberInput;
    use domain::organisation::OrganisationInput;
    use domain::person::PersonInput;
    use domain::role::RoleInput;

    use super::*;

    async fn organisation(app: &App, slug: &str) -> PersonId {
        let admin = app
            .register(
                &PersonInput {
                    given_name: "Admin".into(),
                    family_name: slug.into(),
                    email: format!("admin@{slug}.example"),
                    date_of_birth: "1980-01-01".into(),
                    ..PersonInput::default()
                },
                "a long enough password",
            )
            .await
            .unwrap();
        let input = OrganisationInput {
            name: format!("{slug} hospice"),
            slug: slug.into(),
            sector: "voluntary".into(),
            kind: "charity".into(),
            charity_number: "1123456".into(),
            postcode: "LS1 4AP".into(),
            ..OrganisationInput::default()
        };
        app.create_organisation(&input, admin.id).await.unwrap();
        let scope = app.authorise(admin.id, slug).await.unwrap();
        let role = RoleInput {
            title: format!("{slug} companion"),
            summary: "Company for patients".into(),
            setting: "community".into(),
            minimum_age: "18".into(),
            dbs_level: "none".into(),
            non_substitution_statement: "Volunteers add company; nurses give all care.".into(),
            ..RoleInput::default()
        };
        app.create_role(&scope, &role).await.unwrap();
        admin.id
    }

    #[tokio::test]
    async fn the_library_has_a_dozen_resources_and_a_copied_template() {
        let path = std::env::temp_dir().join(format!("alongside-lib-{}.db", uuid::Uuid::now_v7()));
        let store = store::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let app = App::new(store, Arc::new(SystemClock), "http://localhost");
        let first = organisation(&app, "ashby").await;
        let second = organisation(&app, "brook").await;
        let scope = app.authorise(first, "ashby").await.unwrap();
        let network = NetworkInput {
            name: "Northshire".into(),
            slug: "northshire".into(),
            kind: "care_partnership".into(),
            ..NetworkInput::default()
        };
        app.create_network(&scope, &network).await.unwrap();
        let access = app.network_access("northshire", Some(first)).await.unwrap();
        let brook = app.authorise(second, "brook").await.unwrap();
        let member = MemberInput {
            membership_type: "organisational".into(),
            organisation_id: brook.organisation_id().to_string(),
            joined_on: "2026-01-01".into(),
            ..MemberInput::default()
        };
        app.add_network_member(&access, &member).await.unwrap();
        let members = [
            MemberManager {
                person: first,
                organisation: "ashby",
            },
            MemberManager {
                person: second,
                organisation: "brook",
            },
        ];
        add_library(&app, "northshire", first, &members)
            .await
            .unwrap();

        let all = app
            .search_resources(&access, &ResourceSearch::default())
            .await
            .unwrap();
        assert_eq!(all.len(), 12);
        assert_eq!(
            all.iter().filter(|r| r.resource.file().is_some()).count(),
            2
        );
        assert_eq!(app.overdue_resources(&access).await.unwrap().len(), 1);
        let outsider = app.network_access("northshire", None).await.unwrap();
        assert_eq!(
            app.search_resources(&outsider, &ResourceSearch::default())
                .await
                .unwrap()
                .len(),
            4
        );
        let library = app.role_library(&access).await.unwrap();
        let shared: Vec<_> = library
            .iter()
            .filter(|t| t.template.source_organisation_id.is_some())
            .collect();
        assert_eq!(shared.len(), 2);
        assert_eq!(shared.iter().map(|t| t.organisations_using).sum::<u32>(), 1);
    }
}

//! Equality monitoring in the demo: most active volunteers answer the optional questions (a few
//! leave some out or prefer not to say), and each organisation records the population it serves
//! as the 2021 Census found England (age bands, sex, ethnic groups, disability).

use std::collections::HashMap;

use anyhow::Result;
use app::App;
use app::ports::VolunteerSearch;
use domain::engagement::EngagementStatus;
use rand::Rng;
use rand::rngs::StdRng;

use super::Explain;
use super::organisations::SeededOrg;

/// The most volunteers per organisation who answer.
const ANSWERING: u32 = 150;

/// Picks from `weights` (value, weight) in proportion to the weights.
fn weighted(rng: &mut StdRng, weights: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = weights.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (value, weight) in weights {
        if pick < *weight {
            return value;
        }
        pick -= weight;
    }
    weights.first().map_or("", |(v, _)| v)
}

/// Most active volunteers answer the equality questions (a few leave some out), and each
/// organisation records its population, roughly as the 2021 Census found England.
pub(super) async fn add_equality(app: &App, orgs: &[SeededOrg], rng: &mut StdRng) -> Result<()> {
    const ETHNICITY: [(&str, u32); 10] = [
        ("white_british", 740),
        ("other_white", 64),
        ("white_irish", 9),
        ("indian", 33),
        ("pakistani", 27),
        ("african", 25),
        ("caribbean", 11),
        ("white_and_black_caribbean", 9),
        ("chinese", 7),
        ("prefer_not_to_say", 20),
    ];
    const DISABILITY: [(&str, u32); 5] = [
        ("limited_a_lot", 7),
        ("limited_a_little", 11),
        ("not_limited", 8),
        ("no_condition", 68),
        ("prefer_not_to_say", 6),
    ];
    for org in orgs {
        let search = VolunteerSearch {
            status: Some(EngagementStatus::Active),
            page: 1,
            per_page: ANSWERING,
            ..VolunteerSearch::default()
        };
        for row in app.volunteers(&org.scope, search).await?.items {
            if !rng.random_bool(0.8) {
                continue;
            }
            let input = domain::equality::EqualityInput {
                sex: weighted(
                    rng,
                    &[("female", 60), ("male", 38), ("prefer_not_to_say", 2)],
                )
                .into(),
                ethnicity: if rng.random_bool(0.95) {
                    weighted(rng, &ETHNICITY).into()
                } else {
                    String::new()
                },
                disability: weighted(rng, &DISABILITY).into(),
            };
            app.save_my_equality(row.person.id, &input)
                .await
                .explain(|| "answering the equality questions".to_owned())?;
        }
        let census: HashMap<&str, &str> = [
            ("age-0", "20.8"),
            ("age-1", "8.1"),
            ("age-2", "13.6"),
            ("age-3", "13.1"),
            ("age-4", "13.2"),
            ("age-5", "12.4"),
            ("age-6", "9.8"),
            ("age-7", "9.0"),
            ("sex-0", "51.0"),
            ("sex-1", "49.0"),
            ("ethnicity-0", "9.6"),
            ("ethnicity-1", "4.2"),
            ("ethnicity-2", "3.0"),
            ("ethnicity-3", "81.0"),
            ("ethnicity-4", "2.2"),
            ("disability-0", "17.3"),
            ("disability-1", "82.7"),
        ]
        .into_iter()
        .collect();
        app.save_population_served(&org.scope, |name| {
            census
                .get(name)
                .map(|v| (*v).to_owned())
                .unwrap_or_default()
        })
        .await
        .explain(|| "recording the population served".to_owned())?;
    }
    Ok(())
}

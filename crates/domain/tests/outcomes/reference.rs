//! The fixture: datasets of keyed baseline and follow-up scores with the figures numpy and scipy
//! computed from them, and scipy's Student's t quantiles. Every figure must match to 1e-9.

use alongside_domain::outcomes::{
    Direction, Figure, PairedChange, pair_up, paired_change, student_t_quantile,
};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct Fixture {
    datasets: Vec<Dataset>,
    t_quantiles: Vec<Quantile>,
}

#[derive(Deserialize)]
struct Dataset {
    name: String,
    higher_is_better: bool,
    meaningful: f64,
    baseline: Vec<Keyed>,
    follow_up: Vec<Keyed>,
    n: usize,
    suppressed: bool,
    mean_before: Option<f64>,
    mean_after: Option<f64>,
    mean_change: Option<f64>,
    sd_change: Option<f64>,
    ci95: Option<(f64, f64)>,
    effect_size: Option<f64>,
    share_improved: Option<f64>,
    share_worsened: Option<f64>,
    scipy_interval: Option<(f64, f64)>,
}

#[derive(Deserialize)]
struct Keyed {
    key: String,
    score: f64,
}

#[derive(Deserialize)]
struct Quantile {
    p: f64,
    df: usize,
    t: f64,
}

fn fixture() -> Fixture {
    let text = include_str!("../fixtures/wellbeing_change.json");
    serde_json::from_str(text).expect("wellbeing_change.json parses")
}

fn dataset(name: &str) -> Dataset {
    fixture()
        .datasets
        .into_iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("dataset {name} in the fixture"))
}

fn keyed(list: &[Keyed]) -> Vec<(String, f64)> {
    list.iter().map(|k| (k.key.clone(), k.score)).collect()
}

fn ours(dataset: &Dataset) -> Figure<PairedChange> {
    let pairs = pair_up(&keyed(&dataset.baseline), &keyed(&dataset.follow_up));
    let better = if dataset.higher_is_better {
        Direction::HigherIsBetter
    } else {
        Direction::LowerIsBetter
    };
    paired_change(&pairs, better, dataset.meaningful)
}

fn assert_close(name: &str, what: &str, ours: f64, theirs: Option<f64>) {
    let theirs = theirs.unwrap_or_else(|| panic!("{name}: fixture has {what}"));
    assert!(
        (ours - theirs).abs() <= TOLERANCE,
        "{name}: {what} is {ours}, numpy/scipy {theirs}"
    );
}

fn check(name: &str) -> PairedChange {
    let dataset = dataset(name);
    assert!(!dataset.suppressed, "{name} is a shown dataset");
    let Figure::Shown(change) = ours(&dataset) else {
        panic!("{name}: {} pairs were suppressed", dataset.n);
    };
    assert_eq!(change.n, dataset.n, "{name}: people paired");
    assert_close(name, "mean before", change.mean_before, dataset.mean_before);
    assert_close(name, "mean after", change.mean_after, dataset.mean_after);
    assert_close(name, "mean change", change.mean_change, dataset.mean_change);
    assert_close(name, "sd of changes", change.sd_change, dataset.sd_change);
    let (low, high) = dataset
        .ci95
        .unwrap_or_else(|| panic!("{name}: fixture has ci95"));
    assert_close(name, "ci95 low", change.ci95.0, Some(low));
    assert_close(name, "ci95 high", change.ci95.1, Some(high));
    if let Some((low, high)) = dataset.scipy_interval {
        assert_close(name, "scipy interval low", change.ci95.0, Some(low));
        assert_close(name, "scipy interval high", change.ci95.1, Some(high));
    }
    match (change.effect_size, dataset.effect_size) {
        (None, None) => {}
        (Some(d), theirs @ Some(_)) => assert_close(name, "effect size", d, theirs),
        (d, theirs) => panic!("{name}: effect size {d:?}, reference {theirs:?}"),
    }
    assert_close(
        name,
        "share improved",
        change.share_improved,
        dataset.share_improved,
    );
    assert_close(
        name,
        "share worsened",
        change.share_worsened,
        dataset.share_worsened,
    );
    change
}

#[test]
fn five_people_is_the_smallest_group_shown_and_matches_scipy() {
    let change = check("hand_made_five");
    assert_eq!(change.n, 5);
    // One meaningful decline (-3.10); -2.95 falls just short of 3 points.
    assert_eq!((change.share_improved, change.share_worsened), (0.2, 0.2));
}

#[test]
fn four_people_answering_both_are_withheld_even_with_six_responses() {
    let dataset = dataset("hand_made_four_suppressed");
    assert!(dataset.suppressed);
    assert_eq!(dataset.n, 4);
    assert_eq!(dataset.baseline.len() + dataset.follow_up.len(), 10);
    assert_eq!(ours(&dataset), Figure::Suppressed { n: 4 });
}

#[test]
fn anxiety_falling_counts_as_improvement_and_matches_scipy() {
    let change = check("anxiety_with_ties");
    assert!(change.mean_change < 0.0, "anxiety fell on average");
    assert!(change.share_improved > change.share_worsened);
}

#[test]
fn everyone_changing_alike_collapses_the_interval_with_no_effect_size() {
    let change = check("everyone_up_two");
    assert_eq!(change.sd_change, 0.0);
    assert_eq!(change.ci95, (2.0, 2.0));
    assert_eq!(change.effect_size, None);
}

#[test]
fn seeded_swemwbs_scores_with_people_lost_to_follow_up_match_scipy() {
    let change = check("seeded_swemwbs");
    let dataset = dataset("seeded_swemwbs");
    assert!(change.n >= 200 && change.n < dataset.baseline.len());
}

#[test]
fn seeded_brs_means_match_scipy_including_changes_of_exactly_half_a_point() {
    check("seeded_brs");
}

#[test]
fn the_fixture_covers_all_six_datasets() {
    let names: Vec<String> = fixture().datasets.into_iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "hand_made_five",
            "hand_made_four_suppressed",
            "anxiety_with_ties",
            "everyone_up_two",
            "seeded_swemwbs",
            "seeded_brs"
        ]
    );
}

#[test]
fn student_t_quantiles_match_scipy_for_every_listed_df_and_probability() {
    let quantiles = fixture().t_quantiles;
    assert!(quantiles.len() > 400);
    assert!(quantiles.iter().any(|q| q.df == 4) && quantiles.iter().any(|q| q.df == 1000));
    for q in &quantiles {
        let ours = student_t_quantile(q.p, q.df)
            .unwrap_or_else(|| panic!("a quantile for p {} df {}", q.p, q.df));
        assert!(
            (ours - q.t).abs() <= TOLERANCE,
            "t quantile p {} df {}: ours {ours}, scipy {}",
            q.p,
            q.df,
            q.t
        );
    }
}

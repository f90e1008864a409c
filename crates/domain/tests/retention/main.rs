//! Kaplan–Meier retention checked against lifelines: the fixture holds inputs and the figures
//! lifelines computed from them (made by `tools/reference/kaplan_meier.py`), and every survival
//! value, the 365-day retention and the median must match to 1e-9.

// Fixture loading fails by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use alongside_domain::retention::{
    Tenure, kaplan_meier, median_tenure, retention_12_months, survival_at,
};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct Fixture {
    datasets: Vec<Dataset>,
}

#[derive(Deserialize)]
struct Dataset {
    name: String,
    tenures: Vec<FixtureTenure>,
    survival: Vec<Point>,
    survival_365: f64,
    median: Option<f64>,
}

#[derive(Deserialize)]
struct FixtureTenure {
    days: f64,
    left: bool,
}

#[derive(Deserialize)]
struct Point {
    time: f64,
    survival: f64,
}

fn fixture() -> Fixture {
    let text = include_str!("../fixtures/kaplan_meier.json");
    serde_json::from_str(text).expect("kaplan_meier.json parses")
}

fn dataset(name: &str) -> Dataset {
    fixture()
        .datasets
        .into_iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("dataset {name} in the fixture"))
}

fn tenures(dataset: &Dataset) -> Vec<Tenure> {
    dataset
        .tenures
        .iter()
        .map(|t| Tenure {
            days: t.days,
            left: t.left,
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE
}

fn check(name: &str) {
    let dataset = dataset(name);
    let steps = kaplan_meier(&tenures(&dataset));

    assert!(!dataset.survival.is_empty(), "{name}: fixture has a curve");
    for point in &dataset.survival {
        let ours = survival_at(&steps, point.time);
        assert!(
            close(ours, point.survival),
            "{name}: survival at {} is {ours}, lifelines {}",
            point.time,
            point.survival
        );
    }
    // Every one of our steps is a time in lifelines' curve (which also starts at 0).
    for step in &steps {
        assert!(
            dataset.survival.iter().any(|p| p.time == step.time),
            "{name}: step at {} is not in lifelines' timeline",
            step.time
        );
    }

    let ours = retention_12_months(&steps);
    assert!(
        close(ours, dataset.survival_365),
        "{name}: 12-month retention {ours}, lifelines {}",
        dataset.survival_365
    );

    match (median_tenure(&steps), dataset.median) {
        (None, None) => {}
        (Some(ours), Some(theirs)) => assert!(
            close(ours, theirs),
            "{name}: median {ours}, lifelines {theirs}"
        ),
        (ours, theirs) => panic!("{name}: median {ours:?}, lifelines {theirs:?}"),
    }
}

#[test]
fn retention_matches_lifelines_on_hand_made_ties() {
    check("hand_made_ties");
}

#[test]
fn retention_matches_lifelines_when_all_censored() {
    check("all_censored");
    assert_eq!(dataset("all_censored").median, None);
}

#[test]
fn retention_matches_lifelines_on_200_seeded_tenures() {
    check("seeded_200");
    assert_eq!(dataset("seeded_200").tenures.len(), 200);
}

#[test]
fn retention_fixture_covers_all_three_datasets() {
    let names: Vec<String> = fixture().datasets.into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["hand_made_ties", "all_censored", "seeded_200"]);
}

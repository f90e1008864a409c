use super::super::ons4::*;
use super::all;
use crate::instruments::{Answers, Licence};

#[test]
fn positive_bands_at_every_boundary() {
    let cases = [
        (0, PositiveBand::Low),
        (4, PositiveBand::Low),
        (5, PositiveBand::Medium),
        (6, PositiveBand::Medium),
        (7, PositiveBand::High),
        (8, PositiveBand::High),
        (9, PositiveBand::VeryHigh),
        (10, PositiveBand::VeryHigh),
    ];
    for (rating, band) in cases {
        assert_eq!(PositiveBand::for_rating(rating), Some(band), "{rating}");
    }
    assert_eq!(PositiveBand::for_rating(11), None);
}

#[test]
fn anxiety_bands_at_every_boundary() {
    let cases = [
        (0, AnxietyBand::VeryLow),
        (1, AnxietyBand::VeryLow),
        (2, AnxietyBand::Low),
        (3, AnxietyBand::Low),
        (4, AnxietyBand::Medium),
        (5, AnxietyBand::Medium),
        (6, AnxietyBand::High),
        (10, AnxietyBand::High),
    ];
    for (rating, band) in cases {
        assert_eq!(AnxietyBand::for_rating(rating), Some(band), "{rating}");
    }
    assert_eq!(AnxietyBand::for_rating(11), None);
}

#[test]
fn each_measure_is_scored_separately() {
    let answers = Answers::new()
        .with(SATISFACTION, 4)
        .with(WORTHWHILE, 5)
        .with(HAPPINESS, 9)
        .with(ANXIETY, 6);
    let scores = score(&answers).unwrap();
    assert_eq!(
        scores.life_satisfaction,
        Some(Measure {
            rating: 4,
            band: PositiveBand::Low
        })
    );
    assert_eq!(scores.worthwhile.unwrap().band, PositiveBand::Medium);
    assert_eq!(scores.happiness.unwrap().band, PositiveBand::VeryHigh);
    assert_eq!(
        scores.anxiety,
        Some(Measure {
            rating: 6,
            band: AnxietyBand::High
        })
    );
}

#[test]
fn a_missing_item_leaves_only_its_measure_missing() {
    let mut answers = Answers::new().with(SATISFACTION, 7).with(ANXIETY, 1);
    answers.set(HAPPINESS, None);
    let scores = score(&answers).unwrap();
    assert_eq!(scores.life_satisfaction.unwrap().band, PositiveBand::High);
    assert_eq!(scores.worthwhile, None);
    assert_eq!(scores.happiness, None);
    assert_eq!(scores.anxiety.unwrap().band, AnxietyBand::VeryLow);
}

#[test]
fn zero_is_a_rating_not_a_missing_answer() {
    let scores = score(&all(&ONS4, 0)).unwrap();
    assert_eq!(scores.life_satisfaction.unwrap().rating, 0);
    assert_eq!(scores.anxiety.unwrap().band, AnxietyBand::VeryLow);
}

#[test]
fn an_answer_above_ten_is_refused_naming_the_item() {
    let answers = Answers::new().with(SATISFACTION, 7).with(ANXIETY, 11);
    let errors = score(&answers).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert!(
        errors
            .get(ANXIETY)
            .unwrap()
            .starts_with("Choose an answer from 0 to 10")
    );
}

#[test]
fn definition_matches_the_harmonised_standard() {
    assert_eq!(ONS4.items.len(), 4);
    assert_eq!(ONS4.scale.min(), 0);
    assert_eq!(ONS4.scale.max(), 10);
    assert_eq!(ONS4.licence, Licence::OpenGovernmentLicence);
    let anxious = ONS4.item(ANXIETY).unwrap();
    assert_eq!(anxious.anchors.unwrap().high, "completely anxious");
    assert!(
        ONS4.items
            .iter()
            .all(|i| !i.reversed && i.anchors.is_some())
    );
    assert_eq!(
        ONS4.item(SATISFACTION).unwrap().text,
        "Overall, how satisfied are you with your life nowadays?"
    );
}

use super::super::experience::*;
use crate::Labelled;
use crate::instruments::{Answers, Licence};

#[test]
fn one_item_per_theme_in_theme_order() {
    assert_eq!(EXPERIENCE.items.len(), Theme::ALL.len());
    for (item, theme) in EXPERIENCE.items.iter().zip(Theme::ALL) {
        assert_eq!(item.code, theme.code());
        assert_eq!(theme.item(), Some(item));
        assert!(!item.reversed);
    }
    assert_eq!(EXPERIENCE.licence, Licence::Original);
}

#[test]
fn each_theme_scores_its_answer_and_skips_are_missing() {
    let mut answers = Answers::new()
        .with("satisfaction", 5)
        .with("not_like_paid_work", 2)
        .with("support", 1);
    answers.set("impact", None);
    let scores = score(&answers).unwrap();
    assert_eq!(scores.len(), 10);
    let of = |t: Theme| scores.iter().find(|s| s.theme == t).unwrap().score;
    assert_eq!(of(Theme::Satisfaction), Some(5));
    assert_eq!(of(Theme::NotLikePaidWork), Some(2));
    assert_eq!(of(Theme::Support), Some(1));
    assert_eq!(of(Theme::Impact), None);
    assert_eq!(of(Theme::Belonging), None);
}

#[test]
fn out_of_range_is_refused_naming_the_item() {
    let errors = score(&Answers::new().with("belonging", 6)).unwrap_err();
    assert_eq!(
        errors.get("belonging"),
        Some("Choose an answer from 1 to 5 for \u{201c}I feel part of the team here.\u{201d}")
    );
}

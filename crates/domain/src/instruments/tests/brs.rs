use super::super::brs::*;
use super::all;
use crate::instruments::{Answers, Hundredths};

fn answers(values: [u8; 6]) -> Answers {
    BRS.items
        .iter()
        .zip(values)
        .map(|(i, v)| (i.code, v))
        .collect()
}

#[test]
fn items_two_four_and_six_are_reversed() {
    let reversed: Vec<_> = BRS.items.iter().map(|i| i.reversed).collect();
    assert_eq!(reversed, [false, true, false, true, false, true]);
    let q2 = BRS.item("q2").unwrap();
    assert_eq!(BRS.scored(q2, 5), 1);
    assert_eq!(BRS.scored(q2, 1), 5);
    assert_eq!(BRS.scored(BRS.item("q1").unwrap(), 5), 5);
}

#[test]
fn all_fives_score_three_because_reversed_items_count_one() {
    let s = score(&all(&BRS, 5)).unwrap().unwrap();
    assert_eq!(s.sum, 18);
    assert_eq!(s.mean(), Hundredths(300));
    assert_eq!(s.band(), Band::Normal);
    assert_eq!(
        score(&all(&BRS, 1)).unwrap().unwrap().mean(),
        Hundredths(300)
    );
}

#[test]
fn extremes_score_one_and_five() {
    let lowest = score(&answers([1, 5, 1, 5, 1, 5])).unwrap().unwrap();
    assert_eq!(
        (lowest.mean().to_string(), lowest.band()),
        ("1.00".into(), Band::Low)
    );
    let highest = score(&answers([5, 1, 5, 1, 5, 1])).unwrap().unwrap();
    assert_eq!(
        (highest.mean().to_string(), highest.band()),
        ("5.00".into(), Band::High)
    );
}

#[test]
fn worked_example() {
    // Answers 4, 2, 4, 3, 5, 2 → scored 4, 4, 4, 3, 5, 4 = 24 → 24 / 6 = 4.00, normal.
    let s = score(&answers([4, 2, 4, 3, 5, 2])).unwrap().unwrap();
    assert_eq!(s.sum, 24);
    assert_eq!(s.mean().to_string(), "4.00");
    assert_eq!(s.band(), Band::Normal);
    // Answers 4, 1, 5, 2, 4, 1 → scored 4, 5, 5, 4, 4, 5 = 27 → 4.50, high.
    let s = score(&answers([4, 1, 5, 2, 4, 1])).unwrap().unwrap();
    assert_eq!((s.sum, s.mean().to_string()), (27, "4.50".into()));
    assert_eq!(s.band(), Band::High);
}

#[test]
fn means_round_to_two_decimal_places() {
    let mean = |sum| BrsScore { sum }.mean().to_string();
    assert_eq!(mean(17), "2.83"); // 2.8333…
    assert_eq!(mean(19), "3.17"); // 3.1666…
    assert_eq!(mean(25), "4.17"); // 4.1666…
    assert_eq!(mean(26), "4.33"); // 4.3333…
    assert_eq!(BrsScore { sum: 17 }.band(), Band::Low);
    assert_eq!(BrsScore { sum: 25 }.band(), Band::Normal);
    assert_eq!(BrsScore { sum: 26 }.band(), Band::High);
}

#[test]
fn bands_at_their_boundaries() {
    let band = |h| Band::for_mean(Hundredths(h));
    assert_eq!(band(100), Band::Low);
    assert_eq!(band(299), Band::Low);
    assert_eq!(band(300), Band::Normal);
    assert_eq!(band(430), Band::Normal);
    assert_eq!(band(431), Band::High);
    assert_eq!(band(500), Band::High);
}

#[test]
fn any_missing_item_gives_no_score() {
    let mut a = all(&BRS, 3);
    a.set("q4", None);
    assert_eq!(score(&a).unwrap(), None);
    let five: Answers = BRS.items[1..].iter().map(|i| (i.code, 3)).collect();
    assert_eq!(score(&five).unwrap(), None);
}

#[test]
fn an_out_of_range_answer_is_refused_naming_the_item() {
    let errors = score(&all(&BRS, 3).with("q6", 6)).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert!(errors.get("q6").unwrap().contains("set-backs"));
}

//! The paired change worked by hand, its edge cases, and Student's t quantile's own properties.

use alongside_domain::instruments::swemwbs;
use alongside_domain::outcomes::{
    Direction, Figure, PairedChange, SWEMWBS_MEANINGFUL, paired_change, student_t_quantile,
};

fn shown(figure: Figure<PairedChange>) -> PairedChange {
    match figure {
        Figure::Shown(change) => change,
        Figure::Suppressed { n } => panic!("{n} pairs were withheld"),
    }
}

#[test]
fn five_pairs_worked_by_hand() {
    // Changes 1, 2, 3, 4, 5: mean 3, sd √2.5, t(0.975, 4) = 2.7764451051977987.
    let pairs = [
        (10.0, 11.0),
        (10.0, 12.0),
        (10.0, 13.0),
        (10.0, 14.0),
        (10.0, 15.0),
    ];
    let change = shown(paired_change(&pairs, Direction::HigherIsBetter, 3.0));
    let sd = 2.5_f64.sqrt();
    let half = 2.776_445_105_197_798_7 * sd / 5.0_f64.sqrt();
    assert_eq!(change.n, 5);
    assert_eq!(
        (change.mean_before, change.mean_after, change.mean_change),
        (10.0, 13.0, 3.0)
    );
    assert!((change.sd_change - sd).abs() < 1e-12);
    assert!((change.ci95.0 - (3.0 - half)).abs() < 1e-12);
    assert!((change.ci95.1 - (3.0 + half)).abs() < 1e-12);
    assert!((change.effect_size.unwrap() - 3.0 / sd).abs() < 1e-12);
    // Changes of exactly 3, 4 and 5 are meaningful improvements.
    assert_eq!((change.share_improved, change.share_worsened), (0.6, 0.0));
}

#[test]
fn lower_is_better_swaps_improved_and_worsened_but_not_the_sign_of_the_change() {
    let pairs = [(5.0, 2.0), (5.0, 3.0), (5.0, 5.0), (5.0, 7.0), (5.0, 4.0)];
    let higher = shown(paired_change(&pairs, Direction::HigherIsBetter, 2.0));
    let lower = shown(paired_change(&pairs, Direction::LowerIsBetter, 2.0));
    assert_eq!(higher.mean_change, -0.8);
    assert_eq!(lower.mean_change, -0.8);
    assert_eq!(lower.effect_size, higher.effect_size);
    assert_eq!((higher.share_improved, higher.share_worsened), (0.2, 0.4));
    assert_eq!((lower.share_improved, lower.share_worsened), (0.4, 0.2));
}

#[test]
fn four_pairs_are_withheld_without_any_figure() {
    let pairs = [(1.0, 2.0), (2.0, 3.0), (3.0, 4.0), (4.0, 5.0)];
    assert_eq!(
        paired_change(&pairs, Direction::HigherIsBetter, 1.0),
        Figure::Suppressed { n: 4 }
    );
    assert_eq!(
        paired_change(&[], Direction::HigherIsBetter, 1.0),
        Figure::Suppressed { n: 0 }
    );
}

#[test]
fn pairs_with_a_missing_score_do_not_count_towards_the_five() {
    let mut pairs = vec![(1.0, 2.0), (2.0, 3.0), (3.0, 4.0), (4.0, 5.0)];
    pairs.push((f64::NAN, 5.0));
    pairs.push((6.0, f64::INFINITY));
    assert_eq!(
        paired_change(&pairs, Direction::HigherIsBetter, 1.0),
        Figure::Suppressed { n: 4 }
    );
    pairs.push((7.0, 9.0));
    let change = shown(paired_change(&pairs, Direction::HigherIsBetter, 1.0));
    assert_eq!(change.n, 5);
    assert_eq!(change.mean_change, 1.2);
}

#[test]
fn identical_swemwbs_changes_in_hundredths_have_no_effect_size() {
    // Each rose by 2.55 metric points, but in floating point the differences are not all
    // bit-for-bit equal; the spread is rounding, not a real one.
    let metric = |raw| swemwbs::metric_for_raw(raw).unwrap().as_f64();
    let pairs: Vec<(f64, f64)> = [(18, 22), (18, 22), (18, 22), (18, 22), (18, 22)]
        .iter()
        .map(|&(b, a)| (metric(b), metric(a)))
        .chain([(1.1, 3.65), (2.2, 4.75), (0.7, 3.25)])
        .collect();
    let change = shown(paired_change(
        &pairs,
        Direction::HigherIsBetter,
        SWEMWBS_MEANINGFUL,
    ));
    assert!(change.sd_change < 1e-9, "sd {}", change.sd_change);
    assert_eq!(change.effect_size, None);
    assert!((change.ci95.1 - change.ci95.0).abs() < 1e-8);
    assert_eq!(change.share_improved, 0.0);
}

#[test]
fn swemwbs_meaningful_change_is_the_instruments_three_points() {
    assert_eq!(SWEMWBS_MEANINGFUL, 3.0);
    assert_eq!(f64::from(swemwbs::MEANINGFUL) / 100.0, SWEMWBS_MEANINGFUL);
}

#[test]
fn t_quantiles_are_symmetric_increasing_and_known_in_closed_form() {
    // df 1 is the Cauchy distribution: tan(π(p − ½)); df 2 has t = (2p−1)·√(2 / (4p(1−p))).
    for p in [0.6, 0.9, 0.975, 0.995] {
        let cauchy = (std::f64::consts::PI * (p - 0.5)).tan();
        assert!((student_t_quantile(p, 1).unwrap() - cauchy).abs() < 1e-9 * cauchy.max(1.0));
        let two = (2.0 * p - 1.0) * (2.0 / (4.0 * p * (1.0 - p))).sqrt();
        assert!((student_t_quantile(p, 2).unwrap() - two).abs() < 1e-12);
        for df in [3, 4, 10, 57, 1000] {
            let upper = student_t_quantile(p, df).unwrap();
            let lower = student_t_quantile(1.0 - p, df).unwrap();
            assert!(
                (lower + upper).abs() < 1e-12 * upper,
                "df {df}: {lower} and {upper}"
            );
            assert!(student_t_quantile(p, df + 1).unwrap() < upper);
        }
    }
    assert_eq!(student_t_quantile(0.5, 7), Some(0.0));
    // Very many degrees of freedom approach the normal: 1.959963984540054.
    let big = student_t_quantile(0.975, 200_000).unwrap();
    assert!((big - 1.959_963_984_540_054).abs() < 2e-5);
}

#[test]
fn t_quantile_refuses_no_degrees_of_freedom_and_impossible_probabilities() {
    assert_eq!(student_t_quantile(0.975, 0), None);
    for p in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
        assert_eq!(student_t_quantile(p, 5), None, "p = {p}");
    }
}

//! Pairing baseline with follow-up by person: only people who answered both are compared.

use alongside_domain::outcomes::pair_up;

#[test]
fn only_people_who_answered_both_are_paired_in_follow_up_order() {
    let baseline = [("ann", 20.0), ("bob", 22.0), ("cat", 18.0)];
    let follow_up = [("dan", 30.0), ("cat", 19.0), ("ann", 25.0)];
    assert_eq!(
        pair_up(&baseline, &follow_up),
        vec![(18.0, 19.0), (20.0, 25.0)]
    );
}

#[test]
fn nobody_in_common_gives_no_pairs() {
    let baseline = [(1_u32, 5.0), (2, 6.0)];
    let follow_up = [(3_u32, 7.0)];
    assert!(pair_up(&baseline, &follow_up).is_empty());
    assert!(pair_up::<u32>(&[], &follow_up).is_empty());
    assert!(pair_up(&baseline, &[]).is_empty());
}

#[test]
fn a_repeated_person_counts_once_with_their_first_score_in_each_list() {
    let baseline = [("ann", 3.0), ("ann", 9.0), ("bob", 4.0)];
    let follow_up = [("ann", 5.0), ("bob", 6.0), ("ann", 1.0), ("bob", 0.0)];
    assert_eq!(pair_up(&baseline, &follow_up), vec![(3.0, 5.0), (4.0, 6.0)]);
}

#[test]
fn scores_are_never_moved_between_people() {
    // Same scores, different keys: each pair keeps its own person's two scores.
    let baseline: Vec<(u32, f64)> = (0..50).map(|k| (k, f64::from(k))).collect();
    let follow_up: Vec<(u32, f64)> = (0..50).rev().map(|k| (k, f64::from(k) + 0.5)).collect();
    let pairs = pair_up(&baseline, &follow_up);
    assert_eq!(pairs.len(), 50);
    assert!(pairs.iter().all(|(before, after)| after - before == 0.5));
}

use proptest::prelude::*;

use super::*;

mod reference;

fn c(left: usize, right: usize, fit: i64) -> Candidate {
    Candidate { left, right, fit }
}

/// The best total by trying every subset of candidates that respects the rules.
fn brute_force(left: usize, capacity: &[u32], candidates: &[Candidate]) -> i64 {
    let usable: Vec<Candidate> = candidates
        .iter()
        .copied()
        .filter(|c| c.fit > 0 && c.left < left && c.right < capacity.len())
        .collect();
    let mut best = 0;
    for mask in 0u32..(1 << usable.len()) {
        let mut used_left = vec![false; left];
        let mut used_right = vec![0u32; capacity.len()];
        let mut total = 0;
        let mut ok = true;
        for (i, c) in usable.iter().enumerate() {
            if mask & (1 << i) == 0 {
                continue;
            }
            if used_left[c.left] || used_right[c.right] >= capacity[c.right] {
                ok = false;
                break;
            }
            used_left[c.left] = true;
            used_right[c.right] += 1;
            total += c.fit;
        }
        if ok {
            best = best.max(total);
        }
    }
    best
}

/// Whether an assignment keeps the rules, lists pairs in left order, and adds up (a pair
/// counts the best fit among its duplicates).
fn valid(left: usize, capacity: &[u32], candidates: &[Candidate], a: &Assignment) -> bool {
    let mut used_left = vec![false; left];
    let mut used_right = vec![0u32; capacity.len()];
    let mut total = 0;
    for &(l, r) in &a.pairs {
        let Some(best) = candidates
            .iter()
            .filter(|c| c.left == l && c.right == r && c.fit > 0)
            .map(|c| c.fit)
            .max()
        else {
            return false;
        };
        if used_left[l] || used_right[r] >= capacity[r] {
            return false;
        }
        used_left[l] = true;
        used_right[r] += 1;
        total += best;
    }
    total == a.total_fit && a.pairs.windows(2).all(|w| w[0].0 < w[1].0)
}

#[test]
fn a_volunteer_with_room_for_two_takes_the_two_who_fit_them_best() {
    // Two service users both fit volunteer 0 best; volunteer 0 can support two people.
    let candidates = [c(0, 0, 10), c(1, 0, 9), c(1, 1, 3), c(2, 1, 5), c(2, 0, 8)];
    let a = best_assignment(3, &[2, 1], &candidates);
    assert_eq!(a.pairs, vec![(0, 0), (1, 0), (2, 1)]);
    assert_eq!(a.total_fit, 24);
    // With room for one, the best total moves someone rather than leaving them out.
    let a = best_assignment(3, &[1, 1], &candidates);
    assert_eq!(a.total_fit, 15);
    assert_eq!(a.pairs.len(), 2);
}

#[test]
fn greedy_choices_are_undone_when_that_fits_more_people_better() {
    // Greedy would give 0 to volunteer 0 (fit 10), leaving 1 unmatched; best is 9 + 8.
    let candidates = [c(0, 0, 10), c(0, 1, 9), c(1, 0, 8)];
    let a = best_assignment(2, &[1, 1], &candidates);
    assert_eq!(a.pairs, vec![(0, 1), (1, 0)]);
    assert_eq!(a.total_fit, 17);
    let g = greedy_assignment(2, &[1, 1], &candidates);
    assert_eq!(g.pairs, vec![(0, 0)]);
    assert_eq!(g.total_fit, 10);
}

#[test]
fn someone_placed_earlier_is_unmatched_when_a_later_person_fits_far_better() {
    // Person 0 is placed first (fit 2); person 1 fits the only volunteer much better, and
    // person 0 has nowhere else to go, so the best total leaves person 0 out.
    let candidates = [c(0, 0, 2), c(1, 0, 50)];
    let a = best_assignment(2, &[1], &candidates);
    assert_eq!(a.pairs, vec![(1, 0)]);
    assert_eq!(a.total_fit, 50);
}

#[test]
fn a_long_chain_of_moves_is_found() {
    // Person i fits volunteer i by 100 and volunteer i + 1 by 99; the last person only fits
    // volunteer 0 (by 100), so everyone shifts along by one, into the free volunteer at the
    // end: 99 × 50 + 100, more than leaving anyone out (at most 100 × 50).
    let n = 50;
    let mut candidates = Vec::new();
    for i in 0..n {
        candidates.push(c(i, i, 100));
        candidates.push(c(i, i + 1, 99));
    }
    candidates.push(c(n, 0, 100));
    let a = best_assignment(n + 1, &vec![1; n + 1], &candidates);
    assert_eq!(a.total_fit, 99 * n as i64 + 100);
    let expected: Vec<(usize, usize)> = (0..n).map(|i| (i, i + 1)).chain([(n, 0)]).collect();
    assert_eq!(a.pairs, expected);
}

#[test]
fn unfit_out_of_range_and_duplicate_candidates_are_handled() {
    let candidates = [
        c(0, 0, 0),
        c(0, 0, -5),
        c(5, 0, 7),
        c(0, 9, 7),
        c(0, 0, 3),
        c(0, 0, 4),
    ];
    for a in [
        best_assignment(1, &[1], &candidates),
        greedy_assignment(1, &[1], &candidates),
    ] {
        assert_eq!(a.total_fit, 4);
        assert_eq!(a.pairs, vec![(0, 0)]);
    }
    assert_eq!(best_assignment(0, &[], &[]).pairs, vec![]);
    assert_eq!(greedy_assignment(0, &[], &[]).pairs, vec![]);
    assert_eq!(
        best_assignment(2, &[0], &[c(0, 0, 5)]).total_fit,
        0,
        "no places"
    );
    assert_eq!(greedy_assignment(2, &[0], &[c(0, 0, 5)]).total_fit, 0);
}

#[test]
fn a_huge_capacity_costs_nothing() {
    let a = best_assignment(3, &[u32::MAX], &[c(0, 0, 1), c(1, 0, 2), c(2, 0, 3)]);
    assert_eq!(a.pairs, vec![(0, 0), (1, 0), (2, 0)]);
    assert_eq!(a.total_fit, 6);
}

/// Candidate lists for the property tests: (left, right, fit) with the fit drawn from a small
/// range when `ties` is set, so that many pairs are equally good.
fn candidates_from(raw: &[(usize, usize, i64)], ties: bool) -> Vec<Candidate> {
    raw.iter()
        .map(|&(l, r, f)| c(l, r, if ties { f.rem_euclid(3) } else { f }))
        .collect()
}

proptest! {
    #[test]
    fn matches_brute_force_on_small_cases(
        left in 1usize..5,
        capacity in proptest::collection::vec(0u32..3, 1..4),
        raw in proptest::collection::vec((0usize..5, 0usize..4, -3i64..20), 0..11),
        ties in any::<bool>(),
    ) {
        let candidates = candidates_from(&raw, ties);
        let a = best_assignment(left, &capacity, &candidates);
        prop_assert!(valid(left, &capacity, &candidates, &a), "{a:?}");
        prop_assert_eq!(a.total_fit, brute_force(left, &capacity, &candidates));
        let g = greedy_assignment(left, &capacity, &candidates);
        prop_assert!(valid(left, &capacity, &candidates, &g), "{g:?}");
        prop_assert!(g.total_fit <= a.total_fit);
    }

    #[test]
    fn matches_brute_force_with_large_capacities(
        left in 1usize..7,
        capacity in proptest::collection::vec(0u32..6, 1..3),
        raw in proptest::collection::vec((0usize..7, 0usize..3, -2i64..10), 0..13),
        ties in any::<bool>(),
    ) {
        let candidates = candidates_from(&raw, ties);
        let a = best_assignment(left, &capacity, &candidates);
        prop_assert!(valid(left, &capacity, &candidates, &a), "{a:?}");
        prop_assert_eq!(a.total_fit, brute_force(left, &capacity, &candidates));
    }

    #[test]
    fn matches_the_reference_on_medium_cases(
        left in 1usize..40,
        capacity in proptest::collection::vec(0u32..4, 1..25),
        raw in proptest::collection::vec((0usize..40, 0usize..25, -5i64..30), 0..150),
        ties in any::<bool>(),
    ) {
        let candidates = candidates_from(&raw, ties);
        let a = best_assignment(left, &capacity, &candidates);
        prop_assert!(valid(left, &capacity, &candidates, &a), "{a:?}");
        prop_assert_eq!(a.total_fit, reference::best_total(left, &capacity, &candidates));
        // Fits too large for the bucket queue take the binary heap, with the same optimum.
        let scaled: Vec<Candidate> =
            candidates.iter().map(|x| c(x.left, x.right, x.fit * 1_000_003)).collect();
        let big = best_assignment(left, &capacity, &scaled);
        prop_assert_eq!(big.total_fit, a.total_fit * 1_000_003);
        let g = greedy_assignment(left, &capacity, &candidates);
        prop_assert!(valid(left, &capacity, &candidates, &g), "{g:?}");
        prop_assert!(g.total_fit <= a.total_fit);
    }
}

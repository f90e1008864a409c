//! The greedy baseline: fast and simple, usually close to the best total, never better.

use super::{Assignment, Candidate};

/// Pairs by highest fit first, each pair taken when its person on the left is still unmatched
/// and its volunteer still has a place; ties go to the lower left, then lower right index, so the
/// result is deterministic. Same rules as [`super::best_assignment`] (unusable candidates are
/// ignored, the best of duplicates counts), but it never moves anyone once placed, so it can
/// miss the best total: it is the baseline the optimum is measured against, and a quick answer
/// where a near-best one is enough.
pub fn greedy_assignment(left: usize, capacity: &[u32], candidates: &[Candidate]) -> Assignment {
    let mut order: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.fit > 0 && c.left < left && c.right < capacity.len())
        .collect();
    order.sort_unstable_by_key(|c| (std::cmp::Reverse(c.fit), c.left, c.right));
    let mut taken: Vec<Option<(usize, i64)>> = vec![None; left];
    let mut used = vec![0u32; capacity.len()];
    for c in order {
        if taken[c.left].is_none() && used[c.right] < capacity[c.right] {
            taken[c.left] = Some((c.right, c.fit));
            used[c.right] += 1;
        }
    }
    let mut pairs = Vec::new();
    let mut total_fit = 0;
    for (l, t) in taken.iter().enumerate() {
        if let Some((r, fit)) = *t {
            pairs.push((l, r));
            total_fit += fit;
        }
    }
    Assignment { pairs, total_fit }
}

//! Optimal assignment with capacities over a sparse list of candidate pairs: each person on
//! the left (a service user waiting for support) is matched at most once, each on the right (a
//! volunteer) at most their capacity, only through listed candidates, so that the total fit is
//! as large as possible. Min-cost flow by successive shortest paths (Bellman–Ford, as the costs
//! are negative fits), stopping when no augmenting path would add fit. Work grows with the
//! number of candidates, not with left × right.

/// One possible pairing and how good it is (higher is better; only positive fits are used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// The index of the person on the left.
    pub left: usize,
    /// The index of the person on the right.
    pub right: usize,
    /// How good the pairing is.
    pub fit: i64,
}

/// The pairs chosen, and their total fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// (left, right) pairs, in left order.
    pub pairs: Vec<(usize, usize)>,
    /// The sum of the chosen candidates' fits.
    pub total_fit: i64,
}

#[derive(Clone, Copy)]
struct Edge {
    to: usize,
    capacity: i64,
    cost: i64,
}

struct Flow {
    edges: Vec<Edge>,
    from: Vec<Vec<usize>>,
}

impl Flow {
    fn new(nodes: usize) -> Self {
        Self {
            edges: Vec::new(),
            from: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and its residual twin; returns the edge's index.
    fn add(&mut self, a: usize, b: usize, capacity: i64, cost: i64) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge {
            to: b,
            capacity,
            cost,
        });
        self.from[a].push(id);
        self.edges.push(Edge {
            to: a,
            capacity: 0,
            cost: -cost,
        });
        self.from[b].push(id + 1);
        id
    }

    /// The cheapest path from `source` to `sink` in the residual graph, as edge indices, with
    /// its cost; `None` when the sink cannot be reached.
    fn shortest_path(&self, source: usize, sink: usize) -> Option<(i64, Vec<usize>)> {
        let n = self.from.len();
        let mut dist = vec![i64::MAX; n];
        let mut via: Vec<Option<usize>> = vec![None; n];
        let mut queued = vec![false; n];
        let mut queue = std::collections::VecDeque::new();
        dist[source] = 0;
        queue.push_back(source);
        queued[source] = true;
        while let Some(node) = queue.pop_front() {
            queued[node] = false;
            for &id in &self.from[node] {
                let e = self.edges[id];
                if e.capacity <= 0 {
                    continue;
                }
                let through = dist[node].saturating_add(e.cost);
                if through < dist[e.to] {
                    dist[e.to] = through;
                    via[e.to] = Some(id);
                    if !queued[e.to] {
                        queued[e.to] = true;
                        queue.push_back(e.to);
                    }
                }
            }
        }
        if dist[sink] == i64::MAX {
            return None;
        }
        let mut path = Vec::new();
        let mut node = sink;
        while node != source {
            let id = via[node]?;
            path.push(id);
            node = self.edges[id ^ 1].to;
        }
        Some((dist[sink], path))
    }
}

/// The assignment of greatest total fit: `left` people on the left, `capacity[r]` places for
/// each person `r` on the right, pairs only from `candidates` (those with a fit of zero or less,
/// or naming someone out of range, are ignored; the best of duplicates counts).
pub fn best_assignment(left: usize, capacity: &[u32], candidates: &[Candidate]) -> Assignment {
    let right = capacity.len();
    let source = left + right;
    let sink = source + 1;
    let mut flow = Flow::new(left + right + 2);
    for l in 0..left {
        flow.add(source, l, 1, 0);
    }
    for (r, &places) in capacity.iter().enumerate() {
        flow.add(left + r, sink, i64::from(places), 0);
    }
    let mut pair_edges = Vec::new();
    for c in candidates {
        if c.fit > 0 && c.left < left && c.right < right {
            let id = flow.add(c.left, left + c.right, 1, -c.fit);
            pair_edges.push((id, *c));
        }
    }
    while let Some((cost, path)) = flow.shortest_path(source, sink) {
        if cost >= 0 {
            break;
        }
        for id in path {
            flow.edges[id].capacity -= 1;
            flow.edges[id ^ 1].capacity += 1;
        }
    }
    let mut pairs: Vec<(usize, usize, i64)> = pair_edges
        .into_iter()
        .filter(|(id, _)| flow.edges[*id].capacity == 0)
        .map(|(_, c)| (c.left, c.right, c.fit))
        .collect();
    pairs.sort_unstable();
    Assignment {
        total_fit: pairs.iter().map(|p| p.2).sum(),
        pairs: pairs.into_iter().map(|(l, r, _)| (l, r)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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

    /// Whether an assignment keeps the rules and adds up.
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
        total == a.total_fit
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
        let a = best_assignment(1, &[1], &candidates);
        assert_eq!(a.total_fit, 4);
        assert_eq!(a.pairs, vec![(0, 0)]);
        assert_eq!(best_assignment(0, &[], &[]).pairs, vec![]);
        assert_eq!(
            best_assignment(2, &[0], &[c(0, 0, 5)]).total_fit,
            0,
            "no places"
        );
    }

    proptest! {
        #[test]
        fn matches_brute_force_on_small_cases(
            left in 1usize..5,
            capacity in proptest::collection::vec(0u32..3, 1..4),
            raw in proptest::collection::vec((0usize..5, 0usize..4, -3i64..20), 0..11),
        ) {
            let candidates: Vec<Candidate> =
                raw.iter().map(|&(l, r, f)| c(l, r, f)).collect();
            let a = best_assignment(left, &capacity, &candidates);
            prop_assert!(valid(left, &capacity, &candidates, &a), "{a:?}");
            prop_assert_eq!(a.total_fit, brute_force(left, &capacity, &candidates));
        }
    }
}

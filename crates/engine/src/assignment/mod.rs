//! Optimal assignment with capacities over a sparse list of candidate pairs: each person on
//! the left (a service user waiting for support) is matched at most once, each on the right (a
//! volunteer) at most their capacity, only through listed candidates, so that the total fit is
//! as large as possible. Work grows with the number of candidates, not with left × right.
//!
//! The model is a min-cost flow: every person on the left sends one unit to a sink, either
//! through a candidate volunteer (cost: minus the fit) or straight to the sink (cost 0, "left
//! unmatched"), and volunteer `r` passes at most `capacity[r]` units on to the sink. It is solved
//! by successive shortest paths, one person on the left at a time (as sparse assignment solvers
//! such as LAPJVsp do): Dijkstra on reduced costs from that person, stopped as soon as the sink
//! is settled, then one augmentation. The potentials start at each person's best fit, so a
//! person whose favourite volunteer still has room is placed after looking at one volunteer;
//! only contested volunteers lead to longer searches. That suits the usual case, with more
//! places than people waiting (issue 6's instance: 25 ms, against about 500 ms for OR-Tools'
//! cost-scaling min-cost flow). When places run short, the last people's searches cover much
//! of the graph and the total grows towards people × candidates: with as many places as
//! people, or fewer, it takes about as long as OR-Tools or a little longer (0.7–0.8 s against
//! 0.65–0.7 s on the benchmark's tight variants; see docs/BENCHMARKS.md).
//!
//! [`greedy_assignment`] is the quick, not always optimal, alternative (highest fit first).

mod greedy;
mod network;
mod queue;
mod search;
#[cfg(test)]
mod tests;

pub use greedy::greedy_assignment;

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

/// The assignment of greatest total fit: `left` people on the left, `capacity[r]` places for
/// each person `r` on the right, pairs only from `candidates` (those with a fit of zero or less,
/// or naming someone out of range, are ignored; the best of duplicates counts).
pub fn best_assignment(left: usize, capacity: &[u32], candidates: &[Candidate]) -> Assignment {
    let net = network::Network::new(left, capacity, candidates);
    let mut state = network::Matching::new(&net);
    let mut solver = search::Search::new(&net);
    for person in 0..left {
        solver.place(&net, &mut state, person);
    }
    let mut pairs = Vec::new();
    let mut total_fit = 0;
    for person in 0..left {
        if let Some(edge) = state.edge_of(person) {
            pairs.push((person, net.edge_right[edge]));
            total_fit += net.edge_fit[edge];
        }
    }
    Assignment { pairs, total_fit }
}

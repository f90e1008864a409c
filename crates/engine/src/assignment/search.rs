//! One successive-shortest-path step: place one more person on the left, moving others along an
//! alternating path when that gains fit, or leave them unmatched when nothing would.
//!
//! Costs are minus the fits, so they are negative; node potentials keep every residual arc's
//! reduced cost `cost + potential(tail) - potential(head)` at zero or above, which is what
//! lets Dijkstra (rather than Bellman–Ford) find the cheapest path. The sink's potential is 0
//! and stays 0: the search stops when the sink is settled, and only nodes settled before it
//! change potential.

use super::network::{Matching, Network};
use super::queue::Queue;

/// Distance of a node the current search has not reached.
const FAR: i64 = i64::MAX;

/// Where the cheapest path found ends: a person already matched (or the new one) leaving for
/// the sink unmatched, or a volunteer with a free place.
#[derive(Clone, Copy)]
enum End {
    Unmatched(usize),
    Room(usize),
}

/// The searcher's working memory, allocated once and reset between searches by walking only
/// the nodes each search touched, so a search that looks at ten nodes costs ten nodes.
pub(super) struct Search {
    /// Node potentials: left person `l` at `l`, volunteer `r` at `left + r`.
    potential: Vec<i64>,
    /// Tentative reduced distance from the person being placed, `FAR` when not reached.
    dist: Vec<i64>,
    /// For each volunteer reached: the edge it was reached through, and that edge's person.
    via_edge: Vec<usize>,
    via_person: Vec<usize>,
    /// Nodes whose `dist` was set (to reset), and nodes settled before the sink (to update).
    touched: Vec<usize>,
    settled: Vec<usize>,
    queue: Queue,
}

impl Search {
    /// Starts each person's potential at their best fit and each volunteer's at 0: then every
    /// candidate's reduced cost is (best fit − its fit) ≥ 0, and a person's favourite
    /// volunteer with room is a path of reduced cost 0, found first.
    pub fn new(net: &Network) -> Self {
        let left = net.left();
        let nodes = left + net.right();
        let mut potential = vec![0i64; nodes];
        for (l, p) in potential.iter_mut().take(left).enumerate() {
            let edges = net.left_start[l]..net.left_start[l + 1];
            *p = net.edge_fit[edges].iter().copied().max().unwrap_or(0);
        }
        Self {
            potential,
            dist: vec![FAR; nodes],
            via_edge: vec![0; net.right()],
            via_person: vec![0; net.right()],
            touched: Vec::new(),
            settled: Vec::new(),
            queue: Queue::new(net.edge_fit.iter().copied().max().unwrap_or(0)),
        }
    }

    /// Adds person `start` (not yet placed) to the optimal matching of those placed before:
    /// the cheapest path from them to the sink, in the residual graph, is followed.
    pub fn place(&mut self, net: &Network, state: &mut Matching, start: usize) {
        let end = self.shortest_path(net, state, start);
        let mut free = match end {
            End::Unmatched(l) if l == start => return,
            End::Unmatched(l) => {
                // `l` gives up their volunteer to go unmatched; someone else takes the place.
                let Some(e) = state.edge_of(l) else { return };
                state.detach(net, l);
                net.edge_right[e]
            }
            End::Room(r) => r,
        };
        // Walk the path backwards: each volunteer with a free place takes the person the search
        // reached it from, which frees that person's previous volunteer, until the new person.
        loop {
            let (e, l) = (self.via_edge[free], self.via_person[free]);
            let previous = state.edge_of(l).map(|old| net.edge_right[old]);
            state.detach(net, l);
            state.attach(net, l, e);
            match previous {
                Some(r) => free = r,
                None => return,
            }
        }
    }

    /// Dijkstra on reduced costs from `start`, stopped once the cheapest way to the sink is
    /// known; updates the potentials of the settled nodes so that reduced costs stay
    /// non-negative once the path is reversed.
    fn shortest_path(&mut self, net: &Network, state: &Matching, start: usize) -> End {
        let left = net.left();
        // Leaving the new person unmatched always works, at reduced cost = their potential.
        let mut best = self.potential[start];
        let mut end = End::Unmatched(start);
        self.reach(start, 0);
        while let Some((d, node)) = self.queue.pop() {
            if d >= best {
                break;
            }
            if d > self.dist[node] {
                continue; // a stale heap entry: the node was reached more cheaply since
            }
            self.settled.push(node);
            let p = self.potential[node];
            if node < left {
                let own = state.edge_of(node);
                if own.is_some() && d + p < best {
                    best = d + p;
                    end = End::Unmatched(node);
                }
                for e in net.left_start[node]..net.left_start[node + 1] {
                    if Some(e) == own {
                        continue; // already used: only its reverse is in the residual graph
                    }
                    let r = net.edge_right[e];
                    let to = d + p - net.edge_fit[e] - self.potential[left + r];
                    if to < best && to < self.dist[left + r] {
                        self.reach(left + r, to);
                        self.via_edge[r] = e;
                        self.via_person[r] = node;
                    }
                }
            } else {
                let r = node - left;
                if state.used[r] < net.room(r) && d + p < best {
                    best = d + p;
                    end = End::Room(r);
                }
                for &l in state.people_of(net, r) {
                    let Some(e) = state.edge_of(l) else { continue };
                    let to = d + p + net.edge_fit[e] - self.potential[l];
                    if to < best && to < self.dist[l] {
                        self.reach(l, to);
                    }
                }
            }
        }
        // Nodes settled closer than the sink move down by the difference; the others (and the
        // sink) keep theirs, which keeps every reduced cost non-negative (Ahuja, Magnanti and
        // Orlin, §9.7), and makes the path's arcs exactly 0.
        for &node in &self.settled {
            self.potential[node] += self.dist[node] - best;
        }
        for &node in &self.touched {
            self.dist[node] = FAR;
        }
        self.touched.clear();
        self.settled.clear();
        self.queue.clear();
        end
    }

    /// Records a new tentative distance for a node and queues it.
    fn reach(&mut self, node: usize, d: i64) {
        if self.dist[node] == FAR {
            self.touched.push(node);
        }
        self.dist[node] = d;
        self.queue.push(d, node);
    }
}

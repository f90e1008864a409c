//! The previous implementation, kept as an independent reference for instances too large for
//! brute force: successive shortest paths with Bellman–Ford (queue-based), one unit at a time.

use super::super::Candidate;

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

/// The best total fit by the reference algorithm.
pub fn best_total(left: usize, capacity: &[u32], candidates: &[Candidate]) -> i64 {
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
    let mut total = 0;
    for c in candidates {
        if c.fit > 0 && c.left < left && c.right < right {
            flow.add(c.left, left + c.right, 1, -c.fit);
        }
    }
    while let Some((cost, path)) = flow.shortest_path(source, sink) {
        if cost >= 0 {
            break;
        }
        total -= cost;
        for id in path {
            flow.edges[id].capacity -= 1;
            flow.edges[id ^ 1].capacity += 1;
        }
    }
    total
}

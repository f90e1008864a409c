//! The candidate graph in flat arrays, and who is currently matched to whom.

use super::Candidate;

/// Marks "no edge" in `Matching::edge`; real edge indices are below the edge count.
const NONE: usize = usize::MAX;

/// The usable candidates grouped by person on the left (compressed sparse rows), and each
/// volunteer's usable capacity. Built once; the search reads it without allocating.
pub(super) struct Network {
    /// Edges of left person `l` are `left_start[l]..left_start[l + 1]`.
    pub left_start: Vec<usize>,
    /// The volunteer each edge leads to.
    pub edge_right: Vec<usize>,
    /// Each edge's fit (always positive).
    pub edge_fit: Vec<i64>,
    /// Each volunteer's matched people live in `slots[slot_start[r]..slot_start[r + 1]]`; the
    /// width is the capacity, clamped to the volunteer's candidate count so that a huge
    /// capacity costs no memory.
    pub slot_start: Vec<usize>,
}

impl Network {
    /// Keeps only usable candidates (positive fit, in range, a volunteer with room), grouped by
    /// left person with a counting sort, so building is linear in the candidate count.
    pub fn new(left: usize, capacity: &[u32], candidates: &[Candidate]) -> Self {
        let right = capacity.len();
        let usable =
            |c: &&Candidate| c.fit > 0 && c.left < left && c.right < right && capacity[c.right] > 0;
        let mut left_start = vec![0usize; left + 1];
        let mut in_degree = vec![0usize; right];
        for c in candidates.iter().filter(usable) {
            left_start[c.left + 1] += 1;
            in_degree[c.right] += 1;
        }
        for l in 0..left {
            left_start[l + 1] += left_start[l];
        }
        let edges = left_start[left];
        let mut next = left_start.clone();
        let mut edge_right = vec![0usize; edges];
        let mut edge_fit = vec![0i64; edges];
        for c in candidates.iter().filter(usable) {
            let at = next[c.left];
            next[c.left] += 1;
            edge_right[at] = c.right;
            edge_fit[at] = c.fit;
        }
        let mut slot_start = Vec::with_capacity(right + 1);
        slot_start.push(0);
        let mut total = 0usize;
        for (r, &places) in capacity.iter().enumerate() {
            // A u32 always fits in usize on the targets this project builds for; saturating
            // keeps the clamp correct even if it did not.
            let places = usize::try_from(places).unwrap_or(usize::MAX);
            total += places.min(in_degree[r]);
            slot_start.push(total);
        }
        Self {
            left_start,
            edge_right,
            edge_fit,
            slot_start,
        }
    }

    /// The number of people on the left.
    pub fn left(&self) -> usize {
        self.left_start.len() - 1
    }

    /// The number of volunteers.
    pub fn right(&self) -> usize {
        self.slot_start.len() - 1
    }

    /// How many people volunteer `r` can take.
    pub fn room(&self, r: usize) -> usize {
        self.slot_start[r + 1] - self.slot_start[r]
    }
}

/// The current matching: each left person's edge, and each volunteer's people in its slots, so
/// that the search can walk from a volunteer to the people it supports in O(capacity).
pub(super) struct Matching {
    /// Left person → the edge they are matched through, or `NONE`.
    edge: Vec<usize>,
    /// Left person → their index in `slots` while matched.
    slot: Vec<usize>,
    /// Volunteer → how many people they support now.
    pub used: Vec<usize>,
    /// The people each volunteer supports, in the first `used[r]` places of their segment.
    pub slots: Vec<usize>,
}

impl Matching {
    /// Nobody matched.
    pub fn new(net: &Network) -> Self {
        Self {
            edge: vec![NONE; net.left()],
            slot: vec![0; net.left()],
            used: vec![0; net.right()],
            slots: vec![0; net.slot_start[net.right()]],
        }
    }

    /// The edge left person `l` is matched through, if any.
    pub fn edge_of(&self, l: usize) -> Option<usize> {
        let e = self.edge[l];
        (e != NONE).then_some(e)
    }

    /// The people volunteer `r` supports now.
    pub fn people_of(&self, net: &Network, r: usize) -> &[usize] {
        let start = net.slot_start[r];
        &self.slots[start..start + self.used[r]]
    }

    /// Unmatches left person `l` (if matched), freeing a place at their volunteer.
    pub fn detach(&mut self, net: &Network, l: usize) {
        let Some(e) = self.edge_of(l) else {
            return;
        };
        let r = net.edge_right[e];
        let start = net.slot_start[r];
        // Swap-remove within the volunteer's segment: order there carries no meaning.
        let last = start + self.used[r] - 1;
        let at = self.slot[l];
        let moved = self.slots[last];
        self.slots[at] = moved;
        self.slot[moved] = at;
        self.used[r] -= 1;
        self.edge[l] = NONE;
    }

    /// Matches left person `l` (who must be unmatched) through edge `e`, whose volunteer must
    /// have a free place.
    pub fn attach(&mut self, net: &Network, l: usize, e: usize) {
        let r = net.edge_right[e];
        let at = net.slot_start[r] + self.used[r];
        self.slots[at] = l;
        self.slot[l] = at;
        self.used[r] += 1;
        self.edge[l] = e;
    }
}

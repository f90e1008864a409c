"""Solves a batch-matching instance written by the engine's matching_bench example with
OR-Tools' SimpleMinCostFlow, for the side-by-side in scripts/bench-matching (issue 6).

    python tools/bench/ortools_matching.py INSTANCE [--repeat N] [--json]

The network is the one best_assignment solves: each service user (supply 1) sends one unit
either through a candidate volunteer (arc capacity 1, cost -fit) or straight to the sink
(capacity 1, cost 0: "left unmatched", so the optimum is the greatest total fit, not the most
pairs); each volunteer passes at most their capacity on to the sink (demand = number of
service users). Minimum cost = minus the best total fit.

Times: "solve" is SimpleMinCostFlow.solve() alone; "build + solve" also counts creating the
solver and adding the arcs and supplies (from NumPy arrays, the library's fast path). Reading
the file is not timed. Peak memory is the process's VmHWM after the first build + solve,
reset (on Linux) after reading the instance, so it counts what the solver added.
"""

import argparse
import json
import statistics
import sys
import time

import numpy as np
import ortools
from ortools.graph.python import min_cost_flow


def read_instance(path):
    """The integers of the file: `left right candidates`, capacities, then (left, right, fit)."""
    data = np.fromfile(path, dtype=np.int64, sep=" ")
    left, right, count = (int(x) for x in data[:3])
    capacity = data[3 : 3 + right]
    triples = data[3 + right : 3 + right + 3 * count].reshape(count, 3)
    if len(triples) != count:
        sys.exit(f"{path}: expected {count} candidates, found {len(triples)}")
    return left, capacity, triples


def status_bytes(field):
    """A field of /proc/self/status in bytes, or 0 where there is none."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def reset_peak():
    """Resets the peak resident size to the current one (Linux >= 4.0); harmless elsewhere."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def solve(left, capacity, triples):
    """Builds and solves the network; returns (best total fit, pairs, build+solve s, solve s)."""
    right = len(capacity)
    sink = left + right
    start = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    keep = triples[:, 2] > 0  # best_assignment ignores candidates that do not fit
    pairs_tail = triples[keep, 0]
    pairs_head = left + triples[keep, 1]
    people = np.arange(left, dtype=np.int64)
    volunteers = left + np.arange(right, dtype=np.int64)
    tails = np.concatenate([pairs_tail, people, volunteers]).astype(np.int32)
    heads = np.concatenate(
        [pairs_head, np.full(left, sink), np.full(right, sink)]
    ).astype(np.int32)
    capacities = np.concatenate(
        [np.ones(len(pairs_tail), dtype=np.int64), np.ones(left, dtype=np.int64), capacity]
    )
    costs = np.concatenate(
        [-triples[keep, 2], np.zeros(left, dtype=np.int64), np.zeros(right, dtype=np.int64)]
    )
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    nodes = np.arange(sink + 1, dtype=np.int32)
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:left] = 1
    supplies[sink] = -left
    smcf.set_nodes_supplies(nodes, supplies)
    solve_start = time.perf_counter()
    status = smcf.solve()
    end = time.perf_counter()
    if status != smcf.OPTIMAL:
        sys.exit(f"SimpleMinCostFlow did not find an optimum: status {status}")
    flows = smcf.flows(np.arange(len(pairs_tail), dtype=np.int32))
    return -smcf.optimal_cost(), int(flows.sum()), end - start, end - solve_start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    left, capacity, triples = read_instance(args.instance)
    reset_peak()
    rss_before = status_bytes("VmRSS")
    runs = []
    peak = 0
    for i in range(max(1, args.repeat)):
        runs.append(solve(left, capacity, triples))
        if i == 0:
            peak = status_bytes("VmHWM")
    totals = {r[0] for r in runs}
    if len(totals) != 1:
        sys.exit(f"runs disagree on the optimum: {sorted(totals)}")
    result = {
        "ortools_version": ortools.__version__,
        "total_fit": runs[0][0],
        "pairs": runs[0][1],
        "build_solve_seconds_median": round(statistics.median(r[2] for r in runs), 4),
        "solve_seconds_median": round(statistics.median(r[3] for r in runs), 4),
        "build_solve_seconds": [round(r[2], 4) for r in runs],
        "solve_seconds": [round(r[3], 4) for r in runs],
        "rss_before_bytes": rss_before,
        "peak_rss_bytes": peak,
        "peak_extra_bytes": max(0, peak - rss_before),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"OR-Tools {result['ortools_version']}: total fit {result['total_fit']}, "
            f"{result['pairs']} pairs, solve {1000 * result['solve_seconds_median']:.1f} ms, "
            f"build + solve {1000 * result['build_solve_seconds_median']:.1f} ms "
            f"(median of {len(runs)}), peak RSS {peak / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()

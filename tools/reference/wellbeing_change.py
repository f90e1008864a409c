"""Reference paired wellbeing-change figures for the outcome tests, computed independently with
numpy and scipy.

Run from the repository root (numpy 2.4.6 and scipy 1.17.1 produced the committed fixture):

    python3 -m venv /tmp/wc && /tmp/wc/bin/pip install scipy numpy
    /tmp/wc/bin/python tools/reference/wellbeing_change.py

It writes crates/domain/tests/fixtures/wellbeing_change.json, read by
crates/domain/tests/outcomes/, which checks alongside_domain::outcomes against it to 1e-9:
each dataset's paired figures (mean before, after and change, sample standard deviation of the
changes, 95% confidence interval from scipy.stats.t.ppf, Cohen's d_z, shares improved and
worsened by at least the meaningful change), and scipy.stats.t.ppf itself for many degrees of
freedom. The datasets are deterministic, so rerunning gives the same file.

Rules shared with the Rust code, decided there and restated here:
- people are paired by key; those with only a baseline or only a follow-up are left out, and a
  key repeated within one list counts with its first score;
- fewer than 5 pairs: the figures are suppressed (only n is given);
- a change counts as meaningful when it is at least the threshold less 1e-9 (rounding);
- a standard deviation of the changes below 1e-9 counts as none: no effect size.
"""

import json
import random
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUT = Path(__file__).resolve().parents[2] / "crates/domain/tests/fixtures/wellbeing_change.json"

MIN_GROUP = 5
ROUNDING = 1e-9
NO_SPREAD = 1e-9

# SWEMWBS raw 7..35 -> metric (Stewart-Brown et al. 2009), as in standards.md section 2.2.
SWEMWBS_METRIC = [
    7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98,
    18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31,
    30.70, 32.55, 35.00,
]


def metric(raw):
    return SWEMWBS_METRIC[raw - 7]


def keyed(scores):
    """[(key, score)] with keys p001, p002, ..."""
    return [(f"p{i + 1:03d}", s) for i, s in enumerate(scores)]


def hand_made_five():
    """Five volunteers' SWEMWBS metric scores: exactly the smallest group that is shown.
    Changes +2.55, -3.10 (a meaningful decline), -2.95 (just short of one), +4.02, +2.14."""
    before = [metric(r) for r in (18, 25, 24, 27, 15)]
    after = [metric(r) for r in (22, 21, 20, 31, 19)]
    return keyed(before), keyed(after)


def hand_made_four_with_unpaired():
    """Four people answered both; two more answered only one survey, so the group is suppressed."""
    baseline = keyed([metric(r) for r in (20, 22, 25, 17)]) + [("only-baseline", metric(30))]
    follow_up = [("only-follow-up", metric(12))] + keyed([metric(r) for r in (23, 22, 24, 21)])
    return baseline, follow_up


def anxiety_with_ties():
    """ONS4 anxiety 0-10 (lower is better) with ties, no change and repeated keys."""
    before = [6, 6, 3, 8, 2, 5, 5, 7, 0, 4, 9, 3]
    after = [4, 6, 3, 5, 3, 5, 2, 7, 1, 4, 6, 4]
    baseline = keyed(before) + [("p003", 10)]  # a repeat: the first (3) counts
    follow_up = keyed(after) + [("p005", 0)]  # a repeat: the first (3) counts
    return baseline, follow_up


def everyone_up_two():
    """Everyone's life satisfaction rose by exactly 2: no spread, so no effect size."""
    before = [3, 5, 6, 7, 4, 8]
    return keyed(before), keyed([b + 2 for b in before])


def seeded_swemwbs():
    """About 200 volunteers' SWEMWBS metric scores from a fixed seed, some lost to follow-up."""
    rng = random.Random(5)
    baseline, follow_up = [], []
    for i in range(230):
        key = f"v{i:03d}"
        raw = rng.randint(9, 33)
        baseline.append((key, metric(raw)))
        if rng.random() < 0.88:
            moved = max(7, min(35, raw + rng.randint(-4, 6)))
            follow_up.append((key, metric(moved)))
    rng.shuffle(follow_up)
    return baseline, follow_up


def seeded_brs():
    """150 BRS means (sum of six items / 6) from a fixed seed; all followed up."""
    rng = random.Random(2008)
    baseline, follow_up = [], []
    for i in range(150):
        key = f"b{i:03d}"
        total = rng.randint(6, 30)
        baseline.append((key, total / 6))
        follow_up.append((key, max(6, min(30, total + rng.randint(-3, 5))) / 6))
    return baseline, follow_up


def pair_up(baseline, follow_up):
    first_before = {}
    for key, score in baseline:
        first_before.setdefault(key, score)
    pairs, seen = [], set()
    for key, score in follow_up:
        if key in first_before and key not in seen:
            seen.add(key)
            pairs.append((first_before[key], score))
    return pairs


def figures(name, baseline, follow_up, higher_is_better, meaningful):
    pairs = pair_up(baseline, follow_up)
    n = len(pairs)
    out = {
        "name": name,
        "higher_is_better": higher_is_better,
        "meaningful": meaningful,
        "baseline": [{"key": k, "score": s} for k, s in baseline],
        "follow_up": [{"key": k, "score": s} for k, s in follow_up],
        "n": n,
        "suppressed": n < MIN_GROUP,
    }
    if n < MIN_GROUP:
        return out
    before = np.array([b for b, _ in pairs], dtype=float)
    after = np.array([a for _, a in pairs], dtype=float)
    change = after - before
    mean_change = float(np.mean(change))
    sd = float(np.std(change, ddof=1))
    t = float(stats.t.ppf(0.975, n - 1))
    half = t * sd / np.sqrt(n)
    better = change if higher_is_better else -change
    out.update({
        "mean_before": float(np.mean(before)),
        "mean_after": float(np.mean(after)),
        "mean_change": mean_change,
        "sd_change": sd,
        "ci95": [float(mean_change - half), float(mean_change + half)],
        "effect_size": None if sd < NO_SPREAD else mean_change / sd,
        "share_improved": float(np.mean(better >= meaningful - ROUNDING)),
        "share_worsened": float(np.mean(better <= -(meaningful - ROUNDING))),
        # A second check of the interval: scipy's own t interval about the mean change.
        "scipy_interval": None if sd == 0.0 else [
            float(x)
            for x in stats.t.interval(0.95, n - 1, loc=mean_change, scale=stats.sem(change))
        ],
    })
    return out


def t_quantiles():
    dfs = list(range(1, 31)) + list(range(35, 101, 5))
    dfs += [120, 150, 199, 200, 250, 300, 500, 750, 999, 1000, 2500, 10000]
    ps = [0.975, 0.025, 0.95, 0.995, 0.9995, 0.9, 0.75, 0.6, 0.5]
    return [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))} for df in dfs for p in ps]


def main():
    fixture = {
        "generator": "tools/reference/wellbeing_change.py",
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "datasets": [
            figures("hand_made_five", *hand_made_five(), True, 3.0),
            figures("hand_made_four_suppressed", *hand_made_four_with_unpaired(), True, 3.0),
            figures("anxiety_with_ties", *anxiety_with_ties(), False, 1.0),
            figures("everyone_up_two", *everyone_up_two(), True, 1.0),
            figures("seeded_swemwbs", *seeded_swemwbs(), True, 3.0),
            figures("seeded_brs", *seeded_brs(), True, 0.5),
        ],
        "t_quantiles": t_quantiles(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT} with numpy {np.__version__}, scipy {scipy.__version__}")


if __name__ == "__main__":
    main()

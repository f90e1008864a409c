"""Reference Kaplan-Meier figures for the retention tests, computed independently by lifelines.

Run from the repository root (lifelines 0.30.3 was used to produce the committed fixture):

    python3 -m venv /tmp/km && /tmp/km/bin/pip install lifelines
    /tmp/km/bin/python tools/reference/kaplan_meier.py

It writes crates/domain/tests/fixtures/kaplan_meier.json, read by
crates/domain/tests/retention/main.rs, which checks alongside_domain::retention against it to
1e-9. The datasets are deterministic, so rerunning gives the same file.
"""

import json
import math
import random
from pathlib import Path

import lifelines
from lifelines import KaplanMeierFitter

OUT = Path(__file__).resolve().parents[2] / "crates/domain/tests/fixtures/kaplan_meier.json"


def hand_made():
    """Small, with events and censorings tied at the same times."""
    return [
        (10.0, True), (10.0, False), (10.0, True),
        (45.0, False),
        (90.0, True), (90.0, True), (90.0, False), (90.0, False),
        (200.0, True),
        (365.0, False), (365.0, True),
        (500.0, True),
        (730.0, False),
    ]


def all_censored():
    """Everyone still active: survival stays at 1 and there is no median."""
    return [(d, False) for d in (5.0, 60.0, 60.0, 180.0, 365.0, 400.0, 1000.0)]


def seeded():
    """About 200 tenures of 1 to 1200 days, about 35% still active, from a fixed seed."""
    rng = random.Random(42)
    return [(float(rng.randint(1, 1200)), rng.random() >= 0.35) for _ in range(200)]


def fit(name, tenures):
    durations = [d for d, _ in tenures]
    events = [left for _, left in tenures]
    kmf = KaplanMeierFitter().fit(durations, event_observed=events)
    sf = kmf.survival_function_
    median = float(kmf.median_survival_time_)
    return {
        "name": name,
        "tenures": [{"days": d, "left": left} for d, left in tenures],
        "survival": [
            {"time": float(t), "survival": float(s)}
            for t, s in zip(sf.index, sf.iloc[:, 0])
        ],
        "survival_365": float(kmf.survival_function_at_times(365.0).iloc[0]),
        "median": None if math.isinf(median) else median,
    }


def main():
    fixture = {
        "generator": "tools/reference/kaplan_meier.py",
        "lifelines_version": lifelines.__version__,
        "datasets": [
            fit("hand_made_ties", hand_made()),
            fit("all_censored", all_censored()),
            fit("seeded_200", seeded()),
        ],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=2) + "\n")
    print(f"wrote {OUT} with lifelines {lifelines.__version__}")


if __name__ == "__main__":
    main()

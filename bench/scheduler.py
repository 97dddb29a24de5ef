"""Times the B2B meeting scheduler (events/scheduling.py) on generated brokerage events.

    make bench-scheduler     (or: .venv/bin/python bench/scheduler.py [TIME_LIMIT_SECONDS])

Instances from a fixed seed: 200, 1,000 and 2,000 participants, about five accepted meetings each,
16 slots, 2-4 unavailable slots for a fifth of the participants, ~30% mutual meetings, and tables for
60% of the meetings a slot could hold. Prints, per size, the meetings requested and scheduled, the
upper bound, scheduled/bound, idle gaps and wall time. Target: >= 99% of the bound in <= 30 s at 2,000.
"""

import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.scheduling import parse_instance, schedule

SEED = 20260507
SIZES = (200, 1_000, 2_000)
SLOTS = 16
MEETINGS_PER_PERSON = 5


def generate(participants: int, rng: random.Random) -> dict[str, Any]:
    people: list[dict[str, Any]] = []
    for i in range(participants):
        person: dict[str, Any] = {"id": f"p{i}"}
        if rng.random() < 0.2:
            person["unavailable"] = sorted(rng.sample(range(SLOTS), rng.randint(2, 4)))
        people.append(person)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < participants * MEETINGS_PER_PERSON // 2:
        a, b = rng.sample(range(participants), 2)
        pairs.add((min(a, b), max(a, b)))
    meetings = [
        {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}", "mutual": rng.random() < 0.3}
        for k, (a, b) in enumerate(sorted(pairs))
    ]
    return {
        "slots": SLOTS,
        "tables": round(0.6 * participants / 2),
        "participants": people,
        "meetings": meetings,
    }


def main() -> None:
    time_limit = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    rng = random.Random(SEED)
    print(f"bench scheduler: seed {SEED}, {SLOTS} slots, time limit {time_limit:g} s, 2 search workers")
    header = f"{'people':>7} {'tables':>6} {'requested':>9} {'scheduled':>9} {'bound':>6} {'ratio':>7}"
    print(f"{header} {'idle gaps':>9} {'wall s':>7}")
    for size in SIZES:
        instance = parse_instance(generate(size, rng))
        started = time.monotonic()
        result = schedule(instance, time_limit_seconds=time_limit)
        wall = time.monotonic() - started
        scheduled = len(result.assignments)
        ratio = scheduled / result.upper_bound if result.upper_bound else 1.0
        print(
            f"{size:>7} {instance.tables:>6} {len(instance.meetings):>9} {scheduled:>9} "
            f"{result.upper_bound:>6} {ratio:>7.2%} {result.idle_gaps:>9} {wall:>7.1f}"
        )


if __name__ == "__main__":
    main()

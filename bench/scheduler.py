"""Benchmarks the B2B meeting scheduler (events/scheduling.py) against the LP relaxation bound.

    make bench-scheduler
    .venv/bin/python bench/scheduler.py [--sizes 300,1000,2000] [--kinds uniform,skewed] [--time-limit S]

Two generated families from a fixed seed, at 300, 1,000 and 2,000 participants, 16 slots:

- uniform: about five accepted meetings each, 2-4 unavailable slots for a fifth of the participants,
  ~30% mutual meetings, tables for 60% of the meetings a slot could hold;
- skewed: 15% popular participants drawing most requests (weight 8 against 1), a quarter arriving
  late (their first 3-8 slots unavailable), per-participant caps (max_meetings 2-6 for a third of the
  people, 6-10 for the popular ones), ~30% mutual, tables for half of what a slot could hold.

Each (family, size) runs in its own process, one at a time, and its wall time is measured from the
process launch (interpreter, imports, generation, parsing and the solve) to the schedule being
returned. The time limit handed to `schedule` is what is left of the 30 s target after start-up.

Two LP bounds, both the linear relaxation of the scheduler's own model (one variable x[m, s] in
[0, 1] per meeting and slot both people can attend; each meeting at most once, each person at most
once per slot and at most max_meetings in all, at most `tables` per slot, locks fixed at 1), solved
with GLOP and maximising the number of meetings:

- "LP count": no priority; it bounds every schedule, but a mutual-first schedule can fall short of it
  by the non-mutual meetings that mutual ones displace (2% on the skewed family at 300);
- "LP bound": the same with at least as many mutual meetings as the scheduler placed. A best
  mutual-first schedule has at least that many, so it satisfies this LP: the bound is valid for the
  scheduler's objective, and the ratio and the target use it.

A matching or max-flow bound would not be valid here: the per-slot table capacity couples the slots.
"solver ub" is the scheduler's own `upper_bound`. Targets: bench/baselines.json["scheduler"].
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20260507
SIZES = (300, 1_000, 2_000)
KINDS = ("uniform", "skewed")
SLOTS = 16
MEETINGS_PER_PERSON = 5


def generate_uniform(participants: int, rng: random.Random) -> dict[str, Any]:
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


def generate_skewed(participants: int, rng: random.Random) -> dict[str, Any]:
    popular = set(rng.sample(range(participants), max(1, round(0.15 * participants))))
    people: list[dict[str, Any]] = []
    for i in range(participants):
        person: dict[str, Any] = {"id": f"p{i}"}
        roll = rng.random()
        if roll < 0.25:  # arrives late
            person["unavailable"] = list(range(rng.randint(3, 8)))
        elif roll < 0.40:
            person["unavailable"] = sorted(rng.sample(range(SLOTS), rng.randint(2, 4)))
        if i in popular:
            person["max_meetings"] = rng.randint(6, 10)
        elif rng.random() < 0.33:
            person["max_meetings"] = rng.randint(2, 6)
        people.append(person)
    weights = [8 if i in popular else 1 for i in range(participants)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < participants * MEETINGS_PER_PERSON // 2:
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights)[0]
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    meetings = [
        {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}", "mutual": rng.random() < 0.3}
        for k, (a, b) in enumerate(sorted(pairs))
    ]
    return {
        "slots": SLOTS,
        "tables": round(0.5 * participants / 2),
        "participants": people,
        "meetings": meetings,
    }


GENERATORS = {"uniform": generate_uniform, "skewed": generate_skewed}


def lp_bound(instance: Any, min_mutual: int = 0) -> float:
    """The optimum of the scheduler model's linear relaxation (meetings counted, GLOP), with at least
    `min_mutual` mutual meetings."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    open_slots = {p.id: set(range(instance.slots)) - p.unavailable for p in instance.participants}
    caps = {p.id: p.max_meetings for p in instance.participants}
    locks = {lock.meeting: lock.slot for lock in instance.locked}
    by_person_slot: dict[tuple[str, int], list[Any]] = defaultdict(list)
    by_person: dict[str, list[Any]] = defaultdict(list)
    by_slot: dict[int, list[Any]] = defaultdict(list)
    everything = []
    mutual = []
    for m, meeting in enumerate(instance.meetings):
        placed = []
        for s in sorted(open_slots[meeting.a] & open_slots[meeting.b]):
            var = solver.NumVar(0.0, 1.0, f"x_{m}_{s}")
            placed.append(var)
            by_slot[s].append(var)
            for person in (meeting.a, meeting.b):
                by_person_slot[person, s].append(var)
                by_person[person].append(var)
            if locks.get(meeting.id) == s:
                solver.Add(var == 1)
        if len(placed) > 1:
            solver.Add(solver.Sum(placed) <= 1)
        everything.extend(placed)
        if meeting.mutual:
            mutual.extend(placed)
    for vars_ in by_person_slot.values():
        if len(vars_) > 1:
            solver.Add(solver.Sum(vars_) <= 1)
    for vars_ in by_slot.values():
        if len(vars_) > instance.tables:
            solver.Add(solver.Sum(vars_) <= instance.tables)
    for person, vars_ in by_person.items():
        cap = caps[person]
        if cap is not None and len(vars_) > cap:
            solver.Add(solver.Sum(vars_) <= cap)
    if not everything:
        return 0.0
    if min_mutual:
        solver.Add(solver.Sum(mutual) >= min_mutual)
    solver.Maximize(solver.Sum(everything))
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise RuntimeError(f"GLOP did not solve the relaxation (status {status})")
    return solver.Objective().Value()


def run_one(kind: str, size: int, deadline: float) -> None:
    """Child process: generate, schedule within what is left before `deadline`, then compute the bound."""
    from events.scheduling import parse_instance, schedule

    rng = random.Random(f"{SEED}-{kind}-{size}")
    instance = parse_instance(GENERATORS[kind](size, rng))
    time_limit = deadline - time.time()
    result = schedule(instance, time_limit_seconds=time_limit)
    done_at = time.time()
    lp_started = time.monotonic()
    bound = lp_bound(instance, result.mutual_scheduled)
    plain = lp_bound(instance)
    print(
        json.dumps(
            {
                "tables": instance.tables,
                "requested": len(instance.meetings),
                "scheduled": len(result.assignments),
                "mutual": result.mutual_scheduled,
                "upper_bound": result.upper_bound,
                "lp_bound": bound,
                "lp_plain": plain,
                "lp_seconds": time.monotonic() - lp_started,
                "idle_gaps": result.idle_gaps,
                "time_limit": time_limit,
                "done_at": done_at,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--time-limit", type=float, help="wall-time budget per run, start-up included")
    parser.add_argument("--one", nargs=3, metavar=("KIND", "SIZE", "DEADLINE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one[0], int(args.one[1]), float(args.one[2]))
        return

    target = json.loads((ROOT / "bench" / "baselines.json").read_text())["scheduler"]
    budget = args.time_limit or float(target["target_seconds"])
    margin = 1.0  # tables, gaps and the result after the last solve, and process exit
    with open("/proc/loadavg") as loadavg:
        load = " ".join(loadavg.read().split()[:3])
    print(
        f"bench scheduler: seed {SEED}, {SLOTS} slots, budget {budget:g} s per run (start-up included), "
        f"2 search workers, load average {load}"
    )
    print(
        f"targets: scheduled / LP bound >= {target['lp_ratio_target']:.1%}, "
        f"wall <= {target['target_seconds']} s per run"
    )
    header = f"{'family':>8} {'people':>6} {'tables':>6} {'requested':>9} {'scheduled':>9}"
    header += f" {'LP count':>8} {'LP bound':>8}"
    print(f"{header} {'ratio':>7} {'/target':>7} {'solver ub':>9} {'gaps':>6} {'wall s':>6} {'/target':>7}")
    for kind in args.kinds.split(","):
        for size in map(int, args.sizes.split(",")):
            launched = time.time()
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(size), str(launched + budget - margin)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            wall = row["done_at"] - launched
            lp = row["lp_bound"]
            ratio = row["scheduled"] / lp if lp else 1.0
            print(
                f"{kind:>8} {size:>6} {row['tables']:>6} {row['requested']:>9} {row['scheduled']:>9} "
                f"{row['lp_plain']:>8.1f} {lp:>8.1f} "
                f"{ratio:>7.2%} {ratio / target['lp_ratio_target']:>7.3f} {row['upper_bound']:>9} "
                f"{row['idle_gaps']:>6} {wall:>6.1f} {wall / target['target_seconds']:>7.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

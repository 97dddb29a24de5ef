"""B2B meeting scheduling: which accepted meeting happens in which time slot at which table.

Pure Python on plain dataclasses (no Django models), so the brokerage pages, the
`schedule_meetings` command and the benchmark all call the same two functions:
`parse_instance(data)` validates an instance, `schedule(instance)` solves it.

Formulation (a linear relaxation with GLOP, then OR-tools CP-SAT), on the same variables:

- One boolean ``x[m, s]`` per meeting ``m`` and slot ``s`` in which *both* people are available;
  availability is enforced by never creating the other variables, which also keeps the model small.
- Each meeting in at most one slot; each person in at most one meeting per slot; each person in at
  most ``max_meetings`` meetings; at most ``tables`` meetings per slot. Tables are interchangeable,
  so they are not variables: numbers are handed out per slot after solving, locked meetings keeping
  their table. This removes a factor of ``tables`` from the model and all its symmetry.
- Locked meetings are fixed (``x[m, slot] = 1``), so a re-run never moves them.
- Phase 1 maximises ``W * mutual + other`` with ``W = (number of non-mutual meetings) + 1``: one
  mutual meeting outweighs every non-mutual one together, so the priority is lexicographic and a
  mutual meeting is never traded for non-mutual ones. It first solves the linear relaxation (GLOP,
  at most 40% of the time limit) and rounds it (pairs by decreasing LP value, then a greedy fill:
  mutual first, scarcest meetings first, into the slot that stretches agendas least), keeping the
  better of that and the plain greedy schedule. When the rounding is within half a unit of the LP
  optimum it is optimal and CP-SAT is skipped (on skewed instances at 2,000 participants the
  relaxation came out integral); otherwise CP-SAT improves it from the hint until 70% of the limit.
- Phase 2 keeps exactly the meetings phase 1 chose (only their slots may change) and minimises idle
  gaps, starting from the more compact of the phase-1 solution and a greedy re-slotting of it. Every
  person's meeting count is then fixed, so it is enough to minimise ``sum(last_p - first_p)``, with
  one linear constraint per person and slot for each bound. It gets the rest of the time limit.

``upper_bound`` is an upper bound on the number of meetings in a best schedule (mutual first, within
the locks), the smaller of two valid bounds:

- a combinatorial bound on any schedule: min(meetings having a slot both people share;
  sum over slots of min(tables, floor(people available in the slot / 2));
  floor(sum over people of min(meetings, max_meetings, available slots) / 2));
- a bound ``B`` on the phase-1 objective (the LP optimum, or CP-SAT's proven bound if smaller): a
  best schedule has at least the ``mutual`` meetings we found, and with that many its other meetings
  are at most ``B - W * mutual``, so it holds at most ``mutual + min(other meetings, B - W * mutual)``
  meetings. When phase 1 is proven optimal this equals the number scheduled.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

SEARCH_WORKERS = 2  # the production and CI machines have two cores
PHASE_ONE_SHARE = 0.7  # of the time limit; compactness gets what phase 1 leaves
LP_SHARE = 0.4  # of the time limit, at most, for building and solving the LP relaxation
COMPACT_MIN_SECONDS = 1.0  # below this, phase 2 keeps the greedy re-slotting and skips CP-SAT
RESULT_MARGIN_SECONDS = 1.0  # numbering tables and counting gaps after the last solve; CP-SAT stopping late


class InstanceError(ValueError):
    """An instance that cannot be scheduled as given; the message names the bad field."""


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[int] = frozenset()
    max_meetings: int | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    a: str
    b: str
    mutual: bool = False


@dataclass(frozen=True)
class Lock:
    meeting: str
    slot: int
    table: int


@dataclass(frozen=True)
class Instance:
    slots: int
    tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    locked: tuple[Lock, ...] = ()


@dataclass
class Schedule:
    assignments: list[tuple[str, int, int]]  # (meeting id, slot, table), sorted by slot then table
    unscheduled: list[str]
    upper_bound: int
    seconds: float
    idle_gaps: int
    optimal: bool = False  # phase 1 (the meeting count, mutual first) proven optimal
    mutual_scheduled: int = field(default=0)


# --- parsing -------------------------------------------------------------------------------------


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InstanceError(f"{where}: must be a positive integer")
    return value


def _slot(value: Any, where: str, slots: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where}: must be an integer slot number")
    if not 0 <= value < slots:
        raise InstanceError(f"{where}: slot {value} is outside 0..{slots - 1}")
    return value


def _identifier(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where}: must be a non-empty string")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{where}: must be a list")
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{where}: must be an object")
    return value


def parse_instance(data: Any) -> Instance:
    """Validate an instance in the JSON shape of issue #7; raise `InstanceError` naming the bad field."""
    data = _object(data, "instance")
    slots = _positive_int(data.get("slots"), "slots")
    tables = _positive_int(data.get("tables"), "tables")

    participants: list[Participant] = []
    by_id: dict[str, Participant] = {}
    for i, raw in enumerate(_list(data.get("participants"), "participants")):
        where = f"participants[{i}]"
        raw = _object(raw, where)
        pid = _identifier(raw.get("id"), f"{where}.id")
        if pid in by_id:
            raise InstanceError(f"{where}.id: duplicate participant '{pid}'")
        unavailable = frozenset(
            _slot(slot, f"{where}.unavailable[{j}]", slots)
            for j, slot in enumerate(_list(raw.get("unavailable", []), f"{where}.unavailable"))
        )
        cap = raw.get("max_meetings")
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 0):
            raise InstanceError(f"{where}.max_meetings: must be an integer ≥ 0")
        participant = Participant(id=pid, unavailable=unavailable, max_meetings=cap)
        participants.append(participant)
        by_id[pid] = participant

    meetings: list[Meeting] = []
    meeting_by_id: dict[str, Meeting] = {}
    for i, raw in enumerate(_list(data.get("meetings"), "meetings")):
        where = f"meetings[{i}]"
        raw = _object(raw, where)
        mid = _identifier(raw.get("id"), f"{where}.id")
        if mid in meeting_by_id:
            raise InstanceError(f"{where}.id: duplicate meeting '{mid}'")
        people = []
        for side in ("a", "b"):
            person = _identifier(raw.get(side), f"{where}.{side}")
            if person not in by_id:
                raise InstanceError(f"{where}.{side}: unknown participant '{person}'")
            people.append(person)
        if people[0] == people[1]:
            raise InstanceError(f"{where}.b: a meeting needs two different participants")
        mutual = raw.get("mutual", False)
        if not isinstance(mutual, bool):
            raise InstanceError(f"{where}.mutual: must be true or false")
        meeting = Meeting(id=mid, a=people[0], b=people[1], mutual=mutual)
        meetings.append(meeting)
        meeting_by_id[mid] = meeting

    locked = _parse_locked(data.get("locked", []), slots, tables, by_id, meeting_by_id)
    return Instance(
        slots=slots,
        tables=tables,
        participants=tuple(participants),
        meetings=tuple(meetings),
        locked=locked,
    )


def _parse_locked(
    value: Any, slots: int, tables: int, by_id: dict[str, Participant], meeting_by_id: dict[str, Meeting]
) -> tuple[Lock, ...]:
    locked: list[Lock] = []
    locked_meetings: set[str] = set()
    tables_taken: set[tuple[int, int]] = set()
    people_busy: set[tuple[str, int]] = set()
    locked_count: dict[str, int] = defaultdict(int)
    for i, raw in enumerate(_list(value, "locked")):
        where = f"locked[{i}]"
        raw = _object(raw, where)
        mid = _identifier(raw.get("meeting"), f"{where}.meeting")
        meeting = meeting_by_id.get(mid)
        if meeting is None:
            raise InstanceError(f"{where}.meeting: unknown meeting '{mid}'")
        if mid in locked_meetings:
            raise InstanceError(f"{where}.meeting: meeting '{mid}' is locked twice")
        slot = _slot(raw.get("slot"), f"{where}.slot", slots)
        table = raw.get("table")
        if isinstance(table, bool) or not isinstance(table, int) or not 0 <= table < tables:
            raise InstanceError(f"{where}.table: must be a table number in 0..{tables - 1}")
        if (slot, table) in tables_taken:
            raise InstanceError(f"{where}.table: table {table} is already locked in slot {slot}")
        for person in (meeting.a, meeting.b):
            if slot in by_id[person].unavailable:
                raise InstanceError(f"{where}.slot: participant '{person}' is unavailable in slot {slot}")
            if (person, slot) in people_busy:
                raise InstanceError(f"{where}.slot: participant '{person}' is locked twice in slot {slot}")
            locked_count[person] += 1
            cap = by_id[person].max_meetings
            if cap is not None and locked_count[person] > cap:
                raise InstanceError(
                    f"{where}.meeting: locks give participant '{person}' more than max_meetings ({cap})"
                )
        locked_meetings.add(mid)
        tables_taken.add((slot, table))
        people_busy.update({(meeting.a, slot), (meeting.b, slot)})
        locked.append(Lock(meeting=mid, slot=slot, table=table))
    return tuple(locked)


# --- solving -------------------------------------------------------------------------------------


def schedule(instance: Instance, *, time_limit_seconds: float = 30.0) -> Schedule:
    """Assign meetings to slots and tables: most meetings, mutual ones first, then compact agendas."""
    started = time.monotonic()
    open_slots = {
        p.id: [s for s in range(instance.slots) if s not in p.unavailable] for p in instance.participants
    }
    open_sets = {person: set(slots) for person, slots in open_slots.items()}
    keys = [
        (m, s)
        for m, meeting in enumerate(instance.meetings)
        for s in sorted(open_sets[meeting.a] & open_sets[meeting.b])
    ]
    if not keys:  # nothing can be placed: no model to solve, and a bound of 0 is exact
        return _result(instance, {}, 0, started, True)
    weight = sum(1 for meeting in instance.meetings if not meeting.mutual) + 1

    def value(chosen: dict[int, int]) -> int:
        return sum(weight if instance.meetings[m].mutual else 1 for m in chosen)

    # Warm start: the better of the greedy schedule and the rounded LP relaxation. On the benchmark's
    # instances the relaxation is integral or nearly so, and then the rounding is optimal outright.
    chosen = _greedy(instance, keys)
    objective_bound: int | None = None
    lp_started = time.monotonic()
    lp = _lp_relaxation(instance, keys, weight, started + time_limit_seconds * LP_SHARE)
    # Building a model of this size takes about as long again (slower still on a loaded machine).
    build_estimate = time.monotonic() - lp_started
    if lp is not None:
        lp_objective, values = lp
        rounded = _greedy(instance, keys, preference=values)
        if value(rounded) > value(chosen):
            chosen = rounded
        # No integer schedule lies strictly between value(chosen) and the LP optimum when they are
        # less than one unit apart, so then the warm start is optimal.
        objective_bound = math.floor(lp_objective + 1e-6)
        if lp_objective - value(chosen) < 0.5:
            objective_bound = value(chosen)
    optimal = objective_bound == value(chosen)

    remaining = time_limit_seconds * PHASE_ONE_SHARE - (time.monotonic() - started)
    if not optimal and remaining > 1.0:
        model, x, _ = _build_model(instance, keys)
        model.maximize(
            cp_model.LinearExpr.weighted_sum(
                list(x.values()), [weight if instance.meetings[m].mutual else 1 for m, _ in x]
            )
        )
        for (m, s), var in x.items():
            model.add_hint(var, chosen.get(m) == s)
        solver = _solver(time_limit_seconds * PHASE_ONE_SHARE - (time.monotonic() - started))
        status = solver.solve(model)
        # Without a solution in time CP-SAT reports nothing, not even the hint: then the warm start,
        # always a valid schedule (locked meetings included), stands.
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solved = {m: s for (m, s), var in x.items() if solver.boolean_value(var)}
            if value(solved) >= value(chosen):
                chosen = solved
            solver_bound = math.floor(solver.best_objective_bound + 1e-6)
            objective_bound = solver_bound if objective_bound is None else min(objective_bound, solver_bound)
            optimal = status == cp_model.OPTIMAL or objective_bound == value(chosen)

    upper_bound = _combinatorial_bound(instance, open_slots)
    if objective_bound is not None:
        # A best schedule has at least the mutual meetings found; with that many, the bound on the
        # objective leaves room for at most `objective_bound - weight * mutual` others.
        found_mutual = sum(1 for m in chosen if instance.meetings[m].mutual)
        others = min(weight - 1, objective_bound - weight * found_mutual)
        upper_bound = min(upper_bound, found_mutual + others)

    deadline = started + time_limit_seconds - RESULT_MARGIN_SECONDS
    if chosen:
        chosen = _compact(instance, keys, chosen, deadline, build_estimate)
    return _result(instance, chosen, upper_bound, started, optimal)


def _build_model(
    instance: Instance, keys: list[tuple[int, int]], exactly: set[int] | None = None
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar], dict[tuple[str, int], list[Any]]]:
    """The packing constraints over `keys`. With `exactly`, only those meetings, each exactly once
    (phase 2); otherwise every meeting at most once, and the per-person caps (phase 1)."""
    locks = {lock.meeting: lock.slot for lock in instance.locked}
    caps = {p.id: p.max_meetings for p in instance.participants}
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_meeting: dict[int, list[Any]] = defaultdict(list)
    by_person_slot: dict[tuple[str, int], list[Any]] = defaultdict(list)
    by_person: dict[str, list[Any]] = defaultdict(list)
    by_slot: dict[int, list[Any]] = defaultdict(list)
    for m, s in keys:
        if exactly is not None and m not in exactly:
            continue
        meeting = instance.meetings[m]
        var = model.new_bool_var(f"x_{m}_{s}")
        x[m, s] = var
        by_meeting[m].append(var)
        by_slot[s].append(var)
        for person in (meeting.a, meeting.b):
            by_person_slot[person, s].append(var)
            by_person[person].append(var)
        if locks.get(meeting.id) == s:
            model.add(var == 1)  # parse_instance checked that both people are free then
    for vars_ in by_meeting.values():
        if exactly is not None:
            model.add_exactly_one(vars_)
        elif len(vars_) > 1:
            model.add_at_most_one(vars_)
    for vars_ in by_person_slot.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)
    for vars_ in by_slot.values():
        if len(vars_) > instance.tables:
            model.add(cp_model.LinearExpr.sum(vars_) <= instance.tables)
    if exactly is None:  # in phase 2 everybody keeps their meeting count, so caps hold already
        for person, vars_ in by_person.items():
            cap = caps[person]
            if cap is not None and len(vars_) > cap:
                model.add(cp_model.LinearExpr.sum(vars_) <= cap)
    return model, x, by_person_slot


def _solver(time_limit_seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit_seconds, 0.01)
    solver.parameters.num_search_workers = SEARCH_WORKERS
    # Presolve alone took over 12 s at 2,000 participants on a loaded machine (probing and symmetry
    # detection over ~64,000 booleans) and CP-SAT then stopped without reporting the feasible hint.
    # This model gains little from either: one presolve pass, no probing, no symmetry search.
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


def _compact(
    instance: Instance,
    keys: list[tuple[int, int]],
    chosen: dict[int, int],
    deadline: float,
    build_estimate: float = 0.0,
) -> dict[int, int]:
    """Phase 2: the same meetings in (possibly) other slots, fewest idle gaps.

    Fixing *which* meetings take place, not only the objective value, turns the phase into pure
    re-slotting, which CP-SAT's local search explores far better; everybody's meeting count is then
    fixed, so a person's gaps are ``last - first + 1 - meetings`` and minimising ``sum(last - first)``
    is enough. Starts from the more compact of the phase-1 schedule and a greedy re-slotting of its
    meetings; returns that if there is too little time left to build the model (`build_estimate`)
    and search, or if the solver finds nothing better.
    """
    reslotted = _greedy(instance, keys, only=set(chosen))
    if len(reslotted) == len(chosen) and _idle_gaps(instance, reslotted) < _idle_gaps(instance, chosen):
        chosen = reslotted
    if deadline - time.monotonic() < COMPACT_MIN_SECONDS + build_estimate:
        return chosen
    model, x, by_person_slot = _build_model(instance, keys, exactly=set(chosen))
    spans = []
    firsts: dict[str, Any] = {}
    lasts: dict[str, Any] = {}
    top = instance.slots - 1
    for (person, s), vars_ in by_person_slot.items():
        if person not in firsts:
            firsts[person] = model.new_int_var(0, top, f"first_{person}")
            lasts[person] = model.new_int_var(0, top, f"last_{person}")
            spans.append(lasts[person] - firsts[person])
        busy = cp_model.LinearExpr.sum(vars_)  # 0 or 1: at most one meeting per person and slot
        model.add(firsts[person] + (top - s) * busy <= top)  # busy in s: first <= s
        model.add(lasts[person] >= s * busy)  # busy in s: last >= s
    model.minimize(cp_model.LinearExpr.sum(spans))
    for (m, s), var in x.items():
        model.add_hint(var, chosen.get(m) == s)
    solver = _solver(deadline - time.monotonic())
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return chosen
    solved = {m: s for (m, s), var in x.items() if solver.boolean_value(var)}
    return solved if _idle_gaps(instance, solved) <= _idle_gaps(instance, chosen) else chosen


def _idle_gaps(instance: Instance, chosen: dict[int, int]) -> int:
    busy: dict[str, list[int]] = defaultdict(list)
    for m, s in chosen.items():
        busy[instance.meetings[m].a].append(s)
        busy[instance.meetings[m].b].append(s)
    return sum(max(slots) - min(slots) + 1 - len(slots) for slots in busy.values())


def _greedy(
    instance: Instance,
    keys: list[tuple[int, int]],
    only: set[int] | None = None,
    preference: dict[tuple[int, int], float] | None = None,
) -> dict[int, int]:
    """A quick feasible schedule to start from: locked meetings; then, given a `preference` (the LP
    relaxation's values), the meeting-slot pairs in decreasing preference; then mutual meetings, then
    the rest, each meeting with the fewest shared free slots first, into the slot that stretches its two
    agendas least (earliest on ties)."""
    caps = {p.id: p.max_meetings for p in instance.participants}
    busy: dict[str, set[int]] = defaultdict(set)
    load = [0] * instance.slots
    chosen: dict[int, int] = {}

    def place(m: int, s: int) -> None:
        meeting = instance.meetings[m]
        chosen[m] = s
        load[s] += 1
        busy[meeting.a].add(s)
        busy[meeting.b].add(s)

    def fits(m: int, s: int) -> bool:
        meeting = instance.meetings[m]
        return (
            load[s] < instance.tables
            and s not in busy[meeting.a]
            and s not in busy[meeting.b]
            and all(caps[p] is None or len(busy[p]) < (caps[p] or 0) for p in (meeting.a, meeting.b))
        )

    locks = {lock.meeting: lock.slot for lock in instance.locked}
    for m, meeting in enumerate(instance.meetings):
        if meeting.id in locks:
            place(m, locks[meeting.id])
    candidates: dict[int, list[int]] = defaultdict(list)
    for m, s in sorted(keys):
        candidates[m].append(s)
    if preference is not None:
        preferred = sorted(
            (key for key, share in preference.items() if share > 1e-6),
            key=lambda key: (-preference[key], not instance.meetings[key[0]].mutual, len(candidates[key[0]])),
        )
        for m, s in preferred:
            if m not in chosen and (only is None or m in only) and fits(m, s):
                place(m, s)
    order = sorted(
        (m for m in candidates if m not in chosen and (only is None or m in only)),
        key=lambda m: (not instance.meetings[m].mutual, len(candidates[m])),
    )

    def stretch(person: str, s: int) -> int:
        slots = busy[person]
        if not slots:
            return 0
        return max(0, min(slots) - s, s - max(slots))

    for m in order:
        meeting = instance.meetings[m]
        free = [s for s in candidates[m] if fits(m, s)]
        if free:
            place(m, min(free, key=lambda s: (stretch(meeting.a, s) + stretch(meeting.b, s), s)))
    return chosen


def _lp_relaxation(
    instance: Instance, keys: list[tuple[int, int]], weight: int, deadline: float
) -> tuple[float, dict[tuple[int, int], float]] | None:
    """The phase-1 model with x[m, s] in [0, 1] (GLOP): its optimum, an upper bound on phase 1's
    objective, and the values, to round into a warm start. None if it is not solved before `deadline`.

    Built row by row (SetCoefficient), which is several times faster than linear expressions.
    """
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover - GLOP ships with every OR-tools wheel
        return None
    locks = {lock.meeting: lock.slot for lock in instance.locked}
    caps = {p.id: p.max_meetings for p in instance.participants}
    infinity = solver.infinity()
    variables = []
    by_meeting: dict[int, list[Any]] = defaultdict(list)
    by_person_slot: dict[tuple[str, int], list[Any]] = defaultdict(list)
    by_person: dict[str, list[Any]] = defaultdict(list)
    by_slot: dict[int, list[Any]] = defaultdict(list)
    objective = solver.Objective()
    for m, s in keys:
        meeting = instance.meetings[m]
        fixed = 1.0 if locks.get(meeting.id) == s else 0.0
        var = solver.NumVar(fixed, 1.0, "")
        variables.append(var)
        objective.SetCoefficient(var, weight if meeting.mutual else 1)
        by_meeting[m].append(var)
        by_slot[s].append(var)
        for person in (meeting.a, meeting.b):
            by_person_slot[person, s].append(var)
            by_person[person].append(var)
    objective.SetMaximization()

    def at_most(vars_: list[Any], bound: int) -> None:
        if len(vars_) > bound:
            row = solver.RowConstraint(-infinity, bound, "")
            for var in vars_:
                row.SetCoefficient(var, 1)

    for vars_ in by_meeting.values():
        at_most(vars_, 1)
    for vars_ in by_person_slot.values():
        at_most(vars_, 1)
    for vars_ in by_slot.values():
        at_most(vars_, instance.tables)
    for person, vars_ in by_person.items():
        cap = caps[person]
        if cap is not None:
            at_most(vars_, cap)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    solver.SetTimeLimit(int(remaining * 1000))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return objective.Value(), {key: var.solution_value() for key, var in zip(keys, variables, strict=True)}


def _combinatorial_bound(instance: Instance, open_slots: dict[str, list[int]]) -> int:
    degree: dict[str, int] = defaultdict(int)
    placeable = 0
    for meeting in instance.meetings:
        if set(open_slots[meeting.a]).intersection(open_slots[meeting.b]):
            placeable += 1
            degree[meeting.a] += 1
            degree[meeting.b] += 1
    open_sets = {person: set(open_slots[person]) for person in degree}
    by_slots = sum(
        min(instance.tables, sum(1 for person in open_sets if s in open_sets[person]) // 2)
        for s in range(instance.slots)
    )
    by_people = (
        sum(
            min(count, len(open_slots[p.id]), count if p.max_meetings is None else p.max_meetings)
            for p in instance.participants
            for count in [degree.get(p.id, 0)]
        )
        // 2
    )
    return min(placeable, by_slots, by_people)


def _result(
    instance: Instance, chosen: dict[int, int], upper_bound: int, started: float, optimal: bool
) -> Schedule:
    """Number the tables per slot (locked meetings keep theirs) and count idle gaps."""
    locks = {lock.meeting: lock for lock in instance.locked}
    per_slot: dict[int, list[int]] = defaultdict(list)
    for m, s in chosen.items():
        per_slot[s].append(m)
    assignments: list[tuple[str, int, int]] = []
    for s, meetings in per_slot.items():
        taken = {locks[instance.meetings[m].id].table for m in meetings if instance.meetings[m].id in locks}
        free = (table for table in range(instance.tables) if table not in taken)
        for m in meetings:
            meeting_id = instance.meetings[m].id
            table = locks[meeting_id].table if meeting_id in locks else next(free)
            assignments.append((meeting_id, s, table))
    assignments.sort(key=lambda row: (row[1], row[2]))

    idle_gaps = _idle_gaps(instance, chosen)
    return Schedule(
        assignments=assignments,
        unscheduled=[meeting.id for m, meeting in enumerate(instance.meetings) if m not in chosen],
        upper_bound=upper_bound,
        seconds=time.monotonic() - started,
        idle_gaps=idle_gaps,
        optimal=optimal,
        mutual_scheduled=sum(1 for m in chosen if instance.meetings[m].mutual),
    )


def schedule_to_json(result: Schedule) -> dict[str, Any]:
    return {
        "assignments": [
            {"meeting": meeting, "slot": slot, "table": table} for meeting, slot, table in result.assignments
        ],
        "unscheduled": list(result.unscheduled),
        "upper_bound": result.upper_bound,
        "seconds": round(result.seconds, 3),
        "idle_gaps": result.idle_gaps,
    }

"""The scheduler against exhaustive search, and what it returns when time runs out (issue #18)."""

import itertools
import random
from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from events.scheduling import Instance, Schedule, parse_instance, schedule


def assert_valid(instance: Instance, result: Schedule) -> None:
    meetings = {m.id: m for m in instance.meetings}
    participants = {p.id: p for p in instance.participants}
    assigned = [mid for mid, _, _ in result.assignments]
    assert sorted(assigned + result.unscheduled) == sorted(meetings)
    assert len({(slot, table) for _, slot, table in result.assignments}) == len(result.assignments)
    assert all(count <= instance.tables for count in Counter(s for _, s, _ in result.assignments).values())
    person_slots = [
        (p, slot) for mid, slot, _ in result.assignments for p in (meetings[mid].a, meetings[mid].b)
    ]
    assert len(set(person_slots)) == len(person_slots)
    assert all(slot not in participants[person].unavailable for person, slot in person_slots)
    for person, count in Counter(person for person, _ in person_slots).items():
        cap = participants[person].max_meetings
        assert cap is None or count <= cap
    for lock in instance.locked:
        assert (lock.meeting, lock.slot, lock.table) in result.assignments


def best_by_exhaustion(instance: Instance) -> tuple[int, int]:
    """(mutual, total) of a best schedule, trying every slot (or none) for every meeting."""
    participants = {p.id: p for p in instance.participants}
    best = (-1, -1)
    for choice in itertools.product([None, *range(instance.slots)], repeat=len(instance.meetings)):
        busy: set[tuple[str, int]] = set()
        per_slot: Counter[int] = Counter()
        agenda: Counter[str] = Counter()
        ok = True
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            if slot is None:
                continue
            per_slot[slot] += 1
            for person in (meeting.a, meeting.b):
                cap = participants[person].max_meetings
                agenda[person] += 1
                if (
                    (person, slot) in busy
                    or slot in participants[person].unavailable
                    or (cap is not None and agenda[person] > cap)
                ):
                    ok = False
                busy.add((person, slot))
            if per_slot[slot] > instance.tables:
                ok = False
        if ok:
            placed = [m for m, slot in zip(instance.meetings, choice, strict=True) if slot is not None]
            best = max(best, (sum(m.mutual for m in placed), len(placed)))
    return best


@st.composite
def tiny_instances(draw: st.DrawFn) -> dict[str, Any]:
    slots = draw(st.integers(1, 3))
    count = draw(st.integers(2, 5))
    participants = [
        {
            "id": f"p{i}",
            "unavailable": draw(st.lists(st.integers(0, slots - 1), max_size=slots - 1, unique=True)),
            **({"max_meetings": draw(st.integers(0, 2))} if draw(st.booleans()) else {}),
        }
        for i in range(count)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] != p[1]),
            max_size=5,
        )
    )
    return {
        "slots": slots,
        "tables": draw(st.integers(1, 2)),
        "participants": participants,
        "meetings": [
            {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}", "mutual": draw(st.booleans())}
            for k, (a, b) in enumerate(pairs)
        ],
    }


@settings(max_examples=60, deadline=None)
@given(tiny_instances())
def test_schedule_reaches_the_exhaustive_optimum_mutual_first_and_its_bound_is_valid(data):
    instance = parse_instance(data)
    result = schedule(instance, time_limit_seconds=2.0)
    assert_valid(instance, result)
    best_mutual, best_total = best_by_exhaustion(instance)
    assert (result.mutual_scheduled, len(result.assignments)) == (best_mutual, best_total)
    assert result.optimal
    assert result.upper_bound >= best_total


def brokerage(participants: int, seed: int) -> dict[str, Any]:
    """A skewed event: popular people, late arrivals, caps, and a few locked meetings."""
    rng = random.Random(seed)
    people = []
    for i in range(participants):
        person: dict[str, Any] = {"id": f"p{i}"}
        if rng.random() < 0.25:
            person["unavailable"] = list(range(rng.randint(2, 5)))
        if rng.random() < 0.3:
            person["max_meetings"] = rng.randint(1, 4)
        people.append(person)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < participants * 2:
        a = rng.randrange(participants)
        b = rng.choice([rng.randrange(participants), rng.randrange(5)])  # p0..p4 are popular
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    meetings = [
        {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}", "mutual": rng.random() < 0.3}
        for k, (a, b) in enumerate(sorted(pairs))
    ]
    return {"slots": 8, "tables": participants // 5, "participants": people, "meetings": meetings}


def test_a_time_limit_too_short_for_any_solver_still_returns_a_valid_schedule_with_the_locks():
    data = brokerage(120, seed=7)
    first = schedule(parse_instance(data), time_limit_seconds=5.0)
    data["locked"] = [
        {"meeting": mid, "slot": slot, "table": table} for mid, slot, table in first.assignments[:10]
    ]
    instance = parse_instance(data)

    result = schedule(instance, time_limit_seconds=0.01)

    assert_valid(instance, result)
    assert len(result.assignments) > len(instance.locked)
    assert result.upper_bound >= len(result.assignments)


def test_skewed_event_is_scheduled_to_its_bound():
    instance = parse_instance(brokerage(150, seed=11))
    result = schedule(instance, time_limit_seconds=10.0)
    assert_valid(instance, result)
    assert result.optimal
    assert len(result.assignments) == result.upper_bound

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.scheduling import InstanceError, Schedule, parse_instance, schedule, schedule_to_json

FAST = 2.0  # seconds; every instance here is proven optimal long before


def people(*ids: str, **options: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": pid, **options.get(pid, {})} for pid in ids]


def meeting(mid: str, a: str, b: str, *, mutual: bool = False) -> dict[str, Any]:
    return {"id": mid, "a": a, "b": b, "mutual": mutual}


def solve(data: dict[str, Any]) -> Schedule:
    return schedule(parse_instance(data), time_limit_seconds=FAST)


def slots_of(result: Schedule) -> dict[str, int]:
    return {mid: slot for mid, slot, _ in result.assignments}


# --- optimum, availability, caps, tables ---------------------------------------------------------------


def test_triangle_in_one_slot_fits_one_meeting_and_in_three_slots_all():
    data = {
        "slots": 1,
        "tables": 5,
        "participants": people("p1", "p2", "p3"),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p2", "p3"), meeting("m3", "p1", "p3")],
    }
    one_slot = solve(data)
    three_slots = solve({**data, "slots": 3})

    assert (len(one_slot.assignments), one_slot.upper_bound) == (1, 1)
    assert (len(three_slots.assignments), three_slots.upper_bound) == (3, 3)
    assert sorted(slots_of(three_slots).values()) == [0, 1, 2]


def test_meeting_goes_into_the_slot_both_people_are_available():
    data = {
        "slots": 3,
        "tables": 1,
        "participants": people("p1", "p2", p1={"unavailable": [0]}, p2={"unavailable": [2]}),
        "meetings": [meeting("m1", "p1", "p2")],
    }
    assert slots_of(solve(data)) == {"m1": 1}


def test_meeting_without_a_shared_free_slot_stays_unscheduled():
    data = {
        "slots": 2,
        "tables": 1,
        "participants": people("p1", "p2", p1={"unavailable": [0]}, p2={"unavailable": [1]}),
        "meetings": [meeting("m1", "p1", "p2")],
    }
    result = solve(data)
    assert (result.assignments, result.unscheduled, result.upper_bound) == ([], ["m1"], 0)


def test_max_meetings_caps_a_persons_agenda():
    data = {
        "slots": 4,
        "tables": 4,
        "participants": people("p1", "p2", "p3", "p4", p1={"max_meetings": 2}),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p1", "p3"), meeting("m3", "p1", "p4")],
    }
    result = solve(data)
    assert (len(result.assignments), len(result.unscheduled), result.upper_bound) == (2, 1, 2)


def test_no_more_meetings_in_a_slot_than_tables():
    data = {
        "slots": 2,
        "tables": 1,
        "participants": people("p1", "p2", "p3", "p4", "p5", "p6"),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p3", "p4"), meeting("m3", "p5", "p6")],
    }
    result = solve(data)
    assert len(result.assignments) == result.upper_bound == 2
    assert {(slot, table) for _, slot, table in result.assignments} == {(0, 0), (1, 0)}


# --- priorities ---------------------------------------------------------------------------------------


def test_mutual_meeting_wins_even_when_it_costs_two_others():
    # One slot: m1 + m3 would be two meetings, but m2 is mutual and shares a person with each.
    data = {
        "slots": 1,
        "tables": 5,
        "participants": people("p1", "p2", "p3", "p4"),
        "meetings": [
            meeting("m1", "p1", "p2"),
            meeting("m2", "p2", "p3", mutual=True),
            meeting("m3", "p3", "p4"),
        ],
    }
    result = solve(data)
    assert slots_of(result) == {"m2": 0}
    assert result.unscheduled == ["m1", "m3"]
    assert result.upper_bound == 1  # the best schedule with the mutual meeting first holds one


def test_compact_agenda_is_chosen():
    # p1 meets p2 (free only in slot 0) and p3 (free in 1 and 2): slot 1 leaves p1 no idle gap.
    data = {
        "slots": 3,
        "tables": 2,
        "participants": people("p1", "p2", "p3", p2={"unavailable": [1, 2]}, p3={"unavailable": [0]}),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p1", "p3")],
    }
    result = solve(data)
    assert slots_of(result) == {"m1": 0, "m2": 1}
    assert result.idle_gaps == 0


def test_locked_meetings_keep_their_slot_and_table_on_rerun():
    data: dict[str, Any] = {
        "slots": 4,
        "tables": 3,
        "participants": people("p1", "p2", "p3", "p4"),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p1", "p3"), meeting("m3", "p3", "p4")],
        "locked": [{"meeting": "m1", "slot": 3, "table": 2}],
    }
    first = solve(data)
    assert ("m1", 3, 2) in first.assignments

    # given the organiser locks the whole first run and a late request arrives
    rerun = {
        **data,
        "participants": people("p1", "p2", "p3", "p4", "p5"),
        "meetings": [*data["meetings"], meeting("m4", "p1", "p5", mutual=True)],
        "locked": [{"meeting": m, "slot": s, "table": t} for m, s, t in first.assignments],
    }
    # when it is scheduled again
    second = solve(rerun)
    # then every locked meeting is where it was and the new one is added
    assert set(first.assignments) <= set(second.assignments)
    assert "m4" in slots_of(second)


def test_upper_bound_is_at_least_scheduled_and_exact_on_small_instances():
    data = {
        "slots": 3,
        "tables": 2,
        "participants": people("a", "b", "c", "d", "e", a={"max_meetings": 2}, e={"unavailable": [0, 1]}),
        "meetings": [
            meeting("m1", "a", "b", mutual=True),
            meeting("m2", "a", "c"),
            meeting("m3", "a", "d"),
            meeting("m4", "b", "c"),
            meeting("m5", "c", "d", mutual=True),
            meeting("m6", "d", "e"),
            meeting("m7", "b", "e"),
        ],
    }
    result = solve(data)
    assert result.optimal
    assert result.upper_bound == len(result.assignments)


def test_schedule_to_json_has_the_documented_shape():
    data = {
        "slots": 1,  # one slot, so that the one optimal placement is also the only one
        "tables": 1,
        "participants": people("p1", "p2"),
        "meetings": [meeting("m1", "p1", "p2")],
    }
    payload = schedule_to_json(solve(data))
    assert set(payload) == {"assignments", "unscheduled", "upper_bound", "seconds", "idle_gaps"}
    assert payload["assignments"] == [{"meeting": "m1", "slot": 0, "table": 0}]
    assert (payload["unscheduled"], payload["upper_bound"]) == ([], 1)


# --- validation ---------------------------------------------------------------------------------------


def valid() -> dict[str, Any]:
    return {
        "slots": 16,
        "tables": 2,
        "participants": people("p1", "p2", "p3", "p4"),
        "meetings": [meeting("m1", "p1", "p2"), meeting("m2", "p3", "p4")],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(slots=0), "slots: must be a positive integer"),
        (lambda d: d.update(tables="3"), "tables: must be a positive integer"),
        (
            lambda d: d["participants"][3].update(unavailable=[1, 17]),
            "participants[3].unavailable[1]: slot 17 is outside 0..15",
        ),
        (lambda d: d["participants"][1].update(id="p1"), "participants[1].id: duplicate participant 'p1'"),
        (
            lambda d: d["participants"][0].update(max_meetings=-1),
            "participants[0].max_meetings: must be an integer ≥ 0",
        ),
        (lambda d: d["meetings"][1].update(b="p99"), "meetings[1].b: unknown participant 'p99'"),
        (
            lambda d: d["meetings"][1].update(b="p3"),
            "meetings[1].b: a meeting needs two different participants",
        ),
        (lambda d: d["meetings"][1].update(id="m1"), "meetings[1].id: duplicate meeting 'm1'"),
        (
            lambda d: d.update(locked=[{"meeting": "m9", "slot": 0, "table": 0}]),
            "locked[0].meeting: unknown meeting 'm9'",
        ),
        (
            lambda d: d.update(locked=[{"meeting": "m1", "slot": 0, "table": 2}]),
            "locked[0].table: must be a table number in 0..1",
        ),
        (
            lambda d: d.update(
                locked=[{"meeting": "m1", "slot": 0, "table": 0}, {"meeting": "m2", "slot": 0, "table": 0}]
            ),
            "locked[1].table: table 0 is already locked in slot 0",
        ),
        (
            lambda d: (
                d["participants"][1].update(unavailable=[4]),
                d.update(locked=[{"meeting": "m1", "slot": 4, "table": 0}]),
            ),
            "locked[0].slot: participant 'p2' is unavailable in slot 4",
        ),
    ],
)
def test_malformed_instance_names_the_bad_field(change, message):
    data = valid()
    change(data)
    with pytest.raises(InstanceError) as error:
        parse_instance(data)
    assert str(error.value) == message


# --- properties on random small instances ---------------------------------------------------------------


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    slots = draw(st.integers(1, 5))
    tables = draw(st.integers(1, 3))
    count = draw(st.integers(2, 6))
    participants = [
        {
            "id": f"p{i}",
            "unavailable": draw(st.lists(st.integers(0, slots - 1), max_size=slots, unique=True)),
            **({"max_meetings": draw(st.integers(0, 3))} if draw(st.booleans()) else {}),
        }
        for i in range(count)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] != p[1]),
            max_size=10,
        )
    )
    meetings = [
        {"id": f"m{k}", "a": f"p{a}", "b": f"p{b}", "mutual": draw(st.booleans())}
        for k, (a, b) in enumerate(pairs)
    ]
    return {"slots": slots, "tables": tables, "participants": participants, "meetings": meetings}


@settings(max_examples=40, deadline=None)
@given(instances())
def test_every_schedule_respects_people_tables_availability_and_caps(data):
    instance = parse_instance(data)
    result = schedule(instance, time_limit_seconds=1.0)
    meetings = {m.id: m for m in instance.meetings}
    participants = {p.id: p for p in instance.participants}

    assigned = [mid for mid, _, _ in result.assignments]
    assert sorted(assigned + result.unscheduled) == sorted(meetings)  # each meeting exactly once
    assert len({(slot, table) for _, slot, table in result.assignments}) == len(result.assignments)
    assert all(0 <= table < instance.tables for _, _, table in result.assignments)
    per_slot = Counter(slot for _, slot, _ in result.assignments)
    assert all(count <= instance.tables for count in per_slot.values())
    person_slots = [
        (person, slot) for mid, slot, _ in result.assignments for person in (meetings[mid].a, meetings[mid].b)
    ]
    assert len(set(person_slots)) == len(person_slots)  # nobody in two meetings at once
    assert all(slot not in participants[person].unavailable for person, slot in person_slots)
    agenda = Counter(person for person, _ in person_slots)
    for person, count in agenda.items():
        cap = participants[person].max_meetings
        assert cap is None or count <= cap
    assert result.upper_bound >= len(result.assignments)

"""Locking and moving the same meeting at once never deadlocks (issue 14 item 15): every events service
takes its row locks in one order, the event first, then its rows by id (events/services/locks.py).

Real row locks need PostgreSQL and two connections that commit, so this runs there only: two threads,
each with its own connection, call the services as fast as they can (through the pages, the overhead of
each request hid the deadlock), and one page test shows the pages answer both."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from core.models import AuditEvent
from events import services
from events.models import Event, Meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks and deadlocks exist only on PostgreSQL; SQLite locks the whole database.",
    ),
]

ROUNDS = 150


@pytest.fixture
def meeting(brokerage, company_person, participant_of, owner):
    people = [company_person(name) for name in ("Asel", "Bolot")]
    entries = [participant_of(brokerage, person) for person in people]
    request = services.meeting_request_send(
        actor=people[0], requester=entries[0], recipient=entries[1], message="Hi"
    )
    services.meeting_request_accept(actor=people[1], request=request)
    meeting = Meeting.objects.get(event=brokerage)
    services.meeting_move(actor=owner, meeting=meeting, slot=0, table=0)
    return meeting


def test_locking_and_moving_one_meeting_at_once_never_fails(owner, brokerage, meeting):
    failures: list[BaseException] = []
    positions = [(slot, table) for slot in range(brokerage.slot_count) for table in range(2)]
    start = threading.Barrier(2)

    def hammer(call) -> None:
        try:
            start.wait()
            for n in range(ROUNDS):
                try:
                    call(n)
                except Exception as error:  # a deadlock is an OperationalError: a 500 for the organiser
                    failures.append(error)
        finally:
            connection.close()

    def lock(n: int) -> None:
        services.meeting_lock(actor=owner, meeting=Meeting.objects.get(pk=meeting.pk), locked=bool(n % 2))

    def move(n: int) -> None:
        slot, table = positions[n % len(positions)]
        services.meeting_move(actor=owner, meeting=Meeting.objects.get(pk=meeting.pk), slot=slot, table=table)

    threads = [threading.Thread(target=hammer, args=(call,)) for call in (lock, move)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads)

    assert failures == []
    # Each call took effect: one audit record per call, and the meeting sits where the last move put it.
    actions = AuditEvent.objects.filter(object_id=str(meeting.pk))
    assert actions.filter(action="events.meeting_moved").count() == ROUNDS + 1  # and the fixture's move
    assert actions.filter(action__in=["events.meeting_locked", "events.meeting_unlocked"]).count() == ROUNDS
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == positions[(ROUNDS - 1) % len(positions)]


def _waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_a_lock_queued_behind_a_move_never_deadlocks(owner, brokerage, meeting):
    """The interleaving that deadlocked, made to happen: a move waits for the event, then a lock
    arrives. Had the lock taken the meeting first, the move (holding the event) and the lock (holding
    the meeting) would wait on each other once the event is free."""
    failures: list[BaseException] = []
    event_held, release = threading.Event(), threading.Event()

    def hold_the_event() -> None:
        try:
            with transaction.atomic():
                Event.objects.select_for_update().get(pk=brokerage.pk)
                event_held.set()
                release.wait(timeout=300)
        finally:
            connection.close()

    def run(call) -> None:
        try:
            call()
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    def move() -> None:
        services.meeting_move(actor=owner, meeting=Meeting.objects.get(pk=meeting.pk), slot=2, table=1)

    def lock() -> None:
        services.meeting_lock(actor=owner, meeting=Meeting.objects.get(pk=meeting.pk), locked=False)

    holder = threading.Thread(target=hold_the_event)
    holder.start()
    event_held.wait(timeout=120)
    threads = [threading.Thread(target=run, args=(move,))]
    threads[0].start()
    _wait_until(lambda: _waiting_for_a_lock() >= 1, "the move to wait for the event")
    threads.append(threading.Thread(target=run, args=(lock,)))
    threads[1].start()
    _wait_until(lambda: _waiting_for_a_lock() >= 2, "the lock to wait too")
    release.set()
    for thread in (holder, *threads):
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in (holder, *threads))

    assert failures == []
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.locked) == (2, 1, False)


def test_the_pages_answer_lock_and_move_without_a_server_error(owner, meeting):
    organiser = Client(raise_request_exception=False)
    organiser.force_login(owner)
    moved = organiser.post(reverse("events:meeting_move", kwargs={"pk": meeting.pk}), {"slot": 1, "table": 1})
    locked = organiser.post(reverse("events:meeting_lock", kwargs={"pk": meeting.pk}), {"locked": "1"})
    assert (moved.status_code, locked.status_code) == (302, 302)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.locked) == (1, 0, True)

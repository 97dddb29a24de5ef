"""The daily sweep, with a controlled clock: reminders before expiry, then grace, then expired."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from networks.models import MembershipStatusChange, NetworkMembership, NetworkSettings


def today_iso() -> str:  # a payment is recorded with the day it was received
    return timezone.localdate().isoformat()


Status = NetworkMembership.Status


def _sweep(today: datetime.date, capture) -> None:
    with capture(execute=True):
        call_command("send_membership_reminders", "--today", today.isoformat())


def test_reminder_then_grace_then_expired(
    active_membership, owner, network, django_capture_on_commit_callbacks
):
    NetworkSettings.objects.create(network=network, grace_days=30, reminder_days_before_expiry=14)
    until = active_membership.valid_until
    mail.outbox.clear()

    # given a day before the reminder window, nothing happens
    _sweep(until - datetime.timedelta(days=15), django_capture_on_commit_callbacks)
    assert mail.outbox == []

    # when the reminder window opens, one reminder goes out, and only one
    _sweep(until - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    _sweep(until - datetime.timedelta(days=13), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Time to renew" in mail.outbox[0].subject

    # then the day after the end date the membership is in grace, and after the grace days expired
    _sweep(until + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    active_membership.refresh_from_db()
    assert active_membership.status == Status.GRACE
    assert "grace period" in mail.outbox[-1].subject
    _sweep(until + datetime.timedelta(days=30), django_capture_on_commit_callbacks)
    active_membership.refresh_from_db()
    assert active_membership.status == Status.GRACE
    _sweep(until + datetime.timedelta(days=31), django_capture_on_commit_callbacks)
    active_membership.refresh_from_db()
    assert active_membership.status == Status.EXPIRED
    assert "has expired" in mail.outbox[-1].subject
    steps = MembershipStatusChange.objects.filter(membership=active_membership, action="expiry")
    assert [(step.from_status, step.to_status, step.actor) for step in steps] == [
        ("active", "grace", None),
        ("grace", "expired", None),
    ]


def test_renewal_paid_during_grace_reactivates(
    active_membership, owner, secretariat, django_capture_on_commit_callbacks
):
    from conftest import logged_in_client

    until = active_membership.valid_until
    _sweep(until + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    active_membership.refresh_from_db()
    assert active_membership.status == Status.GRACE

    logged_in_client(owner).post(f"/networks/memberships/{active_membership.pk}/renew/")
    logged_in_client(secretariat).post(
        f"/networks/memberships/{active_membership.pk}/payment/",
        {"reference": "late", "paid_on": today_iso()},
    )

    active_membership.refresh_from_db()
    assert active_membership.status == Status.ACTIVE
    assert active_membership.valid_until > until


def test_the_task_runs_the_sweep(active_membership, monkeypatch):
    from django.utils import timezone

    from networks.tasks import membership_reminders_send

    later = timezone.now() + datetime.timedelta(days=800)
    monkeypatch.setattr(timezone, "now", lambda: later)

    result = membership_reminders_send.enqueue()

    active_membership.refresh_from_db()
    assert active_membership.status == Status.EXPIRED
    assert result.return_value == {"grace": 0, "expired": 1, "reminded": 0}

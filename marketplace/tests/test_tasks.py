"""The daily sweep with a controlled clock: expiry after twelve months, one warning two weeks ahead,
EOI time-outs, daily and weekly digests, and nothing sent twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from marketplace.eoi_services import eoi_send
from marketplace.models import ExpressionOfInterest, Profile, SavedSearch
from marketplace.saved_searches import saved_search_create
from marketplace.tasks import marketplace_daily_sweep, marketplace_sweep

pytestmark = pytest.mark.django_db

# 3 June 2030 is a Monday.
PUBLISHED_AT = datetime.datetime(2029, 6, 1, 9, 0, tzinfo=datetime.UTC)
MONDAY = datetime.datetime(2030, 6, 3, 6, 0, tzinfo=datetime.UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)


def _sweep_command(now: datetime.datetime, capsys) -> str:
    call_command("marketplace_daily", "--now", now.isoformat())
    return capsys.readouterr().out


def _search(user, frequency: str) -> SavedSearch:
    saved = saved_search_create(actor=user, name=f"{frequency} search", query={}, frequency=frequency)
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=MONDAY - datetime.timedelta(days=8))
    saved.refresh_from_db()
    return saved


def test_profile_expires_twelve_months_after_publication_not_before(make_profile, capsys):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=PUBLISHED_AT)
    assert profile.expires_at == PUBLISHED_AT + datetime.timedelta(days=365)

    _sweep_command(profile.expires_at - datetime.timedelta(minutes=1), capsys)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED

    out = _sweep_command(profile.expires_at, capsys)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.EXPIRED
    assert "profiles expired: 1" in out
    assert list(profile.history.values_list("action", flat=True))[-1] == "expire"

    assert "profiles expired: 0" in _sweep_command(profile.expires_at + datetime.timedelta(hours=1), capsys)


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_expiry_warning_goes_out_exactly_once_two_weeks_ahead(make_profile, owner, capsys):
    profile = make_profile(status=Profile.Status.PUBLISHED, now=PUBLISHED_AT)
    assert profile.expires_at is not None
    fifteen_days_before = profile.expires_at - datetime.timedelta(days=15)
    fourteen_days_before = profile.expires_at - datetime.timedelta(days=14)

    _sweep_command(fifteen_days_before, capsys)
    assert mail.outbox == []

    assert "expiry warnings: 1" in _sweep_command(fourteen_days_before, capsys)
    for later in (fourteen_days_before, fourteen_days_before + datetime.timedelta(days=1)):
        assert "expiry warnings: 0" in _sweep_command(later, capsys)

    (warning,) = mail.outbox
    assert warning.to == [owner.email]
    assert profile.reference in warning.subject
    profile.refresh_from_db()
    assert profile.expiry_warning_sent_at == fourteen_days_before


def test_unanswered_eoi_expires_after_its_time_and_only_once(
    make_profile, outsider, other_organisation, settings, django_capture_on_commit_callbacks
):
    settings.EOI_RESPONSE_DAYS = 21
    profile = make_profile(status=Profile.Status.PUBLISHED, now=PUBLISHED_AT)
    sent_at = PUBLISHED_AT + datetime.timedelta(days=10)
    eoi = eoi_send(
        sender=outsider,
        sender_organisation=other_organisation,
        profile=profile,
        message="We build irrigation controllers and would like to license yours.",
        now=sent_at,
    )

    assert marketplace_sweep(now=sent_at + datetime.timedelta(days=20))["eois_expired"] == 0
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        assert marketplace_sweep(now=sent_at + datetime.timedelta(days=21))["eois_expired"] == 1
    eoi.refresh_from_db()
    assert eoi.status == ExpressionOfInterest.Status.EXPIRED
    assert outsider.email in {address for message in mail.outbox for address in message.to}

    assert marketplace_sweep(now=sent_at + datetime.timedelta(days=22))["eois_expired"] == 0


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_daily_digests_every_day_weekly_only_on_the_configured_weekday(make_profile, outsider, settings):
    settings.MARKETPLACE_WEEKLY_DIGEST_WEEKDAY = 0  # Monday
    daily = _search(outsider, SavedSearch.Frequency.DAILY)
    weekly = _search(outsider, SavedSearch.Frequency.WEEKLY)
    make_profile(
        status=Profile.Status.PUBLISHED,
        title="Published on Sunday",
        now=MONDAY - datetime.timedelta(hours=12),
    )

    sunday = marketplace_sweep(now=MONDAY - datetime.timedelta(hours=7))  # Sunday 23:00
    assert (sunday["daily_digests"], sunday["weekly_digests"]) == (1, 0)

    monday = marketplace_sweep(now=MONDAY)
    assert (monday["daily_digests"], monday["weekly_digests"]) == (0, 1)

    make_profile(
        status=Profile.Status.PUBLISHED, title="Published on Monday", now=MONDAY + datetime.timedelta(hours=2)
    )
    tuesday = marketplace_sweep(now=TUESDAY)
    assert (tuesday["daily_digests"], tuesday["weekly_digests"]) == (1, 0)

    assert [message.to for message in mail.outbox] == [[outsider.email]] * 3
    daily.refresh_from_db()
    weekly.refresh_from_db()
    assert daily.last_sent_at == TUESDAY
    assert weekly.last_sent_at == MONDAY


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_running_the_sweep_twice_sends_nothing_twice(make_profile, outsider, capsys):
    _search(outsider, SavedSearch.Frequency.DAILY)
    _search(outsider, SavedSearch.Frequency.WEEKLY)
    profile = make_profile(status=Profile.Status.PUBLISHED, now=MONDAY - datetime.timedelta(days=351))
    make_profile(
        status=Profile.Status.PUBLISHED, title="Fresh offer", now=MONDAY - datetime.timedelta(hours=3)
    )

    first = _sweep_command(MONDAY, capsys)
    sent = len(mail.outbox)
    second = _sweep_command(MONDAY + datetime.timedelta(hours=2), capsys)

    assert "expiry warnings: 1" in first and "daily digests: 1" in first and "weekly digests: 1" in first
    assert sent == 3  # the owner's warning, the daily and the weekly digest
    assert "expiry warnings: 0" in second and "daily digests: 0" in second and "weekly digests: 0" in second
    assert len(mail.outbox) == sent
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED


@pytest.mark.usefixtures("on_commit_immediately")  # the email goes out on commit
def test_send_search_digests_command_sends_one_frequency(make_profile, outsider, capsys):
    _search(outsider, SavedSearch.Frequency.DAILY)
    _search(outsider, SavedSearch.Frequency.WEEKLY)
    make_profile(status=Profile.Status.PUBLISHED, now=TUESDAY - datetime.timedelta(hours=1))

    call_command("send_search_digests", "--frequency", "weekly", "--now", TUESDAY.isoformat())
    assert "digests sent: 1" in capsys.readouterr().out
    call_command("send_search_digests", "--frequency", "weekly", "--now", TUESDAY.isoformat())
    assert "digests sent: 0" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_sweep_runs_as_a_task(make_profile):
    profile = make_profile(status=Profile.Status.PUBLISHED)
    Profile.objects.filter(pk=profile.pk).update(expires_at=profile.published_at)

    result = marketplace_daily_sweep.enqueue()

    assert result.return_value["profiles_expired"] == 1
    profile.refresh_from_db()
    assert profile.status == Profile.Status.EXPIRED

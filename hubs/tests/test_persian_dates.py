"""A Persian reader's briefing report, page and PDF, gives every date in the Solar Hijri calendar
(issue 15): the day it was asked for (typed in that calendar), the data's day and each interaction's."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import logged_in_client
from hubs import services
from hubs.models import BriefingReport

pytestmark = pytest.mark.django_db

GREGORIAN_MONTHS = ("February", "Feb.", "December", "Dec.", "فوریه", "دسامبر")


def test_a_persian_briefing_report_shows_solar_hijri_dates_on_the_page_and_in_the_pdf(
    hub, owner, desk_member, django_capture_on_commit_callbacks
):
    services.interaction_log(
        actor=owner,
        hub=hub,
        kind="delegation",
        title="Delegation to Ankara",
        occurred_on=datetime.date(2024, 2, 2),
    )
    desk_member.preferred_language = "fa"
    desk_member.save(update_fields=["preferred_language"])
    client = logged_in_client(desk_member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hubs:report_request", args=[hub.pk]),
            {"country": "", "as_of": "۱۴۰۵/۰۹/۱۵"},  # noqa: RUF001  # 6 December 2026
        )

    report = BriefingReport.objects.get()
    assert report.as_of == datetime.date(2026, 12, 6) and report.language == "fa"
    page = client.get(reverse("hubs:report_detail", args=[report.pk])).content.decode()
    assert "۱۵ آذر ۱۴۰۵" in page  # noqa: RUF001  # data as of
    assert "۱۳ بهمن ۱۴۰۲" in page  # the delegation, 2 February 2024
    assert not [month for month in GREGORIAN_MONTHS if month in page]

    pdf = b"".join(client.get(reverse("hubs:report_pdf", args=[report.pk])).streaming_content)  # type: ignore[attr-defined]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "1405" in text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    assert "2026" not in text and "2024" not in text
    assert not [month for month in GREGORIAN_MONTHS if month in text]

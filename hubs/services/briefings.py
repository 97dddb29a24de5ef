"""Writes about country briefing reports: requesting one, which queues its build (`hubs.briefing_build`)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless
from core.taxonomies import is_country_code
from hubs.briefing_build import briefing_report_build
from hubs.models import BriefingReport, Hub
from hubs.selectors import hub_permissions
from hubs.tasks import briefing_report_build_task

__all__ = ["briefing_report_build", "briefing_report_request"]


@transaction.atomic
def briefing_report_request(
    *,
    actor: Any,
    hub: Hub,
    country: str = "",
    as_of: datetime.date | None = None,
    language: str | None = None,
) -> BriefingReport:
    """Queue a country briefing report (by default on the hub's partner country, as of today)."""
    deny_unless(
        hub_permissions(actor, hub).is_desk_member, _("Only the hub's desk requests briefing reports.")
    )
    country = (country or hub.partner_country).upper()
    if not is_country_code(country):
        raise ValidationError(
            {"country": _("%(value)s is not an ISO 3166 country code.") % {"value": country}}
        )
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise ValidationError({"as_of": _("A report cannot describe a day still to come.")})
    report = BriefingReport.objects.create(
        hub=hub,
        country=country,
        as_of=as_of,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        requested_by=actor,
    )
    audit_record(
        actor=actor, action="hubs.briefing_report_request", target=report, organisation_id=hub.host_id
    )
    transaction.on_commit(lambda: briefing_report_build_task.enqueue(report_id=report.pk))
    return report

"""The period the international-interaction index counts over, as the ranking's page and API choose it:
the last year (the default), all time, or a custom span of whole days, both ends included.

`ranking_period` validates a choice and returns the span; a bad one raises a ValidationError whose
messages name the field (`from`, `to`, `period`) in the reader's language.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.calendars import format_local_date

YEAR_DAYS = 365
# "All time" starts before any record ParkLink can hold.
BEGINNING = datetime.date(1, 1, 1)


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Last year")
    ALL = "all", _("All time")
    CUSTOM = "custom", _("Custom period")


@dataclass(frozen=True)
class RankingPeriod:
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def all_time(self) -> bool:
        return self.kind == PeriodKind.ALL

    def sentence(self) -> str:
        """Which period is shown, as a sentence in the reader's language."""
        if self.all_time:
            return gettext("Activity of all time.")
        return gettext("Activity from %(start)s to %(end)s.") % {
            "start": format_local_date(self.start),
            "end": format_local_date(self.end),
        }


def ranking_period(
    kind: str = PeriodKind.YEAR,
    *,
    today: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> RankingPeriod:
    """The span for `kind`: the `YEAR_DAYS` days up to `today`, everything up to `today`, or `start` to
    `end` (custom), which must both be given, in order, and not in the future."""
    if kind == PeriodKind.YEAR:
        return RankingPeriod(kind, today - datetime.timedelta(days=YEAR_DAYS - 1), today)
    if kind == PeriodKind.ALL:
        return RankingPeriod(kind, BEGINNING, today)
    if kind != PeriodKind.CUSTOM:
        raise ValidationError({"period": _("Choose the last year, all time or a custom period.")})
    errors: dict[str, list[str]] = {}
    if start is None:
        errors.setdefault("from", []).append(str(_("Give the first day of the custom period.")))
    elif start > today:
        errors.setdefault("from", []).append(str(_("The first day of the period cannot be in the future.")))
    if end is None:
        errors.setdefault("to", []).append(str(_("Give the last day of the custom period.")))
    elif end > today:
        errors.setdefault("to", []).append(str(_("The last day of the period cannot be in the future.")))
    if start is not None and end is not None and start > end and "from" not in errors:
        errors.setdefault("from", []).append(
            str(_("The first day of the period must not be after its last day."))
        )
    if errors:
        raise ValidationError(errors)
    assert start is not None and end is not None
    return RankingPeriod(kind, start, end)

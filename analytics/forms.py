"""The ranking's period selector: `period`, and for a custom period `from` and `to` (ISO dates)."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from analytics.periods import PeriodKind, RankingPeriod, ranking_period
from core.forms import LocalDateField


class RankingPeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # "from" is a Python keyword, so these two are added here rather than declared.
        self.fields["from"] = LocalDateField(label=_("From"), required=False)
        self.fields["to"] = LocalDateField(label=_("To"), required=False)
        self.ranking_period: RankingPeriod | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.ranking_period = ranking_period(
                data.get("period") or PeriodKind.YEAR,
                today=self.today,
                start=data.get("from"),
                end=data.get("to"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return data

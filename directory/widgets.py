"""Organisation fields that render only what is selected (issue 16 item 3).

A plain <select> of 3,000 organisations made forms of 200 to 400 KB that nobody could search. These
fields validate against the same queryset as before, but their widget renders only the chosen
organisations, as chips, beside a search box that static/parklink/picker.js turns into an accessible
combobox asking directory.picker_views for matches. Without scripts the chosen organisations are
ticked boxes: they stay chosen, and unticking one removes it.
"""

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from directory.picker import PICK_LIMIT


class OrganisationPicker(forms.Select):
    """One organisation, picked by searching; picking another replaces it."""

    template_name = "directory/widgets/organisation_picker.html"
    multiple = False

    def __init__(
        self, *, purpose: str, countries: Sequence[str] = (), attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs=attrs)
        self.purpose = purpose
        self.countries = list(countries)

    def use_required_attribute(self, initial: Any) -> bool:
        # The search box may stay empty once a chip is chosen; the field itself says what is required.
        return False

    def _queryset(self) -> QuerySet[Organisation]:
        queryset = getattr(self.choices, "queryset", None)
        return queryset if queryset is not None else Organisation.objects.none()

    def _selected(self, values: Iterable[str]) -> list[Organisation]:
        ids = [int(value) for value in values if str(value).isdigit()]
        if not ids:
            return []
        # Only what the field may offer: an id someone slipped in is refused and not named back.
        found = {
            organisation.pk: organisation
            for organisation in self._queryset().filter(pk__in=ids).only("id", "name", "country")
        }
        return [found[pk] for pk in dict.fromkeys(ids) if pk in found]

    def picker_url(self) -> str:
        query: list[tuple[str, str]] = [("purpose", self.purpose)]
        query += [("country", country) for country in self.countries]
        return f"{reverse('directory:organisation_pick')}?{urlencode(query)}"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # forms.Widget's context, not forms.Select's: that one would list every organisation.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        widget.update(
            {
                "selected": self._selected(self.format_value(value)),
                "multiple": self.multiple,
                "picker_url": self.picker_url(),
                "input_id": widget_id,
                "describedby": widget["attrs"].get("aria-describedby", ""),
                "invalid": widget["attrs"].get("aria-invalid", False),
                "listbox_id": f"{widget_id}_listbox",
                "status_id": f"{widget_id}_status",
                "limit": PICK_LIMIT,
                # Whole sentences for picker.js; %(name)s and %(count)s are filled in there.
                "text_remove": _("Remove %(name)s"),
                "text_short": _("Type at least two letters of a name."),
                "text_none": _("No organisation matches."),
                "text_count": _("%(count)s organisations match; use the arrow keys to choose."),
                "text_added": _("%(name)s chosen."),
                "text_removed": _("%(name)s removed."),
                "text_error": _("The list of organisations could not be loaded; try again."),
            }
        )
        return context


class OrganisationMultiPicker(OrganisationPicker, forms.SelectMultiple):
    """Several organisations, picked one by one by searching."""

    multiple = True


class OrganisationChoiceField(forms.ModelChoiceField):
    """One organisation from `queryset`, chosen with the picker registered for `purpose`
    (directory.picker.organisation_purpose)."""

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Organisation.objects.none())
        kwargs.setdefault("widget", OrganisationPicker(purpose=purpose))
        super().__init__(**kwargs)


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several organisations from `queryset`, chosen with the picker registered for `purpose`."""

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Organisation.objects.none())
        kwargs.setdefault("widget", OrganisationMultiPicker(purpose=purpose))
        super().__init__(**kwargs)

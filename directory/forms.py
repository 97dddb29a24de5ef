import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.forms import LocalDateField, LocalDateInput, local_date_formfield
from core.models import Sector
from core.taxonomies import SECTOR_LABELS, country_choices
from core.timezones import TimeZoneInput
from directory.models import (
    ORGANISATION_CONTACT_FIELDS,
    ORGANISATION_PROFILE_FIELDS,
    ExternalIdentifier,
    Organisation,
    OrganisationFigure,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.selectors import organisations_search


def _country_options() -> list[tuple[str, StrOrPromise]]:
    return [("", _("Choose a country")), *country_choices()]


def _role_choices(organisation: Organisation) -> list[tuple[str, StrOrPromise]]:
    return [
        (value, label)
        for value, label in Role.choices
        if value != Role.SECRETARIAT or organisation.is_network
    ]


class OrganisationForm(forms.ModelForm):
    # A list of translated country names instead of a bare two-letter code.
    country = forms.ChoiceField(label=_("Country"), choices=_country_options)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_PROFILE_FIELDS, "time_zone", "sectors"]
        formfield_callback = local_date_formfield  # the founding date reads the reader's calendar
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "founded_on": LocalDateInput(),
            "time_zone": TimeZoneInput(),
        }
        help_texts = {
            "name_language": _("ISO 639 code, for example en, fa, ru or zh."),
            "description_language": _("ISO 639 code, for example en, fa, ru or zh."),
            "time_zone": _("Where its clocks are, e.g. Asia/Tehran: its new events take this zone."),
        }


class OrganisationEditForm(OrganisationForm):
    """The profile as its admins edit it: with the logo and the contact person (directory.identity)."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_("A PNG, JPEG or WebP image of at most 1 MB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta(OrganisationForm.Meta):
        fields = [*ORGANISATION_PROFILE_FIELDS, "time_zone", *ORGANISATION_CONTACT_FIELDS, "sectors"]
        help_texts = {
            **OrganisationForm.Meta.help_texts,
            "contact_visibility": _("Your own colleagues and the moderators of your networks always see it."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out (an older client, a script), the visibility stays what it was.
        self.fields["contact_visibility"].required = False

    def clean_contact_visibility(self) -> str:
        return self.cleaned_data.get("contact_visibility") or self.instance.contact_visibility


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of your colleague"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = _role_choices(organisation)  # type: ignore[attr-defined]


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = _role_choices(organisation)  # type: ignore[attr-defined]


class OrganisationSearchForm(forms.Form):
    """The directory's search box and filters, read from the query string."""

    SORT_CHOICES = [
        ("relevance", _("Best match")),
        ("name", _("Name")),
        ("-founded", _("Most recently founded")),
        ("country", _("Country")),
        ("-updated", _("Recently updated")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    network = forms.TypedChoiceField(label=_("Network"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: object, networks: Iterable[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [("", _("Any kind")), *Organisation.Kind.choices]  # type: ignore[attr-defined]
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]  # type: ignore[attr-defined]
        self.fields["network"].choices = [  # type: ignore[attr-defined]
            ("", _("Any network")),
            *((network.pk, network.name) for network in networks),
        ]
        self.fields["sector"].choices = [  # type: ignore[attr-defined]
            ("", _("Any sector")),
            *sorted(((code, str(label)) for code, label in SECTOR_LABELS.items()), key=lambda item: item[1]),
        ]

    def search_arguments(self) -> dict[str, Any]:
        """The arguments for `organisations_search`; filters that did not validate are left out."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data  # after validation, holds only the fields that were valid
        return {
            "q": data.get("q") or "",
            "kind": data.get("kind") or "",
            "country": data.get("country") or "",
            "network": data.get("network"),
            "sector": data.get("sector") or "",
            "sort": data.get("sort") or "relevance",
        }


class OrganisationNameForm(forms.Form):
    value = forms.CharField(label=_("Name"), max_length=300)
    language = forms.CharField(
        label=_("Language"),
        max_length=8,
        required=False,
        help_text=_("ISO 639 code, for example en, fa, ru or zh."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of name"),
        choices=[(value, label) for value, label in OrganisationName.Kind.choices if value != "display"],
    )


class ExternalIdentifierForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Registry"), choices=ExternalIdentifier.Scheme.choices)
    value = forms.CharField(label=_("Identifier"), max_length=100)
    preferred = forms.BooleanField(label=_("Preferred identifier in this registry"), required=False)


class OrganisationFigureForm(forms.Form):
    metric = forms.ChoiceField(label=_("Figure"), choices=OrganisationFigure.Metric.choices)
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=18, decimal_places=2)
    as_of = LocalDateField(label=_("As of"))
    source = forms.CharField(label=_("Source"), max_length=300)
    source_url = forms.URLField(
        label=_("Source address"), max_length=500, required=False, assume_scheme="https"
    )


class OrganisationRelationshipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This organisation"),
        choices=[
            (OrganisationRelationship.Kind.PARENT, _("is part of")),
            ("child", _("contains")),
            (OrganisationRelationship.Kind.RELATED, _("is related to")),
            (OrganisationRelationship.Kind.SUCCESSOR, _("was succeeded by")),
            (OrganisationRelationship.Kind.PREDECESSOR, _("succeeded")),
        ],
    )
    other = forms.CharField(
        label=_("Other organisation"),
        max_length=300,
        help_text=_("Its name, its ROR identifier or its number in ParkLink."),
    )

    def __init__(self, *args: object, user: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_other(self) -> Organisation:
        text = self.cleaned_data["other"].strip()
        ror = text.lower().removeprefix("https://ror.org/")
        candidates = organisations_search(self.user)
        if text.isdigit():
            matches = list(candidates.filter(pk=int(text))[:2])
        elif re.fullmatch(r"0[a-z0-9]{8}", ror):
            matches = list(candidates.filter(external_ids__scheme="ror", external_ids__value=ror)[:2])
        else:
            found = organisations_search(self.user, q=text)
            exact = [org for org in found[:50] if getattr(org, "matched_name", None) == text]
            matches = exact or list(found[:2])
        if not matches:
            raise ValidationError(_("No organisation in the directory matches this."), code="no_match")
        if len(matches) > 1:
            raise ValidationError(
                _("Several organisations match; give the full name, its ROR identifier or its number."),
                code="ambiguous",
            )
        return matches[0]

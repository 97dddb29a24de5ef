from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.models import Sector
from core.taxonomies import country_choices
from directory.models import Organisation, Role


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
        fields = ["name", "kind", "country", "city", "website", "description", "sectors"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


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

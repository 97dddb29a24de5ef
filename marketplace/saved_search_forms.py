from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import SavedSearch


class SavedSearchCreateForm(forms.Form):
    """ "Save this search" under the marketplace list: the list's query string rides along hidden."""

    name = forms.CharField(label=_("Name of the search"), max_length=120)
    frequency = forms.ChoiceField(
        label=_("Email me new matches"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.WEEKLY,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)


class SavedSearchUpdateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    frequency = forms.ChoiceField(label=_("Email digest"), choices=SavedSearch.Frequency.choices)

"""Forms of the expression-of-interest pages: they parse input; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from marketplace.eoi_services import CONTRIBUTION_MAX_LENGTH, MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH
from marketplace.models import EoiOutcome, ExpressionOfInterest, ProfilePartnershipType


class EoiSendForm(forms.Form):
    prefix = "eoi"
    sender_organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why this profile interests you, and what you propose."),
    )
    contribution = forms.CharField(
        label=_("What we bring"),
        max_length=CONTRIBUTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sender_organisation"].queryset = organisations  # type: ignore[attr-defined]


class EoiAcceptForm(forms.Form):
    prefix = "accept"
    message = forms.CharField(
        label=_("First message (optional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EoiDeclineForm(forms.Form):
    prefix = "decline"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("Choose a reason")), *ExpressionOfInterest.DeclineReason.choices]
    )
    note = forms.CharField(
        label=_("Note to the sender"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the reason is “Other reason”."),
    )


class EoiMessageForm(forms.Form):
    prefix = "post"
    body = forms.CharField(
        label=_("Message"), max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class EoiOutcomeForm(forms.Form):
    prefix = "outcome"
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EoiOutcome.Outcome.choices)
    agreement_type = forms.ChoiceField(
        label=_("Kind of agreement"),
        choices=[("", _("Only if an agreement was signed")), *ProfilePartnershipType.Type.choices],
        required=False,
    )

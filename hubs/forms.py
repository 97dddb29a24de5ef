"""The hubs' forms: they parse and check input, then hand services keyword arguments."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField, LocalDateInput
from core.models import Sector
from core.taxonomies import country_choices
from core.timezones import TimeZoneField
from directory.models import Organisation
from directory.picker import organisation_purpose
from directory.widgets import OrganisationMultiPicker
from hubs.briefing import REQUEST_KINDS
from hubs.cooperation_areas import cooperation_area_choices
from hubs.models import Agreement, FollowUpAction, Hub, Interaction, Kpi, Need, Programme, ProgrammeAction
from hubs.parks import PARK_KINDS
from hubs.selectors import agreements_visible_to, desk_hubs_of
from marketplace.models import Profile
from marketplace.selectors import profiles_visible_to

DATE = LocalDateInput()


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


@organisation_purpose("hubs")
def _pickable_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisation picker of the needs, interactions and agreements forms: for hub desks and the
    parties of agreements, who alone reach those forms."""
    if not (desk_hubs_of(user).exists() or agreements_visible_to(user).exists()):
        raise PermissionDenied(
            _("Only a hub's desk and the parties to its agreements choose organisations here.")
        )
    return _organisations()


def _parks() -> QuerySet[Organisation]:
    return _organisations().filter(kind__in=PARK_KINDS)


class HubForm(forms.Form):
    host = forms.ModelChoiceField(label=_("Host organisation"), queryset=Organisation.objects.none())
    partner_country = forms.ChoiceField(label=_("Partner country"))
    partner_region = forms.CharField(label=_("Partner region"), max_length=120, required=False)
    mandate = forms.CharField(label=_("Mandate"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    designated_by = forms.CharField(label=_("Designated by"), max_length=300)
    designated_on = LocalDateField(label=_("Designated on"), widget=DATE)
    time_zone = TimeZoneField(
        label=_("Time zone"),
        required=False,
        help_text=_("The desk's clock, e.g. Asia/Tehran; empty for the host's."),
    )
    desk_parks = forms.ModelMultipleChoiceField(
        label=_("Parks taking part in the desk"), queryset=Organisation.objects.none(), required=False
    )
    staff_emails = forms.CharField(
        max_length=5000,
        label=_("Staff (email addresses, one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, hosts: QuerySet[Organisation] | None = None, hub: Hub | None = None, **kwargs: Any
    ) -> None:
        if hub is not None:
            kwargs.setdefault(
                "initial",
                {
                    "partner_country": hub.partner_country,
                    "partner_region": hub.partner_region,
                    "mandate": hub.mandate,
                    "designated_by": hub.designated_by,
                    "designated_on": hub.designated_on,
                    "time_zone": hub.time_zone,
                    "desk_parks": list(hub.desk_parks.all()),
                    "staff_emails": "\n".join(hub.staff.values_list("email", flat=True)),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["partner_country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["desk_parks"].queryset = _parks()  # type: ignore[attr-defined]
        if hub is not None:
            del self.fields["host"]
        else:
            self.fields["host"].queryset = hosts if hosts is not None else Organisation.objects.none()  # type: ignore[attr-defined]

    def clean_staff_emails(self) -> list[Any]:
        emails = [line.strip() for line in self.cleaned_data["staff_emails"].splitlines() if line.strip()]
        users = list(get_user_model().objects.filter(email__in=emails))
        unknown = sorted(set(emails) - {user.email for user in users})
        if unknown:
            raise forms.ValidationError(
                _("No ParkLink account has these addresses: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return users

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        arguments = {
            "partner_country": data["partner_country"],
            "partner_region": data["partner_region"],
            "mandate": data["mandate"],
            "designated_by": data["designated_by"],
            "designated_on": data["designated_on"],
            "time_zone": data["time_zone"],
            "desk_parks": data["desk_parks"],
            "staff": data["staff_emails"],
        }
        if "host" in data:
            arguments["host"] = data["host"]
        return arguments


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=256)
    description = forms.CharField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Need.Source.choices)
    source_detail = forms.CharField(label=_("Source in detail"), max_length=500, required=False)
    identified_on = LocalDateField(label=_("Identified on"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Linked organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationMultiPicker(purpose="hubs"),
    )
    profiles = forms.ModelMultipleChoiceField(
        label=_("Linked marketplace requests"), queryset=Profile.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = _organisations()  # type: ignore[attr-defined]
        self.fields["profiles"].queryset = (  # type: ignore[attr-defined]
            profiles_visible_to(user).filter(kind__in=REQUEST_KINDS).order_by("reference")
        )


class NeedAnnounceForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Announce to"),
        choices=[(Need.Visibility.MEMBERS, _("ParkLink members")), (Need.Visibility.PUBLIC, _("Everyone"))],
    )


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (value, label) for value, label in Need.Status.choices if value not in ("identified", "announced")
        ],
    )


class InteractionForm(forms.Form):
    """The quick entry form: what, when, where, who on each side, what came out."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Interaction.Kind.choices)
    title = forms.CharField(label=_("What"), max_length=256)
    occurred_on = LocalDateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    our_organisations = forms.ModelMultipleChoiceField(
        label=_("Our side: organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationMultiPicker(purpose="hubs"),
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Partner side: organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationMultiPicker(purpose="hubs"),
    )
    our_people = forms.CharField(label=_("Our side: people"), max_length=500, required=False)
    partner_people = forms.CharField(label=_("Partner side: people"), max_length=500, required=False)
    outcome = forms.CharField(
        label=_("What came out"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["our_organisations"].queryset = _organisations()  # type: ignore[attr-defined]
        self.fields["partner_organisations"].queryset = _organisations()  # type: ignore[attr-defined]


class InteractionImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}))
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=OrganisationMultiPicker(purpose="hubs"),
    )
    scope = forms.MultipleChoiceField(
        label=_("Areas of cooperation"),
        choices=cooperation_area_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_on = LocalDateField(label=_("In effect from"), widget=DATE, required=False)
    ends_on = LocalDateField(label=_("In effect until"), widget=DATE, required=False)

    def __init__(self, *args: Any, agreement: Agreement | None = None, **kwargs: Any) -> None:
        if agreement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": agreement.kind,
                    "title": agreement.title,
                    "text": agreement.text,
                    "parties": [party.organisation for party in agreement.parties.all()],
                    "scope": [row.area for row in agreement.scope.all()],
                    "starts_on": agreement.starts_on,
                    "ends_on": agreement.ends_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = _organisations()  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "text": data["text"],
            "parties": list(data["parties"]),
            "scope": data["scope"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
        }


class AgreementApproveForm(forms.Form):
    party = forms.IntegerField(widget=forms.HiddenInput)
    text_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)


class AgreementTerminateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AgreementDocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class FollowUpActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner_email = forms.EmailField(label=_("Owner (email)"))
    due_on = LocalDateField(label=_("Due on"), widget=DATE)

    def clean_owner_email(self) -> Any:
        owner = get_user_model().objects.filter(email=self.cleaned_data["owner_email"]).first()
        if owner is None:
            raise forms.ValidationError(_("No ParkLink account has this address."))
        return owner


class FollowUpActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpAction.Status.choices)


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Programme.Horizon.choices)
    starts_on = LocalDateField(label=_("Starts on"), widget=DATE)
    ends_on = LocalDateField(label=_("Ends on"), widget=DATE)
    objectives = forms.CharField(
        label=_("Objectives"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    responsible_organisations = forms.ModelMultipleChoiceField(
        label=_("Responsible organisations"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisations"].queryset = _organisations()  # type: ignore[attr-defined]


class ProgrammeActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    responsible = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none(), required=False
    )
    due_on = LocalDateField(label=_("Due on"), widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _organisations()  # type: ignore[attr-defined]


class ProgrammeActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProgrammeAction.Status.choices)


class KpiForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    metric = forms.ChoiceField(label=_("Counted from"), choices=Kpi.Metric.choices)
    target = forms.IntegerField(label=_("Target"), min_value=1)


class BriefingReportForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    as_of = LocalDateField(label=_("Data as of"), widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("The hub's partner country")), *country_choices()]  # type: ignore[attr-defined]

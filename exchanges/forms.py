"""Forms of the exchanges pages: they parse input only; the services decide what is allowed."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import LocalDateField, LocalDateInput
from core.models import Sector
from core.taxonomies import country_choices
from directory.models import Organisation
from directory.picker import organisation_purpose
from directory.widgets import OrganisationPicker
from exchanges.call_rules import CallRules
from exchanges.models import (
    Application,
    Call,
    CallField,
    CareerStage,
    Criterion,
    LanguageLevel,
    ParticipantType,
    Placement,
    Programme,
)
from exchanges.selectors import host_organisations_for
from hubs.models import Agreement

DATE = LocalDateInput()


# The applicant's host: any organisation they may see but a network (exchanges.selectors says which).
organisation_purpose("exchanges.host")(host_organisations_for)


def _blank(label: str = "—") -> list[tuple[str, str]]:
    return [("", label)]


class ProgrammeForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Organisation.objects.none())
    agreement = forms.ModelChoiceField(
        label=_("Under the agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("Optional: the signed MoU or cooperation agreement this programme carries out."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    mobilities_per_year = forms.IntegerField(label=_("Mobilities per year"), min_value=1, max_value=10000)
    duration_unit = forms.ChoiceField(label=_("Stays counted in"), choices=Programme.DurationUnit.choices)
    min_duration = forms.IntegerField(label=_("Shortest stay"), min_value=1, max_value=3650)
    max_duration = forms.IntegerField(label=_("Longest stay"), min_value=1, max_value=3650)
    participant_types = forms.MultipleChoiceField(
        label=_("Who may go"), choices=ParticipantType.choices, widget=forms.CheckboxSelectMultiple
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Programme.Direction.choices)
    sending_countries = forms.MultipleChoiceField(
        label=_("Sending countries"), required=False, help_text=_("None chosen: any country.")
    )
    host_countries = forms.MultipleChoiceField(
        label=_("Host countries"), required=False, help_text=_("None chosen: any country.")
    )
    subject_areas = forms.ModelMultipleChoiceField(
        label=_("Subject areas"), queryset=Sector.objects.all(), required=False
    )
    language = forms.ChoiceField(label=_("Working language"), required=False)
    language_level = forms.ChoiceField(
        label=_("Language level required"), required=False, choices=_blank() + list(LanguageLevel.choices)
    )

    def __init__(
        self,
        *args: Any,
        networks: QuerySet[Organisation],
        agreements: QuerySet[Agreement] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        network_field = self.fields["network"]
        assert isinstance(network_field, forms.ModelChoiceField)
        network_field.queryset = networks
        agreement_field = self.fields["agreement"]
        assert isinstance(agreement_field, forms.ModelChoiceField)
        agreement_field.queryset = agreements if agreements is not None else Agreement.objects.none()
        countries = country_choices()
        for name in ("sending_countries", "host_countries"):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = countries
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = _blank() + [(code, str(name)) for code, name in settings.LANGUAGES]

    @staticmethod
    def initial_from(programme: Programme) -> dict[str, Any]:
        return {
            "network": programme.network_id,
            "agreement": programme.agreement_id,
            **{
                name: getattr(programme, name)
                for name in (
                    "title",
                    "description",
                    "mobilities_per_year",
                    "duration_unit",
                    "min_duration",
                    "max_duration",
                    "participant_types",
                    "direction",
                    "sending_countries",
                    "host_countries",
                    "language",
                    "language_level",
                )
            },
            "subject_areas": list(programme.subject_areas.all()),
        }


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=6000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    opens_on = LocalDateField(label=_("Opens on"), widget=DATE)
    closes_on = LocalDateField(label=_("Closes on"), widget=DATE)
    mobility_year = forms.IntegerField(label=_("Year of the mobilities"), min_value=2000, max_value=2100)
    eligible_countries = forms.MultipleChoiceField(
        label=_("Eligible countries"), required=False, help_text=_("None chosen: any country.")
    )
    eligible_organisation_kinds = forms.MultipleChoiceField(
        label=_("Eligible kinds of organisation"),
        required=False,
        choices=Organisation.Kind.choices,
        help_text=_("None chosen: any kind."),
    )
    eligible_career_stages = forms.MultipleChoiceField(
        label=_("Eligible career stages"),
        required=False,
        choices=CareerStage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any stage."),
    )
    blind_review = forms.BooleanField(
        label=_("Blind review: reviewers never learn who applied"), required=False
    )
    same_country_conflict = forms.BooleanField(
        label=_("Reviewers from the applicant's country are in conflict"), required=False
    )
    reviews_per_application = forms.IntegerField(
        label=_("Reviews wanted per application"), min_value=1, max_value=10, initial=2
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["eligible_countries"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = country_choices()
        if not self.is_bound and "mobility_year" not in self.initial:
            self.initial["mobility_year"] = timezone.localdate().year

    @staticmethod
    def initial_from(call: Call) -> dict[str, Any]:
        return {name: getattr(call, name) for name in CallForm.base_fields}


class CallFieldForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=CallField.Kind.choices)
    choices = forms.CharField(
        max_length=5000,
        label=_("Options (one a line, for a choice)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    help_text = forms.CharField(label=_("Help text"), max_length=400, required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)


class ApplicationForm(forms.Form):
    home_organisation = forms.ModelChoiceField(label=_("I apply from"), queryset=Organisation.objects.none())
    host_organisation = forms.ModelChoiceField(
        label=pgettext_lazy("exchange host", "Host organisation"),
        queryset=Organisation.objects.none(),
        widget=OrganisationPicker(purpose="exchanges.host"),
    )
    requested_placement = forms.ModelChoiceField(
        label=_("Placement applied for"), queryset=Placement.objects.none(), required=False
    )
    participant_type = forms.ChoiceField(label=_("I go as"), choices=ParticipantType.choices)
    career_stage = forms.ChoiceField(label=_("Career stage"), choices=CareerStage.choices)
    language_level = forms.ChoiceField(
        label=_("My level in the working language"),
        required=False,
        choices=_blank() + list(LanguageLevel.choices),
    )
    duration = forms.IntegerField(label=_("Length of stay"), min_value=1, max_value=3650)
    preferred_start = LocalDateField(label=_("Preferred start"), required=False, widget=DATE)
    subject_area = forms.ModelChoiceField(
        label=_("Subject area"), queryset=Sector.objects.all(), required=False
    )
    summary = forms.CharField(
        label=_("Project summary"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(
        self,
        *args: Any,
        home_organisations: QuerySet[Organisation],
        host_organisations: QuerySet[Organisation],
        placements: QuerySet[Placement],
        duration_unit_label: str = "",
        rules: CallRules | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if rules is not None:
            # Offer only what the programme and the call allow; the service checks the same rules.
            if rules.home_countries:
                home_organisations = home_organisations.filter(country__in=rules.home_countries)
            if rules.host_countries:
                host_organisations = host_organisations.filter(country__in=rules.host_countries)
                host_picker = self.fields["host_organisation"].widget
                assert isinstance(host_picker, OrganisationPicker)
                host_picker.countries = list(rules.host_countries)
        for name, queryset in (
            ("home_organisation", home_organisations),
            ("host_organisation", host_organisations),
            ("requested_placement", placements),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        if duration_unit_label:
            self.fields["duration"].help_text = duration_unit_label
        if rules is not None:
            self._apply_rules(rules)

    def _apply_rules(self, rules: CallRules) -> None:
        participant_type = self.fields["participant_type"]
        assert isinstance(participant_type, forms.ChoiceField)
        participant_type.choices = [
            (value, label) for value, label in ParticipantType.choices if value in rules.participant_types
        ]
        if rules.career_stages:
            career_stage = self.fields["career_stage"]
            assert isinstance(career_stage, forms.ChoiceField)
            career_stage.choices = [
                (value, label) for value, label in CareerStage.choices if value in rules.career_stages
            ]
        duration = self.fields["duration"]
        assert isinstance(duration, forms.IntegerField)
        duration.min_value, duration.max_value = rules.min_duration, rules.max_duration
        duration.validators = [
            MinValueValidator(rules.min_duration),
            MaxValueValidator(rules.max_duration),
        ]
        duration.widget.attrs.update(min=rules.min_duration, max=rules.max_duration)
        duration.help_text = _("From %(low)s to %(high)s %(unit)s.") % {
            "low": rules.min_duration,
            "high": rules.max_duration,
            "unit": rules.duration_unit,
        }

    @staticmethod
    def initial_from(application: Application) -> dict[str, Any]:
        return {name: getattr(application, name) for name in ApplicationForm.base_fields}


class AnswersForm(forms.Form):
    """The call's own questions (text, choice and file; reference letters are asked separately)."""

    def __init__(
        self, *args: Any, call_fields: list[CallField], answers: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for call_field in call_fields:
            answer = answers.get(call_field.pk)
            key = f"field_{call_field.pk}"
            label = call_field.label
            if call_field.kind == CallField.Kind.TEXT:
                self.fields[key] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=8000,
                    help_text=call_field.help_text,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    initial=answer.text if answer else "",
                )
            elif call_field.kind == CallField.Kind.CHOICE:
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    required=False,
                    help_text=call_field.help_text,
                    choices=_blank() + [(choice, choice) for choice in call_field.choices],
                    initial=answer.text if answer else "",
                )
            elif call_field.kind == CallField.Kind.FILE:
                self.fields[key] = forms.FileField(
                    label=label,
                    required=False,
                    help_text=(
                        _("Kept: %(name)s. Upload again to replace it.") % {"name": answer.original_name}
                        if answer and answer.file
                        else call_field.help_text or _("A PDF or an image.")
                    ),
                )

    def answers(self) -> dict[int, Any]:
        """`{field id: value}` answered in this post (an empty file input keeps the file)."""
        found: dict[int, Any] = {}
        for key, value in self.cleaned_data.items():
            field_id = int(key.removeprefix("field_"))
            if isinstance(self.fields[key], forms.FileField) and not value:
                continue
            found[field_id] = value
        return found


class RefereeForm(forms.Form):
    referee_name = forms.CharField(label=_("Referee's name"), max_length=200)
    referee_email = forms.EmailField(label=_("Referee's email"))


class RefereeLetterForm(forms.Form):
    letter = forms.FileField(label=_("Your letter (PDF)"))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EligibilityForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Outcome of the check"),
        choices=[("yes", _("Eligible: send to review")), ("no", _("Not eligible: reject"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(
        label=_("Reason (required when not eligible)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignReviewerForm(forms.Form):
    reviewer = forms.EmailField(label=_("Reviewer's email"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Status.ACCEPTED, _("Accept")),
            (Application.Status.WAITLISTED, _("Waitlist")),
            (Application.Status.REJECTED, _("Reject")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (the applicant reads it)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OfferForm(forms.Form):
    expires_on = LocalDateField(label=_("The offer stays open until"), widget=DATE)
    note = forms.CharField(
        label=_("Message to the candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfferAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlaceForm(forms.Form):
    lab = forms.CharField(label=_("Laboratory or unit"), max_length=200)
    project = forms.CharField(label=_("Project"), max_length=300, required=False)
    supervisor = forms.CharField(label=_("Supervisor"), max_length=200)
    starts_on = LocalDateField(label=_("From"), widget=DATE)
    ends_on = LocalDateField(label=_("Until"), widget=DATE)


class FinalReportForm(forms.Form):
    report = forms.CharField(
        label=_("Final report"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )


class HostEvaluationForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Host's evaluation"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=6000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scored = {
            f"criterion_{criterion.pk}": forms.IntegerField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=Criterion.MAX_SCORE,
                help_text=criterion.description,
            )
            for criterion in criteria
        }
        self.fields = {**scored, **self.fields}

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("What is the conflict?"), max_length=300)


class OrganisationConflictForm(ConflictForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class PlacementForm(forms.Form):
    host = forms.ModelChoiceField(
        label=pgettext_lazy("exchange host", "Host organisation"), queryset=Organisation.objects.none()
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    lab = forms.CharField(label=_("Laboratory or unit"), max_length=200)
    project = forms.CharField(label=_("Project"), max_length=300, required=False)
    supervisor = forms.CharField(label=_("Supervisor"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_on = LocalDateField(label=_("From"), widget=DATE)
    ends_on = LocalDateField(label=_("Until"), widget=DATE)

    def __init__(
        self, *args: Any, hosts: QuerySet[Organisation], programmes: QuerySet[Programme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("host", hosts), ("programme", programmes)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


class DocumentUploadForm(forms.Form):
    document = forms.FileField(label=_("Document (PDF)"))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=2000)


class ReviewerProfileForm(forms.Form):
    expertise = forms.CharField(
        label=_("My expertise"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Your fields, methods and languages, in any language: managers are proposed reviewers by it."
        ),
    )
    available = forms.BooleanField(label=_("Available to review"), required=False, initial=True)

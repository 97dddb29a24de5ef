"""Forms of the event pages: they parse input; the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.taxonomies import country_choices
from directory.models import Organisation
from events.models import Event, MeetingOutcome, RegistrationQuestion, Room
from events.services.events import EVENT_FIELDS
from marketplace.models import Profile


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


# The form edits exactly what the service accepts.
EVENT_FORM_FIELDS = list(EVENT_FIELDS)


class EventForm(forms.ModelForm):
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organising organisations"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = Event
        fields = EVENT_FORM_FIELDS
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "meetings_start_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, organisers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = organisers  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organisers"].initial = list(self.instance.organisers.values_list("pk", flat=True))

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own full_clean is not the rule here.
        pass


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    speakers = forms.CharField(label=_("Speakers"), max_length=500, required=False)
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    description = forms.CharField(
        max_length=10000, label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = event.rooms.all()  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Answer"), choices=RegistrationQuestion.Kind.choices)
    choices = forms.CharField(
        max_length=5000,
        label=_("Choices (one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    required = forms.BooleanField(label=_("Required"), required=False)


class RegistrationForm(forms.Form):
    """Registration, with one field per custom question (named `question_<id>`)."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, event: Event, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.questions = list(event.questions.all())
        for question in self.questions:
            name = f"question_{question.pk}"
            if question.kind == RegistrationQuestion.Kind.CHOICE:
                choices = [("", "---------")] + [(choice, choice) for choice in question.choice_list]
                self.fields[name] = forms.ChoiceField(label=question.label, choices=choices, required=False)
            else:
                self.fields[name] = forms.CharField(
                    max_length=5000,
                    label=question.label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            # The service checks required answers, so its message appears beside the field.
            self.fields[name].widget.attrs["aria-required"] = "true" if question.required else "false"

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"question_{q.pk}", "") for q in self.questions}


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ParticipantForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=200, required=False)
    offer = forms.CharField(
        max_length=5000, label=_("What we offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    seek = forms.CharField(
        max_length=5000, label=_("What we seek"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    video_url = forms.URLField(
        max_length=500, label=_("Video call link"), required=False, assume_scheme="https"
    )
    profiles = forms.ModelMultipleChoiceField(
        label=_("Marketplace profiles"), queryset=Profile.objects.none(), required=False
    )

    def __init__(self, *args: Any, profiles: QuerySet[Profile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profiles"].queryset = profiles  # type: ignore[attr-defined]


class AvailabilityForm(forms.Form):
    unavailable_slots = forms.TypedMultipleChoiceField(
        label=_("Slots in which I cannot meet"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unavailable_slots"].choices = [  # type: ignore[attr-defined]
            (slot, f"{event.slot_starts_at(slot):%H:%M}-{event.slot_ends_at(slot):%H:%M}")
            for slot in range(event.slot_count)
        ]


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(max_length=200, label=_("Search"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]  # type: ignore[attr-defined]


class MeetingRequestForm(forms.Form):
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class MeetingMoveForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Slot"), coerce=int)
    table = forms.IntegerField(label=_("Table"), min_value=1)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [  # type: ignore[attr-defined]
            (slot, f"{event.slot_starts_at(slot):%H:%M}") for slot in range(event.slot_count)
        ]
        self.fields["table"].max_value = event.table_count  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What came of it"), choices=MeetingOutcome.Outcome.choices)
    comment = forms.CharField(
        max_length=5000, label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(max_length=200, label=_("Name, email or organisation"), required=False)


class CertificateUploadForm(forms.Form):
    file = forms.FileField(label=_("Certificate PDF"))

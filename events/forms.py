"""Forms of the event pages: they parse input; the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import timezones
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
EVENT_TIME_FIELDS = ("starts_at", "ends_at", "meetings_start_at")


def at_venue(form: forms.BaseForm, names: tuple[str, ...], zone: str) -> None:
    """The typed wall-clock times read in the venue's `zone` (Django read them in the viewer's)."""
    for name in names:
        value = form.cleaned_data.get(name)
        if value is not None:
            form.cleaned_data[name] = timezones.from_venue_naive(value, zone)


class EventForm(forms.ModelForm):
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organising organisations"), queryset=Organisation.objects.none()
    )
    time_zone = timezones.TimeZoneField(
        label=_("Time zone of the venue"),
        required=False,
        help_text=_(
            "Type a city such as Asia/Tehran. Every time on this form is the venue's clock in this zone; "
            "participants also see their own time. Left empty, it is the organising organisation's zone."
        ),
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
            zone = self.instance.time_zone
            # Shown as the venue's clock, not converted to the viewer's zone.
            for name in EVENT_TIME_FIELDS:
                self.initial[name] = timezones.to_venue_naive(getattr(self.instance, name), zone)
        else:
            # An event created by an organisation defaults to its zone.
            zone = next((o.time_zone for o in organisers if o.time_zone), "") or "UTC"
            self.initial.setdefault("time_zone", zone)
        for name in EVENT_TIME_FIELDS:
            self.fields[name].help_text = _("The venue's clock, in the time zone of the venue below.")

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        zone = self.cleaned_data.get("time_zone") or ""
        if not zone and self.instance.pk:
            zone = self.instance.time_zone
        if not zone:  # as the service decides it: the first organiser's zone, else UTC
            organisers = self.cleaned_data.get("organisers") or []
            zone = next((o.time_zone for o in organisers if o.time_zone), "") or "UTC"
        self.cleaned_data["time_zone"] = zone
        at_venue(self, EVENT_TIME_FIELDS, zone)
        return cleaned

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
        self.event = event
        self.fields["room"].queryset = event.rooms.all()  # type: ignore[attr-defined]
        help_text = _("The venue's clock: %(zone)s.") % {
            "zone": timezones.zone_label(event.time_zone, event.starts_at)
        }
        self.fields["starts_at"].help_text = self.fields["ends_at"].help_text = help_text

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        at_venue(self, ("starts_at", "ends_at"), self.event.time_zone)
        return cleaned


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


def slot_label(event: Event, slot: int) -> str:
    """08:00 - 08:30 at the venue, and the viewer's own time when their clock differs (the zone is
    named in the field's label)."""
    return str(
        timezones.venue_time(
            event.slot_starts_at(slot), event.time_zone, event.slot_ends_at(slot), name_zone=False
        )
    )


class AvailabilityForm(forms.Form):
    unavailable_slots = forms.TypedMultipleChoiceField(
        label=_("Slots in which I cannot meet"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unavailable_slots"].label = _("Slots in which I cannot meet (%(zone)s)") % {
            "zone": timezones.zone_label(event.time_zone, event.slot_starts_at(0))
        }
        self.fields["unavailable_slots"].choices = [  # type: ignore[attr-defined]
            (slot, slot_label(event, slot)) for slot in range(event.slot_count)
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
        self.fields["slot"].label = _("Slot (%(zone)s)") % {
            "zone": timezones.zone_label(event.time_zone, event.slot_starts_at(0))
        }
        self.fields["slot"].choices = [  # type: ignore[attr-defined]
            (slot, slot_label(event, slot)) for slot in range(event.slot_count)
        ]
        self.fields["table"].max_value = event.table_count  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    # No answer is chosen in advance: the participant says what came of the meeting.
    outcome = forms.ChoiceField(
        label=_("What came of it"),
        choices=[("", _("Choose what came of it")), *MeetingOutcome.Outcome.choices],
        error_messages={"required": _("Choose what came of the meeting.")},
    )
    comment = forms.CharField(
        max_length=5000, label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(max_length=200, label=_("Name, email or organisation"), required=False)


class CertificateUploadForm(forms.Form):
    file = forms.FileField(label=_("Certificate PDF"))

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.forms import LocalDateInput, local_date_formfield
from core.models import Keyword, Sector
from core.taxonomies import SDG_LABELS, country_choices
from directory.models import Organisation
from directory.picker import organisation_purpose
from directory.widgets import OrganisationMultiPicker
from marketplace.models import Profile, ProfilePartnershipType
from marketplace.selectors import DEFAULT_SORT

FORM_FIELDS = [
    "kind",
    "title",
    "summary",
    "description",
    "innovation",
    "technical_specification",
    "stage",
    "trl",
    "ipr_status",
    "patent_numbers",
    "partner_type",
    "partner_size",
    "partner_role",
    "deadline",
    "language",
    "visibility",
    "visible_to",
    "anonymous",
    "owner_place",
    "open_for_eoi",
    "sectors",
    "keywords",
]


@organisation_purpose("marketplace.visible_to")
def shareable_organisations(user: Any = None) -> QuerySet[Organisation]:
    """The organisations a profile may be shared with: every active one, for anyone signed in."""
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


def _sdg_choices() -> list[tuple[int, str]]:
    return [(number, f"{number}. {label}") for number, label in SDG_LABELS.items()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProfileForm(forms.ModelForm):
    """A profile's fields; the owner (on creation) and the attachments travel beside the model's."""

    owner = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    partnership_types = forms.MultipleChoiceField(
        label=_("Kinds of partnership sought"),
        choices=ProfilePartnershipType.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One to three."),
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        choices=_sdg_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF documents or PNG, JPEG or WebP images. Metadata such as the author's name and the camera's "
            "location is removed on upload."
        ),
    )

    class Meta:
        model = Profile
        fields = FORM_FIELDS
        formfield_callback = local_date_formfield  # the deadline reads the reader's calendar
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "innovation": forms.Textarea(attrs={"rows": 4}),
            "technical_specification": forms.Textarea(attrs={"rows": 4}),
            "partner_role": forms.Textarea(attrs={"rows": 3}),
            "deadline": LocalDateInput(),
            "owner_place": forms.RadioSelect,
            "sectors": forms.CheckboxSelectMultiple,
            "keywords": forms.SelectMultiple(attrs={"size": 6}),
            "visible_to": OrganisationMultiPicker(purpose="marketplace.visible_to"),
        }
        help_texts = {
            "language": _("ISO 639 code; detected from the text when left empty."),
            "sectors": _("One to five."),
            "keywords": _("Up to five."),
            "visible_to": _("Only when the profile is shared with selected organisations."),
            "deadline": _("The last day partners may answer; not in the past."),
        }

    def __init__(
        self, *args: Any, owners: Any = None, attachment_limit: StrOrPromise = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["keywords"].queryset = Keyword.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["visible_to"].queryset = shareable_organisations()  # type: ignore[attr-defined]
        self.fields["sectors"].required = False  # the service says "one to five" beside the field
        self.fields["owner_place"].required = False  # a post without it keeps the country
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()
        if attachment_limit:
            self.fields["attachments"].help_text = _(
                "PDF documents or PNG, JPEG or WebP images, each at most %(limit)s. Metadata such as the "
                "author's name and the camera's location is removed on upload."
            ) % {"limit": attachment_limit}
        if owners is None:
            del self.fields["owner"]
            del self.fields["kind"]
        else:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
            if owners.count() == 1:
                self.fields["owner"].initial = owners.first()
        if self.instance.pk:
            self.initial.setdefault(
                "partnership_types", list(self.instance.partnership_types.values_list("type", flat=True))
            )
            self.initial.setdefault(
                "target_countries", list(self.instance.target_countries.values_list("country", flat=True))
            )
            self.initial.setdefault("sdgs", list(self.instance.sdgs.values_list("goal", flat=True)))

    def clean_deadline(self) -> Any:
        # The service says the same for the API; a deadline that has passed since it was set may stay.
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline != self.instance.deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."), code="deadline_past")
        return deadline

    def _post_clean(self) -> None:
        # The service validates the profile as a whole (and reports beside each field); the model's own
        # clean here would only repeat it against a half-built instance.
        pass

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("sectors", "keywords", "visible_to"):
            data[key] = list(data.get(key) or [])
        data["owner_place"] = data.get("owner_place") or (
            self.instance.owner_place if self.instance.pk else Profile.OwnerPlace.COUNTRY
        )
        return data


class ModerationForm(forms.Form):
    comments = forms.CharField(
        max_length=4000, label=_("Comments for the authors"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        max_length=4000, label=_("Reason for rejecting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    attachments = forms.FileField(
        label=_("Attach a file"),
        help_text=_("Metadata such as the author's name and the camera's location is removed on upload."),
    )


# The search box and the language are drawn apart from the kept filter widgets (profile_list.html).
SEARCH_FIELDS_DRAWN_APART = ("q", "language")


class ProfileSearchForm(forms.Form):
    """The marketplace's search box and filters, read from the query string."""

    SORT_CHOICES = [
        ("-published", _("Newest first")),
        ("published", _("Oldest first")),
        ("title", _("Title")),
        ("-updated", _("Recently changed")),
        ("expires", _("Expiring soonest")),
    ]

    q = forms.CharField(label=_("Keywords"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    keyword = forms.ChoiceField(label=_("Keyword"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    partnership_type = forms.ChoiceField(label=_("Partnership"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    trl_min = forms.TypedChoiceField(label=_("Minimum TRL"), required=False, coerce=int, empty_value=None)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None)
    language = forms.CharField(label=_("Language"), required=False, max_length=8)
    open_for_eoi = forms.NullBooleanField(
        label=_("Open for expressions of interest"),
        required=False,
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything: list[tuple[Any, StrOrPromise]] = [("", _("Any"))]
        choices: dict[str, list[tuple[Any, Any]]] = {
            "kind": Profile.Kind.choices,
            "sector": [(sector.code, str(sector)) for sector in Sector.objects.order_by("code")],
            "keyword": [(keyword.code, str(keyword)) for keyword in Keyword.objects.order_by("code")],
            "country": country_choices(),
            "partnership_type": ProfilePartnershipType.Type.choices,
            "stage": Profile.Stage.choices,
            "trl_min": [(level, str(level)) for level in range(1, 10)],
            "sdg": _sdg_choices(),
            "status": Profile.Status.choices,
        }
        for name, options in choices.items():
            self.fields[name].choices = [*anything, *options]  # type: ignore[attr-defined]

    def search_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind") or None,
            "status": data.get("status") or None,
            "sector": data.get("sector") or None,
            "keyword": data.get("keyword") or None,
            "country": data.get("country") or None,
            "partnership_type": data.get("partnership_type") or None,
            "stage": data.get("stage") or None,
            "trl_min": data.get("trl_min"),
            "sdg": data.get("sdg"),
            "language": (data.get("language") or "").strip() or None,
            "open_for_eoi": data.get("open_for_eoi"),
            "sort": data.get("sort") or DEFAULT_SORT,
        }

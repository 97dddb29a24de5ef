from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, User
from core.timezones import ZONE_MAX_LENGTH, TimeZoneField, is_time_zone


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)


class TimeZoneForm(forms.Form):
    time_zone = TimeZoneField(
        label=_("Your time zone"),
        required=False,
        help_text=_(
            "Type a city such as Asia/Tehran or Asia/Seoul. Events show their times at the venue and, "
            "when your clock differs, in this zone. Leave empty for UTC."
        ),
    )


class SignupTimeZoneForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the zone the browser reports,
    filled in by parklink.js. A missing or unknown zone is not an error at sign-up: the person is
    shown UTC and may choose a zone on their account's page."""

    time_zone = forms.CharField(
        max_length=ZONE_MAX_LENGTH,
        required=False,
        widget=forms.HiddenInput(attrs={"data-time-zone-guess": "true"}),
    )

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data.get("time_zone", "")
        return zone if is_time_zone(zone) else ""

    def signup(self, request: object, user: User) -> None:
        zone = self.cleaned_data.get("time_zone", "")
        if zone and zone != user.time_zone:
            user.time_zone = zone
            user.save(update_fields=["time_zone"])


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Choose one of the interface languages offered.")},
    )


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “CRM sync”."),
        error_messages={"required": _("Give the token a name, so you recognise it later.")},
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text=_("A read-only token cannot change anything, whatever it is used for."),
    )


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField
from directory.models import Organisation
from networks.models import PAYMENT_FIELDS, MembershipCategory, NetworkSettings

MAX_CERTIFICATE_UPLOAD_BYTES = 10 * 1024 * 1024


class ApplicationForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Organisation applying"), queryset=Organisation.objects.none(), empty_label=None
    )
    category = forms.ModelChoiceField(label=_("Desired category"), queryset=MembershipCategory.objects.none())
    message = forms.CharField(
        max_length=5000,
        label=_("Message to the secretariat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: object, members: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        # A network that offers no category yet takes applications without one (the service agrees).
        self.fields["category"].required = categories.exists()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(
        max_length=5000, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=4000, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=MembershipCategory.objects.none())
    note = forms.CharField(max_length=5000, label=_("Note"), required=False)

    def __init__(self, *args: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    """Both are required: the reference ties the payment to the bank's record, and the date starts the term
    (the service checks them again, for the API too)."""

    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=120,
        help_text=_("The bank transfer's reference or the receipt number."),
    )
    paid_on = LocalDateField(label=_("Paid on"), help_text=_("The day the money arrived; not in the future."))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["paid_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["paid_on"].initial = timezone.localdate

    def clean_paid_on(self) -> object:
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("A payment cannot be received in the future."), code="future")
        return paid_on


class CertificateUploadForm(forms.Form):
    file = forms.FileField(label=_("Certificate PDF"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CERTIFICATE_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB; a ParkLink certificate is much smaller.")
            )
        return upload


class CategoryForm(forms.Form):
    """A membership category as the secretariat types it; the service checks the currency and terms."""

    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        max_length=5000, label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    annual_fee = forms.DecimalField(label=_("Annual fee"), min_value=0, max_digits=12, decimal_places=2)
    currency = forms.CharField(
        max_length=12,
        label=_("Currency"),
        help_text=_("ISO 4217 code, e.g. EUR."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, initial=12)


class NetworkSettingsForm(forms.Form):
    certificate_languages = forms.MultipleChoiceField(
        label=_("Certificate languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The certificate is printed in these languages."),
    )
    ratification_required = forms.BooleanField(
        label=_("Approvals wait for ratification (e.g. by the general assembly)"), required=False
    )
    grace_days = forms.IntegerField(label=_("Grace period (days)"), min_value=0)
    reminder_days_before_expiry = forms.IntegerField(
        label=_("Renewal reminder (days before expiry)"), min_value=0
    )
    invoice_prefix = forms.CharField(
        label=_("Invoice prefix"),
        max_length=12,
        required=False,
        help_text=_("For example IASP; invoices read IASP-2026-0001. Empty: taken from the network's name."),
    )
    certificate_title = forms.CharField(label=_("Certificate title"), max_length=200, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=200, required=False)
    account_holder = forms.CharField(label=_("Account holder"), max_length=200, required=False)
    account_number = forms.CharField(label=_("IBAN or account number"), max_length=50, required=False)
    swift_bic = forms.CharField(label=_("SWIFT/BIC"), max_length=11, required=False)
    payment_instructions = forms.CharField(
        label=_("Payment instructions"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Printed on every invoice, e.g. what members should quote as the payment reference."),
    )

    @classmethod
    def for_settings(cls, network_settings: NetworkSettings, data: object = None) -> "NetworkSettingsForm":
        return cls(
            data,  # type: ignore[arg-type]
            initial={
                "certificate_languages": network_settings.certificate_languages,
                "ratification_required": network_settings.ratification_required,
                "grace_days": network_settings.grace_days,
                "reminder_days_before_expiry": network_settings.reminder_days_before_expiry,
                "invoice_prefix": network_settings.invoice_prefix,
                "certificate_title": network_settings.certificate_title,
                **{field: getattr(network_settings, field) for field in PAYMENT_FIELDS},
            },
        )

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from networks.models import MembershipCategory

MAX_CERTIFICATE_UPLOAD_BYTES = 10 * 1024 * 1024


class ApplicationForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Organisation applying"), queryset=Organisation.objects.none(), empty_label=None
    )
    category = forms.ModelChoiceField(
        label=_("Desired category"), queryset=MembershipCategory.objects.none(), required=False
    )
    message = forms.CharField(
        label=_("Message to the secretariat"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: object, members: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=MembershipCategory.objects.none())
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: object, categories: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    reference = forms.CharField(label=_("Payment reference"), max_length=120, required=False)
    paid_on = forms.DateField(
        label=_("Paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CertificateUploadForm(forms.Form):
    file = forms.FileField(label=_("Certificate PDF"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CERTIFICATE_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB; a ParkLink certificate is much smaller.")
            )
        return upload

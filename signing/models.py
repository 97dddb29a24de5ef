from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number handed out in one numbering scope, e.g. "networks.certificate:2026".

    `signing.numbering.next_number` locks the row (select_for_update), so concurrent issues never share a
    number. A scope names the app, the kind and whatever restarts the count (a year, a network).
    """

    scope = models.CharField(_("scope"), max_length=80, unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["scope"]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"


class IssuedFile(models.Model):
    """The PDF of a signed document exactly as ParkLink issued it, kept with what binds it to the record.

    Written once, the first time the document's PDF is made (`signing.issuing.issued_pdf`); every later
    download serves these bytes, so the file anyone holds is byte for byte the one whose SHA-256 is
    here. `statement` ({number, pdf_sha256}) is signed like a payload, so the hash cannot be swapped in
    the database without the key. The verification code printed on the document is kept only as its
    SHA-256 (60 random bits: a hash is enough, no salt needed).
    """

    number = models.CharField(_("number"), max_length=40, unique=True)
    kind = models.CharField(_("kind of document"), max_length=80)
    pdf = models.BinaryField(_("PDF as issued"))
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    code_sha256 = models.CharField(_("SHA-256 of the verification code"), max_length=64)
    statement = models.JSONField(_("signed statement"))
    signature = models.CharField(_("signature of the statement (base64)"), max_length=200)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("issued file")
        verbose_name_plural = _("issued files")

    def __str__(self) -> str:
        return self.number

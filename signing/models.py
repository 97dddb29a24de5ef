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

"""Organisations, the people in them, and the networks they belong to.

This is the foundation of the member registry: names in many languages, figures, ROR import and
membership applications extend these models later, so they hold only what access control needs now.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Sector, TimeStampedModel
from core.taxonomies import is_country_code
from core.timezones import ZONE_MAX_LENGTH, validate_time_zone

INVITATION_SIGNING_SALT = "directory.invitation"


def validate_country_code(value: str) -> None:
    if not is_country_code(value):
        raise ValidationError(
            _("%(value)s is not an ISO 3166 country code."), code="invalid_country", params={"value": value}
        )


# The fields of an organisation's own profile, in form order; services, forms and the merge share them.
ORGANISATION_PROFILE_FIELDS = (
    "name",
    "name_language",
    "kind",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "founded_year",
    "founded_on",
    "website",
    "email",
    "phone",
    "description",
    "description_language",
)

# The organisation's contact person, in form order (directory.identity checks them and decides who sees them).
ORGANISATION_CONTACT_FIELDS = (
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_visibility",
)


class ContactVisibility(models.TextChoices):
    """Who sees an organisation's contact person, in the words the hubs and marketplace already use."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("ParkLink members")
    NETWORK_MEMBERS = "network_members", _("Members of our networks only")


class Organisation(TimeStampedModel):
    """A network, park, centre, university, company or any other body that takes part in ParkLink."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network or association")
        SCIENCE_PARK = "science_park", _("Science and technology park")
        TECHNOLOGY_CENTRE = "technology_centre", _("Technology centre")
        TECHNOLOGY_TRANSFER_CENTRE = "technology_transfer_centre", _("Technology-transfer centre")
        INNOVATION_ZONE = "innovation_zone", _("Innovation or special economic zone")
        INCUBATOR = "incubator", _("Incubator")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        COMPANY = "company", _("Company")
        INVESTOR = "investor", _("Investor")
        GOVERNMENT_BODY = "government_body", _("Government body")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        # Folded into another record by the duplicate merge; kept so old links and history still resolve.
        MERGED = "merged", _("Merged into another record")

    name = models.CharField(_("name"), max_length=300)
    name_language = models.CharField(_("language of the name"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country_code], help_text=_("ISO 3166 alpha-2 code.")
    )
    region = models.CharField(_("region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    # The zone its events default to (core.timezones); empty when nobody gave it.
    time_zone = models.CharField(
        _("time zone"), max_length=ZONE_MAX_LENGTH, blank=True, validators=[validate_time_zone]
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    founded_on = models.DateField(_("founded (date)"), null=True, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    # Stored only through directory.identity (core.uploads: an image, checked and without its metadata).
    logo = models.FileField(_("logo"), upload_to="directory/logos/%Y/", max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("role of the contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email of the contact person"), blank=True)
    contact_phone = models.CharField(_("phone of the contact person"), max_length=50, blank=True)
    contact_visibility = models.CharField(
        _("who sees the contact person"),
        max_length=20,
        choices=ContactVisibility.choices,
        default=ContactVisibility.MEMBERS,
    )
    description = models.TextField(_("description"), max_length=10000, blank=True)
    description_language = models.CharField(_("language of the description"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_records",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # Organisations of one kind by name (the networks on the front page and in every network
            # filter, the directory's kind filter): an index range instead of a scan of 150,000 rows.
            models.Index(fields=["kind", "name", "id"], name="directory_organisation_kind"),
            # The directory's default order: its first page reads 20 rows in order instead of sorting all.
            models.Index(fields=["name", "id"], name="directory_organisation_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_network(self) -> bool:
        return self.kind == self.Kind.NETWORK


class OrganisationName(models.Model):
    """One of an organisation's names, as ROR keeps them: each with its kind and language.

    `search_key` (see directory.search.search_key_for) is what search compares against; whoever writes a
    name writes its key too, bulk imports included.
    """

    class Kind(models.TextChoices):
        DISPLAY = "display", _("Display name")
        LABEL = "label", _("Name in another language")
        ALIAS = "alias", _("Alias")
        ACRONYM = "acronym", _("Acronym")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="names"
    )
    value = models.CharField(_("name"), max_length=300)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("ISO 639-1 code."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LABEL)
    search_key = models.CharField(_("search key"), max_length=700, db_index=True, editable=False)

    class Meta:
        ordering = ["organisation_id", "kind", "value"]
        verbose_name = _("organisation name")
        verbose_name_plural = _("organisation names")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "value", "language", "kind"], name="directory_name_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value} [{self.language or '?'}]"


class ExternalIdentifier(models.Model):
    """The organisation's identifier in another registry (ROR, Wikidata, ISNI, GRID, Crossref Funder)."""

    class Scheme(models.TextChoices):
        ROR = "ror", "ROR"
        WIKIDATA = "wikidata", "Wikidata"
        ISNI = "isni", "ISNI"
        GRID = "grid", "GRID"
        FUNDREF = "fundref", _("Crossref Funder ID")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="external_ids"
    )
    scheme = models.CharField(_("registry"), max_length=10, choices=Scheme.choices)
    value = models.CharField(_("identifier"), max_length=100)
    preferred = models.BooleanField(_("preferred"), default=False)

    class Meta:
        ordering = ["scheme", "value"]
        verbose_name = _("external identifier")
        verbose_name_plural = _("external identifiers")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="directory_external_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.value}"


class OrganisationFigure(TimeStampedModel):
    """A figure about an organisation at a date, with its source; earlier values stay as history."""

    class Metric(models.TextChoices):
        AREA_M2 = "area_m2", _("Area (m²)")
        RESIDENT_COMPANIES = "resident_companies", _("Resident companies")
        EMPLOYEES = "employees", _("Employees")
        MEMBER_ORGANISATIONS = "member_organisations", _("Member organisations")
        MEMBER_COUNTRIES = "member_countries", _("Countries of members")
        INTERNATIONAL_MEMBERSHIPS = "international_memberships", _("International organisations joined")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="figures"
    )
    metric = models.CharField(_("figure"), max_length=40, choices=Metric.choices)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["organisation_id", "metric", "-as_of", "-id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_metric_display()} = {self.value} ({self.as_of})"


class OrganisationRelationship(TimeStampedModel):
    """A directed link between two organisations, read as "subject <kind> object".

    PARENT: the object is the subject's parent (a park contains an incubator: incubator PARENT park).
    ROR's "child" links are stored from the child's side as PARENT, so a hierarchy has one edge per pair.
    """

    class Kind(models.TextChoices):
        PARENT = "parent", _("is part of")
        RELATED = "related", _("is related to")
        SUCCESSOR = "successor", _("was succeeded by")
        PREDECESSOR = "predecessor", _("succeeded")

    subject = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="relationships"
    )
    object = models.ForeignKey(
        Organisation,
        verbose_name=_("related organisation"),
        on_delete=models.CASCADE,
        related_name="inverse_relationships",
    )
    kind = models.CharField(_("relationship"), max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["subject_id", "kind", "object_id"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.UniqueConstraint(fields=["subject", "object", "kind"], name="directory_relationship_once"),
            models.CheckConstraint(
                condition=~models.Q(subject=models.F("object")), name="directory_relationship_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.get_kind_display()} {self.object}"


class Role(models.TextChoices):
    """What a person may do in an organisation (see docs/permissions.md)."""

    ADMIN = "admin", _("Organisation admin")
    MEMBER = "member", _("Member")
    # Only on organisations of kind network: the staff who moderate the network and its members.
    SECRETARIAT = "secretariat", _("Network secretariat")


class OrganisationMembership(TimeStampedModel):
    """A person's place in an organisation."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organisation_id", "created_at", "id"]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="directory_one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class Invitation(TimeStampedModel):
    """An email invitation to join an organisation with a role.

    The link carries a value signed with SECRET_KEY (`token`), so nothing secret is stored; whether the
    invitation can still be used is decided by `accepted_at`, `revoked_at` and `expires_at`.
    """

    Role = Role

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def state(self) -> "Invitation.State":
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    @property
    def token(self) -> str:
        return signing.dumps(self.pk, salt=INVITATION_SIGNING_SALT)

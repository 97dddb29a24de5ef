"""Finding records that describe the same organisation, and merging them.

Candidates come from two signals: the same external identifier or website domain (strong), and very
similar names, in any script, of organisations in the same country and city. Names are compared only
within a (country, city) block and only for pairs sharing a word or a name prefix, so the search stays
fast with tens of thousands of organisations.

A merge keeps the surviving record and folds the duplicate into it: everything that points at the
duplicate moves to the survivor, and the duplicate stays, marked MERGED, so old links and its history
still resolve.
"""

import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless, is_platform_operator, moderated_organisation_ids
from directory.matching import ORGANISATION_KIND
from directory.models import (
    ORGANISATION_PROFILE_FIELDS,
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.registry import MergeLog, merge_steps
from directory.search import KEY_SEPARATOR, fold_latin, search_key_for
from matching.services import record_changed

NAME_SIMILARITY = 0.88
# A word or prefix shared by more organisations of one city than this says nothing ("university").
COMMON_TOKEN_LIMIT = 40
# More organisations than this on one website host are a platform (a social network), not a duplicate.
SHARED_HOST_LIMIT = 5


class Reason(models.TextChoices):
    SAME_IDENTIFIER = "same_identifier", _("Same external identifier")
    SAME_WEBSITE = "same_website", _("Same website")
    SIMILAR_NAME = "similar_name", _("Very similar names in the same city")


@dataclass(frozen=True)
class DuplicatePair:
    first: Organisation
    second: Organisation
    reason: str
    score: float
    detail: str

    @property
    def reason_label(self) -> str:
        return str(Reason(self.reason).label)


# Who sees which candidates ------------------------------------------------------------------------


def _candidate_scope(user: Any) -> QuerySet[Organisation]:
    """The organisations among which `user` may look for duplicates: all for platform operators, the
    moderated ones for a network secretariat, none for anyone else."""
    organisations = Organisation.objects.exclude(status=Organisation.Status.MERGED)
    if is_platform_operator(user):
        return organisations
    moderated = moderated_organisation_ids(user)
    return organisations.filter(pk__in=moderated) if moderated else organisations.none()


def can_look_for_duplicates(user: Any) -> bool:
    return is_platform_operator(user) or bool(moderated_organisation_ids(user))


def can_merge(user: Any, first: Organisation, second: Organisation) -> bool:
    if is_platform_operator(user):
        return True
    moderated = moderated_organisation_ids(user)
    return first.pk in moderated and second.pk in moderated


# Normalising the signals --------------------------------------------------------------------------


def website_host(url: str) -> str:
    """The website's host without "www.", lower-case ("" when there is none)."""
    url = url.strip().lower()
    if not url:
        return ""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    return host.removeprefix("www.")


def normalised_identifier(scheme: str, value: str) -> str:
    value = "".join(value.split()).lower().rstrip("/")
    for prefix in (
        "https://ror.org/",
        "http://ror.org/",
        "ror.org/",
        "https://www.wikidata.org/wiki/",
        "http://www.wikidata.org/entity/",
        "https://isni.org/isni/",
        "https://www.grid.ac/institutes/",
    ):
        value = value.removeprefix(prefix)
    return value.replace("-", "") if scheme == ExternalIdentifier.Scheme.ISNI else value


def _name_forms(names: Iterable[str]) -> set[str]:
    """Each name folded in its own script and transliterated to Latin (the parts of its search key)."""
    forms = set()
    for name in names:
        for part in search_key_for(name).split(KEY_SEPARATOR):
            if part:
                forms.add(part)
    return forms


def _similarity(first: str, second: str) -> float:
    """The better of the plain ratio and the ratio of the words in sorted order ("park science tabriz")."""
    matcher = difflib.SequenceMatcher(None, first, second)
    if matcher.real_quick_ratio() < NAME_SIMILARITY or matcher.quick_ratio() < NAME_SIMILARITY:
        plain = 0.0
    else:
        plain = matcher.ratio()
    sorted_first, sorted_second = " ".join(sorted(first.split())), " ".join(sorted(second.split()))
    if (sorted_first, sorted_second) == (first, second):
        return plain
    return max(plain, difflib.SequenceMatcher(None, sorted_first, sorted_second).ratio())


def _blocking_keys(forms: set[str]) -> set[str]:
    keys: set[str] = set()
    for form in forms:
        keys.update(word for word in form.split() if len(word) >= 3)
        keys.add(f"^{form[:4]}")
    return keys


# The selector -------------------------------------------------------------------------------------


def duplicate_candidates(
    user: Any, *, organisation: Organisation | None = None, limit: int = 200
) -> list[DuplicatePair]:
    """Pairs of organisations that may be one and the same, strongest first.

    Platform operators see every pair; a network secretariat sees the pairs among the organisations it
    moderates; everyone else none. Merged records are never candidates. With `organisation`, only the
    pairs it is part of.
    """
    scope = _candidate_scope(user)
    if organisation is not None and not scope.filter(pk=organisation.pk).exists():
        return []
    found: dict[tuple[int, int], tuple[str, float, str]] = {}

    def propose(first_id: int, second_id: int, reason: str, score: float, detail: str) -> None:
        if first_id == second_id:
            return
        key = (min(first_id, second_id), max(first_id, second_id))
        if organisation is not None and organisation.pk not in key:
            return
        if key not in found or found[key][1] < score:
            found[key] = (reason, score, detail)

    _propose_same_identifiers(scope, propose)
    _propose_same_websites(scope, organisation, propose)
    _propose_similar_names(scope, organisation, propose)

    ranked = sorted(found.items(), key=lambda item: (-item[1][1], item[0]))[:limit]
    ids = {pk for pair, _reason in ranked for pk in pair}
    records = Organisation.objects.in_bulk(ids)
    return [
        DuplicatePair(records[first], records[second], reason, round(score, 3), detail)
        for (first, second), (reason, score, detail) in ranked
    ]


def _propose_same_identifiers(scope: QuerySet[Organisation], propose: Any) -> None:
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for organisation_id, scheme, value in ExternalIdentifier.objects.filter(
        organisation__in=scope
    ).values_list("organisation_id", "scheme", "value"):
        groups[(scheme, normalised_identifier(scheme, value))].add(organisation_id)
    for (scheme, value), ids in groups.items():
        for first, second in itertools.combinations(sorted(ids), 2):
            propose(first, second, Reason.SAME_IDENTIFIER, 1.0, f"{scheme}: {value}")


def _propose_same_websites(
    scope: QuerySet[Organisation], organisation: Organisation | None, propose: Any
) -> None:
    rows = scope.exclude(website="")
    if organisation is not None:
        host = website_host(organisation.website)
        if not host:
            return
        rows = rows.filter(website__icontains=host)
    groups: dict[str, set[int]] = defaultdict(set)
    for organisation_id, website in rows.values_list("id", "website"):
        if host := website_host(website):
            groups[host].add(organisation_id)
    for host, ids in groups.items():
        if len(ids) > SHARED_HOST_LIMIT:
            continue
        for first, second in itertools.combinations(sorted(ids), 2):
            propose(first, second, Reason.SAME_WEBSITE, 0.95, host)


def _propose_similar_names(
    scope: QuerySet[Organisation], organisation: Organisation | None, propose: Any
) -> None:
    located = scope.exclude(city="")
    if organisation is not None:
        located = located.filter(country=organisation.country)
    names: dict[int, set[str]] = defaultdict(set)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for organisation_id, name, country, city in located.values_list("id", "name", "country", "city"):
        city_key = fold_latin(city)
        if organisation is not None and city_key != fold_latin(organisation.city):
            continue
        blocks[(country, city_key)].append(organisation_id)
        names[organisation_id].add(name)
    for organisation_id, value in OrganisationName.objects.filter(
        organisation_id__in=list(names)
    ).values_list("organisation_id", "value"):
        names[organisation_id].add(value)
    for members in blocks.values():
        if len(members) < 2:
            continue
        forms = {member: _name_forms(names[member]) for member in members}
        index: dict[str, list[int]] = defaultdict(list)
        for member in members:
            for key in _blocking_keys(forms[member]):
                index[key].append(member)
        compared: set[tuple[int, int]] = set()
        for sharing in index.values():
            if len(sharing) > COMMON_TOKEN_LIMIT:
                continue
            for first, second in itertools.combinations(sorted(sharing), 2):
                if organisation is not None and organisation.pk not in (first, second):
                    continue
                if (first, second) in compared:
                    continue
                compared.add((first, second))
                score, detail = max(
                    ((_similarity(a, b), f"{a} ~ {b}") for a in forms[first] for b in forms[second]),
                    default=(0.0, ""),
                )
                if score >= NAME_SIMILARITY:
                    propose(first, second, Reason.SIMILAR_NAME, score * 0.9, detail)


def get_merge_pair_for_user(user: Any, first_pk: int, second_pk: int) -> tuple[Organisation, Organisation]:
    """Two records `user` may merge (Http404 when either is unknown or already merged, or the same)."""
    if first_pk == second_pk:
        raise Http404(_("Choose two different organisations."))
    records = _candidate_scope(user).in_bulk([first_pk, second_pk])
    if len(records) != 2:
        raise Http404(_("No such pair of organisations."))
    return records[first_pk], records[second_pk]


# The merge ----------------------------------------------------------------------------------------

ROLE_STRENGTH: dict[str, int] = {Role.MEMBER: 1, Role.SECRETARIAT: 2, Role.ADMIN: 3}
# Profile fields the survivor takes from the duplicate where it has nothing itself.
FILLABLE_FIELDS = tuple(
    field for field in ORGANISATION_PROFILE_FIELDS if field not in {"name", "kind", "country"}
)


def _merge_names(survivor: Organisation, duplicate: Organisation, log: MergeLog) -> None:
    label = OrganisationName._meta.label_lower
    kept = {(name.value, name.language) for name in survivor.names.all()}
    for name in OrganisationName.objects.filter(organisation=duplicate):
        # The duplicate's display name lives on as an alias, so searches for it still find the survivor.
        kind = OrganisationName.Kind.ALIAS if name.kind == OrganisationName.Kind.DISPLAY else name.kind
        if (name.value, name.language) in kept:
            name.delete()
            log.drop(label)
            continue
        name.organisation, name.kind = survivor, kind
        name.save(update_fields=["organisation", "kind"])
        kept.add((name.value, name.language))
        log.move(label)


def _merge_identifiers(survivor: Organisation, duplicate: Organisation, log: MergeLog) -> None:
    preferred = set(survivor.external_ids.filter(preferred=True).values_list("scheme", flat=True))
    for identifier in ExternalIdentifier.objects.filter(organisation=duplicate):
        identifier.organisation = survivor
        identifier.preferred = identifier.preferred and identifier.scheme not in preferred
        identifier.save(update_fields=["organisation", "preferred"])
        log.move(ExternalIdentifier._meta.label_lower)


def _merge_relationships(survivor: Organisation, duplicate: Organisation, log: MergeLog) -> None:
    label = OrganisationRelationship._meta.label_lower
    for relationship in OrganisationRelationship.objects.filter(Q(subject=duplicate) | Q(object=duplicate)):
        subject_id = survivor.pk if relationship.subject_id == duplicate.pk else relationship.subject_id
        object_id = survivor.pk if relationship.object_id == duplicate.pk else relationship.object_id
        repeated = OrganisationRelationship.objects.filter(
            subject_id=subject_id, object_id=object_id, kind=relationship.kind
        ).exists()
        if subject_id == object_id or repeated:
            relationship.delete()
            log.drop(label)
            continue
        relationship.subject_id, relationship.object_id = subject_id, object_id
        relationship.save(update_fields=["subject", "object", "updated_at"])
        log.move(label)


def _merge_memberships(survivor: Organisation, duplicate: Organisation, log: MergeLog) -> None:
    label = OrganisationMembership._meta.label_lower
    existing = {membership.user_id: membership for membership in survivor.memberships.all()}
    for membership in OrganisationMembership.objects.filter(organisation=duplicate):
        role = membership.role
        if role == Role.SECRETARIAT and not survivor.is_network:
            role = Role.MEMBER
        kept = existing.get(membership.user_id)
        if kept is None:
            membership.organisation, membership.role = survivor, role
            membership.save(update_fields=["organisation", "role", "updated_at"])
            log.move(label)
            continue
        if ROLE_STRENGTH[role] > ROLE_STRENGTH[kept.role]:
            kept.role = role
            kept.save(update_fields=["role", "updated_at"])
        membership.delete()
        log.drop(label)


def _merge_any_other(
    survivor: Organisation, duplicate: Organisation, log: MergeLog, handled: set[Any]
) -> None:
    """Move every other row with a foreign key to Organisation, whichever app defines it.

    A row that cannot move because the survivor already has its counterpart (a unique constraint) is
    deleted, and counted as dropped.
    """
    for relation in Organisation._meta.related_objects:
        model: Any = relation.related_model
        field_name = relation.field.name
        if isinstance(relation, models.ManyToManyRel):
            # Another model's many-to-many field to Organisation: move the rows of its through table.
            model = relation.through
            field_name = cast(models.ManyToManyField[Any, Any], relation.field).m2m_reverse_field_name()
        if (model, field_name) in handled:
            continue
        label = model._meta.label_lower
        for pk in model._base_manager.filter(**{field_name: duplicate}).values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    model._base_manager.filter(pk=pk).update(**{field_name: survivor})
                log.move(label)
            except IntegrityError:
                model._base_manager.filter(pk=pk).delete()
                log.drop(label)


HANDLED_RELATIONS = {
    (OrganisationName, "organisation"),
    (ExternalIdentifier, "organisation"),
    (OrganisationRelationship, "subject"),
    (OrganisationRelationship, "object"),
    (OrganisationMembership, "organisation"),
}


@transaction.atomic
def organisation_merge(*, actor: Any, survivor: Organisation, duplicate: Organisation) -> Organisation:
    """Fold `duplicate` into `survivor`: platform operators, or a secretariat that moderates both.

    Names, identifiers, figures, relationships, people, invitations, network memberships, sectors and
    any other row pointing at the duplicate move to the survivor (repeats dropped, the stronger role or
    the more advanced membership kept). The duplicate stays as a MERGED record pointing at the survivor.
    """
    deny_unless(
        can_merge(actor, survivor, duplicate),
        _("Only a platform operator, or a network secretariat that moderates both, can merge organisations."),
    )
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("An organisation cannot be merged into itself."), code="merge_self")
    locked = Organisation.objects.select_for_update().in_bulk([survivor.pk, duplicate.pk])
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if Organisation.Status.MERGED in (survivor.status, duplicate.status):
        raise ValidationError(
            _("%(organisation)s has already been merged into another record."),
            code="already_merged",
            params={
                "organisation": (
                    survivor if survivor.status == Organisation.Status.MERGED else duplicate
                ).name
            },
        )
    log = MergeLog()
    _merge_names(survivor, duplicate, log)
    _merge_identifiers(survivor, duplicate, log)
    _merge_relationships(survivor, duplicate, log)
    _merge_memberships(survivor, duplicate, log)
    for step in merge_steps():  # other apps' rows, such as network memberships (directory.registry)
        step.handler(survivor, duplicate, log)
    moved_figures = OrganisationFigure.objects.filter(organisation=duplicate).update(organisation=survivor)
    log.move(OrganisationFigure._meta.label_lower, moved_figures)
    moved_invitations = Invitation.objects.filter(organisation=duplicate).update(organisation=survivor)
    log.move(Invitation._meta.label_lower, moved_invitations)
    handled = HANDLED_RELATIONS | {(OrganisationFigure, "organisation"), (Invitation, "organisation")}
    handled |= {relation for step in merge_steps() for relation in step.relations}
    _merge_any_other(survivor, duplicate, log, handled)
    new_sectors = set(duplicate.sectors.all()) - set(survivor.sectors.all())
    survivor.sectors.add(*new_sectors)
    log.move("core.sector", len(new_sectors))

    filled = {}
    for field_name in FILLABLE_FIELDS:
        mine, theirs = getattr(survivor, field_name), getattr(duplicate, field_name)
        if mine in ("", None) and theirs not in ("", None):
            setattr(survivor, field_name, theirs)
            filled[field_name] = [mine, theirs]
    survivor.save(update_fields=[*FILLABLE_FIELDS, "updated_at"])
    status_before = duplicate.status
    duplicate.status, duplicate.merged_into = Organisation.Status.MERGED, survivor
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    record_changed(kind=ORGANISATION_KIND, object_id=duplicate.pk)
    record_changed(kind=ORGANISATION_KIND, object_id=survivor.pk)

    summary = {"moved": dict(log.moved), "dropped": dict(log.dropped)}
    audit_record(
        actor=actor,
        action="organisation.merge",
        target=survivor,
        changes={"merged": duplicate.pk, "merged_name": duplicate.name, "filled": filled, **summary},
        organisation_id=survivor.pk,
    )
    audit_record(
        actor=actor,
        action="organisation.merged_into",
        target=duplicate,
        changes={
            "status": [status_before, Organisation.Status.MERGED],
            "merged_into": survivor.pk,
            **summary,
        },
        organisation_id=duplicate.pk,
    )
    return survivor

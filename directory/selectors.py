"""Permission-aware reads of the directory: every view, endpoint and service asks through here.

Who may do what is summarised in docs/permissions.md; this module is where it is decided.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import Sector
from core.permissions import is_platform_operator, is_signed_in, moderated_organisation_ids
from core.request_memo import memoised_per_request
from directory.models import (
    INVITATION_SIGNING_SALT,
    ExternalIdentifier,
    Invitation,
    Organisation,
    OrganisationFigure,
    OrganisationMembership,
    OrganisationName,
    OrganisationRelationship,
    Role,
)
from directory.registry import NetworkLink, network_links, network_members
from directory.search import (
    KEY_SEPARATOR,
    PLACE_MIN_LENGTH,
    fold_latin,
    fold_script,
    place_matches,
    places_matching,
    spelling_variants,
)
from directory.search_ranking import KeptRanking, kept_ranking, ranked_ids


@dataclass(frozen=True)
class OrganisationPermissions:
    """What one person may do with one organisation."""

    role: str | None = None  # the person's own role there, if any
    can_view_members: bool = False
    can_edit: bool = False
    can_manage_members: bool = False
    can_moderate: bool = False
    # The record's contact email and phone: for signed-in people, never for anonymous visitors.
    can_view_contacts: bool = False

    @property
    def can_curate(self) -> bool:
        """May change the record's names, identifiers, figures and links: its admins and moderators."""
        return self.can_edit or self.can_moderate


def permissions_for(user: Any, organisation: Organisation) -> OrganisationPermissions:
    if not is_signed_in(user):
        return OrganisationPermissions()
    role = organisation_role(user, organisation.pk)
    can_moderate = is_platform_operator(user) or organisation.pk in moderated_organisation_ids(user)
    is_admin = role == Role.ADMIN
    return OrganisationPermissions(
        role=role,
        can_view_members=role is not None or can_moderate,
        can_edit=is_admin,
        can_manage_members=is_admin,
        can_moderate=can_moderate,
        can_view_contacts=True,
    )


def organisations_visible_to(user: Any, *, merged: bool = True) -> QuerySet[Organisation]:
    """Active organisations for everyone, anonymous visitors included (issue 16 item 2); inactive ones
    only to their members, the secretariat that moderates them, and platform operators. A merged record
    stays visible wherever the record it was merged into is, so old links still lead somewhere; search,
    which leaves merged records out, asks `merged=False` and saves the join that decides it."""
    organisations = Organisation.objects.all()
    if not merged:
        organisations = organisations.exclude(status=Organisation.Status.MERGED)
    public = Q(status=Organisation.Status.ACTIVE)
    if merged:
        public |= Q(status=Organisation.Status.MERGED, merged_into__status=Organisation.Status.ACTIVE)
    if not is_signed_in(user):
        return organisations.filter(public)
    if is_platform_operator(user):
        return organisations
    # A subquery, not a join: no row is repeated, so no DISTINCT over every match of a search.
    own = OrganisationMembership.objects.filter(user=user).values("organisation_id")
    return organisations.filter(public | Q(pk__in=own) | Q(pk__in=moderated_organisation_ids(user)))


def get_organisation_for_user(user: Any, pk: int) -> tuple[Organisation, OrganisationPermissions]:
    """The organisation if `user` may see it (else Http404), with what they may do with it."""
    organisation = organisations_visible_to(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return organisation, permissions_for(user, organisation)


def memberships_of(user: Any) -> QuerySet[OrganisationMembership]:
    """The organisations `user` belongs to, each with their role, by organisation name."""
    if not is_signed_in(user):
        return OrganisationMembership.objects.none()
    return (
        OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )


def organisation_role(user: Any, organisation_id: int) -> str | None:
    """`user`'s role in one organisation, or None when they do not belong to it (or are not signed in)."""
    if not is_signed_in(user):
        return None
    return (
        OrganisationMembership.objects.filter(user=user, organisation_id=organisation_id)
        .values_list("role", flat=True)
        .first()
    )


@memoised_per_request
def _memberships_held(user: Any) -> list[tuple[int, str, str]]:
    """(organisation, role, organisation kind) for each of `user`'s memberships, read once per page:
    the organisations, the administered ones and the network secretariats were three queries."""
    if not is_signed_in(user):
        return []
    return list(
        OrganisationMembership.objects.filter(user=user)
        .order_by()
        .values_list("organisation_id", "role", "organisation__kind")
    )


def member_organisation_ids(user: Any, *, role: str | None = None, kind: str | None = None) -> set[int]:
    """The organisations `user` belongs to (with `role`, only those where they hold it; with `kind`,
    only organisations of that kind); empty for anyone not signed in with an active account."""
    return {
        organisation_id
        for organisation_id, held, organisation_kind in _memberships_held(user)
        if (role is None or held == role) and (kind is None or organisation_kind == kind)
    }


def admin_organisation_ids(user: Any) -> set[int]:
    """The organisations `user` administers."""
    return member_organisation_ids(user, role=Role.ADMIN)


def member_organisations(user: Any, *, role: str | None = None) -> QuerySet[Organisation]:
    """The organisations `user` belongs to (with `role`, only those where they hold it), by name."""
    return Organisation.objects.filter(pk__in=member_organisation_ids(user, role=role)).order_by("name", "id")


def people_of(organisation_ids: Iterable[int], *, role: str | None = None) -> list[Any]:
    """The active people of these organisations (with `role`, only those who hold it there), each once,
    by email: whom a workflow tells or asks. Deactivated accounts are never among them."""
    memberships = OrganisationMembership.objects.filter(
        organisation_id__in=list(organisation_ids), user__is_active=True
    ).select_related("user")
    if role is not None:
        memberships = memberships.filter(role=role)
    people = {membership.user.pk: membership.user for membership in memberships}
    return sorted(people.values(), key=lambda person: (person.email, person.pk))


def members_of(
    organisation: Organisation, viewer: Any, *, permissions: OrganisationPermissions | None = None
) -> QuerySet[OrganisationMembership]:
    """The people in `organisation`; PermissionDenied unless `viewer` belongs to it or moderates it."""
    permissions = permissions or permissions_for(viewer, organisation)
    if not permissions.can_view_members:
        raise PermissionDenied(
            str(_("Only the people of this organisation and its moderators see its members."))
        )
    return (
        OrganisationMembership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email", "id")
    )


def pending_invitations_of(
    organisation: Organisation, viewer: Any, *, permissions: OrganisationPermissions | None = None
) -> QuerySet[Invitation]:
    """Invitations still waiting for an answer; only the organisation's admins see them."""
    permissions = permissions or permissions_for(viewer, organisation)
    if not permissions.can_manage_members:
        raise PermissionDenied(str(_("Only an organisation admin manages its invitations.")))
    return Invitation.objects.filter(
        organisation=organisation, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def get_invitation_by_token(token: str) -> Invitation:
    """The invitation an emailed link points to (whatever its state), or Http404 for a forged link."""
    try:
        pk = signing.loads(token, salt=INVITATION_SIGNING_SALT)
    except signing.BadSignature as error:
        raise Http404(_("This invitation link is not valid.")) from error
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise Http404(_("This invitation no longer exists."))
    return invitation


# The registry: search, and everything an organisation's page and API record show.

SORTS: dict[str, tuple[Any, ...]] = {
    "relevance": ("search_rank", "name", "id"),
    "name": ("name", "id"),
    "-founded": (F("founded_year").desc(nulls_last=True), "name", "id"),
    "country": ("country", "name", "id"),
    "-updated": ("-updated_at", "-id"),
}
_NAME_PREFERENCE = Case(
    When(kind=OrganisationName.Kind.DISPLAY, then=Value(0)),
    When(kind=OrganisationName.Kind.LABEL, then=Value(1)),
    default=Value(2),
)


class SearchRank:
    """How well an organisation matches `q`: lower is better."""

    EXACT = 0  # a name, acronym or alias is the query
    PREFIX = 1  # a name begins with the query
    WORD = 2  # a word of a name begins with the query, or the city or kind matches
    SUBSTRING = 3  # the query's words occur inside a name
    NONE = 4


def _query_words(q: str) -> list[tuple[str, set[str]]]:
    """Each word of the query folded as the search keys are: in its own script, and its Latin spellings."""
    return [
        (script, spelling_variants(fold_latin(word)) - {""})
        for word in q.split()
        if (script := fold_script(word))
    ]


def _name_rank(q: str, key: str = "search_key") -> Case:
    """The rank of one OrganisationName row against the whole query; `key` is the path to its search
    key (through a relation, for instance)."""
    script = fold_script(q)
    latins = spelling_variants(fold_latin(q)) - {""}
    exact = Q(**{f"{key}__startswith": f"{script}{KEY_SEPARATOR}"})
    prefix = Q(**{f"{key}__startswith": script})
    word = Q(**{f"{key}__contains": f" {script}"})
    for latin in latins:
        exact |= Q(**{f"{key}__endswith": f"{KEY_SEPARATOR}{latin}"})
        prefix |= Q(**{f"{key}__contains": f"{KEY_SEPARATOR}{latin}"})
        word |= Q(**{f"{key}__contains": f" {latin}"})
    return Case(
        When(exact, then=Value(SearchRank.EXACT)),
        When(prefix, then=Value(SearchRank.PREFIX)),
        When(word, then=Value(SearchRank.WORD)),
        default=Value(SearchRank.SUBSTRING),
    )


def _prefixed(condition: Q, prefix: str) -> Q:
    """`condition` on a related model's fields, each looked up through `prefix`."""
    prefixed = Q(_connector=condition.connector, _negated=condition.negated)
    for child in condition.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefixed(child, prefix))
        else:
            lookup, value = child  # type: ignore[misc]
            prefixed.children.append((f"{prefix}{lookup}", value))
    return prefixed


@functools.cache
def _kind_labels() -> dict[str, tuple[str, ...]]:
    """Each organisation kind's label in every interface language, for matching the query against."""
    labels: dict[str, list[str]] = {value: [] for value in Organisation.Kind.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in Organisation.Kind.choices:
                labels[value].append(str(label))
    return {value: tuple(dict.fromkeys(texts)) for value, texts in labels.items()}


def _place_filter(q: str) -> Q | None:
    """Organisations whose city or kind the query names, in any script; None when nothing matches.

    Cities are compared in Python (one query for the distinct city names) because a city has no stored
    search key; transliteration and a few exonyms (directory.search) make Ашхабад find Ashgabat.
    """
    if len(fold_script(q)) < PLACE_MIN_LENGTH:
        return None
    kinds = [
        kind for kind, labels in _kind_labels().items() if any(place_matches(q, label) for label in labels)
    ]
    cities = places_matching(
        q,
        # order_by(): the model's ordering would make DISTINCT return every row, not every city.
        Organisation.objects.exclude(city="").order_by().values_list("city", flat=True).distinct(),
    )
    condition = Q()
    if kinds:
        condition |= Q(kind__in=kinds)
    if cities:
        condition |= Q(city__in=cities)
    return condition or None


def organisations_search(user: Any, **arguments: Any) -> QuerySet[Organisation]:
    """The directory's search as a queryset, whatever the sort: `organisations_search_results`'s
    arguments and results, for those who filter it further (the picker, the map)."""
    # Unpaged, a kept ranking is read back as a queryset too.
    return cast("QuerySet[Organisation]", organisations_search_results(user, **arguments, paged=False))


def organisations_search_results(
    user: Any,
    *,
    q: str = "",
    kind: str = "",
    country: str = "",
    network: int | None = None,
    sector: str = "",
    sort: str = "relevance",
    paged: bool = True,
) -> QuerySet[Organisation] | KeptRanking:
    """The directory: organisations `user` may see, except merged records, filtered and sorted.

    `q` matches any of an organisation's names (display name, labels, aliases, acronyms) in any script:
    every word of it must occur in one same name, either as written or transliterated to Latin, so
    "университет", "青岛" and "Permskiy universitet" all find their organisations. It also matches the
    organisation's city ("Ashgabat", "Ашхабад") and kind ("technopark" finds science parks).
    When a query is given, each organisation carries `search_rank` (SearchRank), `matched_name` and
    `matched_language`: the best-ranked name that matched, the display name first among equals.
    The "relevance" sort puts exact name or acronym matches first, then names that begin with the
    query, then word matches (and city or kind matches), then other matches; ties by name. Without a
    query it sorts by name.
    A page of results (the directory page, the API) takes a kept relevance ranking as a KeptRanking
    (`paged`), which reads only the page's rows; without `paged` it is read back as a queryset.
    """
    organisations = organisations_visible_to(user, merged=False)
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country=country.upper())
    if network is not None:
        members = network_members(network)
        organisations = organisations.filter(members) if members is not None else organisations.none()
    if sector:
        organisations = organisations.filter(
            Exists(
                Organisation.sectors.through.objects.filter(
                    organisation_id=OuterRef("pk"), sector__code=sector
                )
            )
        )
    words = _query_words(q)
    if not words:
        sort = "name" if sort == "relevance" else sort
        return organisations.order_by(*SORTS.get(sort, SORTS["name"]))
    # Every word must occur in one same name: the conditions on one name row, ANDed.
    name_matches = Q()
    for script, latins in words:
        condition = Q(search_key__contains=script)
        for latin in latins:
            condition |= Q(search_key__contains=latin)
        name_matches &= condition
    matching = OrganisationName.objects.filter(name_matches, organisation_id=OuterRef("pk"))
    best = matching.annotate(rank=_name_rank(q)).order_by("rank", _NAME_PREFERENCE, "value")
    matched = {
        "matched_name": Subquery(best.values("value")[:1]),
        "matched_language": Subquery(best.values("language")[:1]),
    }

    def ranked() -> QuerySet[Organisation]:
        # The rank joins the matching names once and keeps each organisation's best (one scan of the
        # names and a hash join), rather than a subquery per organisation: at 150,000 organisations a
        # common word matches tens of thousands, each of which the subquery visited.
        found = organisations.annotate(
            matched=FilteredRelation("names", condition=_prefixed(name_matches, "names__"))
        )
        name_rank = Coalesce(Min(_name_rank(q, key="matched__search_key")), Value(SearchRank.NONE))
        places = _place_filter(q)
        if places is None:
            found = found.filter(matched__isnull=False)
            search_rank: Any = name_rank
        else:
            found = found.filter(Q(matched__isnull=False) | places)
            place_rank = Case(When(places, then=Value(SearchRank.WORD)), default=Value(SearchRank.NONE))
            search_rank = Least(name_rank, place_rank)
        return found.annotate(search_rank=search_rank, **matched).order_by(
            *SORTS.get(sort, SORTS["relevance"])
        )

    if SORTS.get(sort, SORTS["relevance"]) is not SORTS["relevance"] or not _sees_only_public(user):
        return ranked()
    # directory.search_ranking: the best matches' ranks are kept, and read back by id.
    by_rank = ranked_ids((q, kind, country, network, sector), ranked)
    if paged:
        return KeptRanking(by_rank, organisations.annotate(**matched))
    return (
        kept_ranking(organisations, by_rank, SearchRank.NONE)
        .annotate(**matched)
        .order_by(*SORTS["relevance"])
    )


def _sees_only_public(user: Any) -> bool:
    """Whether `user` sees exactly the organisations an anonymous visitor sees (search_ranking)."""
    if not is_signed_in(user):
        return True
    if is_platform_operator(user):
        return False
    own = OrganisationMembership.objects.filter(user=user).values("organisation_id")
    return (
        not Organisation.objects.filter(Q(pk__in=own) | Q(pk__in=moderated_organisation_ids(user)))
        .exclude(status__in=(Organisation.Status.ACTIVE, Organisation.Status.MERGED))
        .exists()
    )


def networks_visible_to(user: Any) -> QuerySet[Organisation]:
    """The networks `user` may filter the directory by."""
    return (
        organisations_visible_to(user)
        .filter(kind=Organisation.Kind.NETWORK)
        .exclude(status=Organisation.Status.MERGED)
    )


@dataclass
class HierarchyNode:
    organisation: Organisation
    children: list["HierarchyNode"] = field(default_factory=list)


@dataclass
class FigureSeries:
    """One metric's values, latest first: `current` is the first of `history`."""

    metric: str
    label: str
    history: list[OrganisationFigure]

    @property
    def current(self) -> OrganisationFigure:
        return self.history[0]


@dataclass
class RelationshipLink:
    """A direct link seen from the organisation whose page shows it."""

    relationship: OrganisationRelationship
    label: str
    other: Organisation


@dataclass
class OrganisationProfile:
    names: list[OrganisationName]
    external_ids: list[ExternalIdentifier]
    sectors: list[Sector]
    ancestor_paths: list[list[Organisation]]  # each from the root down to the direct parent
    descendants: list[HierarchyNode]
    links: list[RelationshipLink]
    network_memberships: list[NetworkLink]
    figures: list[FigureSeries]
    merged_into: Organisation | None


_HIERARCHY_MAX_DEPTH = 50  # far deeper than any real hierarchy; stops a corrupted one from looping


def _parent_edges(*, ids: set[int], upwards: bool) -> dict[int, list[int]]:
    """Parent edges reached from `ids` level by level (one query a level): child→parents when going
    upwards, parent→children when going downwards."""
    edges: dict[int, list[int]] = {}
    seen, frontier = set(ids), set(ids)
    near, far = ("subject_id", "object_id") if upwards else ("object_id", "subject_id")
    for _level in range(_HIERARCHY_MAX_DEPTH):
        if not frontier:
            break
        rows = OrganisationRelationship.objects.filter(
            kind=OrganisationRelationship.Kind.PARENT, **{f"{near}__in": frontier}
        ).values_list(near, far)
        frontier = set()
        for from_id, to_id in rows.order_by(near, far):
            edges.setdefault(from_id, []).append(to_id)
            if to_id not in seen:
                seen.add(to_id)
                frontier.add(to_id)
    return edges


def _ancestor_paths(
    organisation_id: int, parents: dict[int, list[int]], visible: dict[int, Organisation]
) -> list[list[Organisation]]:
    paths: list[list[Organisation]] = []

    def climb(current: int, path: list[Organisation]) -> None:
        above = [parent for parent in parents.get(current, []) if parent in visible]
        if not above:
            if path:
                paths.append(list(reversed(path)))
            return
        for parent in above:
            if visible[parent] not in path and len(paths) < 20:
                climb(parent, [*path, visible[parent]])

    climb(organisation_id, [])
    return paths


def _descendant_tree(
    organisation_id: int, children: dict[int, list[int]], visible: dict[int, Organisation]
) -> list[HierarchyNode]:
    def grow(parent: int, path: frozenset[int]) -> list[HierarchyNode]:
        kids = [child for child in children.get(parent, []) if child in visible and child not in path]
        kids.sort(key=lambda child: (visible[child].name, child))
        return [HierarchyNode(visible[child], grow(child, path | {child})) for child in kids]

    return grow(organisation_id, frozenset({organisation_id}))


INVERSE_RELATIONSHIP_LABELS = {
    OrganisationRelationship.Kind.PARENT: _("contains"),
    OrganisationRelationship.Kind.RELATED: OrganisationRelationship.Kind.RELATED.label,
    OrganisationRelationship.Kind.SUCCESSOR: OrganisationRelationship.Kind.PREDECESSOR.label,
    OrganisationRelationship.Kind.PREDECESSOR: OrganisationRelationship.Kind.SUCCESSOR.label,
}


def organisation_profile(
    user: Any, organisation: Organisation, permissions: OrganisationPermissions
) -> OrganisationProfile:
    """Everything the organisation's page and API record show besides its own fields, in a fixed
    number of queries plus one per level of its hierarchy. Linked organisations `user` may not see
    are left out."""
    parents = _parent_edges(ids={organisation.pk}, upwards=True)
    children = _parent_edges(ids={organisation.pk}, upwards=False)
    relationships = list(
        OrganisationRelationship.objects.filter(Q(subject=organisation) | Q(object=organisation)).order_by(
            "kind", "id"
        )
    )
    linked_ids = {id_ for ids in parents.values() for id_ in ids} | {
        id_ for ids in children.values() for id_ in ids
    }
    linked_ids |= {r.object_id for r in relationships} | {r.subject_id for r in relationships}
    if organisation.merged_into_id:
        linked_ids.add(organisation.merged_into_id)
    linked_ids.discard(organisation.pk)
    visible = {o.pk: o for o in organisations_visible_to(user).filter(pk__in=linked_ids)}
    links = []
    for relationship in relationships:
        outgoing = relationship.subject_id == organisation.pk
        other_id = relationship.object_id if outgoing else relationship.subject_id
        if other_id in visible:
            kind = OrganisationRelationship.Kind(relationship.kind)
            label = kind.label if outgoing else INVERSE_RELATIONSHIP_LABELS[kind]
            links.append(RelationshipLink(relationship, str(label), visible[other_id]))
    series: dict[str, FigureSeries] = {}
    for figure in organisation.figures.order_by("metric", "-as_of", "-id"):
        series.setdefault(
            figure.metric,
            FigureSeries(figure.metric, str(OrganisationFigure.Metric(figure.metric).label), []),
        ).history.append(figure)
    return OrganisationProfile(
        names=list(organisation.names.order_by(_NAME_PREFERENCE, "language", "value")),
        external_ids=list(organisation.external_ids.order_by("scheme", "-preferred", "value")),
        sectors=list(organisation.sectors.all()),
        ancestor_paths=_ancestor_paths(organisation.pk, parents, visible),
        descendants=_descendant_tree(organisation.pk, children, visible),
        links=links,
        network_memberships=network_links(organisation, pending_too=permissions.can_view_members),
        figures=sorted(series.values(), key=lambda item: item.label),
        merged_into=visible.get(organisation.merged_into_id) if organisation.merged_into_id else None,
    )


def relationships_of(organisation: Organisation) -> QuerySet[OrganisationRelationship]:
    """The direct links of an organisation, whichever side it is on (the caller has checked that the
    viewer may see the organisation)."""
    return (
        OrganisationRelationship.objects.filter(Q(subject=organisation) | Q(object=organisation))
        .select_related("subject", "object")
        .order_by("kind", "id")
    )

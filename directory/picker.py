"""Choosing among thousands of organisations (issue 16 item 3): which ones a form field offers, and the
few that match what the person has typed so far.

Each organisation field that uses the picker names a *purpose* ("hubs", "exchanges.host", ...). The app
that owns the field registers, for that purpose, who may pick and from which organisations: the same
queryset its form validates against, so the suggestions and the server-side check never disagree.
Apps register from their forms modules (directory is below them and may not import them); the lookup
imports every app's forms module first, as the admin does with its admin modules.
"""

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from core.permissions import is_signed_in
from directory.models import Organisation
from directory.selectors import organisations_search

# What a purpose's chooser returns for `user`: the organisations they may pick, or PermissionDenied.
Chooser = Callable[[Any], QuerySet[Organisation]]
AnyChooser = TypeVar("AnyChooser", bound=Chooser)

PICK_LIMIT = 20
QUERY_MAX_LENGTH = 200
_CHOOSERS: dict[str, Chooser] = {}


def organisation_purpose(name: str) -> Callable[[AnyChooser], AnyChooser]:
    """Register the organisations `user` may pick for fields of purpose `name` (a decorator)."""

    def register(chooser: AnyChooser) -> AnyChooser:
        _CHOOSERS[name] = chooser
        return chooser

    return register


def _chooser(purpose: str) -> Chooser:
    if purpose not in _CHOOSERS:
        autodiscover_modules("forms")
    if purpose not in _CHOOSERS:
        raise Http404(_("No such list of organisations."))
    return _CHOOSERS[purpose]


def query_is_long_enough(q: str) -> bool:
    """Two characters, or one wide (Chinese, Japanese, Korean) character, which is a word on its own."""
    q = q.strip()
    if len(q) >= 2:
        return True
    return bool(q) and unicodedata.east_asian_width(q[0]) in ("W", "F")


@dataclass(frozen=True)
class PickOption:
    """One suggestion: the organisation, and the name or alias the query matched when it is another."""

    id: int
    name: str
    matched_name: str
    country: str
    city: str


def pickable_organisations(user: Any, *, purpose: str) -> QuerySet[Organisation]:
    """The organisations `user` may pick for a field of `purpose` (PermissionDenied if none: anonymous
    visitors, or people without the role the form needs)."""
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to choose organisations."))
    return _chooser(purpose)(user)


def organisations_pick(
    user: Any, *, purpose: str, q: str, countries: Iterable[str] = (), limit: int = PICK_LIMIT
) -> list[PickOption]:
    """At most `limit` organisations `user` may pick for `purpose` whose names or aliases (in any script)
    match `q`, exact and prefix matches first (the directory's ranking). `countries` only narrows."""
    allowed = pickable_organisations(user, purpose=purpose)
    q = q.strip()[:QUERY_MAX_LENGTH]
    if not query_is_long_enough(q):
        return []
    found = organisations_search(user, q=q).filter(pk__in=allowed.values("pk"))
    wanted = [country.upper() for country in countries if country]
    if wanted:
        found = found.filter(country__in=wanted)
    options = []
    for organisation in found.only("id", "name", "country", "city")[:limit]:
        # organisations_search annotates the best-ranked name that matched
        matched: str = getattr(organisation, "matched_name", None) or ""
        options.append(
            PickOption(
                id=organisation.pk,
                name=organisation.name,
                matched_name=matched if matched != organisation.name else "",
                country=organisation.country,
                city=organisation.city,
            )
        )
    return options

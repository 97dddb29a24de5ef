"""Saved marketplace searches and their email digests: the services that write them and the selector
that reads them.

A saved search keeps the marketplace list's filters as `{parameter: [values]}` (what the list page's
query string says, minus paging). Its digest runs that search again *as its owner* through
`marketplace.selectors.profiles_search`, so visibility and anonymity hold exactly as on the page.
"""

import datetime
import logging
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record, changes_between, snapshot
from core.email_tasks import email_enqueue
from core.permissions import deny_unless, is_signed_in
from marketplace.forms import ProfileSearchForm
from marketplace.models import Profile, SavedSearch
from marketplace.selectors import owner_disclosed, profiles_search
from marketplace.services import profile_url

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES_PER_PERSON = 50
MAX_DIGEST_ITEMS = 50
# Query-string parameters that are not part of a search: paging and the page's own plumbing.
IGNORED_PARAMETERS = frozenset({"page", "limit", "offset", "csrfmiddlewaretoken"})
MAX_PARAMETERS = 30
MAX_VALUE_LENGTH = 300
SAVED_SEARCH_AUDIT_FIELDS = ("name", "query", "frequency")


# Reading


def saved_searches_of(user: Any) -> QuerySet[SavedSearch]:
    """The person's own saved searches (nobody sees anyone else's, operators included)."""
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user).order_by("name", "id")


def _query_string(query: dict[str, list[str]]) -> str:
    return urlencode([(key, value) for key, values in sorted(query.items()) for value in values])


def saved_search_query_string(saved_search: SavedSearch) -> str:
    """The marketplace list's query string that reopens the search."""
    return _query_string(saved_search.query)


def saved_search_query_from(query_string: str) -> dict[str, list[str]]:
    """Parse the marketplace list's query string into what a saved search keeps: empty values and
    paging dropped, every parameter as a list (filters may repeat, e.g. several sectors)."""
    parsed = QueryDict(query_string.lstrip("?"))
    query: dict[str, list[str]] = {}
    for key in sorted(parsed):
        if key in IGNORED_PARAMETERS:
            continue
        values = [value.strip() for value in parsed.getlist(key) if value.strip()]
        if values:
            query[key] = values
    return query


# Writing


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the search a name.")})
    if len(name) > 120:
        raise ValidationError({"name": _("The name may be at most 120 characters long.")})
    return name


def _clean_frequency(frequency: str) -> str:
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError({"frequency": _("Choose daily, weekly or no email.")})
    return frequency


def _clean_query(query: dict[str, list[str]]) -> dict[str, list[str]]:
    if not isinstance(query, dict) or len(query) > MAX_PARAMETERS:
        raise ValidationError({"query": _("This search cannot be saved.")})
    cleaned: dict[str, list[str]] = {}
    for key, values in query.items():
        if not isinstance(key, str) or not isinstance(values, list) or len(key) > 40:
            raise ValidationError({"query": _("This search cannot be saved.")})
        if key in IGNORED_PARAMETERS:
            continue
        kept = [str(value)[:MAX_VALUE_LENGTH] for value in values if str(value).strip()]
        if kept:
            cleaned[key] = kept[:MAX_PARAMETERS]
    return cleaned


@transaction.atomic
def saved_search_create(
    *, actor: Any, name: str, query: dict[str, list[str]], frequency: str = SavedSearch.Frequency.WEEKLY
) -> SavedSearch:
    deny_unless(is_signed_in(actor), _("Log in to save a search."))
    errors: dict[str, Any] = {}
    try:
        name = _clean_name(name)
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        frequency = _clean_frequency(frequency)
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        query = _clean_query(query)
    except ValidationError as error:
        errors.update(error.error_dict)
    if not errors and SavedSearch.objects.filter(user=actor).count() >= MAX_SAVED_SEARCHES_PER_PERSON:
        errors["name"] = [
            ValidationError(
                _("You already have %(count)d saved searches; delete one first."),
                params={"count": MAX_SAVED_SEARCHES_PER_PERSON},
            )
        ]
    if errors:
        raise ValidationError(errors)
    saved_search = SavedSearch.objects.create(user=actor, name=name, query=query, frequency=frequency)
    audit_record(
        actor=actor,
        action="saved_search.create",
        target=saved_search,
        changes={
            field: [None, value] for field, value in snapshot(saved_search, SAVED_SEARCH_AUDIT_FIELDS).items()
        },
    )
    return saved_search


def _deny_unless_owner(actor: Any, saved_search: SavedSearch) -> None:
    deny_unless(
        actor.is_authenticated and saved_search.user_id == actor.pk,
        _("Only the person who saved this search may change it."),
    )


@transaction.atomic
def saved_search_update(
    *, actor: Any, saved_search: SavedSearch, name: str | None = None, frequency: str | None = None
) -> SavedSearch:
    """Rename the search or change how often its digest is emailed (owner only)."""
    _deny_unless_owner(actor, saved_search)
    errors: dict[str, Any] = {}
    if name is not None:
        try:
            name = _clean_name(name)
        except ValidationError as error:
            errors.update(error.error_dict)
    if frequency is not None:
        try:
            frequency = _clean_frequency(frequency)
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    before = snapshot(saved_search, SAVED_SEARCH_AUDIT_FIELDS)
    if name is not None:
        saved_search.name = name
    if frequency is not None:
        saved_search.frequency = frequency
    changes = changes_between(before, snapshot(saved_search, SAVED_SEARCH_AUDIT_FIELDS))
    if changes:
        saved_search.save(update_fields=["name", "frequency", "updated_at"])
        audit_record(actor=actor, action="saved_search.update", target=saved_search, changes=changes)
    return saved_search


@transaction.atomic
def saved_search_delete(*, actor: Any, saved_search: SavedSearch) -> None:
    _deny_unless_owner(actor, saved_search)
    audit_record(
        actor=actor,
        action="saved_search.delete",
        target=saved_search,
        changes={
            field: [value, None] for field, value in snapshot(saved_search, SAVED_SEARCH_AUDIT_FIELDS).items()
        },
    )
    saved_search.delete()


# The digest


def search_arguments(query: dict[str, list[str]]) -> dict[str, Any] | None:
    """The keyword arguments of `profiles_search` for a saved query, read by the list page's own form
    so that the digest finds what the page shows; None when the query no longer reads (a filter value
    that has since gone), so that a broken search mails nothing rather than everything."""
    form = ProfileSearchForm(QueryDict(_query_string(query)))
    if not form.is_valid():
        return None
    return form.search_arguments()


def _matching_profiles(
    saved_search: SavedSearch, *, since: datetime.datetime, now: datetime.datetime
) -> list[Profile]:
    """Profiles the search finds for its owner, published in (since, now], oldest first."""
    arguments = search_arguments(saved_search.query)
    if arguments is None:
        logger.warning("Saved search %s no longer reads; no digest sent", saved_search.pk)
        return []
    found = profiles_search(saved_search.user, **{**arguments, "now": now})
    return list(
        found.filter(status=Profile.Status.PUBLISHED, published_at__gt=since, published_at__lte=now)
        .select_related("owner")
        .order_by("published_at", "id")[:MAX_DIGEST_ITEMS]
    )


@transaction.atomic
def saved_search_digest_send(*, saved_search: SavedSearch, now: datetime.datetime | None = None) -> bool:
    """Email the person what their search found since the last digest (or since it was saved).

    Returns True when an email went out. The window moves to `now` either way, so running it twice
    never lists a profile twice. The search runs as its owner, so a profile they may not see is never
    listed and an anonymous profile's owner is named only where `owner_disclosed` allows.
    """
    now = now or timezone.now()
    saved_search = SavedSearch.objects.select_for_update().select_related("user").get(pk=saved_search.pk)
    user = saved_search.user
    since = saved_search.last_sent_at or saved_search.created_at
    if not user.is_active or saved_search.frequency == SavedSearch.Frequency.NEVER or since >= now:
        return False
    profiles = _matching_profiles(saved_search, since=since, now=now)
    saved_search.last_sent_at = now
    saved_search.save(update_fields=["last_sent_at"])
    if not profiles:
        return False
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        items = [
            {
                "reference": profile.reference,
                "title": profile.title,
                "kind_label": profile.get_kind_display(),
                "owner": profile.owner.name
                if owner_disclosed(user, profile)
                else _("Anonymous organisation"),
                "url": profile_url(profile),
            }
            for profile in profiles
        ]
        context = {
            "saved_search": saved_search,
            "items": items,
            "search_url": settings.SITE_URL.rstrip("/")
            + reverse("marketplace:profile_list")
            + "?"
            + saved_search_query_string(saved_search),
            "manage_url": settings.SITE_URL.rstrip("/") + reverse("marketplace:saved_searches"),
        }
        subject = render_to_string("marketplace/email/digest_subject.txt", context).strip()
        body = render_to_string("marketplace/email/digest_body.txt", context)
    # After commit, through the mail queue: no SMTP round trip while the saved search's row is locked,
    # and a mail server that is down is retried, never fails the sweep.
    transaction.on_commit(partial(email_enqueue, EmailMessage(subject, body, None, [user.email])))
    audit_record(
        actor=None,
        action="saved_search.digest_sent",
        target=saved_search,
        changes={"profiles": [None, [profile.reference for profile in profiles]]},
    )
    return True


def saved_search_digest_due(saved_search: SavedSearch, *, now: datetime.datetime) -> bool:
    """Not yet sent today (in the site's time zone): the daily and weekly sweeps send at most once a day."""
    if saved_search.last_sent_at is None:
        return True
    return timezone.localdate(saved_search.last_sent_at) < timezone.localdate(now)


def saved_search_digests_send(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Send the digests of every saved search of `frequency` not yet sent today; returns how many
    emails went out. Each search is its own transaction, so one failure stops no other digest."""
    now = now or timezone.now()
    frequency = _clean_frequency(frequency)
    sent = 0
    searches = SavedSearch.objects.filter(frequency=frequency, user__is_active=True).order_by("id")
    for saved_search in searches:
        if not saved_search_digest_due(saved_search, now=now):
            continue
        try:
            sent += saved_search_digest_send(saved_search=saved_search, now=now)
        except Exception:
            logger.exception("The digest of saved search %s could not be sent", saved_search.pk)
    return sent

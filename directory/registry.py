"""What other apps plug into the directory at start-up, so that the directory imports none of them.

Network memberships live in `networks`, which stands above the directory. Yet the directory filters its
search by network, shows which networks an organisation belongs to, and moves an organisation's
memberships when two records are merged. `networks.apps.NetworksConfig.ready` registers all three here.
Until something registers, the network filter matches nothing and an organisation shows no memberships.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.db.models import Exists, Model

from directory.models import Organisation


@dataclass(frozen=True)
class NetworkLink:
    """One network an organisation belongs to, or asked to join, as the directory shows it."""

    network_id: int
    network_name: str
    status: str
    status_label: str
    since: datetime.date | None


class NetworkMembersFilter(Protocol):
    def __call__(self, network_id: int) -> Exists:
        """Whether the organisation at OuterRef("pk") is a member in good standing of the network."""
        ...


class NetworkLinksReader(Protocol):
    def __call__(self, organisation: Organisation, *, pending_too: bool) -> list[NetworkLink]:
        """The organisation's networks, sorted by name: members in good standing only, unless
        `pending_too` (for those who may see applications, lapses and cancellations as well)."""
        ...


class MergeLog:
    """What a merge moved to the survivor and dropped as repeats, counted per model label."""

    def __init__(self) -> None:
        self.moved: dict[str, int] = defaultdict(int)
        self.dropped: dict[str, int] = defaultdict(int)

    def move(self, label: str, count: int = 1) -> None:
        if count:
            self.moved[label] += count

    def drop(self, label: str, count: int = 1) -> None:
        if count:
            self.dropped[label] += count


MergeHandler = Callable[[Organisation, Organisation, MergeLog], None]


@dataclass(frozen=True)
class MergeStep:
    """A step of `directory.duplicates.organisation_merge` that another app owns: `handler(survivor,
    duplicate, log)` moves its own rows, and `relations` names the (model, foreign key) pairs it has
    taken care of, so the generic move of every other row pointing at the duplicate leaves them alone."""

    handler: MergeHandler
    relations: frozenset[tuple[type[Model], str]]


@dataclass
class _Registry:
    network_members: NetworkMembersFilter | None = None
    network_links: NetworkLinksReader | None = None
    merge_steps: tuple[MergeStep, ...] = ()


_registry = _Registry()


def register_network_memberships(*, members: NetworkMembersFilter, links: NetworkLinksReader) -> None:
    _registry.network_members = members
    _registry.network_links = links


def register_merge_step(handler: MergeHandler, *, relations: Iterable[tuple[type[Model], str]]) -> None:
    step = MergeStep(handler, frozenset(relations))
    if step not in _registry.merge_steps:
        _registry.merge_steps = (*_registry.merge_steps, step)


def network_members(network_id: int) -> Exists | None:
    """The registered filter for members of `network_id`; None when no app registered one."""
    members = _registry.network_members
    return members(network_id) if members is not None else None


def network_links(organisation: Organisation, *, pending_too: bool) -> list[NetworkLink]:
    links = _registry.network_links
    return links(organisation, pending_too=pending_too) if links is not None else []


def merge_steps() -> tuple[MergeStep, ...]:
    return _registry.merge_steps

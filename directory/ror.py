"""Import of Research Organization Registry (ROR) records, schema v2, into the directory.

`ror_import(records=...)` takes parsed records (`read_ror_files` reads JSON lines, plain or gzipped)
and writes organisations, their names, external identifiers and relationships in bulk, chunk by chunk,
all inside one transaction, with one audit event for the whole import.

Mapping from ROR:

- **kind** from the record's `types`, the first that applies in this order: education → university;
  government → government body (government funders included); company → company; facility → research
  institute; healthcare, archive, nonprofit, other → other; funder alone → investor. For facility,
  nonprofit and other, the English display name may say more and wins when it does: "technology
  transfer" → technology-transfer centre, "science/technology/research park", "technopark" → science
  and technology park, "incubator" → incubator, "technology centre/center" → technology centre.
- **name** and name_language from the `ror_display` name; **country**, **region** (subdivision),
  **city** (GeoNames name) and coordinates from the first location; **founded_year** from
  `established`; **website** from the first link of type website; **status** active or inactive.
  Withdrawn records, records without an id and records without a valid country are skipped with a
  reason, as are unreadable lines (with their file and line number).
- **names**: one row per `names[]` entry, kind display (ror_display) > label > acronym > alias, with its
  language and search key. ROR is the source of truth for the names of the organisations it identifies:
  a re-import makes the stored names equal to the record's (rows no longer in ROR are removed).
- **external identifiers**: the ROR id (without https://ror.org/, preferred) and every value of the
  record's wikidata, isni, grid and fundref ids (`preferred` marks ROR's preferred one). A value that
  already belongs to another organisation is left there and counted as a conflict.
- **relationships** in a second pass, once every record of the import has an organisation: parent →
  PARENT; child → PARENT from the child's side; related → RELATED, one row per pair; successor →
  SUCCESSOR and predecessor → PREDECESSOR, skipped when the same fact is already stored from the other
  side. Links to organisations neither in the import nor already imported are counted and skipped.
  A re-import adds links ROR added and leaves existing ones alone.

Records are matched to organisations by their ROR identifier only, so a re-import updates in place and
never duplicates. The audit event ("ror.import") targets the first organisation the import created or
changed, carries the summary's counts in `changes`, and belongs to no single organisation; an import
that changed nothing records nothing.
"""

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.permissions import deny_unless, is_platform_operator
from core.taxonomies import is_country_code
from core.validators import is_web_url
from directory.models import ExternalIdentifier, Organisation, OrganisationName, OrganisationRelationship
from directory.search import search_key_for

ROR_PREFIX = "https://ror.org/"
CHUNK_SIZE = 1000
# Keys that `read_ror_files` adds to each record: where it came from, and why it could not be read.
SOURCE_KEY = "_source"
ERROR_KEY = "_error"

Kind = Organisation.Kind
NameKind = OrganisationName.Kind
Relation = OrganisationRelationship.Kind

_KIND_BY_TYPE = (
    ("education", Kind.UNIVERSITY),
    ("government", Kind.GOVERNMENT_BODY),
    ("company", Kind.COMPANY),
    ("facility", Kind.RESEARCH_INSTITUTE),
    ("healthcare", Kind.OTHER),
    ("archive", Kind.OTHER),
    ("nonprofit", Kind.OTHER),
    ("other", Kind.OTHER),
    ("funder", Kind.INVESTOR),
)
_TYPES_REFINED_BY_NAME = {"facility", "nonprofit", "other"}
_KIND_BY_NAME = (
    (re.compile(r"\btechnology transfer\b", re.IGNORECASE), Kind.TECHNOLOGY_TRANSFER_CENTRE),
    (
        re.compile(r"\b(?:science|technology|research|hi-?tech) park\b|\btechnopark\b", re.IGNORECASE),
        Kind.SCIENCE_PARK,
    ),
    (re.compile(r"\bincubator\b", re.IGNORECASE), Kind.INCUBATOR),
    (re.compile(r"\btechnolog(?:y|ical) cent(?:re|er)\b", re.IGNORECASE), Kind.TECHNOLOGY_CENTRE),
)
_NAME_KIND_PRIORITY = (
    ("ror_display", NameKind.DISPLAY),
    ("label", NameKind.LABEL),
    ("acronym", NameKind.ACRONYM),
    ("alias", NameKind.ALIAS),
)
_SCHEMES = {
    "wikidata": ExternalIdentifier.Scheme.WIKIDATA,
    "isni": ExternalIdentifier.Scheme.ISNI,
    "grid": ExternalIdentifier.Scheme.GRID,
    "fundref": ExternalIdentifier.Scheme.FUNDREF,
}
_RELATION_BY_TYPE = {
    "parent": Relation.PARENT,
    "related": Relation.RELATED,
    "successor": Relation.SUCCESSOR,
    "predecessor": Relation.PREDECESSOR,
}
# The same fact seen from the other organisation: "A was succeeded by B" is "B succeeded A".
_INVERSE = {
    Relation.SUCCESSOR: Relation.PREDECESSOR,
    Relation.PREDECESSOR: Relation.SUCCESSOR,
    Relation.RELATED: Relation.RELATED,
}
_UPDATED_FIELDS = (
    "name",
    "name_language",
    "kind",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "founded_year",
    "website",
    "status",
)

SKIP_UNREADABLE = _("unreadable line")
SKIP_NO_ID = _("no ROR id")
SKIP_WITHDRAWN = _("withdrawn from ROR")
SKIP_NO_COUNTRY = _("no valid country")
SKIP_NO_NAME = _("no display name")
SKIP_REPEATED = _("repeated in this import")


@dataclass
class RorImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    # (where, reason) for every skipped record: "file.jsonl:12" or the ROR id.
    skipped_records: list[tuple[str, str]] = field(default_factory=list)
    names_written: int = 0
    names_removed: int = 0
    identifiers_written: int = 0
    identifier_conflicts: int = 0
    relationships_created: int = 0
    relationships_unresolved: int = 0
    first_organisation_id: int | None = None

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(reason for _where, reason in self.skipped_records)

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "names_written": self.names_written,
            "names_removed": self.names_removed,
            "identifiers_written": self.identifiers_written,
            "identifier_conflicts": self.identifier_conflicts,
            "relationships_created": self.relationships_created,
            "relationships_unresolved": self.relationships_unresolved,
        }

    def _skip(self, where: str, reason: Any) -> None:
        self.skipped += 1
        self.skipped_records.append((where, str(reason)))


@dataclass
class _Parsed:
    ror_id: str
    organisation: Organisation
    names: set[tuple[str, str, str]]  # (value, language, kind)
    identifiers: dict[tuple[str, str], bool]  # (scheme, value) -> preferred
    links: list[tuple[str, str]]  # (ROR relationship type, ROR id)


def ror_id_of(value: str) -> str:
    """The bare ROR id ("0005vby86") from ROR's https form or a bare id."""
    return value.strip().removeprefix(ROR_PREFIX).strip("/")


def read_ror_files(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Records from JSON-lines files (plain or .gz), each tagged with "file:line" under SOURCE_KEY.

    A line that is not a JSON object comes out as {SOURCE_KEY: ..., ERROR_KEY: reason}, so the import
    counts it as skipped and goes on.
    """
    for path in map(Path, paths):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield {SOURCE_KEY: where, ERROR_KEY: f"invalid JSON ({error.msg})"}
                    continue
                if not isinstance(record, dict):
                    yield {SOURCE_KEY: where, ERROR_KEY: "not a JSON object"}
                    continue
                record[SOURCE_KEY] = where
                yield record


def count_ror_lines(paths: Iterable[str | Path]) -> int:
    """How many non-blank lines the files hold, for a progress bar's total."""
    total = 0
    for path in map(Path, paths):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            total += sum(1 for line in lines if line.strip())
    return total


def kind_for(types: Iterable[str], display_name: str) -> str:
    present = set(types)
    for ror_type, kind in _KIND_BY_TYPE:
        if ror_type in present:
            if ror_type in _TYPES_REFINED_BY_NAME:
                for pattern, named_kind in _KIND_BY_NAME:
                    if pattern.search(display_name):
                        return named_kind
            return kind
    return Kind.OTHER


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _parse(record: dict[str, Any], summary: RorImportSummary) -> _Parsed | None:
    where = str(record.get(SOURCE_KEY, "?"))
    if ERROR_KEY in record:
        summary._skip(where, f"{SKIP_UNREADABLE}: {record[ERROR_KEY]}")
        return None
    raw_id = record.get("id")
    if not isinstance(raw_id, str) or not ror_id_of(raw_id):
        summary._skip(where, SKIP_NO_ID)
        return None
    ror_id = ror_id_of(raw_id)
    if record.get("status") == "withdrawn":
        summary._skip(ror_id, SKIP_WITHDRAWN)
        return None
    names: set[tuple[str, str, str]] = set()
    display: tuple[str, str] | None = None
    for entry in record.get("names") or ():
        value, types = _text(entry.get("value"), 300), entry.get("types") or ()
        if not value:
            continue
        language = _text(entry.get("lang"), 8)
        kind = next((kind for ror_type, kind in _NAME_KIND_PRIORITY if ror_type in types), NameKind.ALIAS)
        names.add((value, language, kind))
        if kind == NameKind.DISPLAY and display is None:
            display = (value, language)
    if display is None:
        summary._skip(ror_id, SKIP_NO_NAME)
        return None
    locations = record.get("locations") or ()
    place = (locations[0].get("geonames_details") or {}) if locations else {}
    country = _text(place.get("country_code"), 2).upper()
    if not is_country_code(country):
        summary._skip(ror_id, SKIP_NO_COUNTRY)
        return None
    website = next(
        (link.get("value") for link in record.get("links") or () if link.get("type") == "website"), ""
    )
    established = record.get("established")
    latitude, longitude = place.get("lat"), place.get("lng")
    organisation = Organisation(
        name=display[0],
        name_language=display[1],
        kind=kind_for(record.get("types") or (), display[0]),
        country=country,
        region=_text(place.get("country_subdivision_name"), 120),
        city=_text(place.get("name"), 120),
        latitude=float(latitude) if isinstance(latitude, int | float) else None,
        longitude=float(longitude) if isinstance(longitude, int | float) else None,
        founded_year=established if isinstance(established, int) and 0 < established < 32768 else None,
        website=website if isinstance(website, str) and len(website) <= 500 and is_web_url(website) else "",
        status=Organisation.Status.INACTIVE
        if record.get("status") == "inactive"
        else Organisation.Status.ACTIVE,
    )
    identifiers = {(ExternalIdentifier.Scheme.ROR.value, ror_id): True}
    for external in record.get("external_ids") or ():
        scheme = _SCHEMES.get(external.get("type"))
        if scheme is None:
            continue
        preferred = external.get("preferred")
        for value in external.get("all") or ([preferred] if preferred else []):
            value = _text(value, 100)
            if value:
                identifiers[(scheme.value, value)] = value == preferred
    links = [
        (link["type"], ror_id_of(link["id"]))
        for link in record.get("relationships") or ()
        if isinstance(link.get("id"), str) and link.get("type") in {*_RELATION_BY_TYPE, "child"}
    ]
    return _Parsed(ror_id, organisation, names, identifiers, links)


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _import_chunk(
    parsed: list[_Parsed], summary: RorImportSummary, links: dict[str, list[tuple[str, str]]]
) -> None:
    existing_ids = dict(
        ExternalIdentifier.objects.filter(
            scheme=ExternalIdentifier.Scheme.ROR, value__in=[item.ror_id for item in parsed]
        ).values_list("value", "organisation_id")
    )
    existing = Organisation.objects.in_bulk(existing_ids.values())
    now = timezone.now()
    to_create: list[Organisation] = []
    to_update: list[Organisation] = []
    for item in parsed:
        stored = existing.get(existing_ids.get(item.ror_id, -1))
        if stored is None:
            to_create.append(item.organisation)
            continue
        if any(getattr(stored, name) != getattr(item.organisation, name) for name in _UPDATED_FIELDS):
            for name in _UPDATED_FIELDS:
                setattr(stored, name, getattr(item.organisation, name))
            stored.updated_at = now
            to_update.append(stored)
        item.organisation = stored
    Organisation.objects.bulk_create(to_create)
    Organisation.objects.bulk_update(to_update, [*_UPDATED_FIELDS, "updated_at"])
    summary.created += len(to_create)
    if summary.first_organisation_id is None and (to_create or to_update):
        summary.first_organisation_id = (to_create or to_update)[0].pk

    organisation_ids = [item.organisation.pk for item in parsed]
    names_changed = _sync_names(parsed, organisation_ids, summary)
    _sync_identifiers(parsed, organisation_ids, summary)
    changed = {organisation.pk for organisation in to_update} | names_changed
    created = {organisation.pk for organisation in to_create}
    for item in parsed:
        pk = item.organisation.pk
        links[item.ror_id] = item.links
        if pk in created:
            continue
        if pk in changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
    if summary.first_organisation_id is None and changed:
        summary.first_organisation_id = min(changed)


def _sync_names(parsed: list[_Parsed], organisation_ids: list[int], summary: RorImportSummary) -> set[int]:
    stored: dict[int, dict[tuple[str, str, str], int]] = {}
    for pk, organisation_id, value, language, kind in OrganisationName.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("pk", "organisation_id", "value", "language", "kind"):
        stored.setdefault(organisation_id, {})[(value, language, kind)] = pk
    to_create: list[OrganisationName] = []
    to_delete: list[int] = []
    changed: set[int] = set()
    for item in parsed:
        pk = item.organisation.pk
        current = stored.get(pk, {})
        for key in item.names - current.keys():
            value, language, kind = key
            to_create.append(
                OrganisationName(
                    organisation_id=pk,
                    value=value,
                    language=language,
                    kind=kind,
                    search_key=search_key_for(value)[:700],
                )
            )
            changed.add(pk)
        for key in current.keys() - item.names:
            to_delete.append(current[key])
            changed.add(pk)
    if to_delete:
        OrganisationName.objects.filter(pk__in=to_delete).delete()
    OrganisationName.objects.bulk_create(to_create)
    summary.names_written += len(to_create)
    summary.names_removed += len(to_delete)
    return changed


def _sync_identifiers(parsed: list[_Parsed], organisation_ids: list[int], summary: RorImportSummary) -> None:
    wanted = {
        key: (item.organisation.pk, preferred)
        for item in parsed
        for key, preferred in item.identifiers.items()
    }
    schemes_values = Q()
    for scheme in {scheme for scheme, _value in wanted}:
        schemes_values |= Q(scheme=scheme, value__in=[value for s, value in wanted if s == scheme])
    claimed = {
        (identifier.scheme, identifier.value): identifier
        for identifier in ExternalIdentifier.objects.filter(
            Q(organisation_id__in=organisation_ids) | schemes_values
        )
    }
    to_create: list[ExternalIdentifier] = []
    to_update: list[ExternalIdentifier] = []
    for (scheme, value), (organisation_id, preferred) in wanted.items():
        identifier = claimed.get((scheme, value))
        if identifier is None:
            to_create.append(
                ExternalIdentifier(
                    organisation_id=organisation_id, scheme=scheme, value=value, preferred=preferred
                )
            )
        elif identifier.organisation_id != organisation_id:
            summary.identifier_conflicts += 1
        elif identifier.preferred != preferred:
            identifier.preferred = preferred
            to_update.append(identifier)
    # Identifiers ROR no longer lists for these organisations (the ROR id itself always stays listed).
    stale = [
        identifier.pk
        for key, identifier in claimed.items()
        if identifier.organisation_id in set(organisation_ids)
        and identifier.scheme != ExternalIdentifier.Scheme.ROR
        and key not in wanted
    ]
    if stale:
        ExternalIdentifier.objects.filter(pk__in=stale).delete()
    ExternalIdentifier.objects.bulk_create(to_create)
    ExternalIdentifier.objects.bulk_update(to_update, ["preferred"])
    summary.identifiers_written += len(to_create) + len(to_update)


def _link_relationships(links: dict[str, list[tuple[str, str]]], summary: RorImportSummary) -> None:
    mentioned = set(links) | {target for pairs in links.values() for _type, target in pairs}
    organisation_of: dict[str, int] = {}
    mentioned_list = sorted(mentioned)
    for start in range(0, len(mentioned_list), CHUNK_SIZE):
        organisation_of.update(
            ExternalIdentifier.objects.filter(
                scheme=ExternalIdentifier.Scheme.ROR, value__in=mentioned_list[start : start + CHUNK_SIZE]
            ).values_list("value", "organisation_id")
        )
    wanted: set[tuple[int, int, str]] = set()
    for ror_id, pairs in links.items():
        this = organisation_of[ror_id]
        for ror_type, target in pairs:
            other = organisation_of.get(target)
            if other is None or other == this:
                summary.relationships_unresolved += 1
                continue
            if ror_type == "child":
                wanted.add((other, this, Relation.PARENT.value))
            else:
                wanted.add((this, other, _RELATION_BY_TYPE[ror_type].value))
    involved = sorted({pk for subject, obj, _kind in wanted for pk in (subject, obj)})
    stored: set[tuple[int, int, str]] = set()
    for start in range(0, len(involved), CHUNK_SIZE):
        stored.update(
            OrganisationRelationship.objects.filter(
                subject_id__in=involved[start : start + CHUNK_SIZE]
            ).values_list("subject_id", "object_id", "kind")
        )
    to_create: list[OrganisationRelationship] = []
    for subject, obj, kind in sorted(wanted):
        inverse = _INVERSE.get(Relation(kind))
        if (subject, obj, kind) in stored or (inverse and (obj, subject, inverse.value) in stored):
            continue
        stored.add((subject, obj, kind))
        to_create.append(OrganisationRelationship(subject_id=subject, object_id=obj, kind=kind))
    OrganisationRelationship.objects.bulk_create(to_create, batch_size=CHUNK_SIZE)
    summary.relationships_created = len(to_create)
    if to_create and summary.first_organisation_id is None:
        summary.first_organisation_id = to_create[0].subject_id


@transaction.atomic
def ror_import(
    *,
    records: Iterable[dict[str, Any]],
    actor: Any = None,
    progress: Callable[[int], None] | None = None,
) -> RorImportSummary:
    """Create or update the organisations ROR `records` describe; see the module docstring.

    `actor` None is the system (the management command); a person must be a platform operator.
    `progress` is called after each chunk with the number of records read so far.
    """
    if actor is not None:
        deny_unless(is_platform_operator(actor), _("Only a platform operator can import ROR records."))
    summary = RorImportSummary()
    links: dict[str, list[tuple[str, str]]] = {}
    read = 0
    for chunk in _chunks(records, CHUNK_SIZE):
        read += len(chunk)
        parsed: dict[str, _Parsed] = {}
        for record in chunk:
            item = _parse(record, summary)
            if item is None:
                continue
            if item.ror_id in parsed or item.ror_id in links:
                summary._skip(item.ror_id, SKIP_REPEATED)
                continue
            parsed[item.ror_id] = item
        if parsed:
            _import_chunk(list(parsed.values()), summary, links)
        if progress is not None:
            progress(read)
    if links:
        _link_relationships(links, summary)
    if summary.first_organisation_id is not None:
        audit_record(
            actor=actor,
            action="ror.import",
            target=Organisation.objects.get(pk=summary.first_organisation_id),
            changes=summary.counts(),
        )
    return summary

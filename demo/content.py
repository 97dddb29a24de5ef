"""The demo's organisations and people, written for ParkLink from the seed articles' facts.

Each figure cites its seed in `source`. Not every fact is an organisation's figure: that Turkmenistan
belongs to more than 40 international organisations (seed 000) describes a country, so it is left out.

Seeds: 000 (AST Technology Center, Ashgabat, IASP certificate), 001 (East Azerbaijan Science and
Technology Park, Tabriz, hubs with China and Turkey, MoU with the SCO economic and trade cooperation
town), 002 (Organization of Turkic States, science and innovation track), 003 (Uzbekistan's
pharmaceutical agency, Toshkent Farma Park, Pangyo Techno Valley, Gyeonggi Bio Center), 004 (SRSPA).
Seed 003 is dated 22 April 2024; seeds 000 and 004 are undated pages read in 2024, so their figures are
recorded as of the start of that year: they carry a date without pretending to more precision than the
source.

The organisations are in `demo/data/organisations.json` (fields of `DemoOrganisation`, dates written
YYYY-MM-DD; `parent`, `related` and `networks` name other organisations by `key`) and the people in
`demo/data/people.json` (fields of `DemoPerson`; `organisation` is a key, or null for the operator).
"""

import datetime
from dataclasses import dataclass, field

from demo.datafiles import DataEntry, DemoDataError, data_file_read
from directory.models import Organisation, OrganisationName, Role


@dataclass(frozen=True)
class DemoFigure:
    metric: str
    value: int
    as_of: datetime.date
    source: str


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    country: str
    city: str
    time_zone: str
    description: str
    website: str = ""
    sectors: tuple[str, ...] = ()
    networks: tuple[str, ...] = field(default=())
    name_language: str = "en"
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    founded_year: int | None = None
    founded_on: datetime.date | None = None
    # (value, language, kind): the organisation's other names, in their own scripts.
    names: tuple[tuple[str, str, str], ...] = ()
    figures: tuple[DemoFigure, ...] = ()
    parent: str | None = None  # the key of the organisation this one is part of
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    organisation: str | None
    role: str
    is_staff: bool = False
    preferred_language: str = ""


def _figure_read(entry: DataEntry) -> DemoFigure:
    return DemoFigure(
        metric=entry.text("metric"),
        value=entry.integer("value"),
        as_of=entry.date("as_of"),
        source=entry.text("source"),
    )


def _name_read(entry: DataEntry) -> tuple[str, str, str]:
    kind = entry.text("kind", choices=OrganisationName.Kind.values)
    return (entry.text("value"), entry.text("language", ""), kind)


def _organisation_read(entry: DataEntry) -> DemoOrganisation:
    return DemoOrganisation(
        key=entry.text("key"),
        name=entry.text("name"),
        kind=entry.text("kind", choices=Organisation.Kind.values),
        country=entry.text("country"),
        city=entry.text("city"),
        time_zone=entry.text("time_zone", ""),
        description=entry.text("description"),
        website=entry.text("website", ""),
        sectors=entry.texts("sectors"),
        networks=entry.texts("networks"),
        name_language=entry.text("name_language", "en"),
        region=entry.text("region", ""),
        latitude=entry.optional_number("latitude"),
        longitude=entry.optional_number("longitude"),
        founded_year=entry.optional_integer("founded_year"),
        founded_on=entry.optional_date("founded_on"),
        names=entry.entries("names", _name_read),
        figures=entry.entries("figures", _figure_read),
        parent=entry.text("parent", "") or None,
        related=entry.texts("related"),
    )


def _organisations_read(file: DataEntry) -> tuple[DemoOrganisation, ...]:
    organisations = file.entries("organisations", _organisation_read)
    keys = [organisation.key for organisation in organisations]
    for organisation in organisations:
        linked = [*organisation.networks, *organisation.related, *filter(None, [organisation.parent])]
        unknown = [key for key in linked if key not in keys]
        if unknown:
            raise DemoDataError(
                f"{file.file}: organisation {organisation.key!r} links to unknown key(s) "
                f"{', '.join(unknown)}."
            )
    if len(set(keys)) != len(keys):
        raise DemoDataError(f"{file.file}: two organisations share a key.")
    return organisations


def _person_read(entry: DataEntry) -> DemoPerson:
    return DemoPerson(
        email=entry.text("email"),
        full_name=entry.text("full_name"),
        organisation=entry.text("organisation", "") or None,
        role=entry.text("role", choices=["", *Role.values]),
        is_staff=entry.flag("is_staff"),
        preferred_language=entry.text("preferred_language", ""),
    )


ORGANISATIONS: tuple[DemoOrganisation, ...] = data_file_read("organisations.json", _organisations_read)
PEOPLE: tuple[DemoPerson, ...] = data_file_read(
    "people.json", lambda file: file.entries("people", _person_read)
)

# Organisations without a demo person of their own are administered by the secretariat persona.
ORGANISATION_ADMIN_FALLBACK = "secretariat@demo.parklink.org"

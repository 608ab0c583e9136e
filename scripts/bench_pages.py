"""The measuring half of `make bench` (scripts/bench.sh starts the servers); never asserts.

bench_pages.py prepare OUT.json STATIC_DIR
    (Django set up from the environment) picks the page of each type from the database and
    checks it is that page type (the view it resolves to, the row it shows, the news list's last
    page holding the oldest item); counts the queries each takes in-process (page cache off,
    then warm), times it in-process with the page cache off (fragments warm, and with nothing
    cached), names the cached fragments it uses, times the related-items query of the detail
    pages that show related items; records the table volumes; writes each page's own bytes as
    a static file into STATIC_DIR/bench/, for its whitenoise baseline (a file of the page's
    size and content, read before gunicorn starts).
bench_pages.py latency BASE N OUT.json
    the search and list latency table: each page N times, 2 concurrent clients; p50/p95 (the
    server keeps no page and no search's results: scripts/bench.sh).
bench_pages.py throughput BASE PAGES.json LABEL OUT.json
    wrk at 16 connections for BENCH_SECONDS (3) one-second runs per page, each between two
    one-second runs of its own static file, same server; appends the rows (requests/s, p50/p99,
    errors, the static file's requests/s) to OUT.json.
bench_pages.py report VAR_DIR
    the whole of docs/benchmark.md from VAR_DIR's bench-*.json/tsv/txt: the machine, the
    stages' times, the tables and the check against issue 13's targets.
"""

import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LATENCY_PAGES = [
    "/ko/",
    "/ko/news/",
    "/ko/news/?page=500",
    "/ko/news/?q=연수",
    "/ko/news/?q=교육",
    "/en/news/?q=sharing",
    "/ko/publications/",
    "/ko/publications/?q=서울",
    "/ko/search/?q=연수",
    "/ko/search/?q=교육",
    "/ko/search/?q=초청연수",
    "/ko/search/?q=서울시",
    "/ko/search/?q=xyzzy",
    "/ko/news/?q=서울시",
    "/en/search/?q=policy",
    "/en/search/?q=sharing+city",
    "/ko/search/?q=서울+교육",
    "/ko/search/?q=연수&type=news&page=5",
    "/ko/search/?q=초청+연수",
    "/ko/search/?q=ai전략",
    "/ko/publications/?q=탄소중립",
    "/ko/publications/?q=서울&kind=research_report&sort=downloads",
    "/ko/search/?q=서울",
    "/ko/sdg/",
    "/ko/training/",
]
CONNECTIONS = 16
# Issue 13's targets (2-core machine, bench volumes, one run).
WARM_RATIO, UNCACHED_RATIO, WARM_P99_MS, MAX_QUERIES, SEARCH_P95_MS = 0.8, 0.15, 100, 10, 100
IN_PROCESS_RUNS = 5


def quoted(path):
    return urllib.request.quote(path, safe="/?=&+%")


# --- prepare (in-process, Django) -------------------------------------------------------------


def _first(queryset, what):
    row = queryset.first()
    if row is None:
        raise SystemExit(f"make bench: no {what} in the benchmark database")
    return row


def _pages():
    """[(label, path, expected view name, check(response) -> problem or None)] of every page
    type the throughput table measures, picked at the volumes in the database."""
    from django.db.models import Count

    from news.models import NewsItem
    from news.views import PAGE_SIZE
    from publications.models import Kind, Publication
    from sdg_plan.models import Department, Indicator
    from training.models import Programme

    news = NewsItem.objects.published()
    # The last page from the real count, checked by its content: the oldest item in the list's
    # order is on it (Paginator.get_page quietly serves the last page for any larger number).
    last_page = max(1, math.ceil(news.count() / PAGE_SIZE))
    oldest = _first(news.for_listing().reverse(), "published news item")
    # Detail pages with related items: tagged rows (shared goals are what related items
    # weigh first), the newest of each kind.
    item = _first(news.filter(goals__isnull=False).distinct().order_by("-published_at"), "news")
    publications = Publication.objects.published().filter(goals__isnull=False).distinct()
    publication = _first(
        publications.exclude(kind=Kind.POLICY_CASE)
        .filter(sectors__isnull=False)
        .order_by("-published_on", "-pk"),
        "tagged publication",
    )
    case = _first(
        publications.filter(kind=Kind.POLICY_CASE).order_by("-published_on", "-pk"),
        "tagged policy case",
    )
    programme = _first(
        Programme.objects.published().order_by("-application_deadline"), "training call"
    )
    indicator = _first(Indicator.objects.order_by("number"), "SDG indicator")
    department = _first(
        Department.objects.annotate(n=Count("responsibilities")).order_by("-n", "pk"),
        "department",
    )

    def shows(row):
        url = row.get_absolute_url()
        return lambda response: (
            None
            if url in response.content.decode() or quoted(url) in response.content.decode()
            else f"does not link {url}"
        )

    return [
        ("home (ko)", "/ko/", "home", None),
        ("home (en)", "/en/", "home", None),
        ("news list, page 1", "/ko/news/", "news:index", None),
        ("news list, last page", f"/ko/news/?page={last_page}", "news:index", shows(oldest)),
        ("news item", item.get_absolute_url(), "news:detail", None),
        (
            "publications, two facets",
            f"/ko/publications/?kind={Kind.RESEARCH_REPORT}&language=ko",
            "publications:index",
            None,
        ),
        ("publication", publication.get_absolute_url(), "publications:detail", None),
        ("policy cases", "/ko/publications/policy-cases/", "publications:policy_cases", None),
        ("policy case", case.get_absolute_url(), "publications:detail", None),
        ("training call", programme.get_absolute_url(), "training:detail", None),
        ("SDG plan (ko)", "/ko/sdg/", "sdg_plan:index", None),
        ("SDG indicators (en)", "/en/sdg/indicators/", "sdg_plan:indicator_list", None),
        ("SDG indicator", indicator.get_absolute_url(), "sdg_plan:indicator", None),
        ("SDG department", department.get_absolute_url(), "sdg_plan:department", None),
        ("search 서울", "/ko/search/?q=서울", "search:index", None),
        ("news feed", "/ko/news/feed/", "news:feed", None),
        ("sitemap", "/sitemap.xml", None, None),
    ]


# The detail pages that show related items (issue 17, part 2).
RELATED_PAGES = ("news item", "publication", "policy case")


def _volumes():
    from news.models import NewsItem
    from publications.models import Kind, Publication
    from sdg_plan.models import Department, Indicator
    from training.models import Programme

    publications = Publication.objects.published()
    return {
        "published news items": NewsItem.objects.published().count(),
        "published publications": publications.count(),
        "of which policy cases": publications.filter(kind=Kind.POLICY_CASE).count(),
        "publications tagged with SDG goals": publications.filter(goals__isnull=False)
        .distinct()
        .count(),
        "published training calls": Programme.objects.published().count(),
        "SDG indicators": Indicator.objects.count(),
        "departments": Department.objects.count(),
    }


def static_name(number, content_type):
    """The baseline file of the `number`th page: its own bytes, named for its type."""
    return f"page-{number:02d}.{'xml' if 'xml' in content_type else 'html'}"


def write_static(static_dir, files):
    """Write {name: bytes} into STATIC_DIR/bench/ (emptied first): whitenoise reads the
    directory when gunicorn starts."""
    folder = Path(static_dir) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, content in files.items():
        (folder / name).write_bytes(content)


def prepare(out, static_dir):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from archive_portal import fragments, pagecache

    client = Client()
    rows = []
    used = set()  # the cached fragments a request asked for
    key = fragments.key

    def recording_key(name, vary=()):
        used.add(name)
        return key(name, vary)

    fragments.key = recording_key  # cached() and process_cached() look it up when called

    def measured(path):
        """One request for `path`: the response, its queries (the test client's request resets
        Django's own query log, so they are counted as they run) with their times."""
        sql = []

        def count(execute, *args):
            started = time.perf_counter()
            try:
                return execute(*args)
            finally:
                sql.append((args[0], (time.perf_counter() - started) * 1000))

        with connection.execute_wrapper(count):
            response = client.get(path)
        return response, sql

    def timed(path):
        """(median ms, the last response, its queries, the related-items query's median ms)."""
        timings, related_ms = [], []
        for _ in range(IN_PROCESS_RUNS):
            started = time.perf_counter()
            response, sql = measured(path)
            timings.append((time.perf_counter() - started) * 1000)
            related_ms.append(sum(ms for query, ms in sql if "SIMILARITY(" in query.upper()))
        return statistics.median(timings), response, sql, statistics.median(related_ms)

    static_files = {}
    problems = []
    for number, (label, path, view_name, check) in enumerate(_pages(), 1):
        with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
            client.get(path)  # warm the process (templates, translations)
            bare_ms, _, bare_sql, _ = timed(path)
        with override_settings(PAGE_CACHE_SECONDS=0):
            used.clear()
            client.get(path)  # and its cached fragments
            cached = sorted(used)
            in_process_ms, response, sql, related_ms = timed(path)
        if response.status_code != 200:
            problems.append(f"{label}: {path} answered {response.status_code}")
        elif view_name and response.resolver_match.view_name != view_name:
            problems.append(f"{label}: {path} is {response.resolver_match.view_name}")
        elif check and (problem := check(response)):
            problems.append(f"{label}: {path} {problem}")
        static = static_name(number, response.get("Content-Type", ""))
        static_files[static] = response.content
        with override_settings(PAGE_CACHE_SECONDS=600):
            pagecache.reset()
            client.get(path)
            _, warm = measured(path)
        rows.append(
            {
                "label": label,
                "path": path,
                "bytes": len(response.content),
                "queries": len(sql),
                "queries_warm": len(warm),
                "queries_nothing_cached": len(bare_sql),
                "in_process_ms": in_process_ms,
                "in_process_nothing_cached_ms": bare_ms,
                "fragments": cached,
                "related_ms": related_ms if label in RELATED_PAGES else None,
                "static": settings.STATIC_URL + "bench/" + static,
            }
        )
        print(
            f"  {label}: {len(sql)} queries, {in_process_ms:.0f} ms; nothing cached:"
            f" {len(bare_sql)} queries, {bare_ms:.0f} ms",
            flush=True,
        )
    fragments.key = key
    if problems:
        raise SystemExit("make bench: wrong pages:\n" + "\n".join(problems))
    write_static(static_dir, static_files)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    Path(out).write_text(
        json.dumps(
            {
                "pages": rows,
                "volumes": _volumes(),
                "postgres": postgres,
                "django": django.get_version(),
            },
            indent=1,
            ensure_ascii=False,
        )
    )


# --- latency (the search table) ---------------------------------------------------------------


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def latency(base, count, out):
    rows = []
    print(f"{'page':48} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
    for path in LATENCY_PAGES:
        url = base + quoted(path)
        fetch(url)  # warm up
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(fetch, [url] * count))
        elapsed = time.perf_counter() - started
        timings = sorted(t for t, _ in results)
        row = {
            "path": path,
            "p50": statistics.median(timings) * 1000,
            "p95": timings[math.ceil(len(timings) * 0.95) - 1] * 1000,
            "rps": count / elapsed,
            "errors": sum(1 for _, status in results if status != 200),
        }
        rows.append(row)
        note = f"  ({row['errors']} non-200)" if row["errors"] else ""
        print(f"{path:48} {row['p50']:8.1f} {row['p95']:8.1f} {row['rps']:8.1f}{note}", flush=True)
    Path(out).write_text(json.dumps({"requests": count, "rows": rows}, indent=1))


# --- throughput (wrk) -------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
# A page this slow gets a longer run: in BENCH_SECONDS, 16 connections got too few answers.
SLOW_REQUESTS, SLOW_SECONDS = 2 * CONNECTIONS, 15


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


# Prints each run's latency distribution (percentiles in steps of 0.1 %): see merged_percentile.
PERCENTILES_SCRIPT = Path(__file__).with_name("wrk-percentiles.lua")


def wrk(url, seconds):
    output = subprocess.run(
        [
            "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency",
            "-s", str(PERCENTILES_SCRIPT), url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # fmt: skip
    # wrk pads short units ("1.23s ") with trailing spaces.
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    distribution = [
        (float(point), int(microseconds) / 1000)
        for point, microseconds in re.findall(r"^percentile ([\d.]+) (\d+)$", output, re.MULTILINE)
    ]
    errors = 0
    for match in re.finditer(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    if not requests:
        percentiles = {}  # wrk prints zeros when nothing answered
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": requests,
        "p50": _ms(percentiles["50"]) if "50" in percentiles else None,  # none: nothing answered
        "p99": _ms(percentiles["99"]) if "99" in percentiles else None,
        "errors": errors,
        "seconds": seconds,
        "distribution": distribution if requests else [],  # [(percentile, ms)], ascending
    }


def merged_percentile(runs, point):
    """The `point` percentile (50, 99) of the latencies of all the requests of several wrk runs,
    from each run's distribution weighted by its number of requests: the lowest latency that at
    least `point` % of all the requests took no longer than (to wrk's 0.1 % steps)."""
    runs = [run for run in runs if run["requests"] and run["distribution"]]
    if not runs:
        return None
    total = sum(run["requests"] for run in runs)

    def share_within(latency):  # of all the requests, those that took at most `latency`
        return sum(
            run["requests"] * max((p for p, ms in run["distribution"] if ms <= latency), default=0)
            for run in runs
        ) / (100 * total)

    candidates = sorted({ms for run in runs for _p, ms in run["distribution"]})
    return next((ms for ms in candidates if share_within(ms) >= point / 100 - 1e-9), candidates[-1])


def combined(runs):
    """One wrk row of several runs of the same URL: requests/s over their whole time; p50 and
    p99 of all their requests (merged_percentile)."""
    seconds = sum(run["seconds"] for run in runs)
    return {
        "rps": sum(run["rps"] * run["seconds"] for run in runs) / seconds,
        "requests": sum(run["requests"] for run in runs),
        "p50": merged_percentile(runs, 50),
        "p99": merged_percentile(runs, 99),
        "errors": sum(run["errors"] for run in runs),
        "seconds": seconds,
    }


def throughput(base, pages_file, label, out):
    """Each page in BENCH_SECONDS one-second runs, each between two one-second runs of its own
    static file (same size, same bytes): static, page, static, page, …, static. The load of a
    shared machine, which drifts and comes in bursts, then weighs on both alike. Requests/s
    over each URL's runs together; the page's p50 and p99 of all the requests of its runs."""
    seconds = int(os.environ.get("BENCH_SECONDS", "3"))
    pages = json.loads(Path(pages_file).read_text())
    results = json.loads(Path(out).read_text()) if Path(out).exists() else {}
    run = {}
    for page in pages["pages"]:
        static_url, url = base + page["static"], base + quoted(page["path"])
        fetch(static_url)
        fetch(url)
        statics, runs = [wrk(static_url, 1)], []
        for _ in range(seconds):
            runs.append(wrk(url, 1))
            statics.append(wrk(static_url, 1))
        row = combined(runs)
        if row["requests"] < SLOW_REQUESTS:
            row = combined([wrk(url, max(seconds, SLOW_SECONDS))])
        static = row["static"] = combined(statics)
        run[page["path"]] = row
        print(
            f"  {label}: {page['label']}: {row['rps']:.0f} req/s, its static file"
            f" {static['rps']:.0f} req/s",
            flush=True,
        )
    results[label] = run
    Path(out).write_text(json.dumps(results, indent=1))


# --- report (docs/benchmark.md) ---------------------------------------------------------------


def _num(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def _machine(var, meta):
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(
        int(line.split()[1]) / 1024 / 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    loads = [
        float(line.split()[1])
        for line in (var / "bench-load.txt").read_text().splitlines()
        if line.strip()
    ]
    try:
        wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
        wrk_version = wrk_version.split()[1]
    except (OSError, IndexError):
        wrk_version = "(version unknown)"
    import gunicorn

    load = (
        f"1-minute load average during the measurements: min {min(loads):.1f}, median "
        f"{statistics.median(loads):.1f}, max {max(loads):.1f} ({len(loads)} samples, every 5 s)"
        if loads
        else "load average not sampled"
    )
    return [
        f"- `nproc`: {os.cpu_count()} ({cpu}), {mem:.1f} GB memory, "
        f"{platform.system()} {platform.release()}",
        f"- {load}: {'a quiet machine' if loads and max(loads) < 1.5 else 'a shared machine'}, "
        "where other processes competed for the same cores.",
        f"- PostgreSQL {meta['postgres']} on the same machine (a project-local cluster), Python "
        f"{platform.python_version()}, Django {meta['django']}, gunicorn {gunicorn.__version__} "
        f"({os.environ.get('WEB_CONCURRENCY', '3')} sync workers, as the Dockerfile), "
        f"wrk {wrk_version} on the same cores.",
    ]


def _latencies(row):
    """(p50, p99) of a throughput row; none when nothing answered in time (wrk then prints
    zeros: requests that timed out have no latency)."""
    if not row.get("requests", 1) or not row["p99"]:
        return None, None
    return row["p50"], row["p99"]


def _rps(row, seconds):
    """Requests/s; a page that needed the longer run says so."""
    longer = row.get("seconds", int(seconds)) != int(seconds)
    if not row.get("requests", 1):
        rps = "none answered in time"
    else:
        rps = f"{row['rps']:,.1f}" if row["rps"] < 10 else f"{row['rps']:,.0f}"
    return f"{rps} ({row['seconds']} s run)" if longer else rps


def _ratio(row):
    """The page's requests/s over its own static file's."""
    return row["rps"] / row["static"]["rps"] if row["static"]["rps"] else 0.0


def _cached_in_page_cache_off(pages):
    """What the "page cache off" table keeps cached: the fragments each page used."""
    return [
        '## What "page cache off" keeps cached',
        "",
        "`PAGE_CACHE_SECONDS=0` turns off the whole-page cache only: every request runs its"
        " view and its middleware and renders the page; a detail page reads its row by its slug"
        " (its live view or download counts with it). As in production, the cached fragments"
        " stay on (`FRAGMENT_CACHE_SECONDS`, archive_portal/fragments.py): components that many"
        " requests share (the header, menu and footer; the home page's blocks; the SDG tables;"
        " counts and filter choices; sitemap counts; a list's page of ids and its cards, the"
        " feed's items, a detail page's parts or a search's results where a page uses them),"
        " kept under the content generation and the next scheduled change, so every public"
        " save, delete or scheduled publication retires them in every process. Never a whole"
        " page keyed by its address, nor anything personal. The footer's partner list is kept"
        " per content generation in any case (archive_portal/context_processors.py). The"
        " fragments each page used in this run (`{% fragment %}` blocks and"
        " `fragments.cached`/`process_cached` values):",
        "",
        "| page | cached fragments |",
        "|---|---|",
        *(
            f"| {page['label']} | {', '.join(f'`{name}`' for name in page['fragments']) or '–'} |"
            for page in pages["pages"]
        ),
        "",
    ]


def _check(ok):
    return "yes" if ok else "**no**"


def report(var_dir):
    var = Path(var_dir)
    pages = json.loads((var / "bench-pages.json").read_text())
    results = json.loads((var / "bench-throughput.json").read_text())
    latency_file = var / "bench-latency.json"
    latency = json.loads(latency_file.read_text()) if latency_file.exists() else None
    stages = [
        line.split("\t") for line in (var / "bench-stages.tsv").read_text().splitlines() if line
    ]
    seconds = os.environ.get("BENCH_SECONDS", "3")
    out = [
        "# Benchmark: public pages under a burst",
        "",
        "Written by `make bench` (scripts/bench.sh, scripts/bench_pages.py); do not edit by hand,"
        " run it again. It builds a benchmark database (`generate_bench_data` volumes, generated"
        " after the migrations), starts gunicorn the way production does (DEBUG off, the"
        " Dockerfile's sync workers, access log on, persistent database connections) and"
        f" measures every public page type with wrk at {CONNECTIONS} connections for {seconds} s"
        " (a page that answers fewer than"
        f" {SLOW_REQUESTS} requests in that time gets a {SLOW_SECONDS} s run, marked),"
        " with the page cache off (`PAGE_CACHE_SECONDS=0`: see below what stays cached) and"
        " warm.",
        "",
        "The baseline of each page's ratio is a static file of that page's size: the page's own"
        " bytes, written into the static files before gunicorn starts and served by the same"
        " gunicorn through whitenoise, measured in one-second runs around each of the page's"
        f" {seconds} one-second runs (static, page, static, …, static: {int(seconds) + 1} s), so"
        " that the load of a shared machine, drifting and coming in bursts during the run,"
        " weighs on both alike; each row shows that file's requests/s, and the page's p50 and"
        " p99 are those of all the requests of its runs (merged from each run's latency"
        " distribution, scripts/wrk-percentiles.lua). Queries per request and the in-process"
        " times are measured with Django's test client against the same database.",
        "",
        *_cached_in_page_cache_off(pages),
        "## The machine and the run",
        "",
        *_machine(var, pages),
        "",
        "Volumes: "
        + ", ".join(f"{name} {count:,}" for name, count in pages["volumes"].items())
        + ".",
        "",
        "Time of each stage of `make bench` (from a fresh clone the first stage also creates the"
        " virtual environment; each throughput stage includes every page's static file, which"
        " doubles its wrk time):",
        "",
        "| stage | seconds |",
        "|---|---:|",
        *(f"| {name} | {float(value):,.0f} |" for name, value in stages),
        f"| **total** | **{sum(float(value) for _, value in stages):,.0f}** |",
        "",
    ]
    labels = {
        "page cache off": "Throughput, page cache off, cached fragments on",
        "warm page cache": "Throughput, warm page cache",
    }
    for label, run in results.items():
        warm = label.startswith("warm")
        out += [
            f"## {labels.get(label, label)} ({CONNECTIONS} connections, {seconds} s per page)",
            "",
            "| page | URL | bytes | req/s | its static file, req/s | ratio to static | p50 ms |"
            " p99 ms | errors | queries |"
            + (
                ""
                if warm
                else " in-process ms, fragments warm | nothing cached: in-process ms (queries) |"
            ),
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("" if warm else "---:|---:|"),
        ]
        for page in pages["pages"]:
            row = run[page["path"]]
            queries = page["queries_warm"] if warm else page["queries"]
            line = (
                f"| {page['label']} | `{page['path']}` | {page['bytes']:,} | "
                f"{_rps(row, seconds)} | {row['static']['rps']:,.0f} | {_ratio(row):.2f} | "
                f"{_num(_latencies(row)[0])} | {_num(_latencies(row)[1])} | "
                f"{row['errors']} | {queries} |"
            )
            if not warm:
                line += (
                    f" {_num(page['in_process_ms'])} |"
                    f" {_num(page['in_process_nothing_cached_ms'])}"
                    f" ({page['queries_nothing_cached']}) |"
                )
            out.append(line)
        static_errors = sum(run[page["path"]]["static"]["errors"] for page in pages["pages"])
        out += ["", f"Errors of the static files: {static_errors}.", ""]
        if not warm:
            out += [
                "*In-process ms, fragments warm*: one request through Django's test client as"
                " in this table (page cache off, the page's fragments already built by an"
                " earlier request). *Nothing cached*: the same request with"
                " `FRAGMENT_CACHE_SECONDS=0` too, every component built again: what the first"
                " request after an edit costs, and what the page's own code costs.",
                "",
            ]
    related = [page for page in pages["pages"] if page["related_ms"] is not None]
    out += [
        "## Related items at benchmark volumes (issue 17)",
        "",
        "The detail pages that show related items (shared goals, sectors, title words: one"
        " query, `archive_portal.lib.related`), page cache off, in-process, median of"
        f" {IN_PROCESS_RUNS}:",
        "",
        "| page | URL | queries | related-items query ms | whole page ms |",
        "|---|---|---:|---:|---:|",
        *(
            f"| {p['label']} | `{p['path']}` | {p['queries']} | {_num(p['related_ms'])} | "
            f"{_num(p['in_process_ms'])} |"
            for p in related
        ),
        "",
    ]
    if latency:
        out += [
            "## Latency of the search and list pages (page cache and search results cache off,"
            f" 2 clients, {latency['requests']} requests each)",
            "",
            "Against a gunicorn started for this table with `PAGE_CACHE_SECONDS=0` and"
            " `SEARCH_RESULTS_CACHE=false`: no page and no search's results are kept, so each of"
            " the repeated requests runs its search or list query; the fragments (cards, the"
            " search's small sources and topics read once per content generation) are on, as in"
            " production.",
            "",
            "| page | p50 ms | p95 ms | req/s | errors |",
            "|---|---:|---:|---:|---:|",
            *(
                f"| `{r['path']}` | {r['p50']:.1f} | {r['p95']:.1f} | {r['rps']:.1f} | "
                f"{r['errors']} |"
                for r in latency["rows"]
            ),
            "",
        ]
    out += _targets(pages, results, latency)
    print("\n".join(out))


def _targets(pages, results, latency):
    warm = results.get("warm page cache")
    cold = results.get("page cache off")
    out = [
        "## Against issue 13's targets",
        "",
        f"Warm: ratio ≥ {WARM_RATIO}, p99 < {WARM_P99_MS} ms, no errors. Page cache off: ratio ≥"
        f" {UNCACHED_RATIO}, ≤ {MAX_QUERIES} queries, no errors. Each ratio is to the page's own"
        " static file. One run, on the machine above.",
        "",
        "| page | warm ratio | warm p99 | warm errors | uncached ratio | queries | uncached"
        " errors | all |",
        "|---|---|---|---|---|---|---|---|",
    ]
    met = 0
    for page in pages["pages"]:
        w, c = warm[page["path"]], cold[page["path"]]
        w_ratio, c_ratio = _ratio(w), _ratio(c)
        checks = [
            (w_ratio >= WARM_RATIO, f"{w_ratio:.2f}"),
            (_latencies(w)[1] is not None and w["p99"] < WARM_P99_MS, f"{_num(w['p99'])} ms"),
            (w["errors"] == 0, str(w["errors"])),
            (c_ratio >= UNCACHED_RATIO, f"{c_ratio:.2f}"),
            (page["queries"] <= MAX_QUERIES, str(page["queries"])),
            (c["errors"] == 0, str(c["errors"])),
        ]
        ok = all(passed for passed, _ in checks)
        met += ok
        cells = " | ".join(value if passed else f"**{value}**" for passed, value in checks)
        out.append(f"| {page['label']} | {cells} | {_check(ok)} |")
    out += ["", f"**{met} of {len(pages['pages'])} page types meet every target** (bold: missed)."]
    if latency:
        searches = [r for r in latency["rows"] if "q=" in r["path"]]
        slow = [r for r in searches if r["p95"] >= SEARCH_P95_MS]
        worst = max(searches, key=lambda r: r["p95"])
        out.append(
            f"Search p95 < {SEARCH_P95_MS} ms at these volumes: {len(searches) - len(slow)} of"
            f" {len(searches)} searches (slowest `{worst['path']}`, p95 {worst['p95']:.0f} ms)."
        )
    out.append("")
    return out


def main():
    command, *args = sys.argv[1:]
    if command == "prepare":
        prepare(*args)
    elif command == "latency":
        latency(args[0], int(args[1]), args[2])
    elif command == "throughput":
        throughput(*args)
    elif command == "report":
        report(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

"""The measuring half of `make bench` (scripts/bench.sh starts the servers); never asserts.

bench_pages.py prepare OUT.json STATIC_DIR
    (Django set up from the environment) picks the pages of each type from the database,
    counts the queries each takes in-process (page cache off, then a warm cache), and writes
    a static file as large as the home page into STATIC_DIR, for the whitenoise baseline.
bench_pages.py latency BASE N
    the search and list latency table: each page N times, 2 concurrent clients; p50/p95.
bench_pages.py throughput BASE PAGES.json LABEL OUT.json
    wrk at 16 connections for BENCH_SECONDS (3) per page and for the static file, same
    server; appends the rows (requests/s, p50/p99, errors, ratio to static) to OUT.json.
bench_pages.py report PAGES.json RESULTS.json
    prints the throughput tables as Markdown (docs/benchmark.md quotes them).
"""

import json
import os
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


def quoted(path):
    return urllib.request.quote(path, safe="/?=&+%")


# --- prepare (in-process, Django) -------------------------------------------------------------


def _pages():
    """(label, path) of every page type the throughput table measures."""
    from news.models import NewsItem
    from publications.models import Kind, Publication
    from sdg_plan.models import Department, Indicator
    from training.models import Programme

    news = NewsItem.objects.published()
    last_page = max(1, -(-news.count() // 10))
    item = news.order_by("-published_at").first()
    publication = Publication.objects.published().order_by("-published_on").first()
    programme = Programme.objects.published().order_by("-application_deadline").first()
    indicator = Indicator.objects.order_by("number").first()
    department = Department.objects.order_by("pk").first()
    return [
        ("home (ko)", "/ko/"),
        ("home (en)", "/en/"),
        ("news list, page 1", "/ko/news/"),
        ("news list, last page", f"/ko/news/?page={last_page}"),
        ("news item", item.get_absolute_url()),
        ("publications, two facets", f"/ko/publications/?kind={Kind.RESEARCH_REPORT}&language=ko"),
        ("publication", publication.get_absolute_url()),
        ("policy cases", "/ko/publications/policy-cases/"),
        ("training call", programme.get_absolute_url()),
        ("SDG plan (ko)", "/ko/sdg/"),
        ("SDG indicators (en)", "/en/sdg/indicators/"),
        ("SDG indicator", indicator.get_absolute_url()),
        ("SDG department", department.get_absolute_url()),
        ("search 서울", "/ko/search/?q=서울"),
        ("news feed", "/ko/news/feed/"),
        ("sitemap", "/sitemap.xml"),
    ]


def prepare(out, static_dir):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from archive_portal import pagecache

    client = Client()
    rows = []

    def queries(path):
        """The queries one request for `path` makes (the test client's request resets Django's
        own query log, so they are counted as they run)."""
        sql = []

        def count(execute, *args):
            sql.append(args[0])
            return execute(*args)

        with connection.execute_wrapper(count):
            response = client.get(path)
        return response, len(sql)

    home = b""
    for label, path in _pages():
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(path)  # warm the process (templates, translations)
            response, uncached = queries(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        home = home or response.content
        with override_settings(PAGE_CACHE_SECONDS=600):
            pagecache.reset()
            client.get(path)
            _, warm = queries(path)
        rows.append(
            {
                "label": label,
                "path": path,
                "bytes": len(response.content),
                "queries": uncached,
                "queries_warm": warm,
            }
        )
    static = Path(static_dir) / "bench" / "page.html"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(home)
    static_url = settings.STATIC_URL + "bench/page.html"
    Path(out).write_text(
        json.dumps({"pages": rows, "static": static_url, "static_bytes": len(home)}, indent=1)
    )


# --- latency (the search table) ---------------------------------------------------------------


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def latency(base, count):
    print(f"{'page':48} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
    for path in LATENCY_PAGES:
        url = base + quoted(path)
        fetch(url)  # warm up
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(fetch, [url] * count))
        elapsed = time.perf_counter() - started
        timings = sorted(t for t, _ in results)
        p95 = timings[int(len(timings) * 0.95) - 1] * 1000
        errors = sum(1 for _, status in results if status != 200)
        note = f"  ({errors} non-200)" if errors else ""
        p50 = statistics.median(timings) * 1000
        print(f"{path:48} {p50:8.1f} {p95:8.1f} {count / elapsed:8.1f}{note}")


# --- throughput (wrk) -------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url, seconds):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = 0
    for match in re.finditer(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(percentiles["50"]) if "50" in percentiles else None,  # none: nothing answered
        "p99": _ms(percentiles["99"]) if "99" in percentiles else None,
        "errors": errors,
    }


def throughput(base, pages_file, label, out):
    seconds = int(os.environ.get("BENCH_SECONDS", "3"))
    pages = json.loads(Path(pages_file).read_text())
    results = json.loads(Path(out).read_text()) if Path(out).exists() else {}
    run = {}
    wrk(base + pages["static"], 1)  # warm up
    run["static"] = wrk(base + pages["static"], seconds)
    for page in pages["pages"]:
        url = base + quoted(page["path"])
        fetch(url)
        run[page["path"]] = wrk(url, seconds)
        print(f"  {label}: {page['label']}: {run[page['path']]['rps']:.0f} req/s", flush=True)
    results[label] = run
    Path(out).write_text(json.dumps(results, indent=1))


def _num(value):
    return "–" if value is None else f"{value:.1f}"


def report(pages_file, results_file):
    pages = json.loads(Path(pages_file).read_text())
    results = json.loads(Path(results_file).read_text())
    for label, run in results.items():
        static = run["static"]
        warm = label.startswith("warm")
        print(f"\n### {label}\n")
        print(
            f"Static file ({pages['static_bytes']:,} bytes, whitenoise, same gunicorn): "
            f"{static['rps']:,.0f} req/s, p50 {static['p50']:.1f} ms, p99 {static['p99']:.1f} ms, "
            f"{static['errors']} errors.\n"
        )
        print(
            "| page | URL | bytes | req/s | ratio to static | p50 ms | p99 ms | errors | queries |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for page in pages["pages"]:
            row = run[page["path"]]
            queries = page["queries_warm"] if warm else page["queries"]
            print(
                f"| {page['label']} | `{page['path']}` | {page['bytes']:,} | {row['rps']:,.0f} | "
                f"{row['rps'] / static['rps']:.2f} | {_num(row['p50'])} | {_num(row['p99'])} | "
                f"{row['errors']} | {queries} |"
            )


def main():
    command, *args = sys.argv[1:]
    if command == "prepare":
        prepare(*args)
    elif command == "latency":
        latency(args[0], int(args[1]))
    elif command == "throughput":
        throughput(*args)
    elif command == "report":
        report(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

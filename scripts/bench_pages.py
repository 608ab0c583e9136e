"""Request each page N times over loopback (2 concurrent clients); print p50/p95 and req/s."""

import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PAGES = [
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
    "/ko/sdg/",
    "/ko/training/",
]


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def main():
    base, count = sys.argv[1], int(sys.argv[2])
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
    for path in PAGES:
        url = base + urllib.request.quote(path, safe="/?=&+")
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
        print(f"{path:32} {p50:8.1f} {p95:8.1f} {count / elapsed:8.1f}{note}")


if __name__ == "__main__":
    main()

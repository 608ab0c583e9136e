"""scripts/bench_pages.py, the measuring half of `make bench`: each page is measured right after
a static file of its own bytes, and the report divides by that file's throughput, row by row."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_pages.py"


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location("bench_pages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrk_row(rps, errors=0):
    return {"rps": rps, "requests": int(rps * 3), "p50": 2.0, "p99": 9.0, "errors": errors,
            "seconds": 3, "distribution": [(50.0, 2.0), (99.0, 9.0), (100.0, 9.0)]}  # fmt: skip


def test_each_page_s_static_file_is_its_own_bytes(bench, tmp_path):
    folder = tmp_path / "bench"
    folder.mkdir()
    (folder / "page.html").write_bytes(b"an earlier run's file")
    names = {
        bench.static_name(1, "text/html; charset=utf-8"): b"<!doctype html><p>home</p>",
        bench.static_name(17, "application/xml"): b"<?xml version='1.0'?><urlset/>",
    }
    bench.write_static(tmp_path, names)
    assert sorted(path.name for path in folder.iterdir()) == ["page-01.html", "page-17.xml"]
    assert (folder / "page-17.xml").read_bytes() == b"<?xml version='1.0'?><urlset/>"


def test_each_page_run_is_between_two_runs_of_its_static_file(bench, tmp_path, monkeypatch):
    pages = {
        "pages": [
            {"label": "home", "path": "/ko/", "static": "/static/bench/page-01.html"},
            {
                "label": "search",
                "path": "/ko/search/?q=서울",
                "static": "/static/bench/page-02.html",
            },
        ]
    }
    (tmp_path / "pages.json").write_text(json.dumps(pages))
    calls = []
    speeds = {
        "http://b/static/bench/page-01.html": 4000.0,
        "http://b/ko/": 1000.0,
        "http://b/static/bench/page-02.html": 2000.0,
        "http://b/ko/search/?q=%EC%84%9C%EC%9A%B8": 100.0,
    }
    # The home page's runs: the second has a burst (its slowest half percent took 40 ms).
    tails = iter([[(99.0, 5.0)], [(99.0, 6.0), (99.5, 40.0)], [(99.0, 7.0)]])

    def wrk(url, seconds):
        calls.append((url, seconds))
        row = wrk_row(speeds[url])
        if "static" in url and len(calls) > 4:  # a burst of load from the third static run on
            row["rps"] /= 2
        if url == "http://b/ko/":
            tail = next(tails)
            row["distribution"] = [(50.0, 2.0), *tail, (100.0, tail[-1][1])]
        row["requests"] = int(row["rps"] * seconds)
        row["seconds"] = seconds
        return row

    monkeypatch.setattr(bench, "wrk", wrk)
    monkeypatch.setattr(bench, "fetch", lambda url: (0.001, 200))
    monkeypatch.setenv("BENCH_SECONDS", "3")
    out = tmp_path / "throughput.json"

    bench.throughput("http://b", tmp_path / "pages.json", "page cache off", out)

    static_1, home, static_2, search = speeds
    assert calls == [
        (static_1, 1),
        (home, 1), (static_1, 1),
        (home, 1), (static_1, 1),
        (home, 1), (static_1, 1),
        (static_2, 1),
        (search, 1), (static_2, 1),
        (search, 1), (static_2, 1),
        (search, 1), (static_2, 1),
    ]  # fmt: skip
    run = json.loads(out.read_text())["page cache off"]
    # The static files: (2 × 4,000 + 2 × 2,000) / 4 s; 2,000 / 2 in every run of the second.
    assert [run[page["path"]]["static"]["rps"] for page in pages["pages"]] == [
        pytest.approx(3_000),
        pytest.approx(1_000),
    ]
    assert [bench._ratio(run[page["path"]]) for page in pages["pages"]] == [
        pytest.approx(1 / 3),
        pytest.approx(0.1),
    ]
    # p50 and p99 of all the page's requests: of the 3,000, 5 took 40 ms (not 1 %).
    assert (run["/ko/"]["p50"], run["/ko/"]["p99"]) == (2.0, 7.0)
    assert (run["/ko/"]["requests"], run["/ko/"]["seconds"]) == (3000, 3)


@pytest.mark.parametrize(("point", "expected"), [(50, 4.0), (90, 5.0), (99, 30.0)])
def test_percentiles_of_several_runs_weigh_each_run_by_its_requests(bench, point, expected):
    fast = {"requests": 900, "distribution": [(50.0, 2.0), (90.0, 4.0), (100.0, 5.0)]}
    slow = {"requests": 100, "distribution": [(10.0, 3.0), (50.0, 20.0), (100.0, 30.0)]}
    # Of the 1,000 requests, those within 2 ms: 450; 3 ms: 460; 4 ms: 820; 5 ms: 910; 20 ms:
    # 950; 30 ms: all.
    assert bench.merged_percentile([fast, slow], point) == expected
    assert bench.merged_percentile([{"requests": 0, "distribution": []}], 50) is None


def test_the_report_gives_each_row_its_static_file_and_says_what_is_cached(
    bench, tmp_path, monkeypatch, capsys
):
    page = {
        "label": "news list, page 1",
        "path": "/ko/news/",
        "static": "/static/bench/page-01.html",
        "bytes": 20_000,
        "queries": 1,
        "queries_warm": 0,
        "queries_nothing_cached": 6,
        "in_process_ms": 2.5,
        "in_process_nothing_cached_ms": 9.25,
        "fragments": ["main-nav", "news-card", "site-footer"],
        "related_ms": None,
    }
    pages = {"pages": [page], "volumes": {"published news items": 10}, "postgres": "15",
             "django": "5.2"}  # fmt: skip
    (tmp_path / "bench-pages.json").write_text(json.dumps(pages))
    off, warm = wrk_row(600.0), wrk_row(3900.0)
    off["static"], warm["static"] = wrk_row(4000.0), wrk_row(4100.0, errors=1)
    results = {"page cache off": {"/ko/news/": off}, "warm page cache": {"/ko/news/": warm}}
    (tmp_path / "bench-throughput.json").write_text(json.dumps(results))
    latency = {"requests": 10, "rows": [{"path": "/ko/news/?q=연수", "p50": 20.0, "p95": 40.0,
                                         "rps": 80.0, "errors": 0}]}  # fmt: skip
    (tmp_path / "bench-latency.json").write_text(json.dumps(latency))
    (tmp_path / "bench-stages.tsv").write_text("latency table\t12.0\n")
    (tmp_path / "bench-load.txt").write_text("1700000000 1.2\n")
    monkeypatch.setenv("BENCH_SECONDS", "3")

    bench.report(tmp_path)
    text = capsys.readouterr().out

    assert (
        "| news list, page 1 | `/ko/news/` | 20,000 | 600 | 4,000 | 0.15 | 2.0 | 9.0 | 0 | 1 |"
        " 2.5 | 9.2 (6) |" in text
    )
    assert (
        "| news list, page 1 | `/ko/news/` | 20,000 | 3,900 | 4,100 | 0.95 | 2.0 | 9.0 | 0 | 0 |\n"
        in text
    )
    assert "Errors of the static files: 1." in text
    assert "| news list, page 1 | `main-nav`, `news-card`, `site-footer` |" in text
    assert "`PAGE_CACHE_SECONDS=0` and `SEARCH_RESULTS_CACHE=false`: no page and no search" in text
    assert "| news list, page 1 | 0.95 | 9.0 ms | 0 | 0.15 | 1 | 0 | yes |" in text

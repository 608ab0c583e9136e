"""Fuzzing (hypothesis): hostile input on every URL pattern, every public form and every admin
changelist filter. Whatever arrives, the answer is never a server error (5xx).

The input classes: control characters and NUL, lone surrogates (as the UTF-8 bytes a broken
client sends), every Unicode digit class (isdigit() accepts them, int() refuses some and
reads others), overlong values, numbers beyond any column, markup and quotes, wrong HTTP
methods and bodies declared in other charsets. Each test first sweeps every target with every
class (deterministic: nothing is left to chance), then lets hypothesis mix them at random. The
number of requests is printed at the end of the run ("security figures") and kept for
docs/security.md. Kept short for CI: 60 random cases per test (FUZZ_EXAMPLES for more).
"""

import os
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import figures
from tests.training.factories import NominationFactory, ProgrammeFactory
from tests.urlwalk import encode, routes

pytestmark = pytest.mark.django_db

# Random cases per test: short in `make test`; FUZZ_EXAMPLES=5000 make test ARGS=tests/test_fuzz.py
# for a long run.
RANDOM_CASES = int(os.environ.get("FUZZ_EXAMPLES", "60"))


def _digit_classes():
    """One number written in each decimal digit system of Unicode (Arabic-Indic, Devanagari,
    full-width, mathematical…), and every other character isdigit() accepts (superscripts,
    circled and subscript digits…)."""
    systems = {}
    others = []
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) == "Nd" and unicodedata.digit(char) == 0:
            systems[code] = "".join(chr(code + d) for d in (2, 0, 2, 4))
        elif char.isdigit() and not char.isdecimal():
            others.append(char)
    return list(systems.values()), others


DIGIT_SYSTEMS, OTHER_DIGITS = _digit_classes()
HOSTILE = {
    "NUL": "a\x00b",
    "control characters": "\x01\x08\x1b[31m\x7f",
    "line breaks": "x\r\ny\n",
    "lone surrogates": "\ud800x\udfff",
    "BOM and bidi override": "\ufeff\u202eabc",
    "superscript digit": "²",
    "Arabic-Indic year": "٢٠٢٤",
    "full-width year": "２０２４",
    "overlong": "가" * 5000,
    "beyond bigint": "9" * 40,
    "negative": "-1",
    "markup and quotes": "<script>alert(1)</script>'\"",
    "SQL": "' OR '1'='1' --",
    "format strings": "%s%n{0}%(x)s",
    "path traversal": "../../../etc/passwd",
    "empty": "",
}
# For the deterministic sweeps: every class above once, and the digit classes as one value of
# every non-decimal digit (isdigit() True, int() fails) plus a sample of the decimal systems
# (int() reads them); tests/archive_portal/test_numbers.py checks every digit one by one.
# The classes most likely to break a filter, for the sweep of every filter of every model.
CORE = [HOSTILE[k] for k in ("NUL", "lone surrogates", "superscript digit", "Arabic-Indic year",
                             "overlong", "beyond bigint", "negative")]  # fmt: skip
SWEEP = [*HOSTILE.values(), "".join(OTHER_DIGITS), *DIGIT_SYSTEMS[::12], *OTHER_DIGITS[::40]]
hostile_text = st.one_of(
    st.sampled_from(list(HOSTILE.values())),
    st.sampled_from(DIGIT_SYSTEMS + OTHER_DIGITS),
    st.text(st.characters(exclude_categories=()), max_size=30),  # lone surrogates included
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=2).map(lambda t: t * 3000),
)
FUZZ_SETTINGS = settings(
    max_examples=RANDOM_CASES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def query(params):
    """A query string as a hostile client writes it (surrogates kept as their bytes)."""
    return "&".join(f"{encode(key)}={encode(value)}" for key, value in params)


def form_body(params):
    return query(params).encode("ascii")


class Outcome:
    """Requests made and server errors seen by one test."""

    def __init__(self, name):
        self.name, self.requests, self.errors = name, 0, []

    def check(self, response, what):
        self.requests += 1
        if response.status_code >= 500:
            self.errors.append((response.status_code, what))

    def report(self):
        figures.add("fuzz: requests", self.requests)
        figures.add("fuzz: 5xx answers", len(self.errors))
        figures.add(f"fuzz: requests, {self.name}", self.requests)
        assert self.errors == [], self.errors[:20]


@pytest.fixture
def site(client, superuser):
    call_command("load_seed_content", verbosity=0)
    programme = ProgrammeFactory(slug="open-for-fuzzing")  # open: its form takes nominations
    NominationFactory(programme=programme)
    client.raise_request_exception = False  # a 500 is an answer to count, not a crash
    return programme


@pytest.fixture
def few_rows(client, superuser):
    """A row or two per model: the changelist filters are the target, not long lists (a full
    page of the seeded SDG plan takes half a second to render)."""
    from tests.news.factories import NewsItemFactory
    from tests.publications.factories import PublicationFactory

    NewsItemFactory()
    PublicationFactory()
    NominationFactory()
    client.raise_request_exception = False


def param_routes():
    return [route for route in routes() if route.params]


def representatives(all_routes):
    """One route per shape: the admin's add/change/delete/history routes are the same code for
    every model, so the sweeps take them for one model (the random cases reach all of them)."""
    seen, chosen = set(), []
    for route in all_routes:
        parts = route.template.split("/")
        shape = route.template
        if route.is_admin and len(parts) > 3 and parts[1] not in ("r",):
            shape = "/".join(["admin", "<app>", "<model>", *parts[3:]])
        if shape not in seen:
            seen.add(shape)
            chosen.append(route)
    return chosen


def login_for(client, route, superuser):
    """Admin routes as a superuser (the views then run), the rest anonymously."""
    client.logout()
    if route.is_admin:
        client.force_login(superuser)


# 1. Every URL pattern with parameters ---------------------------------------------------------


def test_every_url_pattern_with_hostile_parameters(client, site, superuser):
    outcome = Outcome("URL patterns")
    for route in representatives(param_routes()):
        login_for(client, route, superuser)
        for value in SWEEP:
            url = route.url([value] * len(route.params))
            outcome.check(client.get(url), url)

    @FUZZ_SETTINGS
    @given(data=st.data())
    def random_cases(data):
        route = data.draw(st.sampled_from(param_routes()))
        values = [data.draw(hostile_text) for _ in route.params]
        login_for(client, route, superuser)
        url = route.url(values)
        outcome.check(client.get(url), url)

    random_cases()
    outcome.report()


# 2. Every admin changelist filter -------------------------------------------------------------


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href", "").startswith("?"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(),
                          "action": attrs.get("action") or "", "fields": set()}  # fmt: skip
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form and attrs.get("name"):
            self._form["fields"].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse(html):
    parser = LinkParser()
    parser.feed(html)
    return parser


def changelist_filters(client):
    """(changelist URL, its filter parameter names) for every registered model: the names are
    read from the page's own filter links, plus search, ordering, page and date hierarchy."""
    found = []
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        html = client.get(url).content.decode()
        names = {"q", "o", "p", "e", "_facets", "all", "_popup", "_to_field"}
        for link in parse(html).links:
            names.update(key for key, _ in parse_qsl(link[1:], keep_blank_values=True))
        if model_admin.date_hierarchy:
            names.update(
                f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")
            )
        names.update(
            f"{field}__exact" for field in model_admin.list_filter if isinstance(field, str)
        )
        found.append((url, sorted(names)))
    return found


def test_every_admin_changelist_filter(client, few_rows, superuser):
    outcome = Outcome("admin changelist filters")
    client.force_login(superuser)
    targets = changelist_filters(client)
    assert len(targets) >= 15
    for url, names in targets:
        # Each filter on its own, with the classes in turn; then every filter at once, per class
        # (the nominations' filters, personal data, with every class on its own).
        for index, name in enumerate(names):
            values = (
                HOSTILE.values()
                if url.startswith("/admin/training/")
                else [CORE[index % len(CORE)]]
            )
            for value in values:
                outcome.check(client.get(f"{url}?{query([(name, value)])}"), (url, name, value))
        for value in CORE:
            params = [(name, value) for name in names]
            outcome.check(client.get(f"{url}?{query(params)}"), (url, value))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def random_cases(data):
        url, names = data.draw(st.sampled_from(targets))
        params = data.draw(st.lists(st.tuples(st.sampled_from(names), hostile_text), max_size=4))
        outcome.check(client.get(f"{url}?{query(params)}"), (url, params))

    random_cases()
    outcome.report()


# 3. Every public form and every list page's parameters ----------------------------------------


def public_forms(client, programme):
    """(method, action URL, field names) of every form on every public page without parameters,
    the programme's page and its nomination form."""
    pages = [route.url() for route in routes() if not route.params and not route.is_admin]
    pages += [programme.get_absolute_url(), f"{programme.get_absolute_url()}apply/"]
    forms = set()
    for page in pages:
        response = client.get(page)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for form in parse(response.content.decode()).forms:
            action = urlsplit(form["action"]).path or page
            forms.add((form["method"], action, tuple(sorted(form["fields"]))))
    return sorted(forms)


def test_every_public_form_and_list_parameter(client, site):
    outcome = Outcome("public forms")
    forms = public_forms(client, site)
    assert any(method == "post" and action.endswith("/apply/") for method, action, _ in forms)
    assert any(method == "get" and action == "/ko/search/" for method, action, _ in forms), forms

    def send(method, action, params):
        if method == "post":
            return client.generic("POST", action, form_body(params),
                                  content_type="application/x-www-form-urlencoded")  # fmt: skip
        return client.get(f"{action}?{query(params)}")

    for method, action, fields in forms:
        for value in [
            *CORE,
            "".join(OTHER_DIGITS),
            DIGIT_SYSTEMS[5],
            HOSTILE["control characters"],
        ]:
            outcome.check(send(method, action, [(f, value) for f in fields]), (action, value))
        for index, field in enumerate(fields):
            value = CORE[index % len(CORE)]
            outcome.check(send(method, action, [(field, value)]), (action, field, value))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def random_cases(data):
        method, action, fields = data.draw(st.sampled_from(forms))
        names = st.sampled_from(fields) if fields else st.just("q")
        params = data.draw(st.lists(st.tuples(st.one_of(names, hostile_text), hostile_text),
                                    max_size=6))  # fmt: skip
        outcome.check(send(method, action, params), (action, params))

    random_cases()
    outcome.report()


# 4. Wrong methods and charsets on every URL pattern -------------------------------------------

METHODS = ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
CHARSETS = ["utf-16", "cp037", "x-unknown", "utf-8"]


def test_wrong_methods_and_charsets_on_every_url_pattern(client, site, superuser):
    outcome = Outcome("methods and charsets")
    for route in representatives(routes()):
        login_for(client, route, superuser)
        url = route.url(["x"] * len(route.params))
        for method in METHODS:
            outcome.check(client.generic(method, url, b"a=b"), (method, url))
        for charset in CHARSETS:
            body = "q=서울&name=\ud800".encode("utf-16" if charset == "utf-16" else "utf-8",
                                              "surrogatepass")  # fmt: skip
            content_type = f"application/x-www-form-urlencoded; charset={charset}"
            response = client.generic("POST", url, body, content_type=content_type)
            outcome.check(response, (charset, url))
            if charset != "utf-8":
                assert response.status_code == 400, (charset, url)
        response = client.generic(
            "POST", url, b"--x\r\n", content_type="multipart/form-data; boundary=x"
        )
        outcome.check(response, ("broken multipart", url))
    outcome.report()


def test_the_digit_classes_cover_unicode():
    assert len(DIGIT_SYSTEMS) >= 60  # every decimal system Unicode has
    assert len(OTHER_DIGITS) >= 100  # superscripts, circled, parenthesised, subscripts…
    assert re.fullmatch(r"\d+", DIGIT_SYSTEMS[1])  # Python's \d matches them: the trap

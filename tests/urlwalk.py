"""Every URL pattern of the site, walked from the root resolver, as templates to fill in.

Used by the access walk (tests/test_access_walk.py) and the fuzzing (tests/test_fuzz.py): a new
page is covered by both as soon as it has a URL, with no list to keep up to date.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLResolver, get_resolver

_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?[^()]*\)")


def encode(value):
    """A path segment or parameter as a browser (or an attacker) would send it: UTF-8,
    percent-encoded, lone surrogates included (as the bytes a broken client sends)."""
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="")


@dataclass(frozen=True)
class Route:
    pattern: str  # as Django shows it: "ko/news/<news_slug:slug>/"
    template: str  # "ko/news/{0}/"
    params: tuple  # the parameters' names, in order
    name: str | None

    def url(self, values=()):
        """The path with `values` (raw text, percent-encoded here) for the parameters."""
        return "/" + self.template.format(*(encode(v) for v in values))

    @property
    def is_admin(self):
        return self.template.startswith("admin/")


def _raw_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _raw_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def routes():
    found = []
    for raw, name in _raw_routes(get_resolver().url_patterns):
        params = []

        def placeholder(match, params=params):
            params.append(match.group("name") or f"arg{len(params)}")
            return f"{{{len(params) - 1}}}"

        # Regular-expression groups first: "(?P<url>.*)" would otherwise read as a route's <url>.
        template = _REGEX_GROUP.sub(placeholder, raw.replace("^", "").replace("$", ""))
        template = _ROUTE_PARAM.sub(placeholder, template)
        found.append(Route(raw, template, tuple(params), name))
    return found

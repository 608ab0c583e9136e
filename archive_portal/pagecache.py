"""The whole-page cache in front of every anonymous public GET, and honest Cache-Control headers.

What is cached: a 200 response to a GET or HEAD from a visitor without a session, whose path
carries its language (/ko/…, /en/…) or whose view is marked `language_independent` (the
sitemaps), that sets no cookie, varies on no cookie and has no Cache-Control of its own. Forms
(their CSRF token adds `Vary: Cookie` and a cookie), private links, confirmations and previews
(`never_cache`), the admin (a session) and anything personal therefore never are; every response
the cache does not keep is sent `Cache-Control: private, no-store` unless its view said otherwise.

The key: the site's content generation, the next scheduled change, the host and the path with
its query string normalised (parameters sorted). The language is the path's prefix.

Invalidation, in every worker and every instance: the content generation is a PostgreSQL
sequence (one value for every process whatever the cache backend), advanced once the transaction
that saved or deleted a public model commits (each Section names its `public_models`; signals,
connected in ArchivePortalConfig.ready). Each process reads it at most once every
`PAGE_CACHE_CHECK_SECONDS` (1 s by default), and at once after a change it made itself; entries
of an older generation are never read again and expire. Scheduled content: each Section's
`next_change()` gives the next moment its pages change with no edit (a news item's publication
time, a call's deadline, the next midnight in Seoul); entries never outlive the earliest, and
that moment is part of the key.

Responses the cache kept say `X-Page-Cache: miss`, and `hit` when served from it.

Settings: PAGE_CACHE_SECONDS (how long an entry lives at most; 0 turns the cache off, headers
stay), PAGE_CACHE_MAX_AGE and PAGE_CACHE_STALE_WHILE_REVALIDATE (what browsers and a reverse
proxy are told), PAGE_CACHE_ALIAS (which of CACHES holds the pages).
"""

import hashlib
import threading
import time
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import get_language_from_path

from archive_portal import sections

MAX_QUERY_LENGTH = 1000
# Headers a cached response never repeats: they belong to the request that made it.
_PER_REQUEST_HEADERS = {"set-cookie", "date", "cache-control", "etag", "x-page-cache"}
# Where a response may vary and still be the same for every visitor of its URL.
_LANGUAGE_INDEPENDENT_VARY = {"accept-language"}


# --- The content generation -----------------------------------------------------------------


def read_generation():
    """The site's content generation: advanced by every change of a public model."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
            " FROM archive_portal_content_generation"
        )
        return cursor.fetchone()[0]


def _advance():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('archive_portal_content_generation')")
    _process.stale = True


def content_changed(**kwargs):
    """Retire every cached page: public content has changed. Signal receiver; also called by
    code that writes public models without signals (bulk_create, queryset.update).

    The generation advances once the transaction commits: a page
    rendered by another process before the change is visible is then never kept under the new
    generation."""
    _process.stale = True  # this process looks again at its next request
    transaction.on_commit(_advance)  # at once outside a transaction


def _m2m_changed(action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed()


def connect_signals():
    """Advance the generation whenever a public model (or one of its many-to-many links) is
    saved or deleted: called once, from ArchivePortalConfig.ready()."""
    for label in sections.public_models():
        model = apps.get_model(label)
        uid = f"pagecache:{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


class _ProcessState(threading.local):
    """What this process (thread) last learned: the generation, when it looked, and the next
    scheduled change."""

    generation = None
    checked_at = float("-inf")
    horizon = None
    stale = True


_process = _ProcessState()


def reset():
    """Forget what this process knows (tests)."""
    _process.generation = None
    _process.horizon = None
    _process.checked_at = float("-inf")
    _process.stale = True


def next_change(now):
    """The earliest moment after `now` at which some public page changes with no edit."""
    moments = [section.next_change(now) for section in sections.sections() if section.next_change]
    return min((m for m in moments if m is not None and m > now), default=None)


def current():
    """(generation, horizon): checked against the database at most once every
    PAGE_CACHE_CHECK_SECONDS, at once after a change made here or when the horizon has come."""
    clock = time.monotonic()
    now = timezone.now()
    state = _process
    passed = state.horizon is not None and now >= state.horizon
    if state.stale or passed or clock - state.checked_at >= settings.PAGE_CACHE_CHECK_SECONDS:
        generation = read_generation()
        if generation != state.generation or passed or state.horizon is None:
            state.horizon = next_change(now)
        state.generation = generation
        state.checked_at = clock
        state.stale = False
    return state.generation, state.horizon


def generation_seen():
    """The generation this process last read, without asking the database: for small caches
    of other parts (the footer's partners) that must change when the content does."""
    return _process.generation


# --- Requests and responses -----------------------------------------------------------------

_hit_hooks = {}


def on_hit(name):
    """Register a function to run when a cached page is served instead of its view, for the
    little a view does besides rendering (counting a news item's views). The view names it with
    `run_on_hit(response, name, *args)`."""

    def register(function):
        _hit_hooks[name] = function
        return function

    return register


def run_on_hit(response, name, *args):
    response.page_cache_hit = (name, args)
    return response


def language_independent(view):
    """Mark a view outside the language prefixes whose response is the same in every language
    (the sitemaps): it may be cached although LocaleMiddleware adds `Vary: Accept-Language`."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_language_independent = True
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def normalised_query(request):
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return urlencode(sorted(pairs))


def page_key(request, generation, horizon):
    until = int(horizon.timestamp()) if horizon else 0
    page = f"{request.get_host()}{request.path}?{normalised_query(request)}"
    digest = hashlib.sha256(page.encode()).hexdigest()
    return f"page:{generation}:{until}:{digest}"


def _may_serve(request):
    """A request the cache may answer: an anonymous GET or HEAD outside the admin."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # staff, or a visitor with a message waiting: their own page
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)


def _may_store(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Cache-Control"):
        return False  # the view decided (never_cache, or a choice of its own)
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if getattr(response, "page_cache_language_independent", False):
        vary -= _LANGUAGE_INDEPENDENT_VARY
    elif not get_language_from_path(request.path):
        return False  # its language came from the visitor's headers or cookie
    return not vary


def _public_headers(response, ttl):
    max_age = max(0, min(settings.PAGE_CACHE_MAX_AGE, int(ttl)))
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'


def _private(response):
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private, no-store"
    return response


def _not_modified(request, etag):
    match = request.META.get("HTTP_IF_NONE_MATCH")
    return bool(match) and (etag in parse_etags(match) or match.strip() == "*")


def _not_modified_response(etag, ttl):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    _public_headers(response, ttl)
    return response


class CachedPage:
    """What the cache keeps of a response (pickled by the cache backend)."""

    __slots__ = ("status", "content", "headers", "etag", "hook")

    def __init__(self, response):
        self.status = response.status_code
        self.content = response.content
        self.headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _PER_REQUEST_HEADERS
        ]
        self.etag = response["ETag"]
        self.hook = getattr(response, "page_cache_hit", None)

    def __getstate__(self):
        return (self.status, self.content, self.headers, self.etag, self.hook)

    def __setstate__(self, state):
        self.status, self.content, self.headers, self.etag, self.hook = state

    def response(self, request, ttl):
        if self.hook and self.hook[0] in _hit_hooks:
            _hit_hooks[self.hook[0]](*self.hook[1])
        if _not_modified(request, self.etag):
            return _not_modified_response(self.etag, ttl)
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        response["X-Page-Cache"] = "hit"
        _public_headers(response, ttl)
        return response


class PublicPageCacheMiddleware:
    """Serve anonymous public GETs from the page cache; store what may be stored; send honest
    Cache-Control headers. Placed after the security and static-file middleware, before the
    session: a hit touches neither the session, the language machinery nor the database (but
    for the generation check, at most once a second)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_serve(request):
            return _private(self.get_response(request))
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0:  # the cache is off: pages still say what a proxy may do
            response = self.get_response(request)
            if _may_store(request, response):
                _public_headers(response, settings.PAGE_CACHE_MAX_AGE)
                return response
            return _private(response)

        try:
            generation, horizon = current()
        except DatabaseError:  # no database: no cached page either (healthz says 503)
            return _private(self.get_response(request))
        ttl = seconds
        if horizon is not None:
            ttl = min(ttl, (horizon - timezone.now()).total_seconds())
        store = caches[settings.PAGE_CACHE_ALIAS]
        key = page_key(request, generation, horizon)
        cached = store.get(key)
        if cached is not None:
            return cached.response(request, ttl)

        response = self.get_response(request)
        if not _may_store(request, response):
            return _private(response)
        _public_headers(response, ttl)
        if ttl >= 1:
            store.set(key, CachedPage(response), int(ttl))
            response["X-Page-Cache"] = "miss"
        if _not_modified(request, response["ETag"]):
            return _not_modified_response(response["ETag"], ttl)
        return response

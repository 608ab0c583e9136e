"""Cached fragments of pages: the parts that cost most to build, kept under the content generation.

The whole-page cache (archive_portal/pagecache.py) answers a repeated request; this keeps what
many different requests share, and works when that cache is off (PAGE_CACHE_SECONDS=0) or cannot
serve (a staff visitor, a new query string): the SDG overview and indicator table, the home
page's blocks, the footer, the filters' choices.

A fragment is invalidated exactly like a cached page. Its key holds the site's content
generation and the next scheduled change (`pagecache.current()`: the generation a PostgreSQL
sequence advanced by every change of a public model, read by each process at most once every
PAGE_CACHE_CHECK_SECONDS and at once after a change it made itself), so an edit shows in every
worker and every instance within that interval, and nothing outlives a scheduled publication or
deadline. The key also holds the page's language and what the fragment varies on.

What may be cached: output that depends only on public content, the language and the `vary`
values given; never anything personal, a CSRF token or a session's data.

`FRAGMENT_CACHE_SECONDS` (600 by default) bounds an entry's life; 0 turns fragments off (the
test suite does, except where it tests them). The cache is `PAGE_CACHE_ALIAS`'s: Redis through
CACHE_URL when several instances run, one per process otherwise.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import get_language

from archive_portal import pagecache

_MISSING = object()


def key(name, vary=()):
    """The cache key of fragment `name` for these `vary` values now, or None when fragments are
    off or the content generation cannot be read (no database: render, keep nothing)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    try:
        generation, horizon = pagecache.current()
    except DatabaseError:
        return None
    until = int(horizon.timestamp()) if horizon else 0
    digest = hashlib.sha256(repr(tuple(vary)).encode()).hexdigest()[:32]
    return f"fragment:{generation}:{until}:{get_language()}:{name}:{digest}"


def _ttl():
    _generation, horizon = pagecache.current()
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if horizon is not None:
        seconds = min(seconds, int((horizon - timezone.now()).total_seconds()))
    return seconds


def cached(name, build, *vary):
    """What `build()` returns (HTML or any picklable value), from the cache when an entry of the
    current generation and language exists for `name` and `vary`; built and kept otherwise."""
    cache_key = key(name, vary)
    if cache_key is None:
        return build()
    store = caches[settings.PAGE_CACHE_ALIAS]
    value = store.get(cache_key, _MISSING)
    if value is _MISSING:
        value = build()
        ttl = _ttl()
        if ttl >= 1:
            store.set(cache_key, value, ttl)
    return value


_process_values = {}
# At most this many values per process (the oldest are dropped first): values that vary on a
# visitor's input (a query string) cannot fill the memory.
PROCESS_MAX_ENTRIES = 1000


def process_cached(name, build, *vary):
    """What `build()` returns, kept in this process (not pickled: for objects read on many
    requests, such as the small search sources' rows) under the content generation and the next
    scheduled change, and the `vary` values, like a cached fragment. Callers must not change
    what they get."""
    cache_key = key(name, vary)
    if cache_key is None:
        return build()
    value = _process_values.get(cache_key, _MISSING)
    if value is _MISSING:
        stale = [k for k in _process_values if k.split(":", 3)[:3] != cache_key.split(":", 3)[:3]]
        for old in stale:  # entries of an older generation are never read again
            del _process_values[old]
        while len(_process_values) >= PROCESS_MAX_ENTRIES:
            del _process_values[next(iter(_process_values))]
        value = _process_values[cache_key] = build()
    return value


def reset():
    """Forget this process's values (tests)."""
    _process_values.clear()


class Lazy:
    """A template context value computed on first use, once: the expensive context of a cached
    fragment costs nothing (no query) when the fragment comes from the cache. Templates call it
    (it is callable) and get the value."""

    def __init__(self, function, *args):
        self._function = function
        self._args = args
        self._value = _MISSING

    def __call__(self):
        if self._value is _MISSING:
            self._value = self._function(*self._args)
        return self._value


def lazy_context(function, *names):
    """{name: lazy function()[name]}: one call of `function` (returning a dict) shared by the
    names, made when the template first reads one of them."""
    shared = Lazy(function)
    return {name: Lazy(lambda name=name: shared()[name]) for name in names}

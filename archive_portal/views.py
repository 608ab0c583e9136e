import datetime
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal import fragments, sections
from archive_portal.fragments import Lazy
from archive_portal.lib.richtext import render_body
from archive_portal.lib.structured_data import website
from archive_portal.lib.timezone import seoul_today
from archive_portal.models import InfoPageVersion


def _home_blocks():
    return [(block.template, block.selector()) for block in sections.home_blocks()]


@require_safe
def home(request):
    # The blocks' queries run only when their cached fragment is missing (fragments.py); the
    # site's JSON-LD (absolute URLs: per host) kept as well, not built on each request.
    structured_data = fragments.cached(
        "home-structured-data", lambda: website(request), request.scheme, request.get_host()
    )
    return render(
        request, "home.html", {"blocks": Lazy(_home_blocks), "structured_data": structured_data}
    )


def _version_in_force(versions, effective_on, today):
    """The version to show: the one of that date, or else the latest in force today."""
    if effective_on is not None:
        return next((v for v in versions if v.effective_on == effective_on), None)
    return next((v for v in versions if v.effective_on <= today), None)


@require_safe
def info_page(request, kind, effective_on=None):
    """An information page (about, privacy policy, accessibility, terms, contact) in its version
    in force today, or an earlier version by its date; with the list of versions. One query."""
    if effective_on is not None:
        try:
            effective_on = datetime.date.fromisoformat(effective_on)
        except ValueError:
            raise Http404("No such date.") from None
    versions = list(
        InfoPageVersion.objects.filter(page__kind=kind)
        .select_related("page")
        .order_by("-effective_on")
    )
    today = seoul_today()
    version = _version_in_force(versions, effective_on, today)
    if version is None:
        raise Http404("This page has no version in force.")
    current = _version_in_force(versions, None, today)
    # The version that followed the one shown: the end of its time in force.
    later = [v for v in versions if v.effective_on > version.effective_on]
    context = {
        "page": version.page,
        "version": version,
        "is_current": version == current,
        "current": current,
        "superseded_on": later[-1].effective_on if later and version != current else None,
        "upcoming": [v for v in versions if v.effective_on > today],
        "history": [v for v in versions if v.effective_on <= today],
        "body_html": render_body(version.body),
    }
    return render(request, "info_page.html", context)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    body = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


# How long a client should wait before trying again while the database is away (seconds).
RETRY_AFTER_SECONDS = 30


def database_unavailable(exc):
    """Whether `exc` (or what caused it) means the database cannot be reached: down,
    restarting, the connection lost. A fault in the code (ProgrammingError, DataError…) is not."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def service_unavailable(request=None):
    """The 503 page, in both languages, rendered without the database or any context processor:
    it must work while PostgreSQL is down."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: Django calls it for any exception a view or middleware let through, from
    inside its `except` block. When the database is unreachable that is no fault of the page: the
    friendly 503 page (with Retry-After) instead. Otherwise the 500 page: a static template
    rendered without context processors or the database."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())

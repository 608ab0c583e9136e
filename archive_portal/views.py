import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal import sections
from archive_portal.fragments import Lazy
from archive_portal.lib.structured_data import website


def _home_blocks():
    return [(block.template, block.selector()) for block in sections.home_blocks()]


@require_safe
def home(request):
    # The blocks' queries run only when their cached fragment is missing (fragments.py).
    return render(
        request, "home.html", {"blocks": Lazy(_home_blocks), "structured_data": website(request)}
    )


@require_safe
def about(request):
    return render(request, "about.html")


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

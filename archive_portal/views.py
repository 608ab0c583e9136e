from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal.lib.structured_data import website
from news.selectors import home_block as news_home_block
from publications.selectors import home_block as publications_home_block
from sdg_plan.selectors import home_block as sdg_home_block
from training.selectors import home_block as training_home_block


@require_safe
def home(request):
    context = {
        "news_block": news_home_block(),
        "publications_block": publications_home_block(),
        "training_block": training_home_block(),
        "sdg_block": sdg_home_block(),
        "structured_data": website(request),
    }
    return render(request, "home.html", context)


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


def server_error(request):
    """The 500 page: a static template rendered without context processors or the database."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())

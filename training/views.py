"""Public pages of the invited training: programmes, the nomination form, the private link.

The programme list and pages are the same for every visitor (cacheable). The form pages, the
confirmation and the private-link pages are per visitor: never cached, and never indexed.
"""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from training import consent, services
from training.flow import NominationFlow
from training.models import Nomination, Programme, hash_token
from training.selectors import programme_list, schedule_rows
from training.structured_data import programme_event

RATE_WINDOW = 60 * 60
CONFIRMATION_KEY = "training-confirmation"  # the session's last sent nomination, for apply_done


@require_safe
def index(request):
    return render(request, "training/index.html", programme_list())


@require_safe
def detail(request, slug):
    programme = get_object_or_404(
        Programme.objects.published().prefetch_related("schedule"), slug=slug
    )
    context = {
        "programme": programme,
        "status": programme.status,
        "schedule_rows": schedule_rows(programme.schedule.all()),
        "structured_data": programme_event(programme, request),
    }
    return render(request, "training/detail.html", context)


# --- The nomination form (its steps are training/flow.py) ---------------------------------


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: the private link never leaves the site in a Referer header,
    # and browsers still send the Origin header that CSRF protection checks on POST.
    response["Referrer-Policy"] = "same-origin"
    return response


def _nomination_for_token(token):
    nomination = (
        Nomination.objects.select_related("programme")
        .filter(access_token_hash=hash_token(token), anonymised_at__isnull=True)
        .first()
    )
    if nomination is None:
        raise Http404("No nomination")
    return nomination


def _closed_page(request, programme, nomination=None):
    response = render(
        request,
        "training/apply_closed.html",
        {"programme": programme, "status": programme.status, "nomination": nomination},
        status=200 if request.method == "GET" else 409,
    )
    return _no_index(response)


def _form_page(request, flow):
    if request.method == "POST":
        forms, ready = flow.post_form(request.session, request.POST)
        if ready:
            return redirect(flow.urls["check"])
    else:
        forms = flow.show_form(request.session)
    context = {
        "programme": flow.programme,
        "nomination": flow.nomination,
        "parts": forms,
        "errors": forms.error_list(),
        "urls": flow.urls,
        "can_add_trainee": forms.trainees.total_form_count() < flow.programme.trainees_per_country,
        "notice_items": consent.NOTICE_ITEMS,
        "notice_trainees": consent.NOTICE_TRAINEES,
        "notice_version": consent.NOTICE_VERSION,
    }
    return _no_index(render(request, "training/apply.html", context))


def _check_page(request, flow):
    forms = flow.checked_forms(request.session)
    if forms is None:
        return redirect(flow.urls["form"])
    errors, status = [], 200
    if request.method == "POST":
        try:
            return _send(request, flow, forms)
        except ValidationError as exc:
            status = 429 if getattr(exc, "code", None) == "rate_limited" else 409
            errors = flow.error_links(exc)
    context = {
        "programme": flow.programme,
        "nomination": flow.nomination,
        **forms.answers(),
        "urls": flow.urls,
        "errors": errors,
        "notice_version": consent.NOTICE_VERSION,
    }
    return _no_index(render(request, "training/check.html", context, status=status))


def _send(request, flow, forms):
    """Send the checked answers (new nominations within the rate limit); where to go next."""
    if flow.nomination is not None:
        flow.send(request.session, forms, language=get_language())
        messages.success(request, _("Your changes have been saved."))
        return redirect(flow.urls["cancel"])
    if _rate_limited(request):
        raise ValidationError(
            _(
                "Too many nominations were sent from your network address in the last hour. "
                "Try again later, or contact the person named below."
            ),
            code="rate_limited",
        )
    created = flow.send(request.session, forms, language=get_language())
    _count_submission(request)
    request.session[CONFIRMATION_KEY] = created.pk
    return redirect("training:apply_done", slug=flow.programme.slug)


def client_address(request):
    """The visitor's network address for the rate limit.

    Behind the reverse proxy REMOTE_ADDR is the proxy's own address; with
    TRAINING_TRUST_X_FORWARDED_FOR on, the last address the proxy appended is used instead (the
    earlier ones are whatever the client chose to send).
    """
    if settings.TRAINING_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "unknown")


def _rate_key(request):
    return f"training-submit:{client_address(request)}"


def _rate_limited(request):
    return cache.get(_rate_key(request), 0) >= settings.TRAINING_SUBMISSIONS_PER_HOUR


def _count_submission(request):
    key = _rate_key(request)
    if cache.add(key, 1, RATE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, RATE_WINDOW)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    if not programme.is_open:
        return _closed_page(request, programme)
    return _form_page(request, NominationFlow(programme))


@never_cache
@require_http_methods(["GET", "POST"])
def apply_check(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    if request.method == "GET" and not programme.is_open:
        return _closed_page(request, programme)
    # On POST the service checks the deadline at submit time and says so on this page.
    return _check_page(request, NominationFlow(programme))


@never_cache
@require_safe
def apply_done(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    pk = request.session.get(CONFIRMATION_KEY)
    nomination = (
        Nomination.objects.filter(pk=pk, programme=programme, anonymised_at__isnull=True)
        .prefetch_related("trainees", "milestones")
        .first()
        if pk
        else None
    )
    if nomination is None:
        return redirect(programme.get_absolute_url())
    context = {"programme": programme, "nomination": nomination}
    return _no_index(render(request, "training/confirmation.html", context))


# --- The private link -----------------------------------------------------------------------


@never_cache
@require_safe
def nomination(request, token):
    nomination = _nomination_for_token(token)
    context = {
        "programme": nomination.programme,
        "nomination": nomination,
        "token": token,
        "trainees": nomination.trainees.all(),
        "milestones": nomination.milestones.all(),
        "editable": nomination.is_editable_by_writer,
    }
    return _no_index(render(request, "training/nomination.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def nomination_change(request, token):
    nomination = _nomination_for_token(token)
    if not nomination.is_editable_by_writer:
        return redirect("training:nomination", token=token)
    return _form_page(request, NominationFlow(nomination.programme, nomination, token))


@never_cache
@require_http_methods(["GET", "POST"])
def nomination_change_check(request, token):
    nomination = _nomination_for_token(token)
    if request.method == "GET" and not nomination.is_editable_by_writer:
        return redirect("training:nomination", token=token)
    return _check_page(request, NominationFlow(nomination.programme, nomination, token))


@never_cache
@require_http_methods(["GET", "POST"])
def nomination_withdraw(request, token):
    nomination = _nomination_for_token(token)
    if not nomination.is_editable_by_writer:
        return redirect("training:nomination", token=token)
    error = None
    if request.method == "POST":
        try:
            services.nomination_withdraw(nomination=nomination)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Your nomination has been withdrawn."))
            return redirect("training:nomination", token=token)
    context = {
        "programme": nomination.programme,
        "nomination": nomination,
        "token": token,
        "error": error,
    }
    return _no_index(render(request, "training/withdraw.html", context))

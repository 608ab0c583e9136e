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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from training import consent, services
from training.forms import (
    BoundNomination,
    draft_from_nomination,
    draft_from_post,
    empty_draft,
)
from training.models import EnglishAbility, Nomination, Programme, hash_token
from training.selectors import programme_list, schedule_rows
from training.structured_data import programme_event

RATE_WINDOW = 60 * 60


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


# --- The nomination form --------------------------------------------------------------------


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: the private link never leaves the site in a Referer header,
    # and browsers still send the Origin header that CSRF protection checks on POST.
    response["Referrer-Policy"] = "same-origin"
    return response


def _draft_key(programme, nomination=None):
    if nomination is not None:
        return f"training-draft-edit-{nomination.pk}"
    return f"training-draft-{programme.pk}"


def _nomination_for_token(token):
    nomination = (
        Nomination.objects.select_related("programme")
        .filter(access_token_hash=hash_token(token), anonymised_at__isnull=True)
        .first()
    )
    if nomination is None:
        raise Http404("No nomination")
    return nomination


def _urls(programme, nomination=None, token=None):
    if nomination is not None:
        return {
            "form": reverse("training:nomination_change", kwargs={"token": token}),
            "check": reverse("training:nomination_change_check", kwargs={"token": token}),
            "cancel": reverse("training:nomination", kwargs={"token": token}),
        }
    return {
        "form": reverse("training:apply", kwargs={"slug": programme.slug}),
        "check": reverse("training:apply_check", kwargs={"slug": programme.slug}),
        "cancel": programme.get_absolute_url(),
    }


def _closed_page(request, programme, nomination=None):
    response = render(
        request,
        "training/apply_closed.html",
        {"programme": programme, "status": programme.status, "nomination": nomination},
        status=200 if request.method == "GET" else 409,
    )
    return _no_index(response)


def _session_draft(request, key):
    """The draft kept in the session, or None when there is none or it is not one of ours."""
    draft = request.session.get(key)
    if not isinstance(draft, dict) or not all(
        isinstance(draft.get(part), kind)
        for part, kind in (("main", dict), ("milestones", list), ("trainees", list))
    ):
        return None
    return draft


def _edit_rows(draft, action, programme):
    """Apply an "add another" / "remove" button to the draft; returns True when one was pressed."""
    blank = {
        "milestones": {"date": "", "description": ""},
        "trainees": dict.fromkeys(["name", "position", "duties", "reason", "english_ability"], ""),
    }
    limits = {"milestones": 20, "trainees": programme.trainees_per_country}
    for part in ("milestones", "trainees"):
        if action == f"add-{part}":
            if len(draft[part]) < limits[part]:
                draft[part].append(dict(blank[part]))
            return part
        if action.startswith(f"remove-{part}-"):
            try:
                index = int(action.rsplit("-", 1)[1])
            except ValueError:
                return part
            if 0 <= index < len(draft[part]) and len(draft[part]) > 1:
                del draft[part][index]
            return part
    return None


def _form_page(request, programme, nomination=None, token=None):
    key = _draft_key(programme, nomination)
    urls = _urls(programme, nomination, token)
    focus = None
    if request.method == "POST":
        draft = draft_from_post(request.POST)
        action = request.POST.get("action", "continue")
        focus = _edit_rows(draft, action, programme)
        request.session[key] = draft
        if focus:
            parts = BoundNomination(draft, programme=programme, bound=False)
        else:
            parts = BoundNomination(draft, programme=programme)
            valid = parts.is_valid()
            if valid:
                try:
                    services.nomination_check_duplicate(
                        programme=programme,
                        company=parts.form.cleaned_data["company"],
                        country=parts.form.cleaned_data["country"],
                        exclude_pk=nomination.pk if nomination else None,
                    )
                except services.DuplicateNomination as exc:
                    parts.form.add_error("country", exc)
                    valid = False
            if valid:
                return redirect(urls["check"])
    else:
        draft = _session_draft(request, key)
        if draft is None:
            draft = draft_from_nomination(nomination) if nomination else empty_draft()
        parts = BoundNomination(draft, programme=programme, bound=False)
    errors = parts.error_list() if parts.form.is_bound else []
    context = {
        "programme": programme,
        "nomination": nomination,
        "parts": parts,
        "errors": errors,
        "urls": urls,
        "focus": focus,
        "can_add_trainee": len(draft["trainees"]) < programme.trainees_per_country,
        "notice_items": consent.NOTICE_ITEMS,
        "notice_trainees": consent.NOTICE_TRAINEES,
        "notice_version": consent.NOTICE_VERSION,
    }
    status = 200
    return _no_index(render(request, "training/apply.html", context, status=status))


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


def _check_page(request, programme, nomination=None, token=None):
    key = _draft_key(programme, nomination)
    urls = _urls(programme, nomination, token)
    draft = _session_draft(request, key)
    if draft is None:
        return redirect(urls["form"])
    parts = BoundNomination(draft, programme=programme)
    if not parts.is_valid():
        return redirect(urls["form"])
    errors = []
    status = 200
    if request.method == "POST":
        data = {**parts.form.cleaned_data}
        data["consent_given_at"] = timezone.now()
        data["consent_notice_version"] = consent.NOTICE_VERSION
        try:
            if nomination is None:
                if _rate_limited(request):
                    raise ValidationError(
                        _(
                            "Too many nominations were sent from your network address in the "
                            "last hour. Try again later, or contact the person named below."
                        ),
                        code="rate_limited",
                    )
                created, new_token = services.nomination_submit(
                    programme=programme,
                    data=data,
                    trainees=parts.trainees.rows(),
                    milestones=parts.milestones.rows(),
                    language=get_language(),
                )
                _count_submission(request)
                del request.session[key]
                request.session["training-confirmation"] = created.pk
                return redirect("training:apply_done", slug=programme.slug)
            services.nomination_update(
                nomination=nomination,
                data=data,
                trainees=parts.trainees.rows(),
                milestones=parts.milestones.rows(),
            )
            del request.session[key]
            messages.success(request, _("Your changes have been saved."))
            return redirect(urls["cancel"])
        except ValidationError as exc:
            code = getattr(exc, "code", None)
            status = 429 if code == "rate_limited" else 409
            anchor = urls["form"] + "#id_country" if code == "duplicate" else "check-answers"
            errors = [(anchor, message) for message in exc.messages]
    context = {
        "programme": programme,
        "nomination": nomination,
        "parts": parts,
        "main": parts.form.cleaned_data,
        "country_name": dict(parts.form.fields["country"].choices).get(
            parts.form.cleaned_data["country"]
        ),
        "milestones": parts.milestones.rows(),
        "trainees": [
            {**row, "english_ability_label": EnglishAbility(row["english_ability"]).label}
            for row in parts.trainees.rows()
        ],
        "urls": urls,
        "errors": errors,
        "notice_version": consent.NOTICE_VERSION,
    }
    return _no_index(render(request, "training/check.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    if not programme.is_open:
        return _closed_page(request, programme)
    return _form_page(request, programme)


@never_cache
@require_http_methods(["GET", "POST"])
def apply_check(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    if request.method == "GET" and not programme.is_open:
        return _closed_page(request, programme)
    # On POST the service checks the deadline at submit time and says so on this page.
    return _check_page(request, programme)


@never_cache
@require_safe
def apply_done(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    pk = request.session.get("training-confirmation")
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
    return _form_page(request, nomination.programme, nomination, token)


@never_cache
@require_http_methods(["GET", "POST"])
def nomination_change_check(request, token):
    nomination = _nomination_for_token(token)
    if request.method == "GET" and not nomination.is_editable_by_writer:
        return redirect("training:nomination", token=token)
    return _check_page(request, nomination.programme, nomination, token)


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

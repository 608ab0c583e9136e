"""Public pages of the invited training: programmes, the nomination form, the private link.

The programme list and pages are the same for every visitor (cacheable). The form pages, the
confirmation and the private-link pages are per visitor: never cached, and never indexed.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import UpdateError
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from archive_portal import sections
from archive_portal.fragments import Lazy, lazy_context
from archive_portal.lib import ratelimit
from archive_portal.lib.client import client_address
from training import consent, services, subscriptions
from training.flow import DRAFTS_KEY, NominationFlow
from training.forms import LearningRequestForm, SubscriptionForm
from training.models import LearningRequest, Nomination, Programme, hash_token
from training.selectors import programme_list, published_programmes, schedule_rows
from training.structured_data import programme_event

RATE_WINDOW = 60 * 60
# The confirmation page shows the nomination's details this long after it was sent (to read and
# print it), then only its reference: the private link in the email is the way back.
CONFIRMATION_DETAILS_SECONDS = 10 * 60
CONFIRMATION_SALT = "training.confirmation"
DRAFT_SESSION_SECONDS = 24 * 60 * 60
CONFIRMATION_LINK_KEY = "training-confirmation-link"  # the sent nomination's private link


@require_safe
def index(request):
    # The calls grouped by their status now: computed only when the cached fragment of the
    # lists is missing (its key holds the next opening or deadline: fragments.py).
    return render(
        request, "training/index.html", lazy_context(programme_list, "open", "upcoming", "closed")
    )


@require_safe
def detail(request, slug):
    # The published calls are kept per process and content generation (no query between
    # edits); the page's body is a cached fragment per call and status, its schedule read only
    # when that fragment is built.
    programme = published_programmes().get(slug)
    if programme is None:
        raise Http404("No published programme with this address.")
    url = programme.get_absolute_url()
    context = {
        "programme": programme,
        "programme_url": url,
        # The page's description and link preview's (its summary, else its title).
        "description": Truncator(programme.summary or programme.title).chars(200),
        "status": programme.status,
        "schedule_rows": Lazy(lambda: schedule_rows(programme.schedule.all())),
        "structured_data": programme_event(programme, request, url),
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
    status = 200
    if request.method == "POST" and not _allowed(request, "training-step"):
        # Too many form steps from this address: shown again, nothing kept.
        forms, status = flow.refused_form(request.POST, TOO_MANY_STEPS), 429
    elif request.method == "POST":
        forms, ready = flow.post_form(request.session, request.POST)
        if DRAFTS_KEY in request.session and not request.user.is_authenticated:
            # A visitor's session holding drafts lives a day, not the default two weeks.
            request.session.set_expiry(DRAFT_SESSION_SECONDS)
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
    return _no_index(render(request, "training/apply.html", context, status=status))


def _check_page(request, flow):
    if request.method == "POST" and flow.nomination is None:
        # A second press of "send": the first one's nomination, shown again.
        sent = services.nomination_for_submission_key(
            programme=flow.programme, submission_key=request.POST.get("submission_key", "")
        )
        if sent is not None:
            return _confirmation_redirect(request, sent)
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
        "submission_key": flow.submission_key(request.session),
    }
    return _no_index(render(request, "training/check.html", context, status=status))


TOO_MANY_SUBMISSIONS = _lazy(
    "Too many nominations were sent from your network address in the last hour. "
    "Try again later, or contact the person named below."
)
TOO_MANY_STEPS = _lazy(
    "Too many forms were sent from your network address in the last hour. Try again later, or "
    "contact the person named on the programme's page."
)


def _send(request, flow, forms):
    """Send the checked answers (new nominations within the rate limit); where to go next.

    The write, the rate-limit count and the session without its draft are saved in one
    transaction: a refusal or an outage leaves none of them, and once the nomination is stored
    nothing but the redirect to its confirmation is left to do (no query the visitor's
    confirmation depends on can fail after it).
    """
    with transaction.atomic():
        nomination, created = flow.send(request.session, forms, language=get_language())
        if created and flow.nomination is None and not _allowed(request, "training-submit"):
            raise ValidationError(TOO_MANY_SUBMISSIONS, code="rate_limited")
        if flow.private_token:
            # The private link, for the confirmation page too (the email may be mistyped or
            # late). Kept in the session, on the server: never in an address the browser
            # requests, so never in an access log.
            request.session[CONFIRMATION_LINK_KEY] = {"n": nomination.pk, "t": flow.private_token}
        flow.forget(request.session)
        _save_session(request)
    if flow.nomination is not None:
        messages.success(request, _("Your changes have been saved."))
        return redirect(flow.urls["cancel"])
    return _confirmation_redirect(request, nomination)


def _save_session(request):
    """Save the session now, inside the caller's transaction (with database sessions)."""
    try:
        request.session.save()
    except UpdateError:  # the session was deleted meanwhile: the middleware makes a new one
        return
    request.session.modified = False


RATE_LIMITS = {
    # scope: the setting giving how many per hour and address
    "training-step": "TRAINING_FORM_STEPS_PER_HOUR",
    "training-submit": "TRAINING_SUBMISSIONS_PER_HOUR",
    "training-request": "TRAINING_REQUESTS_PER_HOUR",
    "training-subscribe": "TRAINING_SUBSCRIPTIONS_PER_HOUR",
}


def _allowed(request, scope):
    """Count this request in the address's hour (the shared store); False over the limit."""
    limit = getattr(settings, RATE_LIMITS[scope])
    # Requests that name no address (none reach here through gunicorn) share one count.
    address = client_address(request) or "unknown"
    return ratelimit.hit(scope, address, limit=limit, window=RATE_WINDOW)


# --- The confirmation -----------------------------------------------------------------------
# The redirect after "send" carries the reference, signed: the page can always say it, even
# when the database does not answer. The details are shown for CONFIRMATION_DETAILS_SECONDS,
# and only to the browser session that sent the nomination.


def _session_tag(request):
    key = request.session.session_key or ""
    return hashlib.sha256(key.encode()).hexdigest()[:16] if key else ""


def _confirmation_redirect(request, nomination):
    signed = signing.dumps(
        {"n": nomination.pk, "r": nomination.reference, "s": _session_tag(request)},
        salt=CONFIRMATION_SALT,
    )
    url = reverse("training:apply_done", kwargs={"slug": nomination.programme.slug})
    return redirect(f"{url}?{urlencode({'c': signed})}")


def _confirmation(value):
    """(payload, fresh) from the signed value: fresh while the details may be shown."""
    try:
        payload = signing.loads(value, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_DETAILS_SECONDS)
    except signing.SignatureExpired:
        return signing.loads(value, salt=CONFIRMATION_SALT), False
    return payload, True


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
    try:
        payload, fresh = _confirmation(request.GET.get("c", ""))
    except signing.BadSignature:
        return redirect("training:detail", slug=slug)
    context = {"reference": payload["r"], "nomination": None, "programme": None}
    try:
        context["programme"] = get_object_or_404(Programme.objects.published(), slug=slug)
        if fresh and payload["s"] and payload["s"] == _session_tag(request):
            context["nomination"] = (
                Nomination.objects.filter(
                    pk=payload["n"], programme=context["programme"], anonymised_at__isnull=True
                )
                .prefetch_related("trainees", "milestones")
                .first()
            )
            link = request.session.get(CONFIRMATION_LINK_KEY) or {}
            if context["nomination"] and link.get("n") == payload["n"]:
                path = reverse("training:nomination", kwargs={"token": link["t"]})
                context["private_url"] = request.build_absolute_uri(path)
        response = render(request, "training/confirmation.html", context)
    except DatabaseError:
        # Stored, but the database does not answer now: the reference, and the email to come.
        context["outage"] = True
        response = render(request, "training/confirmation.html", context)
    return _no_index(response)


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
        "steps": [step for step in nomination.status_changes.all() if step.is_step],
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


# --- "Learn this policy in Seoul" -----------------------------------------------------------
# One page, sent without JavaScript; the same protections as the nomination form: consent,
# honeypot, the error summary, a rate limit per address, a reference, emails after commit.

LEARN_SALT = "training.learning-request"
TOO_MANY_REQUESTS = _lazy(
    "Too many requests were sent from your network address in the last hour. Try again later."
)


def _publication_asked_from(value):
    """The public publication a request starts from (?publication=<id>), or None. Read through
    the request's relation: training imports nothing of publications."""
    model = LearningRequest._meta.get_field("publication").related_model
    if not str(value).isdigit() or len(str(value)) > 10:
        return None
    return model.objects.published().filter(pk=int(value)).only("pk", "title", "slug").first()


@never_cache
@require_http_methods(["GET", "POST"])
def learn(request):
    source = request.POST if request.method == "POST" else request.GET
    publication = _publication_asked_from(source.get("publication", ""))
    status = 200
    if request.method == "POST":
        form = LearningRequestForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                if _allowed(request, "training-request"):
                    sent = services.learning_request_submit(
                        data=form.cleaned_data,
                        publication_id=publication.pk if publication else None,
                        language=get_language(),
                    )
                    signed = signing.dumps(sent.reference, salt=LEARN_SALT)
                    return redirect(f"{reverse('training:learn_sent')}?{urlencode({'r': signed})}")
            form.add_error(None, ValidationError(TOO_MANY_REQUESTS, code="rate_limited"))
            status = 429
        else:
            status = 400
    else:
        initial = {"policy": publication.title} if publication else {}
        form = LearningRequestForm(initial=initial)
    context = {
        "form": form,
        "errors": form.error_list() if form.is_bound else [],
        "publication": publication,
        "notice_items": consent.REQUEST_NOTICE_ITEMS,
    }
    return _no_index(render(request, "training/learn.html", context, status=status))


@never_cache
@require_safe
def learn_sent(request):
    try:
        reference = signing.loads(request.GET.get("r", ""), salt=LEARN_SALT, max_age=60 * 60)
    except signing.BadSignature:
        return redirect("training:learn")
    return _no_index(render(request, "training/learn_sent.html", {"reference": reference}))


# --- "Hear about the next call": email subscriptions (training/subscriptions.py) ------------
# The same protections as the request form: consent, honeypot, the error summary, a rate limit
# per address, emails after commit. The answer never says whether the address was subscribed.

TOO_MANY_SUBSCRIPTIONS = _lazy(
    "Too many subscriptions were sent from your network address in the last hour. Try again later."
)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    mailing_lists = sections.mailing_lists()
    status = 200
    if request.method == "POST":
        form = SubscriptionForm(request.POST, mailing_lists=mailing_lists)
        if form.is_valid():
            with transaction.atomic():
                if _allowed(request, "training-subscribe"):
                    subscriptions.subscription_request(
                        email=form.cleaned_data["email"],
                        language=form.cleaned_data["language"],
                        topics=form.topics(),
                    )
                    return redirect("training:subscribe_sent")
            form.add_error(None, ValidationError(TOO_MANY_SUBSCRIPTIONS, code="rate_limited"))
            status = 429
        else:
            status = 400
    else:
        form = SubscriptionForm(
            initial={"language": get_language(), "calls": True}, mailing_lists=mailing_lists
        )
    context = {
        "form": form,
        "errors": form.error_list() if form.is_bound else [],
        "notice_items": consent.SUBSCRIPTION_NOTICE_ITEMS,
    }
    return _no_index(render(request, "training/subscribe.html", context, status=status))


@never_cache
@require_safe
def subscribe_sent(request):
    context = {"days": consent.SUBSCRIPTION_CONFIRM_DAYS}
    return _no_index(render(request, "training/subscribe_sent.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe_confirm(request, token):
    """GET shows a button (link scanners that open every link confirm nothing); its POST
    confirms."""
    subscription = subscriptions.subscription_for_confirm(token)
    if subscription is None:
        context = {"days": consent.SUBSCRIPTION_CONFIRM_DAYS}
        return _no_index(
            render(request, "training/subscribe_link_expired.html", context, status=404)
        )
    if request.method == "POST":
        subscriptions.subscription_confirm(subscription=subscription)
        return redirect("training:subscribe_confirmed")
    return _no_index(render(request, "training/subscribe_confirm.html", {"token": token}))


@never_cache
@require_safe
def subscribe_confirmed(request):
    return _no_index(render(request, "training/subscribe_confirmed.html"))


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no cookie
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button; a POST (the button, or a mail program's one-click request) deletes
    the subscription. A valid link whose subscription is already gone says it is done."""
    valid, subscription = subscriptions.subscription_for_unsubscribe(token)
    if not valid:
        return _no_index(render(request, "training/unsubscribe_unknown.html", status=404))
    if request.method == "POST" or subscription is None:
        if subscription is not None:
            subscriptions.subscription_delete(subscription=subscription)
        return _no_index(render(request, "training/unsubscribed.html"))
    return _no_index(render(request, "training/unsubscribe.html", {"token": token}))

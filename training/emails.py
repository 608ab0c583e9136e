"""The training app's emails, through Django's email backend, in the writer's language.

Called from `transaction.on_commit` in training.services only, never directly from views.
"""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def private_url(token, language):
    with translation.override(language):
        return settings.SITE_URL + reverse("training:nomination", kwargs={"token": token})


def admin_url(nomination):
    return settings.SITE_URL + reverse("admin:training_nomination_change", args=[nomination.pk])


def _send(template, context, to, language):
    with translation.override(language):
        subject = render_to_string(f"training/email/{template}_subject.txt", context)
        body = render_to_string(f"training/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)


def send_list_message(template, context, to, language, unsubscribe_url):
    """An email of the subscriptions (training.subscriptions), with the one-click unsubscribe
    headers of RFC 8058: mail programs show an "Unsubscribe" button that POSTs to the URL."""
    with translation.override(language):
        subject = render_to_string(f"training/email/{template}_subject.txt", context)
        body = render_to_string(f"training/email/{template}.txt", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    EmailMessage(" ".join(subject.split()), body, None, to, headers=headers).send()


def send_submitted(nomination, token):
    programme = nomination.programme
    context = {
        "nomination": nomination,
        "programme": programme,
        "private_url": private_url(token, nomination.language),
        "programme_url": settings.SITE_URL + programme.get_absolute_url(),
    }
    _send("submitted", context, [nomination.writer_email], nomination.language)
    _send(
        "staff_new",
        {**context, "private_url": None, "admin_url": admin_url(nomination)},
        [programme.staff_email],
        "ko",
    )


def send_updated(nomination):
    context = {"nomination": nomination, "programme": nomination.programme}
    _send("updated", context, [nomination.writer_email], nomination.language)


def send_withdrawn(nomination):
    context = {"nomination": nomination, "programme": nomination.programme}
    _send("withdrawn", context, [nomination.writer_email], nomination.language)
    _send(
        "staff_withdrawn",
        {**context, "admin_url": admin_url(nomination)},
        [nomination.programme.staff_email],
        "ko",
    )


def send_decision(nomination):
    """Not selected, or on the waiting list (a selection has its own email, send_selected)."""
    context = {"nomination": nomination, "programme": nomination.programme}
    _send("decision", context, [nomination.writer_email], nomination.language)


def send_status_changed(nomination, change):
    """The firm's nomination changed status: the new status, the date and staff's message."""
    context = {"nomination": nomination, "programme": nomination.programme, "change": change}
    _send("status_changed", context, [nomination.writer_email], nomination.language)


def send_learning_request(request):
    """The reference to the sender, in the language of the form; the training team in Korean."""
    context = {"request": request}
    _send("learning_request", context, [request.email], request.language)
    if settings.TRAINING_REQUESTS_EMAIL:
        staff_url = settings.SITE_URL + reverse(
            "admin:training_learningrequest_change", args=[request.pk]
        )
        _send(
            "staff_learning_request",
            {**context, "admin_url": staff_url},
            settings.TRAINING_REQUESTS_EMAIL,
            "ko",
        )


def send_selected(nomination):
    context = {"nomination": nomination, "programme": nomination.programme}
    _send("selected", context, [nomination.writer_email], nomination.language)

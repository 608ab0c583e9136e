"""Email subscriptions ("Hear about the next call"): ask, confirm, unsubscribe, and the digest
that send_subscriptions mails to each confirmed subscriber.

- Double opt-in: `subscription_request` stores what was asked as *pending* and, after commit,
  emails a signed link that expires (consent.SUBSCRIPTION_CONFIRM_DAYS); only
  `subscription_confirm` makes it count. The answer to the visitor is the same whether the address
  was new, pending or already subscribed: the email says the rest, to the address's owner only.
- Unsubscribe deletes the row (and its sent-log): nothing of the address is kept.
- `send_digests` announces to each confirmed subscription the items of its lists that became
  public after it confirmed, within the look-back window, and were not sent to it yet: one email
  per subscriber and run. The sent-log (SubscriptionDelivery, unique per subscription and item)
  is written in the subscriber's transaction, under a row lock taken with SKIP LOCKED, so two
  runs at once share the subscribers out and a second run finds nothing left to send.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from archive_portal import sections
from archive_portal.lib import ratelimit
from training import consent, emails
from training.models import Subscription, SubscriptionDelivery

logger = logging.getLogger(__name__)

CONFIRM_SALT = "training.subscription.confirm"
UNSUBSCRIBE_SALT = "training.subscription.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=consent.SUBSCRIPTION_CONFIRM_DAYS)
# Confirmation emails to one address per day, whoever asks (no mail-bombing a stranger's
# address through the form); over it the visitor sees the same answer and no email leaves.
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3
# How far back send_subscriptions looks for items (a missed day or two is caught up).
LOOKBACK = datetime.timedelta(days=7)


def _key():
    return secrets.token_urlsafe(16)


# --- Links ----------------------------------------------------------------------------------


def confirm_token(subscription):
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    return signer.sign_object({"s": subscription.pk, "k": subscription.confirm_key})


def unsubscribe_token(subscription):
    """Never expires: it is in every email, and works as long as the subscription exists."""
    signer = signing.Signer(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"s": subscription.pk, "k": subscription.unsubscribe_key})


def _payload(token, signer, **kwargs):
    try:
        payload = signer.unsign_object(token, **kwargs)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        return None
    return payload


def subscription_for_confirm(token):
    """The subscription a confirmation link names, or None (bad, expired or used link)."""
    payload = _payload(token, signing.TimestampSigner(salt=CONFIRM_SALT), max_age=CONFIRM_MAX_AGE)
    if payload is None:
        return None
    return Subscription.objects.filter(pk=payload["s"], confirm_key=payload.get("k")).first()


def subscription_for_unsubscribe(token):
    """(valid link, subscription or None): a valid link whose subscription is gone (already
    unsubscribed) still gets the "unsubscribed" answer."""
    payload = _payload(token, signing.Signer(salt=UNSUBSCRIBE_SALT))
    if payload is None:
        return False, None
    subscription = Subscription.objects.filter(
        pk=payload["s"], unsubscribe_key=payload.get("k")
    ).first()
    return True, subscription


def _absolute(name, token, language):
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


def unsubscribe_url(subscription, language):
    return _absolute("training:unsubscribe", unsubscribe_token(subscription), language)


def confirm_url(subscription, language):
    return _absolute("training:subscribe_confirm", confirm_token(subscription), language)


# --- Emails (called after commit) -----------------------------------------------------------


def _topic_labels(topics):
    """What the topics stored on a subscription mean, in the active language."""
    labels = []
    for mailing in sections.mailing_lists():
        if mailing.topics is None:
            if mailing.key in topics:
                labels.append(str(mailing.label))
            continue
        for value, label in mailing.topics():
            if f"{mailing.key}:{value}" in topics:
                labels.append(f"{mailing.label}: {label}")
    return labels


def send_confirm(subscription):
    language = subscription.pending_language or subscription.language
    with translation.override(language):
        context = {
            "topics": _topic_labels(subscription.pending_topics),
            "confirm_url": confirm_url(subscription, language),
            "days": consent.SUBSCRIPTION_CONFIRM_DAYS,
        }
    emails.send_list_message(
        "subscription_confirm",
        context,
        [subscription.email],
        language,
        unsubscribe_url(subscription, language),
    )


def _listed(item, language):
    """(title, shown in Korean, absolute URL) of an item in `language`: its English title
    where there is one, else the Korean one (the email says so)."""
    english = getattr(item, "title_en", "") or ""
    title, in_korean = (
        (english, False) if language == "en" and english else (item.title_ko, language == "en")
    )
    with translation.override(language):
        return title, in_korean, settings.SITE_URL + item.get_absolute_url()


def send_digest(subscription, groups):
    """One email: every item of `groups` [(MailingList, [Announcement])] in the subscriber's
    language, with the unsubscribe link and headers."""
    language = subscription.language
    with translation.override(language):
        context = {
            "groups": [
                (str(mailing.label), [_listed(item.item, language) for item in items])
                for mailing, items in groups
            ],
            "count": sum(len(items) for _mailing, items in groups),
            "unsubscribe_url": unsubscribe_url(subscription, language),
            "subscribe_url": settings.SITE_URL + reverse("training:subscribe"),
        }
    emails.send_list_message(
        "subscription_digest",
        context,
        [subscription.email],
        language,
        context["unsubscribe_url"],
    )


# --- State changes --------------------------------------------------------------------------


def _locked(email):
    return Subscription.objects.select_for_update().filter(email__iexact=email).first()


def subscription_request(*, email, language, topics, now=None):
    """Store what `email` asked for as pending and, after commit, email it the confirmation
    link (at most CONFIRMATIONS_PER_ADDRESS_PER_DAY a day). The same for a new address, one
    waiting for confirmation and one already subscribed (its current choices hold until it
    confirms the new ones)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = _locked(email)
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email,
                        language=language,
                        unsubscribe_key=_key(),
                        confirm_key=_key(),
                        consent_notice_version=consent.SUBSCRIPTION_NOTICE_VERSION,
                        created_at=now,
                        requested_at=now,
                    )
            except IntegrityError:  # the same address asked at the same moment
                subscription = _locked(email)
        if not ratelimit.hit(
            "subscription-email",
            email.lower(),
            limit=CONFIRMATIONS_PER_ADDRESS_PER_DAY,
            window=24 * 60 * 60,
        ):
            return subscription
        subscription.pending_topics = list(topics)
        subscription.pending_language = language
        subscription.requested_at = now
        subscription.confirm_key = _key()
        subscription.consent_notice_version = consent.SUBSCRIPTION_NOTICE_VERSION
        subscription.save(
            update_fields=[
                "pending_topics",
                "pending_language",
                "requested_at",
                "confirm_key",
                "consent_notice_version",
            ]
        )
        transaction.on_commit(lambda: send_confirm(subscription))
    return subscription


def subscription_confirm(*, subscription, now=None):
    """Apply what the link's request asked for; the link then stops working (new key)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.topics = subscription.pending_topics or subscription.topics
        subscription.language = subscription.pending_language or subscription.language
        subscription.pending_topics = []
        subscription.pending_language = ""
        subscription.confirm_key = _key()
        subscription.confirmed_at = subscription.confirmed_at or now
        subscription.save()
    return subscription


def subscription_delete(*, subscription):
    """Unsubscribe: the address and its sent-log are deleted, nothing is kept."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def purge_unconfirmed(*, now=None, dry_run=False):
    """Delete subscriptions never confirmed whose link has expired, and forget requests
    confirmed subscribers did not confirm; how many subscriptions were (would be) deleted."""
    cutoff = (now or timezone.now()) - CONFIRM_MAX_AGE
    unconfirmed = Subscription.objects.filter(confirmed_at__isnull=True, requested_at__lt=cutoff)
    if dry_run:
        return unconfirmed.count()
    with transaction.atomic():
        _total, per_model = unconfirmed.delete()
        Subscription.objects.filter(requested_at__lt=cutoff).exclude(pending_topics=[]).update(
            pending_topics=[], pending_language=""
        )
    return per_model.get(Subscription._meta.label, 0)


# --- The digest -----------------------------------------------------------------------------


def wants(subscription, mailing, announcement):
    """Does the subscription ask for this item of this list?"""
    if mailing.topics is None:
        return mailing.key in subscription.topics
    return any(f"{mailing.key}:{topic}" in subscription.topics for topic in announcement.topics)


def _due(subscription, found):
    """[(mailing, [announcement])] the subscription asks for and may get (public after it
    confirmed), before the sent-log is consulted."""
    return [
        (
            mailing,
            [
                announcement
                for announcement in announcements
                if announcement.public_since > subscription.confirmed_at
                and wants(subscription, mailing, announcement)
            ],
        )
        for mailing, announcements in found
    ]


def _deliver(pk, found, now):
    """One subscriber's digest: claims its items in the sent-log and mails them after commit.
    True when an email is due (one that then fails is logged, its claim withdrawn)."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None:  # another run holds it, or it unsubscribed meanwhile
            return False
        due = _due(subscription, found)
        keys = [announcement.key for _mailing, items in due for announcement in items]
        if not keys:
            return False
        already = set(
            SubscriptionDelivery.objects.filter(
                subscription=subscription, item__in=keys
            ).values_list("item", flat=True)
        )
        groups = [
            (mailing, [item for item in items if item.key not in already]) for mailing, items in due
        ]
        groups = [(mailing, items) for mailing, items in groups if items]
        if not groups:
            return False
        SubscriptionDelivery.objects.bulk_create(
            SubscriptionDelivery(subscription=subscription, item=item.key, sent_at=now)
            for _mailing, items in groups
            for item in items
        )

        def send():
            try:
                send_digest(subscription, groups)
            except Exception:
                # Not sent: forget the claim so that the next run tries again.
                logger.exception("Digest to subscription %s not sent", subscription.pk)
                SubscriptionDelivery.objects.filter(
                    subscription_id=subscription.pk,
                    item__in=[item.key for _mailing, items in groups for item in items],
                    sent_at=now,
                ).delete()

        transaction.on_commit(send)
    return True


def send_digests(*, now=None, lookback=LOOKBACK):
    """Mail every confirmed subscriber what is new for it; how many emails were sent."""
    now = now or timezone.now()
    found = [
        (mailing, mailing.announcements(now - lookback, now))
        for mailing in sections.mailing_lists()
    ]
    if not any(items for _mailing, items in found):
        return 0
    pks = Subscription.objects.filter(confirmed_at__isnull=False, confirmed_at__lt=now)
    sent = 0
    for pk in list(pks.order_by("pk").values_list("pk", flat=True)):
        try:
            sent += _deliver(pk, found, now)
        except IntegrityError:  # another run claimed the same item first: it sends it
            continue
    return sent

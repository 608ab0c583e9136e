"""The privacy notice (개인정보 수집·이용 동의) shown on the nomination form.

Change the wording → raise NOTICE_VERSION: each nomination stores the version its writer agreed to.
RETENTION is what `purge_personal_data` enforces; the notice states it in words.
"""

import datetime

from django.utils.translation import gettext_lazy as _

NOTICE_VERSION = "2025-1"

# Kept until the end of the training year's follow-up: two years after the training ends.
RETENTION = datetime.timedelta(days=730)

NOTICE_ITEMS = [
    (
        _("What we collect"),
        _(
            "About you: your name, email address, phone number and company. About each trainee "
            "you recommend: name, position, duties, the reason for the recommendation and English "
            "ability."
        ),
    ),
    (
        _("Why we collect it"),
        _(
            "To review the nomination, select the countries and trainees for the invited "
            "training, tell you the result and prepare the training with your firm."
        ),
    ),
    (
        _("How long we keep it"),
        _(
            "Until two years after the training ends. Then the personal data is deleted; only "
            "the reference, country, city and result are kept for statistics."
        ),
    ),
    (
        _("Your right to refuse"),
        _(
            "You may refuse to give your consent. If you refuse, the nomination cannot be "
            "received through this form; you can still ask the contact person about the "
            "training."
        ),
    ),
]

NOTICE_TRAINEES = _(
    "By submitting, you confirm that the trainees you recommend have been told that their "
    "details are given to the Seoul Metropolitan Government for this purpose."
)


# "Learn this policy in Seoul" requests (LearningRequest): kept two years after they arrive, to
# arrange the visit and answer follow-up questions, then purged by purge_personal_data.
REQUEST_NOTICE_VERSION = "2026-1"
REQUEST_RETENTION = datetime.timedelta(days=730)

REQUEST_NOTICE_ITEMS = [
    (
        _("What we collect"),
        _(
            "Your name, position, email address and phone number, your organisation, city and "
            "country, and what you tell us about the visit you would like."
        ),
    ),
    (
        _("Why we collect it"),
        _(
            "To answer your request, plan a training programme or study visit with you and "
            "contact you about it."
        ),
    ),
    (
        _("How long we keep it"),
        _("Two years after the request arrives. Then the personal data is deleted."),
    ),
    (
        _("Your right to refuse"),
        _(
            "You may refuse to give your consent. If you refuse, the request cannot be received "
            "through this form; you can still write to the city's contact for the policy."
        ),
    ),
]


# "Hear about the next call": email subscriptions (Subscription). An address is kept while it is
# subscribed and deleted when it unsubscribes; one never confirmed is deleted after
# SUBSCRIPTION_CONFIRM_DAYS (the confirmation link's life) by purge_personal_data.
SUBSCRIPTION_NOTICE_VERSION = "2026-1"
SUBSCRIPTION_CONFIRM_DAYS = 7

SUBSCRIPTION_NOTICE_ITEMS = [
    (
        _("What we collect"),
        _("Your email address, the language you chose and what you want to hear about."),
    ),
    (
        _("Why we collect it"),
        _(
            "To email you new training calls and, if you chose them, new news items and "
            "publications, in your language."
        ),
    ),
    (
        _("How long we keep it"),
        _(
            "Until you unsubscribe: the link in every email deletes your address at once. An "
            "address whose subscription is not confirmed within 7 days is deleted."
        ),
    ),
    (
        _("Your right to refuse"),
        _(
            "You may refuse to give your consent. If you refuse, we cannot email you; the "
            "training calls, news and publications remain on this site."
        ),
    ),
]

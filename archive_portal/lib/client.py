"""The visitor's network address: the one rule for every part of the site that counts requests
per address (the training forms' rate limits, django-axes' sign-in throttling through
AXES_CLIENT_IP_CALLABLE).

Behind the reverse proxy REMOTE_ADDR is the proxy's own address; with
TRAINING_TRUST_X_FORWARDED_FOR on, the last address the proxy appended is used instead (the
earlier ones are whatever the client chose to send).
"""

from django.conf import settings


def client_address(request):
    """The address, or None when the request does not say (a test's force_login)."""
    meta = getattr(request, "META", None) or {}
    if settings.TRAINING_TRUST_X_FORWARDED_FOR:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return meta.get("REMOTE_ADDR") or None

"""Middleware that keeps malformed input and long-lived staff sessions away from the views.

`MalformedInput` handles, once at the door instead of in every view, form and admin filter, the
input no browser sends and no view can use:
- a control character (NUL, ESC, tab, newline…) in the path: 400. A NUL would otherwise reach a
  `<str:…>` or `<slug:…>` lookup and PostgreSQL, which refuses it in any string (a 500);
- a body declared in a charset other than UTF-8: 400. Every page here is UTF-8, so every form
  posts UTF-8; decoded as UTF-16 or EBCDIC the fields turn into garbage, lone surrogates among
  it, which the database driver then cannot encode (a 500);
- control characters in query-string parameters (filters, keyword boxes, admin changelist
  filters) become spaces, as the site search always did: they belong in no search or filter, and
  a NUL cannot reach PostgreSQL. Form fields keep them: the forms refuse them with a message next
  to the field (Django's ProhibitNullCharactersValidator).

`StaffSessionExpiry` signs staff out after STAFF_SESSION_IDLE_SECONDS without a request and
STAFF_SESSION_MAX_SECONDS after they signed in, whatever the session cookie's own age.

`ContentSecurityPolicy` is django-csp's middleware with the header built once, not per request.
"""

import contextlib
import time
from http import HTTPStatus

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseBadRequest, QueryDict

# C0 controls and DEL.
_CONTROL = {chr(code) for code in range(0x20)} | {"\x7f"}
_UTF8 = {"utf-8", "utf8"}


def _has_control(text):
    return not _CONTROL.isdisjoint(text)


def _spaced(text):
    return "".join(" " if char in _CONTROL else char for char in text)


def _bad_request(reason):
    return HttpResponseBadRequest(
        f"Bad request: {reason}.\n".encode(), content_type="text/plain; charset=utf-8"
    )


class MalformedInput:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_control(request.path_info):
            return _bad_request("a control character in the address")
        charset = request.content_params.get("charset") if request.content_type else None
        if charset and charset.strip().lower().replace("_", "-") not in _UTF8:
            return _bad_request("the body must be UTF-8")
        if any(
            _has_control(key) or any(map(_has_control, values))
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(_spaced(key), [_spaced(value) for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


SESSION_STARTED = "staff_session_started"
SESSION_SEEN = "staff_session_seen"
SEEN_RESOLUTION_SECONDS = 60


class StaffSessionExpiry:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only for a session cookie (visitors without one cost nothing), and never in the way of
        # a page that works without the database while it is down (the nomination confirmation).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            with contextlib.suppress(OperationalError, InterfaceError):
                self.expire(request)
        return self.get_response(request)

    @staticmethod
    def expire(request):
        user = getattr(request, "user", None)
        if user is None or not (user.is_authenticated and user.is_staff):
            return
        now = int(time.time())
        started = request.session.get(SESSION_STARTED, now)
        seen = request.session.get(SESSION_SEEN, now)
        if (
            now - seen > settings.STAFF_SESSION_IDLE_SECONDS
            or now - started > settings.STAFF_SESSION_MAX_SECONDS
        ):
            logout(request)
        elif now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_STARTED not in request.session:
            # Written at most once a minute: not a session write on every staff request.
            request.session[SESSION_STARTED] = started
            request.session[SESSION_SEEN] = now


def staff_signed_in(sender, request, user, **kwargs):
    """user_logged_in: a staff session starts its clocks, and its cookie lives only as long as
    the idle limit (renewed whenever the session is written)."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)


# Per-response settings of django-csp's decorators (csp.decorators): a response carrying one is
# left to django-csp's own code.
_CSP_RESPONSE_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware, with the site's policy written once per settings instead of on
    every response (django-csp builds it from the settings each time: copies, sorting, joins,
    dataclass conversions, some 40 µs of every page). A response with a decorator's policy of
    its own, a nonce, or a debug error page goes through django-csp unchanged.

    The built headers are kept with the settings objects they were built from, and built again
    when CONTENT_SECURITY_POLICY or CONTENT_SECURITY_POLICY_REPORT_ONLY is another object (tests
    override them; settings are not changed in place)."""

    _built = (None, None, "", "")

    def _headers(self):
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built = self._built
        if built[0] is not policy or built[1] is not report_only:
            built = (policy, report_only, build_policy(), build_policy(report_only=True))
            ContentSecurityPolicy._built = built
        return built

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _CSP_RESPONSE_OVERRIDES)
            or (settings.DEBUG and response.status_code in (HTTPStatus.NOT_FOUND, 500))
        ):
            return super().process_response(request, response)
        policy, report_only, header, header_ro = self._headers()
        path = request.path_info
        if header and CSP_HEADER not in response:
            excluded = (policy or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not path.startswith(tuple(excluded)):
                response[CSP_HEADER] = header
        if header_ro and CSP_HEADER_REPORT_ONLY not in response:
            excluded = (report_only or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not path.startswith(tuple(excluded)):
                response[CSP_HEADER_REPORT_ONLY] = header_ro
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

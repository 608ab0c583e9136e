"""The visitor's network address (archive_portal.lib.client): the one rule used by the training
forms' rate limits and by django-axes' sign-in throttling."""

from django.conf import settings
from django.test import RequestFactory
from django.utils.module_loading import import_string

from archive_portal.lib.client import client_address
from training import views as training_views


def request(**meta):
    return RequestFactory().post("/", **meta)


def test_the_proxy_header_is_ignored_unless_trusted(settings):
    settings.TRAINING_TRUST_X_FORWARDED_FOR = False
    forged = request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(forged) == "10.0.0.2"


def test_a_trusted_proxy_gives_the_last_address_it_appended(settings):
    settings.TRAINING_TRUST_X_FORWARDED_FOR = True
    proxied = request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9 ")
    assert client_address(proxied) == "198.51.100.9"
    assert client_address(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=" , ")) == (
        "10.0.0.2"
    )


def test_no_address_is_none():
    assert client_address(request(REMOTE_ADDR="")) is None
    assert client_address(object()) is None  # axes may pass a request-like object without META


def test_one_implementation_for_the_rate_limits_and_the_sign_in_throttling():
    assert import_string(settings.AXES_CLIENT_IP_CALLABLE) is client_address
    assert training_views.client_address is client_address

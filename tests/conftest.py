import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """A fast password hasher, and no cached fragment or active language leaking from one test
    into the next (a request to /en/… leaves English active in the thread: reverse() and
    get_absolute_url() outside a request would then give /en/ URLs)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", password="a-long-test-password", email="admin@example.com"
    )

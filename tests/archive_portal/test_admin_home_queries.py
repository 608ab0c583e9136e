"""The admin home's attention list costs a fixed number of queries, whatever the number of
calls, departments and items."""

import pytest

from tests.news.factories import NewsItemFactory
from tests.sdg_plan.conftest import build_plan
from tests.training.factories import NominationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def rows(n):
    for _ in range(n):
        NominationFactory(programme=ProgrammeFactory())
        NewsItemFactory(status="draft")


@pytest.mark.parametrize("count", [1, 3])
def test_the_admin_home_queries_do_not_grow(client, superuser, count, django_assert_num_queries):
    rows(count)
    build_plan(count)
    client.force_login(superuser)
    # session, user, their authenticator (the second factor), recent actions; news 1,
    # publications 1, training 1, SDG 3
    with django_assert_num_queries(10):
        response = client.get("/admin/")
    assert (
        response.content.decode().count('class="portal-attention__count"') == 1 + 2 * count
    )  # one per call; the SDG total and one per department

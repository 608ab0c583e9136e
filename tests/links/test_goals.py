"""Policies ↔ goals (issue 17): items tagged with Seoul SDG goals show them (with the plan's
progress), the goal page lists its policy cases, publications and news, and the publications
finder and the site search filter by goal."""

import re

import pytest

from news.models import Status as NewsStatus
from publications.models import Kind, Publication, Status
from sdg_plan.models import Project
from tests.goals import make_goal
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory
from tests.sdg_plan.conftest import add_actual

pytestmark = pytest.mark.django_db


@pytest.fixture
def climate():
    return make_goal("3-3", "기후변화 대응 모범도시 조성", 13)


@pytest.fixture
def jobs():
    return make_goal("2-2", "포용적이고 지속가능한 경제성장 및 양질의 일자리 확대", 8)


def test_a_policy_case_shows_its_goals_with_their_status_and_projects(client, climate, jobs):
    project = Project.objects.get(task__goal=climate)
    case = PublicationFactory(
        slug="bike-sharing", kind=Kind.POLICY_CASE, title="따릉이", goals=[climate, jobs]
    )
    case.projects.set([project])
    indicator = project.indicators.get()
    indicator.target_values = {"2020": "10", "2024": "50", "2030": "100"}
    indicator.targets = {"2020": "10", "2024": "50", "2030": "100"}
    indicator.save()
    add_actual(indicator, 2020, "10")
    add_actual(indicator, 2021, "120")  # past the 2030 target

    html = client.get("/en/publications/bike-sharing/").content.decode()

    assert '<h2 id="goal-tags-heading">SDG goals it serves</h2>' in html
    assert (
        '<a href="/en/sdg/goals/3-3/">Goal 3-3. <span lang="ko">기후변화 대응 모범도시 조성</span></a>'
    ) in html
    assert (
        '<span class="sdg-tile sdg-tile--13"><span class="visually-hidden">UN SDG </span>13</span>'
        in html
    )
    # The plan's progress of each goal: climate's one indicator passed its target; the jobs
    # goal's indicator has no numeric target, which is said instead. Goals in plan order.
    statuses = re.findall(r'class="sdg-status sdg-status--(\w+)">([^<]+)<', html)
    assert statuses == [("no_numeric_target", "No numeric target"), ("achieved", "Target achieved")]
    assert (
        f'<a href="/en/sdg/projects/{project.number}/">Project {project.number}. '
        f'<span lang="ko">{project.name}</span></a>'
    ) in html


def test_an_untagged_item_has_no_goal_section(client):
    PublicationFactory(slug="plain")
    assert "goal-tags-heading" not in client.get("/ko/publications/plain/").text


def test_the_goal_page_lists_its_policy_cases_publications_and_news(client, climate, jobs):
    PublicationFactory(title="기후 정책사례", kind=Kind.POLICY_CASE, goals=[climate])
    PublicationFactory(title="기후 보고서", goals=[climate, jobs])
    PublicationFactory(title="일자리 보고서", goals=[jobs])
    PublicationFactory(title="기후 초안", goals=[climate], status=Status.DRAFT)
    NewsItemFactory(title="탄소정보공개 최고등급", goals=[climate])
    NewsItemFactory(title="기후 뉴스 초안", goals=[climate], status=NewsStatus.DRAFT)

    response = client.get("/ko/sdg/goals/3-3/")

    linked = {
        group.key: [str(item) for item in group.items] for group in response.context["linked"]
    }
    assert linked == {
        "news": ["탄소정보공개 최고등급"],
        "policy_cases": ["기후 정책사례"],
        "publications": ["기후 보고서"],
    }
    html = response.content.decode()
    assert '<a href="/ko/publications/policy-cases/?goal=3-3">' in html
    assert '<a href="/ko/publications/?goal=3-3">' in html
    assert "기후 초안" not in html and "기후 뉴스 초안" not in html


def test_a_goal_with_nothing_tagged_has_no_linked_section(client, climate):
    assert "sdg-linked-heading" not in client.get("/ko/sdg/goals/3-3/").text


def test_news_shows_its_goals(client, climate):
    item = NewsItemFactory(slug="cdp", goals=[climate])
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<a href="/ko/sdg/goals/3-3/">' in html


def listed(response):
    """The titles of the finder's page (it holds the items' ids: the cards are fragments)."""
    ids = response.context["page"].object_list
    rows = Publication.objects.in_bulk(ids)
    return [rows[pk].title for pk in ids]


def test_the_publications_finder_filters_by_goal(client, climate, jobs):
    PublicationFactory(title="기후 보고서", goals=[climate])
    PublicationFactory(title="일자리 보고서", goals=[jobs])
    PublicationFactory(title="둘 다", goals=[climate, jobs])

    response = client.get("/ko/publications/?goal=3-3")

    assert listed(response) == ["둘 다", "기후 보고서"]
    assert response.context["goal"]() == climate  # computed only for the filters' fragment
    html = response.content.decode()
    assert '<option value="3-3" selected>3-3. 기후변화 대응 모범도시 조성</option>' in html
    assert "SDG 과제 3-3" in html  # the chip that removes the filter


def test_an_unknown_goal_in_the_finder_is_ignored(client, climate):
    PublicationFactory(title="보고서")
    response = client.get("/ko/publications/?goal=<script>")
    assert response.status_code == 200
    assert listed(response) == ["보고서"]
    assert response.context["goal"]() is None


def test_policy_cases_filter_by_goal_too(client, climate):
    PublicationFactory(title="기후 사례", kind=Kind.POLICY_CASE, goals=[climate])
    PublicationFactory(title="다른 사례", kind=Kind.POLICY_CASE)
    response = client.get("/ko/publications/policy-cases/?goal=3-3")
    assert listed(response) == ["기후 사례"]


def test_the_site_search_filters_by_goal(client, climate, jobs):
    PublicationFactory(title="서울 기후 보고서", goals=[climate])
    PublicationFactory(title="서울 일자리 보고서", goals=[jobs])
    NewsItemFactory(title="서울 탄소 소식", goals=[climate])
    NewsItemFactory(title="서울 다른 소식")

    response = client.get("/ko/search/?q=서울&goal=3-3")

    titles = sorted(hit.title for hit in response.context["page"].object_list)
    assert titles == ["서울 기후 보고서", "서울 탄소 소식"]
    counts = {source.key: count for source, count in response.context["counts"]}
    assert counts["news"] == 1
    assert counts["publications"] == 1
    assert counts["training"] == 0  # training has no goals: out of a goal search
    html = response.content.decode()
    assert '<option value="3-3" selected>' in html
    assert "goal=3-3" in html  # the type links keep the goal


def test_the_site_search_finds_the_plan_under_its_goal(client, climate, jobs):
    response = client.get("/ko/search/?q=세부사업&goal=2-2")
    titles = sorted(hit.title for hit in response.context["page"].object_list)
    assert titles == ["세부사업 22", "지표 22"]  # the project, and its indicator by its name


def test_an_unknown_goal_in_the_search_is_ignored(client, climate):
    NewsItemFactory(title="서울 소식")
    response = client.get("/ko/search/?q=서울&goal=9-9")
    assert [hit.title for hit in response.context["page"].object_list] == ["서울 소식"]


@pytest.mark.parametrize("count", [1, 3])
def test_goal_page_and_tagged_detail_query_counts(client, django_assert_num_queries, count):
    goals = [make_goal(f"1-{n}", f"과제 {n}", n) for n in range(1, count + 1)]
    for _ in range(count):
        PublicationFactory(goals=goals, kind=Kind.POLICY_CASE)
        PublicationFactory(goals=goals)
        NewsItemFactory(goals=goals)
    case = PublicationFactory(slug="tagged", goals=goals)
    client.get("/ko/publications/tagged/")  # the footer's partners are cached after this
    # goal with tasks/projects/indicators (6), policy cases, publications, news
    with django_assert_num_queries(9):
        client.get("/ko/sdg/goals/1-1/")
    # publication, its sectors, attachments, translations, goals, projects, the goals' indicators
    # and actuals (2), related items
    with django_assert_num_queries(9):
        response = client.get(case.get_absolute_url())
    assert len(response.context["goal_rows"]()) == count  # read for the body's fragment


def test_the_finder_counts_follow_a_change_of_goals(client, climate):
    item = PublicationFactory(title="보고서")
    assert client.get("/ko/publications/?goal=3-3").context["page"].paginator.count == 0
    item.goals.add(climate)
    assert client.get("/ko/publications/?goal=3-3").context["page"].paginator.count == 1

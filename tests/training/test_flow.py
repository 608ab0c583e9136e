"""The form's flow without HTTP: drafts, the add/remove buttons, the two steps, sending."""

import pytest
from django.http import QueryDict

from tests.training.factories import MilestoneFactory, NominationFactory, TraineeFactory, form_data
from training.flow import (
    DRAFTS_KEY,
    MAX_DRAFT_CHARS,
    MAX_DRAFTS,
    NominationFlow,
    draft_from_post,
    edit_rows,
    empty_draft,
    fits,
)
from training.forms import MAX_ROWS
from training.models import Nomination


def post(**overrides):
    query = QueryDict(mutable=True)
    for key, value in form_data(**overrides).items():
        query[key] = value
    return query


def test_empty_draft_has_one_blank_row_of_each_kind():
    draft = empty_draft()
    assert draft["milestones"] == [{"date": "", "description": ""}]
    assert draft["trainees"] == [dict.fromkeys(
        ["name", "position", "duties", "reason", "english_ability"], ""
    )]  # fmt: skip
    assert draft["main"]["consent"] == "" and draft["main"]["website"] == ""


def test_draft_from_post_keeps_known_fields_and_caps_the_rows():
    draft = draft_from_post(post(**{"milestones-TOTAL_FORMS": "500", "is_admin": "yes"}))
    assert len(draft["milestones"]) == MAX_ROWS
    assert draft["milestones"][0] == {"date": "2024-03-14", "description": "타당성 조사 착수"}
    assert draft["milestones"][2] == {"date": "", "description": ""}
    assert "is_admin" not in draft["main"]
    assert draft["main"]["consent"] == "on"
    assert draft_from_post(post(consent=None))["main"]["consent"] == ""


@pytest.mark.parametrize(
    ("action", "milestones", "trainees", "is_button"),
    [
        ("continue", 2, 2, False),
        ("add-milestones", 3, 2, True),
        ("add-trainees", 2, 2, True),  # already two: the programme's limit
        ("remove-trainees-0", 2, 1, True),
        ("remove-milestones-1", 1, 2, True),
        ("remove-milestones-2", 2, 2, True),  # no such row
        ("remove-milestones-abc", 2, 2, True),
        ("remove-milestones-²", 2, 2, True),  # a digit int() refuses
    ],
)
def test_edit_rows(action, milestones, trainees, is_button):
    draft = draft_from_post(post())
    assert edit_rows(draft, action, max_trainees=2) is is_button
    assert (len(draft["milestones"]), len(draft["trainees"])) == (milestones, trainees)


def test_the_last_row_is_never_removed():
    draft = draft_from_post(post(**{"trainees-TOTAL_FORMS": "1"}))
    edit_rows(draft, "remove-trainees-0", max_trainees=2)
    assert [row["name"] for row in draft["trainees"]] == ["Nguyen Van An"]


@pytest.mark.django_db
def test_the_two_steps_keep_the_draft_in_the_session_and_forget_it_once_sent(programme):
    session = {}
    flow = NominationFlow(programme)
    forms, ready = flow.post_form(session, post(action="add-trainees"))
    assert (ready, forms.is_bound, forms.error_list()) == (False, False, [])
    assert flow.checked_forms(session) is not None  # the draft is valid and kept

    forms, ready = flow.post_form(session, post(writer_name=""))
    assert ready is False
    assert forms.error_list() == [("id_writer_name", "성명을 입력하세요")]
    assert flow.checked_forms(session) is None  # invalid: the check page sends back to the form

    forms, ready = flow.post_form(session, post())
    assert ready is True
    key = flow.submission_key(session)
    assert len(key) == 43
    nomination, created = flow.send(session, flow.checked_forms(session), language="en")
    assert (nomination.reference, nomination.language, created) == ("TR-2025-001", "en", True)
    assert nomination.submission_key == key
    # Sent again with the same draft (a second press): the same nomination, nothing new.
    assert flow.send(session, flow.checked_forms(session), language="en") == (nomination, False)
    assert Nomination.objects.count() == 1
    flow.forget(session)
    assert session == {DRAFTS_KEY: {}}


@pytest.mark.django_db
def test_changing_a_nomination_starts_from_what_was_sent(programme):
    nomination = NominationFactory(programme=programme, city="하노이")
    TraineeFactory(nomination=nomination, name="Nguyen Van An")
    MilestoneFactory(nomination=nomination)
    flow = NominationFlow(programme, nomination, "token")
    assert flow.urls["form"] == "/ko/training/nominations/token/change/"
    forms = flow.show_form({})
    assert forms.form["city"].value() == "하노이"
    assert forms.form["consent"].value() is True
    assert [f["name"].value() for f in forms.trainees] == ["Nguyen Van An"]
    assert [f["date"].value() for f in forms.milestones] == ["2024-03-14"]
    # The firm's own nomination is not a duplicate of itself.
    session = {}
    _forms, ready = flow.post_form(session, post(company=nomination.company, country="VN"))
    assert ready is True
    assert flow.submission_key(session) == ""  # a change has no submission key
    flow.send(session, flow.checked_forms(session), language="ko")
    assert Nomination.objects.get().city == "하노이"


@pytest.mark.django_db
def test_an_over_long_value_is_not_kept_and_is_echoed_clipped(programme):
    session = {}
    flow = NominationFlow(programme)
    forms, ready = flow.post_form(session, post(city_overview="가" * 9_500_000))
    assert ready is False
    assert session == {}  # nothing kept
    assert len(forms.form["city_overview"].value()) == 5000 + 1000
    messages = dict(forms.error_list())
    assert messages["id_city_overview"] == "5000자 이내로 입력하십시오. 지금 6000자입니다."
    assert messages["form-errors"] == (
        "답변이 너무 길어 보관할 수 없습니다: 가장 긴 글을 줄이세요(각 항목의 한도는 항목 옆에 "
        "있습니다)."
    )
    # A value at its field's limit is kept.
    flow.post_form(session, post(city_overview="가" * 5000))
    assert session[DRAFTS_KEY][flow.session_key]["main"]["city_overview"] == "가" * 5000


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "V" * 101),  # a choice: SHORT_VALUE
        ("consent", "on"),
        ("milestones-0-date", "2" * 101),
        ("trainees-0-english_ability", "x" * 101),
        ("website", "x" * 101),
        ("writer_name", "x" * 101),
    ],
)
def test_every_field_has_a_limit(field, value):
    draft = draft_from_post(post(**{field: value}))
    assert fits(draft) is (field == "consent")


def test_a_draft_of_values_within_their_limits_can_still_be_too_big():
    draft = draft_from_post(
        post(
            **{"trainees-TOTAL_FORMS": "20"},
            **{f"trainees-{i}-duties": "x" * 2000 for i in range(20)},
            **{f"trainees-{i}-reason": "x" * 2000 for i in range(20)},
        )
    )
    assert sum(len(row["duties"]) + len(row["reason"]) for row in draft["trainees"]) == 80_000
    assert MAX_DRAFT_CHARS < 80_000
    assert fits(draft) is False


@pytest.mark.django_db
def test_a_session_keeps_at_most_a_few_drafts(programme):
    from tests.training.factories import ProgrammeFactory

    session = {}
    flows = [NominationFlow(programme)] + [
        NominationFlow(ProgrammeFactory()) for _ in range(MAX_DRAFTS)
    ]
    for flow in flows:
        flow.post_form(session, post())
    assert list(session[DRAFTS_KEY]) == [flow.session_key for flow in flows[1:]]
    assert flows[0].checked_forms(session) is None  # the oldest went
    # Posting again makes a draft the newest; its submission key stays.
    key = flows[1].submission_key(session)
    flows[1].post_form(session, post(city="다낭"))
    assert list(session[DRAFTS_KEY])[-1] == flows[1].session_key
    assert flows[1].submission_key(session) == key

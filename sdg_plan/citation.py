"""The citable records of the SDG plan (archive_portal.lib.citation): each indicator, and the
indicators as one dataset (the open data page). The plan's text is Korean; its licence is the
one its document states (CC BY-ND 3.0)."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from archive_portal.lib import citation
from archive_portal.lib.timezone import seoul_today
from archive_portal.licences import citation_licence
from sdg_plan.models import PLAN_LICENCE

PLAN_TITLE = "제2차 서울특별시 지속가능발전 이행계획 (2020년~2024년)"
PLAN_AUTHOR = "서울특별시 기획조정실 평가담당관"
PUBLISHER = "서울특별시"
PLAN_ISSUED = date(2020, 12, 29)  # 결재일자 of 평가담당관-10544
LICENCE, LICENCE_URL = citation_licence(PLAN_LICENCE)  # the one the document states


def _archive():
    with translation.override("ko"):
        return str(settings.SITE_NAME)


def indicator_record(indicator, absolute_url):
    """An indicator's record; its page /sdg/indicators/<number>/ is its permanent address (the
    plan's numbers never change)."""
    return citation.Record(
        key=f"seoul-sdg-indicator-{indicator.number}",
        kind=citation.DATASET,
        title=f"{PLAN_TITLE} 성과지표 {indicator.number}: {indicator.name}",
        authors=(PLAN_AUTHOR,),
        publisher=PUBLISHER,
        issued=PLAN_ISSUED,
        url=absolute_url(indicator.get_absolute_url()),
        language="ko",
        licence=LICENCE,
        licence_url=LICENCE_URL,
        archive=_archive(),
        keywords=("SDGs", "지속가능발전", "성과지표"),
        accessed=seoul_today(),
        extra={"number": str(indicator.number)},
    )


def dataset_record(absolute_url):
    """The indicators as one dataset: the open data page and its CSV and JSON downloads."""
    return citation.Record(
        key="seoul-sdg-indicators-2020-2024",
        kind=citation.DATASET,
        title=f"{PLAN_TITLE}: 성과지표와 목표치",
        authors=(PLAN_AUTHOR,),
        publisher=PUBLISHER,
        issued=PLAN_ISSUED,
        url=absolute_url(reverse("sdg_plan:open_data")),
        language="ko",
        licence=LICENCE,
        licence_url=LICENCE_URL,
        archive=_archive(),
        keywords=("SDGs", "지속가능발전", "성과지표", "open data"),
        accessed=seoul_today(),
    )


def dataset_citation_text(record):
    """A reference to the dataset in the author (year). title. publisher. URL style of the
    publication pages."""
    return (
        f"{record.authors[0]} ({record.issued.year}). {record.title} [Data set]. "
        f"{record.publisher}. {record.url}"
    )

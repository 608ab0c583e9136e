"""JSON-LD of the open-data page: the plan's indicators as a Dataset with its two downloads
(see archive_portal/lib/structured_data.py)."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive_portal.lib import structured_data as sd
from archive_portal.licences import licence_info
from sdg_plan.models import PLAN_LICENCE


def indicators_dataset(request):
    url = request.build_absolute_uri(reverse("sdg_plan:open_data"))
    downloads = [
        ("sdg_plan:indicators_csv", "text/csv"),
        ("sdg_plan:indicators_json", "application/json"),
    ]
    return {
        "@context": sd.SCHEMA_ORG,
        "@type": "Dataset",
        "name": _("Seoul SDG implementation plan 2020–2024: indicators and targets"),
        "description": _(
            "The indicators of Seoul's 2nd SDG implementation plan (2020–2024): their place "
            "in the plan, responsible departments, yearly targets for 2020–2024 and 2030, actual "
            "values recorded by the city and the computed progress status."
        ),
        "url": url,
        "license": licence_info(PLAN_LICENCE).terms_en,
        "creator": sd.seoul_metropolitan_government(),
        "publisher": sd.seoul_metropolitan_government(),
        # Names in the address's language (the archive's English on /en/), targets as written.
        "inLanguage": get_language(),
        "isAccessibleForFree": True,
        "temporalCoverage": "2020/2030",
        "spatialCoverage": sd.seoul(),
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": encoding,
                "contentUrl": request.build_absolute_uri(reverse(name)),
            }
            for name, encoding in downloads
        ],
    }

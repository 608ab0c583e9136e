"""Reuse licences of the archive's items: the four types of 공공누리 (KOGL, Korea Open Government
License), the Creative Commons licence the SDG plan carries, and works the city cannot license.

Each content model has a `licence` field (`licence_field(default)`, a default per content type,
editable per item); `{% licence item.licence %}` shows the mark, its name and a link to its
terms; structured data and open-data files carry `terms_url`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    KOGL_1 = "kogl-1", _("KOGL Type 1: attribution")
    KOGL_2 = "kogl-2", _("KOGL Type 2: attribution, no commercial use")
    KOGL_3 = "kogl-3", _("KOGL Type 3: attribution, no derivatives")
    KOGL_4 = "kogl-4", _("KOGL Type 4: attribution, no commercial use, no derivatives")
    CC_BY_ND_3 = "cc-by-nd-3.0", _("CC BY-ND 3.0: attribution, no derivatives")
    RIGHTS_RESERVED = "rights-reserved", _("All rights reserved: ask the copyright holder")


@dataclass(frozen=True)
class LicenceInfo:
    code: str
    mark: str  # the short mark shown in the badge
    conditions: tuple  # BY (attribution), NC (no commercial use), ND (no derivatives)
    terms_ko: str
    terms_en: str

    @property
    def label(self):
        return Licence(self.code).label

    @property
    def terms_url(self):
        """The licence's own terms, in the page's language where the licensor has them."""
        return self.terms_en if get_language() == "en" else self.terms_ko

    @property
    def is_open(self):
        return self.code != Licence.RIGHTS_RESERVED

    @property
    def kogl_type(self):
        return int(self.code[-1]) if self.code.startswith("kogl-") else None


_KOGL = "https://www.kogl.or.kr/info/licenseType{n}.do"
_CC_BY_ND_3 = "https://creativecommons.org/licenses/by-nd/3.0/"

LICENCES = {
    Licence.KOGL_1: LicenceInfo(
        Licence.KOGL_1, "KOGL", ("BY",), _KOGL.format(n=1), _KOGL.format(n=1)
    ),
    Licence.KOGL_2: LicenceInfo(
        Licence.KOGL_2, "KOGL", ("BY", "NC"), _KOGL.format(n=2), _KOGL.format(n=2)
    ),
    Licence.KOGL_3: LicenceInfo(
        Licence.KOGL_3, "KOGL", ("BY", "ND"), _KOGL.format(n=3), _KOGL.format(n=3)
    ),
    Licence.KOGL_4: LicenceInfo(
        Licence.KOGL_4, "KOGL", ("BY", "NC", "ND"), _KOGL.format(n=4), _KOGL.format(n=4)
    ),
    Licence.CC_BY_ND_3: LicenceInfo(
        Licence.CC_BY_ND_3, "CC", ("BY", "ND"), _CC_BY_ND_3 + "deed.ko", _CC_BY_ND_3
    ),
    # No public licence: the terms page of this site explains whom to ask.
    Licence.RIGHTS_RESERVED: LicenceInfo(Licence.RIGHTS_RESERVED, "©", (), "", ""),
}


def licence_info(code):
    return LICENCES[Licence(code)]


def licence_field(default, **kwargs):
    """The `licence` field of a content model, with its content type's default."""
    return models.CharField(
        _("reuse licence"),
        max_length=20,
        choices=Licence.choices,
        default=default,
        help_text=_(
            "The terms on which anyone may reuse the item (공공누리/KOGL type). Choose "
            "'All rights reserved' for works the city cannot license, such as press articles."
        ),
        **kwargs,
    )


# How citation records (RIS, BibTeX, CSL-JSON: archive_portal.lib.citation) name each licence:
# one text for every page language, as the record's other fields, in English with the Korean
# name the licensor uses.
CITATION_NAMES = {
    Licence.KOGL_1: "KOGL Type 1: Attribution (공공누리 제1유형 출처표시)",
    Licence.KOGL_2: "KOGL Type 2: Attribution, No commercial use "
    "(공공누리 제2유형 출처표시+상업적 이용금지)",
    Licence.KOGL_3: "KOGL Type 3: Attribution, No derivatives (공공누리 제3유형 출처표시+변경금지)",
    Licence.KOGL_4: "KOGL Type 4: Attribution, No commercial use, No derivatives "
    "(공공누리 제4유형 출처표시+상업적 이용금지+변경금지)",
    Licence.CC_BY_ND_3: "CC BY-ND 3.0 (저작자표시-변경금지)",
    Licence.RIGHTS_RESERVED: "All rights reserved (저작권 보호)",
}


def citation_licence(code):
    """(name, terms URL) of a licence for a citation record; no URL for rights reserved."""
    return CITATION_NAMES[Licence(code)], licence_info(code).terms_en

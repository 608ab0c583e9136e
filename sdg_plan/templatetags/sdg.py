"""Template filters of the SDG pages: numbers as people write them, statuses, percentages."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from archive_portal.lib import bilingual
from sdg_plan.status import Status

register = template.Library()


def format_number(value):
    """Decimal("1000.0000") → "1,000"; Decimal("2.6000") → "2.6"; None → ""."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    text = f"{number.normalize():f}"
    whole, _dot, fraction = text.partition(".")
    return f"{int(whole):,}.{fraction}" if whole not in ("-0", "0") else text


@register.filter
def plain_number(value):
    return format_number(value)


@register.filter
def percent(value, digits=0):
    """0.834 → "83%"; None → "–"."""
    if value is None:
        return "–"
    return f"{value * 100:.{int(digits)}f}%"


@register.filter
def signed_percent(value):
    """Growth rates: 0.0123 → "+1.23%"."""
    if value is None:
        return "–"
    return f"{value * 100:+.2f}%"


@register.filter
def ratio(value):
    if value is None:
        return "–"
    return f"{value:.2f}"


@register.filter
def status_label(value):
    try:
        return Status(value).label
    except ValueError:
        return _("Not yet reported")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def contact_role(role, project):
    """A contact's role as the plan writes it (…과장, …팀장, 담당), in English on /en/ where it
    is the project's department or its head, a team leader or the officer in charge; what
    cannot be read that way stays Korean, marked lang="ko". Uses the project's prefetched
    departments (no query)."""
    if bilingual.page_language() == settings.LANGUAGE_CODE:
        return role
    departments = {r.department.name_ko: r.department.name for r in project.responsibilities.all()}
    role = (role or "").strip()
    if role == "담당":
        return _("Officer in charge")
    if role in departments:
        return departments[role]
    for suffix, label in (("위원장", _("Chair")), ("장", _("Head"))):
        unit = role.removesuffix(suffix).strip()
        if unit != role and unit in departments:
            return format_html("{}, {}", label, departments[unit])
    if role == "팀장":
        return _("Team leader")
    if role.endswith("팀장"):
        return format_html('{}, <span lang="ko">{}</span>', _("Team leader"), role[:-1])
    return bilingual.mark_korean(role)


# The status badge and the UN SDG tile appear once per indicator or goal on the long pages (109
# rows on the indicator list): tags, not {% include %}s, which cost far more per row.


@register.simple_tag
def sdg_status(status):
    """The badge of a progress status (a Status value)."""
    return format_html(
        '<span class="sdg-status sdg-status--{}">{}</span>', status, status_label(status)
    )


@register.simple_tag
def sdg_tile(number, large=False):
    """The coloured tile of a UN SDG number."""
    return format_html(
        '<span class="sdg-tile sdg-tile--{}{}"><span class="visually-hidden">{} </span>{}</span>',
        number,
        " sdg-tile--large" if large else "",
        _("UN SDG"),
        number,
    )

"""The 17 UN Sustainable Development Goals: number, short name and official colour.

Colours are the UN's official SDG icon colours (UN Department of Global Communications, SDG
communications guidelines). Names are translated like any UI string (Korean in the app's .po).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnSdg(models.IntegerChoices):
    NO_POVERTY = 1, _("No poverty")
    ZERO_HUNGER = 2, _("Zero hunger")
    GOOD_HEALTH = 3, _("Good health and well-being")
    QUALITY_EDUCATION = 4, _("Quality education")
    GENDER_EQUALITY = 5, _("Gender equality")
    CLEAN_WATER = 6, _("Clean water and sanitation")
    CLEAN_ENERGY = 7, _("Affordable and clean energy")
    DECENT_WORK = 8, _("Decent work and economic growth")
    INDUSTRY = 9, _("Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("Reduced inequalities")
    SUSTAINABLE_CITIES = 11, _("Sustainable cities and communities")
    RESPONSIBLE_CONSUMPTION = 12, _("Responsible consumption and production")
    CLIMATE_ACTION = 13, _("Climate action")
    LIFE_BELOW_WATER = 14, _("Life below water")
    LIFE_ON_LAND = 15, _("Life on land")
    PEACE_JUSTICE = 16, _("Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("Partnerships for the goals")


COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}


# The official titles of the 17 goals (UN General Assembly resolution A/RES/70/1, 2015), with
# the Korean titles used by the Korean government; each Seoul goal's page names the one it serves.
OFFICIAL_TITLES = {
    1: _("End poverty in all its forms everywhere"),
    2: _(
        "End hunger, achieve food security and improved nutrition and promote sustainable "
        "agriculture"
    ),
    3: _("Ensure healthy lives and promote well-being for all at all ages"),
    4: _(
        "Ensure inclusive and equitable quality education and promote lifelong learning "
        "opportunities for all"
    ),
    5: _("Achieve gender equality and empower all women and girls"),
    6: _("Ensure availability and sustainable management of water and sanitation for all"),
    7: _("Ensure access to affordable, reliable, sustainable and modern energy for all"),
    8: _(
        "Promote sustained, inclusive and sustainable economic growth, full and productive "
        "employment and decent work for all"
    ),
    9: _(
        "Build resilient infrastructure, promote inclusive and sustainable industrialization "
        "and foster innovation"
    ),
    10: _("Reduce inequality within and among countries"),
    11: _("Make cities and human settlements inclusive, safe, resilient and sustainable"),
    12: _("Ensure sustainable consumption and production patterns"),
    13: _("Take urgent action to combat climate change and its impacts"),
    14: _(
        "Conserve and sustainably use the oceans, seas and marine resources for sustainable "
        "development"
    ),
    15: _(
        "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably "
        "manage forests, combat desertification, and halt and reverse land degradation and "
        "halt biodiversity loss"
    ),
    16: _(
        "Promote peaceful and inclusive societies for sustainable development, provide access "
        "to justice for all and build effective, accountable and inclusive institutions at all "
        "levels"
    ),
    17: _(
        "Strengthen the means of implementation and revitalize the Global Partnership for "
        "Sustainable Development"
    ),
}


def official_page(number):
    """The UN's page of goal `number`."""
    return f"https://sdgs.un.org/goals/goal{number}"

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

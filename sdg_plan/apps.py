from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgPlanConfig(AppConfig):
    name = "sdg_plan"
    verbose_name = _("SDG implementation plan")

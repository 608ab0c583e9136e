"""sitemap.xml entries of the SDG plan: goals, projects, indicators and departments, both
languages (named in sdg_plan/section.py)."""

from django.urls import reverse

from archive_portal.sitemaps import I18nSitemap
from sdg_plan.models import Department, Goal, Indicator, Project


class SdgPagesSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["sdg_plan:indicator_list", "sdg_plan:department_list", "sdg_plan:open_data"]

    def location(self, item):
        return reverse(item)


class SdgGoalSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    url_name = "sdg_plan:goal"
    url_field = "code"

    def items(self):
        return Goal.objects.order_by("code")


class SdgProjectSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.5

    url_name = "sdg_plan:project"
    url_field = "number"

    def items(self):
        return Project.objects.order_by("number")


class SdgIndicatorSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.5

    url_name = "sdg_plan:indicator"
    url_field = "number"

    def items(self):
        return Indicator.objects.order_by("number")


class SdgDepartmentSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.3

    url_name = "sdg_plan:department"
    url_field = "pk"

    def items(self):
        return Department.objects.order_by("name", "pk")


SITEMAPS = {
    "sdg-pages": SdgPagesSitemap,
    "sdg-goals": SdgGoalSitemap,
    "sdg-projects": SdgProjectSitemap,
    "sdg-indicators": SdgIndicatorSitemap,
    "sdg-departments": SdgDepartmentSitemap,
}

"""The filters of the all-indicators page (GET; invalid choices are reported, never a 500)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.widgets import FastSelect
from sdg_plan.models import Department, Goal, Strategy
from sdg_plan.status import ORDER
from sdg_plan.un_sdgs import UnSdg


class IndicatorFilterForm(forms.Form):
    strategy = forms.TypedChoiceField(
        label=_("Strategy"), required=False, coerce=int, widget=FastSelect
    )
    goal = forms.ChoiceField(label=_("Goal"), required=False, widget=FastSelect)
    department = forms.TypedChoiceField(
        label=_("Responsible department"), required=False, coerce=int, widget=FastSelect
    )
    sdg = forms.TypedChoiceField(label=_("UN SDG"), required=False, coerce=int, widget=FastSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)

    def __init__(self, *args, strategies, goals, departments, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["strategy"].choices = everything + [
            (s.number, f"{s.number}. {s.title}") for s in strategies
        ]
        self.fields["goal"].choices = everything + [(g.code, f"{g.code}. {g.title}") for g in goals]
        self.fields["department"].choices = everything + [(d.pk, d.name) for d in departments]
        self.fields["sdg"].choices = everything + [
            (value, f"SDG {value}. {label}") for value, label in UnSdg.choices
        ]
        self.fields["status"].choices = everything + [(s.value, s.label) for s in ORDER]


def filter_choices():
    """The rows the filter form offers (3 queries)."""
    return {
        "strategies": list(Strategy.objects.all()),
        "goals": list(Goal.objects.all()),
        "departments": list(Department.objects.order_by("name")),
    }

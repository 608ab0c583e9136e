"""The SDG plan's names in Korean and English (django-modeltranslation). The English names come
from sdg_plan/data/english.json (written by the archive; the Korean plan prevails). The projects'
long sections (추진경과, 추진내용, 향후 추진계획) stay in Korean, marked lang="ko" on /en/."""

from modeltranslation.translator import TranslationOptions, register

from sdg_plan.models import Department, Goal, Indicator, Project, Strategy, Task


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ko": ("title",)}


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ko": ("title",)}


@register(Task)
class TaskTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ko": ("title",)}


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"ko": ("name",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "note")
    required_languages = {"ko": ("name",)}


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"ko": ("name",)}


# The history (simple_history) keeps both languages, and a restore brings both back.
for _model, _fields in [
    (Strategy, ("title",)),
    (Goal, ("title",)),
    (Task, ("title",)),
    (Project, ("name",)),
    (Indicator, ("name", "unit", "note")),
]:
    _options = type(f"Historical{_model.__name__}Translation", (TranslationOptions,), {})
    _options.fields = _fields
    register(_model.history.model)(_options)

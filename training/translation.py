"""The programme fields kept in Korean and English (django-modeltranslation). Nominations are
written by the firms in whatever language they use: not translated. See news/translation.py."""

from modeltranslation.translator import TranslationOptions, register

from training.models import TRANSLATED, Programme, ScheduleItem


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = TRANSLATED
    required_languages = {"ko": ("title", "contact_department", "contact_person")}


# The history (simple_history) keeps both languages, and a restore brings both back.
@register(Programme.history.model)
class HistoricalProgrammeTranslation(TranslationOptions):
    fields = TRANSLATED


@register(ScheduleItem)
class ScheduleItemTranslation(TranslationOptions):
    fields = ("day", "category", "activities", "host_note")
    required_languages = {"ko": ("day", "activities")}

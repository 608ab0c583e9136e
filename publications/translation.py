"""The publication fields kept in Korean and English (django-modeltranslation: `title_ko`,
`title_en`…). Sectors already carry `name_ko`/`name_en`. See news/translation.py."""

from modeltranslation.translator import TranslationOptions, register

from publications.models import TRANSLATED, Attachment, Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = TRANSLATED
    required_languages = {"ko": ("title", "publisher")}


# The history (simple_history) keeps both languages, and a restore brings both back.
@register(Publication.history.model)
class HistoricalPublicationTranslation(TranslationOptions):
    fields = TRANSLATED


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title",)

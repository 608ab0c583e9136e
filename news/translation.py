"""The news fields kept in Korean and English (django-modeltranslation: `title_ko`, `title_en`…).

`title` reads the page's language and falls back to Korean; templates mark the fallback
(archive_portal.lib.bilingual). The generated search columns index both languages."""

from modeltranslation.translator import TranslationOptions, register

from news.models import TRANSLATED, NewsAttachment, NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = TRANSLATED
    required_languages = {"ko": ("title",)}


# The history (simple_history) keeps both languages, and a restore brings both back.
@register(NewsItem.history.model)
class HistoricalNewsItemTranslation(TranslationOptions):
    fields = TRANSLATED


@register(NewsAttachment)
class NewsAttachmentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ko": ("title",)}

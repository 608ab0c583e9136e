"""The body editor of the admin: a WYSIWYG editor (ProseMirror through django-prose-editor's
bundle, served from our own static files) on a plain textarea, and the form field that cleans
what it sends.

The editor is loaded as a JavaScript module file (static/js/admin_editor.js) that imports the
bundle by path: no inline script and no import map, so it works under a strict CSP. Without
JavaScript the textarea stays and takes HTML. Whatever arrives is sanitised with nh3 on save
(archive_portal.lib.richtext) and every image must have a text alternative.
"""

from html.parser import HTMLParser

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.richtext import sanitize_html


class RichTextWidget(forms.Textarea):
    template_name = "archive_portal/widgets/rich_text.html"  # an app template: form renderers

    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "css/admin_editor.css",
            ]
        }
        # Its words come from the admin's JavaScript catalogue (admin:jsi18n, loaded before the
        # form's media; Korean in locale/ko/LC_MESSAGES/djangojs.po).
        js = [forms.Script("js/admin_editor.js", type="module")]

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "data-rich-text": "", **(attrs or {})})


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.missing_alt = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.missing_alt += 1


def images_without_alt(html):
    parser = _Images()
    parser.feed(html)
    return parser.missing_alt


def is_empty(html):
    """The editor sends an empty paragraph for an empty document."""
    return html.strip() in ("", "<p></p>", "<p><br></p>")


class RichTextField(forms.CharField):
    """HTML from the editor: sanitised (nh3), and refused while an image has no alt text."""

    widget = RichTextWidget

    def clean(self, value):
        value = super().clean(value)
        if is_empty(value):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return ""
        cleaned = sanitize_html(value)
        missing = images_without_alt(cleaned)
        if missing:
            raise ValidationError(
                _(
                    "Every image needs a text alternative: describe what it shows in the image's "
                    "“alt text” (%(count)s image without one)."
                ),
                code="alt",
                params={"count": missing},
            )
        return cleaned
